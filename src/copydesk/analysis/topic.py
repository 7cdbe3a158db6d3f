"""The topic of an article, and how well each paragraph, sentence and section belongs to it.

Computed once per article (``ctx.analysis(topic)``) on the shared term statistics
(:mod:`copydesk.analysis.terms`), after boilerplate is known (phase 1).

How a unit is judged. Each paragraph (sentence, section) is compared with the rest of
the article, itself left out. For every content word of the unit we ask one question:
does the rest of the article use it too? Two explanations compete:

- the unit is *off the topic*: it shares a word with the rest only by chance, as any
  two English texts do. That chance comes from the word's background frequency
  (shipped with the package) and the length of the rest: "police" turns up by chance in
  a 600-word article about anything, "craniotomy" does not (``q0 = 1 - exp(-N p)``);
- the unit *belongs*: a word of it recurs in the rest with the chance ``q0`` plus a
  share ``rho`` of the remainder, where ``rho`` is measured on the article itself (how
  much its other units reuse each other's words), so a tightly written piece expects
  more reuse than a loose feature and is not flagged for the looseness of its genre.

The unit's *evidence* is the log-likelihood ratio of the two (natural log, summed over
its distinct content words): positive when it belongs, negative when it does not.
Sharing a rare word or a name is strong evidence; sharing "said" or "people" is none;
a long unit that shares nothing is strong evidence against, a short one weak. The
*similarity* shown to readers is the share of the unit's information (each word
weighted by its surprisal, ``-ln q0``) that the rest of the article also carries, and
the article's *typical* figure is the median of its units' similarities.

Entity continuity is measured apart: names and places in the unit (read by
:func:`~copydesk.analysis.terms.names_in`) that appear nowhere else in the article.
A unit whose names all recur is a tangent within the story; one whose names are all
new is about something else. Reading names is the costly part, so it happens on demand
(``Topic.read_names(fit)``), for the few units a check is about to judge.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import median
from typing import TYPE_CHECKING

from copydesk.analysis import terms as T

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

__all__ = ["Topic", "UnitFit", "topic"]

# The chance a number recurs in an unrelated text of news length (years, small counts).
NUMBER_CHANCE = 0.2
# Bounds and prior for the article's own reuse rate: a one-paragraph note or a listicle
# must not set an absurd expectation.
RHO_BOUNDS = (0.1, 0.8)
RHO_PRIOR = (1.0, 3.0)  # pseudo-counts: one shared word in three, before the article speaks
# Each word form of a stem adds a little to its chance of occurring (worker, workers).
FORM_FACTOR = 1.5
_MIN_Q = 1e-6
_MAX_Q = 0.95


@dataclass(slots=True)
class UnitFit:
    """How one unit (paragraph, sentence or section) fits the rest of the article."""

    kind: str  # "paragraph" | "sentence" | "section"
    index: int  # paragraph / sentence / section index in the Document
    start: int  # original offsets of the whole unit
    end: int
    terms: int  # distinct content words
    evidence: float  # log-likelihood ratio, natural log: > 0 belongs, < 0 off topic
    similarity: float  # share of the unit's information the rest also carries, 0..1
    # Names and places in the unit, and those found nowhere else in the article: read
    # on demand by Topic.read_names (empty until then).
    names: list[str] = field(default_factory=list)
    unseen_names: list[str] = field(default_factory=list)
    # Names of the unit the headline names too: the story's own subject.
    headline_names: list[str] = field(default_factory=list)
    # (surprisal, word) of the unit's words the rest shares / does not share; read
    # through ``shared`` and ``unshared``, which rank them only when a check asks.
    shared_info: list[tuple[float, str]] = field(default_factory=list)
    unshared_info: list[tuple[float, str]] = field(default_factory=list)
    # Sentences only: the best similarity among the other sentences of its paragraph
    # (None when it stands alone), so a sentence that breaks away from an on-topic
    # paragraph can be told from a paragraph that drifts as a whole.
    context: float | None = None
    # Names are read on demand (Topic.read_names): False until then.
    names_read: bool = False
    # Paragraphs only, filled on demand by Topic.read_meaning: the cosine of the unit's
    # word-vector mean with the rest of the article's (itself left out; None when the
    # vectors know too few of its words), and how far that cosine falls below the median
    # of the other paragraphs' (> 0: further from the rest than is usual in this article).
    cosine: float | None = None
    semantic: float | None = None

    @property
    def shared(self) -> list[str]:
        """The five most informative words the rest of the article also has."""
        # sorted()[:5] is what heapq.nlargest(5, ...) is documented to equal, and is
        # faster on lists this short.
        return [w for _, w in sorted(self.shared_info, reverse=True)[:5]]

    @property
    def unshared(self) -> list[str]:
        """The five most informative words found nowhere else in the article."""
        return [w for _, w in sorted(self.unshared_info, reverse=True)[:5]]

    @property
    def name_continuity(self) -> float | None:
        """Share of the unit's names that recur elsewhere (None when it names nobody)."""
        if not self.names:
            return None
        return 1.0 - len(self.unseen_names) / len(self.names)


