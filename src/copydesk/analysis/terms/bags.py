"""Bags of terms: per-span weights and counts, coverage and cosine, and the per-article bags.

- ``Bag``: the terms of one span: ``terms``, ``weights`` (stem -> max weight), ``counts``
  (stem -> occurrences), ``extra`` (weightless stems), ``stems`` (all stems, for
  matching), ``total`` (sum of weights of distinct stems); ``bag_of(terms)``.
  ``coverage(query, target)`` = share of the query's weight whose stems the target has
  (prefix matches count half); ``cosine(a, b)`` = weighted cosine.
- ``article_terms(ctx)`` (via ``ctx.analysis(article_terms)``, computed once per article):
  ``ArticleTerms`` with ``headline: Bag | None``, ``headings: list[Bag]`` (aligned with
  ``ctx.doc.headings``), ``sentences: list[Bag]`` (aligned with ``ctx.doc.sentences``),
  ``paragraphs: list[Bag]`` (aligned with ``ctx.doc.paragraphs``), ``body: Bag`` (all body
  sentences, boilerplate paragraphs excluded: call it in phase 1, after boilerplate
  detection), ``sentence_frequency: Counter[stem]`` (number of body sentences containing
  the stem), ``body_stems: set[str]``. Offsets in its terms are ORIGINAL offsets (ready
  for findings).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from copydesk.analysis.terms.stems import prefix_match
from copydesk.analysis.terms.tokens import Term, terms_cached

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


@dataclass(slots=True)
class Bag:
    """The terms of one span with per-stem weights and counts."""

    terms: list[Term] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    # Stems that only help matching (joined compounds), with no weight of their own.
    extra: set[str] = field(default_factory=set)

    @property
    def stems(self) -> set[str]:
        return set(self.weights) | self.extra

    @property
    def total(self) -> float:
        return sum(self.weights.values())

    def add(self, terms: Iterable[Term]) -> None:
        own, counts, weights, extra = self.terms, self.counts, self.weights, self.extra
        for t in terms:
            own.append(t)
            st, w = t.stem, t.weight
            if w <= 0.0:
                extra.add(st)
                continue
            counts[st] += 1
            if w > weights.get(st, 0.0):
                weights[st] = w

    def merge(self, other: Bag) -> None:
        """``self.add(other.terms)``, from the other bag's totals: the same weights, counts
        and key order (each bag records stems in order of first occurrence), with one
        step per stem instead of per term."""
        self.terms.extend(other.terms)
        weights, counts = self.weights, self.counts
        for st, w in other.weights.items():
            if w > weights.get(st, 0.0):
                weights[st] = w
            counts[st] += other.counts[st]
        if other.extra:
            # Term by term, as add() does: a set's iteration order depends on insertion order.
            self.extra.update(t.stem for t in other.terms if t.weight <= 0.0)


def bag_of(terms: Iterable[Term]) -> Bag:
    bag = Bag()
    bag.add(terms)
    return bag


def coverage(query: Bag, target: Bag | set[str], prefix_credit: float = 0.5) -> float:
    """Share of the query's weight whose stems occur in the target (0 when query empty)."""
    total = query.total
    if total <= 0:
        return 0.0
    stems = target if isinstance(target, set) else target.stems
    got = 0.0
    for s, w in query.weights.items():
        if s in stems:
            got += w
        elif prefix_credit and len(s) >= 5 and any(prefix_match(s, o) for o in stems):
            got += w * prefix_credit
    return got / total


def cosine(a: Bag, b: Bag) -> float:
    """Cosine of two bags, each stem weighted by informativeness x (1 + log count)."""
    if not a.weights or not b.weights:
        return 0.0

    def vec(bag: Bag) -> dict[str, float]:
        return {s: w * (1.0 + math.log(bag.counts[s])) for s, w in bag.weights.items()}

    va, vb = vec(a), vec(b)
    dot = sum(v * vb[s] for s, v in va.items() if s in vb)
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(v * v for v in va.values()))
    nb = math.sqrt(sum(v * v for v in vb.values()))
    return dot / (na * nb)


# ---------------------------------------------------------------- per article


@dataclass(slots=True)
class ArticleTerms:
    headline: Bag | None
    headings: list[Bag]
    sentences: list[Bag]
    paragraphs: list[Bag]
    body: Bag
    sentence_frequency: Counter[str]
    body_stems: set[str]


def _span_terms(ctx: Context, start: int, end: int) -> list[Term]:
    """Terms of an original span, read from the normalised text, with original offsets."""
    norm = ctx.norm
    n0, n1 = norm.to_normalized(start), norm.to_normalized(end)
    cached = terms_cached(norm.text[n0:n1])
    # Terms are rebuilt with tuple.__new__, not _replace(): this runs for every term of
    # every article, and _replace goes through a dict of keywords.
    new = tuple.__new__
    if norm.starts is None:  # ASCII text: normalised offsets are original offsets
        return [new(Term, (t[0], t[1], t[2] + n0, t[3] + n0, t[4], t[5], t[6])) for t in cached]
    starts, ends = norm.starts, norm.ends
    assert ends is not None
    # norm.to_original inlined: a term is never empty.
    return [new(Term, (t[0], t[1], starts[n0 + t[2]], ends[n0 + t[3] - 1], t[4], t[5], t[6])) for t in cached]


def article_terms(ctx: Context) -> ArticleTerms:
    """Term bags of the headline, each heading, sentence and paragraph (use ctx.analysis)."""
    doc = ctx.doc
    headline = bag_of(_span_terms(ctx, *doc.headline)) if doc.headline else None
    headings = [bag_of(_span_terms(ctx, s, e)) for s, e in doc.headings]
    sentences = [bag_of(_span_terms(ctx, s.start, s.end)) for s in doc.sentences]
    paragraphs: list[Bag] = []
    body = Bag()
    freq: Counter[str] = Counter()
    for p_index, para in enumerate(doc.paragraphs):
        bag = Bag()
        for i in para.sentences:
            bag.merge(sentences[i])
        paragraphs.append(bag)
        if p_index in ctx.boilerplate:
            continue
        # The paragraph's bag is its sentences merged in order: merging it gives the body
        # the same terms, weights, counts and key order in fewer steps.
        body.merge(bag)
        for i in para.sentences:
            freq.update(sentences[i].weights.keys())
    return ArticleTerms(headline, headings, sentences, paragraphs, body, freq, body.stems)
