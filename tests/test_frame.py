"""Tables: copydesk.to_frame, copydesk.audit_frame and `copydesk audit --format parquet`."""

from __future__ import annotations

import builtins
import json
from pathlib import Path
from typing import Any

import pytest

import copydesk
from copydesk.cli import main
from copydesk.dimensions import NAMES

from .corpus_helpers import ARTICLES, OUTLETS, records, write_jsonl

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def reports() -> list[copydesk.AuditReport]:
    return [
        copydesk.audit(copydesk.Article.from_text(p.read_text(encoding="utf-8"), id=p.stem)) for p in ARTICLES
    ]


def test_articles_frame_holds_each_reports_figures(reports: list[copydesk.AuditReport]) -> None:
    frame = copydesk.to_frame(reports)
    assert list(frame["id"]) == [r.article.id for r in reports]
    for (_, row), report in zip(frame.iterrows(), reports, strict=True):
        assert row["score"] == report.score and row["grade"] == report.grade
        assert row["words"] == report.article.words
        assert row["findings"] == len(report.findings)
        for name in NAMES:
            assert row[name] == report.dimensions[name].score
            assert row[f"{name}_findings"] == report.dimensions[name].findings
        assert row["flesch_reading_ease"] == report.metrics.readability.flesch_reading_ease
        assert row["tone_body"] == report.metrics.tone.body_mean
        sourcing = report.metrics.sourcing
        assert sourcing is not None
        assert (row["claims"], row["claims_named"], row["claims_vague"], row["claims_unsourced"]) == (
            sourcing.claims,
            sourcing.claims_named,
            sourcing.claims_vague,
            sourcing.claims_unsourced,
        )
        assert row["headline_text"] == report.article.headline
        assert pd.isna(row["error"])
    assert frame["score"].dtype == "float64" and str(frame["words"].dtype) == "Int64"
    # The lowest-scoring example is the one the README calls loaded.
    assert frame.loc[frame["score"].idxmin(), "id"] == min(reports, key=lambda r: r.score or 0).article.id


def test_findings_frame_is_one_row_per_finding(reports: list[copydesk.AuditReport]) -> None:
    frame = copydesk.to_frame(reports, level="findings")
    assert len(frame) == sum(len(r.findings) for r in reports) > 20
    expected = [
        (r.article.id, f.rule_id, str(f.dimension), f.span.start, f.span.end, f.excerpt, f.points, f.in_quote)
        for r in reports
        for f in r.findings
    ]
    got = list(
        frame[["id", "rule_id", "dimension", "start", "end", "excerpt", "points", "in_quote"]].itertuples(
            index=False, name=None
        )
    )
    assert got == expected
    # Points lost per article add up to the article table's column.
    articles = copydesk.to_frame(reports).set_index("id")
    per_article = frame.groupby("id")["points"].sum()
    for article_id, points in per_article.items():
        assert points == pytest.approx(articles.loc[article_id, "points"], abs=1e-3)


def test_bad_level_is_refused(reports: list[copydesk.AuditReport]) -> None:
    with pytest.raises(ValueError, match="'articles' or 'findings'"):
        copydesk.to_frame(reports, level="rules")


def test_audit_frame_joins_the_inputs_columns() -> None:
    rows = records(12)
    rows[5]["body"] = ""  # cannot be audited: a row with `error`, no score
    df = pd.DataFrame(rows, index=[f"r{i}" for i in range(len(rows))])
    out = copydesk.audit_frame(df, jobs=1)
    assert list(out.index) == list(df.index)
    assert list(out.columns[:4]) == ["id", "outlet", "date", "section"]
    assert "body" not in out.columns and "headline" in out.columns  # the headline *score*
    assert out.loc["r5", "error"].endswith("is empty, nothing to audit") and pd.isna(out.loc["r5", "score"])
    for label in ("r0", "r7"):
        row = df.loc[label]
        expected = copydesk.audit(copydesk.Article(headline=row["headline"], body=row["body"], id=row["id"]))
        assert out.loc[label, "score"] == expected.score
        assert out.loc[label, "attribution"] == expected.dimensions["attribution"].score
        assert out.loc[label, "outlet"] == row["outlet"]
    means = out.groupby("outlet")["score"].mean()
    assert set(means.index) == set(OUTLETS)


