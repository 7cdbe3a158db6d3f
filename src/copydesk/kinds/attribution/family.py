"""The attribution checker: every check of the family over one shared source analysis.

The checks are not independent, so one checker runs them all (``build_checkers``
builds it once from the rules of every check whose class names it as ``family``):

1. the analysis runs once per article, with the default pack's word lists (from the
   context) plus the ``lexicon`` blocks of the loaded rules;
2. the sentence checks (``vague_source``, ``passive``, ``reaction``) report what it
   found, rule by rule in load order, and the term checks (``hedge``, ``judgement``)
   match their terms in one pass;
3. one finding per stretch of text: of overlapping hits the earlier, then the longer
   one stays, whichever check it comes from; and an ``info`` hit in a sentence that
   already has a warning is dropped (one charge per sentence);
4. last, the claim checks, in load order, each seeing what the checks before it
   flagged: ``unsourced_figure`` (a figure inside a claim already charged with a
   hedge, "reportedly paid $20,000", is not charged again; a vaguely sourced sentence
   is quiet anyway), then ``unsourced_claim`` (only sentences with no finding at all).

The article's sourcing profile and the ``attribution`` dimension's figures are not
published here but by the engine, from the same analysis result, whenever the
dimension is assessed (:mod:`copydesk.analysis.attribution.profile`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar

from copydesk.analysis.attribution import (
    Attribution,
    Lexicon,
    SourceAnalyzer,
    analyzer_for,
)
from copydesk.kinds.attribution.base import AttributionRule, lexicon_of
from copydesk.kinds.attribution.terms import TermMatcher, TermRule
from copydesk.kinds.base import Severity
from copydesk.kinds.registry import Hit, kinds

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class AttributionChecker:
    """Built once from the rules of every attribution check; run once per article."""

    phase = 1  # after phase 0 has marked boilerplate, which the analysis leaves out

    def __init__(self, rules: list[AttributionRule]) -> None:
        self.rules = rules
        self.lexicon = lexicon_of(rules)
        self._analyzer: tuple[Lexicon | None, SourceAnalyzer] | None = None
        registry = kinds()
        checks: dict[str, Check] = {}
        self.sentence_rules: list[tuple[SentenceCheck, AttributionRule]] = []
        self.claim_rules: list[tuple[ClaimCheck, AttributionRule]] = []
        for rule in rules:
            check = checks.get(rule.check)
            if check is None:
                check = checks[rule.check] = registry[(rule.kind, rule.check)].checker()  # type: ignore[call-arg]
            if isinstance(check, SentenceCheck):
                self.sentence_rules.append((check, rule))
            elif isinstance(check, ClaimCheck):
                self.claim_rules.append((check, rule))
        self.terms = TermMatcher([r for r in rules if isinstance(r, TermRule)])

    def analyzer(self, base: Lexicon | None) -> SourceAnalyzer:
        """The analyser for the default lists ``base`` (from the context) plus the rules'.

        The default lists stay in force when a pack disables the rule that carries them.
        """
        if self._analyzer is None or self._analyzer[0] is not base:
            lexicon = self.lexicon
            if base is not None and not base.empty:
                lexicon = base.merged(lexicon)
            self._analyzer = (base, analyzer_for(lexicon))
        return self._analyzer[1]

    def run(self, ctx: Context) -> Iterable[Hit]:
        analyzer = self.analyzer(ctx.attribution_lexicon)
        result: Attribution = ctx.analysis(analyzer)
        hits: list[Hit] = []
        for check, rule in self.sentence_rules:
            hits.extend(check.find(ctx, result, rule))
        hits.extend(self.terms.find(ctx, result, analyzer.sources.verbs))
        hits = drop_minor_beside_major(drop_overlaps(hits), result)
        # Sentence index -> the findings in it so far.
        flagged: dict[int, list[Hit]] = {}
        _mark(flagged, hits, result)
        for claims, rule in self.claim_rules:
            # One charge per sentence: what a check flags is closed to the next one.
            found = list(claims.find(ctx, result, rule, flagged))
            hits.extend(found)
            _mark(flagged, found, result)
        return hits


class Check:
    """One check of the attribution family: registered with ``@kind``, run by the family."""

    # build_checkers builds one checker of this class from the rules of all its checks.
    family: ClassVar[type] = AttributionChecker


class SentenceCheck(Check):
    """A check that reads the analysis result rule by rule (step 2 above)."""

    def find(self, ctx: Context, result: Attribution, rule: AttributionRule) -> Iterable[Hit]:
        raise NotImplementedError


class TermCheck(Check):
    """A check whose rules' ``terms`` the family matches in one pass (step 2 above)."""


class ClaimCheck(Check):
    """A check that runs after the others and sees the sentences they flagged (step 4)."""

    def find(
        self, ctx: Context, result: Attribution, rule: AttributionRule, flagged: dict[int, list[Hit]]
    ) -> Iterable[Hit]:
        """``flagged`` maps each sentence already flagged to its findings."""
        raise NotImplementedError


def _mark(flagged: dict[int, list[Hit]], hits: list[Hit], result: Attribution) -> None:
    """Record the findings of each sentence."""
    for h in hits:
        sa = result.sentence_at(h.start)
        if sa is not None:
            flagged.setdefault(sa.index, []).append(h)


def drop_minor_beside_major(hits: list[Hit], result: Attribution) -> list[Hit]:
    """One charge per sentence: an ``info`` hit (a guess, a vague quantity, praise) after
    a warning in its sentence is part of that problem, not another one.

    "is believed to have been one of the leading figures": the passive hides who
    believes it; "one of the leading" is what is believed. Before the warning it is a
    claim of its own ("Many workers were sent ..., which raised suspicions").
    """
    major: dict[int, int] = {}
    for h in hits:
        if h.rule.severity is not Severity.info and (sa := result.sentence_at(h.start)) is not None:
            major[sa.index] = min(h.start, major.get(sa.index, h.start))
    if not major:
        return hits
    kept = []
    for h in hits:
        sa = result.sentence_at(h.start)
        if h.rule.severity is Severity.info and sa is not None and major.get(sa.index, h.end) < h.start:
            continue
        kept.append(h)
    return kept


def drop_overlaps(hits: list[Hit]) -> list[Hit]:
    """One finding per stretch of text: the same words are not blamed twice in this dimension."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    reach = -1
    for h in hits:
        if h.start < reach:
            continue
        kept.append(h)
        reach = h.end
    return kept
