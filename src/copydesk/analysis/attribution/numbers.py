"""The figures a sentence states: counts, sums of money and percentages, found in one pass.

A figure needs a source ("40 people died", "unemployment rose to 7.2 percent"); a year,
a date, a time, an ordinal, an age, a duration or an identifier ("Resolution 2397",
"F-16") does not. Each figure is extended over the noun it counts ("nearly 8,000 North
Korean nationals"), which is the span the ``unsourced_figure`` check reports.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING, Any

from copydesk import data
from copydesk.analysis.attribution.grammar import FUNCTION_CAPS, STOP

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

_MONTHS = data.tagged("calendar_words.txt", "month") | frozenset(
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)

# Figures: counts, money, percentages. Years, dates, times, ordinals, ages, durations
# and identifiers ("Resolution 2397", "F-16") are not figures that need a source.
# Digit runs are found with a pattern that starts with a character class (fast to scan);
# what may stand around them is checked after.
_NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")
_UNIT = re.compile(r"\s?(?:%|percent\b|per cent\b|(?:million|billion|trillion|thousand|bn|mn)\b)", re.I)
_NOT_AFTER_NUMBER = re.compile(r"[\w\-/]|\.\d|:\d")
_CURRENCY = "$€£¥"
# An approximation right before a number belongs to the figure: "nearly 15,000".
_APPROX_BEFORE = re.compile(
    r"\b(?:nearly|almost|about|around|approximately|roughly|some|over|more than|less than|"
    r"fewer than|at least|up to|as many as|as much as|an estimated|estimated|just over|"
    r"just under|well over|close to)\s+(?:[$€£¥]\s?)?$",
    re.IGNORECASE,
)
_SPELLED_FIGURE = re.compile(
    r"\b(?:(?:tens|hundreds) of (?:thousands|millions)|hundreds|thousands|millions|billions)"
    r" of\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a few|several|dozens of)"
    r" (?:million|billion|trillion)\b",
    re.IGNORECASE,
)
_CAP_WORD_END = re.compile(r"[A-Z][\w.]*\s$")
_LAST_WORD = re.compile(r"(\w+)\s$")
_NEXT_WORDS = re.compile(r"\s+([A-Za-z][\w\-]*)")
_MAYBE_FIGURE = re.compile(r"\d|illion|ousands")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_AFTER_FIGURE_NOT_COUNT = re.compile(
    r"\s*(?:-|\s)(?:year-old|years? old|years?|months?|weeks?|days?|hours?|minutes?|seconds?|"
    r"decades?|centuries|century|a\.m\.|p\.m\.|am\b|pm\b|o'clock|st\b|nd\b|rd\b|th\b|"
    # Measurements that describe a thing, and a post's own counters, are no statistics.
    r"karats?|carats?|inch(?:es)?|feet|foot|ft\b|metres?|meters?|km\b|kilometres?|miles?|mph\b|"
    r"kg\b|kilos?|grams?|mm\b|cm\b|degrees?|storeys?|stories|floors?|"
    r"retweets?|likes|shares|followers|views|subscribers|upvotes|comments|"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_BEFORE_FIGURE_DATE = re.compile(
    r"(?:\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?|\baged?|\bno\.?|"
    r"\bnumber|\bpage|\bpp?\.|\bchapter|\barticle|\bsection|\bresolution|\bpart|\broute|\bflight|"
    # A rank or list position ("the top 10"), and an age at death ("died at 81").
    r"\btop|\b(?:died|dead|death|dies)\s+at)\s*$",
    re.IGNORECASE,
)
_PLURAL_NOUNS = frozenset("people children men women police staff personnel cattle".split())
# "millions of dollars": a sum nobody counted is vague, not a figure to source.
_CURRENCY_WORDS = re.compile(
    r"\s+(?:(?:us|u\.s\.|american|canadian|australian|hong kong)\s+)?"
    r"(?:dollars|euros|pounds|yen|yuan|rupees|francs|roubles|rubles|pesos|won|dirhams|riyals)\b",
    re.IGNORECASE,
)
_WORDS_BEFORE = re.compile(r"[A-Za-z][\w\-]*")
_CLAUSE_BREAK = re.compile(r"[,;:!?]\s|\.\s")
_WORDS_AFTER = re.compile(r"\s*(?:in\s+|of\s+)?(?:([A-Za-z][\w\-]*)\s+)?([A-Za-z][\w\-]*)")
_FIGURE_NOUN_STOP = STOP | frozenset("and of in on at for the a an".split())


def sentence_figures(
    ctx: Context, body: list[tuple[int, Any, int, int]], public: frozenset[str] = frozenset()
) -> dict[int, list[tuple[int, int]]]:
    """Figure spans (original offsets) per body sentence index, from one pass over the text.

    ``body`` holds (sentence index, sentence, normalised start, normalised end) for the
    body sentences in text order. ``public`` are the words that make a sum of money
    public record when they govern it (a price, a company's published revenue): such
    sums are no figures to source.
    """
    out: dict[int, list[tuple[int, int]]] = {}
    ntext = ctx.norm.text
    if not body or not _MAYBE_FIGURE.search(ntext):
        return out
    starts = [b[2] for b in body]
    found: dict[int, list[tuple[int, int]]] = {}
    for m in _NUMBER.finditer(ntext):
        start, end = m.span()
        prev = ntext[start - 1] if start else " "
        if prev in _CURRENCY or (prev == " " and start > 1 and ntext[start - 2] in _CURRENCY):
            start = start - 1 if prev in _CURRENCY else start - 2
            prev = ntext[start - 1] if start else " "
        if prev.isalnum() or prev in "_.-/:":
            continue  # "F-16", "G7", "10:30", "1.5" seen from its decimals
        unit = _UNIT.match(ntext, end)
        if unit is not None:
            end = unit.end()
        if _NOT_AFTER_NUMBER.match(ntext, end):
            continue  # "3rd", "45-year", "10:30"
        i = bisect_right(starts, start) - 1
        if i < 0 or start >= body[i][3]:
            continue
        n0, n1 = body[i][2], body[i][3]
        pre = _APPROX_BEFORE.search(ntext, max(n0, start - 24), start)
        if pre is None:
            if unit is None and _YEAR.fullmatch(m.group()):
                continue  # "in 2024", "by 2030"
            before = ntext[max(n0, start - 12) : start]
            if _BEFORE_FIGURE_DATE.search(before):
                continue
            if start - n0 >= 2 and _CAP_WORD_END.search(before):
                prev_word = _LAST_WORD.search(before)
                if prev_word and prev_word.group(1).lower() not in FUNCTION_CAPS:
                    continue  # "Resolution 2397", "Apollo 11": an identifier
        else:
            start = pre.start()
        if _AFTER_FIGURE_NOT_COUNT.match(ntext, end, n1):
            continue
        if unit is None and pre is None and _not_a_count(ntext, n0, start, end, n1):
            continue
        if public and _public_amount(ntext, n0, start, end, n1, public):
            continue
        if unit is not None and _composition(ntext, start, end, n1):
            continue
        found.setdefault(i, []).append(_extend_figure(ntext, start, end, n1))
    for key in ("illion", "ousands", "undreds"):
        pos = ntext.find(key)
        while pos >= 0:
            for m in _SPELLED_FIGURE.finditer(ntext, max(0, pos - 40), pos + 16):
                i = bisect_right(starts, m.start()) - 1
                if i >= 0 and m.start() < body[i][3]:
                    if _CURRENCY_WORDS.match(ntext, m.end()):
                        continue  # "millions of dollars": an amount nobody counted
                    span = _extend_figure(ntext, m.start(), m.end(), body[i][3])
                    if span not in found.setdefault(i, []):
                        found[i].append(span)
            pos = ntext.find(key, pos + 16)
    for i, spans in found.items():
        spans.sort()
        out[body[i][0]] = [ctx.to_original(x, y) for x, y in spans]
    return out


def _public_amount(text: str, n0: int, start: int, end: int, n1: int, public: frozenset[str]) -> bool:
    """A sum of money that a price list or published accounts state: "priced at $349",
    "revenue fell to $93bn", "a $10,000 starting price", "$2bn in annual sales".

    Only sums of money: a count or a percentage keeps its need for a source. The word
    that governs the sum is looked for among the ten words before it in its clause
    ("revenue fell to $93bn last year from $107bn") and the two words right after it
    (past "in" / "of": "$46 million in combined earnings").
    """
    figure = text[start:end]
    if not any(c in figure for c in _CURRENCY) and not _CURRENCY_WORDS.match(text, end, n1):
        return False
    lo = max(n0, start - 90)
    for cut in _CLAUSE_BREAK.finditer(text, lo, start):
        lo = cut.end()
    if any(w.lower() in public for w in _WORDS_BEFORE.findall(text, lo, start)[-10:]):
        return True
    after = _WORDS_AFTER.match(text, end, n1)
    return after is not None and any(w is not None and w.lower() in public for w in after.groups())


# What a thing is made of: "40% water by weight", "contributes 25% to the weight".
_MAKEUP = re.compile(
    r"[^.;]{0,40}?\b(?:by (?:weight|volume|mass)|(?:of|to) (?:the|its|their) (?:weight|volume|mass))\b"
    # A rule for anyone, not a count: "2.5% of one's income".
    r"|\s+of\s+one[’']s\b",
    re.I,
)
# A breakdown of a material, "75% gold, 15% silver and 10% copper": a percentage before
# a bare singular noun, and another percentage right after it.
_MATERIAL_LIST = re.compile(r"\s+[a-z]+[^s\W]\b,?\s+(?:and\s+)?\d[\d.]*\s?(?:%|percent|per cent)", re.I)
_MATERIAL_BEFORE = re.compile(r"\d[\d.]*\s?(?:%|percent|per cent)\s+[a-z]+[^s\W],?\s+(?:and\s+)?$", re.I)


def _composition(text: str, start: int, end: int, n1: int) -> bool:
    """A percentage that says what a thing is made of, not how many people or how much
    change: a measured make-up ("by weight") or one share of a list of materials.

    A statistic ("40% of voters", "a 5% rise") counts people or change and keeps its
    need for a source.
    """
    if "%" not in text[start:end] and "per" not in text[start:end].lower():
        return False
    if _MAKEUP.match(text, end, n1) or _MATERIAL_LIST.match(text, end, n1):
        return True
    return bool(_MATERIAL_BEFORE.search(text, max(0, start - 40), start))


# "Ana Lund, 34, ...": an age in apposition to a name.
_AGE_BEFORE = re.compile(r"[A-Z][\w'’.-]*,\s$")
_AGE_AFTER = re.compile(r"\s?[,)]")
# "iPhone 6", "6 Plus": a number inside a product or model name.
_MODEL_BEFORE = re.compile(r"[a-z][A-Z][\w]*\s$")
_CAP_WORD_AFTER = re.compile(r"\s[A-Z][a-z]")


def _not_a_count(text: str, n0: int, start: int, end: int, n1: int) -> bool:
    """An age after a name, or a number inside a model name: a bare number that counts nothing."""
    digits = text[start:end]
    if digits[:1] in _CURRENCY or "," in digits or "." in digits:
        return False
    before = text[max(n0, start - 30) : start]
    if len(digits) <= 3 and _AGE_BEFORE.search(before) and _AGE_AFTER.match(text, end, n1):
        return True
    return bool(_MODEL_BEFORE.search(before) or (len(digits) <= 2 and _CAP_WORD_AFTER.match(text, end, n1)))


def _extend_figure(text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """Extend a figure over the noun it counts: "nearly 8,000 North Korean nationals".

    Up to three words, through the first plural noun ("labor migrants", "people");
    with no plural in reach the figure stands alone ("7.2 percent").
    """
    pos = end
    for taken, m in enumerate(_NEXT_WORDS.finditer(text, end, min(limit, end + 60))):
        if m.start() != pos or taken >= 3:
            break
        word = m.group(1)
        lower = word.lower()
        if lower in _FIGURE_NOUN_STOP or (word.endswith("ed") and word.islower()):
            break
        pos = m.end()
        if lower in _PLURAL_NOUNS or (lower.endswith("s") and not lower.endswith("ss")):
            return start, pos
    return start, end
