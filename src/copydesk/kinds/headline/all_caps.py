"""Check ``headline`` / ``all_caps``: ordinary words shouted in capitals.

A headline set wholly in capitals is one finding; otherwise each word in capitals that
is a common word of English in lower case ("SHOCKING"), and not in ``allow`` or a place
word, is one. Acronyms ("IBM", "NATO") and names are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from copydesk.analysis.terms import PLACE_WORDS, zipf
from copydesk.kinds.headline.base import HeadlineCheck, HeadlineRule, Words, fill
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class AllCapsRule(HeadlineRule):
    check: Literal["all_caps"]
    # Words that are conventionally written in capitals.
    allow: Words = Field(default_factory=list, max_length=2000)
    # How common (Zipf frequency) a word must be in lower case to count as shouted:
    # organisations' acronyms ("NASCAR", "FEMA") are words too, but rare ones.
    min_zipf: float = Field(default=3.0, ge=0.0, le=8.0)


# Short words that are shouted, not abbreviated.
_SHORT_SHOUTS = frozenset({"not", "yes", "wow", "why", "how", "all", "big", "now", "new", "out"})
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z']{2,}\b")


@kind("headline", AllCapsRule, check="all_caps")
class AllCapsChecker(HeadlineCheck[AllCapsRule]):
    def check(self, rule: AllCapsRule, ctx: Context) -> Iterable[Hit]:
        doc = ctx.doc
        if doc.headline is None:
            return
        h0, h1 = doc.headline
        text = ctx.norm.text
        n0, n1 = ctx.norm.to_normalized(h0), ctx.norm.to_normalized(h1)
        allow = {a.lower() for a in rule.allow}
        letters = [c for c in text[n0:n1] if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 12:
            # The whole headline in capitals: one finding, not one per word.
            yield Hit(
                rule=rule,
                dedupe=False,
                start=h0,
                end=h1,
                message=fill(rule.message, match="the headline"),
                suggestion=rule.suggestion,
                evidence={"whole_headline": True},
            )
            return
        for m in _CAPS_WORD.finditer(text, n0, n1):
            word = m.group().replace("'", "")
            low = word.lower()
            if low in allow or low in PLACE_WORDS:
                continue
            if len(word) < 4 and low not in _SHORT_SHOUTS:
                continue  # three capitals are nearly always an acronym ("IBM", "RAM")
            # An acronym is not a word of English in lower case; a shouted word is.
            if zipf(low) < rule.min_zipf:
                continue
            s, e = ctx.to_original(m.start(), m.end())
            yield Hit(
                rule=rule,
                dedupe=False,
                start=s,
                end=e,
                message=fill(rule.message, match=ctx.text[s:e]),
                suggestion=rule.suggestion,
                evidence={"word": ctx.text[s:e]},
            )
