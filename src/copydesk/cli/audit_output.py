"""What `copydesk audit` writes: one row per article, and the writers and summary over rows.

A worker turns each report into a `Row` (the rendered output plus the few figures the
summary needs), so only small tuples cross back from worker processes; `Writer` streams
rows to stdout, a file or one file per article, and `Summary` keeps running figures in
bounded memory for the closing lines on stderr. The CSV columns loop over the dimension
registry (copydesk/dimensions.py). Outputs are data: CSV cells a spreadsheet would
evaluate are prefixed and the summary's labels escaped (copydesk.report.escape).
"""

from __future__ import annotations

import csv
import heapq
import inspect
import json
from collections import Counter
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from copydesk.cli.output_file import write_report_file
from copydesk.dimensions import NAMES
from copydesk.report.escape import csv_cell, printable

if TYPE_CHECKING:
    from copydesk.batch import AuditError, Meta
    from copydesk.parse.article import Article
    from copydesk.report.models import AuditReport

BATCH_FORMATS = ("jsonl", "csv")
# Tables written into -o DIR, one file per level (articles, findings), batch or not.
TABLE_FORMATS = ("parquet",)
# Formats whose per-article output can be concatenated on one stream.
STREAM_FORMATS = ("text", "md", "json", *BATCH_FORMATS)
CSV_COLUMNS = (
    "id",
    "source",
    "score",
    "grade",
    "words",
    *NAMES,
    "findings",
    *(f"{d}_findings" for d in NAMES),
    "in_quote_findings",
    "error",
)
_EXTENSIONS = {"html": "html", "sarif": "sarif", "md": "md", "text": "txt", "json": "json"}


# ------------------------------------------------------------------ worker side


class Row(NamedTuple):
    """What a worker sends back per article: small figures plus the rendered output."""

    # A tuple, not a frozen dataclass: generating one costs ~1 ms of every start-up.
    id: str | None
    source: str | None
    score: float | None  # None: not assessed (another language)
    grade: str
    rendered: str
    csv: tuple[Any, ...]
    rules: tuple[tuple[str, int], ...]  # findings per rule, in the outlet's voice
    # The article row and finding rows (copydesk.report.tables), when the output needs them.
    tables: tuple[dict[str, Any], list[dict[str, Any]]] | None = None


@cache
def _takes_text(fmt: str) -> bool:
    from copydesk.report.render import renderer

    try:
        return "text" in inspect.signature(renderer(fmt).render).parameters
    except (TypeError, ValueError):
        return False


def make_row(
    report: AuditReport, article: Article, *, fmt: str, color: bool, top_id: bool, tables: bool = False
) -> Row:
    """Runs in the worker: render the report and extract the figures the summary needs
    (and the table rows, for Parquet and the corpus page of an HTML batch)."""
    info = report.article
    if fmt == "jsonl":
        body = report.model_dump_json()
        rendered = '{"id":' + json.dumps(info.id) + "," + body[1:] + "\n"
    elif fmt in ("csv", *TABLE_FORMATS):
        rendered = ""
    else:
        from copydesk.report.render import renderer

        module = renderer(fmt)
        kwargs: dict[str, Any] = {"color": color}
        if _takes_text(fmt):
            kwargs["text"] = article.text
        rendered = module.render(report, **kwargs)
        if fmt == "json" and top_id:
            rendered = '{\n  "id": ' + json.dumps(info.id) + "," + rendered.lstrip()[1:]
    per_dim = {d: 0 for d in NAMES}
    rules: Counter[str] = Counter()
    in_quote = 0
    for f in report.findings:
        per_dim[f.dimension.value] = per_dim.get(f.dimension.value, 0) + 1
        if f.in_quote:
            in_quote += 1
        else:
            rules[f.rule_id] += 1
    dims = [
        "" if (d := report.dimensions.get(name)) is None or d.score is None else d.score for name in NAMES
    ]
    row = (
        info.id,
        info.source,
        "" if report.score is None else report.score,
        report.grade,
        info.words,
        *dims,
        len(report.findings),
        *(per_dim[d] for d in NAMES),
        in_quote,
        "",
    )
    table_rows = None
    if tables:
        from copydesk.report.tables import article_row, finding_rows

        table_rows = (article_row(report), finding_rows(report))
    return Row(
        info.id, info.source, report.score, report.grade, rendered, row, tuple(rules.items()), table_rows
    )


# ------------------------------------------------------------------ output


