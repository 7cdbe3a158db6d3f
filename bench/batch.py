"""Batch throughput and memory of `copydesk audit` on a JSONL archive, --jobs 1 vs N.

    python bench/batch.py                    # N = 20,000 articles, --jobs 1 and 2
    python bench/batch.py --n 2000 20000     # several sizes: memory must stay flat
    python bench/batch.py --n 2000 --jobs 1 2 4

The archive is the FNC-1 development bodies (../shared/data/fnc1-dev/bodies.jsonl,
433 articles) repeated to N lines, each with its own id. Each run is the real CLI in
a subprocess (`copydesk audit archive.jsonl --format jsonl -o /dev/null --jobs J -q`),
so start-up, reading, auditing, rendering and writing are all measured. Memory is the
peak resident set (VmHWM) of the main process and of the largest worker, read from
/proc while the run goes (Linux). "CPU ms/art" is the CPU time of the CLI and its
workers per article and "CPU use" the cores it kept busy on average: on a machine
shared with other work, the wall-clock speed-up is bounded by what the others leave.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "fnc1-dev" / "bodies.jsonl"


def build_archive(source: Path, n: int, target: Path) -> int:
    """Write ``n`` JSONL lines cycling through the source bodies; returns bytes written."""
    bodies = []
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                bodies.append((record["body_id"], record["body"]))
    written = 0
    with target.open("w", encoding="utf-8") as out:
        for i in range(n):
            body_id, body = bodies[i % len(bodies)]
            line = json.dumps({"id": f"{body_id}-{i}", "body": body}) + "\n"
            written += len(line.encode("utf-8"))
            out.write(line)
    return written


def _children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            return [int(x) for x in handle.read().split()]
    except OSError:
        return []


def _hwm_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def run_once(cmd: list[str]) -> dict[str, float]:
    """Run the CLI; wall time and peak memory of the main process and its workers."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    main_kb = worker_kb = 0
    on_linux = os.path.isdir(f"/proc/{proc.pid}")
    while proc.poll() is None:
        if on_linux:
            main_kb = max(main_kb, _hwm_kb(proc.pid))
            for child in _children(proc.pid):
                worker_kb = max(worker_kb, _hwm_kb(child))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    stderr = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0, 1):
        sys.stderr.write(stderr)
        raise SystemExit(f"copydesk exited {proc.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    # Workers are reaped by the CLI before it exits, so their CPU time is counted too.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    largest_kb = after.ru_maxrss  # kB on Linux; the largest process of any run so far
    return {
        "seconds": seconds,
        "cpu": cpu,
        "main_mb": main_kb / 1024,
        "worker_mb": worker_kb / 1024,
        "largest_mb": largest_kb / 1024,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, nargs="+", default=[20000], help="articles per run")
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2], help="--jobs values")
    parser.add_argument("--data", type=Path, default=DATA, help="JSONL with body_id and body")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"skipped: {args.data} not found")
        return 0
    cli = [sys.executable, "-m", "copydesk"]
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"copydesk batch bench: {cpus} CPUs, load average {load:.1f}, python {sys.version.split()[0]}")
    # CPU ms per article shows the cost of the pipeline itself; on a machine shared with
    # other work, wall-clock speed-up is bounded by the CPU the other processes leave.
    header = (
        f"{'N':>7} {'jobs':>4} {'seconds':>8} {'art/s':>7} {'speed-up':>8} "
        f"{'CPU ms/art':>10} {'CPU use':>7} {'main MB':>8} {'worker MB':>9}"
    )
    print(header)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.n:
            archive = Path(tmp) / f"archive-{n}.jsonl"
            size = build_archive(args.data, n, archive)
            base = None
            for jobs in args.jobs:
                cmd = [
                    *cli,
                    "audit",
                    str(archive),
                    "--format",
                    "jsonl",
                    "-o",
                    os.devnull,
                    "--jobs",
                    str(jobs),
                    "-q",
                    "--no-config",
                ]
                result = run_once(cmd)
                rate = n / result["seconds"]
                base = base or rate
                print(
                    f"{n:>7} {jobs:>4} {result['seconds']:>8.1f} {rate:>7.1f} "
                    f"{rate / base:>7.2f}x {1000 * result['cpu'] / n:>10.1f} "
                    f"{result['cpu'] / result['seconds']:>6.2f}x "
                    f"{result['main_mb']:>8.1f} {result['worker_mb']:>9.1f}",
                    flush=True,
                )
            print(f"        (archive {size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
