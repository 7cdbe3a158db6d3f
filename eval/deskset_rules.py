"""Per-rule precision on the desk set: which rules' findings editors agree with.

    python eval/deskset_rules.py [--rule PREFIX] [--show]

Reads ../shared/deskset (skips cleanly without it). A finding is right when it overlaps a
gold item of its dimension (as ../shared/tools/deskset.py counts it); for each rule the
table gives findings, right, precision, points lost to wrong findings, and the agreed
("must") items that only this rule finds, so a rule is not dropped for its noise alone.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

DESKSET = Path(__file__).resolve().parents[1].parent / "shared" / "deskset"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", default="", help="only rules whose id starts with this")
    parser.add_argument("--show", action="store_true", help="print each finding of those rules")
    args = parser.parse_args()
    if not DESKSET.is_dir():
        print(f"skipped: {DESKSET} is not here")
        return 0
    import copydesk

    stats: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0])
    for gold_path in sorted(DESKSET.glob("*.gold.json")):
        text = gold_path.with_name(gold_path.name.replace(".gold.json", ".md")).read_text(encoding="utf-8")
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        report = copydesk.audit(text)
        quotes = [tuple(q) for q in gold["quotes"]]
        live = [f for f in report.findings if not f.in_quote]
        for f in live:
            dim = f.dimension.value
            s, e = f.span.start, f.span.end
            same = [g for g in gold["items"] if g["dimension"] == dim and s < g["end"] and g["start"] < e]
            inside = any(q[0] <= s and e <= q[1] for q in quotes)
            right = bool(same) and not inside
            row = stats[f.rule_id]
            row[0] += 1
            row[1] += right
            row[2] += 0.0 if right else abs(f.points)
            if args.show and f.rule_id.startswith(args.rule) and args.rule:
                mark = "ok   " if right else "WRONG"
                print(f"{mark} {gold['id']:14} {f.rule_id:32} {text[s:e][:90]!r}")
        for g in gold["items"]:
            if g["level"] != "must":
                continue
            hits = {f.rule_id for f in live if f.dimension.value == g["dimension"]
                    and f.span.start < g["end"] and g["start"] < f.span.end}
            if len(hits) == 1:
                stats[hits.pop()][3] += 1
    print(f"{'rule':40} {'found':>5} {'right':>5} {'P':>5} {'wrong pts':>9} {'only-must':>9}")
    for rule, (n, right, wrong_pts, only) in sorted(stats.items(), key=lambda kv: -kv[1][0]):
        if rule.startswith(args.rule):
            print(f"{rule:40} {n:5d} {right:5d} {right / n:5.2f} {wrong_pts:9.1f} {only:9d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
