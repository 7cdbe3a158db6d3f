"""One digest of every report over a fixed corpus, in every output format.

    python bench/digest.py [--per-article]

The contract for refactors and speed work: the digest before and after a change
must be the same. The corpus is every FNC-1 dev body with its first and last
headline (../shared/data/fnc1-dev, skipped when absent), the desk-set articles
(../shared/deskset), the examples and the golden test articles. Every report is
rendered as JSON, Markdown, text, HTML, SARIF and a CSV row, so a change to any
renderer shows too. Prints the count and one SHA-256; with --per-article, one line
per article so two runs can be diffed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def corpus() -> list[tuple[str, object]]:
    from copydesk import Article

    items: list[tuple[str, object]] = []
    fnc = SHARED / "data" / "fnc1-dev"
    if (fnc / "bodies.jsonl").exists():
        heads: dict[int, list[str]] = {}
        for line in (fnc / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            heads.setdefault(row["body_id"], []).append(row["headline"])
        for line in (fnc / "bodies.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            options = heads.get(row["body_id"], [""])
            for k, headline in enumerate(dict.fromkeys([options[0], options[-1]])):
                items.append((f"fnc-{row['body_id']}-{k}", Article(headline=headline, body=row["body"])))
    for folder in (SHARED / "deskset", ROOT / "examples", ROOT / "tests" / "data" / "golden"):
        for path in sorted(folder.glob("*.md")):
            items.append((f"{folder.name}/{path.stem}", path.read_text(encoding="utf-8")))
    return items


FORMATS = ("json", "jsonl", "md", "text", "html", "sarif", "csv")


def renders(item: object) -> list[str]:
    """The report as the CLI writes it in every format (the CSV row as its repr)."""
    import copydesk
    from copydesk.cli.audit_output import make_row

    article = item if isinstance(item, copydesk.Article) else copydesk.Article.from_text(item)  # type: ignore[arg-type]
    report = copydesk.audit(article)
    out = []
    for fmt in FORMATS:
        row = make_row(report, article, fmt=fmt, color=False, top_id=fmt == "json")
        out.append(repr(row.csv) if fmt == "csv" else row.rendered)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-article", action="store_true")
    args = parser.parse_args()
    total = hashlib.sha256()
    items = corpus()
    for name, item in items:
        one = hashlib.sha256()
        for text in renders(item):
            one.update(text.encode("utf-8"))
            one.update(b"\0")
        total.update(one.digest())
        if args.per_article:
            print(name, one.hexdigest()[:16])
    print(f"{len(items)} articles, digest {total.hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
