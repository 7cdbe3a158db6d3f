"""Load and validate rule packs. Packs are untrusted data.

YAML is read with a safe loader that constructs plain data only; files are size
bounded and alias expansion ("billion laughs") is rejected. Every error names the
file, the rule id and the field, because the people who write packs are editors
and teachers: the error message is their debugger.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from copydesk.kinds.base import PackMeta, RuleBase
from copydesk.kinds.registry import checks_with_field, lookup

MAX_FILE_BYTES = 2_000_000
MAX_FILES = 500


class PackError(ValueError):
    """A rule pack could not be loaded; the message names the file, rule and field."""


class Pack(NamedTuple):
    # A tuple, not a frozen dataclass: generating one costs ~1 ms of every start-up.
    meta: PackMeta
    path: Path
    rules: tuple[RuleBase, ...]


@dataclass(frozen=True)
class RuleSet:
    """All rules of the packs in use, by id, in load order: a plain value.

    What is computed from a rule set (its compiled engines, word lists) is kept by
    ``copydesk.speed``, keyed by the fingerprint, not carried here.
    """

    packs: tuple[Pack, ...]
    rules: tuple[RuleBase, ...] = field(default=())
    # Digest of the pack files and code this set came from (see copydesk.speed); None
    # for sets built in memory, which are never saved to disk.
    fingerprint: str | None = field(default=None, compare=False)

    @property
    def by_id(self) -> dict[str, RuleBase]:
        return {r.id: r for r in self.rules}

    @property
    def name(self) -> str:
        return "+".join(p.meta.name for p in self.packs)

    @property
    def version(self) -> str:
        return "+".join(p.meta.version for p in self.packs)


def default_pack_path() -> Path:
    """The default pack: inside the installed package, or the checkout's rules/."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_pack"
    if packaged.is_dir():
        return packaged
    checkout = here.parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise PackError("the default rule pack is missing from this installation")


def parse_yaml_bytes(path: Path, data: bytes) -> Any:
    try:
        raw = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise PackError(f"{path}: cannot read as UTF-8 ({exc})") from None
    return _parse_yaml(path, raw)


