"""The `copydesk` command and its exit codes (docs/pipelines.md, "Exit codes").

0 passed; 1 an article scored below --fail-under (or a pack's examples failed); 2 some
input could not be audited, or none could because the command line or the
configuration was wrong; 3 copydesk itself failed (the output could not be written, an
internal error); 130 / 143 stopped by SIGINT / SIGTERM. Nothing else: an unforeseen
exception is code 3 with one line, never Python's 1, which a CI gate reads as a score.
"""

from __future__ import annotations

import argparse
import importlib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

from copydesk import __version__
from copydesk.report.escape import printable

# Subcommand modules, each with `add_parser(subparsers)`; imported lazily per run.
COMMANDS = (
    "copydesk.cli.audit_cmd",
    "copydesk.cli.rules_cmd",
    "copydesk.cli.schema_cmd",
    "copydesk.cli.exercise_cmd",
    "copydesk.cli.config_cmd",
    "copydesk.cli.serve_cmd",
    "copydesk.cli.summarize_cmd",
)

EXIT_OK, EXIT_FAILED, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 3
EXIT_SIGINT, EXIT_SIGTERM = 128 + signal.SIGINT, 128 + signal.SIGTERM


class Terminated(BaseException):
    """SIGTERM, raised in the main thread like KeyboardInterrupt is for SIGINT, so that
    the same clean-up runs: workers stopped, the output finished and renamed."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse's usage block is noise in a CI log: one line, exit 2.
        sys.stderr.write(f"copydesk: {message} (see copydesk --help)\n")
        raise SystemExit(EXIT_ERROR)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="copydesk",
        description="Audit news articles the way a sharp copy editor would.",
    )
    parser.add_argument("--version", action="version", version=f"copydesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for module in COMMANDS:
        importlib.import_module(module).add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        with _sigterm_raises():
            return int(args.run(args))
    except KeyboardInterrupt:
        sys.stderr.write("copydesk: interrupted\n")
        return EXIT_SIGINT
    except Terminated:
        sys.stderr.write("copydesk: terminated\n")
        return EXIT_SIGTERM
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("COPYDESK_DEBUG"):
            raise
        detail = printable(" ".join(f"{type(exc).__name__}: {exc}".split())[:300])
        sys.stderr.write(f"copydesk: internal error ({detail}); set COPYDESK_DEBUG=1 for a traceback\n")
        return EXIT_INTERNAL


@contextmanager
def _sigterm_raises() -> Iterator[None]:
    def on_term(signum: int, frame: FrameType | None) -> None:
        raise Terminated

    try:
        previous = signal.signal(signal.SIGTERM, on_term)
    except ValueError:  # not the main thread: leave signals to whoever owns it
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def fail(message: str) -> int:
    sys.stderr.write(f"copydesk: {printable(message)}\n")
    return EXIT_ERROR
