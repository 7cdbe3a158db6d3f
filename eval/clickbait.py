#!/usr/bin/env python3
"""Accuracy of copydesk's clickbait rules on public clickbait and news headlines.

Usage (from the repository root, with copydesk importable):

    python eval/clickbait.py                  # both halves (even, odd) and all
    python eval/clickbait.py --split even     # one half only
    python eval/clickbait.py --rules          # per-rule true / false positives
    python eval/clickbait.py --errors 20      # print some misses and false alarms

Data: ``../shared/data/clickbait-dev/headlines.jsonl`` (half of the Chakraborty et al.
2016 "Stop Clickbait" corpus, MIT licence; labels ``clickbait`` / ``news``; see the
data README). Exits 0 with a "skipped" line when the folder is absent.

Every headline is audited as an article with that headline and no body, with the
default pack's ``headline.clickbait*`` rules only (the other headline checks compare
the headline with a body, which this data does not have). A headline with a
``headline.clickbait*`` finding counts as clickbait; the figure is binary precision /
recall / F1 with clickbait as the positive class.

``--split even|odd`` keeps the rows with an even / odd position in the file, so one
half can be used for looking at errors and the other for checking that the rules
generalise. The data is used for measuring only; nothing from it is copied into the
package, the rules or the tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
FILE = DATA / "clickbait-dev" / "headlines.jsonl"
PREFIX = "headline.clickbait"


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def load() -> list[dict[str, Any]]:
    with FILE.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def ruleset() -> Any:
    from copydesk.api import load_rules
    from copydesk.packs.loader import RuleSet

    full = load_rules()
    return RuleSet(full.packs, tuple(r for r in full.rules if r.id.startswith(PREFIX)))


def run(rows: list[dict[str, Any]]) -> list[tuple[dict[str, Any], set[str]]]:
    import copydesk
    from copydesk import Article

    pack = ruleset()
    out = []
    for row in rows:
        report = copydesk.audit(Article(headline=row["text"], body=""), rules=pack)
        out.append((row, {f.rule_id for f in report.findings if f.rule_id.startswith(PREFIX)}))
    return out


def report(name: str, results: list[tuple[dict[str, Any], set[str]]]) -> None:
    tp = sum(1 for row, f in results if f and row["label"] == "clickbait")
    fp = sum(1 for row, f in results if f and row["label"] != "clickbait")
    fn = sum(1 for row, f in results if not f and row["label"] == "clickbait")
    p, r, f1 = prf(tp, fp, fn)
    print(
        f"{name:5} headlines {len(results):6}  clickbait-class "
        f"P {p:.3f}  R {r:.3f}  F1 {f1:.3f}  (tp {tp}, fp {fp}, fn {fn})"
    )


def per_rule(results: list[tuple[dict[str, Any], set[str]]]) -> None:
    tps: Counter[str] = Counter()
    fps: Counter[str] = Counter()
    for row, rules in results:
        for r in rules:
            (tps if row["label"] == "clickbait" else fps)[r] += 1
    print("\nper rule (headlines flagged: clickbait / news, precision)")
    for r in sorted(set(tps) | set(fps), key=lambda x: -(tps[x] + fps[x])):
        total = tps[r] + fps[r]
        print(f"  {r:42} {tps[r]:5} / {fps[r]:5}  P {tps[r] / total:.2f}")


def errors(results: list[tuple[dict[str, Any], set[str]]], n: int) -> None:
    misses = [row for row, f in results if row["label"] == "clickbait" and not f]
    alarms = [(row, f) for row, f in results if row["label"] != "clickbait" and f]
    print(f"\nmissed clickbait (first {n} of {len(misses)}):")
    for row in misses[:n]:
        print("  -", row["text"][:160])
    print(f"\nfalse alarms (first {n} of {len(alarms)}):")
    for row, f in alarms[:n]:
        print("  -", sorted(f), row["text"][:160])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("even", "odd", "all"), default=None)
    parser.add_argument("--rules", action="store_true", help="per-rule true / false positives")
    parser.add_argument("--errors", type=int, default=0, help="print N misses and N false alarms")
    args = parser.parse_args(argv)
    if not FILE.is_file():
        print(f"skipped: {FILE} not found")
        return 0
    started = time.perf_counter()
    everything = run(load())

    def half(split: str) -> list[tuple[dict[str, Any], set[str]]]:
        if split == "all":
            return everything
        return [x for i, x in enumerate(everything) if (i % 2 == 0) == (split == "even")]

    for split in [args.split] if args.split else ["even", "odd", "all"]:
        report(split, half(split))
    selected = half(args.split or "all")
    if args.rules:
        per_rule(selected)
    if args.errors:
        errors(selected, args.errors)
    print(f"\n{len(everything)} headlines audited in {time.perf_counter() - started:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
