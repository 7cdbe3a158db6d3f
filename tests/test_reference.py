"""Acceptance: the reference article against what a careful editor flags there.

Mirrors ../shared/tools/check_reference.py with a copy of the article and its expected
ranges kept in tests/data, so the project passes its tests when cloned alone.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import copydesk

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "russia-north-korea-labor.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(reference_text: str) -> copydesk.AuditReport:
    return copydesk.audit(reference_text)


def _hit(report: copydesk.AuditReport, item: dict, dimension: str | None) -> bool:
    return any(
        (dimension is None or f.dimension.value == dimension)
        and f.span.start < item["end"]
        and f.span.end > item["start"]
        for f in report.findings
    )


def _items(dimension: str, level: str) -> list[dict]:
    return [i for i in EXPECTED["expected"] if i["dimension"] == dimension and i["level"] == level]


def _assessed(report: copydesk.AuditReport, dimension: str) -> bool:
    return report.dimensions[dimension].assessed


@pytest.mark.parametrize("dimension", ["loaded_language"])
def test_must_items_found(report: copydesk.AuditReport, dimension: str) -> None:
    if not _assessed(report, dimension):
        pytest.fail(f"dimension {dimension} has no rules in the default pack")
    missed = [i["text"] for i in _items(dimension, "must") if not _hit(report, i, dimension)]
    assert not missed


def test_no_false_flags(report: copydesk.AuditReport) -> None:
    flagged = [i["text"] for i in EXPECTED["not_findings"] if _hit(report, i, None)]
    assert not flagged


def test_loaded_language_should_items_mostly_found(report: copydesk.AuditReport) -> None:
    should = _items("loaded_language", "should")
    found = [i for i in should if _hit(report, i, "loaded_language")]
    assert len(found) >= 0.8 * len(should)


def test_quoted_words_are_the_speakers(report: copydesk.AuditReport) -> None:
    quote = EXPECTED["quotes"][0]
    inside = [f for f in report.findings if quote["start"] <= f.span.start and f.span.end <= quote["end"]]
    assert all(f.in_quote and f.points == 0 for f in inside)


def test_scores_land_in_poor_range(report: copydesk.AuditReport) -> None:
    assert report.score < 60
    assert report.grade in {"D", "F"}
