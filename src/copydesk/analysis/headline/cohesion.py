"""Sentence cohesion: how each body sentence hangs together with the rest of the article.

A sentence about another story (pasted in, or a "related" teaser) shares little with
the headline, the headings and the other sentences, and brings actors nobody else in
the article names. ``sentence_cohesion`` measures both per body sentence; ``drifted``
applies a check's two limits to one measurement. Read by the ``thin_support`` and
``heading_unsupported`` checks (kinds/headline/).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from copydesk.analysis.headline.support import body_order
from copydesk.analysis.terms import article_terms, sentence_names

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


@dataclass(frozen=True, slots=True)
class Cohesion:
    """How one body sentence hangs together with the rest of the article."""

    share: float  # share of its weight that the headline, headings or other sentences repeat
    new_names: tuple[str, ...]  # names no other part of the article mentions


def sentence_cohesion(ctx: Context) -> dict[int, Cohesion]:
    """Per body sentence: what it shares with the rest of the article, and its new names.

    A sentence about the story shares names and content words with the headline and with
    other sentences; a sentence about another story brings its own, above all its own
    actors ("the Ukrainian Embassy", "Robert Fico"). Only terms found in at least one
    *other* sentence (or the headline or a heading) count, so a sentence cannot support
    itself.
    """
    at = ctx.analysis(article_terms)
    order = body_order(ctx)
    owners: dict[str, set[int]] = {}
    for i in order:
        for s in at.sentences[i].stems:
            owners.setdefault(s, set()).add(i)
    context: set[str] = set(at.headline.stems) if at.headline is not None else set()
    for bag in at.headings:
        context |= bag.stems
    out: dict[int, Cohesion] = {}
    for i in order:
        bag = at.sentences[i]

        def shared(st: str, i: int = i) -> bool:
            return st in context or len(owners.get(st, ())) > 1 or (st in owners and i not in owners[st])

        total = bag.total
        share = 1.0  # nothing to judge (a line without words or numbers)
        if total > 0:
            share = sum(w for st, w in bag.weights.items() if shared(st)) / total
        s = ctx.doc.sentences[i]
        new: list[str] = []
        # Names read from the normalised text, whose stems the bags hold ("Müller" is
        # "muller" there), and shown as the article writes them.
        n0, sentence = ctx.normalized(s.start, s.end)
        for name in sentence_names(sentence):
            stems = [st for st in name.stems if st and st not in _NAME_GLUE_STEMS]
            if stems and not any(shared(st) for st in stems):
                a, b = ctx.to_original(n0 + name.start, n0 + name.end)
                new.append(ctx.text[a:b])
        out[i] = Cohesion(share, tuple(new))
    return out


def drifted(c: Cohesion | None, drift: float, min_new_names: int) -> bool:
    """A sentence about another story: sharing less than ``drift`` of its weight with the
    article, and naming at least ``min_new_names`` actors nobody else mentions."""
    return c is not None and c.share < drift and len(c.new_names) >= min_new_names


_NAME_GLUE_STEMS = frozenset({"us", "the"})
