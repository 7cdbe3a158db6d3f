"""Reading the configuration: ``copydesk.toml`` or ``[tool.copydesk]`` in ``pyproject.toml``.

The file is found by walking up from the working directory; in each folder
``copydesk.toml`` wins over a ``pyproject.toml`` that has a ``[tool.copydesk]``
table (a ``pyproject.toml`` without one is passed over). ``--config PATH`` names a
file directly. The settings are validated into :class:`copydesk.config.model.Config`; a
bad one is a one-line :class:`ConfigError` naming the file and the key.

    packs = ["house-style"]          # extra rule packs, relative to this file
    default_pack = true              # false: only the packs above
    fail_under = 70                  # the CLI's --fail-under when not given
    max_article_chars = 2000000      # longer articles are error records

    [rules]
    disable = ["loaded.*", "attribution.hedge"]
    enable = ["loaded.label"]        # back on, though a disable glob caught it
    severity = { "attribution.vague" = "error" }
    weight = { "loaded.*" = 0.5 }

    [dimensions.focus]
    scale = 8.0
    weight = 0.5

Keys may be written with ``-`` or ``_`` (``fail-under``, ``fail_under``).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Mapping
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any, NamedTuple

from pydantic import ValidationError

from copydesk.config.model import Config, DimensionConfig, RulesConfig

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

CONFIG_NAME = "copydesk.toml"
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1_000_000


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and key."""


class LoadedConfig(NamedTuple):
    """The effective configuration and where it came from (``path`` None: defaults)."""

    # A tuple, not a frozen dataclass: generating one costs ~1 ms of every start-up.
    config: Config
    path: Path | None = None
    table: str | None = None  # "tool.copydesk" when read from pyproject.toml

    @property
    def origin(self) -> str:
        if self.path is None:
            return "built-in defaults (no copydesk.toml or [tool.copydesk] found)"
        shown = display_path(self.path)
        return f"{shown} [{self.table}]" if self.table else shown


# ------------------------------------------------------------------ finding the file


