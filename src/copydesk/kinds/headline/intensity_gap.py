"""Check ``headline`` / ``intensity_gap``: the headline's tone goes well beyond the body's.

The headline's VADER compound must reach ``min_headline`` in absolute value and exceed
the body's peak on the same side (analysis/headline/tone.py) by ``min_gap``: a grim
headline over a grim story is not flagged.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from copydesk.analysis.headline import headline_figures, tone_gap
from copydesk.analysis.headline.support import clip
from copydesk.kinds.headline.base import HeadlineCheck, HeadlineRule, fill
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class IntensityGapRule(HeadlineRule):
    check: Literal["intensity_gap"]
    min_headline: float = Field(default=0.5, ge=0.0, le=1.0)
    min_gap: float = Field(default=0.5, ge=0.0, le=2.0)


@kind("headline", IntensityGapRule, check="intensity_gap")
class IntensityGapChecker(HeadlineCheck[IntensityGapRule]):
    def figures(self, ctx: Context, published: dict[str, Any]) -> dict[str, Any]:
        return {**super().figures(ctx, published), **headline_figures(ctx, tone=True)}

    def check(self, rule: IntensityGapRule, ctx: Context) -> Iterable[Hit]:
        gap = ctx.analysis(tone_gap)
        if gap is None:
            return
        head, body = gap.headline, gap.body_peak
        if abs(head) < rule.min_headline or abs(head) - abs(body) < rule.min_gap:
            return
        start, end = ctx.doc.headline  # type: ignore[misc]
        yield Hit(
            rule=rule,
            dedupe=False,
            start=start,
            end=end,
            message=fill(
                rule.message,
                match=clip(ctx.text[start:end], 80),
                headline=f"{head:+.2f}",
                body=f"{body:+.2f}",
            ),
            suggestion=rule.suggestion,
            evidence={"headline_tone": round(head, 3), "body_peak_tone": round(body, 3)},
        )
