"""The audit: Article -> shared context -> rules -> findings -> scores -> AuditReport.

An Engine is compiled from a rule set and a config; copydesk.speed keeps the compiled
engines (``cached_engine``), so this module only compiles and runs them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from copydesk import __version__
from copydesk.analysis import metrics
from copydesk.analysis.attribution import Lexicon, attribution_figures, sourcing_profile
from copydesk.analysis.context import Context
from copydesk.analysis.language import Language
from copydesk.analysis.language import detect as detect_language
from copydesk.analysis.language import name as language_name
from copydesk.config.model import Config
from copydesk.dimensions import Dimension, DimensionPolicy
from copydesk.kinds.attribution.family import AttributionChecker
from copydesk.kinds.base import RuleBase
from copydesk.kinds.registry import Checker, Hit, build_checkers
from copydesk.packs.default_lexicon import default_lexicon
from copydesk.packs.loader import RuleSet
from copydesk.parse.article import Article
from copydesk.parse.suppress import directives as suppressions
from copydesk.report.models import (
    ArticleInfo,
    AuditReport,
    DimensionScore,
    Finding,
    Metrics,
    Readability,
    Section,
    Span,
    Tone,
)
from copydesk.scoring.merge import one_problem_one_finding
from copydesk.scoring.score import SEVERITY_COST, Costed, ScoringConfig, grade, overall, score_dimensions


@dataclass(frozen=True)
class Engine:
    """Compiled rules and scoring policy; build once, audit many articles."""

    ruleset: RuleSet
    rules: tuple[RuleBase, ...]
    checkers: tuple[Checker, ...]
    assessed: frozenset[Dimension]
    scoring: ScoringConfig
    # The default pack's attribution word lists, handed to every article's context for
    # the analyses that read sources outside the attribution rules; None if it broke.
    attribution_lexicon: Lexicon | None = None
    # Languages the packs are for (config.languages); empty: assess every article.
    languages: frozenset[str] = frozenset({"en"})

    @cached_property
    def rank(self) -> dict[str, int]:
        """Load order of each rule: later packs win ties (see _dedupe)."""
        return {rule.id: i for i, rule in enumerate(self.rules)}

    @classmethod
    def build(cls, ruleset: RuleSet, config: Config | None = None) -> Engine:
        config = config or Config()
        rules = _apply_rule_config(ruleset.rules, config)
        checkers = build_checkers(rules)
        scoring = ScoringConfig()
        for dim, dim_config in config.dimensions.items():
            base = scoring.policies[dim]
            scoring.policies[dim] = DimensionPolicy(
                base.unit,
                dim_config.scale if dim_config.scale is not None else base.scale,
                dim_config.weight if dim_config.weight is not None else base.weight,
            )
        assessed = frozenset(r.dimension for r in rules)
        try:
            lexicon: Lexicon | None = default_lexicon()
        except Exception:  # a broken default pack must not stop a custom one
            lexicon = None
        return cls(
            ruleset, tuple(rules), tuple(checkers), assessed, scoring, lexicon, frozenset(config.languages)
        )

    def audit(self, article: Article) -> AuditReport:
        # Callers pause the garbage collector around this (copydesk.speed.collector).
        ctx = Context(article, self.attribution_lexicon)
        try:
            language = detect_language(ctx.text, ctx.token_texts)
            if self.languages and language.code not in self.languages:
                ctx.warnings.append(_not_assessed(language, self.languages))
                return _report(self, ctx, [], language, assessed=False)
            hits: list[Hit] = []
            for checker in self.checkers:
                hits.extend(checker.run(ctx))
            findings = _findings(ctx, hits, self.rank)
            return _report(self, ctx, findings, language)
        finally:
            ctx.release()


def _not_assessed(language: Language, languages: frozenset[str]) -> str:
    sure = f", {language.confidence:.0%} sure" if language.confidence is not None else ""
    packs = ", ".join(language_name(c) for c in sorted(languages))
    return (
        f"not assessed: the article reads as {language_name(language.code)} ({language.code}{sure}) "
        f"and the rule packs are for {packs}; no dimension is scored "
        "(set languages in the config to assess it anyway)"
    )


def _apply_rule_config(rules: Sequence[RuleBase], config: Config) -> list[RuleBase]:
    out = []
    for rule in rules:
        if not config.rules.is_enabled(rule.id):
            continue
        update = {}
        severity = config.rules.severity_for(rule.id)
        if severity is not None:
            update["severity"] = severity
        weight = config.rules.weight_for(rule.id)
        if weight is not None:
            update["weight"] = weight
        out.append(rule.model_copy(update=update) if update else rule)
    return out


# ------------------------------------------------------------------ hits -> findings


# The dimensions' special cases, from their specs (copydesk/dimensions.py).
_SEES_BOILERPLATE = frozenset(d for d in Dimension if d.spec.sees_boilerplate)
_KEEPS_UNPLACED = frozenset(d for d in Dimension if d.spec.keeps_unplaced)


@dataclass
class _Draft:
    hit: Hit
    location: str | None
    in_quote: bool


def _findings(ctx: Context, hits: list[Hit], rank: dict[str, int]) -> list[tuple[Hit, bool]]:
    drafts: list[_Draft] = []
    for hit in hits:
        if not (0 <= hit.start < hit.end <= len(ctx.text)):
            continue
        if ctx.is_skipped(hit.start, hit.end):
            continue
        if hit.rule.dimension not in _SEES_BOILERPLATE and ctx.is_boilerplate(hit.start, hit.end):
            continue  # boilerplate is not article text: only a dimension that sees it reports it
        location = ctx.location(hit.start, hit.end)
        in_quote = ctx.in_quote(hit.start, hit.end)
        if location is None and hit.rule.dimension not in _KEEPS_UNPLACED:
            continue
        if location is not None and not hit.rule.applies_to(location, in_quote):
            continue
        if ctx.analysis(suppressions).suppresses(hit.rule.id, hit.start):
            continue  # an inline <!-- copydesk-disable ... --> comment silences it
        drafts.append(_Draft(hit, location, in_quote))
    drafts = _dedupe(drafts, rank)
    _charge_once(drafts)
    drafts.sort(key=lambda d: (d.hit.start, d.hit.end, d.hit.rule.id))
    drafts = one_problem_one_finding(drafts, ctx.text, _hit_cost)
    return [(d.hit, d.in_quote) for d in drafts]


def _hit_cost(hit: Hit) -> float:
    return SEVERITY_COST[hit.rule.severity] * hit.rule.weight * hit.weight


def _dedupe(drafts: list[_Draft], rank: dict[str, int]) -> list[_Draft]:
    """Drop repeats, and a word inside a longer phrase of the same dimension and kind.

    Only hits of one rule kind compete: a lexicon word inside a lexicon phrase is the
    same observation twice, but a headline check and a clickbait pattern on the same
    headline are two different problems. Of two hits on the same words, the rule
    loaded later wins: a newsroom's own pack overrides the default pack's entry.
    """
    seen: set[tuple[str, int, int]] = set()
    unique: list[_Draft] = []
    for d in drafts:
        key = (d.hit.rule.id, d.hit.start, d.hit.end)
        if key not in seen:
            seen.add(key)
            unique.append(d)
    by_dim: dict[tuple[Dimension, str], list[_Draft]] = defaultdict(list)
    for d in unique:
        if d.hit.dedupe:
            by_dim[(d.hit.rule.dimension, d.hit.rule.kind)].append(d)
    dropped: set[int] = set()
    for group in by_dim.values():
        group.sort(key=lambda d: (d.hit.start, -(d.hit.end - d.hit.start), -rank.get(d.hit.rule.id, 0)))
        reach_end = -1
        for d in group:
            if d.hit.end <= reach_end and (d.hit.end - d.hit.start) > 0:
                dropped.add(id(d))
            else:
                reach_end = max(reach_end, d.hit.end)
    return [d for d in unique if id(d) not in dropped]


def _charge_once(drafts: list[_Draft]) -> None:
    """A hit resting on text another finding charges costs nothing (it stays as evidence).

    One off-topic sentence under a heading makes both the sentence (focus) and the
    heading (headline) findings; the reader's problem is the sentence, so it is charged
    there and the heading's finding points to it.
    """
    resting = [d for d in drafts if d.hit.rests_on]
    if not resting:
        return
    for d in resting:
        chargers: set[str] = set()
        for a, b in d.hit.rests_on:
            by = [
                o.hit.rule.id
                for o in drafts
                if o is not d
                and not o.hit.rests_on
                and o.hit.weight * o.hit.rule.weight > 0
                and o.hit.start < b
                and a < o.hit.end
            ]
            if not by:
                break
            chargers.update(by)
        else:
            d.hit.weight = 0.0
            d.hit.evidence["charged_by"] = sorted(chargers)


# ------------------------------------------------------------------ report


def _line_starts(text: str) -> list[int]:
    starts = [0]
    pos = text.find("\n")
    while pos >= 0:
        starts.append(pos + 1)
        pos = text.find("\n", pos + 1)
    return starts


def _report(
    engine: Engine, ctx: Context, hits: list[tuple[Hit, bool]], language: Language, assessed: bool = True
) -> AuditReport:
    text = ctx.text
    costed = [
        Costed(
            h.rule.dimension,
            h.rule.severity,
            h.rule.weight * h.weight,
            in_quote,
            h.category or h.rule.category,
        )
        for h, in_quote in hits
    ]
    words = ctx.body_word_count
    results = score_dimensions(costed, set(engine.assessed) if assessed else set(), words, engine.scoring)
    line_starts = _line_starts(text)
    findings: list[Finding] = []
    for (hit, in_quote), cost in zip(hits, costed, strict=True):
        excerpt = text[hit.start : hit.end]
        line = bisect_right(line_starts, hit.start)
        column = hit.start - line_starts[line - 1] + 1
        rule = hit.rule
        message = hit.message or rule.message.replace("{match}", _short(excerpt))
        suggestion = hit.suggestion
        if suggestion is not None:
            suggestion = suggestion.replace("{match}", _short(excerpt))
        findings.append(
            Finding(
                rule_id=rule.id,
                dimension=rule.dimension,
                severity=rule.severity,
                span=Span(start=hit.start, end=hit.end),
                excerpt=excerpt,
                line=line,
                column=column,
                message=message,
                explanation=hit.explanation or rule.explanation,
                suggestion=suggestion,
                link=rule.link,
                category=hit.category or rule.category,
                evidence=hit.evidence,
                in_quote=in_quote,
                points=round(cost.points, 3),
            )
        )
    overall_score = round(overall(results, engine.scoring), 1) if assessed else None
    sourcing = _sourcing(engine, ctx) if assessed else None
    dimensions = {
        d.value: DimensionScore(
            name=d,
            assessed=r.assessed,
            score=None if r.score is None else round(r.score, 1),
            findings=r.findings,
            penalty=round(r.penalty, 3),
            per_100_words=None if r.per_100_words is None else round(r.per_100_words, 3),
            figures=dict(ctx.dimension_figures.get(d.value, {})),
        )
        for d, r in results.items()
    }
    doc = ctx.doc
    read = metrics.readability(ctx)
    tone = metrics.tone(ctx)
    sections = [
        Section(
            heading=doc.slice(s.heading) if s.heading else None,
            span=Span(start=s.heading[0], end=s.heading[1]) if s.heading else None,
            paragraphs=len(s.paragraphs),
        )
        for s in doc.sections
    ]
    article = ctx.article
    info = ArticleInfo(
        id=article.id,
        source=article.source,
        headline=doc.slice(doc.headline) if doc.headline else None,
        headline_span=Span(start=doc.headline[0], end=doc.headline[1]) if doc.headline else None,
        words=words,
        sentences=len(ctx.body_sentences()),
        paragraphs=len(doc.paragraphs) - len(ctx.boilerplate),
        sections=sections,
        text=ctx.text,
        language=language.code,
    )
    return AuditReport(
        copydesk_version=__version__,
        rule_pack=engine.ruleset.name,
        rule_pack_version=engine.ruleset.version,
        article=info,
        assessed=assessed,
        score=overall_score,
        grade=grade(overall_score) if overall_score is not None else "n/a",
        dimensions=dimensions,
        findings=findings,
        metrics=Metrics(
            readability=Readability(**read),
            tone=Tone(**tone),
            sourcing=sourcing,
            extra=dict(ctx.metrics_extra),
        ),
        warnings=list(ctx.warnings),
    )


def _sourcing(engine: Engine, ctx: Context) -> dict[str, Any] | None:
    """The sourcing profile, published whenever attribution is assessed.

    It is a figure of the analysis, not of any one check: disabling a check leaves it in
    place. The analysis result is the one the attribution checks read (same analyser,
    so ``ctx.analysis`` returns it from the article's cache).
    """
    checker = next((c for c in engine.checkers if isinstance(c, AttributionChecker)), None)
    if checker is None:
        return None
    profile = sourcing_profile(ctx.analysis(checker.analyzer(ctx.attribution_lexicon)))
    ctx.dimension_figures.setdefault(Dimension.attribution.value, {}).update(attribution_figures(profile))
    return profile


def _short(excerpt: str, limit: int = 80) -> str:
    flat = " ".join(excerpt.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


__all__ = ["Engine"]
