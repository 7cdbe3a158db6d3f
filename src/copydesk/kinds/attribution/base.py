"""What every attribution rule has: its ``check``, when it keeps quiet, its word lists.

Each check of the family (one module each, beside this one) has its own model built
on :class:`AttributionRule` with only the fields that check reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, Literal

from copydesk.analysis.attribution import Lexicon, SentenceAttribution
from copydesk.kinds.attribution.lexicon import SourceLists
from copydesk.kinds.base import RuleBase

Quiet = Literal["never", "named_in_sentence", "sourced_in_sentence", "sourced_in_paragraph"]


class AttributionRule(RuleBase):
    """Fields of every attribution rule; a check's model narrows ``check`` to its name."""

    kind: Literal["attribution"]
    check: str
    quiet_when: Quiet | None = None
    # Word lists for the source analysis, merged over all loaded rules: any rule may
    # carry them, and they stay in force whatever the rule's own check finds.
    lexicon: SourceLists | None = None

    # When the check keeps quiet unless the rule says otherwise (``quiet_when``).
    default_quiet: ClassVar[Quiet] = "named_in_sentence"

    @property
    def quiet(self) -> Quiet:
        return self.quiet_when or self.default_quiet


def lexicon_of(rules: Iterable[RuleBase]) -> Lexicon:
    """The word lists of the attribution rules among ``rules``, merged in load order."""
    merged = Lexicon()
    for rule in rules:
        if isinstance(rule, AttributionRule) and rule.lexicon is not None:
            merged = merged.merged(rule.lexicon.compile())
    return merged


def is_quiet(policy: Quiet, sa: SentenceAttribution) -> bool:
    """Whether a sentence's sources silence a rule with this ``quiet_when`` policy."""
    if policy == "never":
        return False
    if policy == "named_in_sentence":
        return sa.named_here
    if policy == "sourced_in_sentence":
        return sa.sourced_here
    return sa.sourced_here or sa.source != "none"


def format_message(template: str, match: str, source: str | None) -> str:
    """Fill ``{match}`` (the flagged words, shortened) and ``{source}`` into a message."""
    flat = " ".join(match.split())
    if len(flat) > 80:
        flat = flat[:79] + "…"
    return template.replace("{match}", flat).replace("{source}", source or "source")
