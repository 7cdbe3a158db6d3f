"""Headline tone against body tone (VADER compound scores from analysis/metrics.py).

The body's peak on the headline's side is the mean of its three most intense sentences
of the same sign: a headline is fair when the story itself reaches that tone somewhere,
and dramatises when it goes well beyond anything the story says. Measurement only: the
``intensity_gap`` check judges it and the report publishes it (figures.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from copydesk.analysis.metrics import headline_tone, sentence_tone

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


@dataclass(frozen=True, slots=True)
class ToneGap:
    headline: float  # the headline's compound score
    body_mean: float  # the mean of the body sentences' scores
    body_peak: float  # the mean of the three most intense on the headline's side (0 if none)


def tone_gap(ctx: Context) -> ToneGap | None:
    """The headline's tone and the body's (None without a headline or body sentences)."""
    if ctx.doc.headline is None:
        return None
    head = ctx.analysis(headline_tone)
    tones = ctx.analysis(sentence_tone)
    if head is None or not tones:
        return None
    same_side = sorted((t for t in tones if t * head > 0), key=abs, reverse=True)[:3]
    body = sum(same_side) / len(same_side) if same_side else 0.0
    return ToneGap(head, sum(tones) / len(tones), body)
