"""Rule kind `headline`: does the text support its headline and its section headings?

A headline promises what the story says. Each rule of this kind names one ``check``:

- ``mismatch``: the headline's information (content words, names and numbers, each
  weighted by how rare it is in English, matched through inflection) is largely absent
  from the body, and especially from its lead. ``support`` in [0, 1] is the share of the
  headline's weight the body carries (full credit in the first ``lead_sentences``
  sentences, ``deep_credit`` further down, ``prefix_credit`` for a derivation the stemmer
  leaves apart); below ``threshold`` the headline does not describe this body.
- ``missing_fact``: a number or a name in the headline that the body never mentions.
- ``thin_support``: the headline announces a reaction as a noun (``terms``: "backlash",
  "outrage", "criticism") that the body reports only through sentences whose reacting
  party is unnamed or vague ("widespread criticism", "international leaders"). The
  reacting party is read next to the reaction word ("criticism from X", "X condemned"),
  with the attribution analysis (``analysis/attribution.py``) deciding named / vague
  sources where it finds one in that place.
- ``intensity_gap``: the headline's tone (VADER) goes well beyond the body's own most
  intense sentences on the same side.
- ``contested``: body sentences about the headline's subject dispute it (``terms`` and
  ``patterns``: "denied reports that", "is a hoax", "no evidence", "debunked") while the
  headline states it as fact (no ``hedges`` such as "claims", "reportedly", "denies").
- ``heading_unsupported``: a section heading that the text under it does not carry, or
  whose section drifts to a sentence about another story (little shared with the article,
  nothing with the heading, and at least two actors nobody else in the article names).
- ``all_caps``: ordinary words shouted in capitals (acronyms and names are left alone).

Measuring is separate from judging: the support figures are computed once per article
(``headline_support``) and published in ``ctx.dimension_figures["headline"]`` whether or
not a rule fires; each check turns a figure into a finding with the evidence spans.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from copydesk.analysis.terms import (
    PLACE_WORDS,
    Bag,
    article_terms,
    is_title_case,
    names_in,
    numbers_in,
    prefix_match,
    sentence_names,
    stem,
    zipf,
)
from copydesk.kinds.base import RuleBase, numbers_as_words
from copydesk.kinds.pattern import PATTERN_TIMEOUT
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

Check = Literal[
    "mismatch",
    "missing_fact",
    "thin_support",
    "intensity_gap",
    "contested",
    "heading_unsupported",
    "all_caps",
]


class HeadlineRule(RuleBase):
    kind: Literal["headline"]
    check: Check
    # mismatch: support below which the headline does not describe the body;
    # heading_unsupported: heading support below which the section does not carry it;
    # contested: share of the headline's weight a disputing sentence must share.
    threshold: float = Field(default=0.3, ge=0.0, le=1.0)
    lead_sentences: int = Field(default=3, ge=1, le=20)
    deep_credit: float = Field(default=0.6, ge=0.0, le=1.0)
    prefix_credit: float = Field(default=0.5, ge=0.0, le=1.0)
    # Headlines carrying less information than this (a label such as "Obituaries")
    # are not judged.
    min_weight: float = Field(default=3.0, ge=0.0, le=100.0)
    # Check-specific word lists (words or short phrases, matched through inflection):
    # thin_support: the claim words in the headline; contested: the disputing cues.
    terms: list[str] = Field(default_factory=list, max_length=1000)
    # thin_support: body words that report such a reaction; heading_unsupported: words
    # of one family that support each other ("reactions" <- "condemnation").
    support_terms: list[str] = Field(default_factory=list, max_length=1000)
    # contested: regular expressions for disputing constructions ("is a hoax", "denied
    # reports that"), matched on each sentence's normalised text with a time bound.
    patterns: list[str] = Field(default_factory=list, max_length=200)
    # contested: headline words that already hedge or dispute the claim ("denies",
    # "claims", "reportedly", "hoax"): such a headline does not state it as fact.
    hedges: list[str] = Field(default_factory=list, max_length=500)
    # thin_support: vague reacting parties ("leaders", "critics", "observers").
    vague_parties: list[str] = Field(default_factory=list, max_length=1000)
    # thin_support: words before a claim word that belong to the claim ("International
    # Backlash", "Global Outrage").
    qualifiers: list[str] = Field(default_factory=list, max_length=200)
    # contested: words either side of a cue within which a headline term must stand.
    window: int = Field(default=12, ge=1, le=100)
    # intensity_gap: the headline's VADER compound must reach min_headline in absolute
    # value and exceed the body's mean tone by min_gap in the same direction.
    min_headline: float = Field(default=0.5, ge=0.0, le=1.0)
    min_gap: float = Field(default=0.5, ge=0.0, le=2.0)
    # heading_unsupported: a sentence sharing less than this share of its weight with
    # the rest of the article (and none with its heading) has drifted off the section.
    drift: float = Field(default=0.25, ge=0.0, le=1.0)
    # thin_support, heading_unsupported: ... and that names at least this many actors
    # nobody else in the article mentions.
    min_new_names: int = Field(default=2, ge=0, le=20)
    # heading_unsupported: share of the section's words in drifted sentences that
    # makes the heading misleading.
    drift_share: float = Field(default=0.3, ge=0.0, le=1.0)
    # all_caps: words that are conventionally written in capitals.
    allow: list[str] = Field(default_factory=list, max_length=2000)

    @field_validator(
        "terms", "support_terms", "vague_parties", "qualifiers", "hedges", "allow", mode="before"
    )
    @classmethod
    def _numbers_are_words(cls, value: Any) -> Any:
        return numbers_as_words(value)

    @field_validator("patterns")
    @classmethod
    def _compilable(cls, value: list[str]) -> list[str]:
        # The same checks as the pattern kind: packs are untrusted.
        from copydesk.kinds.pattern import PatternRule

        PatternRule._compilable(value)
        return value



# ---------------------------------------------------------------------------- support


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


@dataclass(frozen=True, slots=True)
class _SupportParams:
    lead_sentences: int
    deep_credit: float
    prefix_credit: float


def _body_order(ctx: Context) -> list[int]:
    """Body sentence indices in reading order, boilerplate left out."""
    doc = ctx.doc
    return [
        i
        for i, s in enumerate(doc.sentences)
        if s.paragraph not in ctx.boilerplate
    ]


def _support_cache(ctx: Context) -> dict[_SupportParams, HeadlineSupport | None]:
    return {}


def headline_support(
    ctx: Context, lead_sentences: int = 3, deep_credit: float = 0.6, prefix_credit: float = 0.5
) -> HeadlineSupport | None:
    """How much of the headline's information the body carries (None without a headline)."""
    params = _SupportParams(lead_sentences, deep_credit, prefix_credit)
    cache = ctx.analysis(_support_cache)
    if params in cache:
        return cache[params]
    at = ctx.analysis(article_terms)
    result: HeadlineSupport | None = None
    if at.headline is not None:
        order = _body_order(ctx)
        result = _support(
            at.headline,
            [(i, at.sentences[i]) for i in order],
            params,
            # Read only when a headline acronym is missing from the body: finding the
            # body's names was ~7% of an audit, and most headlines have no acronym.
            lambda: ctx.analysis(_sentence_acronyms),
            ctx.text,
        )
        _publish(ctx, result)
    cache[params] = result
    return result


