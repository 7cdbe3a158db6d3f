"""Audit a JSONL batch of articles and write a CSV summary, one row per article.

    python examples/pipeline/audit_batch.py examples/pipeline/sample.jsonl summary.csv --jobs 2

Each input line is a JSON object with an id, a headline (or title) and a body (or
text). Lines that cannot be audited (malformed JSON, no body, an empty body) get a
row with the error, and the batch goes on. The script streams: a ten-year archive
never sits in memory, and reports come back in input order.

The same summary, from the command line:
    copydesk audit sample.jsonl --format csv -o summary.csv
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

import copydesk
from copydesk.batch import AuditError
from copydesk.config.file import load_config
from copydesk.inputs import ReadOptions, iter_items

COLUMNS = [
    "id",
    "score",
    "grade",
    "loaded_language",
    "attribution",
    "headline",
    "focus",
    "findings",
    "top_rule",
    "error",
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch", type=Path, help="JSONL file of articles")
    parser.add_argument("summary", type=Path, help="CSV file to write")
    parser.add_argument("--jobs", type=int, default=0, help="worker processes (0: one per CPU)")
    args = parser.parse_args()

    # The settings next to the batch (copydesk.toml), as the command line would find them.
    config = load_config(cwd=args.batch.resolve().parent).config
    items = iter_items([str(args.batch)], ReadOptions(input_format="jsonl"))
    scores: list[float] = []
    rules: Counter[str] = Counter()
    with args.summary.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        # `items` here are copydesk's own input records; plain strings, Articles or
        # dicts with id / headline / body work too.
        for result in copydesk.audit_many(items, jobs=args.jobs, config=config):
            if isinstance(result, AuditError):
                writer.writerow([result.id, "", "", "", "", "", "", "", "", result.error])
                continue
            counts = Counter(f.rule_id for f in result.findings if not f.in_quote)
            rules.update(counts)
            scores.append(result.score)
            dims = [
                result.dimensions[d].score if d in result.dimensions else ""
                for d in ("loaded_language", "attribution", "headline", "focus")
            ]
            top = counts.most_common(1)[0][0] if counts else ""
            writer.writerow(
                [result.article.id, result.score, result.grade, *dims, len(result.findings), top, ""]
            )
    if scores:
        print(f"{len(scores)} articles, mean score {sum(scores) / len(scores):.1f}")
        print("most frequent rules:", ", ".join(f"{r} ({n})" for r, n in rules.most_common(3)))
    print(f"wrote {args.summary}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
