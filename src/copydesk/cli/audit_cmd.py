"""`copydesk audit PATH...`: audit articles, one or a whole archive, and print reports.

Inputs: files (.md, .txt, .html, ...), folders (recursive, --glob), - for stdin,
and batches: JSONL / CSV / TSV / JSON with --id-field, --headline-field, --body-field.

Output formats: text, json, md, html, sarif (the report renderers)
plus the batch formats jsonl (one report object per line, the input's id as a
top-level field) and csv (one row per article). For a batch, json is an
array; per-article document formats (html, sarif) write one file per article into the
folder given with -o.

Exit codes: 0 every article was audited and none scored below --fail-under;
1 some article scored below --fail-under; 2 some input could not be audited (each
is reported on stderr with its file and line, and the rest of the batch is audited)
or the command line / configuration was wrong.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import heapq
import inspect
import io
import json
import os
import re
import sys
import time
from collections import Counter
from functools import cache, partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NamedTuple

from copydesk.cli import EXIT_ERROR, EXIT_FAILED, EXIT_OK, fail
from copydesk.cli.config_cmd import add_config_options, effective_config, ruleset_for, warn_unmatched
from copydesk.speed.collector import collector_paused

if TYPE_CHECKING:
    from copydesk.batch import AuditError, Meta
    from copydesk.config.model import Config
    from copydesk.packs.loader import RuleSet
    from copydesk.parse.article import Article
    from copydesk.report.models import AuditReport

BATCH_FORMATS = ("jsonl", "csv")
# Formats whose per-article output can be concatenated on one stream.
STREAM_FORMATS = ("text", "md", "json", *BATCH_FORMATS)
DIMENSIONS = ("loaded_language", "attribution", "headline", "focus")
CSV_COLUMNS = (
    "id",
    "source",
    "score",
    "grade",
    "words",
    *DIMENSIONS,
    "findings",
    *(f"{d}_findings" for d in DIMENSIONS),
    "in_quote_findings",
    "error",
)
_EXTENSIONS = {"html": "html", "sarif": "sarif", "md": "md", "text": "txt", "json": "json"}


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "audit",
        help="audit articles: files, folders, - for stdin, JSONL/CSV batches",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="article files, folders (searched recursively), JSONL/CSV/JSON batches, or - for stdin",
    )
    p.add_argument(
        "--format",
        "-f",
        default="text",
        help="text (default), json, jsonl, csv, or a report format: md, html, sarif",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="write here instead of stdout (a folder for html/sarif reports of a batch)",
    )
    p.add_argument(
        "--fail-under",
        type=float,
        metavar="SCORE",
        help="exit 1 when an article scores below SCORE (0-100)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="worker processes (default: one per CPU; 1: no workers)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress bar and no summary")
    g = p.add_argument_group("inputs")
    g.add_argument(
        "--glob",
        action="append",
        default=[],
        metavar="PATTERN",
        help="files to take from folders (repeatable; default: *.md *.markdown *.txt "
        "*.text *.html *.htm); a pattern with / matches the path inside the folder",
    )
    g.add_argument(
        "--input-format",
        default="auto",
        metavar="FORMAT",
        help="auto (by file name; stdin is sniffed), text, html, jsonl, csv, tsv or json",
    )
    g.add_argument("--id-field", metavar="NAME", help="record field with the article id (default: id)")
    g.add_argument(
        "--headline-field", metavar="NAME", help="record field with the headline (default: headline or title)"
    )
    g.add_argument("--body-field", metavar="NAME", help="record field with the body (default: body or text)")
    add_config_options(p)
    p.set_defaults(run=run)


# ------------------------------------------------------------------ worker side


class Row(NamedTuple):
    """What a worker sends back per article: small figures plus the rendered output."""

    # A tuple, not a frozen dataclass: generating one costs ~1 ms of every start-up.
    id: str | None
    source: str | None
    score: float
    grade: str
    rendered: str
    csv: tuple[Any, ...]
    rules: tuple[tuple[str, int], ...]  # findings per rule, in the outlet's voice


@cache
def _takes_text(fmt: str) -> bool:
    from copydesk.report.render import renderer

    try:
        return "text" in inspect.signature(renderer(fmt).render).parameters
    except (TypeError, ValueError):
        return False


def make_row(report: AuditReport, article: Article, *, fmt: str, color: bool, top_id: bool) -> Row:
    """Runs in the worker: render the report and extract the figures the summary needs."""
    info = report.article
    if fmt == "jsonl":
        body = report.model_dump_json()
        rendered = '{"id":' + json.dumps(info.id) + "," + body[1:] + "\n"
    elif fmt == "csv":
        rendered = ""
    else:
        from copydesk.report.render import renderer

        module = renderer(fmt)
        kwargs: dict[str, Any] = {"color": color}
        if _takes_text(fmt):
            kwargs["text"] = article.text
        rendered = module.render(report, **kwargs)
        if fmt == "json" and top_id:
            rendered = '{\n  "id": ' + json.dumps(info.id) + "," + rendered.lstrip()[1:]
    per_dim = {d: 0 for d in DIMENSIONS}
    rules: Counter[str] = Counter()
    in_quote = 0
    for f in report.findings:
        per_dim[f.dimension.value] = per_dim.get(f.dimension.value, 0) + 1
        if f.in_quote:
            in_quote += 1
        else:
            rules[f.rule_id] += 1
    dims = [
        "" if (d := report.dimensions.get(name)) is None or d.score is None else d.score
        for name in DIMENSIONS
    ]
    row = (
        info.id,
        info.source,
        report.score,
        report.grade,
        info.words,
        *dims,
        len(report.findings),
        *(per_dim[d] for d in DIMENSIONS),
        in_quote,
        "",
    )
    return Row(info.id, info.source, report.score, report.grade, rendered, row, tuple(rules.items()))


# ------------------------------------------------------------------ output


class _Writer:
    """Writes rows in the chosen format as they arrive (nothing is collected)."""

    def __init__(self, fmt: str, out: IO[str] | None, folder: Path | None, batch: bool) -> None:
        self.fmt = fmt
        self.out = out
        self.folder = folder
        self.batch = batch
        self.count = 0
        self.names: set[str] = set()
        self.csv = csv.writer(out, lineterminator="\n") if fmt == "csv" and out else None
        if self.csv is not None:
            self.csv.writerow(CSV_COLUMNS)

    def report(self, meta: Meta, row: Row) -> None:
        if self.folder is not None:
            self._file(meta, row.rendered)
        elif self.csv is not None:
            self.csv.writerow(row.csv)
        elif self.out is not None:
            self._stream(row.rendered)
        self.count += 1

    def error(self, meta: Meta, err: AuditError) -> None:
        if self.csv is not None:
            blank = [""] * (len(CSV_COLUMNS) - 3)
            self.csv.writerow([err.id or "", err.source or "", *blank, err.error])
        elif self.fmt == "jsonl" and self.out is not None:
            self.out.write(json.dumps(_error_record(err), ensure_ascii=False) + "\n")
        elif self.fmt == "json" and self.batch and self.out is not None:
            self._stream(json.dumps(_error_record(err), indent=2, ensure_ascii=False) + "\n")
        self.count += 1

    def _stream(self, text: str) -> None:
        assert self.out is not None
        if self.fmt == "json" and self.batch:
            self.out.write(("[\n" if self.count == 0 else ",\n") + text.rstrip("\n"))
        elif self.fmt in ("text", "md") and self.count:
            self.out.write("\n" + text)
        else:
            self.out.write(text)

    def _file(self, meta: Meta, text: str) -> None:
        assert self.folder is not None
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", meta.id or meta.source or f"item-{meta.index}")
        stem = stem.strip("._")[:150] or f"item-{meta.index}"
        name = f"{stem}.{_EXTENSIONS.get(self.fmt, self.fmt)}"
        if name in self.names:
            name = f"{stem}-{meta.index}.{_EXTENSIONS.get(self.fmt, self.fmt)}"
        self.names.add(name)
        (self.folder / name).write_text(text, encoding="utf-8")

    def close(self) -> None:
        if self.out is None:
            return
        if self.fmt == "json" and self.batch:
            self.out.write("[]\n" if self.count == 0 else "\n]\n")
        self.out.flush()


def _error_record(err: AuditError) -> dict[str, Any]:
    return {"id": err.id, "source": err.source, "line": err.line, "error": err.error}


# ------------------------------------------------------------------ summary


class _Summary:
    # A plain class: a generated dataclass costs ~1 ms of every start-up.
    def __init__(self, keep: int = 5) -> None:
        self.keep = keep
        self.audited = 0
        self.errors = 0
        self.below = 0
        self.total = 0.0
        # Scores are rounded to 0.1, so a histogram gives the exact median in bounded memory.
        self.histogram = [0] * 1001
        self.worst: list[tuple[float, int, str]] = []
        self.rules: Counter[str] = Counter()
        self.rule_articles: Counter[str] = Counter()

    def add(self, meta: Meta, row: Row, fail_under: float | None) -> None:
        self.audited += 1
        self.total += row.score
        self.histogram[max(0, min(1000, round(row.score * 10)))] += 1
        if fail_under is not None and row.score < fail_under:
            self.below += 1
        label = row.id or row.source or f"item[{meta.index}]"
        entry = (-row.score, -meta.index, label)
        if len(self.worst) < self.keep:
            heapq.heappush(self.worst, entry)
        else:
            heapq.heappushpop(self.worst, entry)
        for rule_id, n in row.rules:
            self.rules[rule_id] += n
            self.rule_articles[rule_id] += 1

    def median(self) -> float | None:
        if not self.audited:
            return None
        # 0-based ranks of the middle score(s); two of them when the count is even.
        lo_rank, hi_rank = (self.audited - 1) // 2, self.audited // 2
        values: list[float] = []
        seen = 0
        for tenth, n in enumerate(self.histogram):
            while n and len(values) < 2:
                rank = (lo_rank, hi_rank)[len(values)]
                if rank < seen + n:
                    values.append(tenth / 10)
                else:
                    break
            seen += n
            if len(values) == 2:
                break
        return round(sum(values) / 2, 2)

    def render(self, fail_under: float | None, seconds: float) -> str:
        lines = []
        rate = f", {self.audited / seconds:,.1f} per second" if seconds > 0 and self.audited else ""
        head = f"{_articles(self.audited)} audited in {seconds:,.1f} s{rate}"
        if self.errors:
            head += f"; {self.errors:,} could not be audited (listed above)"
        lines.append(head)
        if self.audited:
            mean = self.total / self.audited
            lowest = -max(self.worst)[0] if self.worst else None
            stats = f"mean score {mean:.1f}, median {self.median():.1f}, lowest {lowest:.1f}"
            if fail_under is not None:
                stats += f"; {self.below:,} below --fail-under {fail_under:g}"
            lines.append(stats)
            worst = sorted(self.worst, reverse=True)
            lines.append("lowest scores: " + "; ".join(f"{-s:.1f} {label}" for s, _i, label in worst))
        if self.rules:
            top = self.rules.most_common(5)
            lines.append(
                "most frequent rules: "
                + "; ".join(f"{r} ({n:,} in {_articles(self.rule_articles[r])})" for r, n in top)
            )
        return "".join(f"copydesk: {line}\n" for line in lines)


def _articles(n: int) -> str:
    return f"{n:,} article" + ("" if n == 1 else "s")


# ------------------------------------------------------------------ progress


class _Progress:
    """A rich progress bar on stderr when it is a terminal; nothing otherwise.

    Refreshed by hand rather than by rich's thread: worker processes are forked, and
    forking a process that has other threads running is unsafe.
    """

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.bar: Any = None
        self.last = 0.0
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns: list[Any] = [TextColumn("auditing"), BarColumn()]
        columns += [TaskProgressColumn(), TimeRemainingColumn()] if total else [MofNCompleteColumn()]
        columns += [TextColumn("{task.fields[articles]:,} articles"), TimeElapsedColumn()]
        self.bar = Progress(*columns, console=Console(stderr=True), auto_refresh=False, transient=True)
        self.task = self.bar.add_task("audit", total=total or None, articles=0)
        self.articles = 0
        self.bar.start()

    def advance(self, size: int) -> None:
        if self.bar is None:
            return
        self.articles += 1
        self.bar.update(self.task, advance=size, articles=self.articles)
        now = time.monotonic()
        if now - self.last > 0.1:
            self.last = now
            self.bar.refresh()

    def message(self, text: str) -> None:
        if self.bar is not None:
            self.bar.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            sys.stderr.write(text + "\n")

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _total_bytes(paths: list[str], options: Any) -> int | None:
    from copydesk.inputs.files import walk

    total = 0
    for path in paths:
        if path == "-":
            return None
        p = Path(path)
        try:
            if p.is_dir():
                total += sum(f.stat().st_size for f in walk(p, options.globs, options.exclude))
            else:
                total += p.stat().st_size
        except OSError:
            continue
    return total or None


# ------------------------------------------------------------------ the command


def _is_single(paths: list[str], options: Any) -> bool:
    """One article named on the command line (not a folder or a batch file)."""
    from copydesk.inputs.files import detect_format, stdin_format

    if len(paths) != 1:
        return False
    path = paths[0]
    if path == "-":
        return stdin_format(options) in ("text", "html")
    if Path(path).is_dir():
        return False
    return detect_format(path, options) in ("text", "html")


def run(args: argparse.Namespace) -> int:
    # Start-up (imports, the rule snapshot, the engine) allocates ~100,000 objects that all
    # live until exit: with the collector running, it rescanned them ~60 times (~50 ms of a
    # one-article run). _settle freezes them before the collector resumes for the audits.
    with collector_paused():
        from copydesk.batch import AuditError, map_audits
        from copydesk.config.file import ConfigError
        from copydesk.inputs.files import INPUT_FORMATS, ReadOptions, iter_items
        from copydesk.packs.loader import PackError
        from copydesk.report.render import RENDERERS

        fmt = args.format
        formats = list(dict.fromkeys([*RENDERERS, *BATCH_FORMATS]))
        if fmt not in formats:
            return fail(f"unknown format {fmt!r} (choose from {', '.join(formats)})")
        if args.input_format not in INPUT_FORMATS:
            choices = ", ".join(INPUT_FORMATS)
            return fail(f"unknown --input-format {args.input_format!r} (choose from {choices})")
        if args.fail_under is not None and not 0 <= args.fail_under <= 100:
            return fail("--fail-under takes a score between 0 and 100")
        if args.jobs < 0:
            return fail("--jobs takes a number of processes (0: one per CPU)")
        try:
            loaded = effective_config(args)
            ruleset = ruleset_for(loaded)
        except (ConfigError, PackError) as exc:
            return fail(str(exc))
        warn_unmatched(loaded, ruleset)
        config = loaded.config
        fail_under = args.fail_under if args.fail_under is not None else config.fail_under

        exclude = frozenset({os.path.realpath(args.output)}) if args.output else frozenset()
        options = ReadOptions(
            globs=tuple(args.glob),
            id_field=args.id_field,
            headline_field=args.headline_field,
            body_field=args.body_field,
            input_format=args.input_format,
            exclude=exclude,
        )
        batch = not _is_single(args.paths, options)

        out: IO[str] | None = None
        folder: Path | None = None
        if fmt not in STREAM_FORMATS and batch:
            if not args.output:
                return fail(f"--format {fmt} writes one report per article: give a folder with -o DIR")
            folder = Path(args.output)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                return fail(f"-o {args.output}: cannot create the folder ({exc.strerror or exc})")
        elif args.output:
            try:
                out = open(args.output, "w", encoding="utf-8", newline="")  # noqa: SIM115
            except OSError as exc:
                return fail(f"-o {args.output}: cannot write ({exc.strerror or exc})")
        else:
            out = sys.stdout
        color = out is sys.stdout and fmt == "text" and sys.stdout.isatty()

        fn = partial(make_row, fmt=fmt, color=color, top_id=batch)
        show = not args.quiet and sys.stderr.isatty()
        progress = _Progress(show, _total_bytes(args.paths, options) if show else None)
        summary = _Summary()
        writer = _Writer(fmt, out, folder, batch)
        _settle(ruleset, config)
    started = time.perf_counter()
    try:
        results = map_audits(
            iter_items(args.paths, options), fn, jobs=args.jobs, rules=ruleset, config=config
        )
        for meta, result in results:
            if isinstance(result, AuditError):
                summary.errors += 1
                progress.message(f"copydesk: {result.error}")
                writer.error(meta, result)
            else:
                summary.add(meta, result, fail_under)
                writer.report(meta, result)
            progress.advance(meta.size)
        writer.close()
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as Unix tools do.
        with contextlib.suppress(OSError):
            sys.stdout = io.TextIOWrapper(open(os.devnull, "wb"))  # noqa: SIM115
        return EXIT_OK
    except OSError as exc:  # disk full, output folder removed under us, ...
        progress.stop()
        return fail(f"cannot write the output: {exc.strerror or exc}")
    finally:
        progress.stop()
        if out is not None and out is not sys.stdout:
            with contextlib.suppress(OSError):  # already reported above
                out.close()
    seconds = time.perf_counter() - started
    if not args.quiet and (batch or fmt in BATCH_FORMATS):
        sys.stderr.write(summary.render(fail_under, seconds))
    if summary.errors:
        return EXIT_ERROR
    if summary.below:
        return EXIT_FAILED
    return EXIT_OK


def _settle(ruleset: RuleSet, config: Config) -> None:
    """Build the engine now and take it out of the cyclic collector's sight.

    The CLI owns its process: what is loaded by now (engine, packs, modules) lives until
    exit, and a full collection rescanning it cost ~0.5 ms an article in a long batch.
    A pack that fails to compile is reported later, item by item, as before.
    """
    import gc

    from copydesk.speed.cache import cached_engine

    with contextlib.suppress(Exception):
        cached_engine(ruleset, config)
    gc.freeze()