def test_audit_frame_in_parallel_equals_serial_and_findings_level() -> None:
    df = pd.DataFrame(records(10)).drop(columns=["id"])  # no id column: the index labels are the ids
    serial = copydesk.audit_frame(df, jobs=1)
    parallel = copydesk.audit_frame(df, jobs=2)
    pd.testing.assert_frame_equal(serial, parallel)
    assert list(serial["id"]) == [str(i) for i in df.index]
    findings = copydesk.audit_frame(df, level="findings", jobs=1)
    assert len(findings) == serial["findings"].sum()
    assert set(findings["outlet"]) <= set(OUTLETS)
    first = findings[findings["id"] == "0"]
    assert len(first) == serial.loc[0, "findings"]


def test_audit_frame_names_a_missing_body_column() -> None:
    with pytest.raises(KeyError, match="no column 'text'"):
        copydesk.audit_frame(pd.DataFrame({"body": ["x"]}), body="text")


def test_a_missing_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    real = builtins.__import__

    def no_pandas(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("No module named 'pandas'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(ImportError, match=r"copydesk\[frame\]"):
        copydesk.to_frame([])


def test_jsonl_and_parquet_from_the_cli(tmp_path: Path) -> None:
    rows = records(9)
    rows.append({"id": "empty", "outlet": "Daily Ledger", "body": " "})
    batch = write_jsonl(tmp_path / "batch.jsonl", rows)
    audits = tmp_path / "audits.jsonl"
    assert main(["audit", str(batch), "--format", "jsonl", "-o", str(audits), "-q", "-j", "1"]) == 2
    first = json.loads(audits.read_text(encoding="utf-8").splitlines()[0])
    assert list(first)[:3] == ["id", "fields", "schema_version"]
    assert first["fields"] == {k: rows[0][k] for k in ("outlet", "date", "section")}
    from_jsonl = copydesk.to_frame(audits)  # a path to a JSONL file of audits
    assert list(from_jsonl.columns[:4]) == ["id", "outlet", "date", "section"]
    assert from_jsonl["error"].notna().sum() == 1

    folder = tmp_path / "tables"
    assert main(["audit", str(batch), "--format", "parquet", "-o", str(folder), "-q", "-j", "2"]) == 2
    articles = pd.read_parquet(folder / "articles.parquet")
    findings = pd.read_parquet(folder / "findings.parquet")
    assert list(articles["id"]) == [r["id"] for r in rows]
    assert list(articles["score"].fillna(-1)) == list(from_jsonl["score"].fillna(-1))
    assert list(articles["outlet"]) == [r["outlet"] for r in rows]
    assert len(findings) == len(copydesk.to_frame(audits, level="findings"))
    assert not list(folder.glob(".*.tmp"))


def test_parquet_needs_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(ARTICLES[0]), "--format", "parquet"]) == 2
    assert "give a folder with -o DIR" in capsys.readouterr().err
    assert main(["audit", str(ARTICLES[0]), "--format", "parquet", "-o", str(tmp_path / "one")]) == 0
    assert len(pd.read_parquet(tmp_path / "one" / "articles.parquet")) == 1


def test_an_input_field_named_like_a_column_is_kept_apart(tmp_path: Path) -> None:
    rows = records(2)
    rows[0]["score"] = "five stars"  # the input's own "score" field
    batch = write_jsonl(tmp_path / "b.jsonl", rows)
    audits = tmp_path / "a.jsonl"
    assert main(["audit", str(batch), "--format", "jsonl", "-o", str(audits), "-q", "-j", "1"]) == 0
    frame = copydesk.to_frame(audits)
    assert frame.loc[0, "score_input"] == "five stars" and isinstance(frame.loc[0, "score"], float)
    folder = tmp_path / "t"
    assert main(["audit", str(batch), "--format", "parquet", "-o", str(folder), "-q", "-j", "1"]) == 0
    table = pd.read_parquet(folder / "articles.parquet")
    assert table.loc[0, "score_input"] == "five stars" and table.loc[0, "score"] == frame.loc[0, "score"]
