"""Headline support: how much of the headline's information the body carries.

The headline's terms (content words, names and numbers, each weighted by how rare it
is in English) are looked up in the body's sentences through inflection: full credit
for a term in the first ``lead_sentences`` sentences, ``deep_credit`` further down,
``prefix_credit`` for a derivation the stemmer leaves apart, and a spelled-out name
for a headline acronym ("ISIS" for "Islamic State"). ``support`` in [0, 1] is the
share of the headline's weight the body carries. This is measurement only: the
``mismatch`` check (kinds/headline/mismatch.py) judges it, and the report publishes it
(figures.py). Also here: the body's reading order and the sentence evidence helpers
the checks' findings share.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from copydesk.analysis.headline.tokens import NAME_GLUE
from copydesk.analysis.terms import Bag, article_terms, prefix_match, sentence_names

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


@dataclass(frozen=True, slots=True)
class SupportParams:
    """How support is credited (the ``mismatch`` rule's fields of the same names)."""

    lead_sentences: int = 3
    deep_credit: float = 0.6
    prefix_credit: float = 0.5


DEFAULT_SUPPORT = SupportParams()


@dataclass(slots=True)
class TermSupport:
    stem: str
    word: str
    start: int
    end: int
    weight: float
    credit: float  # 1 in the lead, deep_credit further down, prefix_credit, 0 absent
    sentences: list[int]  # body sentence indices (Document.sentences) carrying it


@dataclass(slots=True)
class HeadlineSupport:
    support: float
    total: float  # information weight of the headline
    terms: list[TermSupport]
    evidence: list[tuple[int, float]]  # (sentence index, share of headline weight), best first

    def missing(self) -> list[TermSupport]:
        return [t for t in self.terms if t.credit == 0.0]


def body_order(ctx: Context) -> list[int]:
    """Body sentence indices in reading order, boilerplate left out."""
    doc = ctx.doc
    return [i for i, s in enumerate(doc.sentences) if s.paragraph not in ctx.boilerplate]


def _support_cache(ctx: Context) -> dict[SupportParams, HeadlineSupport | None]:
    return {}


def headline_support(ctx: Context, params: SupportParams = DEFAULT_SUPPORT) -> HeadlineSupport | None:
    """How much of the headline's information the body carries (None without a headline).

    Cached on the article per ``params``: the mismatch check and the report's figures
    read the same result.
    """
    cache = ctx.analysis(_support_cache)
    if params in cache:
        return cache[params]
    at = ctx.analysis(article_terms)
    result: HeadlineSupport | None = None
    if at.headline is not None:
        order = body_order(ctx)
        result = _support(
            at.headline,
            [(i, at.sentences[i]) for i in order],
            params,
            # Read only when a headline acronym is missing from the body: finding the
            # body's names was ~7% of an audit, and most headlines have no acronym.
            lambda: ctx.analysis(sentence_acronyms),
            ctx.text,
        )
    cache[params] = result
    return result


def _support(
    query: Bag,
    sentences: list[tuple[int, Bag]],
    params: SupportParams,
    acronyms: Callable[[], dict[str, list[int]]] | None = None,
    surface: str = "",
) -> HeadlineSupport:
    """Support of ``query`` by the sentences; ``surface`` is the text the query's offsets
    index (to recognise an acronym), ``acronyms`` gives the body's spelled-out names by
    initials (called only when needed).
    """
    lead = {i for i, _ in sentences[: params.lead_sentences]}
    where: dict[str, list[int]] = {}
    for i, bag in sentences:
        for s in bag.stems:
            where.setdefault(s, []).append(i)
    # prefix_match needs six shared letters: index the body's stems by their first six.
    prefixes: dict[str, list[str]] = {}
    for s in where:
        if len(s) >= 6:
            prefixes.setdefault(s[:6], []).append(s)
    first: dict[str, TermSupport] = {}
    for t in query.terms:
        if t.weight <= 0.0 or t.stem in first:
            continue
        w = query.weights[t.stem]
        found = where.get(t.stem, [])
        if not found and acronyms is not None:
            # "ISIS" in the headline, "Islamic State" in the body: the spelled-out name counts.
            raw = surface[t.start : t.end]
            if raw.isupper() and 2 <= len(raw) <= 6:
                found = sorted({i for a, idx in acronyms().items() if raw.startswith(a) for i in idx})
        if found:
            credit = 1.0 if any(i in lead for i in found) else params.deep_credit
        elif params.prefix_credit and len(t.stem) >= 6:
            found = sorted(
                {i for s in prefixes.get(t.stem[:6], ()) if prefix_match(t.stem, s) for i in where[s]}
            )
            credit = params.prefix_credit if found else 0.0
        else:
            credit = 0.0
        first[t.stem] = TermSupport(t.stem, t.word, t.start, t.end, w, credit, found)
    terms = list(first.values())
    total = sum(t.weight for t in terms)
    support = sum(t.weight * t.credit for t in terms) / total if total > 0 else 0.0
    per_sentence: dict[int, float] = {}
    for t in terms:
        if t.credit > 0:
            for i in t.sentences:
                per_sentence[i] = per_sentence.get(i, 0.0) + t.weight
    order = {i: k for k, (i, _) in enumerate(sentences)}
    ranked = sorted(per_sentence.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))
    evidence = [(i, round(w / total, 3)) for i, w in ranked[:3]] if total > 0 else []
    return HeadlineSupport(support, total, terms, evidence)


def sentence_acronyms(ctx: Context) -> dict[str, list[int]]:
    """Initials of multi-word names per body sentence ("United Nations" -> "UN": [0, 4])."""
    out: dict[str, list[int]] = {}
    for i in body_order(ctx):
        s = ctx.doc.sentences[i]
        # Normalised, as the headline's acronyms they are compared with.
        for initials in _name_initials(ctx.normalized(s.start, s.end)[1]):
            out.setdefault(initials, []).append(i)
    return out


@lru_cache(maxsize=16384)
def _name_initials(text: str) -> tuple[str, ...]:
    found: set[str] = set()
    for name in sentence_names(text):
        words = [w for w in re.findall(r"[^\W_]+", name.text) if w.lower() not in NAME_GLUE]
        if len(words) >= 2:
            found.add("".join(w[0] for w in words).upper())
    # A tuple, not a frozenset: the collector stops tracking a tuple of strings, and
    # cached entries stay alive for the whole batch.
    return tuple(sorted(found))


def sentence_evidence(ctx: Context, index: int, share: float | None = None) -> dict[str, Any]:
    """One body sentence as evidence: its span, its (clipped) text and a share if given."""
    s = ctx.doc.sentences[index]
    out: dict[str, Any] = {"start": s.start, "end": s.end, "text": clip(ctx.text[s.start : s.end])}
    if share is not None:
        out["share"] = share
    return out


def clip(text: str, limit: int = 160) -> str:
    """The text on one line, cut to ``limit`` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
