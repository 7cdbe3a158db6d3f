"""The registry of rule kinds: a kind is a pydantic model for its YAML and a checker.

Vale's lesson: a dozen kinds in code cover almost every style guide; everything else
is data. A kind compiles all of its rules together once (many phrases into one
matcher) and then runs over each article's shared context.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from copydesk.kinds.base import RuleBase

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

# Built-in kinds, imported on first use so `import copydesk` stays light.
_BUILTIN_MODULES = (
    "copydesk.kinds.lexicon",
    "copydesk.kinds.pattern",
    "copydesk.kinds.boilerplate",
    "copydesk.kinds.coherence",
    "copydesk.kinds.attribution",
    "copydesk.kinds.headline",
)


@dataclass(slots=True)
class Hit:
    """A raw match from a checker: original offsets plus what the finding needs."""

    rule: RuleBase
    start: int
    end: int
    suggestion: str | None = None
    message: str | None = None  # overrides the rule's message (already formatted)
    explanation: str | None = None
    category: str | None = None
    weight: float = 1.0
    evidence: dict[str, Any] = field(default_factory=dict)
    # Shorter hits of the same dimension inside this one are dropped (phrase beats word).
    dedupe: bool = True


class Checker(Protocol):
    # Checkers with a lower phase run first; phase 0 prepares shared facts
    # (boilerplate) that later phases read through the context.
    phase: int

    def run(self, ctx: Context) -> Iterable[Hit]: ...


class RuleKind(Protocol):
    name: ClassVar[str]
    model: ClassVar[type[RuleBase]]

    @classmethod
    def compile(cls, rules: Sequence[RuleBase]) -> Checker: ...


_KINDS: dict[str, type[RuleKind]] = {}
_loaded = False


def register(kind: type[RuleKind]) -> type[RuleKind]:
    _KINDS[kind.name] = kind
    return kind


def kinds() -> dict[str, type[RuleKind]]:
    global _loaded
    if not _loaded:
        for module in _BUILTIN_MODULES:
            importlib.import_module(module)
        _loaded = True
    return _KINDS
