"""Rewrite the expected reports of the golden corpus (tests/test_golden.py).

    python tests/data/golden/regenerate.py

Run it only when a change of results is intended (a rule, a figure or the report format
changed on purpose), then review the diff of tests/data/golden/*.expected.json before
committing: every changed line is a changed result.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]


def corpus() -> dict[str, Path]:
    """Name of each expected file -> the article it is the report of.

    The examples/ articles are not recorded here: their reports are committed once, in
    reports/ (tools/make_reports.py), and tests/test_reports.py holds them to that.
    """
    return {p.stem: p for p in sorted(HERE.glob("*.md"))}


def seed_corpus() -> dict[str, Path]:
    """Every article whose report must not depend on the hash seed: the golden and the examples."""
    out = {f"examples--{p.stem}": p for p in sorted((ROOT / "examples").glob("*.md"))}
    out.update(corpus())
    return out


def report_of(path: Path) -> dict[str, Any]:
    """The full report as JSON data, without the library version (it changes on release)."""
    import copydesk

    report = copydesk.audit(path.read_text(encoding="utf-8")).model_dump(mode="json")
    report.pop("copydesk_version", None)
    return report


def dump(report: dict[str, Any]) -> str:
    return json.dumps(report, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


# Reports are recorded and compared with a fixed hash seed: set iteration order must
# not change a result, but tests/test_golden.py checks that separately.
HASH_SEED = "0"


def main() -> int:
    if os.environ.get("PYTHONHASHSEED") != HASH_SEED:
        env = {**os.environ, "PYTHONHASHSEED": HASH_SEED}
        os.execve(sys.executable, [sys.executable, __file__, *sys.argv[1:]], env)
    sys.path.insert(0, str(ROOT / "src"))
    for name, path in corpus().items():
        (HERE / f"{name}.expected.json").write_text(dump(report_of(path)), encoding="utf-8")
        print(f"wrote {name}.expected.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
