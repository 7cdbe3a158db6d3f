"""Inline suppression comments in Markdown and HTML sources.

    <!-- copydesk-disable loaded.* attribution.hedge -->   from here on, these rules are off
    <!-- copydesk-enable loaded.* -->                       ... and on again
    <!-- copydesk-disable-next-line loaded.label -->        the next non-blank line only
    <!-- copydesk-disable-line -->                          the line this comment is on

A RULE is a rule id or a glob over ids (``loaded.*``); several may be given,
separated by spaces or commas; none means every rule. ``enable`` with no rule ends
every ``disable``. A ``disable`` with no matching ``enable`` runs to the end of the
text. Later comments win: ``disable loaded.*`` then ``enable loaded.label`` turns that
one rule back on. The parser already treats HTML comments as skipped text, so the
comments themselves are never audited.

Suppressed findings are left out of the report and the score; the report's
``metrics.extra["suppressed_findings"]`` counts them so that a reviewer can see that
something was silenced. A comment that is not a known directive is reported in the
report's warnings.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING, NamedTuple

from copydesk.parse.document import merged_spans

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

_COMMENT = re.compile(r"<!--\s*copydesk-([A-Za-z-]*)(.*?)-->", re.S)
_SPLIT = re.compile(r"[\s,]+")
_RULE_PATTERN = re.compile(r"^[a-z0-9_.*?\[\]-]+$")
DIRECTIVES = ("disable", "enable", "disable-next-line", "disable-line")


# Records as NamedTuples: a dataclass costs ~1 ms of start-up each to generate.
class _Toggle(NamedTuple):
    offset: int  # takes effect from here (the end of the comment)
    disable: bool
    patterns: tuple[str, ...]  # empty: every rule


class _Region(NamedTuple):
    start: int
    end: int
    patterns: tuple[str, ...]


def _matches(rule_id: str, patterns: tuple[str, ...]) -> bool:
    return not patterns or any(fnmatchcase(rule_id, p) for p in patterns)


class Suppressions:
    """The suppression comments of one article, queried per finding."""

    def __init__(self, toggles: list[_Toggle], regions: list[_Region], ctx: Context | None) -> None:
        self._toggles = toggles
        self._regions = regions
        self._ctx = ctx
        self.count = 0
        # Per rule id, what concerns it: a scan of every comment per finding was
        # quadratic in an article of many comments (4,000 of them: 100 s).
        self._by_rule: dict[str, tuple[list[int], list[int], list[int], list[bool]]] = {}

    def __bool__(self) -> bool:
        return bool(self._toggles or self._regions)

    def suppresses(self, rule_id: str, start: int) -> bool:
        """Whether a finding of ``rule_id`` starting at ``start`` is silenced (and count it)."""
        hit = self._check(rule_id, start)
        if hit:
            self.count += 1
            if self._ctx is not None:
                self._ctx.metrics_extra["suppressed_findings"] = self.count
        return hit

    def _for_rule(self, rule_id: str) -> tuple[list[int], list[int], list[int], list[bool]]:
        """The rule's regions merged into disjoint spans (starts, ends), and its toggles."""
        cached = self._by_rule.get(rule_id)
        if cached is not None:
            return cached
        starts, ends = merged_spans((r.start, r.end) for r in self._regions if _matches(rule_id, r.patterns))
        toggles = [t for t in self._toggles if _matches(rule_id, t.patterns)]
        cached = (starts, ends, [t.offset for t in toggles], [t.disable for t in toggles])
        self._by_rule[rule_id] = cached
        return cached

    def _check(self, rule_id: str, start: int) -> bool:
        starts, ends, offsets, disables = self._for_rule(rule_id)
        k = bisect_right(starts, start) - 1
        if k >= 0 and start < ends[k]:
            return True
        # The last toggle before the finding that concerns this rule decides.
        k = bisect_right(offsets, start) - 1
        return k >= 0 and disables[k]


def parse(text: str, ctx: Context | None = None) -> Suppressions:
    """Find the suppression comments in ``text`` (original offsets)."""
    toggles: list[_Toggle] = []
    regions: list[_Region] = []
    if "copydesk-" not in text:
        return Suppressions(toggles, regions, ctx)
    # No comment can end after the last "-->": stopping the scan there keeps every match
    # and spares each unclosed "<!-- copydesk-" a search to the end (quadratic).
    line_no, counted_to = 1, 0
    for m in _COMMENT.finditer(text, 0, text.rfind("-->") + 3):
        name = m.group(1).lower()
        words = tuple(w for w in _SPLIT.split(m.group(2).strip()) if w)
        # Counted on from the previous comment: a count from the top each time was quadratic.
        line_no += text.count("\n", counted_to, m.start())
        counted_to = m.start()
        if name not in DIRECTIVES:
            known = ", ".join(f"copydesk-{d}" for d in DIRECTIVES)
            _warn(ctx, f"line {line_no}: unknown comment 'copydesk-{name}' (known: {known})")
            continue
        bad = [w for w in words if not _RULE_PATTERN.match(w)]
        if bad:
            _warn(
                ctx, f"line {line_no}: copydesk-{name}: {bad[0]!r} is not a rule id or glob; comment ignored"
            )
            continue
        if name == "disable":
            toggles.append(_Toggle(m.end(), True, words))
        elif name == "enable":
            toggles.append(_Toggle(m.end(), False, words))
        elif name == "disable-line":
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            regions.append(_Region(line_start, len(text) if line_end < 0 else line_end, words))
        else:
            region = _next_line(text, m.end())
            if region is not None:
                regions.append(_Region(region[0], region[1], words))
    return Suppressions(toggles, regions, ctx)


def _next_line(text: str, after: int) -> tuple[int, int] | None:
    """The next non-blank line after the comment's own line."""
    pos = text.find("\n", after)
    while pos >= 0:
        start = pos + 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if text[start:end].strip():
            return start, end
        if end >= len(text):
            return None
        pos = end
    return None


def _warn(ctx: Context | None, message: str) -> None:
    if ctx is not None:
        ctx.warnings.append(f"suppression: {message}")


def directives(ctx: Context) -> Suppressions:
    """Per-article analysis (run once through ``ctx.analysis``)."""
    return parse(ctx.text, ctx)


__all__ = ["DIRECTIVES", "Suppressions", "directives", "parse"]
