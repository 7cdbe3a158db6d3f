"""pandas tables of audits: ``to_frame(reports)`` and ``audit_frame(df)``.

    >>> articles = copydesk.audit_frame(df, body="body", headline="headline", id="id", jobs=2)
    >>> articles.groupby("outlet")["score"].mean()
    >>> findings = copydesk.to_frame(reports, level="findings")

pandas (and pyarrow, for Parquet) are the optional extra ``frame``:
``pip install "copydesk[frame]"``. The columns are those of
:mod:`copydesk.report.tables` (docs/pipelines.md, "Tables").
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copydesk.report.tables import (
    ARTICLE_COLUMNS,
    ARTICLE_TYPES,
    FINDING_COLUMNS,
    FINDING_TYPES,
    article_row,
    audits_of,
    finding_rows,
)

if TYPE_CHECKING:
    import pandas as pd

    from copydesk.config.model import Config
    from copydesk.packs.loader import RuleSet

LEVELS = ("articles", "findings")


def pandas() -> Any:
    """The pandas module, or an ImportError that names the extra to install."""
    try:
        import pandas as pd
    except ImportError:
        raise ImportError(
            'copydesk\'s tables need pandas: pip install "copydesk[frame]" (pandas and pyarrow)'
        ) from None
    return pd


def _check_level(level: str) -> None:
    if level not in LEVELS:
        raise ValueError(f"level must be 'articles' or 'findings', got {level!r}")


def _typed(pd: Any, rows: list[dict[str, Any]], columns: tuple[str, ...], types: dict[str, str]) -> Any:
    """A DataFrame with the table's columns first (then any extra ones) in stable dtypes:
    integers that may be missing are nullable ``Int64``, booleans ``boolean``."""
    names = list(columns)
    extra: dict[str, None] = {}
    for row in rows:
        for key in row:
            if key not in types:
                extra[key] = None
    frame = pd.DataFrame.from_records(rows, columns=[*names[:1], *extra, *names[1:]])
    for name in names:
        kind = types[name]
        if kind == "i":
            frame[name] = frame[name].astype("Int64")
        elif kind == "b":
            frame[name] = frame[name].astype("boolean")
        elif kind == "f":
            frame[name] = pd.to_numeric(frame[name], errors="coerce").astype("float64")
    return frame


def to_frame(reports: Iterable[Any] | str | Path, level: str = "articles") -> pd.DataFrame:
    """A DataFrame of audits: one row per article (``level="articles"``) or per finding
    (``level="findings"``).

    ``reports`` is an iterable of :class:`~copydesk.AuditReport` (an ``audit_many``
    result, errors included), of JSON records as ``copydesk audit --format jsonl``
    writes them, or the path of such a JSONL file. Article rows carry the id, the
    overall ``score`` and grade, a column per dimension, counts, readability, tone and
    sourcing figures, any ``fields`` the input record carried, and ``error`` for an
    item that could not be audited. Finding rows carry the article id, the finding's
    position (``finding``), rule, dimension, severity, points, span (``start``,
    ``end``, ``line``, ``column``), ``excerpt`` and ``in_quote``.
    """
    _check_level(level)
    pd = pandas()
    rows: list[dict[str, Any]] = []
    for audit in audits_of(reports):
        if level == "articles":
            rows.append(article_row(audit.report, audit.fields))
        else:
            rows.extend(finding_rows(audit.report))
    if level == "articles":
        return _typed(pd, rows, ARTICLE_COLUMNS, ARTICLE_TYPES)
    return _typed(pd, rows, FINDING_COLUMNS, FINDING_TYPES)


# ------------------------------------------------------------------ audit_frame


def _rows_of(report: Any, article: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Runs in the worker: only the two rows cross back, not the whole report."""
    return article_row(report), finding_rows(report)


def _missing(pd: Any, value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array in a cell: not missing
        return False


def _items(pd: Any, df: Any, body: str, headline: str | None, id: str | None) -> Iterator[Mapping[str, Any]]:
    bodies = df[body].tolist()
    headlines = df[headline].tolist() if headline else [None] * len(bodies)
    ids = df[id].tolist() if id else [str(label) for label in df.index]
    for b, h, i in zip(bodies, headlines, ids, strict=True):
        item: dict[str, Any] = {"body": "" if _missing(pd, b) else b}
        if not _missing(pd, h):
            item["headline"] = h
        if not _missing(pd, i):
            item["id"] = str(i)
        yield item


def audit_frame(
    df: pd.DataFrame,
    *,
    body: str = "body",
    headline: str | None = "headline",
    id: str | None = "id",
    jobs: int = 1,
    level: str = "articles",
    rules: RuleSet | None = None,
    config: Config | None = None,
) -> pd.DataFrame:
    """Audit every row of ``df`` and return the article table joined to its other columns.

    ``body`` (and ``headline``, ``id``, when ``df`` has them) name the columns to audit;
    without an ``id`` column the index labels are the ids. The result has ``df``'s index
    and its other columns (outlet, date, section, ...) first, then the article table's
    columns (:func:`to_frame`); an input column named like one of those is kept with the
    suffix ``_input``. A row that cannot be audited (an empty body) has ``error`` set and
    no scores. ``level="findings"`` gives one row per finding instead, with the input's
    other columns of its article. ``jobs`` is the number of worker processes (``0``: one
    per CPU), as for :func:`copydesk.audit_many`.
    """
    from copydesk.batch import AuditError, map_audits

    _check_level(level)
    pd = pandas()
    if body not in df.columns:
        names = ", ".join(map(str, df.columns))
        raise KeyError(f"audit_frame: no column {body!r} for the body (columns: {names})")
    headline = headline if headline is not None and headline in df.columns else None
    id = id if id is not None and id in df.columns else None
    articles: list[dict[str, Any]] = []
    findings: list[dict[str, Any]] = []
    positions: list[int] = []
    results = map_audits(_items(pd, df, body, headline, id), _rows_of, jobs=jobs, rules=rules, config=config)
    for meta, result in results:
        if isinstance(result, AuditError):
            row = article_row(result)
            row["id"] = meta.id
            articles.append(row)
            continue
        row, found = result
        articles.append(row)
        findings.extend(found)
        positions.extend([meta.index] * len(found))
    others = df.drop(columns=[c for c in (body, headline) if c is not None])
    if level == "articles":
        table = _typed(pd, articles, ARTICLE_COLUMNS, ARTICLE_TYPES)
        table.index = df.index
        if id is not None:
            table = table.drop(columns=["id"])  # the input's own id column, with its dtype
        return _joined(others, table)
    table = _typed(pd, findings, FINDING_COLUMNS, FINDING_TYPES)
    if id is not None:
        table = table.drop(columns=["id"])
    left = others.iloc[positions]  # the input row of each finding (its index label repeats)
    table.index = left.index
    return _joined(left, table)


def _joined(left: Any, right: Any) -> Any:
    pd = pandas()
    clash = [c for c in left.columns if c in right.columns]
    if clash:
        left = left.rename(columns={c: f"{c}_input" for c in clash})
    return pd.concat([left, right], axis=1)


__all__ = ["LEVELS", "audit_frame", "pandas", "to_frame"]
