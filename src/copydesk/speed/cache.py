"""Rule sets and engines, loaded or compiled once and kept: in the process and on disk.

``cached_rules(folders)`` returns the rule set of those pack folders: from this
process's memory, else from the on-disk snapshot (snapshot.py), else by loading the
packs (with a wheel's pre-parsed manifest, manifest.py). ``cached_engine(rules,
config)`` returns the engine compiled from a rule set for a config, and ``derived(rules,
name, build)`` a value computed from a rule set alone (e.g. the attribution word lists).

What a rule set has had computed from it is kept here, keyed by its fingerprint (the
digest of the pack files and code it came from), or for a set built in memory by its
identity. A fingerprinted set's engines and derived values are written to its snapshot,
so the next process loads them instead of compiling them again; a worker process given
a copy of the set finds them there too.

Nothing here pauses the garbage collector: the public entry points do (collector.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from copydesk.config.model import Config
from copydesk.engine import Engine
from copydesk.packs.loader import MAX_FILE_BYTES, RuleSet, build_ruleset, load_pack, pack_folders
from copydesk.speed import manifest, snapshot

T = TypeVar("T")

# Engines written to a rule set's snapshot: one per config a user actually runs with.
SNAPSHOT_ENGINES = 4
# Sets built in memory whose engines are kept (by identity, so each is kept alive).
IN_MEMORY_SETS = 32


class Snapshot(NamedTuple):
    """What is written to disk for one fingerprinted rule set."""

    ruleset: RuleSet
    engines: dict[str, Engine]  # by the config's JSON
    derived: dict[str, Any]  # by name


class _Kept:
    """What this process has computed from one rule set."""

    __slots__ = ("derived", "engines", "ruleset")

    def __init__(self, ruleset: RuleSet, engines: dict[str, Engine], derived: dict[str, Any]) -> None:
        self.ruleset = ruleset
        self.engines = engines
        self.derived = derived


_BY_FINGERPRINT: dict[str, _Kept] = {}
_IN_MEMORY: dict[int, _Kept] = {}
_DEFAULT: list[Engine] = []  # the engine for no rules and no config, once built


def cached_rules(folders: Sequence[str | Path] | None = None) -> RuleSet:
    """The rule set of these pack folders (absolute paths; default: the default pack)."""
    return _rules(pack_folders() if folders is None else tuple(str(f) for f in folders))


@lru_cache(maxsize=8)
def _rules(folders: tuple[str, ...]) -> RuleSet:
    key = snapshot.key_for(folders, MAX_FILE_BYTES) if snapshot.cache_dir() else None
    if key is not None:
        stored = snapshot.load(key)
        if isinstance(stored, Snapshot) and stored.ruleset.fingerprint == key:
            _BY_FINGERPRINT[key] = _Kept(stored.ruleset, dict(stored.engines), dict(stored.derived))
            return stored.ruleset
    ruleset = build_ruleset(load_pack(f, manifest.parser_for(f)) for f in folders)
    return replace(ruleset, fingerprint=key)


def cached_engine(rules: RuleSet | None = None, config: Config | None = None) -> Engine:
    """The engine for these rules (default: the packs the config names) and config."""
    if rules is None and config is None:
        # copydesk.audit(text) with no options: skip resolving the default pack's path
        # and serialising a default Config on every call (~2% of an audit).
        if not _DEFAULT:
            _DEFAULT.append(cached_engine(None, Config()))
        return _DEFAULT[0]
    config = config or Config()
    if rules is None:
        rules = cached_rules(pack_folders(config.packs, include_default=config.default_pack))
    kept = _kept(rules)
    config_key = config.model_dump_json()
    engine = kept.engines.get(config_key)
    if engine is None:
        engine = Engine.build(rules, config)
        kept.engines[config_key] = engine
        if rules.fingerprint is not None and len(kept.engines) <= SNAPSHOT_ENGINES:
            # The next process loads this set and engine from the snapshot.
            snapshot.save(rules.fingerprint, Snapshot(rules, dict(kept.engines), dict(kept.derived)))
    return engine


def derived(rules: RuleSet, name: str, build: Callable[[RuleSet], T]) -> T:
    """``build(rules)``, computed once per rule set and saved with its snapshot."""
    kept = _kept(rules)
    if name not in kept.derived:
        kept.derived[name] = build(rules)
    value: T = kept.derived[name]
    return value


def clear() -> None:
    """Forget everything kept in this process (the snapshots on disk stay)."""
    _rules.cache_clear()
    _BY_FINGERPRINT.clear()
    _IN_MEMORY.clear()
    _DEFAULT.clear()


def _kept(rules: RuleSet) -> _Kept:
    fingerprint = rules.fingerprint
    if fingerprint is None:
        kept = _IN_MEMORY.get(id(rules))
        if kept is None or kept.ruleset is not rules:
            if len(_IN_MEMORY) >= IN_MEMORY_SETS:
                _IN_MEMORY.clear()
            kept = _IN_MEMORY[id(rules)] = _Kept(rules, {}, {})
        return kept
    kept = _BY_FINGERPRINT.get(fingerprint)
    if kept is None:
        # A copy of a set this process did not load (a spawned worker's): its snapshot
        # holds what the loading process compiled. The same fingerprint is the same rules.
        stored = snapshot.load(fingerprint)
        if isinstance(stored, Snapshot) and stored.ruleset.fingerprint == fingerprint:
            kept = _Kept(rules, dict(stored.engines), dict(stored.derived))
        else:
            kept = _Kept(rules, {}, {})
        _BY_FINGERPRINT[fingerprint] = kept
    return kept


__all__ = ["Snapshot", "cached_engine", "cached_rules", "clear", "derived"]
