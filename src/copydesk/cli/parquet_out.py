"""`copydesk audit --format parquet -o DIR`: DIR/articles.parquet and DIR/findings.parquet.

The two tables of copydesk.report.tables, streamed in row groups (memory stays bounded
whatever the batch's size), each written to a temporary file and renamed into place when
the run ends, like every other output. The input records' other fields (outlet, date)
become string columns of the article table, named as they are in the first row group
(fields first seen later are left out). pyarrow is the optional extra ``frame``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from copydesk.cli.output_file import OutputError
from copydesk.report.tables import ARTICLE_COLUMNS, ARTICLE_TYPES, FINDING_COLUMNS, FINDING_TYPES

ROW_GROUP = 10_000
MISSING_EXTRA = 'the parquet format needs pyarrow: pip install "copydesk[frame]"'


def available() -> bool:
    try:
        import pyarrow.parquet  # noqa: F401
    except ImportError:
        return False
    return True


def _arrow_type(pa: Any, kind: str) -> Any:
    return {"f": pa.float64(), "i": pa.int64(), "b": pa.bool_(), "s": pa.string()}[kind]


class _Table:
    def __init__(self, folder: Path, name: str, columns: tuple[str, ...], types: dict[str, str]) -> None:
        self.path = folder / name
        if self.path.is_symlink():
            raise OutputError(f"{self.path}: is a symbolic link; copydesk does not write through links")
        self.columns = columns
        self.types = types
        self.rows: list[dict[str, Any]] = []
        self.schema: Any = None
        self.writer: Any = None
        fd, self.temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(fd, 0o666 & ~umask)  # as any other output, not mkstemp's 0600
        os.close(fd)

    def add(self, row: dict[str, Any]) -> None:
        self.rows.append(row)
        if len(self.rows) >= ROW_GROUP:
            self.flush()

    def _make_schema(self) -> Any:
        import pyarrow as pa

        extra: dict[str, None] = {}
        for row in self.rows:
            for key in row:
                if key not in self.types:
                    extra[key] = None
        names = [self.columns[0], *extra, *self.columns[1:]]
        return pa.schema([(n, _arrow_type(pa, self.types.get(n, "s"))) for n in names])

    def flush(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self.schema is None:
            self.schema = self._make_schema()
            self.writer = pq.ParquetWriter(self.temp, self.schema)
        if not self.rows:
            return
        fixed = set(self.types)
        data: dict[str, list[Any]] = {}
        for field in self.schema:
            values = [row.get(field.name) for row in self.rows]
            if field.name not in fixed:  # an input field: text, whatever JSON type it had
                values = [None if v is None else str(v) for v in values]
            data[field.name] = values
        self.writer.write_table(pa.Table.from_pydict(data, schema=self.schema))
        self.rows = []

    def commit(self) -> None:
        self.flush()
        self.writer.close()
        os.replace(self.temp, self.path)

    def discard(self) -> None:
        with contextlib.suppress(Exception):
            if self.writer is not None:
                self.writer.close()
        with contextlib.suppress(OSError):
            os.unlink(self.temp)


class ParquetTables:
    """The article and finding tables of a run, written as rows arrive."""

    def __init__(self, folder: Path) -> None:
        self.articles = _Table(folder, "articles.parquet", ARTICLE_COLUMNS, ARTICLE_TYPES)
        self.findings = _Table(folder, "findings.parquet", FINDING_COLUMNS, FINDING_TYPES)

    def add(self, article: dict[str, Any], findings: list[dict[str, Any]]) -> None:
        self.articles.add(article)
        for row in findings:
            self.findings.add(row)

    def close(self) -> None:
        try:
            self.articles.commit()
            self.findings.commit()
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.articles.discard()
        self.findings.discard()


__all__ = ["MISSING_EXTRA", "ParquetTables", "available"]
