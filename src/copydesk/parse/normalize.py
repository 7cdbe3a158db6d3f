"""Unicode normalisation for matching, with a map back to the original characters.

Rules match on a normalised, lower-cased copy of the article so that look-alike
letters, zero-width characters, soft hyphens, full-width forms and stray diacritics
cannot hide a phrase. The copy is the text as a reader sees it: Markdown emphasis and
inline HTML inside a word are dropped ("wide**spr**ead"), character references decoded
("wide&#115;pread"), a word hyphenated across a line break joined, and letter spacing
("w i d e s p r e a d") closed up. Every normalised character remembers which original
characters it came from, so a finding always points at exactly what the reader sees.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cache, lru_cache
from typing import NamedTuple

from copydesk import data

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

# Letters that render like Latin ones (Cyrillic, Greek, Armenian, Cherokee, Latin small
# capitals), replaced only inside a word that also has Latin letters: genuine Russian or
# Greek words stay as they are. Latin letters with a stroke (ł, ø) are folded everywhere,
# as accents are. The table is data (data/confusables.tsv), reviewed apart from code.
_CONFUSABLES = {r[0]: r[1] for r in data.rows("confusables.tsv") if r[2] == "lookalike"}
_STROKE_FOLDS = {r[0]: r[1] for r in data.rows("confusables.tsv") if r[2] == "fold"}

def _char_class(chars: Iterable[str]) -> str:
    """A regex class of the characters, consecutive code points as ranges (they compile
    several times faster than one item per character)."""
    points = sorted({ord(c) for c in chars})
    parts: list[str] = []
    i = 0
    while i < len(points):
        j = i
        while j + 1 < len(points) and points[j + 1] == points[j] + 1:
            j += 1
        lo, hi = re.escape(chr(points[i])), re.escape(chr(points[j]))
        parts.append(lo if i == j else f"{lo}-{hi}")
        i = j + 1
    return "[" + "".join(parts) + "]"


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# Finds the look-alike letters in C, so text without any skips the per-character loop.
_CONFUSABLE_CHAR = re.compile(_char_class(_CONFUSABLES))


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One original character -> its normalised form ('' when it should vanish)."""
    if ch in _INVISIBLE:
        return ""
    mapped = _PUNCT_MAP.get(ch) or _STROKE_FOLDS.get(ch)
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
    edits = _reader_edits(original)
    if not edits and original.isascii():
        return NormalizedText(original, original, original.lower(), None, None)
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    # Most non-ASCII text only swaps characters one for one (curly quotes, accents):
    # its offsets are then the original ones, and the identity map (None) lets every
    # offset lookup skip a binary search. A reader edit never keeps the length.
    one_for_one = not edits
    pos = 0
    for e_start, e_end, replacement in edits:
        one_for_one &= _fold_range(original, pos, e_start, chars, starts, ends)
        # What replaces markup covers all of it: a finding on "widespread" spans the
        # whole of "wide**spr**ead", entity and markup included.
        for c in replacement:
            for f in c if c.isascii() else _fold_char(c):
                chars.append(f)
                starts.append(e_start)
                ends.append(e_end)
        pos = e_end
    one_for_one &= _fold_range(original, pos, len(original), chars, starts, ends)
    _replace_confusables(chars)
    text = "".join(chars)
    lower = text.lower()
    if len(lower) != len(text):
        # A few letters (İ) lower-case to two characters; keep those as they are.
        lower = "".join(c.lower() if len(c.lower()) == 1 else c for c in chars)
    if one_for_one:
        return NormalizedText(original, text, lower, None, None)
    return NormalizedText(original, text, lower, tuple(starts), tuple(ends))


def _fold_range(
    original: str, lo: int, hi: int, chars: list[str], starts: list[int], ends: list[int]
) -> bool:
    """Append original[lo:hi], each character folded; False if one did not fold one for one."""
    one_for_one = True
    pos = lo
    for m in _NON_ASCII.finditer(original, lo, hi):
        if m.start() > pos:
            chars.extend(original[pos : m.start()])
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
    if pos < hi:
        chars.extend(original[pos:hi])
        starts.extend(range(pos, hi))
        ends.extend(range(pos + 1, hi + 1))
    return one_for_one


