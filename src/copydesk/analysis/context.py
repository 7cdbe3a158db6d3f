"""Per-article context shared by all rules: tokens, locations, quotes, cached analyses.

Everything here is computed at most once per article, on first use, so the engine
pays only for what the loaded rules read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import cached_property
from itertools import accumulate, repeat
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from copydesk.parse.article import Article
from copydesk.parse.document import Document, merged_spans

if TYPE_CHECKING:
    from copydesk.analysis.attribution import Lexicon

T = TypeVar("T")

WORD = re.compile(r"[^\W_]+")
_WORD_SPLIT = re.compile(r"([^\W_]+)")  # WORD, captured: split() keeps the words


class Token(NamedTuple):
    # A tuple, not a frozen dataclass: an article has hundreds of tokens and building
    # them was a visible share of an audit.
    start: int  # normalised offsets
    end: int
    text: str  # lower-cased, normalised


class Unit(NamedTuple):
    """A headline, a heading or a body sentence: the unit context checks look in."""

    # A tuple like Token: generating a frozen dataclass costs ~1 ms of every start-up.
    kind: str  # "headline" | "heading" | "body"
    start: int  # original offsets
    end: int
    index: int  # sentence index for body units, heading index otherwise


class Context:
    def __init__(self, article: Article, attribution_lexicon: Lexicon | None = None) -> None:
        self.article = article
        # The word lists of the attribution analysis for analyses run outside the
        # attribution rules (sentence_sources): the engine passes the default pack's.
        self.attribution_lexicon = attribution_lexicon
        self.doc: Document = article.document
        self.norm = self.doc.norm
        self.text = self.doc.text
        # Paragraph indices that are boilerplate, not article text (set in phase 0).
        self.boilerplate: set[int] = set()
        self._analyses: dict[Callable[..., Any], Any] = {}
        # Problems that did not stop the audit (a pattern that timed out).
        self.warnings: list[str] = []
        # Figures analyses publish for the report: per dimension, and article-wide metrics.
        self.dimension_figures: dict[str, dict[str, Any]] = {}
        self.metrics_extra: dict[str, Any] = {}

    def release(self) -> None:
        """Drop everything this context holds once its report is built.

        Analyses refer back to the context (closures, the suppression index), so an
        audit left ~1,500 objects in reference cycles that only the cyclic collector
        could free: its pass over them after every audit was ~7% of the audit's time.
        Without the context's references, reference counting frees them at once.
        """
        self._analyses.clear()
        self.__dict__.clear()

    # ------------------------------------------------------------ analyses
    def analysis(self, fn: Callable[[Context], T]) -> T:
        """Run ``fn(self)`` once per article and share the result between rules."""
        try:
            return self._analyses[fn]  # type: ignore[no-any-return]
        except KeyError:
            result = self._analyses[fn] = fn(self)
            return result

    # ------------------------------------------------------------ tokens
    @cached_property
    def _token_columns(self) -> tuple[list[int], list[int], list[str]]:
        """Starts, ends and texts of the word tokens, built without a Python-level loop.

        Splitting on the word pattern alternates separators and words; the running sum
        of their lengths gives every offset. (Tokenising is paid by every audit, and a
        per-token loop was a visible share of it.)
        """
        parts = _WORD_SPLIT.split(self.norm.lower)
        ends = list(accumulate(map(len, parts)))
        return ends[0:-1:2], ends[1::2], parts[1::2]

    @cached_property
    def tokens(self) -> list[Token]:
        # tuple.__new__ through map: no per-token Python call (NamedTuple's __new__ is one).
        return list(map(tuple.__new__, repeat(Token), zip(*self._token_columns, strict=True)))

    @cached_property
    def token_texts(self) -> list[str]:
        return self._token_columns[2]

    @cached_property
    def _token_starts(self) -> list[int]:
        return self._token_columns[0]

    def token_range(self, start: int, end: int) -> tuple[int, int]:
        """Token indices [lo, hi) inside the original span [start, end)."""
        n0 = self.norm.to_normalized(start)
        n1 = self.norm.to_normalized(end)
        return bisect_left(self._token_starts, n0), bisect_left(self._token_starts, n1)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.norm.to_original(start, end)

    def normalized(self, start: int, end: int) -> tuple[int, str]:
        """The normalised text of the original span [start, end), and where it starts.

        Anything compared with the article's stems (which are normalised) must be read
        from here, not from ``text``: "Müller" in the raw text never meets "muller".
        """
        norm = self.norm
        n0 = norm.to_normalized(start)
        return n0, norm.text[n0 : norm.to_normalized(end)]

    # ------------------------------------------------------------ units and locations
    @cached_property
    def units(self) -> list[Unit]:
        doc = self.doc
        units: list[Unit] = []
        if doc.headline:
            units.append(Unit("headline", *doc.headline, -1))
        for i, span in enumerate(doc.headings):
            units.append(Unit("heading", span[0], span[1], i))
        for i, s in enumerate(doc.sentences):
            units.append(Unit("body", s.start, s.end, i))
        units.sort(key=lambda u: u.start)
        return units

    @cached_property
    def _unit_starts(self) -> list[int]:
        return [u.start for u in self.units]

    def unit_at(self, start: int) -> Unit | None:
        i = bisect_right(self._unit_starts, start) - 1
        if i >= 0 and start < self.units[i].end:
            return self.units[i]
        return None

    def location(self, start: int, end: int) -> str | None:
        unit = self.unit_at(start)
        return unit.kind if unit is not None else None

    def in_quote(self, start: int, end: int) -> bool:
        return self.doc.quote_at(start, end) is not None or self.doc.view_at(start, end)

    @cached_property
    def _paragraph_starts(self) -> list[int]:
        return [p.start for p in self.doc.paragraphs]

    def paragraph_at(self, start: int) -> int | None:
        i = bisect_right(self._paragraph_starts, start) - 1
        if i >= 0 and start < self.doc.paragraphs[i].end:
            return i
        return None

    def is_boilerplate(self, start: int, end: int) -> bool:
        if not self.boilerplate:
            return False
        p = self.paragraph_at(start)
        return p is not None and p in self.boilerplate

    @cached_property
    def _skipped_union(self) -> tuple[list[int], list[int]]:
        """Skipped spans merged into disjoint ones (starts, ends), for a bisect per finding."""
        return merged_spans(self.doc.skipped)

    def is_skipped(self, start: int, end: int) -> bool:
        starts, ends = self._skipped_union
        i = bisect_right(starts, start) - 1
        return i >= 0 and start < ends[i]

    # ------------------------------------------------------------ article text for metrics
    def body_sentences(self) -> list[tuple[int, int]]:
        return [(s.start, s.end) for s in self.doc.sentences if s.paragraph not in self.boilerplate]

    @cached_property
    def body_word_count(self) -> int:
        """Words of article prose (headline, headings and boilerplate left out)."""
        from copydesk.analysis.readability import count_words

        return sum(count_words(self.text[s:e]) for s, e in self.body_sentences())
