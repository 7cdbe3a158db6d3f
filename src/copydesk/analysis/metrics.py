"""Readability (textstat's formulas, see readability.py) and tone (VADER), measured for every article.

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
    from .readability import count_syllables, flesch_kincaid_grade, flesch_reading_ease

    sentences = ctx.body_sentences()
    words = ctx.body_word_count
    if not sentences or words == 0:
        return {
            "flesch_reading_ease": None,
            "flesch_kincaid_grade": None,
            "words": words,
            "sentences": len(sentences),
        }
    syllable_count = sum(count_syllables(ctx.text[s:e]) for s, e in sentences)
    n = len(sentences)
    return {
        "flesch_reading_ease": round(flesch_reading_ease(words, n, syllable_count), 2),
        "flesch_kincaid_grade": round(flesch_kincaid_grade(words, n, syllable_count), 2),
        "words": words,
        "sentences": n,
        "syllables_per_word": round(syllable_count / words, 3),
        "words_per_sentence": round(words / n, 2),
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
