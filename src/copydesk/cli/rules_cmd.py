"""`copydesk rules list | show ID | explain ID`."""

from __future__ import annotations

import argparse
import sys

from . import fail


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rules", help="list and explain rules")
    p.add_argument("--rules", action="append", default=[], metavar="DIR", help="add a rule pack")
    rsub = p.add_subparsers(dest="rules_command", metavar="ACTION")
    rsub.required = True
    lst = rsub.add_parser("list", help="list the rules in use")
    lst.add_argument("--dimension", help="only this dimension")
    lst.set_defaults(run=run_list)
    for name in ("show", "explain"):
        show = rsub.add_parser(name, help="a rule's message, explanation and examples")
        show.add_argument("rule_id")
        show.set_defaults(run=run_show)


def _ruleset(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from ..rules.loader import load_rules

    return load_rules(args.rules)


def run_list(args: argparse.Namespace) -> int:
    from ..rules.loader import PackError

    try:
        ruleset = _ruleset(args)
    except PackError as exc:
        return fail(str(exc))
    out = sys.stdout
    for rule in ruleset.rules:
        if args.dimension and rule.dimension.value != args.dimension:
            continue
        size = ""
        terms = getattr(rule, "terms", None)
        if terms is not None:
            size = f" ({len(terms)} terms)"
        out.write(f"{rule.id:32} {rule.dimension.value:16} {rule.severity.value:8} {rule.kind}{size}\n")
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..rules.loader import PackError

    try:
        ruleset = _ruleset(args)
    except PackError as exc:
        return fail(str(exc))
    rule = ruleset.by_id.get(args.rule_id)
    if rule is None:
        close = [r for r in ruleset.by_id if r.startswith(args.rule_id.split(".")[0])]
        hint = f" (did you mean: {', '.join(close[:5])})" if close else ""
        return fail(f"no rule '{args.rule_id}'{hint}")
    out = sys.stdout
    out.write(f"{rule.id}  [{rule.dimension.value}, {rule.severity.value}, kind {rule.kind}]\n\n")
    out.write(f"Message: {rule.message}\n\n{rule.explanation.strip()}\n")
    if rule.suggestion:
        out.write(f"\nSuggestion: {rule.suggestion}\n")
    if rule.link:
        out.write(f"More: {rule.link}\n")
    terms = getattr(rule, "terms", None)
    if terms:
        shown = ", ".join(t.term for t in terms[:40])
        more = f" ... and {len(terms) - 40} more" if len(terms) > 40 else ""
        out.write(f"\nTerms ({len(terms)}): {shown}{more}\n")
    out.write("\nFlags:\n" + "".join(f"  - {e}\n" for e in rule.examples.flag))
    out.write("Leaves alone:\n" + "".join(f"  - {e}\n" for e in rule.examples.pass_))
    return 0
