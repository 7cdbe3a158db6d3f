"""Word level: background frequencies, weights and stopwords.

A rare word says more about what a passage is about than a common one. Frequencies come
from ``data/wordfreq_en.tsv.gz`` (the wordfreq project, CC BY-SA 4.0), shipped in the
package: nothing is fitted per article, so a check behaves the same on a short article as
on a long one.

- ``zipf(word) -> float``: Zipf frequency of a lower-case word (log10 of occurrences per
  billion words: "the" 7.73, "backlash" about 3.4); ``UNKNOWN_ZIPF`` (1.5) when the word is
  not among the 100k most frequent. The table loads lazily: a binary search over the
  sorted text for the first few thousand lookups, then a dict (``load_seconds()`` tells).
- ``informativeness(word) -> float``: surprisal in log10 units, ``9 - zipf`` (rarer = more
  informative): about 1.3 for "the", 5.6 for "backlash", 7.5 for an unknown word.
- ``weight(word) -> float``: the weight a content word gets in term vectors:
  ``max(0, informativeness - WEIGHT_FLOOR)`` (floor 2: a word as common as "said" weighs
  next to nothing, a name or a rare noun 3 to 5.5), and 0 for stopwords.
- ``is_stopword(word) -> bool``; ``STOPWORDS``.
"""

from __future__ import annotations

from functools import lru_cache

from copydesk import data
from copydesk.analysis.terms.numbers import NUMBER_WEIGHT

# A word missing from the 100k list is rarer than the rarest listed (about 1.9).
UNKNOWN_ZIPF = 1.5
# Words at Zipf >= 7 ("the", "and") carry nothing about a topic and words near 6 ("said",
# "people") next to nothing; the floor makes their weight small rather than cutting them
# out, so a headline made of plain words still has something to match.
WEIGHT_FLOOR = 2.0

# ---------------------------------------------------------------- frequencies


zipf_value = data.zipf_value
# Shared with parse.normalize, so the table is read once per process.
_FREQUENCIES = data.word_frequencies()


def load_seconds() -> float:
    """Seconds the frequency table took to load (0 before first use)."""
    return _FREQUENCIES.load_seconds


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of a word (case-insensitive); ``UNKNOWN_ZIPF`` when unlisted."""
    found = _FREQUENCIES.get(word.lower())
    return UNKNOWN_ZIPF if found is None else found


def informativeness(word: str) -> float:
    """Surprisal of the word in log10 units: 9 - Zipf (rarer = more informative)."""
    return 9.0 - zipf(word)


@lru_cache(maxsize=65536)
def weight(word: str) -> float:
    w = word.lower()
    if w.isdigit():
        return NUMBER_WEIGHT
    if is_stopword(w) or len(w) < 2:
        return 0.0
    return max(0.0, informativeness(w) - WEIGHT_FLOOR)


# ---------------------------------------------------------------- stopwords

STOPWORDS = data.words("stopwords.txt")


def is_stopword(word: str) -> bool:
    return word.lower() in STOPWORDS
