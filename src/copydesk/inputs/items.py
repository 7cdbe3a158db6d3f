"""What the input readers hand on: an :class:`Item` per article (or per unreadable one),
the :class:`ReadOptions` that steer them, and :class:`InputError`.

A bad input never raises out of the batch readers: it becomes an error item whose
message is one line naming the file (and line), and the rest of the batch goes on.
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["InputError", "Item", "ReadOptions", "error_item"]


class InputError(Exception):
    """An input that cannot be audited; ``str()`` is one line naming the file (and row)."""


class Item(NamedTuple):
    """One article to audit, or the reason one could not be read.

    ``kind`` says how a worker turns it into an :class:`Article`: ``text`` (plain text or
    Markdown in ``text``), ``html`` (a page in ``text``), ``fields`` (``headline`` and
    ``body`` from a record) or ``error`` (``error`` holds a one-line message).
    """

    # A tuple, not a frozen dataclass: generating one costs ~1 ms of every start-up.

    path: str  # the file, or "<stdin>"
    kind: str = "text"
    id: str | None = None
    line: int | None = None  # 1-based line of the record in a JSONL / CSV file
    text: str | None = None
    headline: str | None = None
    body: str | None = None
    error: str | None = None
    size: int = 0  # bytes of input this item consumed (drives the progress bar)
    # A record's other fields (outlet, date, ...: scalars only), carried to the JSONL
    # and Parquet outputs so that a corpus report can group by them.
    fields: tuple[tuple[str, str | int | float | bool | None], ...] = ()

    @property
    def where(self) -> str:
        """``path:line`` for a record, the path for a whole file."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


class ReadOptions(NamedTuple):
    """How to find articles in the inputs (the CLI's --glob, --*-field, --input-format)."""

    # A tuple, not a frozen dataclass: generating one costs ~1 ms of every start-up.
    globs: tuple[str, ...] = ()
    id_field: str | None = None
    headline_field: str | None = None
    body_field: str | None = None
    input_format: str = "auto"
    # Files and folders to leave out of folder walks (the output file or folder itself).
    exclude: frozenset[str] = frozenset()
    # Whether messages may point at the CLI's --*-field options.
    cli_hints: bool = True


def error_item(path: str, line: int | None, message: str, *, id: str | None = None, size: int = 0) -> Item:
    """An error item whose message names ``path`` (and ``line``) before ``message``."""
    where = path if line is None else f"{path}:{line}"
    return Item(path, kind="error", id=id or where, line=line, error=f"{where}: {message}", size=size)
