"""copydesk.spark.audit in Spark's local mode: the same reports as audit_many, row for row.

Needs pyspark (the extra ``spark``) and Java 17; without them the tests skip.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import copydesk
from copydesk.config.model import Config
from copydesk.dimensions import NAMES

from .corpus_helpers import records
from .report_helpers import PACK

pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("no Java for Spark", allow_module_level=True)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    # The Python workers run this interpreter (its pyarrow and copydesk), not `python3`.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    session = (
        SparkSession.builder.master("local[2]")
        .appName("copydesk-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        yield session
    finally:
        session.stop()


def test_spark_equals_audit_many(spark: Any) -> None:
    from copydesk import spark as cdspark

    rows = records(200)
    rows[7]["body"] = ""  # an error row, as audit_many gives
    df = spark.createDataFrame(rows).repartition(4)
    out = {r["id"]: r for r in (row.asDict(recursive=True) for row in cdspark.audit(df).collect())}
    assert len(out) == 200
    expected = list(copydesk.audit_many(rows, jobs=1))
    for row, report in zip(rows, expected, strict=True):
        got = out[row["id"]]
        assert got["outlet"] == row["outlet"] and got["date"] == row["date"]
        if isinstance(report, copydesk.AuditError):
            assert got["error"] == f"id {row['id']}: field 'body' is empty, nothing to audit"
            assert report.error.endswith(got["error"].split(": ", 1)[1]) and got["score"] is None
            continue
        assert got["score"] == report.score and got["grade"] == report.grade
        for name in NAMES:
            assert got[name] == report.dimensions[name].score
        assert got["findings"] == len(report.findings) == len(got["finding_list"])
        assert [(f["rule_id"], f["start"], f["end"], f["points"]) for f in got["finding_list"]] == [
            (f.rule_id, f.span.start, f.span.end, f.points) for f in report.findings
        ]


def test_spark_with_a_custom_pack_and_config(spark: Any) -> None:
    from copydesk import spark as cdspark

    rules = copydesk.load_rules([PACK], include_default=False)
    config = Config.model_validate({"rules": {"disable": ["rt.headline"]}})
    rows = records(12)
    results = cdspark.audit(spark.createDataFrame(rows), rules=rules, config=config).collect()
    expected = list(copydesk.audit_many(rows, rules=rules, config=config))
    assert [r["score"] for r in results] == [e.score for e in expected]
    assert all(f["rule_id"] != "rt.headline" for r in results for f in r["finding_list"])
    assert {f["rule_id"] for r in results for f in r["finding_list"]} <= {x.id for x in rules.rules}
