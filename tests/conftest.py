from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"

# Rule-set snapshots (copydesk/snapshot.py) go to a folder of this run's own, inherited
# by the CLI subprocesses: tests never read or write the user's cache.
os.environ["COPYDESK_CACHE_DIR"] = tempfile.mkdtemp(prefix="copydesk-test-cache-")
os.environ.pop("COPYDESK_NO_CACHE", None)


@pytest.fixture(scope="session")
def reference_text() -> str:
    return (DATA / "russia-north-korea-labor.md").read_text(encoding="utf-8")


def write_pack(folder: Path, yaml_text: str, name: str = "rules.yml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(yaml_text, encoding="utf-8")
    return folder
