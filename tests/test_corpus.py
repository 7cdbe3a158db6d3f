"""The corpus report: `copydesk summarize` and the index page of an HTML batch.

The figures are recomputed here from the article and finding tables (copydesk.to_frame,
pandas) and compared with the figures and the page.
"""

from __future__ import annotations

import html as html_lib
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

import copydesk
from copydesk.cli import main
from copydesk.corpus import histogram, period_of, stats, t95
from copydesk.dimensions import NAMES
from copydesk.report import svg
from copydesk.report.corpus_html import safe_link

from .corpus_helpers import OUTLETS, records, write_jsonl

pd = pytest.importorskip("pandas")


@pytest.fixture(scope="module")
def audits(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    rows = records(30)
    rows.append({"id": "empty", "outlet": OUTLETS[0], "date": "2026-02-02", "body": ""})
    batch = write_jsonl(folder / "batch.jsonl", rows)
    out = folder / "audits.jsonl"
    assert main(["audit", str(batch), "--format", "jsonl", "-o", str(out), "-q", "-j", "1"]) == 2
    return out


def _ci(values: Any) -> tuple[float, float]:
    n = len(values)
    half = t95(n - 1) * values.std(ddof=1) / math.sqrt(n)
    return max(0.0, values.mean() - half), min(100.0, values.mean() + half)


def test_figures_match_the_tables(audits: Path) -> None:
    f = copydesk.summarize(audits, by="outlet", over="date")
    articles = copydesk.to_frame(audits)
    findings = copydesk.to_frame(audits, level="findings")
    scored = articles[articles["error"].isna()]
    assert f["articles"] == len(scored) == 30 and f["errors"] == 1
    s = scored["score"]
    assert f["score"]["mean"] == pytest.approx(s.mean(), abs=0.006)
    assert f["score"]["median"] == pytest.approx(s.median(), abs=0.006)
    assert f["score"]["sd"] == pytest.approx(s.std(ddof=1), abs=0.006)
    low, high = _ci(s)
    assert (f["score"]["ci95_low"], f["score"]["ci95_high"]) == (
        pytest.approx(low, abs=0.006),
        pytest.approx(high, abs=0.006),
    )
    bins = pd.cut(s.clip(upper=99.999), bins=list(range(0, 101, 10)), right=False).value_counts(sort=False)
    assert f["score"]["histogram"] == list(bins)
    for name in NAMES:
        assert f["dimension_scores"][name]["mean"] == pytest.approx(scored[name].mean(), abs=0.006)
    # Groups side by side, largest first.
    by_outlet = scored.groupby("outlet")["score"]
    assert [g["group"] for g in f["groups"]] == sorted(
        by_outlet.size().index, key=lambda g: (-by_outlet.size()[g], g)
    )
    for g in f["groups"]:
        values = by_outlet.get_group(g["group"])
        assert g["articles"] == len(values)
        assert g["score"]["mean"] == pytest.approx(values.mean(), abs=0.006)
        low, high = _ci(values)
        assert g["score"]["ci95_low"] == pytest.approx(low, abs=0.006)
        assert g["score"]["ci95_high"] == pytest.approx(high, abs=0.006)
    # The costliest rules and terms: the outlet's own voice only.
    own = findings[~findings["in_quote"].astype(bool)]
    per_rule = own.groupby("rule_id").agg(
        points=("points", "sum"), findings=("points", "size"), articles=("id", "nunique")
    )
    per_rule = per_rule.sort_values(["points", "findings"], ascending=False)
    assert [r["rule_id"] for r in f["rules"]] == list(per_rule.index[: len(f["rules"])])
    for r in f["rules"]:
        assert r["points"] == pytest.approx(per_rule.loc[r["rule_id"], "points"], abs=0.006)
        assert r["findings"] == per_rule.loc[r["rule_id"], "findings"]
        assert r["articles"] == per_rule.loc[r["rule_id"], "articles"]
    loaded = own[own["dimension"] == "loaded_language"].assign(
        term=lambda d: d["excerpt"].str.lower().str.split().str.join(" ")
    )
    per_term = loaded.groupby("term")["points"].sum().sort_values(ascending=False)
    assert f["terms"][0]["term"] == per_term.index[0]
    assert f["terms"][0]["points"] == pytest.approx(per_term.iloc[0], abs=0.006)
    # Sourcing profile.
    assert f["sourcing"]["claims"] == scored["claims"].sum()
    assert f["sourcing"]["named"] == scored["claims_named"].sum()
    assert f["sourcing"]["unsourced"] == scored["claims_unsourced"].sum()
    assert f["sourcing"]["named_share"] == pytest.approx(
        scored["claims_named"].sum() / scored["claims"].sum(), abs=1e-4
    )
    # Needs an editor first: the lowest scores.
    lowest = scored.sort_values(["score", "id"]).head(len(f["needs_editor"]))
    assert [a["id"] for a in f["needs_editor"]] == list(lowest["id"])
    # Trend per month.
    months = scored.assign(month=scored["date"].str[:7]).groupby("month")["score"]
    assert f["trend"]["unit"] == "month"
    assert [p["period"] for p in f["trend"]["periods"]] == list(months.mean().index)
    for p in f["trend"]["periods"]:
        assert p["mean"] == pytest.approx(months.mean()[p["period"]], abs=0.006)
        assert p["n"] == months.size()[p["period"]]


def test_page_shows_the_figures(audits: Path, tmp_path: Path) -> None:
    out = tmp_path / "corpus.html"
    args = ["summarize", str(audits), "--by", "outlet", "--over", "date", "-o", str(out), "--links", "r/"]
    assert main(args) == 0
    page = out.read_text(encoding="utf-8")
    f = copydesk.summarize(audits, by="outlet", over="date", links="r/")
    data = re.search(r'<script type="application/json" id="copydesk-figures">(.*?)</script>', page, re.S)
    assert data is not None and json.loads(data.group(1)) == json.loads(json.dumps(f))
    assert f'<strong id="mean-score">{f["score"]["mean"]:.1f}</strong>' in page
    groups = re.search(r'<table id="groups-table">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert groups is not None
    cells = [
        re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", groups.group(1))
    ]
    for g, row in zip(f["groups"], cells, strict=True):
        assert html_lib.unescape(row[0]) == g["group"]
        assert row[1] == str(g["articles"]) and row[2] == f"{g['score']['mean']:.1f}"
    assert page.count('<svg class="chart"') >= 1 + len(NAMES) + 1 + len(NAMES) + 3
    # Every link to a report is one the batch would have written.
    for a in f["needs_editor"]:
        assert f'href="r/{a["id"]}.html"' in page
    # Escaped: the outlet "Metro <Wire> & Co" never reaches the markup raw.
    assert "Metro <Wire>" not in page.split('id="copydesk-figures"')[0]
    assert "Metro &lt;Wire&gt; &amp; Co" in page
    assert "<script" not in page.replace('<script type="application/json" id="copydesk-figures">', "")
    assert "script-src &#39;none&#39;" in page
    assert "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not re.search(r"""(src|href)=["']https?:""", page)


def test_json_format(audits: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["summarize", str(audits), "--format", "json", "--by", "section"]) == 0
    f = json.loads(capsys.readouterr().out)
    assert {g["group"] for g in f["groups"]} == {"news", "local"}
    assert "trend" not in f


def test_bad_audits_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"score": 3}\n', encoding="utf-8")
    assert main(["summarize", str(bad)]) == 2
    assert "bad.jsonl:1: not a copydesk report" in capsys.readouterr().err
    assert main(["summarize", str(tmp_path / "none.jsonl")]) == 2


def test_html_batch_writes_an_index(tmp_path: Path) -> None:
    rows = records(8)
    rows[3]["id"] = "index"  # an article called index does not overwrite the index
    batch = write_jsonl(tmp_path / "b.jsonl", rows)
    folder = tmp_path / "reports"
    assert (
        main(["audit", str(batch), "--format", "html", "-o", str(folder), "-q", "-j", "1", "--by", "outlet"])
        == 0
    )
    index = (folder / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<td class="headline"><a href="([^"]+)"', index)
    assert links and all((folder / link).is_file() for link in links)
    assert (folder / "index-3.html").is_file()
    assert "By outlet" in index
    data = json.loads(re.search(r'id="copydesk-figures">(.*?)</script>', index, re.S).group(1))  # type: ignore[union-attr]
    assert data["articles"] == 8


