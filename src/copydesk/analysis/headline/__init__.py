"""The headline analyses: measurement of how a text carries its headline and headings.

support.py (headline support), cohesion.py (sentences about another story),
headings.py (heading support), tone.py (headline tone against the body's), tokens.py
(stem phrases and tokens the checks share) and figures.py (what the report publishes).
The judgement, when a figure becomes a finding, is in kinds/headline/.
"""

from copydesk.analysis.headline.cohesion import Cohesion, drifted, sentence_cohesion
from copydesk.analysis.headline.figures import headline_figures
from copydesk.analysis.headline.headings import HeadingParams, HeadingSupport, heading_support
from copydesk.analysis.headline.support import (
    DEFAULT_SUPPORT,
    HeadlineSupport,
    SupportParams,
    TermSupport,
    headline_support,
)
from copydesk.analysis.headline.tone import ToneGap, tone_gap

__all__ = [
    "DEFAULT_SUPPORT",
    "Cohesion",
    "HeadingParams",
    "HeadingSupport",
    "HeadlineSupport",
    "SupportParams",
    "TermSupport",
    "ToneGap",
    "drifted",
    "heading_support",
    "headline_figures",
    "headline_support",
    "sentence_cohesion",
    "tone_gap",
]
