"""`copydesk audit FILE... | -`: audit articles and print reports."""

from __future__ import annotations

import argparse
import sys

from . import EXIT_ERROR, EXIT_FAILED, EXIT_OK, fail


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("audit", help="audit articles (files, or - for stdin)")
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files, or - for stdin")
    p.add_argument("--format", "-f", default="text", help="text (default) or json")
    p.add_argument("-o", "--output", metavar="PATH", help="write the report here instead of stdout")
    p.add_argument(
        "--fail-under", type=float, metavar="SCORE", help="exit 1 when an article scores below SCORE"
    )
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..api import audit
    from ..inputs import InputError, read_article
    from ..report.render import RENDERERS, render
    from ..rules.loader import PackError, load_rules

    if args.format not in RENDERERS:
        return fail(f"unknown format {args.format!r} (choose from {', '.join(RENDERERS)})")
    if args.fail_under is not None and not 0 <= args.fail_under <= 100:
        return fail("--fail-under takes a score between 0 and 100")
    try:
        ruleset = load_rules(args.rules)
    except PackError as exc:
        return fail(str(exc))
    out = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    color = out is sys.stdout and sys.stdout.isatty()
    status = EXIT_OK
    try:
        for path in args.paths:
            try:
                article = read_article(path)
            except InputError as exc:
                sys.stderr.write(f"copydesk: {exc}\n")
                status = EXIT_ERROR
                continue
            report = audit(article, rules=ruleset)
            out.write(render(report, args.format, color=color))
            if args.fail_under is not None and report.score < args.fail_under and status == EXIT_OK:
                status = EXIT_FAILED
    finally:
        if out is not sys.stdout:
            out.close()
    return status
