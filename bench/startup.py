"""Start-up cost: `import copydesk` and `copydesk audit ARTICLE` end to end.

    python bench/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
REFERENCE = ROOT / "examples" / "russia-north-korea-labor.md"


def wall(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    import os

    from _calibrate import describe

    print(f"{os.cpu_count()} CPUs; {describe()}")
    py = sys.executable
    bare = wall([py, "-c", "pass"], args.runs)
    imp = wall([py, "-c", "import copydesk"], args.runs)
    print(f"python start-up:         {bare * 1e3:7.1f} ms")
    print(f"import copydesk:         {imp * 1e3:7.1f} ms  ({(imp - bare) * 1e3:.1f} ms over bare python)")
    # The console script beside this interpreter (the install being measured).
    beside = Path(py).parent / "copydesk"
    exe = str(beside) if beside.exists() else (shutil.which("copydesk") or "copydesk")
    cli = wall([exe, "audit", str(REFERENCE), "--format", "json"], args.runs)
    print(f"copydesk audit (json):   {cli * 1e3:7.1f} ms wall, end to end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
