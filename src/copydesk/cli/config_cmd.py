"""`copydesk config show`: the effective configuration, and the config options every
command shares (--config PATH, --no-config, --rules DIR)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from copydesk.cli import EXIT_OK, fail

if TYPE_CHECKING:
    from copydesk.config.file import LoadedConfig
    from copydesk.packs.loader import RuleSet


def add_config_options(p: argparse.ArgumentParser, *, rules: bool = True) -> None:
    g = p.add_argument_group("configuration")
    g.add_argument(
        "--config",
        metavar="PATH",
        help="read settings from this copydesk.toml or pyproject.toml "
        "(default: the nearest one at or above the working directory)",
    )
    g.add_argument("--no-config", action="store_true", help="ignore configuration files")
    if rules:
        g.add_argument(
            "--rules",
            action="append",
            default=[],
            metavar="DIR",
            help="add a rule pack (a folder of YAML files); repeatable",
        )


def effective_config(args: argparse.Namespace) -> LoadedConfig:
    """The config file's settings plus the command line's --rules (raises ConfigError)."""
    from copydesk.config.file import ConfigError, LoadedConfig, load_config

    loaded = load_config(getattr(args, "config", None), search=not getattr(args, "no_config", False))
    extra = list(getattr(args, "rules", None) or [])
    if not extra:
        return loaded
    packs = list(loaded.config.packs)
    for folder in extra:
        p = Path(folder)
        if not p.is_dir():
            raise ConfigError(f"--rules {folder}: not a folder (a rule pack is a folder of YAML files)")
        packs.append(str(p.resolve()))
    config = loaded.config.model_copy(update={"packs": tuple(dict.fromkeys(packs))})
    return LoadedConfig(config, loaded.path, loaded.table)


def ruleset_for(loaded: LoadedConfig) -> RuleSet:
    """The packs the configuration names (raises PackError)."""
    from copydesk.api import load_rules

    return load_rules(loaded.config.packs, include_default=loaded.config.default_pack)


def warn_unmatched(loaded: LoadedConfig, ruleset: RuleSet) -> None:
    from copydesk.config.file import unmatched_patterns

    for problem in unmatched_patterns(loaded.config, [r.id for r in ruleset.rules]):
        sys.stderr.write(f"copydesk: warning: {loaded.origin}: {problem}\n")


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("config", help="show the effective configuration")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION")
    csub.required = True
    show = csub.add_parser("show", help="print the configuration in effect here (TOML, or --format json)")
    show.add_argument("--format", "-f", choices=("toml", "json"), default="toml")
    add_config_options(show)
    show.set_defaults(run=run_show)


def run_show(args: argparse.Namespace) -> int:
    from copydesk.config.file import ConfigError, to_toml
    from copydesk.packs.loader import PackError

    try:
        loaded = effective_config(args)
    except ConfigError as exc:
        return fail(str(exc))
    config = loaded.config
    try:
        ruleset = ruleset_for(loaded)
    except PackError as exc:
        return fail(str(exc))
    warn_unmatched(loaded, ruleset)
    ids = [r.id for r in ruleset.rules]
    off = [i for i in ids if not config.rules.is_enabled(i)]
    out = sys.stdout
    if args.format == "json":
        doc = {
            "source": str(loaded.path) if loaded.path else None,
            "table": loaded.table,
            "config": json.loads(config.model_dump_json()),
            "packs_in_use": [
                {"name": p.meta.name, "version": p.meta.version, "path": str(p.path)} for p in ruleset.packs
            ],
            "rules_in_use": [i for i in ids if i not in set(off)],
            "rules_disabled": off,
        }
        out.write(json.dumps(doc, indent=2) + "\n")
        return EXIT_OK
    out.write(f"# copydesk configuration from {loaded.origin}\n")
    packs = ", ".join(f"{p.meta.name} {p.meta.version} ({p.path})" for p in ruleset.packs)
    out.write(f"# rule packs in use: {packs or 'none'}\n")
    out.write(f"# rules: {len(ids) - len(off)} in use, {len(off)} disabled")
    out.write((": " + ", ".join(off)) if off else "")
    out.write("\n\n" + to_toml(config))
    return EXIT_OK
