"""Names: capitalised word sequences that read as names, and Title Case detection.

``names_in(text, offset=0, title_case=None) -> list[Name]`` finds "North Korean", "Sergei
Shoigu", "Bank of England": a capitalised word counts when it is not sentence-initial, or
when it is sentence-initial but not a common lower-case word. In a Title Case line (a
headline) capitals say nothing, so a word counts only when its lower-case form is rare, an
acronym, or listed in ``PLACE_WORDS`` (countries, nationalities, capitals).
``is_title_case(text)`` tells which case applies; ``sentence_names`` is the cached form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from copydesk import data
from copydesk.analysis.terms.stems import stem
from copydesk.analysis.terms.words import STOPWORDS, UNKNOWN_ZIPF, zipf

_NAME_WORD = re.compile(r"([^\W_]+)(?:['’][^\W_]+)?")


# Countries, nationalities and capitals often named in news: in a Title Case headline,
# where capitals say nothing, these still read as names.
PLACE_WORDS = data.words("place_words.txt")
_TITLE_WORD_MAX_ZIPF = 3.0  # a capitalised headline word rarer than this reads as a name
_VERB_ENDINGS = ("ed", "ing", "ly")
# The word under an adverb must be common for the adverb to read as one: "evident" is,
# the "Connol" of "Connolly" is not.
_ADVERB_BASE_ZIPF = 3.0
_CONNECTORS = frozenset({"of", "de", "la", "le", "da", "du", "van", "von", "bin", "al"})
# Titles before a person's name: in a Title Case headline the next word is a name.
_TITLES = data.tagged("titles.tsv", "name")
# In a Title Case line these join the name that follows them ("North Korean", "New York").
_NAME_PREFIXES = frozenset(
    {
        "north",
        "south",
        "east",
        "west",
        "northern",
        "southern",
        "eastern",
        "western",
        "new",
        "united",
        "saint",
        "san",
        "los",
        "las",
        "el",
        "sri",
        "hong",
        "saudi",
        "great",
    }
)


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    stems: tuple[str, ...]


_LETTERS = re.compile(r"[^\W\d_]+")


def is_title_case(text: str) -> bool:
    """Most content words capitalised (60% of those longer than three letters): Title Case.

    Sentence case capitalises only the first word and names, so even a name-heavy
    sentence-case line stays near half; Title Case with a few lower-case words
    ("iPhone", "with") stays above 60%.
    """
    words = [w for w in _LETTERS.findall(text) if len(w) > 3 and w.lower() not in STOPWORDS]
    if len(words) < 2:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.6


def _all_caps_line(text: str) -> bool:
    # filter/map keep the per-character work in C (this runs for every sentence).
    letters = list(filter(str.isalpha, text))
    return len(letters) >= 8 and sum(map(str.isupper, letters)) / len(letters) > 0.8


def sentence_names(text: str, title_case: bool | None = None) -> tuple[Name, ...]:
    """``names_in(text, 0, title_case)``, cached by text and resolved casing: the headline
    checks and the topic analysis both read every sentence's names, parsed once."""
    if title_case is None:
        title_case = is_title_case(text) or _all_caps_line(text)
    return tuple(Name(*n) for n in _names_cached(text, title_case))


@lru_cache(maxsize=16384)
def _names_cached(text: str, title_case: bool) -> tuple[tuple[int, int, str, tuple[str, ...]], ...]:
    # Plain tuples, which the collector stops tracking (see tokens.RawTerm).
    return tuple((n.start, n.end, n.text, n.stems) for n in names_in(text, 0, title_case))


def names_in(text: str, offset: int = 0, title_case: bool | None = None) -> list[Name]:
    """Capitalised sequences that read as names, as spans (offsets + ``offset``)."""
    if title_case is None:
        title_case = is_title_case(text) or _all_caps_line(text)
    names: list[Name] = []
    current: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []  # connectors waiting for a following name

    def flush() -> None:
        if current:
            s, e = current[0][0], current[-1][1]
            stems = tuple(stem(w.lower()) for _, _, w in current if w.lower() not in _CONNECTORS)
            names.append(Name(offset + s, offset + e, text[s:e], stems))
        current.clear()
        pending.clear()

    prev_word: tuple[int, int, str] | None = None
    for m in _NAME_WORD.finditer(text):
        raw = m.group(1)
        low = raw.lower()
        is_name = False
        if raw[:1].isupper() and low.isalpha() and low not in STOPWORDS:
            if raw.isupper() and len(raw) > 2 and zipf(low) >= _TITLE_WORD_MAX_ZIPF:
                is_name = False  # an ordinary word in capitals ("SMALL"), not an acronym
            elif title_case:
                # Capitals say nothing here: a place word, a rare word that is not an
                # inflected verb ("Mauled"), an acronym, or the word after a title
                # ("Mayor Alvarez").
                is_name = (
                    low in PLACE_WORDS
                    or (zipf(low) < _TITLE_WORD_MAX_ZIPF and not low.endswith(_VERB_ENDINGS))
                    or zipf(low) == UNKNOWN_ZIPF
                    or (raw.isupper() and 2 <= len(raw) <= 5)
                    or (
                        prev_word is not None
                        and prev_word[2].lower() in _TITLES
                        and zipf(low) < 4.0
                        and not low.endswith(_VERB_ENDINGS)
                    )
                )
            elif _sentence_start(text, m.start()):
                is_name = low in PLACE_WORDS or raw.isupper() or (zipf(low) < 4.0 and not _adverb(low))
            else:
                is_name = True
        elif raw.isupper() and low in {"us", "un", "uk", "eu"}:
            is_name = True
        if is_name and title_case and not current and prev_word is not None:
            # Pull in a capitalised "North"/"New" standing right before the name.
            _, pe, pw = prev_word
            if pw.lower() in _NAME_PREFIXES and pw[:1].isupper() and text[pe : m.start()] == " ":
                current.append(prev_word)
        prev_word = (m.start(), m.start() + len(raw), raw)
        # flush() is a no-op while no name is open (``pending`` only fills while one is),
        # so it is called only when one is: most words are not names.
        if is_name:
            if current and pending:
                current.extend(pending)
            pending.clear()
            current.append(prev_word)
        elif current:
            if low in _CONNECTORS:
                # "Bank of England": a connector joins two capitalised parts of one name.
                pending.append(prev_word)
            else:
                flush()
        # Punctuation between words ends a name ("Moscow, Kyiv").
        if current:
            nxt = text[m.end() : m.end() + 1]
            if nxt and nxt in ',;:.!?()"':
                flush()
    flush()
    return names


def _adverb(low: str) -> bool:
    """A manner or stance adverb made from a known word ("Evidently", "Happily", "Notably"):
    rare enough to pass for a name when it opens a sentence, but it names nothing."""
    if not low.endswith("ly") or len(low) < 6:
        return False
    base = low[:-2]
    if low.endswith("ily"):
        base = low[:-3] + "y"  # happily -> happy
    elif low.endswith("bly"):
        base = low[:-1] + "e"  # notably -> notable
    elif low.endswith("ally") and zipf(base) < _ADVERB_BASE_ZIPF:
        base = low[:-4]  # basically -> basic
    return zipf(base) >= _ADVERB_BASE_ZIPF


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘([":
        i -= 1
    return i < 0 or text[i] in ".!?\n:—"
