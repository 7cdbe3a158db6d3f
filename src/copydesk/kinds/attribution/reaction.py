"""Check ``reaction``: a reaction with nobody who reacts.

"has sparked fears", "raised concerns among international leaders", "was met with
condemnation": the reaction is reported, the reacting party is missing or vague.
Quiet by default when the sentence names its source.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from copydesk.kinds.attribution.base import Quiet
from copydesk.kinds.attribution.cues import CueCheck, CueRule
from copydesk.kinds.registry import kind


class ReactionRule(CueRule):
    check: Literal["reaction"]
    default_quiet: ClassVar[Quiet] = "named_in_sentence"


@kind("attribution", ReactionRule, check="reaction")
class Reaction(CueCheck):
    """Reports the analysis's ``reaction`` cues."""
