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
    """Pre-parse the pack's YAML into JSON keyed by content hash (see copydesk/speed/manifest.py)."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "src"))
    try:
        from copydesk.speed import manifest
    finally:
        sys.path.pop(0)
    manifest.write(pack)


setup(cmdclass={"build_py": BuildWithPack})
