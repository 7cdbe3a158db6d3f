"""Rule kind `coherence`: a paragraph, sentence or section off the article's topic.

The measuring is done once per article by :mod:`copydesk.analysis.topic` (each unit
against the rest of the article, left out); this kind only judges, with thresholds
that are data in the pack. A unit is flagged when all of the rule's conditions hold:

- ``min_evidence``: the evidence against the unit belonging (natural-log likelihood
  ratio, ``-evidence`` of the analysis) is at least this strong, plus
  ``evidence_per_log_units`` times the natural log of the number of units judged: the
  bar is set per article, since each further paragraph is one more chance for a loose
  one (the prior that a given unit of an N-unit article is the stray one is 1/N);
- ``max_ratio``: its similarity is at most this share of the article's typical figure
  (an outlier against the article's own spread, so a loose feature is not flagged
  everywhere);
- ``min_terms`` / ``min_units``: it has enough content words to judge, and the article
  enough units to have a typical figure;
- ``min_context_ratio`` (sentences): the rest of its paragraph is on topic, so the
  sentence breaks away from a paragraph that is not itself drifting;
- ``max_headline_names``: how many of its names the headline may share (background on
  the headline's own subject is not another story);
- ``min_semantic`` / ``semantic_weight`` (paragraphs): meaning, from static word
  vectors (``Topic.read_meaning``, read only for a paragraph that passes the cheaper
  tests): how far the paragraph's cosine with the rest of the article falls below the
  median of the other paragraphs', as a floor and as extra evidence against it;
- ``min_unseen_names`` / ``max_name_continuity``: entity continuity (names and places
  of the unit that appear nowhere else; the ceiling applies only to units that name
  someone); ``min_name_continuity`` selects tangents that stay with the story's
  entities (the unit must name someone, and enough of its names must recur).

Several rules may judge the same unit with escalating thresholds (severity by margin):
each unit gets one finding, from the most severe rule that fires. A section finding
covers its paragraphs and sentences, a paragraph finding its sentences.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from copydesk.kinds.base import RuleBase, Severity
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context
    from copydesk.analysis.topic import Topic, UnitFit

_SEVERITY_RANK = {Severity.info: 0, Severity.warning: 1, Severity.error: 2}
_UNIT_ORDER = ("section", "paragraph", "sentence")


class CoherenceRule(RuleBase):
    kind: Literal["coherence"]
    unit: Literal["paragraph", "sentence", "section"]
    min_evidence: float = Field(default=0.0, ge=-1000.0, le=1000.0)
    # Evidence needed on top of min_evidence per natural log of the article's units.
    evidence_per_log_units: float = Field(default=0.0, ge=0.0, le=100.0)
    max_ratio: float = Field(default=1.0, ge=0.0, le=100.0)
    max_similarity: float = Field(default=1.0, ge=0.0, le=1.0)
    min_terms: int = Field(default=6, ge=1, le=1000)
    min_units: int = Field(default=4, ge=2, le=1000)
    min_unseen_names: int = Field(default=0, ge=0, le=100)
    max_name_continuity: float | None = Field(default=None, ge=0.0, le=1.0)
    min_name_continuity: float | None = Field(default=None, ge=0.0, le=1.0)
    # Sentences: the rest of its paragraph must be on topic, its best other sentence
    # reaching this multiple of the typical figure (the sentence breaks away from it).
    min_context_ratio: float | None = Field(default=None, ge=0.0, le=100.0)
    # At most this many of the unit's names may be the headline's: a paragraph about the
    # headline's own subject (background on the same company or person) is not another
    # story, however few words it shares.
    max_headline_names: int | None = Field(default=None, ge=0, le=100)
    # Meaning (paragraphs; word vectors, analysis.embeddings): the paragraph's cosine
    # with the rest of the article must fall at least ``min_semantic`` below the median
    # of the other paragraphs' (its ``semantic`` shortfall, calibrated per article); and
    # each unit of shortfall counts ``semantic_weight`` towards the evidence against it.
    min_semantic: float | None = Field(default=None, ge=-100.0, le=100.0)
    semantic_weight: float = Field(default=0.0, ge=0.0, le=100.0)


# A cosine shortfall counts up to this much (a cosine spans -1..1; in practice a
# stray paragraph falls 0.2 to 0.5 below the others).
_MAX_SHORTFALL = 1.0


def _uses_meaning(rule: CoherenceRule) -> bool:
    return rule.unit == "paragraph" and (rule.min_semantic is not None or rule.semantic_weight > 0)


def _typical(topic: Topic, unit: str) -> float | None:
    if unit == "paragraph":
        return topic.typical
    if unit == "sentence":
        return topic.typical_sentence
    return topic.typical_section


def _units(topic: Topic, unit: str) -> list[UnitFit]:
    if unit == "paragraph":
        return topic.paragraphs
    if unit == "sentence":
        return topic.sentences
    return topic.sections


def _fires(
    rule: CoherenceRule, fit: UnitFit, typical: float, topic: Topic, judged: int = 1
) -> bool:
    needed = rule.min_evidence
    if rule.evidence_per_log_units:
        needed += rule.evidence_per_log_units * math.log(max(1, judged))
    if fit.terms < rule.min_terms:
        return False
    if fit.similarity > rule.max_similarity or fit.similarity > rule.max_ratio * typical:
        return False
    against = -fit.evidence
    if _uses_meaning(rule):
        if against + rule.semantic_weight * _MAX_SHORTFALL < needed:
            return False  # no shortfall could make up for it: spare the vectors
        topic.read_meaning()
        if rule.min_semantic is not None and (fit.semantic is None or fit.semantic < rule.min_semantic):
            return False
        if fit.semantic is not None:
            against += rule.semantic_weight * min(fit.semantic, _MAX_SHORTFALL)
    if against < needed:
        return False
    if rule.min_context_ratio is not None and (
        fit.context is None or fit.context < rule.min_context_ratio * typical
    ):
        return False
    # Names last: reading them is the costly part, and most units never get here.
    topic.read_names(fit)
    if len(fit.unseen_names) < rule.min_unseen_names:
        return False
    if rule.max_headline_names is not None and len(fit.headline_names) > rule.max_headline_names:
        return False
    continuity = fit.name_continuity
    # A unit that names nobody is judged on its words alone; a ceiling on continuity
    # only bites when there are names, a floor (tangents) needs them.
    if (
        rule.max_name_continuity is not None
        and continuity is not None
        and continuity > rule.max_name_continuity
    ):
        return False
    return not (
        rule.min_name_continuity is not None
        and (continuity is None or continuity < rule.min_name_continuity)
    )


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


@kind("coherence", CoherenceRule)
class CoherenceChecker:
    phase = 1

    def __init__(self, rules: list[CoherenceRule]) -> None:
        # Most severe first, so the first rule that fires on a unit is the one reported.
        self.rules = sorted(rules, key=lambda r: -_SEVERITY_RANK[r.severity])

    def run(self, ctx: Context) -> Iterable[Hit]:
        from copydesk.analysis.topic import topic as topic_analysis

        if not self.rules:
            return []
        topic = ctx.analysis(topic_analysis)
        figures = ctx.dimension_figures.setdefault("focus", {})
        figures["typical_similarity"] = topic.typical
        figures["typical_sentence_similarity"] = topic.typical_sentence
        if topic.sections:
            figures["typical_section_similarity"] = topic.typical_section
        figures["topic_words"] = [w for w, _ in topic.keywords[:8]]
        figures["topic_names"] = [n for n, _ in topic.entities[:5]]

        hits: list[Hit] = []
        covered: list[tuple[int, int]] = []  # spans already reported at a larger unit
        for unit in _UNIT_ORDER:
            rules = [r for r in self.rules if r.unit == unit]
            typical = _typical(topic, unit)
            if not rules or typical is None:
                continue
            fits = _units(topic, unit)
            judged = sum(1 for f in fits if f.terms >= 1)
            for fit in fits:
                if any(s <= fit.start and fit.end <= e for s, e in covered):
                    continue
                for rule in rules:
                    if judged < rule.min_units or not _fires(rule, fit, typical, topic, judged):
                        continue
                    hits.append(self._hit(ctx, rule, fit, typical))
                    if _SEVERITY_RANK[rule.severity] > 0:
                        # An info note (a tangent) does not hide a sharper finding inside.
                        covered.append((fit.start, fit.end))
                    break
        return hits

    @staticmethod
    def _hit(ctx: Context, rule: CoherenceRule, fit: UnitFit, typical: float) -> Hit:
        meaning = {}
        if _uses_meaning(rule) and fit.cosine is not None and fit.semantic is not None:
            meaning = {"cosine": round(fit.cosine, 3), "semantic_shortfall": round(fit.semantic, 2)}
        excerpt = " ".join(ctx.text[fit.start : fit.end].split())
        if len(excerpt) > 80:
            excerpt = excerpt[:79] + "…"
        values = {
            "{match}": excerpt,
            "{similarity}": _fmt(fit.similarity),
            "{typical}": _fmt(typical),
            "{names}": ", ".join(fit.unseen_names[:4]) or "none",
            "{shared}": ", ".join(fit.shared[:3]) or "none",
            "{unit}": fit.kind,
        }
        message = rule.message
        for key, value in values.items():
            message = message.replace(key, value)
        suggestion = rule.suggestion
        if suggestion is not None:
            for key, value in values.items():
                suggestion = suggestion.replace(key, value)
        return Hit(
            rule=rule,
            start=fit.start,
            end=fit.end,
            message=message,
            suggestion=suggestion,
            evidence={
                "similarity": round(fit.similarity, 3),
                "typical_similarity": round(typical, 3),
                "evidence_against": round(-fit.evidence, 2),
                "content_words": fit.terms,
                "names_found_nowhere_else": fit.unseen_names,
                "names": fit.names,
                "shared_words": fit.shared,
                "words_found_nowhere_else": fit.unshared,
                **meaning,
            },
            # A filler line inside an off-topic paragraph is a separate fact: the
            # engine's "phrase beats word" dedupe must not swallow it.
            dedupe=False,
        )
