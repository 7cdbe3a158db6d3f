#!/usr/bin/env python3
"""Instructions an audit costs, counted by valgrind: a speed figure a busy machine cannot move.

    python bench/instructions.py [--n 40] [--src DIR]

Wall-clock figures on a shared machine drift by up to ~1.7x within an hour; an
instruction count does not. This runs, under ``valgrind --tool=callgrind``, a child
that builds the engine, warms it (one English and one non-English article, so the
language detector and packs are loaded) and then audits the last ``--n`` bodies of
../shared/data/fnc1-dev/bodies.jsonl, each with its first headline: articles the
process has not seen, as in a real batch. The same child with ``--n 0`` is the fixed
cost; the difference is the audit cost. A fresh checkout builds its cache on the first
run, so the fixed run is made twice and the second kept.

To compare two versions, run it in each checkout (or pass ``--src other/src``) and
compare the "audit cost" lines. Needs valgrind and the data folder; skips cleanly
without them. Slow: about a minute per 40 articles.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "fnc1-dev"

CHILD = """
import json, sys
from pathlib import Path
import copydesk
from copydesk.speed import cached_engine
data = Path(sys.argv[1])
n = int(sys.argv[2])
heads = {}
with open(data / "pairs.jsonl", encoding="utf-8") as fh:
    for line in fh:
        row = json.loads(line)
        heads.setdefault(row["body_id"], row["headline"])
with open(data / "bodies.jsonl", encoding="utf-8") as fh:
    bodies = [json.loads(line) for line in fh][-200:]
cached_engine()
copydesk.audit("# Warm\\n\\nThe council said on Monday that it would vote. " * 3)
copydesk.audit("Der Rat sagte am Montag, dass er abstimmen werde. " * 5)
for row in bodies[:n]:
    copydesk.audit(copydesk.Article(headline=heads.get(row["body_id"]), body=row["body"]))
"""


def instructions(src: Path, n: int) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        env = {**os.environ, "PYTHONPATH": str(src)}
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
             sys.executable, "-c", CHILD, str(DATA), str(n)],
            env=env, capture_output=True, text=True, check=False,
        )
        found = re.search(r"Collected : (\d+)", done.stderr)
        if done.returncode != 0 or not found:
            raise SystemExit(f"valgrind run failed (n={n}):\n{done.stderr[-2000:]}")
        return int(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=40, help="articles to audit (at most 200)")
    parser.add_argument("--src", type=Path, default=ROOT / "src", help="the copydesk source to measure")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        print("skipped: valgrind is not installed")
        return 0
    if not (DATA / "bodies.jsonl").exists():
        print(f"skipped: {DATA} not found")
        return 0
    src = args.src.resolve()
    instructions(src, 0)  # a fresh checkout builds its cache here
    fixed = instructions(src, 0)
    total = instructions(src, args.n)
    cost = total - fixed
    print(f"source: {src}")
    print(f"fixed cost (start-up, engine, warm-up): {fixed / 1e6:,.1f} M instructions")
    print(f"audit cost ({args.n} unseen FNC-1 bodies): {cost / 1e6:,.1f} M instructions"
          f" ({cost / max(args.n, 1) / 1e6:,.1f} M an article)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
