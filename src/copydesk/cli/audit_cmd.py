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
or none was, because the command line / configuration was wrong; 3 copydesk failed
(the output could not be written, an internal error); 130 / 143 interrupted by
SIGINT / SIGTERM (the output so far is complete and valid).

-o FILE is written under a temporary name and renamed at the end; --resume (JSONL)
skips the ids already in FILE and appends.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import time
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from copydesk.cli import EXIT_ERROR, EXIT_FAILED, EXIT_INTERNAL, EXIT_OK, fail
from copydesk.cli.audit_output import (
    BATCH_FORMATS,
    STREAM_FORMATS,
    TABLE_FORMATS,
    Summary,
    Writer,
    make_row,
)
from copydesk.cli.config_cmd import add_config_options, effective_config, ruleset_for, warn_unmatched
from copydesk.report.escape import printable
from copydesk.speed.collector import collector_paused

if TYPE_CHECKING:
    from copydesk.config.model import Config
    from copydesk.packs.loader import RuleSet


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
        help="text (default), json, jsonl, csv, parquet (-o DIR: articles.parquet and findings.parquet), "
        "or a report format: md, html, sarif (a batch: one file per article in -o DIR, and DIR/index.html "
        "for html)",
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
        help="worker processes (default: one per CPU; 1: no workers); more than the CPUs "
        "is capped to them unless --force-jobs",
    )
    p.add_argument("--force-jobs", action="store_true", help="run --jobs N workers even above the CPU count")
    p.add_argument(
        "--resume",
        action="store_true",
        help="with --format jsonl -o FILE: skip the ids already in FILE and append the rest",
    )
    p.add_argument(
        "--max-article-chars",
        type=int,
        metavar="N",
        help="refuse articles longer than N characters (default: max_article_chars in the "
        "configuration, else 2,000,000)",
    )
    p.add_argument(
        "--by",
        metavar="FIELD",
        help="with --format html -o DIR: DIR/index.html compares the groups of this input field (outlet)",
    )
    p.add_argument(
        "--over",
        metavar="FIELD",
        help="with --format html -o DIR: DIR/index.html's trend over this date field",
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
    from copydesk.inputs import walk

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
    from copydesk.inputs import detect_format, stdin_format

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
        from copydesk.batch import AuditError, default_jobs, map_audits
        from copydesk.cli.output_file import AtomicOutput, done_ids, open_output
        from copydesk.config.file import ConfigError
        from copydesk.inputs import INPUT_FORMATS, ReadOptions, iter_items
        from copydesk.packs.loader import PackError
        from copydesk.report.render import RENDERERS

        fmt = args.format
        formats = list(dict.fromkeys([*RENDERERS, *BATCH_FORMATS, *TABLE_FORMATS]))
        if fmt not in formats:
            return fail(f"unknown format {fmt!r} (choose from {', '.join(formats)})")
        if args.input_format not in INPUT_FORMATS:
            choices = ", ".join(INPUT_FORMATS)
            return fail(f"unknown --input-format {args.input_format!r} (choose from {choices})")
        if args.fail_under is not None and not 0 <= args.fail_under <= 100:
            return fail("--fail-under takes a score between 0 and 100")
        if args.jobs < 0:
            return fail("--jobs takes a number of processes (0: one per CPU)")
        if args.max_article_chars is not None and args.max_article_chars < 1:
            return fail("--max-article-chars takes a positive number of characters")
        if (args.by or args.over) and fmt != "html":
            return fail(
                "--by and --over shape the index page of --format html -o DIR; "
                "for a JSONL batch use copydesk summarize AUDITS.jsonl --by FIELD"
            )
        if fmt in TABLE_FORMATS:
            from copydesk.cli.parquet_out import MISSING_EXTRA, available

            if not available():
                return fail(MISSING_EXTRA)
        if args.resume and (fmt != "jsonl" or not args.output):
            return fail("--resume needs --format jsonl and -o FILE (the ids to skip are read from FILE)")
        jobs = args.jobs
        if jobs > default_jobs() and not args.force_jobs:
            sys.stderr.write(
                f"copydesk: warning: --jobs {jobs} is more than the {default_jobs()} CPUs this process "
                f"may use; running {default_jobs()} (--force-jobs to insist)\n"
            )
            jobs = default_jobs()
        try:
            loaded = effective_config(args)
            ruleset = ruleset_for(loaded)
        except (ConfigError, PackError) as exc:
            return fail(str(exc))
        warn_unmatched(loaded, ruleset)
        config = loaded.config
        if args.max_article_chars is not None:
            config = config.model_copy(update={"max_article_chars": args.max_article_chars})
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
        sink: AtomicOutput | None = None
        folder: Path | None = None
        done: set[str] = set()
        if fmt not in STREAM_FORMATS and (batch or fmt in TABLE_FORMATS):
            if not args.output:
                if fmt in TABLE_FORMATS:
                    tables = f"articles.{fmt} and findings.{fmt}"
                    return fail(f"--format {fmt} writes {tables}: give a folder with -o DIR")
                return fail(f"--format {fmt} writes one report per article: give a folder with -o DIR")
            folder = Path(args.output)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                return fail(f"-o {args.output}: cannot create the folder ({exc.strerror or exc})")
        elif args.output:
            if Path(args.output).is_dir():
                return fail(f"-o {args.output}: is a folder (--format {fmt} writes one file)")
            try:
                sink = open_output(args.output)
                if args.resume:
                    done = done_ids(args.output, sink.stream)
            except (OSError, UnicodeDecodeError) as exc:
                if sink is not None:
                    sink.discard()
                detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
                return fail(f"-o {args.output}: cannot write ({detail})")
            out = sink.stream
        else:
            out = sys.stdout
        color = out is sys.stdout and fmt == "text" and sys.stdout.isatty()

        tables = fmt in TABLE_FORMATS or (fmt == "html" and folder is not None)
        fn = partial(make_row, fmt=fmt, color=color, top_id=batch, tables=tables)
        show = not args.quiet and sys.stderr.isatty()
        progress = _Progress(show, _total_bytes(args.paths, options) if show else None)
        summary = Summary()
        try:
            writer = Writer(fmt, out, folder, batch, by=args.by, over=args.over)
        except OSError as exc:
            return fail(f"-o {args.output}: cannot write ({exc.strerror or exc})")
        _settle(ruleset, config)
    started = time.perf_counter()
    items = iter_items(args.paths, options)
    if done:
        items = _skip_done(items, done, summary)
    results = map_audits(items, fn, jobs=jobs, rules=ruleset, config=config, force_jobs=args.force_jobs)
    failure: OSError | None = None
    try:
        for meta, result in results:
            if isinstance(result, AuditError):
                summary.errors += 1
                progress.message(f"copydesk: {printable(result.error)}")
                writer.error(meta, result)
            else:
                summary.add(meta, result, fail_under)
                writer.report(meta, result)
            progress.advance(meta.size)
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as Unix tools do.
        with contextlib.suppress(OSError):
            sys.stdout = io.TextIOWrapper(open(os.devnull, "wb"))  # noqa: SIM115
        return EXIT_OK
    except OSError as exc:  # disk full, output folder removed under us, a symlink refused
        failure = exc
    finally:
        # Interrupted (SIGINT, SIGTERM), failed or done: stop the workers, then finish
        # the output so that -o holds a valid file (a JSON array closed), never a torn one.
        results.close()
        progress.stop()
        failure = _finish(writer, sink, failure)
    if failure is not None:
        fail(f"cannot write the output: {failure.strerror or failure}")
        return EXIT_INTERNAL
    seconds = time.perf_counter() - started
    if not args.quiet and (batch or fmt in BATCH_FORMATS):
        sys.stderr.write(summary.render(fail_under, seconds))
    if summary.errors:
        return EXIT_ERROR
    if summary.below:
        return EXIT_FAILED
    return EXIT_OK


def _finish(writer: Writer, sink: Any, failure: OSError | None) -> OSError | None:
    """Close the output; rename it into place unless writing it failed."""
    try:
        writer.close()
        if sink is not None and failure is None:
            sink.commit()
    except OSError as exc:
        failure = failure or exc
    if failure is not None:
        writer.discard()
    if sink is not None and failure is not None:
        sink.discard()  # a write failed: -o keeps what it held, no torn file replaces it
    return failure


def _skip_done(items: Iterator[Any], done: set[str], summary: Summary) -> Iterator[Any]:
    for item in items:
        if item.id in done:
            summary.skipped += 1
        else:
            yield item


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
