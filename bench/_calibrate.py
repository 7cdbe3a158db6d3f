"""A fixed pure-Python workload, timed, so that figures from different runs compare.

The development machine is a shared VM whose speed drifts by up to ~1.7x within an
hour; each bench prints this figure next to its own so a reader can tell a faster
copydesk from a faster minute.
"""

from __future__ import annotations

import time


def calibration_ms(rounds: int = 5) -> float:
    """Best of ``rounds`` timings of a fixed mix of dict, string and arithmetic work."""
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        table = {}
        for i in range(60_000):
            word = f"w{i * 7919 % 100_003}"
            table[word] = table.get(word, 0.0) + len(word) / 3.0
        sorted(table.items(), key=lambda kv: kv[1])[:10]
        best = min(best, time.perf_counter() - t0)
    return best * 1e3


def describe() -> str:
    return f"calibration: {calibration_ms():.1f} ms for a fixed Python workload (lower = faster minute)"
