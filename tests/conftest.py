from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
# The reference article is kept once, as an example; tests read it from there.
REFERENCE = Path(__file__).parents[1] / "examples" / "russia-north-korea-labor.md"

# Rule-set snapshots (copydesk/speed/snapshot.py) go to a folder of this run's own, inherited
# by the CLI subprocesses: tests never read or write the user's cache.
os.environ["COPYDESK_CACHE_DIR"] = tempfile.mkdtemp(prefix="copydesk-test-cache-")
os.environ.pop("COPYDESK_NO_CACHE", None)


@pytest.fixture(scope="session")
def reference_text() -> str:
    return REFERENCE.read_text(encoding="utf-8")


def write_pack(folder: Path, yaml_text: str, name: str = "rules.yml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(yaml_text, encoding="utf-8")
    return folder
