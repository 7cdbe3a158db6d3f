"""Numbers in text: their values, canonical stems and how specific they are.

- ``number_value(text) -> float | None``: "1,200" -> 1200, "3.5" -> 3.5, "five" -> 5.
- ``numbers_in(text, offset=0) -> list[NumberMention]``: numbers with their value and span
  ("$1.2 billion", "35,000", "five", "40%"); years stay numbers too.
- ``number_stem(text)``: the canonical stem of a number token ("111,800" -> "111800",
  "$1M" -> "1000000"), so a headline's figure meets the body's however it is written.
- ``number_weight(stem)``: a number's weight by how specific it is: 1.0 for one digit,
  2.0 for two, 2.5 for a year, ``NUMBER_WEIGHT`` (3.0) for more.
- ``ORDINALS`` / ``CARDINALS``: number words with the stem they meet ("second" -> "2").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A number of three or more digits is as specific as a fairly rare word.
NUMBER_WEIGHT = 3.0

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "dozen": 12,
}
_SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "k": 1e3,
    "m": 1e6,
    "bn": 1e9,
    "b": 1e9,
    "mn": 1e6,
    "tn": 1e12,
}
_NUMBER = re.compile(
    r"(?<![\w.])[$£€]?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(hundred|thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
    r"(%|\s?percent\b|\s?per cent\b)?",
    re.IGNORECASE,
)
_NUMBER_WORD_RE = re.compile(
    r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b"
    r"(?:\s(hundred|thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    value: float
    text: str
    percent: bool = False


def number_value(text: str) -> float | None:
    """The value of one number written in digits or words; None if it is not one."""
    t = text.strip().lower()
    m = _NUMBER.fullmatch(t)
    if m:
        return _value(m.group(1), m.group(2))
    m = _NUMBER_WORD_RE.fullmatch(t)
    if m:
        return NUMBER_WORDS[m.group(1).lower()] * _SCALES.get((m.group(2) or "").lower(), 1.0)
    return None


def _value(digits: str, scale: str | None) -> float:
    v = float(digits.replace(",", ""))
    if scale:
        v *= _SCALES[scale.lower()]
    return v


def numbers_in(text: str, offset: int = 0, words: bool = True) -> list[NumberMention]:
    """Numbers in ``text`` (digits, and number words unless ``words=False``)."""
    out: list[NumberMention] = []
    for m in _NUMBER.finditer(text):
        out.append(
            NumberMention(
                offset + m.start(),
                offset + m.end(),
                _value(m.group(1), m.group(2)),
                m.group(),
                bool(m.group(3)),
            )
        )
    if words:
        taken = [(n.start - offset, n.end - offset) for n in out]
        for m in _NUMBER_WORD_RE.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            word = m.group(1).lower()
            # "one" is a pronoun far more often than a count.
            if word == "one" and not m.group(2):
                continue
            value = NUMBER_WORDS[word] * _SCALES.get((m.group(2) or "").lower(), 1.0)
            out.append(NumberMention(offset + m.start(), offset + m.end(), value, m.group()))
        out.sort(key=lambda n: n.start)
    return out


ORDINALS = {
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
    "sixth": "6",
    "seventh": "7",
    "eighth": "8",
    "ninth": "9",
    "tenth": "10",
}
CARDINALS = {k: str(v) for k, v in NUMBER_WORDS.items() if k not in {"zero", "one", "dozen"}}


def number_stem(text: str) -> str:
    """Canonical form of a number token: "111,800" -> "111800", "$1M" -> "1000000"."""
    m = _NUMBER.fullmatch(text.strip())
    if not m:
        return text.lower()
    value = _value(m.group(1), m.group(2))
    return str(int(value)) if value == int(value) else f"{value:g}"


def number_weight(stem_: str) -> float:
    """How specific a number is: "3" is everywhere, "2.4 million" or "15000" is not."""
    digits = stem_.replace(".", "")
    if len(digits) <= 1:
        return 1.0
    if len(digits) == 2:
        return 2.0
    if len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100:
        return 2.5  # a year: specific, but shared by every story of that year
    return NUMBER_WEIGHT
