"""Readability (textstat) and tone (VADER), measured for every article.

Measuring is separate from judging: these are figures; a rule turns a figure into a
finding. Tone is scored sentence by sentence, because one VADER call over a whole
article is slow and drowns a loaded headline in a long body.
"""

from __future__ import annotations

from functools import lru_cache
from statistics import fmean
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..context import Context


@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=8192)
def compound(text: str) -> float:
    return float(_vader().polarity_scores(text)["compound"])


def sentence_tone(ctx: Context) -> list[float]:
    """VADER compound of each body sentence (boilerplate excluded), in order."""
    return [compound(ctx.text[s:e]) for s, e in ctx.body_sentences()]


def headline_tone(ctx: Context) -> float | None:
    if ctx.doc.headline is None:
        return None
    return compound(ctx.doc.slice(ctx.doc.headline))


def readability(ctx: Context) -> dict[str, Any]:
    import textstat

    sentences = ctx.body_sentences()
    body = " ".join(ctx.text[s:e] for s, e in sentences)
    words = ctx.body_word_count
    if not body.strip() or words == 0:
        return {
            "flesch_reading_ease": None,
            "flesch_kincaid_grade": None,
            "words": words,
            "sentences": len(sentences),
        }
    syllables = textstat.syllable_count(body)
    lexicon = max(1, textstat.lexicon_count(body))
    return {
        "flesch_reading_ease": round(float(textstat.flesch_reading_ease(body)), 2),
        "flesch_kincaid_grade": round(float(textstat.flesch_kincaid_grade(body)), 2),
        "words": words,
        "sentences": len(sentences),
        "syllables_per_word": round(syllables / lexicon, 3),
        "words_per_sentence": round(words / max(1, len(sentences)), 2),
    }


def tone(ctx: Context) -> dict[str, Any]:
    scores = ctx.analysis(sentence_tone)
    return {
        "headline": ctx.analysis(headline_tone),
        "body_mean": round(fmean(scores), 4) if scores else None,
        "body_most_negative": min(scores) if scores else None,
        "body_most_positive": max(scores) if scores else None,
        "sentences": scores,
    }
