"""A rule's list of patterns as one time-bounded regex, compiled once, with a literal prefilter.

Rules that read their patterns as one alternation (the ``pattern`` kind, ``headline`` /
``contested`` and ``verdict``) hold a ``Joined``: built with the checker, so it is
compiled once and kept in the start-up snapshot, not compiled on the first article of
every process. Matching goes through ``search`` and ``finditer`` with the caller's
timeout, as before; this module is the one place that shortcuts it.

Most texts a rule is tried on (every body sentence) contain none of its constructions,
and the ``regex`` engine tries every alternative at every position: ~0.2 ms a sentence
for the contested cues. So each pattern's *required literals* are read from its parse
tree: words one of which every match must contain ("hoax", "fake", ... for "is a
(hoax|fake|...)"). Only the patterns whose literals the text contains (and those with
none) are searched, one by one; when none of them matches, nothing can, and the
alternation is not run (a list of one pattern needs only the literal test). When one
does, the whole alternation runs, unchanged, so the matches are exactly those it always
found. A list with a global inline flag (``(?x)`` would change how the others read) or
a group reference (numbers shift when patterns are joined) is always run whole.
Boilerplate paragraphs are not prefiltered: an anchored ``fullmatch`` of a short
paragraph fails sooner than the literal test runs.
"""

from __future__ import annotations

import re
import time
from typing import Any

# A global inline flag anywhere ("(?x)", "(?i)") applies to the whole alternation; group
# references and conditionals count groups across it; full case folding ("f") lets a
# ligature match two letters.
_JOINED_ONLY = re.compile(
    r"\(\?[a-zA-Z0-9^-]+\)|\\[1-9gk]|\(\?P[=>]|\(\?\(|\(\?[&|R0-9+-]|\(\?[a-zA-Z^-]*f[a-zA-Z^-]*:"
)
# A counted repetition ("{2}", "{0,4}"): any other brace may be regex-only syntax.
_COUNTED = re.compile(r"\{\d*,?\d*\}")
# The only characters that match an ASCII letter when case is ignored (the Kelvin sign,
# long s, dotted and dotless i): a text without them can be lower-cased and searched.
_ASCII_FOLDS = re.compile("[\u212a\u017f\u0130\u0131]")
# Literals shorter than this match nearly every sentence: not worth a check of their own.
_MIN_USEFUL = 2


class Joined:
    """The patterns of one list, joined into one alternation (``regex``, V0, ignoring case)."""

    __slots__ = ("compiled", "literals", "single")

    def __init__(self, patterns: list[str], *, ignore_case: bool = True) -> None:
        import regex

        # A case-sensitive list is prefiltered in lower case too: a superset of its matches.
        flags = regex.V0 | (regex.IGNORECASE if ignore_case else 0)
        self.compiled: Any = regex.compile("|".join(f"(?:{p})" for p in patterns), flags)
        # Each pattern alone with the lower-case strings one of which its matches contain
        # (None: no literal, always searched); empty when the list only runs whole.
        self.single: list[tuple[Any, frozenset[str] | None]] = []
        self.literals: frozenset[str] = frozenset()
        if not any(_JOINED_ONLY.search(p) for p in patterns):
            for p in patterns:
                lits = required_literals(p)
                alone = regex.compile(p, flags) if len(patterns) > 1 else self.compiled
                self.single.append((alone, None if lits is None else frozenset(lits)))
                self.literals |= lits or set()

    @classmethod
    def of(cls, patterns: list[str]) -> Joined | None:
        """The joined patterns, or None for an empty list."""
        return cls(patterns) if patterns else None

    def _possible(self, text: str, deadline: float, pos: int = 0, endpos: int | None = None) -> bool:
        """False only when no pattern matches anywhere in ``text[pos:endpos]``."""
        if not self.single:
            return True
        end = len(text) if endpos is None else min(endpos, len(text))
        window = text if pos == 0 and end == len(text) else text[pos:end]
        if _ASCII_FOLDS.search(window):
            present = self.literals
        else:
            # A literal is consumed by the match, so it lies inside the window.
            low = window.lower()
            present = frozenset(filter(low.__contains__, self.literals))  # the loop in C
        candidates = [c for c, lits in self.single if lits is None or not lits.isdisjoint(present)]
        if len(self.single) == 1 or not candidates:
            return bool(candidates)  # one pattern: the alternation is that pattern
        clock = time.perf_counter
        return any(
            c.search(text, pos, end, timeout=max(0.001, deadline - clock())) is not None for c in candidates
        )

    def search(self, text: str, timeout: float) -> Any:
        """``compiled.search`` within ``timeout`` seconds (else TimeoutError)."""
        deadline = time.perf_counter() + timeout
        if not self._possible(text, deadline):
            return None
        return self.compiled.search(text, timeout=max(0.001, deadline - time.perf_counter()))

    def finditer(self, text: str, timeout: float, pos: int = 0, endpos: int | None = None) -> list[Any]:
        """Every match ``compiled.finditer`` finds, within ``timeout`` seconds (else TimeoutError)."""
        deadline = time.perf_counter() + timeout
        if not self._possible(text, deadline, pos, endpos):
            return []
        end = len(text) if endpos is None else endpos
        left = max(0.001, deadline - time.perf_counter())
        return list(self.compiled.finditer(text, pos, end, timeout=left))


def required_literals(pattern: str) -> set[str] | None:
    """Lower-case ASCII strings one of which every match of ``pattern`` contains, or None."""
    import re._parser as sre  # the standard parse tree, as kinds/pattern.py reads it
    import warnings

    if "{" in _COUNTED.sub("", pattern) or "}" in _COUNTED.sub("", pattern):
        return None  # regex's fuzzy matching ("(?:foo){e<=1}") reads as literals here
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            tree = sre.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    return _sequence(sre, list(tree))


def _sequence(sre: Any, items: list[Any]) -> set[str] | None:
    """The best required set of a sequence: one literal run, or one required item's set."""
    options: list[set[str]] = []
    run: list[str] = []
    for op, av in [*items, (None, None)]:
        if op is sre.LITERAL and av < 128:
            run.append(chr(av).lower())
            continue
        if run:
            options.append({"".join(run)})
            run = []
        sub = _item(sre, op, av)
        if sub is not None:
            options.append(sub)
    useful = [o for o in options if min(map(len, o)) >= _MIN_USEFUL]
    # The longest shortest literal (the rarest, roughly), then the fewest literals.
    return min(useful, key=lambda o: (-min(map(len, o)), len(o)), default=None)


def _item(sre: Any, op: Any, av: Any) -> set[str] | None:
    """The required set of one parse item, or None when it requires no literal."""
    if op is sre.SUBPATTERN:
        return _sequence(sre, list(av[3]))
    if op is sre.ATOMIC_GROUP:
        return _sequence(sre, list(av))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _sequence(sre, list(av[2]))
    if op is sre.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            sub = _sequence(sre, list(branch))
            if sub is None:
                return None
            union |= sub
        return union
    return None
