"""The registry of rule kinds: a kind is a pydantic model for its YAML and a checker.

Vale's lesson: a dozen kinds in code cover almost every style guide; everything else
is data. A checker class is registered with ``@kind(name, Model)`` (or, for one check
of a family such as ``headline``, ``@kind(name, Model, check="mismatch")``); the
engine builds it once from all of its rules (many phrases into one matcher) and then
runs it over each article's shared context. A family whose checks depend on each
other registers per-check classes that name one shared ``family`` checker (see
``kinds/attribution/family.py``). ``kinds/builtin.py`` imports every
built-in kind: that list is the whole registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar

from copydesk.kinds.base import RuleBase

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


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
    # The text this hit's problem lies in, when that is not its own span (a heading made
    # misleading by a sentence under it). When another finding already charges all of
    # that text, this one stays as evidence at no cost: one problem is charged once.
    rests_on: tuple[tuple[int, int], ...] = ()


class Checker(Protocol):
    """Built once from all rules of its kind (and check); run once per article."""

    # Checkers with a lower phase run first.
    phase: int

    def __init__(self, rules: list[Any]) -> None: ...

    def run(self, ctx: Context) -> Iterable[Hit]: ...


class Kind(NamedTuple):
    name: str  # the rule's `kind:` in YAML
    check: str | None  # the rule's `check:` for a family of checks, else None
    model: type[RuleBase]
    checker: type[Checker]


_KINDS: dict[tuple[str, str | None], Kind] = {}
C = TypeVar("C")


def kind(name: str, model: type[RuleBase], *, check: str | None = None) -> Callable[[type[C]], type[C]]:
    """Register the decorated checker class for rules of ``kind: name`` (and ``check:``)."""

    def register(checker: type[C]) -> type[C]:
        _KINDS[(name, check)] = Kind(name, check, model, checker)  # type: ignore[arg-type]
        return checker

    return register


def kinds() -> dict[tuple[str, str | None], Kind]:
    """Every registered kind, by (kind, check); the built-in ones load on first use."""
    import copydesk.kinds.builtin  # noqa: F401  (importing registers them)

    return _KINDS


def lookup(raw: dict[str, Any]) -> Kind | str:
    """The kind a rule's raw data names, or a message saying what is wrong."""
    registry = kinds()
    name, check = raw.get("kind"), raw.get("check")
    families = {k for k, c in registry if c is not None}
    if name in families:
        found = registry.get((name, check))  # type: ignore[arg-type]
        if found is None:
            known = ", ".join(sorted(str(c) for k, c in registry if k == name))
            return f"field 'check': unknown check {check!r} for kind {name!r} (known: {known})"
        return found
    found = registry.get((name, None))  # type: ignore[arg-type]
    if found is None:
        known = ", ".join(sorted({k for k, _ in registry}))
        return f"field 'kind': unknown kind {name!r} (known: {known})"
    return found


def checks_with_field(name: str, field: str) -> list[str]:
    """The checks of kind ``name`` whose model has ``field``: a field given to the wrong
    check of a family is then reported with the check it belongs to."""
    return sorted(
        str(c)
        for (k, c), found in kinds().items()
        if k == name and c is not None and field in found.model.model_fields
    )


def build_checkers(rules: Iterable[RuleBase]) -> list[Checker]:
    """One checker per registered (kind, check), built from its rules in load order.

    Checks that must see each other's hits (the attribution family: one finding per
    stretch of text) name a ``family`` class on their registered class instead: one
    checker of that class is built from the rules of all the checks that name it.
    """
    registry = kinds()
    groups: dict[object, tuple[type[Checker], list[RuleBase]]] = {}
    for rule in rules:
        key: tuple[str, str | None] = (rule.kind, getattr(rule, "check", None))
        if key not in registry:
            key = (rule.kind, None)
        registered = registry[key].checker
        family = getattr(registered, "family", None)
        groups.setdefault(family or key, (family or registered, []))[1].append(rule)
    checkers = [checker(group) for checker, group in groups.values()]
    checkers.sort(key=lambda c: c.phase)
    return checkers
