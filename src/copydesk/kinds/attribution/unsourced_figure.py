"""Check ``unsourced_figure``: a claim stating a number with no source for it.

A count, a sum of money or a percentage ("40 people died", "7.2 percent") in a claim
sentence, reported at the sentence's first figure. Quiet by default when the
sentence or its paragraph has a source, and silent on a figure inside a claim another
check already flagged (the hedge or vague source is the problem; the figure is part of it).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Literal

from copydesk.analysis.attribution import Attribution
from copydesk.kinds.attribution.base import AttributionRule, Quiet, format_message, is_quiet
from copydesk.kinds.attribution.family import ClaimCheck
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class UnsourcedFigureRule(AttributionRule):
    check: Literal["unsourced_figure"]
    default_quiet: ClassVar[Quiet] = "sourced_in_paragraph"


@kind("attribution", UnsourcedFigureRule, check="unsourced_figure")
class UnsourcedFigure(ClaimCheck):
    """Reports the first figure of each claim sentence the rule is not quiet for."""

    def find(
        self, ctx: Context, result: Attribution, rule: AttributionRule, flagged: dict[int, list[Hit]]
    ) -> Iterable[Hit]:
        for sa in result.sentences:
            if not sa.figures or sa.block_quote or is_quiet(rule.quiet, sa) or not sa.claim:
                continue
            # A figure inside quotation marks is copied from whoever is quoted (a speaker,
            # a document's wording): report the first one outside. A figure after a
            # hedge is part of the claim the hedge charges ("allegedly paid $20,000");
            # one before it stands on its own ("nearly 8,000 crossed the border,
            # allegedly to study"), and a reaction ("in a move that sparked criticism,
            # ...") hedges nothing.
            hedges = [h.start for h in flagged.get(sa.index, ()) if getattr(h.rule, "check", "") == "hedge"]
            first = min(hedges, default=sa.end)
            own = [(a, b) for a, b in sa.figures if a < first and not _quoted(ctx, a, b)]
            if own:
                start, end = own[0]
                yield Hit(
                    rule,
                    start,
                    end,
                    suggestion=rule.suggestion,
                    message=format_message(rule.message, ctx.text[start:end], None),
                    evidence={"figures": [ctx.text[a:b] for a, b in own]},
                )


def _quoted(ctx: Context, start: int, end: int) -> bool:
    """Inside any quotation, speech or not, or inside an attributed view."""
    if ctx.in_quote(start, end):
        return True
    doc = ctx.doc
    i = bisect_right(doc._quote_starts, start) - 1
    return i >= 0 and end <= doc.quotes[i].end
