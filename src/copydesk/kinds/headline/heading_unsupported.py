"""Check ``headline`` / ``heading_unsupported``: a section heading its text does not carry.

A heading is unsupported when what it announces is barely in its section (heading
support below ``threshold``), or when at least ``drift_share`` of the section's words
are in sentences about another story: little shared with the article, nothing with
the heading, and at least ``min_new_names`` actors nobody else in the article names.
The measuring is in analysis/headline/headings.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from copydesk.analysis.headline import HeadingParams, heading_support, headline_figures, sentence_cohesion
from copydesk.analysis.headline.support import clip, sentence_evidence
from copydesk.kinds.headline.base import DriftRule, HeadlineCheck, Words, fill
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class HeadingUnsupportedRule(DriftRule):
    check: Literal["heading_unsupported"]
    # Heading support below which the section does not carry its heading.
    threshold: float = Field(default=0.3, ge=0.0, le=1.0)
    prefix_credit: float = Field(default=0.5, ge=0.0, le=1.0)
    # Share of the section's words in drifted sentences that makes the heading misleading.
    drift_share: float = Field(default=0.3, ge=0.0, le=1.0)
    # Words of one family that support each other ("reactions" <- "condemnation").
    support_terms: Words = Field(default_factory=list, max_length=1000)


@kind("headline", HeadingUnsupportedRule, check="heading_unsupported")
class HeadingUnsupportedChecker(HeadlineCheck[HeadingUnsupportedRule]):
    def __init__(self, rules: list[HeadingUnsupportedRule]) -> None:
        super().__init__(rules)
        self._params: dict[str, HeadingParams] = {}

    def params(self, rule: HeadingUnsupportedRule) -> HeadingParams:
        """The rule's measuring fields, built once per rule."""
        if rule.id not in self._params:
            family = frozenset(self.phrases(rule, "support_terms").last_stems)
            self._params[rule.id] = HeadingParams(family, rule.prefix_credit, rule.drift, rule.min_new_names)
        return self._params[rule.id]

    def figures(self, ctx: Context, published: dict[str, Any]) -> dict[str, Any]:
        own = headline_figures(ctx, headings=self.params(self.rules[0]))
        return {**super().figures(ctx, published), **own}

    def check(self, rule: HeadingUnsupportedRule, ctx: Context) -> Iterable[Hit]:
        doc = ctx.doc
        for h in heading_support(ctx, self.params(rule)):
            if h.support >= rule.threshold and h.drift_share < rule.drift_share:
                continue
            if h.drifted and h.drift_share >= rule.drift_share:
                s = doc.sentences[h.drifted[0]]
                detail = (
                    "a sentence under it is about something else: \u201c"
                    + clip(ctx.text[s.start : s.end], 70)
                    + "\u201d"
                )
            else:
                detail = "the text under it does not mention what it announces"
            cohesion = ctx.analysis(sentence_cohesion)
            # Drift alone (the heading is what the rest of the section is about): the
            # problem is the sentences, which the focus dimension charges if it flags them.
            rests_on = (
                tuple((doc.sentences[j].start, doc.sentences[j].end) for j in h.drifted)
                if h.support >= rule.threshold
                else ()
            )
            yield Hit(
                rests_on=rests_on,
                rule=rule,
                dedupe=False,
                start=h.start,
                end=h.end,
                message=fill(rule.message, match=ctx.text[h.start : h.end], detail=detail),
                suggestion=rule.suggestion,
                evidence={
                    "support": round(h.support, 3),
                    "drift_share": round(h.drift_share, 3),
                    "drifted": [
                        {
                            **sentence_evidence(ctx, j),
                            "cohesion": round(cohesion[j].share, 3),
                            "new_names": list(cohesion[j].new_names),
                        }
                        for j in h.drifted
                    ],
                },
            )
