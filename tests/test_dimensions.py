"""The dimension registry drives everything per-dimension: enum, scoring, engine, every output.

Each test loops over the registry rather than naming the four dimensions, so a new entry
in copydesk/dimensions.py is checked by all of them without a line changed here.
"""

from __future__ import annotations

import csv
import io
import json
import math
import pickle
import re
from pathlib import Path

import pytest
from markupsafe import escape

import copydesk
from copydesk.cli import main
from copydesk.cli.audit_output import CSV_COLUMNS, make_row
from copydesk.dimensions import (
    DIMENSIONS,
    NAMES,
    SPECS,
    Dimension,
    DimensionPolicy,
    DimensionSpec,
    Exercise,
    _checked,
)
from copydesk.kinds.base import Severity
from copydesk.report import html as html_report
from copydesk.report import worksheet
from copydesk.report.models import AuditReport
from copydesk.report.render import render
from copydesk.scoring.score import MIN_WORDS, Costed, ScoringConfig, overall, score_dimensions


@pytest.fixture(scope="module")
def audited(reference_text: str) -> tuple[copydesk.Article, AuditReport]:
    article = copydesk.Article.from_text(reference_text, source="reference.md")
    return article, copydesk.audit(article)


# ------------------------------------------------------------------ the registry and the enum


def test_the_enum_is_the_registry_in_order() -> None:
    assert [d.value for d in Dimension] == [s.name for s in DIMENSIONS] == list(NAMES)
    assert copydesk.Dimension is Dimension
    for spec in DIMENSIONS:
        member = Dimension(spec.name)
        assert member.spec is spec
        # JSON, CSV and CSS read the value; str() and format() give the same on every Python.
        assert member.value == str(member) == f"{member}" == spec.name
        assert json.dumps(member) == json.dumps(spec.name)
        assert pickle.loads(pickle.dumps(member)) is member  # rule-set snapshots pickle rules


def test_a_broken_entry_is_refused() -> None:
    good = DIMENSIONS[0]
    for bad in (
        good._replace(name="Loaded Language"),
        good._replace(colour="red"),
        good._replace(tint="#FDE4D6"),
        good._replace(policy=DimensionPolicy("sentences", 3.0)),
    ):
        with pytest.raises(ValueError):
            _checked((bad,))
    with pytest.raises(ValueError, match="used once"):
        _checked((good, good))
    twin = good._replace(name="other")
    with pytest.raises(ValueError, match="exercise"):
        _checked((good, twin))  # two dimensions cannot share a --task name
    plain = DimensionSpec("plain", "Plain", "b", "#000000", "#ffffff", DimensionPolicy("article", 1.0))
    assert list(_checked((plain,))) == ["plain"]


# ------------------------------------------------------------------ scoring and the engine


def test_scoring_uses_each_specs_policy() -> None:
    assert ScoringConfig().policies == {d: d.spec.policy for d in Dimension}
    words = 400
    for dim in Dimension:
        policy = dim.spec.policy
        results = score_dimensions([Costed(dim, Severity.warning, 1.0, False)], set(Dimension), words)
        load = 1.0 / (max(words, MIN_WORDS) / 100) if policy.unit == "words" else 1.0
        assert results[dim].score == pytest.approx(100 * math.exp(-load / policy.scale))
        assert (results[dim].per_100_words is not None) == (policy.unit == "words")
        others = [r for d, r in results.items() if d is not dim]
        assert all(r.score == 100.0 and r.findings == 0 for r in others)


def test_overall_weights_come_from_the_policies() -> None:
    config = ScoringConfig()
    first, second = NAMES[0], NAMES[1]
    config.policies[Dimension(first)] = config.policies[Dimension(first)]._replace(weight=3.0)
    items = [Costed(Dimension(second), Severity.error, 4.0, False)]
    results = score_dimensions(items, {Dimension(first), Dimension(second)}, 100, config)
    expected = (3.0 * 100.0 + results[Dimension(second)].score) / 4.0  # type: ignore[operator]
    assert overall(results, config) == pytest.approx(expected)


def test_engine_special_cases_follow_the_flags() -> None:
    from copydesk import engine

    pairs = (("sees_boilerplate", engine._SEES_BOILERPLATE), ("keeps_unplaced", engine._KEEPS_UNPLACED))
    for flag, dims in pairs:
        assert dims == {d for d in Dimension if getattr(d.spec, flag)}, flag


def test_boilerplate_is_seen_only_by_dimensions_that_see_it() -> None:
    text = (
        "# Council approves the bus budget\n\nThe council approved the budget on Tuesday, "
        "the clerk said.\n\nSign up for our newsletter for the shocking, outrageous news "
        "you need every morning.\n"
    )
    report = copydesk.audit(text)
    start = text.index("Sign up")
    inside = [f for f in report.findings if f.span.start >= start]
    assert inside, "the sign-up line should be reported as boilerplate"
    assert all(SPECS[f.dimension.value].sees_boilerplate for f in inside)


