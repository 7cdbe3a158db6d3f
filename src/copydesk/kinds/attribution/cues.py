"""Checks that report the analysis's cues: ``vague_source``, ``passive``, ``reaction``.

The source analysis marks each construction that hides who says so with a cue of one
of these kinds; a rule of the same ``check`` turns each cue outside a quotation into
a finding. When the cue names a vague group ("experts", "international leaders") the
rule's ``message_vague`` is used, with ``{source}`` naming the group.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from pydantic import Field

from copydesk.analysis.attribution import Attribution
from copydesk.kinds.attribution.base import AttributionRule, format_message, is_quiet
from copydesk.kinds.attribution.family import SentenceCheck
from copydesk.kinds.registry import Hit

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class CueRule(AttributionRule):
    """An attribution rule that reports the analysis's cues of its own ``check``."""

    # Used instead of `message` when the source is a vague group; `{source}` names it.
    message_vague: str | None = Field(default=None, min_length=1, max_length=300)


class CueCheck(SentenceCheck):
    """Reports the cues whose kind is the rule's ``check``."""

    def find(self, ctx: Context, result: Attribution, rule: AttributionRule) -> Iterable[Hit]:
        assert isinstance(rule, CueRule)
        for sa in result.sentences:
            if is_quiet(rule.quiet, sa):
                continue
            for cue in sa.cues:
                if cue.kind != rule.check:
                    continue
                if ctx.in_quote(cue.start, cue.end):
                    continue  # inside a quotation the attribution is the speaker's business
                excerpt = ctx.text[cue.start : cue.end]
                template = rule.message_vague if (cue.source and rule.message_vague) else rule.message
                suggestion = format_message(rule.suggestion, excerpt, cue.source) if rule.suggestion else None
                yield Hit(
                    rule,
                    cue.start,
                    cue.end,
                    suggestion=suggestion,
                    message=format_message(template, excerpt, cue.source),
                    weight=cue.weight,
                    evidence={"source": cue.source, "party": cue.party} if cue.source else {},
                )
