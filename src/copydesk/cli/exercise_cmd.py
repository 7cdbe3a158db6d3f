"""`copydesk exercise ARTICLE -o worksheet.html`: a classroom worksheet that checks itself."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from copydesk.cli import EXIT_OK, fail
from copydesk.dimensions import DIMENSIONS


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "exercise",
        help="write a classroom worksheet (HTML) that checks the student's answers in the page",
    )
    p.add_argument("path", metavar="ARTICLE", help="the article file, or - for stdin")
    p.add_argument(
        "-o", "--output", metavar="PATH", help="write the worksheet here (default: stdout)"
    )
    exercises = [d.exercise for d in DIMENSIONS if d.exercise is not None]
    choices = [f"{e.choice} (default)" if k == 0 else e.choice for k, e in enumerate(exercises)]
    p.add_argument(
        "--task",
        choices=tuple(e.task for e in exercises),
        default=exercises[0].task,
        help="what the student looks for: " + ", ".join(choices[:-1]) + ", or " + choices[-1],
    )
    p.add_argument(
        "--answers",
        metavar="PATH",
        help="also write the teacher's answer key: Markdown for .md, HTML otherwise",
    )
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack")
    p.set_defaults(run=run)


def _write(path: str, content: str) -> None:
    Path(path).write_text(content, encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    from copydesk.api import audit, load_rules
    from copydesk.inputs import InputError, read_article
    from copydesk.packs.loader import PackError
    from copydesk.report.worksheet import answer_key_html, answer_key_markdown, worksheet_html

    try:
        ruleset = load_rules(args.rules)
    except PackError as exc:
        return fail(str(exc))
    try:
        article = read_article(args.path)
    except InputError as exc:
        return fail(str(exc))
    report = audit(article, rules=ruleset)
    page = worksheet_html(report, args.task)
    try:
        if args.output:
            _write(args.output, page)
        else:
            sys.stdout.write(page)
        if args.answers:
            markdown = Path(args.answers).suffix.lower() in (".md", ".markdown")
            key = (answer_key_markdown if markdown else answer_key_html)(report, args.task)
            _write(args.answers, key)
    except OSError as exc:
        return fail(f"cannot write {exc.filename}: {exc.strerror}")
    return EXIT_OK
