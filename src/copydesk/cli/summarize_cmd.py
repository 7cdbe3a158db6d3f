"""`copydesk summarize AUDITS.jsonl`: the corpus report of a batch's audits.

AUDITS is what `copydesk audit BATCH --format jsonl -o AUDITS.jsonl` wrote: one report
per line, with the input records' other fields (outlet, date, ...) under "fields".
--by FIELD compares the groups of one field side by side (95% confidence intervals);
--over FIELD draws the mean score over time from a date field. The page is one
self-contained HTML file (charts as inline SVG, no script, no network); --format json
gives the same figures as data. --links PREFIX links the articles that need an editor
first to their reports (PREFIX + the name `copydesk audit --format html -o DIR` gave
them, e.g. --links reports/).

Exit codes: 0 the report was written; 2 AUDITS could not be read (a line that is not a
copydesk report names its line); 3 the output could not be written.
"""

from __future__ import annotations

import argparse
import json
import sys

from copydesk.cli import EXIT_INTERNAL, EXIT_OK, fail


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "summarize",
        help="the corpus report of a batch's audits (JSONL): distributions, groups, costliest rules, trend",
        description=__doc__.split("\n\n", 1)[1] if __doc__ else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("audits", metavar="AUDITS.jsonl", help="audits written by copydesk audit --format jsonl")
    p.add_argument("--by", metavar="FIELD", help="compare the groups of this field (outlet, section, ...)")
    p.add_argument("--over", metavar="FIELD", help="the trend over this date field (ISO dates: 2026-03-01)")
    p.add_argument("--format", "-f", default="html", choices=("html", "json"), help="html (default) or json")
    p.add_argument("-o", "--output", metavar="PATH", help="write here instead of stdout")
    p.add_argument("--links", metavar="PREFIX", help="link articles to PREFIX<id>.html, their HTML reports")
    p.add_argument("--title", default="Corpus report", help="the page's title")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from copydesk.cli.output_file import open_output
    from copydesk.corpus import render_html, summarize

    try:
        figures = summarize(args.audits, by=args.by, over=args.over, links=args.links)
    except FileNotFoundError:
        return fail(f"{args.audits}: no such file")
    except (OSError, UnicodeDecodeError) as exc:
        return fail(f"{args.audits}: cannot read ({getattr(exc, 'strerror', None) or exc})")
    except ValueError as exc:
        return fail(str(exc))
    if args.by and figures.get("groups") and all(g["group"] == "(none)" for g in figures["groups"]):
        sys.stderr.write(f"copydesk: warning: no audit has a field {args.by!r}: one group\n")
    if args.format == "json":
        text = json.dumps(figures, indent=2, ensure_ascii=False) + "\n"
    else:
        text = render_html(figures, title=args.title)
    if not args.output:
        sys.stdout.write(text)
        return EXIT_OK
    try:
        sink = open_output(args.output)
        try:
            sink.stream.write(text)
        except BaseException:
            sink.discard()
            raise
        sink.commit()
    except OSError as exc:
        fail(f"-o {args.output}: cannot write ({exc.strerror or exc})")
        return EXIT_INTERNAL
    return EXIT_OK
