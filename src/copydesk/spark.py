"""Audit a Spark DataFrame: archives beyond one machine.

    >>> from copydesk import spark as cdspark
    >>> results = cdspark.audit(spark_df, body="body", headline="headline", id="id")
    >>> results.groupBy("outlet").avg("score").show()

``audit`` returns a Spark DataFrame with one row per input row: the input's other
columns (outlet, date, ...), then the article table's columns (copydesk.report.tables:
``score``, grade, a score per dimension, counts, readability, tone, sourcing, ``error``)
and ``finding_list``, the findings as an array of structs. It runs through
``mapInPandas`` (Arrow batches): the rule set is loaded and validated once on the driver,
shipped to the executors with the task, and each Python worker builds its engine once
(copydesk.speed keeps it in memory by the rule set's fingerprint), not once per row.
The same rules and config give exactly the reports ``copydesk.audit_many`` gives.

pyspark is the optional extra ``spark``: ``pip install "copydesk[spark]"``.
docs/scale.md: running it with spark-submit and on Databricks, and measured throughput.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from copydesk.report.tables import ARTICLE_COLUMNS, ARTICLE_TYPES

if TYPE_CHECKING:
    from copydesk.config.model import Config
    from copydesk.packs.loader import RuleSet

_SQL_TYPES = {"f": "double", "i": "bigint", "b": "boolean", "s": "string"}
FINDING_STRUCT = (
    "struct<rule_id:string,dimension:string,severity:string,points:double,in_quote:boolean,"
    "start:bigint,end:bigint,line:bigint,column:bigint,excerpt:string,message:string>"
)
_FINDING_FIELDS = ("rule_id", "dimension", "severity", "points", "in_quote", "start", "end", "line", "column",
                   "excerpt", "message")  # fmt: skip


_FROZEN = False  # this Python worker froze its long-lived objects out of the collector


def _pyspark() -> Any:
    try:
        import pyspark.sql
    except ImportError:
        raise ImportError('copydesk.spark needs pyspark: pip install "copydesk[spark]"') from None
    return pyspark.sql


def result_columns() -> list[tuple[str, str]]:
    """The audit's columns and their Spark SQL types (the id comes from the input)."""
    cols = [(name, _SQL_TYPES[ARTICLE_TYPES[name]]) for name in ARTICLE_COLUMNS if name != "id"]
    return [*cols, ("finding_list", f"array<{FINDING_STRUCT}>")]


def _auditor(
    body: str,
    headline: str | None,
    id: str,
    keep: list[str],
    renamed: dict[str, str],
    rules: Any,
    config: Any,
) -> Any:
    """The function mapInPandas runs on each executor: pandas batches in, result batches out."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        from copydesk.batch import _audit_one
        from copydesk.frame import _rows_of
        from copydesk.speed.cache import cached_engine
        from copydesk.speed.collector import collector_paused

        global _FROZEN
        with collector_paused():
            engine = cached_engine(rules, config)  # once per worker process: kept in memory
        if not _FROZEN:
            # As audit_many's workers do: the engine and tables live as long as the worker,
            # and a full collection rescanning them cost a third of each audit here.
            import gc

            gc.freeze()
            _FROZEN = True
        limit = config.max_article_chars
        names = [name for name, _ in result_columns()]
        for batch in batches:
            out: dict[str, list[Any]] = {renamed.get(c, c): batch[c].tolist() for c in keep}
            out[id] = [None if pd.isna(v) else str(v) for v in batch[id].tolist()]
            columns: dict[str, list[Any]] = {name: [] for name in names}
            bodies = batch[body].tolist()
            heads = batch[headline].tolist() if headline else [None] * len(bodies)
            for i, (b, h, ident) in enumerate(zip(bodies, heads, out[id], strict=True)):
                item: dict[str, Any] = {"body": b if isinstance(b, str) else ""}
                if isinstance(h, str):
                    item["headline"] = h
                if ident is not None:
                    item["id"] = ident
                result = _audit_one(engine, _rows_of, i, item, limit)
                if isinstance(result, tuple):
                    row, found = result
                else:  # an AuditError: named by the row's id, not its place in an Arrow batch
                    error, prefix = result.error, f"item[{i}]"
                    if error.startswith(prefix):
                        error = ("a row with no id" if ident is None else f"id {ident}") + error[
                            len(prefix) :
                        ]
                    row, found = {"error": error}, []
                for name in names[:-1]:
                    columns[name].append(row.get(name))
                columns["finding_list"].append([{k: f[k] for k in _FINDING_FIELDS} for f in found])
            out.update(columns)
            yield pd.DataFrame(out)

    return run


def audit(
    df: Any,
    *,
    body: str = "body",
    headline: str | None = "headline",
    id: str = "id",
    rules: RuleSet | None = None,
    config: Config | None = None,
) -> Any:
    """Audit every row of a Spark DataFrame (see the module's docstring)."""
    _pyspark()
    from copydesk.api import load_rules
    from copydesk.config.model import Config as ConfigModel

    config = config or ConfigModel()
    if rules is None:  # loaded here, once: a broken pack fails on the driver, not in every task
        rules = load_rules(config.packs, include_default=config.default_pack)
    fields = {f.name: f for f in df.schema.fields}
    for name, what in ((body, "body"), (id, "id")):
        if name not in fields:
            raise KeyError(
                f"copydesk.spark.audit: no column {name!r} for the {what} (columns: {', '.join(fields)})"
            )
    headline = headline if headline is not None and headline in fields else None
    audit_names = {name for name, _ in result_columns()}
    keep = [n for n in fields if n not in (body, headline, id)]
    renamed = {n: f"{n}_input" for n in keep if n in audit_names}
    kept = ", ".join(f"`{renamed.get(n, n)}` {fields[n].dataType.simpleString()}" for n in keep)
    audit_schema = ", ".join(f"`{n}` {t}" for n, t in result_columns())
    schema = ", ".join(x for x in (f"`{id}` string", kept, audit_schema) if x)
    fn = _auditor(body, headline, id, keep, renamed, rules, config)
    return df.mapInPandas(fn, schema)


__all__ = ["FINDING_STRUCT", "audit", "result_columns"]
