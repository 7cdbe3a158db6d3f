"""The parsed article: sections, paragraphs, sentences and quotes as character spans.

These records are what the parser (``copydesk.parse.article``) builds and every
analysis reads. They live apart from the parser so the sentence splitter and the
quote finder can use them without importing the parser back.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from copydesk.parse.normalize import NormalizedText

__all__ = ["Document", "Paragraph", "Quote", "Section", "Sentence", "strip_span"]


# Immutable records are NamedTuples, not dataclasses: generating a dataclass costs ~1 ms
# of every start-up.
class Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int
    section: int


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    section: int
    sentences: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    index: int
    heading: tuple[int, int] | None
    paragraphs: list[int] = field(default_factory=list)


class Quote(NamedTuple):
    """A direct quotation: ``start``/``end`` cover the words inside the marks."""

    start: int
    end: int
    speech: bool  # False for a short scare quote with no speaker: still the outlet's voice


@dataclass
class Document:
    """The parsed article. All offsets index ``text``."""

    text: str
    norm: NormalizedText
    headline: tuple[int, int] | None
    sections: list[Section]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    quotes: list[Quote]
    # Spans that are not article prose at all (code blocks, HTML comments, tables rules).
    skipped: list[tuple[int, int]]
    # Views the text attributes to someone ("critics, who call it a power grab"):
    # the holder's words, not the outlet's, though not a quotation (sorted spans).
    views: list[tuple[int, int]] = field(default_factory=list)

    def slice(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    @property
    def headings(self) -> list[tuple[int, int]]:
        return [s.heading for s in self.sections if s.heading is not None]

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The speech quote containing [start, end), if any (quotes never overlap)."""
        i = bisect_right(self._quote_starts, start) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.speech and end <= q.end:
                return q
        return None

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]

    def view_at(self, start: int, end: int) -> bool:
        """Does an attributed view (see ``views``) contain [start, end)?"""
        i = bisect_right(self._view_starts, start) - 1
        return i >= 0 and end <= self.views[i][1]

    @cached_property
    def _view_starts(self) -> list[int]:
        return [v[0] for v in self.views]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` narrowed to leave out whitespace at either end."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def merged_spans(spans: Iterable[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Spans merged into disjoint ones, as sorted (starts, ends) for a bisect per lookup.

    Empty spans are dropped. Looking up a finding's place in these is one bisect,
    where a scan of every span per finding was quadratic on hostile input.
    """
    starts: list[int] = []
    ends: list[int] = []
    for s, e in sorted(spans):
        if e <= s:
            continue
        if ends and s <= ends[-1]:
            ends[-1] = max(ends[-1], e)
        else:
            starts.append(s)
            ends.append(e)
    return starts, ends
