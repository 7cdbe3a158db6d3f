"""The `copydesk` command. Exit codes: 0 passed, 1 an article scored below --fail-under,
2 an input could not be audited or the command line was wrong."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from copydesk import __version__

# Subcommand modules, each with `add_parser(subparsers)`; imported lazily per run.
COMMANDS = (
    "copydesk.cli.audit_cmd",
    "copydesk.cli.rules_cmd",
    "copydesk.cli.schema_cmd",
    "copydesk.cli.exercise_cmd",
    "copydesk.cli.config_cmd",
)

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2


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
        return int(args.run(args))
    except KeyboardInterrupt:
        sys.stderr.write("copydesk: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK


def fail(message: str) -> int:
    sys.stderr.write(f"copydesk: {message}\n")
    return EXIT_ERROR
