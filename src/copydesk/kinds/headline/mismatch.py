"""Check ``headline`` / ``mismatch``: the body does not carry the headline.

The headline's information (content words, names and numbers, weighted by rarity,
matched through inflection) is largely absent from the body, and especially from its
lead: ``support`` (analysis/headline/support.py) below ``threshold`` means the headline
does not describe this body.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from copydesk.analysis.headline import SupportParams, headline_figures, headline_support
from copydesk.analysis.headline.support import body_order, clip, sentence_evidence
from copydesk.kinds.headline.base import HeadlineCheck, HeadlineRule, fill
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class MismatchRule(HeadlineRule):
    check: Literal["mismatch"]
    # Support below which the headline does not describe the body.
    threshold: float = Field(default=0.3, ge=0.0, le=1.0)
    # Full credit for a term in the first lead_sentences sentences, deep_credit further
    # down, prefix_credit for a derivation the stemmer leaves apart.
    lead_sentences: int = Field(default=3, ge=1, le=20)
    deep_credit: float = Field(default=0.6, ge=0.0, le=1.0)
    prefix_credit: float = Field(default=0.5, ge=0.0, le=1.0)
    # Headlines carrying less information than this (a label such as "Obituaries")
    # are not judged.
    min_weight: float = Field(default=3.0, ge=0.0, le=100.0)

    @property
    def support_params(self) -> SupportParams:
        return SupportParams(self.lead_sentences, self.deep_credit, self.prefix_credit)


@kind("headline", MismatchRule, check="mismatch")
class MismatchChecker(HeadlineCheck[MismatchRule]):
    def figures(self, ctx: Context, published: dict[str, Any]) -> dict[str, Any]:
        # The support figures are measured as this check measures them.
        return headline_figures(ctx, self.rules[0].support_params)

    def check(self, rule: MismatchRule, ctx: Context) -> Iterable[Hit]:
        result = headline_support(ctx, rule.support_params)
        if result is None or result.total < rule.min_weight or not body_order(ctx):
            return
        if result.support >= rule.threshold:
            return
        start, end = ctx.doc.headline  # type: ignore[misc]
        headline = ctx.text[start:end]
        missing = [t.word for t in sorted(result.missing(), key=lambda t: -t.weight)][:5]
        yield Hit(
            rule=rule,
            dedupe=False,
            start=start,
            end=end,
            message=fill(
                rule.message,
                match=clip(headline, 80),
                support=f"{result.support:.0%}",
                missing=", ".join(missing) or "-",
            ),
            suggestion=rule.suggestion,
            evidence={
                "support": round(result.support, 3),
                "threshold": rule.threshold,
                "missing_terms": missing,
                "evidence": [sentence_evidence(ctx, i, s) for i, s in result.evidence],
            },
        )
