"""Check ``vague_source``: a claim pinned on a group nobody can check.

"experts predict", "according to reports", "critics say", "officials said": the
analysis ties a reporting verb to a vague group. Never quiet by default: a vague
source stays vague whoever else the sentence names.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from copydesk.kinds.attribution.base import Quiet
from copydesk.kinds.attribution.cues import CueCheck, CueRule
from copydesk.kinds.registry import kind


class VagueSourceRule(CueRule):
    check: Literal["vague_source"]
    default_quiet: ClassVar[Quiet] = "never"


@kind("attribution", VagueSourceRule, check="vague_source")
class VagueSource(CueCheck):
    """Reports the analysis's ``vague_source`` cues."""