# ------------------------------------------------------------------ every output


def test_json_and_sarif_carry_every_dimension(audited: tuple[copydesk.Article, AuditReport]) -> None:
    _article, report = audited
    data = json.loads(render(report, "json"))
    assert list(data["dimensions"]) == list(NAMES)
    assert [d["name"] for d in data["dimensions"].values()] == list(NAMES)
    run = json.loads(render(report, "sarif"))["runs"][0]
    assert list(run["properties"]["dimensions"]) == list(NAMES)
    for result in run["results"]:
        assert result["properties"]["dimension"] in SPECS


def test_text_and_markdown_list_every_dimension(audited: tuple[copydesk.Article, AuditReport]) -> None:
    _article, report = audited
    text = render(report, "text")
    md = render(report, "md")
    for spec in DIMENSIONS:
        assert re.search(rf"^{re.escape(spec.label)}\s+\d+\s+\d+$", text, re.M), spec.name
        dim = report.dimensions[spec.name]
        assert f"| {spec.label} | {dim.score:.0f} | {dim.findings} |" in md
        if dim.findings:
            assert f"### {spec.label} ({dim.findings})" in md


def test_html_shows_every_dimension_in_its_colours(audited: tuple[copydesk.Article, AuditReport]) -> None:
    _article, report = audited
    page = render(report, "html")
    css = html_report.stylesheet()
    for k, spec in enumerate(DIMENSIONS):
        name = spec.name
        assert f'<li class="dim" data-dim="{name}">' in page
        assert f'<span class="swatch sw-{name}" aria-hidden="true"></span>{spec.label}</span>' in page
        assert f'<mark class="s{2**k}">{spec.label}</mark><span>{escape(spec.blurb)}</span>' in page
        assert f'<input type="checkbox" name="dim" value="{name}"' in page
        if report.dimensions[name].findings:
            assert f'id="group-{name}"' in page
        for rule in (
            f"--{name}: {spec.colour};",
            f"--{name}-tint: {spec.tint};",
            f".sw-{name} {{ background: var(--{name}); }}",
            f".fill-{name} {{ background: var(--{name}); }}",
            f".finding.dim-{name} {{ border-left-color: var(--{name}); }}",
        ):
            assert rule in css and rule in page, rule
    # One highlight class for every combination of dimensions on a segment.
    masks = set(re.findall(r"mark\.s(\d+)\{", html_report.mask_css()))
    assert masks == {str(m) for m in range(1, 2 ** len(NAMES))}
    assert "{{" not in css and "{%" not in css


def test_csv_has_a_score_and_a_count_per_dimension(
    audited: tuple[copydesk.Article, AuditReport], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article, report = audited
    for name in NAMES:
        assert name in CSV_COLUMNS and f"{name}_findings" in CSV_COLUMNS
    row = dict(
        zip(CSV_COLUMNS, make_row(report, article, fmt="csv", color=False, top_id=True).csv, strict=True)
    )
    for name in NAMES:
        dim = report.dimensions[name]
        assert row[name] == dim.score
        assert row[f"{name}_findings"] == dim.findings
    path = tmp_path / "a.md"
    path.write_text(article.text, encoding="utf-8")
    assert main(["audit", str(path), "-f", "csv", "-q"]) == 0
    header, values = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert tuple(header) == CSV_COLUMNS
    assert [values[header.index(n)] for n in NAMES] == [str(report.dimensions[n].score) for n in NAMES]


def test_every_exercise_is_a_worksheet_task(
    audited: tuple[copydesk.Article, AuditReport], tmp_path: Path
) -> None:
    _article, report = audited
    with_exercise = [s for s in DIMENSIONS if s.exercise is not None]
    assert list(worksheet.TASKS) == [s.exercise.task for s in with_exercise]  # type: ignore[union-attr]
    for spec in with_exercise:
        exercise: Exercise = spec.exercise  # type: ignore[assignment]
        task = worksheet.task_for(exercise.task)
        assert (task.dimension, task.unit, task.title) == (spec.name, exercise.unit, exercise.title)
        own = [f for f in report.findings if f.dimension.value == spec.name and not f.in_quote]
        assert worksheet.answers(report, task) == own
        page = worksheet.worksheet_html(report, exercise.task)
        assert f"<h1>{exercise.title}</h1>" in page and f"unit-{exercise.unit}" in page
        assert worksheet.answer_key_markdown(report, exercise.task).startswith(
            f"## Answer key: {exercise.title}"
        )
        sheet = tmp_path / f"{exercise.task}.html"
        source = tmp_path / "a.md"
        source.write_text(report.article.text or "", encoding="utf-8")
        assert main(["exercise", str(source), "--task", exercise.task, "-o", str(sheet)]) == 0
        assert exercise.title in sheet.read_text(encoding="utf-8")