class Writer:
    """Writes rows in the chosen format as they arrive (nothing is collected)."""

    def __init__(
        self,
        fmt: str,
        out: IO[str] | None,
        folder: Path | None,
        batch: bool,
        *,
        by: str | None = None,
        over: str | None = None,
    ) -> None:
        self.fmt = fmt
        self.out = out
        self.folder = folder
        self.batch = batch
        self.count = 0
        self.names: set[str] = set()
        self.csv = csv.writer(out, lineterminator="\n") if fmt == "csv" and out else None
        if self.csv is not None:
            self.csv.writerow(CSV_COLUMNS)
        self.parquet: Any = None
        # An HTML batch also gets DIR/index.html: the corpus page, linking every report.
        self.corpus: Any = None
        self.by, self.over = by, over
        if fmt == "html" and folder is not None and batch:
            from copydesk.corpus import Corpus

            self.corpus = Corpus()
            self.names.add("index.html")
        if fmt == "parquet" and folder is not None:
            from copydesk.cli.parquet_out import ParquetTables

            self.parquet = ParquetTables(folder)

    def report(self, meta: Meta, row: Row) -> None:
        if self.parquet is not None:
            assert row.tables is not None
            article, found = row.tables
            self.parquet.add(_with_fields(article, meta), found)
        elif self.folder is not None:
            name = self._file(meta, row.rendered)
            if self.corpus is not None and row.tables is not None:
                article, found = row.tables
                self.corpus.add(_with_fields(article, meta), found, link=name)
        elif self.csv is not None:
            self.csv.writerow([csv_cell(cell) for cell in row.csv])
        elif self.fmt == "jsonl" and meta.fields and self.out is not None:
            self.out.write(_jsonl_with_fields(row.rendered, meta.fields))
        elif self.out is not None:
            self._stream(row.rendered)
        self.count += 1

    def error(self, meta: Meta, err: AuditError) -> None:
        if self.parquet is not None or self.corpus is not None:
            from copydesk.report.tables import article_row

            row = _with_fields(article_row(err), meta)
            if self.parquet is not None:
                self.parquet.add(row, [])
            else:
                self.corpus.add(row, [])
        elif self.csv is not None:
            blank = [""] * (len(CSV_COLUMNS) - 3)
            cells = [err.id or "", err.source or "", *blank, err.error]
            self.csv.writerow([csv_cell(cell) for cell in cells])
        elif self.fmt == "jsonl" and self.out is not None:
            record = error_record(err)
            if meta.fields:
                record["fields"] = dict(meta.fields)
            self.out.write(json.dumps(record, ensure_ascii=False) + "\n")
        elif self.fmt == "json" and self.batch and self.out is not None:
            self._stream(json.dumps(error_record(err), indent=2, ensure_ascii=False) + "\n")
        self.count += 1

    def _stream(self, text: str) -> None:
        assert self.out is not None
        if self.fmt == "json" and self.batch:
            self.out.write(("[\n" if self.count == 0 else ",\n") + text.rstrip("\n"))
        elif self.fmt in ("text", "md") and self.count:
            self.out.write("\n" + text)
        else:
            self.out.write(text)

    def _file(self, meta: Meta, text: str) -> str:
        assert self.folder is not None
        from copydesk.report.tables import report_file_name

        ext = _EXTENSIONS.get(self.fmt, self.fmt)
        name = report_file_name(meta.id, meta.source, meta.index, ext)
        if name in self.names:
            name = f"{name[: -len(ext) - 1]}-{meta.index}.{ext}"
        self.names.add(name)
        write_report_file(self.folder / name, text)
        return name

    def close(self) -> None:
        if self.parquet is not None:
            self.parquet.close()
        if self.corpus is not None and self.folder is not None:
            from copydesk.corpus import render_html

            figures = self.corpus.figures(by=self.by, over=self.over)
            write_report_file(self.folder / "index.html", render_html(figures))
        if self.out is None:
            return
        if self.fmt == "json" and self.batch:
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()


    def discard(self) -> None:
        """The run failed: leave no half-written table behind."""
        if self.parquet is not None:
            self.parquet.discard()


def _with_fields(article: dict[str, Any], meta: Meta) -> dict[str, Any]:
    if not meta.fields:
        return article
    from copydesk.report.tables import _with_fields as merged

    return merged(dict(article), {(f"{k}_input" if k in article else k): v for k, v in meta.fields})


