"""Check ``passive``: attribution with the agent left out.

"it is believed", "is said to", "is widely regarded as": a passive that hides who
believes or says so. Quiet by default when the sentence names its source.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from copydesk.kinds.attribution.base import Quiet
from copydesk.kinds.attribution.cues import CueCheck, CueRule
from copydesk.kinds.registry import kind


class PassiveRule(CueRule):
    check: Literal["passive"]
    default_quiet: ClassVar[Quiet] = "named_in_sentence"


@kind("attribution", PassiveRule, check="passive")
class Passive(CueCheck):
    """Reports the analysis's ``passive`` cues."""
