"""The word lists shipped in ``copydesk/data``, loaded once per process.

Domain tables (stopwords, demonyms, UK/US spellings, titles, synonyms, place words ...)
are plain text so a reader can review and extend them without reading code: one entry a
line, fields separated by a tab, and lines starting with ``#`` are comments (each file's
header says what it holds and who reads it). The large gzipped word tables
(``wordfreq_en.tsv.gz``, ``syllables.tsv.gz``) are searched lazily by
:class:`copydesk.speed.sortedtable.SortedTable` instead.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from copydesk.speed.sortedtable import SortedTable

__all__ = ["mapping", "rows", "tagged", "word_frequencies", "words", "zipf_value"]


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The entries of ``data/<name>`` in file order, each split on tabs."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return tuple(
        tuple(line.split("\t")) for line in text.splitlines() if line.strip() and not line.startswith("#")
    )


@cache
def words(name: str) -> frozenset[str]:
    """A one-word-a-line list (the first field of each entry)."""
    return frozenset(row[0] for row in rows(name))


@cache
def mapping(name: str) -> dict[str, str]:
    """A two-column table as a dict (a key listed twice keeps its last value)."""
    return {key: value for key, value in rows(name)}


@cache
def tagged(name: str, tag: str) -> frozenset[str]:
    """Entries of a ``word<TAB>tag,tag`` table that carry ``tag`` (titles.tsv: name, abbrev)."""
    return frozenset(row[0] for row in rows(name) if tag in row[1].split(","))


def zipf_value(field: str) -> float:
    """A ``wordfreq_en.tsv.gz`` value: Zipf frequency x 100 as an integer."""
    return int(field) / 100.0


@cache
def word_frequencies() -> SortedTable[float]:
    """The Zipf frequency table (``wordfreq_en.tsv.gz``), one per process: read by
    ``analysis.terms.words`` and by ``parse.normalize`` (is a hyphenated word one word?)."""
    from copydesk.speed.sortedtable import SortedTable

    return SortedTable("data/wordfreq_en.tsv.gz", zipf_value)
