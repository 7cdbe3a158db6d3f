"""Audit a small corpus as a data team would: a DataFrame in, two tables and a corpus page out.

    python examples/corpus.py                      # 1,000 rows; output in a temporary folder
    python examples/corpus.py --rows 200 --jobs 2 --out corpus-x

Needs the extra `frame` (pip install ".[frame]"). The corpus is the example articles,
repeated, each row given an outlet and a date, so the page has groups and a trend.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pandas as pd

import copydesk
from copydesk.corpus import render_html

HERE = Path(__file__).resolve().parent
OUTLETS = ("Daily Ledger", "Harbour Times", "Metro Wire")


def corpus(rows: int) -> pd.DataFrame:
    texts = [p.read_text(encoding="utf-8") for p in sorted(HERE.glob("*.md"))]
    records = []
    for i in range(rows):
        article = copydesk.Article.from_text(texts[i % len(texts)])
        records.append(
            {
                "id": f"art-{i:05d}",
                "outlet": OUTLETS[(i // len(texts)) % len(OUTLETS)],
                "date": f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
                "headline": article.headline,
                "body": article.body,
            }
        )
    return pd.DataFrame(records)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="copydesk-corpus-"))
    out.mkdir(parents=True, exist_ok=True)

    df = corpus(args.rows)
    started = time.perf_counter()
    articles = copydesk.audit_frame(df, jobs=args.jobs)
    seconds = time.perf_counter() - started
    rate = len(df) / seconds
    print(f"audit_frame: {len(df):,} rows in {seconds:.1f} s ({rate:,.0f} rows/s, jobs={args.jobs})")
    print(articles.groupby("outlet")[["score", "loaded_language", "attribution"]].mean().round(1))

    findings = copydesk.audit_frame(df, level="findings", jobs=args.jobs)
    print(findings.groupby("rule_id")["points"].sum().sort_values(ascending=False).head(5).round(1))

    articles.to_csv(out / "articles.csv", index=False)
    findings.to_csv(out / "findings.csv", index=False)
    figures = copydesk.summarize(articles, findings=findings, by="outlet", over="date")
    (out / "corpus.html").write_text(render_html(figures), encoding="utf-8")
    print(f"wrote {out / 'articles.csv'}, {out / 'findings.csv'} and {out / 'corpus.html'}")


if __name__ == "__main__":
    main()
