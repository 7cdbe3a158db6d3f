"""Which language an article is written in, and whether copydesk can assess it.

Every rule pack and word list copydesk ships is English: run on Spanish, the rules
find almost nothing and the article would score as clean copy. So an article in
another language is reported as not assessed instead of graded.

The decision is py3langid's (a naive Bayes byte n-gram model, BSD-3-Clause, shipped
in its wheel, offline). Loading its model takes ~0.9 s, about an audit's whole
start-up, so plain English is recognised first from its function words
(data/english_markers.txt): news copy in English has 15-25% of its words in that
list, other Latin-script languages well under 3%. Only text in between goes to the
detector, loaded on that first use (and kept decompressed by copydesk.speed.langid).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from copydesk import data

# Enough text to decide on; a long article is not more English for its length.
_SAMPLE_CHARS = 4000
_SAMPLE_WORDS = 600
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
# Share of marker words above which text is English without asking the detector
# (English news: 0.15-0.25; Spanish, French, German, Italian, Portuguese: < 0.03).
_ENGLISH_SHARE = 0.08
# Fewer words than this and a detector's answer is a guess: assess as English.
_MIN_WORDS = 12
# The detector's probability that must be reached to call text another language.
_MIN_CONFIDENCE = 0.9


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, "en" when undecided
    confidence: float | None  # the detector's probability; None when not asked
    method: str  # "function words" | "detector" | "too short"


def detect(text: str, words: list[str] | None = None) -> Language:
    """The language of ``text`` (an article's headline and body).

    ``words`` are the text's word tokens in lower case, when the caller has them
    (an audit does): counting markers over them is a C-level pass, no regex.
    """
    if words is None:
        words = [w.lower() for w in _WORD.findall(text[:_SAMPLE_CHARS])]
    sample = words[:_SAMPLE_WORDS]
    if len(sample) < _MIN_WORDS:
        return Language("en", None, "too short")
    share = sum(map(_markers().__contains__, sample)) / len(sample)
    if share >= _ENGLISH_SHARE:
        return Language("en", None, "function words")
    code, confidence = _identifier().classify(text[:_SAMPLE_CHARS])
    if code != "en" and confidence < _MIN_CONFIDENCE:
        return Language("en", round(confidence, 3), "detector")
    return Language(code, round(confidence, 3), "detector")


@cache
def _markers() -> frozenset[str]:
    return data.words("english_markers.txt")


@cache
def _identifier() -> Any:  # py3langid ships no type hints
    from copydesk.speed.langid import identifier

    return identifier()


# ISO 639-1 names for the report's message (py3langid's 97 codes; the rest print as the code).
# fmt: off
NAMES = {
    "de": "German", "es": "Spanish", "fr": "French", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish",
    "pl": "Polish", "cs": "Czech", "ro": "Romanian", "hu": "Hungarian", "tr": "Turkish",
    "ru": "Russian", "uk": "Ukrainian", "el": "Greek", "ar": "Arabic", "he": "Hebrew",
    "fa": "Persian", "hi": "Hindi", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
    "id": "Indonesian", "ms": "Malay", "vi": "Vietnamese", "ca": "Catalan", "eu": "Basque",
    "gl": "Galician", "en": "English",
}
# fmt: on


def name(code: str) -> str:
    return NAMES.get(code, code)