# ---------------------------------------------------------------- the text as a reader sees it
# Markup that splits a word for the eye but not for a matcher ("wide**spr**ead",
# "wide<b>spr</b>ead"), character references ("wide&#115;pread"), a word hyphenated
# across a line break, and letter spacing. Most articles have none: each kind is looked
# for only where its first character occurs (str.find runs in C), each piece is bounded,
# and the regexes that do scan start with a literal: linear, and cheap on normal text.
# Tags that style a run of text inside a line: inside a word they do not end it
# (<br>, <p>, <td> do, and are left alone).
_INLINE_TAGS = (
    "a abbr b bdi bdo big cite code data del dfn em font i ins kbd mark q s samp small span "
    "strike strong sub sup time tt u var wbr"
).split()
# A run of adjacent pieces of markup: emphasis stars and inline tags. A tag's
# attributes must look like attributes (name=value): "a<b and c>d" in plain text is a
# comparison, not a tag. Possessive and bounded throughout, so one scan is linear.
_MARKUP_RUN = (
    r"(?:\*++|</?(?i:" + "|".join(sorted(_INLINE_TAGS, key=len, reverse=True)) + r")(?![A-Za-z0-9])"
    r"(?:[ \t]++[A-Za-z_:][-A-Za-z0-9_:.]{0,40}+"
    r"=(?:\"[^\"<>\n]{0,200}+\"|'[^'<>\n]{0,200}+'|[^\s\"'<>=`]{1,200}+)){0,16}+[ \t]*+/?>)++"
)
_ENTITY = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});"
_LINE_HYPHEN = re.compile(r"-[ \t]*+\r?\n[ \t]*+((?:>[ \t]*+)*+)")
# The letters either side of a line-break hyphen, and how common the joined word must be
# (Zipf 3: "widespread" 4.2 and "xenophobic" 3.1 join; "longterm" 2.8, "leftwing" 2.4 and
# unlisted words such as "wellknown" keep their hyphen).
_WORD_END = re.compile(r"[^\W\d_]+$")
_WORD_START = re.compile(r"[^\W\d_]+")
_HYPHEN_REACH = 40
_JOIN_MIN_ZIPF = 3.0
# Letter spacing: four or more single letters, each separated by one space ("w i d e")
# or one hyphen ("w-i-d-e"), starting a word. The hints (a letter between two
# separators, twice) are cheap tests that most articles fail, so they skip the full scan.
_SPACED_HINTS = (re.compile(r" [^\W\d_] [^\W\d_] "), re.compile(r"-[^\W\d_]-[^\W\d_]-"))
_SPACED = r"(?<![^\W_])[^\W\d_]([ -])[^\W\d_](?:\1[^\W\d_]){2,}+"
_SPACED_MIN_LETTERS = 4
_ONE_LETTER_WORDS = frozenset("aAI")


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    # Compiled on first use: most articles never need these, and compiling them all
    # cost ~0.4 ms of every start-up.
    return re.compile(pattern)


def _reader_edits(original: str) -> list[tuple[int, int, str]]:
    """Sorted, disjoint (start, end, replacement) edits that turn the original into the
    text a reader sees: markup inside a word dropped, character references decoded, a
    line-break hyphen and letter spacing closed up."""
    edits: list[tuple[int, int, str]] = []
    if "*" in original or "<" in original:
        _markup_edits(original, edits)
    if "&" in original:
        for m in _compiled(_ENTITY).finditer(original):
            decoded = _unescape(m.group())
            if decoded != m.group():
                edits.append((m.start(), m.end(), decoded))
    if "\n" in original:
        _hyphen_edits(original, edits)
    if any(h.search(original) for h in _SPACED_HINTS):
        edits.extend(_spaced_edits(original))
    return _disjoint(sorted(edits)) if edits else edits


def _hyphen_edits(original: str, edits: list[tuple[int, int, str]]) -> None:
    """A word hyphenated at a line break ("wide-" / "spread") is read as one word.

    Joined when the reader would write it as one (the joined word is a common English
    word: "widespread"); otherwise only the line break goes, and the hyphen of a
    compound stays ("well-" / "known" is "well-known", never "wellknown").
    """
    for m in _LINE_HYPHEN.finditer(original):
        s, e = m.span()
        if not (original[s - 1 : s].isalpha() and original[e : e + 1].islower()):
            continue
        # A heading is one line: the next line is another unit. Quote markers (">")
        # that open the next line belong to a quotation the hyphen's line is in.
        lead = original[original.rfind("\n", 0, s) + 1 : s].lstrip(" \t")[:1]
        if lead == "#" or (m.group(1) and lead != ">"):
            continue
        head = _WORD_END.search(original, max(0, s - _HYPHEN_REACH), s)
        tail = _WORD_START.match(original, e, e + _HYPHEN_REACH)
        if head is None or tail is None:
            continue
        joined = (head.group() + tail.group()).lower()
        if _common_word(joined):
            edits.append((s, e, ""))
        else:
            edits.append((s + 1, e, ""))


