"""Requests per second and latency of `copydesk serve` on loopback, at 1, 8 and 32 clients.

    python bench/serve.py                        # 1, 8, 32 clients; at most 150 requests / 30 s each
    python bench/serve.py --clients 1 4 --requests 60 --seconds 20 --workers 2

A real server is started in a subprocess (`copydesk serve --no-config` on a free loopback
port, the defaults otherwise: --concurrency 2, --backlog 32, one worker unless --workers);
each client is a thread with one keep-alive connection posting the FNC-1 development
bodies (../shared/data/fnc1-dev/bodies.jsonl, 433 articles, in order) to POST /v1/audit
and reading the JSON report. Each level stops at --requests requests or --seconds seconds,
whichever comes first. Latency is from sending the request to the last byte of the answer;
p50 / p99 are over the answered requests; 503 (saturated) and other statuses are counted
apart. Without the data file the bench says so and exits 0.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "fnc1-dev" / "bodies.jsonl"


def bodies(path: Path) -> list[bytes]:
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                out.append(json.dumps({"id": str(record["body_id"]), "body": record["body"]}).encode())
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start(port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    cmd = [
        sys.executable,
        "-m",
        "copydesk",
        "serve",
        "--port",
        str(port),
        "--no-config",
        "--workers",
        str(workers),
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"the server stopped: {proc.stderr.read().decode() if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if json.load(r)["status"] == "ok":
                    return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start within 120 s")


def level(port: int, clients: int, payloads: list[bytes], limit: int, seconds: float) -> dict[str, float]:
    lock = threading.Lock()
    counter = [0]
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    stop_at = time.monotonic() + seconds

    def take() -> int | None:
        with lock:
            if counter[0] >= limit or time.monotonic() >= stop_at:
                return None
            counter[0] += 1
            return counter[0] - 1

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            while (n := take()) is not None:
                body = payloads[n % len(payloads)]
                t0 = time.perf_counter()
                conn.request("POST", "/v1/audit", body=body, headers={"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                elapsed = time.perf_counter() - t0
                with lock:
                    statuses[response.status] = statuses.get(response.status, 0) + 1
                    if response.status == 200:
                        latencies.append(elapsed)
        finally:
            conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - started
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, round(p * (len(latencies) - 1)))] * 1000

    return {
        "clients": clients,
        "requests": sum(statuses.values()),
        "ok": statuses.get(200, 0),
        "busy_503": statuses.get(503, 0),
        "other": sum(v for k, v in statuses.items() if k not in (200, 503)),
        "rps": statuses.get(200, 0) / wall if wall else 0.0,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        "mean_ms": statistics.fmean(latencies) * 1000 if latencies else float("nan"),
        "wall_s": wall,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 8, 32])
    parser.add_argument("--requests", type=int, default=150, help="at most this many per level")
    parser.add_argument("--seconds", type=float, default=30.0, help="at most this long per level")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON lines")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"bench/serve.py: {args.data} is missing; nothing measured")
        return 0
    payloads = bodies(args.data)
    port = free_port()
    proc = start(port, args.workers)
    try:
        level(port, 1, payloads[-4:], 4, 30)  # warm: the first answers build caches
        if not args.json:
            print(f"copydesk serve, {args.workers} worker(s), {os.cpu_count()} CPUs, FNC-1 dev bodies")
            print(
                f"{'clients':>7} {'requests':>8} {'ok':>5} {'503':>5} {'req/s':>7} "
                f"{'p50 ms':>8} {'p99 ms':>8}"
            )
        for clients in args.clients:
            r = level(port, clients, payloads, args.requests, args.seconds)
            if args.json:
                print(json.dumps(r))
            else:
                print(
                    f"{r['clients']:>7} {r['requests']:>8} {r['ok']:>5} {r['busy_503']:>5} "
                    f"{r['rps']:>7.1f} {r['p50_ms']:>8.0f} {r['p99_ms']:>8.0f}"
                )
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