def _support(
    query: Bag,
    sentences: list[tuple[int, Bag]],
    params: _SupportParams,
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
                found = sorted(
                    {i for a, idx in acronyms().items() if raw.startswith(a) for i in idx}
                )
        if found:
            credit = 1.0 if any(i in lead for i in found) else params.deep_credit
        elif params.prefix_credit and len(t.stem) >= 6:
            found = sorted(
                {
                    i
                    for s in prefixes.get(t.stem[:6], ())
                    if prefix_match(t.stem, s)
                    for i in where[s]
                }
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


def _sentence_acronyms(ctx: Context) -> dict[str, list[int]]:
    """Initials of multi-word names per body sentence ("United Nations" -> "UN": [0, 4])."""
    out: dict[str, list[int]] = {}
    for i in _body_order(ctx):
        s = ctx.doc.sentences[i]
        for initials in _name_initials(ctx.text[s.start : s.end]):
            out.setdefault(initials, []).append(i)
    return out


@lru_cache(maxsize=16384)
def _name_initials(text: str) -> tuple[str, ...]:
    found: set[str] = set()
    for name in sentence_names(text):
        words = [w for w in re.findall(r"[^\W_]+", name.text) if w.lower() not in _NAME_GLUE]
        if len(words) >= 2:
            found.add("".join(w[0] for w in words).upper())
    # A tuple, not a frozenset: the collector stops tracking a tuple of strings, and
    # cached entries stay alive for the whole batch.
    return tuple(sorted(found))


def _publish(ctx: Context, result: HeadlineSupport) -> None:
    figures = ctx.dimension_figures.setdefault("headline", {})
    figures["support"] = round(result.support, 3)
    figures["evidence"] = [_sentence_evidence(ctx, i, share) for i, share in result.evidence]
    figures["missing_terms"] = [t.word for t in result.missing()]


def _sentence_evidence(ctx: Context, index: int, share: float | None = None) -> dict[str, Any]:
    s = ctx.doc.sentences[index]
    out: dict[str, Any] = {"start": s.start, "end": s.end, "text": _clip(ctx.text[s.start : s.end])}
    if share is not None:
        out["share"] = share
    return out


def _clip(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


# ---------------------------------------------------------------------------- cohesion


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
    order = _body_order(ctx)
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
            return st in context or len(owners.get(st, ())) > 1 or (
                st in owners and i not in owners[st]
            )

        total = bag.total
        share = 1.0  # nothing to judge (a line without words or numbers)
        if total > 0:
            share = sum(w for st, w in bag.weights.items() if shared(st)) / total
        s = ctx.doc.sentences[i]
        new: list[str] = []
        for name in sentence_names(ctx.text[s.start : s.end]):
            stems = [st for st in name.stems if st and st not in _NAME_GLUE_STEMS]
            if stems and not any(shared(st) for st in stems):
                new.append(name.text)
        out[i] = Cohesion(share, tuple(new))
    return out


def _drifted(c: Cohesion | None, rule: HeadlineRule) -> bool:
    """A sentence about another story: little shared with the article, new actors."""
    return c is not None and c.share < rule.drift and len(c.new_names) >= rule.min_new_names


_NAME_GLUE_STEMS = frozenset({"us", "the"})


# ---------------------------------------------------------------------------- matching


class _Phrases:
    """Word phrases matched by stem, indexed by their first stem."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            words = re.findall(r"[^\W_]+", p.lower())
            if words:
                stems = tuple(stem(w) for w in words)
                self.by_first.setdefault(stems[0], []).append(stems)
        for group in self.by_first.values():
            group.sort(key=len, reverse=True)  # the longest phrase at a position wins

    def __add__(self, other: _Phrases) -> _Phrases:
        out = _Phrases(())
        for src in (self, other):
            for first, group in src.by_first.items():
                merged = out.by_first.setdefault(first, [])
                merged.extend(p for p in group if p not in merged)
                merged.sort(key=len, reverse=True)
        return out

    @property
    def last_stems(self) -> set[str]:
        return {p[-1] for group in self.by_first.values() for p in group}

    def find(self, stems: Sequence[str]) -> list[tuple[int, int]]:
        """Token ranges [i, j) where a phrase occurs (no overlaps, left to right)."""
        hits: list[tuple[int, int]] = []
        i, n = 0, len(stems)
        while i < n:
            group = self.by_first.get(stems[i])
            if group:
                for p in group:
                    if tuple(stems[i : i + len(p)]) == p:
                        hits.append((i, i + len(p)))
                        i += len(p) - 1
                        break
            i += 1
        return hits


_TOKEN = re.compile(r"[^\W_]+")
_TOKEN_SPLIT = re.compile(r"([^\W_]+)")  # _TOKEN, captured: split() keeps the words


@lru_cache(maxsize=32768)
def _span_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[int, int], ...]]:
    """Lower-case words, their stems and their offsets in ``text`` (cached by text)."""
    low = text.lower()
    # Splitting on the word pattern alternates separators and words; the running sum
    # of their lengths gives every offset, with no Python-level loop per word.
    parts = _TOKEN_SPLIT.split(low)
    words = tuple(parts[1::2])
    ends = list(accumulate(map(len, parts)))
    return words, tuple(map(stem, words)), tuple(zip(ends[0:-1:2], ends[1::2], strict=True))


@dataclass(slots=True)
class _Tokens:
    """Word tokens of one span: words, stems and ORIGINAL offsets."""

    words: Sequence[str]
    stems: Sequence[str]
    spans: Sequence[tuple[int, int]]


def _tokens(ctx: Context, start: int, end: int) -> _Tokens:
    norm = ctx.norm
    n0, n1 = norm.to_normalized(start), norm.to_normalized(end)
    words, stems, rel = _span_tokens(norm.text[n0:n1])
    if norm.starts is None:
        spans = [(n0 + a, n0 + b) for a, b in rel]
    else:
        # norm.to_original inlined (a token is never empty): this runs for every word.
        starts, ends = norm.starts, norm.ends
        spans = [(starts[n0 + a], ends[n0 + b - 1]) for a, b in rel]  # type: ignore[index]
    return _Tokens(words, stems, spans)


# ---------------------------------------------------------------------------- checker


@kind("headline", HeadlineRule)
class HeadlineChecker:
    phase = 1

    def __init__(self, rules: list[HeadlineRule]) -> None:
        self.rules = rules
        self._phrases: dict[tuple[str, str], _Phrases] = {}
        self._compiled: dict[str, Any] = {}

    def phrases(self, rule: HeadlineRule, which: str) -> _Phrases:
        key = (rule.id, which)
        if key not in self._phrases:
            self._phrases[key] = _Phrases(getattr(rule, which))
        return self._phrases[key]

    def patterns(self, rule: HeadlineRule) -> Any:
        """The rule's patterns joined into one compiled regex (None without patterns)."""
        if rule.id not in self._compiled:
            import regex

            joined = "|".join(f"(?:{p})" for p in rule.patterns)
            self._compiled[rule.id] = (
                regex.compile(joined, regex.V0 | regex.IGNORECASE) if rule.patterns else None
            )
        return self._compiled[rule.id]

    def run(self, ctx: Context) -> Iterable[Hit]:
        if self.rules:
            # The support figures go into the report whichever checks are enabled.
            base = next((r for r in self.rules if r.check == "mismatch"), self.rules[0])
            _support_of(base, ctx)
        for rule in self.rules:
            yield from _CHECKS[rule.check](self, rule, ctx)


def _support_of(rule: HeadlineRule, ctx: Context) -> HeadlineSupport | None:
    return headline_support(ctx, rule.lead_sentences, rule.deep_credit, rule.prefix_credit)


def _fill(template: str, **values: Any) -> str:
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out


# ------------------------------------------------------------------ mismatch


def _check_mismatch(self: HeadlineChecker, rule: HeadlineRule, ctx: Context) -> Iterable[Hit]:
    result = _support_of(rule, ctx)
    if result is None or result.total < rule.min_weight or not _body_order(ctx):
        return
    if result.support >= rule.threshold:
        return
    start, end = ctx.doc.headline  # type: ignore[misc]
    headline = ctx.text[start:end]
    missing = [t.word for t in sorted(result.missing(), key=lambda t: -t.weight)][:5]
    yield Hit(
        rule=rule,
        dedupe=False,
        start=start,
        end=end,
        message=_fill(
            rule.message,
            match=_clip(headline, 80),
            support=f"{result.support:.0%}",
            missing=", ".join(missing) or "-",
        ),
        suggestion=rule.suggestion,
        evidence={
            "support": round(result.support, 3),
            "threshold": rule.threshold,
            "missing_terms": missing,
            "evidence": [_sentence_evidence(ctx, i, s) for i, s in result.evidence],
        },
    )


# ------------------------------------------------------------------ missing facts


def _body_numbers(ctx: Context) -> list[float]:
    values: list[float] = []
    for i in _body_order(ctx):
        s = ctx.doc.sentences[i]
        values.extend(_sentence_numbers(ctx.text[s.start : s.end]))
    return values


@lru_cache(maxsize=16384)
def _sentence_numbers(text: str) -> tuple[float, ...]:
    values = [n.value for n in numbers_in(text)]
    values.extend(_ORDINAL_VALUES[m.group().lower()] for m in _ORDINAL_WORD.finditer(text))
    return tuple(values)


_ORDINAL_VALUES = {
    "first": 1.0, "second": 2.0, "third": 3.0, "fourth": 4.0, "fifth": 5.0,
    "sixth": 6.0, "seventh": 7.0, "eighth": 8.0, "ninth": 9.0, "tenth": 10.0,
    "twice": 2.0, "double": 2.0, "half": 0.5, "dozen": 12.0,
}
# A whole run of ASCII letters that is one of the words above (ASCII flag: no Unicode
# case folding, so exactly the runs a [A-Za-z]+ split would give).
_ORDINAL_WORD = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(_ORDINAL_VALUES) + r")(?![A-Za-z])", re.IGNORECASE | re.ASCII
)


def _same_number(a: float, b: float) -> bool:
    # A headline rounds ("15,000" for "14,700"; "$1M" for "$1.2 million").
    if a == b:
        return True
    big = max(abs(a), abs(b))
    return big > 0 and abs(a - b) / big <= 0.1


def _check_missing_fact(
    self: HeadlineChecker, rule: HeadlineRule, ctx: Context
) -> Iterable[Hit]:
    doc = ctx.doc
    if doc.headline is None or not _body_order(ctx):
        return
    at = ctx.analysis(article_terms)
    h0, h1 = doc.headline
    headline = ctx.text[h0:h1]
    for n in numbers_in(headline, h0, words=False):
        if n.value < 10 and n.value == int(n.value) and not n.percent:
            # "2 men", "3-boobed": a small count is written every which way in a body
            # ("two", "second", "a pair"); only larger figures are facts we can check.
            continue
        if 1900 <= n.value <= 2100 and n.value == int(n.value):
            continue  # a year puts the story in time; bodies often leave it implicit
        # The body's numbers are read only for a headline figure worth checking (most
        # headlines have none): reading them was ~5% of an audit.
        if any(_same_number(n.value, v) for v in ctx.analysis(_body_numbers)):
            continue
        yield _fact_hit(rule, ctx, n.start, n.end, "number")
    names = names_in(headline, h0, title_case=is_title_case(headline))
    if not names:
        return
    body = at.body_stems | ctx.analysis(_body_aliases)
    for name in names:
        stems = [_ALIASES.get(s, s) for s in name.stems if s]
        letters = re.sub(r"[^A-Za-z]", "", name.text)
        if not stems or (len(letters) <= 3 and name.text.upper() == name.text):
            # "TV", "PC", "US": short acronyms are written too many ways to check.
            continue
        # The most specific word of the name decides: "North Korean" is about "Korea".
        key = max(stems, key=lambda s: 9.0 - zipf(s))
        if any(s in body for s in stems if 9.0 - zipf(s) >= 9.0 - zipf(key) - 0.5):
            continue
        if any(len(s) >= 5 and any(prefix_match(s, b) for b in body) for s in stems):
            continue
        if _acronym_found(name.text, ctx):
            continue
        yield _fact_hit(rule, ctx, name.start, name.end, "name")


# Names a body often writes differently: the country for its short form.
_ALIASES = {"usa": "america", "uk": "britain", "eu": "europe"}


def _body_aliases(ctx: Context) -> set[str]:
    """Dotted abbreviations in the body ("U.S." -> "us", "america")."""
    out: set[str] = set()
    for s, e in ctx.body_sentences():
        for m in re.finditer(r"\b(?:[A-Za-z]\.){2,}", ctx.text[s:e]):
            short = m.group().replace(".", "").lower()
            out.add(short)
            out.add({"us": "america", "uk": "britain"}.get(short, short))
    return out


def _acronym_found(text: str, ctx: Context) -> bool:
    """An acronym in the headline ("UN") spelled out in the body, or the reverse."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    if letters.isupper() and 2 <= len(letters) <= 6:
        # "ISIS" for "Islamic State (of Iraq and Syria)": the spelled-out start suffices.
        # (Only this branch reads the body's names, the costly part.)
        initials = set(ctx.analysis(_sentence_acronyms))
        return any(letters == i or letters.startswith(i) for i in initials)
    words = [w for w in re.findall(r"[^\W_]+", text) if w.lower() not in _NAME_GLUE]
    if len(words) >= 2:
        acronym = "".join(w[0] for w in words).upper()
        body_text = " ".join(ctx.text[s:e] for s, e in ctx.body_sentences())
        return re.search(rf"\b{acronym}\b", body_text) is not None
    return False


_NAME_GLUE = frozenset({"of", "the", "and", "for", "de", "la", "al"})


def _fact_hit(rule: HeadlineRule, ctx: Context, start: int, end: int, what: str) -> Hit:
    match = ctx.text[start:end]
    return Hit(
        rule=rule,
        dedupe=False,
        start=start,
        end=end,
        message=_fill(rule.message, match=match, what=what),
        suggestion=rule.suggestion.replace("{match}", match) if rule.suggestion else None,
        evidence={"fact": match, "kind": what},
    )


# ------------------------------------------------------------------ thin support


@dataclass(slots=True)
class _Reaction:
    sentence: int
    start: int  # original offsets of the reaction word
    end: int
    party: str  # "named" | "vague" | "none"
    party_text: str | None


_PARTY_LINKS = frozenset({"from", "among", "by", "of", "amongst"})
_CAPITAL = re.compile(r"^[A-Z]")


def _check_thin_support(
    self: HeadlineChecker, rule: HeadlineRule, ctx: Context
) -> Iterable[Hit]:
    doc = ctx.doc
    order = _body_order(ctx)
    if doc.headline is None or not order:
        return
    h0, h1 = doc.headline
    head = _tokens(ctx, h0, h1)
    claims = self.phrases(rule, "terms").find(head.stems)
    if not claims:
        return
    # The claim's span: its words plus adjacent claim words ("International Backlash").
    i0 = min(i for i, _ in claims)
    i1 = max(j for _, j in claims)
    qualifiers = set(_phrase_word_stems(rule.qualifiers))
    while i0 > 0 and head.stems[i0 - 1] in qualifiers:
        i0 -= 1
    c0, c1 = head.spans[i0][0], head.spans[i1 - 1][1]
    cohesion = ctx.analysis(sentence_cohesion)
    reactions: list[_Reaction] = []
    support_phrases = self.phrases(rule, "support_terms") + self.phrases(rule, "terms")
    vague = set(_phrase_word_stems(rule.vague_parties))
    attribution = _attribution(ctx)
    for i in order:
        if _drifted(cohesion.get(i), rule):
            continue  # a sentence about another story says nothing about this claim
        s = doc.sentences[i]
        toks = _tokens(ctx, s.start, s.end)
        for a, b in support_phrases.find(toks.stems):
            party, text = _reacting_party(ctx, toks, a, b, vague, attribution.get(i))
            reactions.append(
                _Reaction(i, toks.spans[a][0], toks.spans[b - 1][1], party, text)
            )
    if any(r.party == "named" for r in reactions):
        return
    sentences = sorted({r.sentence for r in reactions})
    claim = ctx.text[c0:c1]
    if reactions:
        detail = "; ".join(
            f"\u201c{_clip(ctx.text[r.start:r.end], 40)}\u201d "
            + (f"from {r.party_text}" if r.party_text else "with nobody named")
            for r in reactions[:3]
        )
    else:
        detail = "no sentence in the body reports it"
    yield Hit(
        rule=rule,
        dedupe=False,
        start=c0,
        end=c1,
        message=_fill(rule.message, match=claim, detail=detail),
        suggestion=rule.suggestion.replace("{match}", claim) if rule.suggestion else None,
        evidence={
            "claim": claim,
            "support": [
                {
                    **_sentence_evidence(ctx, r.sentence),
                    "reaction": ctx.text[r.start : r.end],
                    "party": r.party,
                    "party_text": r.party_text,
                }
                for r in reactions[:5]
            ],
            "sentences": len(sentences),
        },
    )


def _phrase_word_stems(words: Iterable[str]) -> list[str]:
    return [stem(w) for p in words for w in re.findall(r"[^\W_]+", p.lower())]


@dataclass(frozen=True, slots=True)
class _Backing:
    """What the attribution analysis found in one sentence (original offsets)."""

    source: str  # "named" | "vague" | "none"
    named: tuple[int, int, str] | None
    vague: tuple[tuple[int, int, str], ...]


def _attribution(ctx: Context) -> dict[int, _Backing]:
    """Sentence index -> its backing, from the attribution analysis.

    Empty when that analysis is not available: then the reacting party found next to
    the reaction word decides alone.
    """
    try:
        from copydesk.analysis.attribution import sentence_sources
    except ImportError:  # pragma: no cover - the analysis ships with copydesk
        return {}
    try:
        result = sentence_sources(ctx)
    except Exception as exc:  # a failing analysis must not stop the audit
        ctx.warnings.append(f"headline: attribution analysis unavailable ({exc})")
        return {}
    out: dict[int, _Backing] = {}
    for sa in result.sentences:
        named = None
        if sa.named is not None and sa.named_here:
            named = (sa.named.start, sa.named.end, sa.named.text)
        vague = tuple((v.start, v.end, v.text) for v in sa.vague)
        out[sa.index] = _Backing(sa.source, named, vague)
    return out


def _reacting_party(
    ctx: Context,
    toks: _Tokens,
    a: int,
    b: int,
    vague: set[str],
    backing: _Backing | None,
) -> tuple[str, str | None]:
    """Who reacts: "from/among/by X" after the reaction word, or "X condemned" before it."""
    n = len(toks.words)
    party: tuple[int, int] | None = None
    k = b
    # "criticism from X", "concerns among X", "condemned by X" (a word or two may intervene).
    while k < min(n, b + 3):
        if toks.words[k] in _PARTY_LINKS:
            party = (k + 1, min(n, k + 7))
            break
        k += 1
    if party is None and a > 0:
        # "Critics condemned", "The UN condemned": the subject right before a verb.
        party = (max(0, a - 4), a)
    if party is None or party[0] >= party[1]:
        return "none", None
    lo, hi = party
    p0, p1 = toks.spans[lo][0], toks.spans[hi - 1][1]
    # The attribution analysis knows sources better than a window of words: use what it
    # found inside the party's window.
    if backing is not None:
        if backing.named and backing.named[0] < p1 and p0 < backing.named[1]:
            return "named", backing.named[2]
        for v0, v1, vtext in backing.vague:
            if v0 < p1 and p0 < v1:
                return "vague", vtext
    words = toks.words[lo:hi]
    originals = [ctx.text[s:e] for s, e in toks.spans[lo:hi]]
    stems = toks.stems[lo:hi]
    text = ctx.text[p0:p1]
    if any(s in vague for s in stems):
        return "vague", _trim_party(text)
    named = any(
        _CAPITAL.match(o) and w not in _FUNCTION_WORDS and lo + j != 0
        for j, (o, w) in enumerate(zip(originals, words, strict=True))
    )
    if named:
        return "named", _trim_party(text)
    return "none", None


_FUNCTION_WORDS = frozenset(
    "the a an in on at of for and or but to by from with as this that these those it".split()
)


def _trim_party(text: str) -> str:
    # "international leaders, who view it" -> "international leaders"
    return re.split(r"[,;:.(]| who | which | that ", text, maxsplit=1)[0].strip()


# ------------------------------------------------------------------ intensity gap


def _check_intensity_gap(
    self: HeadlineChecker, rule: HeadlineRule, ctx: Context
) -> Iterable[Hit]:
    from copydesk.analysis.metrics import headline_tone, sentence_tone

    doc = ctx.doc
    if doc.headline is None:
        return
    head = ctx.analysis(headline_tone)
    tones = ctx.analysis(sentence_tone)
    if head is None or not tones:
        return
    # The body's own peak on the headline's side: the mean of its three most intense
    # sentences of the same sign. A headline is fair when the story itself reaches that
    # tone somewhere; it dramatises when it goes well beyond anything the story says.
    same_side = sorted((t for t in tones if t * head > 0), key=abs, reverse=True)[:3]
    body = sum(same_side) / len(same_side) if same_side else 0.0
    figures = ctx.dimension_figures.setdefault("headline", {})
    figures["headline_tone"] = round(head, 3)
    figures["body_tone"] = round(sum(tones) / len(tones), 3)
    figures["body_peak_tone"] = round(body, 3)
    if abs(head) < rule.min_headline or abs(head) - abs(body) < rule.min_gap:
        return
    start, end = doc.headline
    yield Hit(
        rule=rule,
        dedupe=False,
        start=start,
        end=end,
        message=_fill(
            rule.message,
            match=_clip(ctx.text[start:end], 80),
            headline=f"{head:+.2f}",
            body=f"{body:+.2f}",
        ),
        suggestion=rule.suggestion,
        evidence={"headline_tone": round(head, 3), "body_peak_tone": round(body, 3)},
    )


# ------------------------------------------------------------------ contested


def _cues(
    self: HeadlineChecker, rule: HeadlineRule, ctx: Context, start: int, end: int
) -> tuple[_Tokens, list[tuple[int, int]]]:
    """Tokens of a span and the token ranges of its disputing cues (terms and patterns)."""
    norm = ctx.norm
    n0, n1 = norm.to_normalized(start), norm.to_normalized(end)
    text = norm.text[n0:n1]
    toks = _tokens(ctx, start, end)
    hits = self.phrases(rule, "terms").find(toks.stems)
    compiled = self.patterns(rule)
    if compiled is not None:
        _, _, rel = _span_tokens(text)
        try:
            matches = list(compiled.finditer(text, timeout=PATTERN_TIMEOUT))
        except TimeoutError:
            ctx.warnings.append(f"rule '{rule.id}': a pattern took too long and was skipped")
            matches = []
        for m in matches:
            idx = [k for k, (a, b) in enumerate(rel) if a < m.end() and m.start() < b]
            if idx:
                hits.append((idx[0], idx[-1] + 1))
    return toks, sorted(set(hits))


def _check_contested(self: HeadlineChecker, rule: HeadlineRule, ctx: Context) -> Iterable[Hit]:
    doc = ctx.doc
    order = _body_order(ctx)
    if doc.headline is None or not order:
        return
    at = ctx.analysis(article_terms)
    headline_bag = at.headline
    if headline_bag is None or headline_bag.total < rule.min_weight:
        return
    h0, h1 = doc.headline
    head, own = _cues(self, rule, ctx, h0, h1)
    if own or self.phrases(rule, "hedges").find(head.stems) or "?" in ctx.text[h0:h1]:
        return  # the headline itself reports the dispute, hedges, or asks

    weights = headline_bag.weights
    total = headline_bag.total
    norm = ctx.norm
    found: list[tuple[int, int, int, float]] = []
    for i in order:
        s = doc.sentences[i]
        # A cue's share counts the headline's words near it, so it can never exceed the
        # share of the whole sentence: most sentences fall short of the threshold and
        # need no search for cues. (The margin keeps float summation order out of it.)
        _, stems, _ = _span_tokens(norm.text[norm.to_normalized(s.start) : norm.to_normalized(s.end)])
        bound = sum(weights[st] for st in set(stems).intersection(weights))
        if bound < (rule.threshold - 1e-9) * total:
            continue
        toks, hits = _cues(self, rule, ctx, s.start, s.end)
        for a, b in hits:
            lo, hi = max(0, a - rule.window), min(len(toks.stems), b + rule.window)
            near = {st for st in toks.stems[lo:hi] if st in weights}
            share = sum(weights[st] for st in near) / total if total else 0.0
            if share >= rule.threshold:
                found.append((i, toks.spans[a][0], toks.spans[b - 1][1], share))
                break
    if not found:
        return
    found.sort(key=lambda f: -f[3])
    i, c0, c1, share = found[0]
    yield Hit(
        rule=rule,
        dedupe=False,
        start=h0,
        end=h1,
        message=_fill(
            rule.message,
            match=_clip(ctx.text[h0:h1], 80),
            cue=ctx.text[c0:c1],
        ),
        suggestion=rule.suggestion,
        evidence={
            "disputes": [
                {**_sentence_evidence(ctx, j), "cue": ctx.text[a:b], "share": round(sh, 3)}
                for j, a, b, sh in found[:3]
            ]
        },
    )


# ------------------------------------------------------------------ headings


def _check_heading(self: HeadlineChecker, rule: HeadlineRule, ctx: Context) -> Iterable[Hit]:
    doc = ctx.doc
    figures = ctx.dimension_figures.setdefault("headline", {})
    if all(section.heading is None for section in doc.sections):
        return  # most articles: no headings, and no need for the cohesion analysis
    at = ctx.analysis(article_terms)
    cohesion = ctx.analysis(sentence_cohesion)
    family = self.phrases(rule, "support_terms").last_stems
    report: list[dict[str, Any]] = []
    heading_index = -1
    for section in doc.sections:
        if section.heading is None:
            continue
        heading_index += 1
        bag = at.headings[heading_index]
        sents = [
            i
            for p in section.paragraphs
            if p not in ctx.boilerplate
            for i in doc.paragraphs[p].sentences
        ]
        if not sents or bag.total <= 0:
            continue
        section_stems: set[str] = set()
        for i in sents:
            section_stems |= at.sentences[i].stems
        support = _heading_support(bag, section_stems, family, rule.prefix_credit)
        heading_stems = bag.stems
        words = {i: max(1, sum(at.sentences[i].counts.values())) for i in sents}
        # A reaction word is no link here: the drifted sentence may well report a
        # reaction, to something else ("condemned him for warning delegations").
        drifted = [
            i
            for i in sents
            if _drifted(cohesion.get(i), rule) and not (at.sentences[i].stems & heading_stems)
        ]
        drift_share = sum(words[i] for i in drifted) / sum(words.values())
        h0, h1 = section.heading
        report.append(
            {
                "heading": ctx.text[h0:h1],
                "support": round(support, 3),
                "drift_share": round(drift_share, 3),
            }
        )
        if support >= rule.threshold and drift_share < rule.drift_share:
            continue
        if drifted and drift_share >= rule.drift_share:
            j = drifted[0]
            detail = "a sentence under it is about something else: \u201c" + _clip(
                ctx.text[doc.sentences[j].start : doc.sentences[j].end], 70
            ) + "\u201d"
        else:
            detail = "the text under it does not mention what it announces"
        yield Hit(
            rule=rule,
            dedupe=False,
            start=h0,
            end=h1,
            message=_fill(rule.message, match=ctx.text[h0:h1], detail=detail),
            suggestion=rule.suggestion,
            evidence={
                "support": round(support, 3),
                "drift_share": round(drift_share, 3),
                "drifted": [
                    {
                        **_sentence_evidence(ctx, j),
                        "cohesion": round(cohesion[j].share, 3),
                        "new_names": list(cohesion[j].new_names),
                    }
                    for j in drifted
                ],
            },
        )
    if report:
        figures["headings"] = report


def _heading_support(bag: Bag, section: set[str], family: set[str], prefix_credit: float) -> float:
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


# ------------------------------------------------------------------ all caps

# Short words that are shouted, not abbreviated.
_SHORT_SHOUTS = frozenset({"not", "yes", "wow", "why", "how", "all", "big", "now", "new", "out"})
_CAPS_WORD = re.compile(r"\b[A-Z][A-Z']{2,}\b")


def _check_all_caps(self: HeadlineChecker, rule: HeadlineRule, ctx: Context) -> Iterable[Hit]:
    doc = ctx.doc
    if doc.headline is None:
        return
    h0, h1 = doc.headline
    text = ctx.norm.text
    n0, n1 = ctx.norm.to_normalized(h0), ctx.norm.to_normalized(h1)
    allow = {a.lower() for a in rule.allow}
    letters = [c for c in text[n0:n1] if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.8 and len(letters) > 12:
        # The whole headline in capitals: one finding, not one per word.
        yield Hit(
            rule=rule,
            dedupe=False,
            start=h0,
            end=h1,
            message=_fill(rule.message, match="the headline"),
            suggestion=rule.suggestion,
            evidence={"whole_headline": True},
        )
        return
    for m in _CAPS_WORD.finditer(text, n0, n1):
        word = m.group().replace("'", "")
        low = word.lower()
        if low in allow or low in PLACE_WORDS:
            continue
        if len(word) < 4 and low not in _SHORT_SHOUTS:
            continue  # three capitals are nearly always an acronym ("IBM", "RAM")
        # An acronym is not a word of English in lower case; a shouted word is.
        if zipf(low) < 3.0:
            continue
        s, e = ctx.to_original(m.start(), m.end())
        yield Hit(
            rule=rule,
            dedupe=False,
            start=s,
            end=e,
            message=_fill(rule.message, match=ctx.text[s:e]),
            suggestion=rule.suggestion,
            evidence={"word": ctx.text[s:e]},
        )


_CHECKS = {
    "mismatch": _check_mismatch,
    "missing_fact": _check_missing_fact,
    "thin_support": _check_thin_support,
    "intensity_gap": _check_intensity_gap,
    "contested": _check_contested,
    "heading_unsupported": _check_heading,
    "all_caps": _check_all_caps,
}

__all__ = [
    "Cohesion",
    "HeadlineChecker",
    "HeadlineRule",
    "HeadlineSupport",
    "TermSupport",
    "headline_support",
    "sentence_cohesion",
]
