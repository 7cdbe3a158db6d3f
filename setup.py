"""Ship the top-level ``rules/`` folder (the default pack) inside the wheel.

The pack lives at the repository root so editors find and review it as data, not
code; this hook copies it to ``copydesk/_pack`` when the package is built, so an
installed copydesk works from any directory.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithPack(build_py):
    def run(self) -> None:
        super().run()
        source = Path(__file__).parent / "rules"
        target = Path(self.build_lib) / "copydesk" / "_pack"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        _write_manifest(target)


def _write_manifest(pack: Path) -> None:
    """Pre-parse the pack's YAML into JSON keyed by content hash (see rules/loader.py).

    The data is parsed with the same safe loader copydesk uses; a file the loader
    refuses is left out, so the error still surfaces when the pack is loaded.
    """
    import hashlib
    import json
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "src"))
    try:
        from copydesk.packs.loader import COMPILED_MANIFEST, PackError, parse_yaml_bytes
    finally:
        sys.path.pop(0)
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
    (pack / COMPILED_MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")


setup(cmdclass={"build_py": BuildWithPack})
