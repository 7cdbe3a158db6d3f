"""Findings -> dimension scores -> overall score. Every point lost is traceable.

See docs/scoring.md for the formula and the reasons behind it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from copydesk.dimensions import Dimension, DimensionPolicy
from copydesk.kinds.base import Severity

SEVERITY_COST = {Severity.info: 0.2, Severity.warning: 1.0, Severity.error: 2.5}


# Each dimension's policy is part of its registered spec (copydesk/dimensions.py).
DEFAULT_POLICIES: dict[Dimension, DimensionPolicy] = {d: d.spec.policy for d in Dimension}

# Short texts are scored as if they had this many words, so one finding in a
# two-line note is not a catastrophe.
MIN_WORDS = 100

# Most a category of findings may cost one article in one dimension. Boilerplate left in
# the text (share bars, captions, embedded posts) is a real but small fault of the copy:
# editors rate an article with eight embed leftovers about as they rate one with two, and
# below one paragraph about another story. Without a cap a scraped page with many
# leftovers would out-score (downwards) an article that wanders off its topic.
CATEGORY_CAPS: dict[str, float] = {"boilerplate": 0.6}

GRADES = ((90.0, "A"), (80.0, "B"), (70.0, "C"), (60.0, "D"), (0.0, "F"))


@dataclass
class ScoringConfig:
    policies: dict[Dimension, DimensionPolicy] = field(default_factory=lambda: dict(DEFAULT_POLICIES))
    severity_cost: dict[Severity, float] = field(default_factory=lambda: dict(SEVERITY_COST))
    category_caps: dict[str, float] = field(default_factory=lambda: dict(CATEGORY_CAPS))


@dataclass
class Costed:
    """What the scorer needs of a finding."""

    dimension: Dimension
    severity: Severity
    weight: float
    in_quote: bool
    category: str | None = None
    cost: float = 0.0
    points: float = 0.0


@dataclass
class DimensionResult:
    dimension: Dimension
    assessed: bool
    score: float | None
    penalty: float
    per_100_words: float | None
    findings: int


def cost_of(item: Costed, config: ScoringConfig) -> float:
    if item.in_quote:
        return 0.0  # the speaker's words, not the outlet's
    return config.severity_cost[item.severity] * item.weight


def score_dimensions(
    items: list[Costed],
    assessed: set[Dimension],
    words: int,
    config: ScoringConfig | None = None,
) -> dict[Dimension, DimensionResult]:
    """Score each dimension and set ``points`` on every item (in place)."""
    config = config or ScoringConfig()
    results: dict[Dimension, DimensionResult] = {}
    for dim in Dimension:
        mine = [i for i in items if i.dimension is dim]
        if dim not in assessed:
            results[dim] = DimensionResult(dim, False, None, 0.0, None, len(mine))
            continue
        policy = config.policies[dim]
        for item in mine:
            item.cost = cost_of(item, config)
        _cap_categories(mine, config.category_caps)
        penalty = sum(i.cost for i in mine)
        per_100 = None
        load = penalty
        if policy.unit == "words":
            per_100 = penalty / (max(words, MIN_WORDS) / 100.0)
            load = per_100
        score = 100.0 * math.exp(-load / policy.scale)
        lost = 100.0 - score
        for item in mine:
            item.points = lost * item.cost / penalty if penalty > 0 else 0.0
        results[dim] = DimensionResult(dim, True, score, penalty, per_100, len(mine))
    return results


def _cap_categories(items: list[Costed], caps: dict[str, float]) -> None:
    """Scale down a capped category's costs so together they cost at most its cap."""
    for category, cap in caps.items():
        capped = [i for i in items if i.category == category and i.cost > 0]
        total = sum(i.cost for i in capped)
        if total > cap > 0:
            for i in capped:
                i.cost *= cap / total


def overall(results: dict[Dimension, DimensionResult], config: ScoringConfig | None = None) -> float:
    config = config or ScoringConfig()
    scored = [(r.score, config.policies[d].weight) for d, r in results.items() if r.score is not None]
    total_weight = sum(w for _, w in scored)
    if not scored or total_weight == 0:
        return 100.0
    return sum(s * w for s, w in scored) / total_weight


def grade(score: float) -> str:
    for floor, letter in GRADES:
        if score >= floor:
            return letter
    return "F"
