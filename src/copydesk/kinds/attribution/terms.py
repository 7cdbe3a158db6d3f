"""Checks that match words from the rule's ``terms``: ``hedge`` and ``judgement``.

The terms of all such rules go into one index keyed by first word (as in the
``lexicon`` kind), and :class:`TermMatcher` walks the body sentences of the analysis
once for all of them: at each word the longest phrase wins, so a hedge and a verdict
that start on the same word are one choice, made in load order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator, model_validator

from copydesk.analysis.attribution import Attribution
from copydesk.kinds.attribution.base import AttributionRule, format_message, is_quiet
from copydesk.kinds.base import Unless
from copydesk.kinds.lexicon import Term, _Context, _excluded, inflections, tokenize
from copydesk.kinds.registry import Hit

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class TermRule(AttributionRule):
    """An attribution rule that flags the words of its ``terms``."""

    terms: list[Term] = Field(default_factory=list, max_length=5000)
    inflect: bool = False
    unless: Unless | None = None
    # A term right before a number approximates it ("some 300 people"): not a vague quantity.
    skip_before_number: bool = False
    # Quiet where the writer speaks as "I": in the sentence, or twice or more in the
    # article outside quotations (a signed column). The guess is then the writer's own.
    signed_voice: bool = False

    @field_validator("terms", mode="before")
    @classmethod
    def _bare_strings(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"term": v} if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _needs_terms(self) -> TermRule:
        if not self.terms:
            raise ValueError(f"check '{self.check}' needs a list of terms")
        return self


class TermMatcher:
    """The terms of all term rules, matched in one pass per article."""

    def __init__(self, rules: list[TermRule]) -> None:
        self.index: dict[str, list[tuple[tuple[str, ...], Term, TermRule, _Context | None]]] = {}
        for rule in rules:
            for term in rule.terms:
                context = _Context.build(rule.unless, term.unless)
                for variant in _variants(term, rule.inflect):
                    self.index.setdefault(variant[0], []).append((variant, term, rule, context))
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.firsts = frozenset(self.index)
        # The entries that can match at a position, keyed by its first two words (as in
        # the lexicon kind): a common first word starts many phrases that fail on the
        # second. Each list keeps the longest-first order above.
        self.by_pair: dict[str, tuple[list[Any], dict[str, list[Any]]]] = {}
        for first, entries in self.index.items():
            singles = [e for e in entries if len(e[0]) == 1]
            seconds = {e[0][1] for e in entries if len(e[0]) > 1}
            pairs = {w: [e for e in entries if len(e[0]) == 1 or e[0][1] == w] for w in seconds}
            self.by_pair[first] = (singles, pairs)

    def find(self, ctx: Context, result: Attribution, verbs: frozenset[str] = frozenset()) -> Iterable[Hit]:
        """Every term hit in the body sentences, sentence by sentence, word by word.

        ``verbs`` are the reporting verbs: an adverb right before one hedges the report
        itself ("the minister allegedly told ..."), so a named speaker does not quiet it.
        """
        if not self.index:
            return
        tokens = ctx.tokens
        texts = ctx.token_texts
        by_pair = self.by_pair
        n = len(texts)
        # Positions of words that start some entry, found once for the article: most
        # words start none, and most sentences hold no such word.
        present = self.firsts.intersection(texts)
        candidates = [i for i, word in enumerate(texts) if word in present]
        if not candidates:
            return
        first_person = _first_person(ctx)
        signed = len(first_person) >= 2
        for sa in result.sentences:
            if sa.block_quote:
                continue  # quoted from whoever introduced it
            lo, hi = ctx.token_range(sa.start, sa.end)
            writer_here = signed or any(lo <= i < hi for i in first_person)
            for k in range(bisect_left(candidates, lo), bisect_left(candidates, hi)):
                i = candidates[k]
                singles, pairs = by_pair[texts[i]]
                entries = pairs.get(texts[i + 1], singles) if i + 1 < n else singles
                done: set[str] = set()
                for variant, term, rule, context in entries:
                    size = len(variant)
                    if rule.id in done or i + size > min(n, hi) or tuple(texts[i : i + size]) != variant:
                        continue
                    if context is not None and _excluded(ctx, context, i, size):
                        continue
                    if rule.skip_before_number and i + size < hi and texts[i + size][:1].isdigit():
                        continue
                    if rule.signed_voice and writer_here:
                        continue
                    if size == 1 and i > lo and ctx.norm.text[tokens[i].start].isupper():
                        continue  # a capital inside a sentence makes it a name: "Theresa May"
                    if is_quiet(rule.quiet, sa) and not _hedges_the_report(texts, i + size - 1, hi, verbs):
                        continue
                    start, end = ctx.to_original(tokens[i].start, tokens[i + size - 1].end)
                    if ctx.in_quote(start, end):
                        continue
                    done.add(rule.id)
                    excerpt = ctx.text[start:end]
                    yield Hit(
                        rule,
                        start,
                        end,
                        suggestion=term.suggestion or rule.suggestion,
                        message=format_message(rule.message, excerpt, None),
                        category=term.category or rule.category,
                        weight=term.weight,
                        evidence={"term": term.term},
                    )


def _variants(term: Term, inflect: bool) -> Iterable[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for spelling in (term.term, *term.forms):
        toks = tokenize(spelling)
        if not toks:
            continue
        last = inflections(toks[-1]) if (term.inflect or inflect) else {toks[-1]}
        out |= {(*toks[:-1], form) for form in last}
    return out


# The writer speaking in the first person singular ("I", "my", "I'd").
_FIRST_PERSON = frozenset("i me my myself".split())


def _first_person(ctx: Context) -> list[int]:
    """Token positions of first-person words outside quotations, in text order."""
    texts = ctx.token_texts
    if _FIRST_PERSON.isdisjoint(texts):
        return []
    tokens = ctx.tokens
    ntext = ctx.norm.text
    out = []
    for i, word in enumerate(texts):
        if word in _FIRST_PERSON:
            if word == "i" and i > 0 and ntext[tokens[i - 1].start].isupper() and not _opens(ctx, i - 1):
                continue  # a numeral after a name: "World War I", "Elizabeth I"
            start, end = ctx.to_original(tokens[i].start, tokens[i].end)
            if not ctx.in_quote(start, end) and not ctx.is_boilerplate(start, end):
                out.append(i)
    return out


def _hedges_the_report(texts: list[str], last: int, hi: int, verbs: frozenset[str]) -> bool:
    """An adverb right before a reporting verb: "X allegedly said" (who says X said it?)."""
    return texts[last].endswith("ly") and last + 1 < hi and texts[last + 1] in verbs


def _opens(ctx: Context, i: int) -> bool:
    """Token i starts its sentence (a capital there says nothing about a name)."""
    tokens = ctx.tokens
    if i == 0:
        return True
    gap = ctx.norm.text[tokens[i - 1].end : tokens[i].start]
    return any(c in gap for c in ".!?\n")
