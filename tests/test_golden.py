"""Full reports of a fixed corpus stay exactly as recorded.

Speed work must not change a single result: every field of every report (findings,
offsets, messages, scores, figures, metrics) is compared with the expected JSON in
tests/data/golden/ (the examples/ reports are recorded once, in reports/, and checked by
tests/test_reports.py). When results change on purpose, regenerate them with
``python tests/data/golden/regenerate.py`` and review the diff.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

GOLDEN = Path(__file__).parent / "data" / "golden"

_spec = importlib.util.spec_from_file_location("golden_regenerate", GOLDEN / "regenerate.py")
assert _spec is not None and _spec.loader is not None
regenerate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(regenerate)

CORPUS = regenerate.corpus()
_SCRIPT = (
    "import sys, json; sys.path.insert(0, sys.argv[1]); import regenerate as r; "
    "print(json.dumps({n: json.loads(r.dump(r.report_of(p))) for n, p in r.seed_corpus().items()}))"
)


def _reports(seed: str) -> dict[str, Any]:
    """Every report of the corpus, audited in a fresh process with this hash seed."""
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, str(GOLDEN)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(done.stdout)  # type: ignore[no-any-return]


@pytest.fixture(scope="module")
def reports() -> dict[str, Any]:
    return _reports(regenerate.HASH_SEED)


def _differences(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Paths where two JSON values differ, for a readable failure."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        out = []
        for key in sorted(set(expected) | set(actual)):
            if key not in actual:
                out.append(f"{path}.{key}: missing")
            elif key not in expected:
                out.append(f"{path}.{key}: unexpected {json.dumps(actual[key])[:120]}")
            else:
                out.extend(_differences(expected[key], actual[key], f"{path}.{key}"))
        return out
    if isinstance(expected, list) and isinstance(actual, list) and len(expected) == len(actual):
        pairs = enumerate(zip(expected, actual, strict=True))
        return [d for i, (e, a) in pairs for d in _differences(e, a, f"{path}[{i}]")]
    if expected != actual:
        return [f"{path}: expected {json.dumps(expected)[:120]}, got {json.dumps(actual)[:120]}"]
    return []


def test_corpus_is_not_empty() -> None:
    assert len(CORPUS) >= 4
    for name in CORPUS:
        assert (GOLDEN / f"{name}.expected.json").exists(), f"run regenerate.py for {name}"
    recorded = {p.name.removesuffix(".expected.json") for p in GOLDEN.glob("*.expected.json")}
    assert recorded == set(CORPUS), "expected files with no article (or the reverse)"


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_report_is_unchanged(name: str, reports: dict[str, Any]) -> None:
    expected = json.loads((GOLDEN / f"{name}.expected.json").read_text(encoding="utf-8"))
    diffs = _differences(expected, reports[name])
    assert not diffs, (
        f"{len(diffs)} difference(s) in the report of {name}; if intended, run "
        "python tests/data/golden/regenerate.py\n" + "\n".join(diffs[:20])
    )


def test_reports_do_not_depend_on_the_hash_seed(reports: dict[str, Any]) -> None:
    """Set iteration order changes with PYTHONHASHSEED: no result may depend on it."""
    for seed in ("1", "2", "3"):
        other = _reports(seed)
        assert set(other) == set(reports) and len(reports) > len(CORPUS)
        for name in sorted(reports):
            diffs = _differences(reports[name], other[name])
            assert not diffs, f"hash seed {seed} changes the report of {name}:\n" + "\n".join(diffs[:10])