@dataclass(slots=True)
class Topic:
    """The article's topic and the fit of each of its units."""

    keywords: list[tuple[str, float]]  # the article's topic words, strongest first
    entities: list[tuple[str, int]]  # names it keeps returning to, with paragraph counts
    paragraphs: list[UnitFit]  # body paragraphs (boilerplate left out), in order
    sentences: list[UnitFit]
    sections: list[UnitFit]  # only when the article has several sections with headings
    typical: float | None  # median similarity of the paragraphs
    typical_sentence: float | None
    typical_section: float | None
    rho: float  # how much the article's paragraphs reuse each other's words
    rho_sentence: float
    _read_names: Callable[[UnitFit], None] | None = None
    _read_meaning: Callable[[], None] | None = None

    def read_names(self, fit: UnitFit) -> UnitFit:
        """Fill ``fit.names`` and ``fit.unseen_names`` (once; names are costly to read)."""
        if not fit.names_read and self._read_names is not None:
            self._read_names(fit)
        return fit

    def read_meaning(self) -> None:
        """Fill every paragraph's ``cosine`` and ``semantic`` (once, from the word vectors)."""
        if self._read_meaning is not None:
            read, self._read_meaning = self._read_meaning, None
            read()

    def least_connected(self) -> int | None:
        """Document index of the paragraph with the strongest evidence against it."""
        scored = [u for u in self.paragraphs if u.terms]
        if len(scored) < 2:
            return None
        return min(scored, key=lambda u: u.evidence).index

    def paragraph(self, index: int) -> UnitFit | None:
        for u in self.paragraphs:
            if u.index == index:
                return u
        return None


# ---------------------------------------------------------------- building blocks


@dataclass(slots=True)
class _Unit:
    kind: str
    index: int
    start: int
    end: int
    stems: dict[str, str]  # stem -> the commonest surface form seen in the unit
    sentences: list[int]  # Document sentence indices, for reading names when needed
    tokens: int


def _tokens(ctx: Context, start: int, end: int) -> int:
    lo, hi = ctx.token_range(start, end)
    return hi - lo


@lru_cache(maxsize=65536)
def _rate(word: str) -> float | None:
    """Occurrences of a word form per running word in general English (None: a number)."""
    if word.isdigit():
        return None
    return FORM_FACTOR * 10.0 ** (T.zipf(word) - 9.0)


def _chance(rate: float | None, n_rest: int) -> float:
    """Chance that a word of this background rate occurs in n_rest words by luck."""
    if rate is None:
        return NUMBER_CHANCE
    return min(_MAX_Q, max(_MIN_Q, 1.0 - math.exp(-n_rest * rate)))


@lru_cache(maxsize=16384)
def _names(sentence: str) -> tuple[tuple[int, int, tuple[str, ...]], ...]:
    """Names in a body sentence (start, end, stems), cached: sentences recur across audits."""
    letters = [c for c in sentence if c.isalpha()]
    if len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        return ()  # an all-capitals line: capitals say nothing about names
    # A body sentence is never Title Case, however many names it has: left to guess,
    # names_in would read a name-heavy sentence as a headline and drop most of them.
    return tuple((n.start, n.end, n.stems) for n in T.sentence_names(sentence, False) if n.stems)


