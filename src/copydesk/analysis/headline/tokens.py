"""Word tokens and stem phrases shared by the headline analyses and checks.

A headline check matches word lists through inflection ("criticised" for "criticism"),
so everything here works on stems: ``span_tokens`` splits a text into words, stems and
offsets (cached by text, since the same sentences are read by several checks),
``tokens`` maps one span of the article to those tokens with original offsets, and
``Phrases`` finds multi-word phrases in a run of stems.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING

from copydesk.analysis.terms import stem

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


TOKEN = re.compile(r"[^\W_]+")
_TOKEN_SPLIT = re.compile(r"([^\W_]+)")  # TOKEN, captured: split() keeps the words

# Words that join the parts of a name ("Bank of England") and have no initial in it.
NAME_GLUE = frozenset({"of", "the", "and", "for", "de", "la", "al"})


class Phrases:
    """Word phrases matched by stem, indexed by their first stem."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for p in phrases:
            words = re.findall(r"[^\W_]+", p.lower())
            if words:
                stems = tuple(stem(w) for w in words)
                self.by_first.setdefault(stems[0], []).append(stems)
        for group in self.by_first.values():
            group.sort(key=len, reverse=True)  # the longest phrase at a position wins

    def __add__(self, other: Phrases) -> Phrases:
        out = Phrases(())
        for src in (self, other):
            for first, group in src.by_first.items():
                merged = out.by_first.setdefault(first, [])
                merged.extend(p for p in group if p not in merged)
                merged.sort(key=len, reverse=True)
        return out

    @property
    def last_stems(self) -> set[str]:
        return {p[-1] for group in self.by_first.values() for p in group}

    def find(self, stems: Sequence[str]) -> list[tuple[int, int]]:
        """Token ranges [i, j) where a phrase occurs (no overlaps, left to right)."""
        hits: list[tuple[int, int]] = []
        i, n = 0, len(stems)
        while i < n:
            group = self.by_first.get(stems[i])
            if group:
                for p in group:
                    if tuple(stems[i : i + len(p)]) == p:
                        hits.append((i, i + len(p)))
                        i += len(p) - 1
                        break
            i += 1
        return hits


def phrase_word_stems(words: Iterable[str]) -> list[str]:
    """The stem of every word of every phrase, in order."""
    return [stem(w) for p in words for w in re.findall(r"[^\W_]+", p.lower())]


@lru_cache(maxsize=32768)
def span_tokens(text: str) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[int, int], ...]]:
    """Lower-case words, their stems and their offsets in ``text`` (cached by text)."""
    low = text.lower()
    # Splitting on the word pattern alternates separators and words; the running sum
    # of their lengths gives every offset, with no Python-level loop per word.
    parts = _TOKEN_SPLIT.split(low)
    words = tuple(parts[1::2])
    ends = list(accumulate(map(len, parts)))
    return words, tuple(map(stem, words)), tuple(zip(ends[0:-1:2], ends[1::2], strict=True))


@dataclass(slots=True)
class Tokens:
    """Word tokens of one span: words, stems and ORIGINAL offsets."""

    words: Sequence[str]
    stems: Sequence[str]
    spans: Sequence[tuple[int, int]]


def tokens(ctx: Context, start: int, end: int) -> Tokens:
    """The tokens of the article's text between two original offsets."""
    norm = ctx.norm
    n0, n1 = norm.to_normalized(start), norm.to_normalized(end)
    words, stems, rel = span_tokens(norm.text[n0:n1])
    if norm.starts is None:
        spans = [(n0 + a, n0 + b) for a, b in rel]
    else:
        # norm.to_original inlined (a token is never empty): this runs for every word.
        starts, ends = norm.starts, norm.ends
        spans = [(starts[n0 + a], ends[n0 + b - 1]) for a, b in rel]  # type: ignore[index]
    return Tokens(words, stems, spans)
