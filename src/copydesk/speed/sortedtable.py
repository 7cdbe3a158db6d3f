"""Look words up in a shipped "word<TAB>value" table without loading all of it first.

The word tables in ``data/`` are sorted by word. A process that audits one article looks
up a few hundred words: a binary search over the decoded text (~5 us a lookup) beats
building a dict of every entry (the 100k-word frequency table takes ~0.1 s, a fifth of a
one-article run). After ``searches_before_dict`` lookups the process is auditing in
bulk and the dict pays for itself, so it is built then. Both paths give the same values.
"""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from importlib import resources
from typing import Generic, TypeVar

V = TypeVar("V")


class SortedTable(Generic[V]):
    def __init__(
        self,
        resource: str,
        parse: Callable[[str], V],
        *,
        searches_before_dict: int = 3000,
    ) -> None:
        self.resource = resource
        self.parse = parse
        self.searches_before_dict = searches_before_dict
        self.load_seconds = 0.0
        self._text: str | None = None
        self._start = 0
        self._dict: dict[str, V] | None = None
        self._searches = 0

    @classmethod
    def from_text(cls, text: str, parse: Callable[[str], V], **kwargs: int) -> SortedTable[V]:
        """A table over text already in memory (lines sorted by word)."""
        table = cls("", parse, **kwargs)
        table._text, table._start = text, table._skip_comments(text)
        return table

    def get(self, word: str) -> V | None:
        if self._dict is not None:
            return self._dict.get(word)
        self._searches += 1
        if self._searches > self.searches_before_dict:
            return self.as_dict().get(word)
        return self._search(word)

    def as_dict(self) -> dict[str, V]:
        if self._dict is None:
            t0 = time.perf_counter()
            parts = self.text()[self._start :].split()
            # One split and a zip: no per-line Python work.
            self._dict = dict(zip(parts[0::2], map(self.parse, parts[1::2]), strict=True))
            self.load_seconds += time.perf_counter() - t0
        return self._dict

    def text(self) -> str:
        if self._text is None:
            t0 = time.perf_counter()
            raw = resources.files("copydesk").joinpath(self.resource).read_bytes()
            text = gzip.decompress(raw).decode("utf-8")
            self._text, self._start = text, self._skip_comments(text)
            self.load_seconds += time.perf_counter() - t0
        return self._text

    @staticmethod
    def _skip_comments(text: str) -> int:
        # Leading "# ..." lines describe the table; the search starts after them.
        start = 0
        while text.startswith("#", start):
            start = text.find("\n", start) + 1 or len(text)
        return start

    def _search(self, word: str) -> V | None:
        text = self.text()
        # lo and hi are always the starts of lines (or the end of the text).
        lo, hi = self._start, len(text)
        while lo < hi:
            mid = (lo + hi) // 2
            start = max(text.rfind("\n", lo, mid) + 1, lo)
            tab = text.find("\t", start)
            end = text.find("\n", tab)
            if end < 0:
                end = len(text)
            key = text[start:tab]
            if key == word:
                return self.parse(text[tab + 1 : end])
            if key < word:
                lo = end + 1
            else:
                hi = start
        return None


__all__ = ["SortedTable"]
