"""copydesk.spark.audit against audit_many on the same articles: articles per second.

    python bench/spark.py                 # 2,000 articles; local[1], local[2]; audit_many jobs 1, 2
    python bench/spark.py --n 500

The articles are the FNC-1 development bodies (../shared/data/fnc1-dev/bodies.jsonl),
repeated to N with ids of their own. Spark's time is that of the action that audits
(``count()`` of the cached result after a warm-up run on a few rows, so the session's
start-up and the Python workers' start are not counted; each task still builds its
engine once per worker process). audit_many's is the whole generator. Both audit the
same articles with the default pack and give the same scores (checked here).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

import copydesk

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fnc1-dev" / "bodies.jsonl"


def articles(n: int, data: Path = DATA) -> list[dict[str, Any]]:
    bodies = [json.loads(line) for line in data.open(encoding="utf-8") if line.strip()]
    return [
        {"id": f"a{i:06d}", "outlet": f"outlet-{i % 5}", "body": bodies[i % len(bodies)]["body"]}
        for i in range(n)
    ]


def bench_many(rows: list[dict[str, Any]], jobs: int) -> tuple[float, dict[str, float | None]]:
    started = time.perf_counter()
    scores = {r.article.id: r.score for r in copydesk.audit_many(rows, jobs=jobs) if hasattr(r, "score")}
    return time.perf_counter() - started, scores


def bench_spark(rows: list[dict[str, Any]], cores: int) -> tuple[float, dict[str, float | None]]:
    from pyspark.sql import SparkSession

    from copydesk import spark as cdspark

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # the workers run this interpreter
    session = (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("copydesk-bench")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    try:
        df = session.createDataFrame(rows).repartition(cores * 4).cache()
        df.count()
        cdspark.audit(df.limit(cores * 4)).count()  # warm-up: Python workers started
        started = time.perf_counter()
        result = cdspark.audit(df).select("id", "score").collect()
        seconds = time.perf_counter() - started
        return seconds, {r["id"]: r["score"] for r in result}
    finally:
        session.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--data", type=Path, default=DATA, help="a JSONL file of {'body': ...} records")
    args = parser.parse_args()
    rows = articles(args.n, args.data)
    list(copydesk.audit_many(rows[:5]))  # load the rules outside the timing
    print("| run | N | art/s | seconds |\n|---|---:|---:|---:|")
    reference: dict[str, float | None] | None = None
    for label, run in (
        ("audit_many --jobs 1", lambda: bench_many(rows, 1)),
        ("audit_many --jobs 2", lambda: bench_many(rows, 2)),
        ("spark local[1]", lambda: bench_spark(rows, 1)),
        ("spark local[2]", lambda: bench_spark(rows, 2)),
    ):
        seconds, scores = run()
        if reference is None:
            reference = scores
        assert scores == reference, f"{label}: scores differ from audit_many"
        print(f"| {label} | {args.n:,} | {args.n / seconds:,.1f} | {seconds:,.1f} |", flush=True)


if __name__ == "__main__":
    main()
