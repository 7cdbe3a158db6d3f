"""Heading support: does the text under each section heading carry what it announces?

For every heading with text under it: ``support``, the share of the heading's weight
found in its section (words of one ``family`` such as "Reactions" over "condemnation"
count half, a derivation ``prefix_credit``), and ``drift_share``, the share of the
section's words in sentences about another story (see cohesion.py) that share nothing
with the heading. Measurement only: the ``heading_unsupported`` check judges it and
the report publishes it (figures.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from copydesk.analysis.headline.cohesion import drifted, sentence_cohesion
from copydesk.analysis.terms import Bag, article_terms, prefix_match

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


@dataclass(frozen=True, slots=True)
class HeadingParams:
    """The ``heading_unsupported`` rule's measuring fields (``family``: the last stems of
    its ``support_terms``)."""

    family: frozenset[str]
    prefix_credit: float
    drift: float
    min_new_names: int


@dataclass(frozen=True, slots=True)
class HeadingSupport:
    start: int  # original offsets of the heading
    end: int
    support: float
    drift_share: float
    drifted: tuple[int, ...]  # body sentence indices under it about another story


def _heading_cache(ctx: Context) -> dict[HeadingParams, list[HeadingSupport]]:
    return {}


def heading_support(ctx: Context, params: HeadingParams) -> list[HeadingSupport]:
    """Every heading with text under it, in order (cached on the article per params)."""
    cache = ctx.analysis(_heading_cache)
    if params not in cache:
        cache[params] = _measure(ctx, params)
    return cache[params]


def _measure(ctx: Context, params: HeadingParams) -> list[HeadingSupport]:
    doc = ctx.doc
    if all(section.heading is None for section in doc.sections):
        return []  # most articles: no headings, and no need for the cohesion analysis
    at = ctx.analysis(article_terms)
    cohesion = ctx.analysis(sentence_cohesion)
    out: list[HeadingSupport] = []
    heading_index = -1
    for section in doc.sections:
        if section.heading is None:
            continue
        heading_index += 1
        bag = at.headings[heading_index]
        sents = [
            i for p in section.paragraphs if p not in ctx.boilerplate for i in doc.paragraphs[p].sentences
        ]
        if not sents or bag.total <= 0:
            continue
        section_stems: set[str] = set()
        for i in sents:
            section_stems |= at.sentences[i].stems
        support = _support(bag, section_stems, params.family, params.prefix_credit)
        heading_stems = bag.stems
        words = {i: max(1, sum(at.sentences[i].counts.values())) for i in sents}
        # A reaction word is no link here: the drifted sentence may well report a
        # reaction, to something else ("condemned him for warning delegations").
        off = [
            i
            for i in sents
            if drifted(cohesion.get(i), params.drift, params.min_new_names)
            and not (at.sentences[i].stems & heading_stems)
        ]
        drift_share = sum(words[i] for i in off) / sum(words.values())
        h0, h1 = section.heading
        out.append(HeadingSupport(h0, h1, support, drift_share, tuple(off)))
    return out


def _support(bag: Bag, section: set[str], family: frozenset[str], prefix_credit: float) -> float:
    total = bag.total
    if total <= 0:
        return 1.0
    got = 0.0
    has_family = bool(section & family)
    for s, w in bag.weights.items():
        if s in section:
            got += w
        elif s in family and has_family:
            got += w * 0.5  # "Reactions" over "condemnation": the same family of words
        elif prefix_credit and len(s) >= 5 and any(prefix_match(s, o) for o in section):
            got += w * prefix_credit
    return got / total
