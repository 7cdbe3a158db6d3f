"""What the headline checks share: the rule model's common part and the checker base.

Each check of kind ``headline`` is one module in this package with its own rule model
(only the fields it reads; a field of another check is an error, since RuleBase
forbids extra fields) and a checker derived from ``HeadlineCheck``. The checker base
publishes the report's headline figures for its check (analysis/headline/figures.py),
so a figure appears exactly when a check that measures it is enabled, and then runs
the check once per rule.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, TypeVar

from pydantic import BeforeValidator, Field

from copydesk.analysis.headline import DEFAULT_SUPPORT, headline_figures
from copydesk.analysis.headline.tokens import Phrases
from copydesk.kinds.base import RuleBase, numbers_as_words

if TYPE_CHECKING:
    from copydesk.analysis.context import Context
    from copydesk.kinds.registry import Hit

# A list of words or short phrases, matched through inflection; YAML's 1939 is a word.
Words = Annotated[list[str], BeforeValidator(numbers_as_words)]


class HeadlineRule(RuleBase):
    """Fields of every headline check: the kind, and ``check`` naming which one."""

    kind: Literal["headline"]
    check: str  # each check's model narrows it to its own name


class DriftRule(HeadlineRule):
    """Fields of the checks that set aside sentences about another story (cohesion.py)."""

    # A sentence sharing less than this share of its weight with the rest of the
    # article ...
    drift: float = Field(default=0.25, ge=0.0, le=1.0)
    # ... and naming at least this many actors nobody else in the article mentions.
    min_new_names: int = Field(default=2, ge=0, le=20)


R = TypeVar("R", bound=HeadlineRule)


class HeadlineCheck(Generic[R]):
    """Built once from the rules of one check; publishes its figures, then runs each rule."""

    phase = 1

    def __init__(self, rules: list[R]) -> None:
        self.rules = rules
        self._phrases: dict[tuple[str, str], Phrases] = {}

    def phrases(self, rule: R, which: str) -> Phrases:
        """The rule's word list ``which`` as stem phrases (built once per rule)."""
        key = (rule.id, which)
        if key not in self._phrases:
            self._phrases[key] = Phrases(getattr(rule, which))
        return self._phrases[key]

    def run(self, ctx: Context) -> Iterable[Hit]:
        if self.rules:
            figures = self.figures(ctx, ctx.dimension_figures.get("headline", {}))
            if figures:
                ctx.dimension_figures.setdefault("headline", {}).update(figures)
        for rule in self.rules:
            yield from self.check(rule, ctx)

    def figures(self, ctx: Context, published: dict[str, Any]) -> dict[str, Any]:
        """This check's part of the headline figures, given those already published.

        The support figures go into the report whichever checks are enabled: measured
        with the mismatch rule's parameters (that check overrides this), else with the
        defaults by the first headline check to run.
        """
        return {} if "support" in published else headline_figures(ctx, DEFAULT_SUPPORT)

    def check(self, rule: R, ctx: Context) -> Iterable[Hit]:
        raise NotImplementedError


def fill(template: str, **values: Any) -> str:
    """A rule's message or suggestion with its ``{placeholders}`` filled in."""
    out = template
    for key, value in values.items():
        out = out.replace("{" + key + "}", str(value))
    return out