def _common_word(word: str) -> bool:
    # Read on first use: only a line-break hyphen needs the frequency table.
    found = data.word_frequencies().get(word)
    return found is not None and found >= _JOIN_MIN_ZIPF


@lru_cache(maxsize=4096)
def _unescape(reference: str) -> str:
    # Imported on first use: html.entities is a 2,000-entry table, ~0.7 ms of start-up.
    import html

    return html.unescape(reference)


def _markup_edits(original: str, edits: list[tuple[int, int, str]]) -> None:
    """Runs of emphasis stars and inline tags inside a word ("wide**<b>spr</b>**ead").

    A tag inside a word goes wherever it is. Stars go only in pairs, as Markdown reads
    them: a run that can open emphasis (a letter follows) and a run of the same length
    that closes it (a letter before) in the same word, one of them inside the word
    ("wide**spr**ead", "**wide**spread", "wide**spread**"). Whole-word emphasis
    ("**bold**") needs no edit, and a lone run stands for letters ("bullsh*t", "f***ed").
    """
    opener: tuple[int, int, bool] | None = None  # (start, end, inside a word)
    for m in _markup_runs(original):
        i, j = m.span()
        before, after = original[i - 1 : i], original[j : j + 1]
        # Inside a word; not where one word's end meets another's capital ("Bay</span>A
        # young", scraped markup) rather than a word split in two.
        inside = before.isalnum() and after.isalnum() and not (before.islower() and after.isupper())
        if "<" in m.group():
            if inside:
                edits.append((i, j, ""))
            opener = None
        elif (
            opener is not None
            and before.isalnum()
            and (inside or opener[2])
            and j - i == opener[1] - opener[0]
            and _one_word(original, opener[1], i)
        ):
            edits.extend(((opener[0], opener[1], ""), (i, j, "")))
            opener = None
        elif after.isalnum() and (inside or not before.strip() or before in "([{\"'"):
            opener = (i, j, inside)
        else:
            opener = None


def _markup_runs(text: str) -> Iterator[re.Match[str]]:
    """The runs of markup, tried only where a "*" or "<" is: str.find runs at memory
    speed, several times faster than a regex scan, and most articles have few of either.
    Each character's next occurrence is kept until passed (finding both afresh after
    every run rescanned the text to a far "<" once per "*": quadratic)."""
    run = _compiled(_MARKUP_RUN)
    star, lt, pos = text.find("*"), text.find("<"), 0
    while True:
        if 0 <= star < pos:
            star = text.find("*", pos)
        if 0 <= lt < pos:
            lt = text.find("<", pos)
        if star < 0 and lt < 0:
            return
        i = lt if star < 0 else star if lt < 0 else min(star, lt)
        m = run.match(text, i)
        if m is None:
            pos = i + 1
            continue
        yield m
        pos = m.end()


def _one_word(text: str, start: int, end: int) -> bool:
    """No space between two offsets (a short span: inside one word)."""
    return end - start <= 64 and not any(c.isspace() for c in text[start:end])


def _spaced_edits(original: str) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    n = len(original)
    for m in _compiled(_SPACED).finditer(original):
        s, e = m.span()
        if e < n and original[e].isalnum():
            e -= 2  # the last letter starts the next word ("a b c d dog"): not spaced
        letters = original[s:e:2]
        if len(letters) < _SPACED_MIN_LETTERS:
            continue
        # Most of them must be letters that are not words of their own ("a I a I").
        if sum(c not in _ONE_LETTER_WORDS for c in letters) * 2 <= len(letters):
            continue
        out.extend((i, i + 1, "") for i in range(s + 1, e, 2))
    return out


def _disjoint(edits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Sorted edits with any that overlaps an earlier one left out."""
    out: list[tuple[int, int, str]] = []
    last = 0
    for edit in edits:
        if edit[0] >= last:
            out.append(edit)
            last = edit[1]
    return out


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
