"""Check ``judgement``: the rule's ``terms`` used as a verdict in the outlet's own voice.

"an apparent violation", "a clear breach", "a landmark ruling". Quiet by default when
the sentence has a source (named or vague): the verdict is then somebody's. The
matching is shared with ``hedge`` (see :mod:`copydesk.kinds.attribution.terms`).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from copydesk.kinds.attribution.base import Quiet
from copydesk.kinds.attribution.family import TermCheck
from copydesk.kinds.attribution.terms import TermRule
from copydesk.kinds.registry import kind


class JudgementRule(TermRule):
    check: Literal["judgement"]
    default_quiet: ClassVar[Quiet] = "sourced_in_sentence"


@kind("attribution", JudgementRule, check="judgement")
class Judgement(TermCheck):
    """Its rules' terms are matched by the family's shared term matcher."""
