"""Inputs the fuzzer (fuzz/fuzz_audit.py) once crashed on, kept so they never return."""

from __future__ import annotations

from pathlib import Path

import pytest

import copydesk
from copydesk.inputs import InputError, decode

CASES = sorted((Path(__file__).parent / "fuzz_regressions").glob("*.bin"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_fuzz_regression(path: Path) -> None:
    try:
        text = decode(path.read_bytes(), path.name)
    except InputError:
        return
    report = copydesk.audit(text)
    for f in report.findings:
        assert text[f.span.start : f.span.end] == f.excerpt


def test_regressions_are_present() -> None:
    assert CASES, "the fuzz regression corpus is missing"
