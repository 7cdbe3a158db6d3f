"""Acceptance: the reference article against what a careful editor flags there.

Mirrors ../shared/tools/check_reference.py with the article (examples/) and its expected
ranges (tests/data) kept in the repository, so the project passes its tests when cloned
alone. Every dimension the expected ranges cover is checked.
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


DIMENSIONS = sorted({i["dimension"] for i in EXPECTED["expected"]})


def test_expected_ranges_cover_every_dimension(report: copydesk.AuditReport, reference_text: str) -> None:
    # The data must point at the text it names, or every test below checks nothing.
    assert set(DIMENSIONS) == set(report.dimensions)
    for item in EXPECTED["expected"] + EXPECTED["not_findings"] + EXPECTED["quotes"]:
        assert reference_text[item["start"] : item["end"]] == item["text"]


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_must_items_found(report: copydesk.AuditReport, dimension: str) -> None:
    assert _assessed(report, dimension), f"dimension {dimension} has no rules in the default pack"
    must = _items(dimension, "must")
    assert must
    missed = [i["text"] for i in must if not _hit(report, i, dimension)]
    assert not missed


def test_no_false_flags(report: copydesk.AuditReport) -> None:
    assert EXPECTED["not_findings"]
    flagged = [i["text"] for i in EXPECTED["not_findings"] if _hit(report, i, None)]
    assert not flagged


@pytest.mark.parametrize("dimension", [d for d in DIMENSIONS if _items(d, "should")])
def test_should_items_mostly_found(report: copydesk.AuditReport, dimension: str) -> None:
    should = _items(dimension, "should")
    found = [i for i in should if _hit(report, i, dimension)]
    assert len(found) >= 0.8 * len(should), [i["text"] for i in should if i not in found]


def test_quoted_words_are_the_speakers(reference_text: str) -> None:
    """Loaded words inside the article's quotation are the speaker's: flagged, free of charge.

    The reference quote itself holds no loaded word, so the same words are put inside
    it and, in a second copy, outside it: only the outlet's own use may cost points.
    """
    quote = EXPECTED["quotes"][0]
    loaded = "stop the brutal regime"
    quoted = reference_text[: quote["start"]] + loaded + reference_text[quote["end"] :]
    at = quote["start"]

    def within(text: str) -> list[copydesk.Finding]:
        found = copydesk.audit(text).findings
        return [f for f in found if at <= f.span.start and f.span.end <= at + len(loaded)]

    inside = within(quoted)
    assert inside, "the loaded words inside the quotation were not found at all"
    assert all(f.in_quote and f.points == 0 for f in inside)

    # Without the quotation marks around them, the same words are the outlet's voice.
    open_mark, close_mark = at - 1, at + len(loaded)
    assert quoted[open_mark] == "\u201c" and quoted[close_mark] == "\u201d"
    unquoted = quoted[:open_mark] + " " + loaded + " " + quoted[close_mark + 1 :]
    outside = within(unquoted)
    assert outside and any(not f.in_quote and f.points > 0 for f in outside)


def test_scores_land_in_poor_range(report: copydesk.AuditReport) -> None:
    assert report.score < 60
    assert report.grade in {"D", "F"}
