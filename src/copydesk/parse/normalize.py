"""Unicode normalisation for matching, with a map back to the original characters.

Rules match on a normalised, lower-cased copy of the article so that look-alike
letters, zero-width characters, soft hyphens, full-width forms and stray diacritics
cannot hide a phrase. Every normalised character remembers which original
characters it came from, so a finding always points at exactly what the reader sees.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from functools import lru_cache
from typing import NamedTuple

# Invisible characters that only ever split or disguise words.
_INVISIBLE = frozenset(
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u200b\u200c\u200d\u200e\u200f"
    "\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068"
    "\u2069\ufeff"
)

_PUNCT_MAP = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u02bc": "'",
    "\uff07": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2043": "-",
    "\ufe63": "-",
    "\u2212": "-",
    # En and em dashes separate clauses; keep them distinct from the hyphen that
    # joins a compound word, but as one character so tokenising stays simple.
    "\u2013": "\u2014",
    "\u2015": "\u2014",
    "\u00a0": " ",
    "\u2007": " ",
    "\u202f": " ",
    "\u2009": " ",
    "\u200a": " ",
    "\u3000": " ",
}

# Cyrillic and Greek letters that render like Latin ones. Replaced only inside a
# word that also has Latin letters: genuine Russian or Greek words stay as they are.
_CONFUSABLES = {
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "һ": "h",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ɡ": "g",
    "ո": "n",
    "А": "A",
    "В": "B",
    "Е": "E",
    "К": "K",
    "М": "M",
    "Н": "H",
    "О": "O",
    "Р": "P",
    "С": "C",
    "Т": "T",
    "У": "Y",
    "Х": "X",
    "Ѕ": "S",
    "І": "I",
    "Ј": "J",
    "α": "a",
    "ο": "o",
    "ρ": "p",
    "ε": "e",
    "ι": "i",
    "κ": "k",
    "ν": "v",
    "τ": "t",
    "υ": "u",
    "χ": "x",
    "Α": "A",
    "Β": "B",
    "Ε": "E",
    "Ζ": "Z",
    "Η": "H",
    "Ι": "I",
    "Κ": "K",
    "Μ": "M",
    "Ν": "N",
    "Ο": "O",
    "Ρ": "P",
    "Τ": "T",
    "Υ": "Y",
    "Χ": "X",
}

_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# Finds the look-alike letters in C, so text without any skips the per-character loop.
_CONFUSABLE_CHAR = re.compile("[" + "".join(re.escape(c) for c in _CONFUSABLES) + "]")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One original character -> its normalised form ('' when it should vanish)."""
    if ch in _INVISIBLE:
        return ""
    mapped = _PUNCT_MAP.get(ch)
    if mapped is not None:
        return mapped
    category = unicodedata.category(ch)
    if category in ("Mn", "Me"):
        return ""  # a combining mark on its own: a stray diacritic
    if category == "Cf":
        return ""
    out = unicodedata.normalize("NFKC", ch)
    # Strip diacritics so "sparkéd" or a combining accent cannot disguise a word.
    decomposed = unicodedata.normalize("NFKD", out)
    stripped = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Me"))
    if stripped and stripped != out and stripped.isascii():
        out = stripped
    return "".join(_PUNCT_MAP.get(c, c) for c in out)


class NormalizedText(NamedTuple):
    """A normalised copy of ``original`` with offsets that map back to it.

    ``text`` keeps case; ``lower`` has the same length and is what matchers read.
    ``starts[i]`` and ``ends[i]`` are the original offsets covered by ``text[i]``.
    """

    # A tuple, not a frozen dataclass: generating one costs ~1 ms of every start-up.
    original: str
    text: str
    lower: str
    starts: tuple[int, ...] | None  # None: identity map (ASCII, or one-for-one swaps)
    ends: tuple[int, ...] | None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original text."""
        if self.starts is None or self.ends is None:
            return start, end
        if end <= start:
            pos = self.starts[start] if start < len(self.starts) else len(self.original)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def to_normalized(self, offset: int) -> int:
        """First normalised index whose original offset is >= ``offset``."""
        if self.starts is None:
            return offset
        return bisect_left(self.starts, offset)


def normalize(original: str) -> NormalizedText:
    if original.isascii():
        return NormalizedText(original, original, original.lower(), None, None)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    # Most non-ASCII text only swaps characters one for one (curly quotes, accents):
    # its offsets are then the original ones, and the identity map (None) lets every
    # offset lookup skip a binary search.
    one_for_one = True
    for m in _NON_ASCII.finditer(original):
        if m.start() > pos:
            chunk = original[pos : m.start()]
            chars.extend(chunk)
            starts.extend(range(pos, m.start()))
            ends.extend(range(pos + 1, m.start() + 1))
        for i in range(m.start(), m.end()):
            folded = _fold_char(original[i])
            if len(folded) != 1:
                one_for_one = False
            for c in folded:
                chars.append(c)
                starts.append(i)
                ends.append(i + 1)
        pos = m.end()
    if pos < len(original):
        chars.extend(original[pos:])
        starts.extend(range(pos, len(original)))
        ends.extend(range(pos + 1, len(original) + 1))
    _replace_confusables(chars)
    text = "".join(chars)
    lower = text.lower()
    if len(lower) != len(text):
        # A few letters (İ) lower-case to two characters; keep those as they are.
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in chars)
    if one_for_one:
        return NormalizedText(original, text, lower, None, None)
    return NormalizedText(original, text, lower, tuple(starts), tuple(ends))


def _replace_confusables(chars: list[str]) -> None:
    """Swap look-alike letters for Latin ones inside words that are partly Latin."""
    n = len(chars)
    i = 0
    # Swaps only touch [lo, hi) and the scan resumes at hi, so the candidates found in
    # the unswapped text are the positions the character-by-character scan would stop at.
    for m in _CONFUSABLE_CHAR.finditer("".join(chars)):
        if m.start() < i:
            continue
        i = m.start()
        lo = i
        while lo > 0 and chars[lo - 1].isalpha():
            lo -= 1
        hi = i
        while hi < n and chars[hi].isalpha():
            hi += 1
        word = chars[lo:hi]
        has_latin = any(c.isascii() for c in word)
        all_confusable_or_latin = all(c.isascii() or c in _CONFUSABLES for c in word)
        # A word wholly of look-alikes ("оре" could be "ope") is swapped too when
        # every letter has a Latin twin and it sits in Latin text; genuine Cyrillic
        # words almost always contain letters with no twin (д, л, ы ...).
        if has_latin or (all_confusable_or_latin and _latin_context(chars, lo, hi)):
            for j in range(lo, hi):
                chars[j] = _CONFUSABLES.get(chars[j], chars[j])
        i = hi


def _latin_context(chars: list[str], lo: int, hi: int, reach: int = 40) -> bool:
    window = chars[max(0, lo - reach) : lo] + chars[hi : hi + reach]
    letters = [c for c in window if c.isalpha()]
    if not letters:
        return False
    latin = sum(1 for c in letters if c.isascii())
    return latin / len(letters) > 0.8
