"""The figures the report publishes under the headline dimension.

One function, ``headline_figures``, turns the headline analyses into the report's
figures: ``support``, ``evidence`` and ``missing_terms`` (support.py), the tones
(tone.py) and ``headings`` (headings.py). Which parts appear, and with which
parameters, is the caller's choice: the headline checks (kinds/headline/base.py) ask
for the parts of the rules that are enabled, so the report shows a figure exactly when
a rule that measures it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from copydesk.analysis.headline.headings import HeadingParams, heading_support
from copydesk.analysis.headline.support import SupportParams, headline_support, sentence_evidence
from copydesk.analysis.headline.tone import tone_gap

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


def headline_figures(
    ctx: Context,
    support: SupportParams | None = None,
    *,
    tone: bool = False,
    headings: HeadingParams | None = None,
) -> dict[str, Any]:
    """The requested figures, in the report's order; a part the article has nothing
    for (no headline, no headings with text under them) is left out."""
    out: dict[str, Any] = {}
    if support is not None:
        result = headline_support(ctx, support)
        if result is not None:
            out["support"] = round(result.support, 3)
            out["evidence"] = [sentence_evidence(ctx, i, share) for i, share in result.evidence]
            out["missing_terms"] = [t.word for t in result.missing()]
    if tone:
        gap = ctx.analysis(tone_gap)
        if gap is not None:
            out["headline_tone"] = round(gap.headline, 3)
            out["body_tone"] = round(gap.body_mean, 3)
            out["body_peak_tone"] = round(gap.body_peak, 3)
    if headings is not None:
        report = heading_support(ctx, headings)
        if report:
            out["headings"] = [
                {
                    "heading": ctx.text[h.start : h.end],
                    "support": round(h.support, 3),
                    "drift_share": round(h.drift_share, 3),
                }
                for h in report
            ]
    return out
