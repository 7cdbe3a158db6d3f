from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def reference_text() -> str:
    return (DATA / "russia-north-korea-labor.md").read_text(encoding="utf-8")


def write_pack(folder: Path, yaml_text: str, name: str = "rules.yml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(yaml_text, encoding="utf-8")
    return folder
