from __future__ import annotations

import os
import signal
import tempfile
from collections.abc import Iterator
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


HANG_GUARD_SECONDS = 240


@pytest.fixture()
def hang_guard() -> Iterator[None]:
    """Fail a test that runs longer than HANG_GUARD_SECONDS instead of hanging the suite."""

    def on_alarm(signum: int, frame: object) -> None:
        raise TimeoutError(f"no result within {HANG_GUARD_SECONDS}s: the audit hangs")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(HANG_GUARD_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
