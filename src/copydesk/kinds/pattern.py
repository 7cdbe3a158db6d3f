"""Rule kind `pattern`: regular expressions over the normalised text, time-bounded.

Packs are untrusted: a pattern is compiled with the `regex` engine, whose matching
takes a timeout, and patterns with the classic catastrophic shape (a quantified
group that itself ends in a quantifier) are refused at load time with a clear error.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator

from copydesk.kinds.base import RuleBase, Scope
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

# Seconds one pattern may spend on one article before it is abandoned, plus
# PATTERN_SECONDS_PER_MB for each million characters of the article.
PATTERN_TIMEOUT = 0.25
# Seconds all pattern matching may spend on one article together (pattern, boilerplate
# and headline rules), plus ARTICLE_SECONDS_PER_MB a million characters: 1,000 slow
# rules once took 1,000 x PATTERN_TIMEOUT.
ARTICLE_PATTERN_BUDGET = 2.0
# An honest pattern's time grows with the text it scans, so the limits grow with the
# article: with fixed limits the slowest shipped rule (focus.filler.closer) used 0.195 s
# of its 0.25 s on a 4.5 MB article, and on a slower or busier machine it (and 19 more
# rules, once the 2 s were gone) was dropped, so the same article got another report.
# The allowances are about ten times what the shipped rules take together on a busy
# machine (~0.3 s a million characters for the slowest rule, ~1.8 s for all of them),
# so the report does not depend on the machine; a pattern that is slow for the size
# of its text (backtracking) still runs out.
PATTERN_SECONDS_PER_MB = 3.0
ARTICLE_SECONDS_PER_MB = 20.0
# Bounds on a pattern's structure, checked before it is compiled: counted repetitions
# are expanded by the engine, so (?:(?:(?:a{100}){100}){100}){100} compiles to > 4 GB.
MAX_PATTERN_WEIGHT = 100_000  # atoms after expanding counted repetitions
MAX_PATTERN_DEPTH = 30  # groups and repetitions inside one another
# The textbook catastrophic shape: a group holding one repeated atom, itself repeated,
# as in (a+)+ or ([a-z]*)*. Subtler cases are caught by the matching timeout.
_NESTED_QUANTIFIER = re.compile(r"\((?:\?:)?(?:\\.|\[(?:[^\]\\]|\\.)*\]|[^()\\\[])[+*]\??\)[+*{]")


class PatternRule(RuleBase):
    kind: Literal["pattern"]
    patterns: list[str] = Field(min_length=1, max_length=200)
    ignore_case: bool = True

    @field_validator("patterns")
    @classmethod
    def _compilable(cls, value: list[str]) -> list[str]:
        return check_patterns(value)


def check_patterns(value: list[str]) -> list[str]:
    """Refuse patterns that are too long, nest quantifiers, or do not compile.

    Shared by every rule kind whose YAML carries regular expressions.
    """
    import regex

    for pattern in value:
        if len(pattern) > 2000:
            raise ValueError("pattern longer than 2000 characters")
        problem = _structure_problem(pattern)
        if problem:
            raise ValueError(f"pattern {pattern!r} {problem}")
        if _NESTED_QUANTIFIER.search(pattern):
            raise ValueError(
                f"pattern {pattern!r} nests quantifiers (like '(a+)+'), which can "
                "take exponential time; rewrite it without the nested repetition"
            )
        # The standard parser is several times faster than regex's pure-Python one and
        # accepts nearly every pack pattern; regex (which runs them) settles the rest.
        try:
            re.compile(pattern)
            continue
        except re.error:
            pass
        try:
            regex.compile(pattern, regex.V0)
        except regex.error as exc:
            raise ValueError(f"pattern {pattern!r} does not compile: {exc}") from None
    return value


def _structure_problem(pattern: str) -> str | None:
    """Why a pattern would compile too large or too deep, or None.

    Read with the standard parser; a pattern only ``regex`` accepts is bounded by its
    counted repetitions taken as if they all nested (an over-estimate).
    """
    import re._parser as sre  # the standard parse tree: no public API offers one

    try:
        tree = sre.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        product = 1
        for low, high in re.findall(r"\{(\d*),?(\d*)\}", pattern):
            product *= max(int(low or 0), int(high or 0), 1)
        if product > MAX_PATTERN_WEIGHT:
            return f"repeats counted repetitions {product} times; the limit is {MAX_PATTERN_WEIGHT}"
        return None
    unbounded = sre.MAXREPEAT

    def walk(items: Any, depth: int) -> tuple[int, int]:
        weight, deepest = 0, depth
        for op, av in items:
            subs: list[Any] = []
            factor = 1
            if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
                low, high, body = av
                factor, subs = max(1, low if high == unbounded else high), [body]
            elif op is sre.SUBPATTERN:
                subs = [av[3]]
            elif op is sre.BRANCH:
                subs = list(av[1])
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                subs = [av[1]]
            elif op is sre.ATOMIC_GROUP:
                subs = [av]
            elif op is sre.GROUPREF_EXISTS:
                subs = [b for b in av[1:] if b is not None]
            if not subs:
                weight += 1
                continue
            for sub in subs:
                w, d = walk(sub, depth + 1)
                weight += factor * w
                deepest = max(deepest, d)
        return weight, deepest

    weight, depth = walk(tree, 0)
    if depth > MAX_PATTERN_DEPTH:
        return f"nests {depth} levels deep; the limit is {MAX_PATTERN_DEPTH}"
    if weight > MAX_PATTERN_WEIGHT:
        return (
            f"expands to about {weight} atoms once counted repetitions are unrolled; "
            f"the limit is {MAX_PATTERN_WEIGHT}"
        )
    return None


class PatternTimeout(RuntimeError):
    pass


class PatternBudget:
    """The time left for pattern matching on one article (``ctx.analysis(pattern_budget)``).

    Both the article's budget and one pattern's limit grow linearly with the article's
    length (``chars``), so a pattern whose time is linear in the text it scans stays as
    far inside them on a 5 MB article as on a short one.
    """

    def __init__(self, chars: int = 0, *, scale: float = 1.0) -> None:
        import time

        mb = chars / 1_000_000
        self.total = scale * (ARTICLE_PATTERN_BUDGET + ARTICLE_SECONDS_PER_MB * mb)
        self.rule_limit = scale * (PATTERN_TIMEOUT + PATTERN_SECONDS_PER_MB * mb)
        self._scale = scale
        self._clock = time.perf_counter
        self._deadline = self._clock() + self.total
        self.skipped: list[str] = []

    def limit_for(self, base: float, chars: int) -> float:
        """A per-piece limit (``base`` seconds) grown for a piece of ``chars`` characters."""
        return self._scale * (base + PATTERN_SECONDS_PER_MB * chars / 1_000_000)

    def timeout(self, limit: float | None = None) -> float:
        """The timeout for the next match: its own limit, or what is left if less."""
        own = self.rule_limit if limit is None else limit
        return max(0.001, min(own, self._deadline - self._clock()))

    def spent(self) -> bool:
        return self._deadline - self._clock() <= 0

    def skip(self, ctx: Context, rule_id: str) -> None:
        """Note a rule skipped for want of budget; one warning names them all."""
        if not self.skipped:
            ctx.warnings.append("")
            self._slot = len(ctx.warnings) - 1
        self.skipped.append(rule_id)
        names = ", ".join(f"'{r}'" for r in self.skipped[:10])
        more = f" and {len(self.skipped) - 10} more" if len(self.skipped) > 10 else ""
        ctx.warnings[self._slot] = (
            f"pattern matching used its {self.total:.1f}s budget for this article; "
            f"{len(self.skipped)} rule(s) skipped: {names}{more}"
        )


# Multiplies every pattern limit: 1 in use; tests raise it to show a report does not
# depend on how close the shipped rules run to their limits.
BUDGET_SCALE = 1.0


def pattern_budget(ctx: Context) -> PatternBudget:
    """Per-article analysis: one budget shared by every rule that runs patterns."""
    return PatternBudget(len(ctx.norm.text), scale=BUDGET_SCALE)


# Scopes a rule can be confined to by matching only their lines.
_LINE_SCOPES = frozenset({Scope.headline, Scope.heading})


@kind("pattern", PatternRule)
class PatternChecker:
    phase = 1

    def __init__(self, rules: list[PatternRule]) -> None:
        from copydesk.kinds.joined import Joined

        # With the literal prefilter: most articles hold no literal of most rules.
        self.compiled: list[tuple[PatternRule, Joined]] = [
            (rule, Joined(rule.patterns, ignore_case=rule.ignore_case)) for rule in rules
        ]

    def run(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.norm.text
        budget = ctx.analysis(pattern_budget)
        for rule, joined in self.compiled:
            if budget.spent():
                budget.skip(ctx, rule.id)
                continue
            try:
                matches = [
                    m
                    for start, end in _windows(ctx, rule.scope)
                    for m in joined.finditer(text, budget.timeout(), start, end)
                ]
            except TimeoutError:
                if budget.spent():
                    budget.skip(ctx, rule.id)
                else:
                    ctx.warnings.append(
                        f"rule '{rule.id}': pattern took longer than {budget.rule_limit:.2f}s and was skipped"
                    )
                continue
            for m in matches:
                group = "match" if "match" in joined.compiled.groupindex else 0
                s, e = m.span(group)
                if s < 0 or e <= s:
                    continue
                start, end = ctx.to_original(s, e)
                yield Hit(rule=rule, start=start, end=end, suggestion=rule.suggestion)


def _windows(ctx: Context, scope: tuple[Scope, ...]) -> list[tuple[int, int]]:
    """Normalised spans a rule with this scope is matched in.

    A rule for the headline or headings only is matched in the whole lines that hold
    them (line anchors and markup before the text still work), not in the body it
    would be discarded from: scanning a whole article was most of these rules' cost.
    Its matches therefore cannot run on past the end of that line.
    """
    text = ctx.norm.text
    if not set(scope) <= _LINE_SCOPES:
        return [(0, len(text))]
    doc = ctx.doc
    units = []
    if Scope.headline in scope and doc.headline is not None:
        units.append(doc.headline)
    if Scope.heading in scope:
        units.extend(doc.headings)
    norm = ctx.norm
    windows = []
    for start, end in units:
        n0, n1 = norm.to_normalized(start), norm.to_normalized(end)
        line_end = text.find("\n", n1)
        windows.append((text.rfind("\n", 0, n0) + 1, len(text) if line_end < 0 else line_end))
    return windows
