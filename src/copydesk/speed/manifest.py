"""The pre-parsed pack manifest: a wheel's pack YAML, parsed once at build time.

``setup.py`` writes ``_compiled.json`` beside the pack it ships: each YAML file's
parsed data keyed by its path and SHA-256. Parsing YAML costs ~0.3 s for the default
pack even with libyaml; reading the JSON costs milliseconds. A file whose bytes no
longer match its hash is parsed as usual, so an edited pack is never served old data.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from copydesk.packs.loader import PackError, Parse, parse_yaml_bytes

NAME = "_compiled.json"


def parser_for(folder: str | Path) -> Parse:
    """A parse function for ``load_pack`` that takes a file's data from the folder's
    manifest when its hash matches, and parses the YAML otherwise."""
    folder = Path(folder)
    manifest = _read(folder)
    if not manifest:
        return parse_yaml_bytes

    def parse(path: Path, data: bytes) -> Any:
        entry = manifest.get(path.relative_to(folder).as_posix())
        if isinstance(entry, dict) and entry.get("sha256") == hashlib.sha256(data).hexdigest():
            return entry.get("data")
        return parse_yaml_bytes(path, data)

    return parse


def _read(folder: Path) -> dict[str, Any]:
    try:
        data = json.loads((folder / NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write(pack: Path) -> None:
    """Pre-parse a pack's YAML into its manifest (called by setup.py on a built copy).

    The data is parsed with the same safe loader copydesk uses; a file the loader
    refuses is left out, so the error still surfaces when the pack is loaded.
    """
    manifest = {}
    for path in sorted(pack.rglob("*")):
        if path.suffix not in (".yml", ".yaml"):
            continue
        data = path.read_bytes()
        try:
            parsed = parse_yaml_bytes(path, data)
            json.dumps(parsed)
        except (PackError, TypeError, ValueError):
            continue  # refused, or holds values JSON cannot carry (YAML dates): parse at load
        manifest[path.relative_to(pack).as_posix()] = {
            "sha256": hashlib.sha256(data).hexdigest(),
            "data": parsed,
        }
    (pack / NAME).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


__all__ = ["NAME", "parser_for", "write"]