def test_statistics_helpers() -> None:
    assert t95(1) == 12.706 and t95(29) == 2.045 and t95(1000) == 1.96
    s = stats([50.0, 60.0, 70.0])
    assert s["mean"] == 60.0 and s["sd"] == 10.0
    assert s["ci95_low"] == pytest.approx(60 - 4.303 * 10 / math.sqrt(3), abs=0.01)
    assert stats([5.0])["ci95_low"] is None and stats([])["mean"] is None
    assert histogram([0, 9.99, 10, 99.9, 100]) == [2, 1, 0, 0, 0, 0, 0, 0, 0, 2]
    assert period_of("2026-03-05T10:00:00Z", "month") == "2026-03"
    assert period_of("2026-13-01", "day") is None and period_of(20260305, "day") is None


def test_svg_charts_escape_labels() -> None:
    chart = svg.bars([svg.Bar('<script>"x"</script>', 3.0, "n & m", "#zz0000")], title="a <b>")
    assert "<script>" not in chart and "&lt;script&gt;&#34;x&#34;" in chart and "n &amp; m" in chart
    assert 'fill="#zz0000"' not in chart and "<title>a &lt;b&gt;</title>" in chart
    chart = svg.intervals([svg.Interval("<g>", 50.0, 40.0, 60.0, "n = 3")], title="t", colour="#123456")
    assert "&lt;g&gt;" in chart and 'fill="#123456"' in chart
    assert safe_link("javascript:alert(1)") is None and safe_link("r/a.html") == "r/a.html"
    assert safe_link("https://x.org/a") == "https://x.org/a" and safe_link('a" onclick="x') is None


