"""Check ``headline`` / ``figure_bound``: the headline's figure says more than the body's.

The body states the number, but with a looser bound: the headline says "more than
110,000" where the body only says "about 110,000" or "up to 110,000", or a bare "500
homes" where the body says "as many as 500". The number is the same (within rounding,
as for ``missing_fact``); the claim is not. Each body mention of the number is read with
the words just before it: when none of them bears the headline's bound out, the
headline overstates the figure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from copydesk.analysis.headline.support import body_order, sentence_evidence
from copydesk.analysis.terms import numbers_in
from copydesk.kinds.headline.base import HeadlineCheck, HeadlineRule, fill
from copydesk.kinds.headline.missing_fact import same_number
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class FigureBoundRule(HeadlineRule):
    check: Literal["figure_bound"]
    # Words before a number that make it a floor ("more than", "over", "at least").
    floors: list[str] = Field(default_factory=list, max_length=100)
    # Words before a number that make it an estimate or a ceiling.
    estimates: list[str] = Field(default_factory=list, max_length=100)
    ceilings: list[str] = Field(default_factory=list, max_length=100)
    # Figures below this are not checked: small counts are written every which way.
    min_value: float = Field(default=10.0, ge=0.0)


def _before(words: list[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    # The bound ends just before the number, allowing a currency sign or "a"/"an".
    return re.compile(rf"\b(?:{alts})\s+(?:an?\s+|some\s+)?[$€£¥]?\s*$", re.IGNORECASE)


@kind("headline", FigureBoundRule, check="figure_bound")
class FigureBoundChecker(HeadlineCheck[FigureBoundRule]):
    def __init__(self, rules: list[FigureBoundRule]) -> None:
        super().__init__(rules)
        self._res: dict[str, tuple[re.Pattern[str] | None, ...]] = {}

    def bounds(self, rule: FigureBoundRule) -> tuple[re.Pattern[str] | None, ...]:
        if rule.id not in self._res:
            self._res[rule.id] = (_before(rule.floors), _before(rule.estimates), _before(rule.ceilings))
        return self._res[rule.id]

    def check(self, rule: FigureBoundRule, ctx: Context) -> Iterable[Hit]:
        doc = ctx.doc
        order = body_order(ctx)
        if doc.headline is None or not order:
            return
        floor, estimate, ceiling = self.bounds(rule)
        h0, h1 = doc.headline
        headline = ctx.text[h0:h1]
        for n in numbers_in(headline, h0, words=False):
            if n.value < rule.min_value or (1900 <= n.value <= 2100 and n.value == int(n.value)):
                continue
            lead = ctx.text[max(h0, n.start - 30) : n.start]
            head_floor = floor is not None and floor.search(lead) is not None
            head_loose = any(p is not None and p.search(lead) for p in (estimate, ceiling))
            if head_loose:
                continue  # the headline already hedges the figure
            mentions: list[tuple[int, str]] = []
            for i in order:
                s = doc.sentences[i]
                text = ctx.text[s.start : s.end]
                for m in numbers_in(text):
                    if same_number(n.value, m.value) and m.percent == n.percent:
                        mentions.append((i, text[max(0, m.start - 30) : m.start]))
            if not mentions:
                continue  # a figure the body never states is missing_fact's
            if head_floor:
                # A floor needs a body floor, or the bare figure stated as a count.
                loose = [
                    (i, b)
                    for i, b in mentions
                    if any(p is not None and p.search(b) for p in (estimate, ceiling))
                ]
                if len(loose) < len(mentions):
                    continue
                what = "an estimate or a ceiling"
            else:
                loose = [(i, b) for i, b in mentions if ceiling is not None and ceiling.search(b)]
                if not loose or len(loose) < len(mentions):
                    continue
                what = "a ceiling"
            start = n.start
            if head_floor:
                m = floor.search(lead)  # type: ignore[union-attr]
                start = max(h0, n.start - 30) + m.start() if m else n.start
            end = n.end
            tail = re.match(r"\s+[^\W\d_]+", ctx.text[end:h1])
            if tail:
                end += tail.end()  # the figure's noun: "110,000 jobs"
            yield Hit(
                rule=rule,
                dedupe=False,
                start=start,
                end=end,
                message=fill(rule.message, match=ctx.text[start:end], what=what),
                suggestion=rule.suggestion,
                evidence={"body": [sentence_evidence(ctx, i) for i, _ in loose[:3]]},
            )
