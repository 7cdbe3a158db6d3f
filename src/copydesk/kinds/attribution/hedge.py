"""Check ``hedge``: words from the rule's ``terms`` that hide or soften the source.

"allegedly", "reportedly"; "may", "possibly"; "some", "many". Quiet by default when
the sentence names its source (the hedge is then that source's). The matching is
shared with ``judgement`` (see :mod:`copydesk.kinds.attribution.terms`).
"""

from __future__ import annotations

from typing import ClassVar, Literal

from copydesk.kinds.attribution.base import Quiet
from copydesk.kinds.attribution.family import TermCheck
from copydesk.kinds.attribution.terms import TermRule
from copydesk.kinds.registry import kind


class HedgeRule(TermRule):
    check: Literal["hedge"]
    default_quiet: ClassVar[Quiet] = "named_in_sentence"


@kind("attribution", HedgeRule, check="hedge")
class Hedge(TermCheck):
    """Its rules' terms are matched by the family's shared term matcher."""