def _jsonl_with_fields(line: str, fields: tuple[tuple[str, Any], ...]) -> str:
    """A report line with the input record's other fields after its id: {"id":..,"fields":{..},..}."""
    head, rest = line.split(',"schema_version"', 1)
    return head + ',"fields":' + json.dumps(dict(fields), ensure_ascii=False) + ',"schema_version"' + rest


def error_record(err: AuditError) -> dict[str, Any]:
    return {"id": err.id, "source": err.source, "line": err.line, "error": err.error}


# ------------------------------------------------------------------ summary


class Summary:
    # A plain class: a generated dataclass costs ~1 ms of every start-up.
    def __init__(self, keep: int = 5) -> None:
        self.keep = keep
        self.audited = 0
        self.errors = 0
        self.skipped = 0  # --resume: already in the output
        self.below = 0
        self.total = 0.0
        # Scores are rounded to 0.1, so a histogram gives the exact median in bounded memory.
        self.histogram = [0] * 1001
        self.worst: list[tuple[float, int, str]] = []
        self.rules: Counter[str] = Counter()
        self.rule_articles: Counter[str] = Counter()
        self.not_assessed = 0
        self.not_assessed_labels: list[str] = []

    def add(self, meta: Meta, row: Row, fail_under: float | None) -> None:
        if row.score is None:
            # Read but not scored: kept out of the score figures, named in the summary.
            self.not_assessed += 1
            if len(self.not_assessed_labels) < self.keep:
                self.not_assessed_labels.append(printable(row.id or row.source or f"item[{meta.index}]"))
            return
        self.audited += 1
        self.total += row.score
        self.histogram[max(0, min(1000, round(row.score * 10)))] += 1
        if fail_under is not None and row.score < fail_under:
            self.below += 1
        label = printable(row.id or row.source or f"item[{meta.index}]")
        entry = (-row.score, -meta.index, label)
        if len(self.worst) < self.keep:
            heapq.heappush(self.worst, entry)
        else:
            heapq.heappushpop(self.worst, entry)
        for rule_id, n in row.rules:
            self.rules[rule_id] += n
            self.rule_articles[rule_id] += 1

    def median(self) -> float | None:
        if not self.audited:
            return None
        # 0-based ranks of the middle score(s); two of them when the count is even.
        lo_rank, hi_rank = (self.audited - 1) // 2, self.audited // 2
        values: list[float] = []
        seen = 0
        for tenth, n in enumerate(self.histogram):
            while n and len(values) < 2:
                rank = (lo_rank, hi_rank)[len(values)]
                if rank < seen + n:
                    values.append(tenth / 10)
                else:
                    break
            seen += n
            if len(values) == 2:
                break
        return round(sum(values) / 2, 2)

    def render(self, fail_under: float | None, seconds: float) -> str:
        lines = []
        done = self.audited + self.not_assessed
        rate = f", {done / seconds:,.1f} per second" if seconds > 0 and done else ""
        head = f"{articles(self.audited)} audited in {seconds:,.1f} s{rate}"
        if self.errors:
            head += f"; {self.errors:,} could not be audited (listed above)"
        if self.skipped:
            head += f"; {self.skipped:,} already in the output (--resume)"
        if self.not_assessed:
            more = ", ..." if self.not_assessed > len(self.not_assessed_labels) else ""
            head += (
                f"; {self.not_assessed:,} not assessed, in a language the rule packs are not for "
                f"({', '.join(self.not_assessed_labels)}{more})"
            )
        lines.append(head)
        if self.audited:
            mean = self.total / self.audited
            lowest = -max(self.worst)[0] if self.worst else None
            stats = f"mean score {mean:.1f}, median {self.median():.1f}, lowest {lowest:.1f}"
            if fail_under is not None:
                stats += f"; {self.below:,} below --fail-under {fail_under:g}"
            lines.append(stats)
            worst = sorted(self.worst, reverse=True)
            lines.append("lowest scores: " + "; ".join(f"{-s:.1f} {label}" for s, _i, label in worst))
        if self.rules:
            top = self.rules.most_common(5)
            lines.append(
                "most frequent rules: "
                + "; ".join(f"{printable(r)} ({n:,} in {articles(self.rule_articles[r])})" for r, n in top)
            )
        return "".join(f"copydesk: {line}\n" for line in lines)


def articles(n: int) -> str:
    return f"{n:,} article" + ("" if n == 1 else "s")