def find_config(start: Path | None = None) -> tuple[Path, str | None] | None:
    """The nearest config file at or above ``start`` (default: the working directory)."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_NAME
        if own.is_file():
            return own, None
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _mentions_tool_table(pyproject):
            data = _read_toml(pyproject)
            tool = data.get("tool")
            if isinstance(tool, dict) and "copydesk" in tool:
                return pyproject, "tool.copydesk"
    return None


def _mentions_tool_table(path: Path) -> bool:
    # Parse a pyproject.toml only when it can hold our table: someone else's broken
    # pyproject.toml further up must not break copydesk.
    try:
        with path.open("rb") as handle:
            return b"copydesk" in handle.read(MAX_CONFIG_BYTES)
    except OSError:
        return False


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"{path}: is a folder, not a config file") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if len(raw) > MAX_CONFIG_BYTES:
        raise ConfigError(f"{path}: {len(raw)} bytes; a config file is limited to {MAX_CONFIG_BYTES}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None


# ------------------------------------------------------------------ loading


def load_config(
    path: str | Path | None = None, *, cwd: Path | None = None, search: bool = True
) -> LoadedConfig:
    """``path`` if given, else the nearest config file (when ``search``), else defaults."""
    if path is not None:
        p = Path(path)
        data = _read_toml(p)
        if p.name == PYPROJECT:
            tool = data.get("tool")
            section = tool.get("copydesk") if isinstance(tool, dict) else None
            if section is None:
                raise ConfigError(f"{p}: no [tool.copydesk] table")
            return _loaded(section, p, "tool.copydesk")
        return _loaded(data, p, None)
    if search:
        found = find_config(cwd)
        if found is not None:
            file, table = found
            data = _read_toml(file)
            section = data["tool"]["copydesk"] if table else data
            return _loaded(section, file, table)
    return LoadedConfig(Config())


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it (shorter messages)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _loaded(section: Any, path: Path, table: str | None) -> LoadedConfig:
    where = f"{display_path(path)} [{table}]" if table else display_path(path)
    return LoadedConfig(config_from_mapping(section, where, path.resolve().parent), path, table)


_TOP_KEYS = tuple(Config.model_fields)
_RULES_KEYS = tuple(RulesConfig.model_fields)
_DIMENSION_KEYS = tuple(DimensionConfig.model_fields)


def config_from_mapping(data: Any, where: str, base_dir: Path | None = None) -> Config:
    """Validate a parsed TOML table into a :class:`Config`; pack paths resolved from ``base_dir``."""
    if not isinstance(data, Mapping):
        raise ConfigError(f"{where}: the copydesk settings must be a table")
    top = _keys(data, _TOP_KEYS, where, "")
    if "rules" in top:
        if not isinstance(top["rules"], Mapping):
            raise ConfigError(f"{where}: key 'rules': must be a table ([rules])")
        rules = _keys(top["rules"], _RULES_KEYS, where, "rules.")
        for name in ("disable", "enable"):
            if isinstance(rules.get(name), str):
                rules[name] = [rules[name]]  # one id needs no list
        top["rules"] = rules
    if "dimensions" in top:
        dims = top["dimensions"]
        if not isinstance(dims, Mapping):
            raise ConfigError(f"{where}: key 'dimensions': must be a table ([dimensions.NAME])")
        top["dimensions"] = {
            name: _keys(value, _DIMENSION_KEYS, where, f"dimensions.{name}.")
            if isinstance(value, Mapping)
            else value
            for name, value in dims.items()
        }
    if "packs" in top:
        top["packs"] = _resolve_packs(top["packs"], where, base_dir)
    try:
        return Config.model_validate(top)
    except ValidationError as exc:
        raise ConfigError(_format(where, exc)) from None


def _keys(table: Mapping[str, Any], known: tuple[str, ...], where: str, prefix: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name not in known:
            import difflib  # only to word this error

            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean '{prefix}{close[0]}'?)" if close else f" (known: {', '.join(known)})"
            raise ConfigError(f"{where}: key '{prefix}{key}': unknown key{hint}")
        out[name] = value
    return out


def _resolve_packs(value: Any, where: str, base_dir: Path | None) -> Any:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return value  # pydantic names the type problem
    resolved = []
    for index, entry in enumerate(value):
        if not isinstance(entry, str):
            raise ConfigError(f"{where}: key 'packs[{index}]': must be a folder path (a string)")
        folder = Path(entry).expanduser()
        if not folder.is_absolute() and base_dir is not None:
            folder = base_dir / folder
        if not folder.is_dir():
            raise ConfigError(f"{where}: key 'packs[{index}]': {entry!r} is not a folder ({folder})")
        resolved.append(str(folder.resolve()))
    return resolved


def _format(where: str, exc: ValidationError) -> str:
    err = exc.errors()[0]
    parts: list[str] = []
    for loc in err["loc"]:
        if loc == "[key]":
            continue
        if isinstance(loc, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{loc}]"]
        elif "." in str(loc) or "*" in str(loc):
            parts.append(json.dumps(str(loc)))
        else:
            parts.append(str(loc))
    key = ".".join(parts) or "(table)"
    msg = str(err["msg"]).removeprefix("Value error, ")
    if err["type"] == "extra_forbidden":
        msg = "unknown key"
    given = err.get("input")
    if given is not None and not isinstance(given, (dict, list)) and err["type"] != "extra_forbidden":
        msg += f" (got {given!r})"
    more = len(exc.errors()) - 1
    return f"{where}: key '{key}': {msg}" + (f"; and {more} more" if more else "")


# ------------------------------------------------------------------ checks and display


def unmatched_patterns(config: Config, rule_ids: list[str]) -> list[str]:
    """Settings that name no rule in use: almost always a typo worth a warning."""
    problems = []
    tables: list[tuple[str, tuple[str, ...]]] = [
        ("rules.disable", config.rules.disable),
        ("rules.enable", config.rules.enable),
        ("rules.severity", tuple(config.rules.severity)),
        ("rules.weight", tuple(config.rules.weight)),
    ]
    for key, patterns in tables:
        for pattern in patterns:
            if not any(fnmatchcase(rule_id, pattern) for rule_id in rule_ids):
                problems.append(f"{key}: {pattern!r} matches no rule in use")
    return problems


# Written by hand, not with tomli-w: tomli-w 1.2.0 over the same table drops the
# "# fail_under: not set" line (it writes no comments) and puts every non-empty array one
# item a line, so `copydesk config show` would change. What is written here is only
# strings, numbers, booleans and flat arrays; test_pipeline round-trips it through tomllib.
def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if hasattr(value, "value"):  # an enum
        return _toml_value(value.value)
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _toml_key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() else json.dumps(key)


def to_toml(config: Config) -> str:
    """The configuration as a ``copydesk.toml`` file (every setting, defaults included)."""
    lines = [
        f"packs = {_toml_value(list(config.packs))}",
        f"default_pack = {_toml_value(config.default_pack)}",
    ]
    if config.fail_under is not None:
        lines.append(f"fail_under = {_toml_value(config.fail_under)}")
    else:
        lines.append("# fail_under: not set")
    lines.append(f"max_article_chars = {_toml_value(config.max_article_chars)}")
    rules = config.rules
    lines += [
        "",
        "[rules]",
        f"disable = {_toml_value(list(rules.disable))}",
        f"enable = {_toml_value(list(rules.enable))}",
    ]
    for name in ("severity", "weight"):
        table: dict[str, Any] = getattr(rules, name)
        lines += ["", f"[rules.{name}]"]
        lines += [f"{_toml_key(k)} = {_toml_value(v)}" for k, v in table.items()]
    for dim, settings in config.dimensions.items():
        lines += ["", f"[dimensions.{dim.value}]"]
        for key, value in settings.model_dump().items():
            if value is not None:
                lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


__all__ = [
    "CONFIG_NAME",
    "ConfigError",
    "LoadedConfig",
    "config_from_mapping",
    "find_config",
    "load_config",
    "to_toml",
    "unmatched_patterns",
]