def _read_bytes(path: Path) -> bytes:
    """A pack file's bytes: a regular file of at most MAX_FILE_BYTES, or a PackError.

    Opened without blocking and checked on the open descriptor, so a FIFO or a device
    (a symlink to /dev/zero reports size 0) is refused instead of read forever; the
    read itself stops one byte past the limit whatever the size said.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise PackError(f"{path}: cannot read ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise PackError(f"{path}: not a regular file; a pack file must be a plain file")
        if info.st_size > MAX_FILE_BYTES:
            raise PackError(
                f"{path}: file is {info.st_size} bytes; pack files are limited to {MAX_FILE_BYTES}"
            )
        chunks: list[bytes] = []
        left = MAX_FILE_BYTES + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        if len(data) > MAX_FILE_BYTES:
            raise PackError(f"{path}: file is over {MAX_FILE_BYTES} bytes; pack files are limited to that")
        return data
    except OSError as exc:
        raise PackError(f"{path}: cannot read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)


# How a pack file's bytes become data: YAML by default; copydesk.speed passes one that
# first looks in a wheel's pre-parsed manifest.
Parse = Callable[[Path, bytes], Any]


def _safe_load(path: Path, parse: Parse) -> Any:
    return parse(path, _read_bytes(path))


def _parse_yaml(path: Path, raw: str) -> Any:
    import yaml

    # libyaml when available: the pure-Python parser takes seconds on a large pack.
    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        loader = loader_class(raw)
        try:
            node = loader.get_single_node()
            if node is None:
                return None
            _reject_aliases(path, node)
            return loader.construct_document(node)
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(f"{path}: {where}invalid YAML ({problem})") from None


def _reject_aliases(path: Path, root: Any) -> None:
    """Anchors and aliases let a tiny file expand into gigabytes; packs never need them.

    An alias shows up in the composed graph as a node reached twice.
    """
    import yaml

    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            raise PackError(
                f"{path}: line {node.start_mark.line + 1}: YAML aliases (*name) are not allowed in packs"
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.append(key)
                stack.append(value)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)


def _format_validation(path: Path, rule_id: str, exc: ValidationError, raw: Any = None) -> str:
    parts = []
    errors = exc.errors()
    for err in errors[:3]:
        loc = ".".join(str(x) for x in err["loc"]) or "(rule)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown field"
            if isinstance(raw, dict) and len(err["loc"]) == 1:
                owners = checks_with_field(str(raw.get("kind")), str(err["loc"][0]))
                if owners:
                    msg += f" for check {raw.get('check')!r} (a field of: {', '.join(owners)})"
        value = err.get("input")
        if isinstance(value, bool) and err["type"] == "string_type":
            # YAML 1.1 reads bare yes/no/on/off as booleans.
            msg += f" (YAML read a bare word as {value}; put it in quotes)"
        term = _term_name(raw, err["loc"])
        if term:
            loc += f" (term '{term}')"
        parts.append(f"field '{loc}': {msg}")
    if len(errors) > 3:
        parts.append(f"and {len(errors) - 3} more")
    return f"{path}: rule '{rule_id}': " + "; ".join(parts)


def _term_name(raw: Any, loc: tuple[Any, ...]) -> str | None:
    if isinstance(raw, dict) and len(loc) >= 2 and loc[0] == "terms" and isinstance(loc[1], int):
        terms = raw.get("terms")
        if isinstance(terms, list) and loc[1] < len(terms):
            term = terms[loc[1]]
            return str(term.get("term") if isinstance(term, dict) else term)[:60]
    return None


def load_pack(folder: str | Path, parse: Parse = parse_yaml_bytes) -> Pack:
    folder = Path(folder)
    if not folder.is_dir():
        raise PackError(f"{folder}: not a folder (a rule pack is a folder of YAML files)")
    meta_path = folder / "pack.yml"
    if meta_path.is_file():
        data = _safe_load(meta_path, parse)
        if not isinstance(data, dict):
            raise PackError(f"{meta_path}: expected a mapping with name and version")
        try:
            meta = PackMeta.model_validate(data)
        except ValidationError as exc:
            raise PackError(_format_validation(meta_path, "(pack)", exc)) from None
    else:
        meta = PackMeta(name=folder.name, version="0")
    files = sorted(p for p in folder.rglob("*") if p.suffix in (".yml", ".yaml") and p.name != "pack.yml")
    if len(files) > MAX_FILES:
        raise PackError(f"{folder}: {len(files)} YAML files; a pack is limited to {MAX_FILES}")
    rules: list[RuleBase] = []
    for path in files:
        rules.extend(_load_rules_file(path, parse))
    return Pack(meta, folder, tuple(rules))


def _load_rules_file(path: Path, parse: Parse) -> Iterable[RuleBase]:
    data = _safe_load(path, parse)
    if data is None:
        return []
    if not isinstance(data, dict) or set(data) != {"rules"} or not isinstance(data["rules"], list):
        raise PackError(f"{path}: expected a mapping with one key, 'rules', holding a list")
    out: list[RuleBase] = []
    for index, raw in enumerate(data["rules"]):
        if not isinstance(raw, dict):
            raise PackError(f"{path}: rule #{index + 1}: expected a mapping")
        rule_id = str(raw.get("id", f"#{index + 1}"))
        found = lookup(raw)
        if isinstance(found, str):
            raise PackError(f"{path}: rule '{rule_id}': {found}")
        try:
            out.append(found.model.model_validate(raw))
        except ValidationError as exc:
            raise PackError(_format_validation(path, rule_id, exc, raw)) from None
    return out


def build_ruleset(packs: Iterable[Pack]) -> RuleSet:
    packs = tuple(packs)
    seen: dict[str, Path] = {}
    rules: list[RuleBase] = []
    for pack in packs:
        for rule in pack.rules:
            if rule.id in seen:
                raise PackError(
                    f"{pack.path}: rule '{rule.id}': duplicate id (also defined in {seen[rule.id]})"
                )
            seen[rule.id] = pack.path
            rules.append(rule)
    return RuleSet(packs, tuple(rules))


def pack_folders(extra: Iterable[str | Path] = (), *, include_default: bool = True) -> tuple[str, ...]:
    """The folders of the packs in use, as absolute paths: the default pack first."""
    folders = [str(default_pack_path())] if include_default else []
    folders.extend(str(Path(p).resolve()) for p in extra)
    return tuple(folders)
