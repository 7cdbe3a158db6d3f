"""Reports as table rows: one row per article, one per finding (plain dicts, no pandas).

The article and finding tables that ``copydesk.to_frame``, ``copydesk.audit_frame``,
``copydesk audit --format parquet`` and the corpus report (``copydesk summarize``) share.
The column lists loop over the dimension registry, like the CSV columns do.

``read_audits(path)`` reads what ``copydesk audit --format jsonl`` wrote: report records
(with the input's ``id``, and the input record's other fields under ``fields``) and
error records.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from copydesk.dimensions import NAMES

ARTICLE_COLUMNS: tuple[str, ...] = (
    "id",
    "source",
    "headline_text",
    "language",
    "assessed",
    "score",
    "grade",
    *NAMES,
    "words",
    "sentences",
    "paragraphs",
    "findings",
    *(f"{d}_findings" for d in NAMES),
    "in_quote_findings",
    "points",
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "words_per_sentence",
    "tone_headline",
    "tone_body",
    "claims",
    "claims_named",
    "claims_vague",
    "claims_unsourced",
    "named_share",
    "direct_quotes",
    "quoted_share",
    "error",
)

FINDING_COLUMNS: tuple[str, ...] = (
    "id",
    "finding",
    "rule_id",
    "dimension",
    "severity",
    "points",
    "in_quote",
    "start",
    "end",
    "line",
    "column",
    "excerpt",
    "message",
    "suggestion",
    "category",
)

# Types for Arrow/Parquet (and pandas): "f" float, "i" integer, "b" boolean, "s" string.
ARTICLE_TYPES: dict[str, str] = {
    **dict.fromkeys(ARTICLE_COLUMNS, "f"),
    **dict.fromkeys(("id", "source", "headline_text", "language", "grade", "error"), "s"),
    "assessed": "b",
    **dict.fromkeys(
        (
            "words",
            "sentences",
            "paragraphs",
            "findings",
            *(f"{d}_findings" for d in NAMES),
            "in_quote_findings",
            "claims",
            "claims_named",
            "claims_vague",
            "claims_unsourced",
            "direct_quotes",
        ),
        "i",
    ),
}
FINDING_TYPES: dict[str, str] = {
    **dict.fromkeys(FINDING_COLUMNS, "s"),
    "finding": "i",
    "points": "f",
    "in_quote": "b",
    "start": "i",
    "end": "i",
    "line": "i",
    "column": "i",
}


def article_row(report: Any, fields: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """One article's row: the report's figures, and ``fields`` (the input's other columns)
    after the id. ``report`` is an AuditReport or an AuditError (a row with ``error`` set)."""
    row: dict[str, Any] = dict.fromkeys(ARTICLE_COLUMNS)
    # An input field named like a column of the table keeps its value as <name>_input.
    meta = {(f"{k}_input" if str(k) in row else str(k)): v for k, v in (fields or {}).items()}
    if not hasattr(report, "findings"):  # AuditError
        row.update(id=report.id, source=report.source, error=report.error)
        return _with_fields(row, meta)
    a = report.article
    row.update(
        id=a.id,
        source=a.source,
        headline_text=a.headline,
        language=a.language,
        assessed=report.assessed,
        score=report.score,
        grade=report.grade,
        words=a.words,
        sentences=a.sentences,
        paragraphs=a.paragraphs,
        findings=len(report.findings),
    )
    for name in NAMES:
        d = report.dimensions.get(name)
        row[name] = None if d is None else d.score
        row[f"{name}_findings"] = 0
    in_quote = 0
    points = 0.0
    for f in report.findings:
        key = f"{f.dimension.value}_findings"
        row[key] = (row.get(key) or 0) + 1
        in_quote += f.in_quote
        points += f.points
    row["in_quote_findings"] = in_quote
    row["points"] = round(points, 4)
    read = report.metrics.readability
    row.update(
        flesch_reading_ease=read.flesch_reading_ease,
        flesch_kincaid_grade=read.flesch_kincaid_grade,
        words_per_sentence=read.words_per_sentence,
        tone_headline=report.metrics.tone.headline,
        tone_body=report.metrics.tone.body_mean,
    )
    s = report.metrics.sourcing
    if s is not None:
        row.update(
            claims=s.claims,
            claims_named=s.claims_named,
            claims_vague=s.claims_vague,
            claims_unsourced=s.claims_unsourced,
            named_share=s.named_share,
            direct_quotes=s.direct_quotes,
            quoted_share=s.quoted_share,
        )
    return _with_fields(row, meta)


def _with_fields(row: dict[str, Any], meta: dict[str, Any]) -> dict[str, Any]:
    if not meta:
        return row
    out = {"id": row.pop("id")}
    out.update(meta)
    out.update(row)
    return out


def finding_rows(report: Any) -> list[dict[str, Any]]:
    """One row per finding of a report (none for an AuditError), in position order."""
    if not hasattr(report, "findings"):
        return []
    article_id = report.article.id
    return [
        {
            "id": article_id,
            "finding": i,
            "rule_id": f.rule_id,
            "dimension": f.dimension.value,
            "severity": f.severity.value,
            "points": f.points,
            "in_quote": f.in_quote,
            "start": f.span.start,
            "end": f.span.end,
            "line": f.line,
            "column": f.column,
            "excerpt": f.excerpt,
            "message": f.message,
            "suggestion": f.suggestion,
            "category": f.category,
        }
        for i, f in enumerate(report.findings)
    ]


def report_file_name(article_id: str | None, source: str | None, index: int, ext: str) -> str:
    """The file name of an article's report in ``-o DIR`` (letters, digits, ``._-``)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", article_id or source or f"item-{index}")
    stem = stem.strip("._")[:150] or f"item-{index}"
    return f"{stem}.{ext}"


# ------------------------------------------------------------------ reading audits


class Audit:
    """A report (or an error) read back, with the input's id and other fields."""

    __slots__ = ("fields", "report")

    def __init__(self, report: Any, fields: Mapping[str, Any] | None = None) -> None:
        self.report = report
        self.fields = dict(fields or {})


def as_audit(item: Any) -> Audit:
    """An AuditReport, an AuditError, an ``Audit``, or a JSON record as ``copydesk audit
    --format jsonl`` writes it (a report with ``id`` and ``fields``, or an error record)."""
    if isinstance(item, Audit):
        return item
    if hasattr(item, "findings") or (hasattr(item, "error") and not isinstance(item, Mapping)):
        return Audit(item)
    if isinstance(item, Mapping):
        record = dict(item)
        fields = record.pop("fields", None) or {}
        if "error" in record and "article" not in record:
            from copydesk.batch import AuditError

            return Audit(
                AuditError(
                    index=int(record.get("index") or 0),
                    id=None if record.get("id") is None else str(record["id"]),
                    source=record.get("source"),
                    line=record.get("line"),
                    error=str(record["error"]),
                ),
                fields,
            )
        record_id = record.pop("id", None)
        from copydesk.report.models import AuditReport

        report = AuditReport.model_validate(record)
        if record_id is not None and report.article.id is None:
            report.article.id = str(record_id)
        return Audit(report, fields if isinstance(fields, Mapping) else {})
    raise TypeError(f"expected an AuditReport, an AuditError or a JSON record, got {type(item).__name__}")


def read_audits(path: str | Path) -> Iterator[Audit]:
    """The records of a JSONL file of audits (``copydesk audit --format jsonl -o FILE``)."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{number}: not a JSON line ({exc.msg})") from None
            if not isinstance(record, dict):
                raise ValueError(f"{path}:{number}: not a JSON object")
            try:
                yield as_audit(record)
            except ValueError as exc:  # pydantic's ValidationError
                first = str(exc).splitlines()[0]
                raise ValueError(f"{path}:{number}: not a copydesk report ({first})") from None


def audits_of(items: Iterable[Any] | str | Path) -> Iterator[Audit]:
    """Audits from a JSONL path or from an iterable of reports, errors or records."""
    if isinstance(items, (str, Path)):
        yield from read_audits(items)
        return
    for item in items:
        yield as_audit(item)


__all__ = [
    "ARTICLE_COLUMNS",
    "ARTICLE_TYPES",
    "FINDING_COLUMNS",
    "FINDING_TYPES",
    "Audit",
    "article_row",
    "as_audit",
    "audits_of",
    "finding_rows",
    "read_audits",
    "report_file_name",
]
