"""A small real corpus for the table and corpus-report tests: the example and golden
articles, each given an outlet and a date (records as a JSONL batch would hold them)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = [*sorted((ROOT / "examples").glob("*.md")), *sorted((ROOT / "tests/data/golden").glob("*.md"))]
OUTLETS = ("Daily Ledger", "Harbour Times", "Metro <Wire> & Co")


def split(text: str) -> tuple[str | None, str]:
    first, _, rest = text.partition("\n")
    if first.startswith("# "):
        return first[2:].strip(), rest
    return None, text


def records(n: int = 24) -> list[dict[str, Any]]:
    out = []
    for i in range(n):
        path = ARTICLES[i % len(ARTICLES)]
        headline, body = split(path.read_text(encoding="utf-8"))
        out.append(
            {
                "id": f"{path.stem}-{i}",
                "outlet": OUTLETS[i % len(OUTLETS)],
                "date": f"2026-{1 + (i * 5) % 12:02d}-{1 + i % 28:02d}",
                "section": "news" if i % 2 else "local",
                "headline": headline,
                "body": body,
            }
        )
    return out


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
