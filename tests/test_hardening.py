"""Hardening properties across all dimensions, and hostile rule packs."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.api import load_rules
from copydesk.packs.loader import PackError, load_pack

RULES = load_rules()
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

SENTENCES = [
    "The council approved the new budget on Tuesday, the mayor's office said.",
    "The regime sparked widespread criticism with its far-reaching crackdown.",
    "Experts predict the shortage could reach 2.4 million workers by 2030.",
    "According to reports, the workers were allegedly paid nothing at all.",
    "The move has raised concerns among international leaders and diplomats.",
    "Residents said the massive influx of visitors had caused chaos downtown.",
    "The bridge reopened after repairs that cost $4 million, officials said.",
    "Only time will tell whether the plan succeeds.",
]
HEADLINES = ["Council approves budget", "Regime faces backlash over crackdown", "Shortage looms"]


@st.composite
def articles(draw: st.DrawFn) -> str:
    headline = draw(st.sampled_from(HEADLINES))
    paragraphs = draw(
        st.lists(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=3), min_size=1, max_size=5)
    )
    return f"# {headline}\n\n" + "\n\n".join(" ".join(p) for p in paragraphs)


@SETTINGS
@given(articles())
def test_spans_scores_and_points_across_dimensions(text: str) -> None:
    report = copydesk.audit(text, rules=RULES)
    assert 0 <= report.score <= 100
    for name, dim in report.dimensions.items():
        assert dim.assessed, name
        assert dim.score is not None and 0 <= dim.score <= 100
        lost = sum(f.points for f in report.findings if f.dimension.value == name)
        assert abs((100 - dim.score) - lost) < 0.2 + 0.001 * len(report.findings)
    for f in report.findings:
        assert text[f.span.start : f.span.end] == f.excerpt


@SETTINGS
@given(articles(), st.data())
def test_replacing_a_flagged_phrase_never_lowers_its_dimension_score(text: str, data: st.DataObject) -> None:
    report = copydesk.audit(text, rules=RULES)
    loaded = [f for f in report.findings if f.dimension.value == "loaded_language" and f.points > 0]
    if not loaded:
        return
    f = data.draw(st.sampled_from(loaded))
    # Same number of words, so the density denominator is unchanged.
    neutral = " ".join(["the"] * max(1, len(f.excerpt.split())))
    edited = text[: f.span.start] + neutral + text[f.span.end :]
    after = copydesk.audit(edited, rules=RULES)
    assert after.dimensions["loaded_language"].score >= report.dimensions["loaded_language"].score  # type: ignore[operator]


def test_batch_gives_the_same_reports_as_one_by_one() -> None:
    from copydesk.batch import audit_many

    texts = [f"# {h}\n\n" + " ".join(SENTENCES[i : i + 3]) for i, h in enumerate(HEADLINES * 2)]
    alone = [copydesk.audit(t, rules=RULES).model_dump() for t in texts]
    for jobs in (1, 2):
        batch = [r.model_dump() for r in audit_many(texts, jobs=jobs, rules=RULES)]
        assert batch == alone


def _write(folder: Path, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "rules.yml").write_text(body, encoding="utf-8")
    return folder


HOSTILE_RULE = """rules:
  - id: hostile.slow
    kind: pattern
    dimension: loaded_language
    severity: warning
    message: slow
    explanation: A pattern written to backtrack.
    patterns: ['{pattern}']
    examples: {{flag: ["aaa 1"], pass: ["b"]}}
"""


def test_backtracking_pattern_cannot_hang_the_audit(tmp_path: Path) -> None:
    # Passes the static check (no directly nested quantifier) but backtracks
    # exponentially on a long run of word characters; the matching timeout ends it.
    pack = _write(tmp_path / "p", HOSTILE_RULE.format(pattern=r"(?:\w+\s?)+\d"))
    rules = load_rules([pack], include_default=False)
    text = "Body. " + "a" * 5_000
    started = time.perf_counter()
    report = copydesk.audit(text, rules=rules)
    assert time.perf_counter() - started < 60  # a hang guard, not a speed figure
    assert report.findings == []
    assert any("hostile.slow" in w and "skipped" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("rules: !!python/object/apply:os.system ['touch /tmp/pwned']\n", "invalid YAML"),
        ("rules: !!python/name:os.system\n", "invalid YAML"),
        ("a: &a [x, x, x]\nb: &b [*a, *a, *a]\nrules: [*b, *b]\n", "aliases"),
        ("rules:\n  - id: x.y\n    kind: ../../../etc/passwd\n", "unknown kind"),
        ("rules: {}\n", "one key, 'rules'"),
    ],
)
def test_hostile_pack_files_are_refused(tmp_path: Path, yaml_text: str, message: str) -> None:
    pack = _write(tmp_path / "p", yaml_text)
    with pytest.raises(PackError, match=message) as err:
        load_pack(pack)
    assert str(pack / "rules.yml") in str(err.value)
    assert not Path("/tmp/pwned").exists()


def test_oversized_pack_file_is_refused(tmp_path: Path) -> None:
    pack = _write(tmp_path / "p", "rules: []\n#" + "x" * 2_100_000)
    with pytest.raises(PackError, match="limited"):
        load_pack(pack)


def test_rule_text_in_reports_is_data(tmp_path: Path) -> None:
    body = HOSTILE_RULE.format(pattern=r"\bregime\b").replace(
        "message: slow", "message: '<script>alert(1)</script> [x](javascript:alert(1))'"
    )
    rules = load_rules([_write(tmp_path / "p", body)], include_default=False)
    report = copydesk.audit("The regime <img src=x onerror=alert(1)> fell.", rules=rules)
    from copydesk.report.render import render

    html = render(report, "html")
    assert "<script>alert(1)</script>" not in html and "<img src=x" not in html
    md = render(report, "md")
    assert "](javascript:" not in md and "<script>" not in md
    text = render(report, "text")
    assert "<script>alert(1)</script>" in text  # plain text shows it as it is, runs nothing