def test_summarize_from_frames_equals_from_jsonl(audits: Path) -> None:
    articles = copydesk.to_frame(audits)
    findings = copydesk.to_frame(audits, level="findings")
    from_frames = copydesk.summarize(articles, findings=findings, by="outlet", over="date")
    from_jsonl = copydesk.summarize(audits, by="outlet", over="date")
    assert from_frames == from_jsonl


SVG_TAGS = {"svg", "title", "rect", "line", "text", "circle", "polygon", "polyline"}
TABLE_TAGS = {"table", "thead", "tbody", "tr", "th", "td", "figure"}


def assert_corpus_page_inert(source: str) -> None:
    from .test_reports import PAGE_TAGS, Page

    page = Page(source)
    for tag, attrs in page.tags:
        assert tag in PAGE_TAGS | SVG_TAGS | TABLE_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action"):
                assert value is not None and (
                    value == "data:," or re.fullmatch(r"[A-Za-z0-9._/-]+\.html", value)
                ), value
        if tag == "script":
            assert attrs.get("type") == "application/json" and attrs.get("src") is None


def test_hostile_audits_stay_text(tmp_path: Path) -> None:
    from .report_helpers import HOSTILE

    rows = [
        {
            "id": f'"><img src=x onerror=alert({i})>',
            "outlet": "<script>alert(1)</script>",
            "date": "2026-01-0" + str(1 + i),
            "headline": "</title><svg onload=alert(2)>",
            "body": HOSTILE,
        }
        for i in range(4)
    ]
    batch = write_jsonl(tmp_path / "hostile.jsonl", rows)
    audits = tmp_path / "a.jsonl"
    assert main(["audit", str(batch), "--format", "jsonl", "-o", str(audits), "-q", "-j", "1"]) == 0
    for links in ("reports/", "javascript:alert(3)//"):
        out = tmp_path / "c.html"
        assert (
            main(
                [
                    "summarize",
                    str(audits),
                    "--by",
                    "outlet",
                    "--over",
                    "date",
                    "-o",
                    str(out),
                    "--links",
                    links,
                ]
            )
            == 0
        )
        source = out.read_text(encoding="utf-8")
        assert_corpus_page_inert(source)
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in source
        assert "javascript:" not in source.split('id="copydesk-figures"')[0]
    folder = tmp_path / "reports"
    assert (
        main(["audit", str(batch), "--format", "html", "-o", str(folder), "-q", "-j", "1", "--by", "outlet"])
        == 0
    )
    assert_corpus_page_inert((folder / "index.html").read_text(encoding="utf-8"))


def test_example_script_runs(tmp_path: Path) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, str(root / "examples" / "corpus.py"), "--rows", "40", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "audit_frame: 40 rows" in done.stdout
    assert_corpus_page_inert((tmp_path / "corpus.html").read_text(encoding="utf-8"))
    articles = pd.read_csv(tmp_path / "articles.csv")
    assert len(articles) == 40 and set(articles["outlet"]) == {"Daily Ledger", "Harbour Times", "Metro Wire"}
