"""CSV / TSV batches: one record per row after a header row naming the columns.

Read strictly, so that nothing is lost without a word. A quote opened and never closed
used to swallow the rows after it into one field; the strict parser stops where the
quoting breaks, the record it started is an error item naming its line, and the lines
it had swallowed are read again as records of their own. A header that names a
column twice, and a header with no rows under it, are errors too.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections import deque
from collections.abc import Iterator
from typing import IO

from copydesk.inputs.decode import MAX_BYTES
from copydesk.inputs.items import Item, ReadOptions, error_item
from copydesk.inputs.records import RecordFields, guarded_item

__all__ = ["read_csv"]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _csv_text_lines(stream: IO[bytes], counter: list[int]) -> Iterator[str]:
    """Decode line by line; bad bytes become lone surrogates so the row can be refused."""
    first = True
    for raw in iter(lambda: stream.readline(MAX_BYTES + 1), b""):
        if first and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        first = False
        counter[0] += len(raw)
        yield raw.decode("utf-8", errors="surrogateescape")


class _Lines:
    """The physical lines handed to ``csv.reader``, kept for the record being read, so
    that the lines a broken record swallowed can be handed out again."""

    def __init__(self, source: Iterator[str]) -> None:
        self.source = source
        self.again: deque[str] = deque()
        self.taken: list[str] = []
        self.number = 0  # lines handed out so far: the last line of the record read

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = self.again.popleft() if self.again else next(self.source)
        self.taken.append(line)
        self.number += 1
        return line

    def give_back(self, lines: list[str]) -> None:
        self.again.extendleft(reversed(lines))
        self.number -= len(lines)


def read_csv(stream: IO[bytes], path: str, options: ReadOptions, *, delimiter: str = ",") -> Iterator[Item]:
    """One item per record after the header row; a bad record is an error item."""
    fields = RecordFields(options)
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    consumed = [0]
    source: Iterator[str]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        source = iter(io.TextIOWrapper(stream, encoding="utf-16", newline=""))  # type: ignore[type-var]
    else:
        source = _csv_text_lines(stream, consumed)
    csv.field_size_limit(MAX_BYTES)
    lines = _Lines(source)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    header: list[str] | None = None
    header_line = 0
    records = 0
    while True:
        start_line = lines.number + 1
        before = consumed[0]
        lines.taken = []
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            taken = lines.taken
            if len(taken) <= 1:
                # A stray quote within one line: the lenient reading it always had.
                try:
                    row = next(csv.reader(taken, delimiter=delimiter))
                except (csv.Error, StopIteration):
                    yield error_item(path, start_line, f"malformed CSV ({exc})", size=consumed[0] - before)
                    continue
            else:
                lines.give_back(taken[1:])
                reader = csv.reader(lines, delimiter=delimiter, strict=True)
                records += 1
                yield error_item(
                    path,
                    start_line,
                    f"malformed CSV ({exc}): a quote opened on this line is not closed where it "
                    f"should be; lines {start_line + 1}-{start_line + len(taken) - 1} are read again "
                    "as records of their own",
                    size=consumed[0] - before,
                )
                continue
        except UnicodeDecodeError:
            yield error_item(path, start_line, "invalid UTF-16 text; the rest of the file is skipped")
            return
        size = consumed[0] - before
        if not row or all(not cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            header_line = start_line
            if any(_SURROGATE.search(c) or "\x00" in c for c in header):
                yield error_item(path, start_line, "the header row is not UTF-8 text (binary data?)")
                return
            named = [c for c in header if c]
            twice = sorted({c for c in named if named.count(c) > 1})
            if twice:
                columns = ", ".join(repr(c) for c in twice)
                yield error_item(path, start_line, f"the header names {columns} more than once")
                return
            continue
        records += 1
        if any("\x00" in c for c in row) or any(_SURROGATE.search(c) for c in row):
            yield error_item(path, start_line, "not UTF-8 text (binary data?)", size=size)
            continue
        if len(row) > len(header):
            yield error_item(
                path, start_line, f"{len(row)} fields but the header names {len(header)}", size=size
            )
            continue
        record = dict(zip(header, row, strict=False))  # short rows: missing fields
        yield guarded_item(fields, record, path, start_line, size)
    if header is None:
        yield error_item(path, None, "no header row (CSV files need one naming the columns)")
    elif not records:
        yield error_item(path, header_line, "a header row and no records under it, nothing to audit")
