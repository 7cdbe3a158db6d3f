"""Text level: the weighted terms of a plain string.

``terms_of(text, offset=0) -> list[Term]``: content-word terms of a string (offsets into
that string, plus ``offset``). A ``Term`` is a named tuple: ``stem``, ``word`` (lower-case
surface), ``start``/``end``, ``weight``, ``capitalized`` and ``initial`` (first word of
the span). Numbers are single terms with canonical stems ("2.4 million" -> "2400000",
"2nd"/"second" -> "2", "three" -> "3"). A hyphenated compound also yields a weightless
term for its joined form ("cat-calling" also meets "catcalling"), so it matches the solid
spelling; weightless terms only help matching. ``terms_cached(text)`` is the cached form
as plain tuples, which the per-article bags shift to original offsets themselves.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from copydesk.analysis.terms.numbers import CARDINALS, ORDINALS, number_stem, number_weight
from copydesk.analysis.terms.stems import stem
from copydesk.analysis.terms.words import STOPWORDS, weight

# One token: a number (with its thousands separators, decimals and a scale word, so
# "111,800", "8.2" and "$1 million" stay whole), an ordinal ("2nd"), or a word.
_TOKEN = re.compile(
    r"(?P<num>(?<![\w.,])\d+(?:[.,]\d+)*"
    r"(?:\s?(?:million|billion|trillion|thousand|bn|mn|[kmb])\b)?(?![^\W_]))"
    r"|(?P<ord>\d+(?:st|nd|rd|th)\b)"
    r"|(?P<word>[^\W_]+(?:['’][^\W_]+)?)",
    re.IGNORECASE,
)


class Term(NamedTuple):
    """One content word, name part or number (a tuple: cheap to build by the thousand)."""

    stem: str
    word: str  # lower-case surface form
    start: int
    end: int
    weight: float  # 0 for a joined compound, which only helps matching
    capitalized: bool
    initial: bool  # first word of the span it was read from


# Anchored at a word start, with possessive runs: without both, a long run of letters
# with no hyphen is re-scanned from every position (quadratic time).
_COMPOUND = re.compile(r"(?<![^\W\d_])[^\W\d_]++(?:-[^\W\d_]++)+")
# Clitics split off a word; any other apostrophe is part of a name (O'Brien).
_CLITICS = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})


# A term as cached: a plain tuple with Term's fields. The collector stops tracking a
# plain tuple of strings and numbers, but never a named tuple: cached Terms were ~190
# tracked objects kept per article, and full collections rescanning them cost ~1 ms
# per article in a long batch. Callers get real Terms (built with offsets anyway).
RawTerm = tuple[str, str, int, int, float, bool, bool]


@lru_cache(maxsize=32768)
def terms_cached(text: str) -> tuple[RawTerm, ...]:
    out: list[RawTerm] = []
    first = True
    for m in _TOKEN.finditer(text):
        initial = first
        first = False
        # The three alternatives are each wholly one named group: lastgroup says which.
        kind = m.lastgroup
        if kind == "num":
            st = number_stem(m.group())
            nw = number_weight(st)
            out.append((st, m.group().lower(), m.start(), m.end(), nw, False, initial))
            continue
        if kind == "ord":
            st = str(int(m.group("ord")[:-2]))
            nw = number_weight(st)
            out.append((st, m.group().lower(), m.start(), m.end(), nw, False, initial))
            continue
        word = _word_term(m.group())
        if word is not None:
            start = m.start()
            out.append((word[0], word[1], start, start + word[2], word[3], word[4], initial))
    # "cat-calling" also matches "catcalling": the joined form is a weightless extra stem.
    # (Most sentences have no hyphen, and the scan costs as much as the token scan.)
    for m in _COMPOUND.finditer(text) if "-" in text else ():
        joined = m.group().replace("-", "").lower()
        if len(joined) >= 5:
            out.append((stem(joined), joined, m.start(), m.end(), 0.0, False, False))
    return tuple(out)


@lru_cache(maxsize=65536)
def _word_term(raw: str) -> tuple[str, str, int, float, bool] | None:
    """One word token as ``_TOKEN`` matched it: (stem, lower-case word, length of its
    span, weight, capitalised), or None when it is no term. Cached per word form: the
    steps below ran for every word of every sentence."""
    length = len(raw)
    if "'" in raw or "’" in raw:
        head, _, tail = raw.replace("’", "'").partition("'")
        # "Korea's" -> "Korea" (the span stops before the clitic); "O'Brien" stays whole.
        if tail.lower() in _CLITICS:
            raw, length = head, len(head)
        else:
            raw = head + tail
    low = raw.lower()
    if len(low) < 2 or low in STOPWORDS:
        return None
    if low in ORDINALS or low in CARDINALS:
        st = ORDINALS.get(low) or CARDINALS[low]
        return (st, low, length, min(weight(low), number_weight(st)), False)
    w = weight(low)
    if w <= 0.0:
        return None
    return (stem(low), low, length, w, raw[0].isupper())


def terms_of(text: str, offset: int = 0) -> list[Term]:
    """Content-word terms of ``text``; offsets shifted by ``offset``."""
    cached = terms_cached(text)
    new = tuple.__new__
    if not offset:
        return [new(Term, t) for t in cached]
    return [new(Term, (t[0], t[1], t[2] + offset, t[3] + offset, t[4], t[5], t[6])) for t in cached]
