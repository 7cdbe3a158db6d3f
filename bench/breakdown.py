"""Where an audit's time goes: exclusive wall time per checker, shared analysis and step.

    python bench/breakdown.py [--warmup 60] [--limit N]

Audits the FNC-1 bodies (with their first headline) the process has not seen before,
after a warm-up on the first ``--warmup`` of them, and prints the time spent in each
checker, each shared analysis (``ctx.analysis``) and the steps around them (parsing,
turning hits into findings, building the report, the cyclic garbage collector). Times
are exclusive: an analysis run from inside a checker is charged to the analysis only.
A speed figure, not a test; skipped when the data is absent.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))


class Clock:
    """Exclusive time per label: nested timed calls are subtracted from their caller."""

    def __init__(self) -> None:
        self.totals: dict[str, float] = defaultdict(float)
        self._inner = [0.0]

    def run(self, label: str, fn: Callable[..., Any], *args: Any) -> Any:
        self._inner.append(0.0)
        t0 = time.perf_counter()
        try:
            return fn(*args)
        finally:
            spent = time.perf_counter() - t0
            self.totals[label] += spent - self._inner.pop()
            self._inner[-1] += spent


def _label(fn: Any) -> str:
    name = getattr(fn, "__qualname__", None) or type(fn).__name__
    return f"analysis {getattr(fn, '__module__', '?').rsplit('.', 1)[-1]}.{name}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warmup", type=int, default=60)
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()

    from _calibrate import describe
    from throughput import load_corpus

    import copydesk
    from copydesk import engine as engine_module
    from copydesk.analysis.context import Context
    from copydesk.speed import cached_engine

    corpus = load_corpus(args.limit)
    if len(corpus) <= args.warmup:
        print("fnc1-dev data not found (or fewer articles than --warmup): nothing to measure")
        return 0
    print(describe())
    clock = Clock()
    engine = cached_engine()

    plain_analysis = Context.analysis

    def analysis(self: Context, fn: Callable[[Context], Any]) -> Any:
        if fn in self._analyses:
            return self._analyses[fn]
        return clock.run(_label(fn), plain_analysis, self, fn)

    for checker in engine.checkers:
        run = checker.run
        label = f"checker {type(checker).__name__}"

        def timed_run(ctx: Context, run: Any = run, label: str = label) -> list[Any]:
            # Checkers may be generators: their work happens while they are consumed.
            return clock.run(label, lambda c: list(run(c)), ctx)

        checker.run = timed_run  # type: ignore[method-assign]
    plain_findings, plain_report = engine_module._findings, engine_module._report
    engine_module._findings = lambda *a: clock.run("findings from hits", plain_findings, *a)
    engine_module._report = lambda *a: clock.run("report (incl. metrics)", plain_report, *a)
    Context.analysis = analysis  # type: ignore[method-assign]

    collector = [0.0, 0.0]

    def on_collect(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collector[1] = time.perf_counter()
        else:
            collector[0] += time.perf_counter() - collector[1]

    for headline, body in corpus[: args.warmup]:
        copydesk.audit(copydesk.Article(headline=headline, body=body))
    clock.totals.clear()
    gc.callbacks.append(on_collect)
    measured = corpus[args.warmup :]
    t0 = time.perf_counter()
    for headline, body in measured:
        article = copydesk.Article(headline=headline, body=body)
        clock.run("parse", lambda a=article: a.document)
        clock.run("audit", copydesk.audit, article)
    elapsed = time.perf_counter() - t0
    gc.callbacks.remove(on_collect)

    n = len(measured)
    rows = dict(clock.totals)
    rows["audit (engine, scoring, rest)"] = rows.pop("audit")
    rows["cyclic garbage collector"] = collector[0]
    # The collector runs inside whichever step allocates: shown on its own line, so the
    # other lines include it and the total below is counted once.
    print(f"{n} articles not seen before: {elapsed / n * 1e3:.2f} ms per article")
    for label, seconds in sorted(rows.items(), key=lambda kv: -kv[1]):
        print(f"  {label:58s} {seconds / n * 1e3:7.3f} ms  {seconds / elapsed * 100:5.1f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