def _estimate_rho(
    totals: tuple[float, float, float], leave_out: tuple[float, float, float] | None
) -> float:
    """Reuse rate beyond chance: (shared - expected by chance) / (not expected by chance).

    ``totals`` sums (shared words, words expected shared by chance, the rest) over the
    article's units; ``leave_out`` is the unit being judged, taken out of the estimate.
    """
    shared, chance, room = totals
    if leave_out is not None:
        s, c, r = leave_out
        shared, chance, room = shared - s, chance - c, room - r
    rho = (shared - chance + RHO_PRIOR[0]) / (room + RHO_PRIOR[1])
    return min(RHO_BOUNDS[1], max(RHO_BOUNDS[0], rho))


def _fit(unit: _Unit, words: list[tuple[float, bool, str]], rho: float) -> UnitFit:
    """Evidence and similarity of one unit; ``words`` holds (chance, shared, word)."""
    evidence = 0.0
    info_total = 0.0
    info_shared = 0.0
    shared: list[tuple[float, str]] = []
    unshared: list[tuple[float, str]] = []
    log = math.log
    for q0, is_shared, word in words:
        q1 = q0 + (1.0 - q0) * rho
        info = -log(q0)
        info_total += info
        if is_shared:
            evidence += log(q1 / q0)
            info_shared += info
            shared.append((info, word))
        else:
            evidence += log((1.0 - q1) / (1.0 - q0))
            unshared.append((info, word))
    return UnitFit(
        kind=unit.kind,
        index=unit.index,
        start=unit.start,
        end=unit.end,
        terms=len(words),
        evidence=evidence,
        similarity=info_shared / info_total if info_total > 0 else 0.0,
        shared_info=shared,
        unshared_info=unshared,
    )


def _score(
    units: list[_Unit],
    fixed: set[str],
    rates: dict[str, float | None],
    total_tokens: int,
) -> tuple[list[UnitFit], float, Counter[str]]:
    """Fit of each unit against all the others (leave-one-out); also the stem support."""
    support: Counter[str] = Counter()
    for u in units:
        support.update(u.stems.keys())
    # The rest of the article has a stem when another unit has it too (the unit itself
    # counts once in ``support``), or the headline does.
    in_rest = {st for st, n in support.items() if n > 1}
    in_rest.update(fixed)
    # Per unit: each word's chance of turning up in the rest by luck, and whether the
    # rest has it.
    exp = math.exp
    per_unit: list[list[tuple[float, bool, str]]] = []
    stats: list[tuple[float, float, float]] = []  # shared, expected by chance, room
    for u in units:
        n_rest = max(1, total_tokens - u.tokens)
        # _chance() inlined, with its min/max as comparisons (same values): this runs for
        # every stem of every unit. The sums are taken in the same order as sum() would.
        words = []
        chance = 0
        n_shared = 0
        for stem_, word in u.stems.items():
            rate = rates.get(stem_)
            if rate is None:
                q = NUMBER_CHANCE
            else:
                q = 1.0 - exp(-n_rest * rate)
                q = q if q > _MIN_Q else _MIN_Q
                q = q if q < _MAX_Q else _MAX_Q
            is_shared = stem_ in in_rest
            words.append((q, is_shared, word))
            chance += q
            n_shared += is_shared
        per_unit.append(words)
        stats.append((float(n_shared), chance, len(words) - chance))
    totals = (
        sum(x[0] for x in stats),
        sum(x[1] for x in stats),
        sum(x[2] for x in stats),
    )
    fits = [
        _fit(u, words, _estimate_rho(totals, stat))
        for u, words, stat in zip(units, per_unit, stats, strict=True)
    ]
    return fits, _estimate_rho(totals, None), support


