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

# Seconds one pattern may spend on one article before it is abandoned.
PATTERN_TIMEOUT = 0.25
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


class PatternTimeout(RuntimeError):
    pass



# Scopes a rule can be confined to by matching only their lines.
_LINE_SCOPES = frozenset({Scope.headline, Scope.heading})


@kind("pattern", PatternRule)
class PatternChecker:
    phase = 1

    def __init__(self, rules: list[PatternRule]) -> None:
        import regex

        self.compiled: list[tuple[PatternRule, Any]] = []
        for rule in rules:
            flags = regex.V0 | (regex.IGNORECASE if rule.ignore_case else 0)
            joined = "|".join(f"(?:{p})" for p in rule.patterns)
            self.compiled.append((rule, regex.compile(joined, flags)))

    def run(self, ctx: Context) -> Iterable[Hit]:
        text = ctx.norm.text
        for rule, compiled in self.compiled:
            try:
                matches = [
                    m
                    for start, end in _windows(ctx, rule.scope)
                    for m in compiled.finditer(text, start, end, timeout=PATTERN_TIMEOUT)
                ]
            except TimeoutError:
                ctx.warnings.append(
                    f"rule '{rule.id}': pattern took longer than {PATTERN_TIMEOUT}s and was skipped"
                )
                continue
            for m in matches:
                group = "match" if "match" in compiled.groupindex else 0
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
