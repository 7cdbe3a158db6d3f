"""`copydesk rules list | show ID | explain ID | test [DIR...]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from copydesk.cli import EXIT_ERROR, EXIT_FAILED, EXIT_OK, fail
from copydesk.cli.config_cmd import add_config_options, effective_config, ruleset_for

if TYPE_CHECKING:
    from copydesk.packs.loader import RuleSet


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("rules", help="list, explain and test rules")
    add_config_options(p)
    rsub = p.add_subparsers(dest="rules_command", metavar="ACTION")
    rsub.required = True
    lst = rsub.add_parser("list", help="list the rules in use")
    lst.add_argument("--dimension", help="only this dimension")
    lst.add_argument("--all", action="store_true", help="also the rules the configuration disables")
    lst.set_defaults(run=run_list)
    for name in ("show", "explain"):
        show = rsub.add_parser(name, help="a rule's message, explanation and examples")
        show.add_argument("rule_id")
        show.set_defaults(run=run_show)
    test = rsub.add_parser(
        "test",
        help="run rule packs' own examples; report each example that fails",
        description="Run every rule's examples: each `flag` example must be flagged by the "
        "rule, each `pass` example must not. With no DIR, tests the packs in use. "
        "Exit 0: all passed; 1: an example failed; 2: a pack could not be loaded.",
    )
    test.add_argument("dirs", nargs="*", metavar="DIR", help="rule pack folders to test")
    test.add_argument("--rule", action="append", metavar="ID", help="only this rule (repeatable)")
    test.set_defaults(run=run_test)


def _ruleset(args: argparse.Namespace) -> RuleSet:
    return ruleset_for(effective_config(args))


def run_list(args: argparse.Namespace) -> int:
    from copydesk.config.file import ConfigError
    from copydesk.packs.loader import PackError

    try:
        loaded = effective_config(args)
        ruleset = ruleset_for(loaded)
    except (ConfigError, PackError) as exc:
        return fail(str(exc))
    rules_config = loaded.config.rules
    out = sys.stdout
    for rule in ruleset.rules:
        if args.dimension and rule.dimension.value != args.dimension:
            continue
        enabled = rules_config.is_enabled(rule.id)
        if not enabled and not args.all:
            continue
        size = ""
        terms = getattr(rule, "terms", None)
        if terms is not None:
            size = f" ({len(terms)} terms)"
        severity = (rules_config.severity_for(rule.id) or rule.severity).value
        flag = "" if enabled else "  [disabled by config]"
        out.write(f"{rule.id:32} {rule.dimension.value:16} {severity:8} {rule.kind}{size}{flag}\n")
    return EXIT_OK


def run_show(args: argparse.Namespace) -> int:
    from copydesk.config.file import ConfigError
    from copydesk.packs.loader import PackError

    try:
        ruleset = _ruleset(args)
    except (ConfigError, PackError) as exc:
        return fail(str(exc))
    rule = ruleset.by_id.get(args.rule_id)
    if rule is None:
        import difflib

        close = difflib.get_close_matches(args.rule_id, list(ruleset.by_id), n=5, cutoff=0.6)
        close += [r for r in ruleset.by_id if r.startswith(args.rule_id.split(".")[0] + ".")]
        close = list(dict.fromkeys(close))
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
    return EXIT_OK


def run_test(args: argparse.Namespace) -> int:
    from copydesk.config.file import ConfigError
    from copydesk.packs.loader import PackError, build_ruleset, load_pack
    from copydesk.packs.selftest import rule_files, run_examples
    from copydesk.speed.collector import collector_paused

    try:
        if args.dirs:
            packs = [load_pack(d) for d in args.dirs]
            ruleset = build_ruleset(packs)
        else:
            ruleset = _ruleset(args)
    except (ConfigError, PackError) as exc:
        sys.stderr.write(f"copydesk: {exc}\n")
        return EXIT_ERROR
    if args.rule:
        unknown = [r for r in args.rule if r not in ruleset.by_id]
        if unknown:
            return fail(f"no rule '{unknown[0]}' in the packs tested")
    with collector_paused():  # an engine and a few audits per rule
        result = run_examples(ruleset, only=args.rule)
    files = {}
    for pack in ruleset.packs:
        files.update(rule_files(pack.path))
    out = sys.stdout
    for failure in result.failures:
        where = files.get(failure.rule_id)
        prefix = f"{_relative(where)}: " if where else ""
        out.write(f"FAIL {prefix}{failure}\n")
    names = ", ".join(f"{p.meta.name} ({_relative(p.path)})" for p in ruleset.packs)
    summary = f"{result.rules} rules, {result.examples} examples in {names}"
    if result.ok:
        out.write(f"ok: {summary}: all pass\n")
        return EXIT_OK
    bad_examples = sum(1 for f in result.failures if f.expect != "suggestion")
    bad_suggestions = len(result.failures) - bad_examples
    what = f"{bad_examples} of {result.examples} examples failed"
    if bad_suggestions:
        what += f", {bad_suggestions} suggestions are flagged by the pack itself"
    out.write(f"{what} ({summary})\n")
    return EXIT_FAILED


def _relative(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