def _meaning(fits: list[UnitFit], words: list[list[str]], headline: list[str]) -> None:
    """Each paragraph's cosine with the rest of the article, in word vectors, and its
    shortfall against the other paragraphs' cosines (``fit.cosine``, ``fit.semantic``).

    A paragraph's vector is the mean of its content words' vectors, each weighted by
    the word's informativeness (``terms.weight``: "said" next to nothing, "striker"
    much); the rest is the sum of the other paragraphs' unit vectors and the
    headline's. Calibrated per article: a feature's paragraphs sit further from each
    other than a wire report's, so a cosine is judged by how far it falls below the
    median of the other paragraphs' cosines (``fit.semantic``, in cosine units).
    """
    import numpy as np

    from copydesk.analysis import embeddings

    # Each distinct word of the article looked up once, then one weighted sum per
    # paragraph (and the headline) as a matrix product.
    groups = [*words, headline if len(headline) >= 2 else []]
    flat = [w for ws in groups for w in ws]
    distinct = {w: k for k, w in enumerate(dict.fromkeys(flat))}
    table_row = embeddings.rows_of(list(distinct))
    known = [k for k, r in enumerate(table_row) if r >= 0]
    if not known:
        return
    vectors = np.zeros((len(distinct), embeddings.dims()), dtype=np.float32)
    vectors[known] = embeddings.unit_rows([table_row[k] for k in known])
    weights = np.asarray([T.weight(w) if table_row[k] >= 0 else 0.0 for w, k in distinct.items()],
                         dtype=np.float32)
    token = np.fromiter((distinct[w] for w in flat), dtype=np.int64, count=len(flat))
    owner = np.repeat(np.arange(len(groups)), [len(ws) for ws in groups])
    # Summed by segments (the tokens come grouped), not by a matrix product: a BLAS
    # call this small costs more in waking its threads than in arithmetic.
    sizes = np.asarray([len(ws) for ws in groups])
    sums = np.zeros((len(groups), vectors.shape[1]), dtype=np.float32)
    filled = sizes > 0
    if filled.any():
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))[filled]
        sums[filled] = np.add.reduceat(vectors[token] * weights[token][:, None], starts, axis=0)
    found = np.asarray(table_row)[token] >= 0
    counts = np.bincount(owner[found], minlength=len(groups))
    norms = np.linalg.norm(sums, axis=1)
    usable = (counts >= SEMANTIC_MIN_WORDS) & (norms > 0)
    usable[-1] = counts[-1] >= 2 and norms[-1] > 0  # the headline: short by nature
    if usable[:-1].sum() < 3:
        return
    unit = np.where(usable[:, None], sums / np.maximum(norms, 1e-12)[:, None], 0.0)
    rest = unit.sum(0) - unit  # every group's rest of the article (headline included)
    cos = (unit * rest).sum(1) / (np.linalg.norm(rest, axis=1) + 1e-9)
    for k, fit in enumerate(fits):
        if usable[k]:
            fit.cosine = float(cos[k])
    # The median of the other paragraphs' cosines, for each paragraph, from one sort:
    # leaving out the i-th smallest shifts the positions at and after i by one.
    judged = [f for f in fits if f.cosine is not None]
    values = np.asarray([f.cosine for f in judged])
    order = np.argsort(values, kind="stable")
    ranked = values[order]
    m = len(values) - 1
    rank = np.empty(len(values), dtype=np.int64)
    rank[order] = np.arange(len(values))

    def at(j: int) -> np.ndarray:  # position j of each paragraph's "others", sorted
        return np.where(j < rank, ranked[j], ranked[min(j + 1, m)])

    mid = (at((m - 1) // 2) + at(m // 2)) / 2.0
    for fit, middle in zip(judged, mid.tolist(), strict=True):
        fit.semantic = middle - fit.cosine


def _typical(fits: list[UnitFit], min_terms: int) -> float | None:
    values = [f.similarity for f in fits if f.terms >= min_terms]
    return round(median(values), 4) if values else None


# ---------------------------------------------------------------- the analysis

# Units with fewer content words than this say too little to set the typical figure.
TYPICAL_MIN_TERMS = 4
# Word vectors: a paragraph of fewer content words gets no cosine.
SEMANTIC_MIN_WORDS = 4


def topic(ctx: Context) -> Topic:
    """The article's topic and every unit's fit (use ``ctx.analysis(topic)``)."""
    at = ctx.analysis(T.article_terms)
    doc = ctx.doc
    boiler = ctx.boilerplate

    rates: dict[str, float | None] = {}
    seen_forms: set[str] = set()

    def note(term: T.Term) -> None:
        # A stem is as common as its commonest form in the article (conservative).
        seen_forms.add(term.word)
        rate = _rate(term.word)
        if term.stem not in rates:
            rates[term.stem] = rate
        else:
            old = rates[term.stem]
            if rate is not None and (old is None or rate > old):
                rates[term.stem] = rate

    def stems_of(bags: list[T.Bag]) -> dict[str, str]:
        out: dict[str, str] = {}
        for bag in bags:
            for t in bag.terms:
                if t.word not in seen_forms or t.stem not in rates:
                    note(t)
                out.setdefault(t.stem, t.word)
        return out

    sentence_names: dict[int, dict[str, tuple[str, ...]]] = {}

    def names_of(sentence_ids: list[int]) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for si in sentence_ids:
            if si not in sentence_names:
                s = doc.sentences[si]
                # Read from the normalised text, whose stems the bags hold ("Müller" is
                # "muller" there), and keyed by the name as the article writes it.
                n0, sentence = ctx.normalized(s.start, s.end)
                found: dict[str, tuple[str, ...]] = {}
                for a, b, stems in _names(sentence):
                    o0, o1 = ctx.to_original(n0 + a, n0 + b)
                    found[ctx.text[o0:o1]] = stems
                sentence_names[si] = found
            out.update(sentence_names[si])
        return out

    # The headline stands for the topic: its words count as present everywhere.
    fixed: set[str] = set()
    headline_tokens = 0
    if at.headline is not None and doc.headline is not None:
        fixed = set(stems_of([at.headline]))
        headline_tokens = _tokens(ctx, *doc.headline)

    body_paragraphs = [i for i, p in enumerate(doc.paragraphs) if i not in boiler]
    paragraph_units: list[_Unit] = []
    sentence_stems: dict[int, dict[str, str]] = {}
    for i in body_paragraphs:
        p = doc.paragraphs[i]
        # A paragraph's terms are its sentences' terms in order: its stems (each with its
        # first form) are theirs merged, first form kept, with no second pass over terms.
        merged: dict[str, str] = {}
        for si in p.sentences:
            own = sentence_stems[si] = stems_of([at.sentences[si]])
            for st, word in own.items():
                merged.setdefault(st, word)
        paragraph_units.append(
            _Unit("paragraph", i, p.start, p.end, merged,
                  list(p.sentences), _tokens(ctx, p.start, p.end))
        )
    total = sum(u.tokens for u in paragraph_units) + headline_tokens
    paragraphs, rho, paragraph_support = _score(paragraph_units, fixed, rates, total)

    sentence_units: list[_Unit] = []
    for i in body_paragraphs:
        for si in doc.paragraphs[i].sentences:
            s = doc.sentences[si]
            sentence_units.append(
                _Unit("sentence", si, s.start, s.end, sentence_stems[si],
                      [si], _tokens(ctx, s.start, s.end))
            )
    sentences, rho_sentence, sentence_support = _score(sentence_units, fixed, rates, total)
    # A sentence's context is the best similarity among the other sentences of its
    # paragraph: the paragraph's best, or its second best for the best one itself (a
    # scan of all mates per sentence was quadratic in a paragraph of many sentences).
    by_sentence = {f.index: f for f in sentences}
    for p_index in body_paragraphs:
        best: UnitFit | None = None
        second: float | None = None
        for si in doc.paragraphs[p_index].sentences:
            fit = by_sentence.get(si)
            if fit is None or not fit.terms:
                continue
            if best is None or fit.similarity > best.similarity:
                second = None if best is None else best.similarity
                best = fit
            elif second is None or fit.similarity > second:
                second = fit.similarity
        for si in doc.paragraphs[p_index].sentences:
            fit = by_sentence[si]
            fit.context = second if fit is best else (None if best is None else best.similarity)

    sections: list[UnitFit] = []
    section_units: list[_Unit] = []
    section_support: Counter[str] = Counter()
    headed = [s for s in doc.sections if s.heading is not None]
    if len(doc.sections) >= 3 and len(headed) >= 2:
        for sec in doc.sections:
            paras = [i for i in sec.paragraphs if i not in boiler]
            if not paras:
                continue
            start = sec.heading[0] if sec.heading else doc.paragraphs[paras[0]].start
            end = doc.paragraphs[paras[-1]].end
            sids = [si for i in paras for si in doc.paragraphs[i].sentences]
            section_units.append(
                _Unit("section", sec.index, start, end,
                      stems_of([at.paragraphs[i] for i in paras]), sids,
                      sum(_tokens(ctx, doc.paragraphs[i].start, doc.paragraphs[i].end)
                          for i in paras))
            )
        if len(section_units) >= 3:
            sections, _, section_support = _score(section_units, fixed, rates, total)

    # The topic itself, for readers and for other checks: words and names that recur.
    weight_of: Counter[str] = Counter()
    form: dict[str, str] = {}
    for u in paragraph_units:
        for stem_, word in u.stems.items():
            form.setdefault(stem_, word)
            weight_of[stem_] += 1
    keywords = sorted(
        (
            (form[s], round(n * -math.log(_chance(rates.get(s), max(1, total))), 2))
            for s, n in weight_of.items()
            if n >= 2 or s in fixed
        ),
        key=lambda kv: -kv[1],
    )[:12]
    # Names the article keeps returning to: capitalised words inside sentences (read
    # from the shared terms, not the slower name parser), counted by paragraph.
    entity_counts: Counter[str] = Counter()
    entity_form: dict[str, str] = {}
    for i in body_paragraphs:
        # In order of first appearance, not a set's: ties in most_common() keep the
        # counting order, and a set's order changes with the hash seed.
        ordered = list(
            dict.fromkeys(t.stem for t in at.paragraphs[i].terms if t.capitalized and not t.initial)
        )
        caps = set(ordered)
        for t in at.paragraphs[i].terms:
            if t.stem in caps:
                entity_form.setdefault(t.stem, ctx.text[t.start : t.end])
        entity_counts.update(ordered)
    entities = [(entity_form[n], c) for n, c in entity_counts.most_common(10) if c >= 2]

    # Names are read only when a check asks (the name parser is the costly part).
    levels = {
        "paragraph": (paragraph_units, paragraph_support),
        "sentence": (sentence_units, sentence_support),
        "section": (section_units, section_support),
    }
    lookup = {
        (u.kind, u.index): (u, support)
        for units, support in levels.values()
        for u in units
    }

    def read_names(fit: UnitFit) -> None:
        unit, support = lookup[(fit.kind, fit.index)]
        names = names_of(unit.sentences)
        fit.names = list(names)
        # A name recurs when any of its words appears elsewhere in the article:
        # "Kim" in one paragraph and "Kim Jong Un" in another are the same person.
        fit.unseen_names = [
            text
            for text, stems in names.items()
            if not any(support[s] - (s in unit.stems) > 0 or s in fixed for s in stems)
        ]
        fit.headline_names = [text for text, stems in names.items() if any(s in fixed for s in stems)]
        fit.names_read = True

    def read_meaning() -> None:
        # Every term of each paragraph, repeats included: a word the paragraph keeps
        # using weighs more in what it is about.
        words = [[t.word for t in at.paragraphs[f.index].terms] for f in paragraphs]
        headline = [t.word for t in at.headline.terms] if fixed and at.headline is not None else []
        _meaning(paragraphs, words, headline)

    return Topic(
        keywords=keywords,
        entities=entities,
        paragraphs=paragraphs,
        sentences=sentences,
        sections=sections,
        typical=_typical(paragraphs, TYPICAL_MIN_TERMS),
        typical_sentence=_typical(sentences, TYPICAL_MIN_TERMS),
        typical_section=_typical(sections, TYPICAL_MIN_TERMS),
        rho=round(rho, 4),
        rho_sentence=round(rho_sentence, 4),
        _read_names=read_names,
        _read_meaning=read_meaning,
    )
