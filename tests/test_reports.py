"""HTML, Markdown and SARIF reports, worksheets, examples/ and the committed reports/."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from copydesk.cli import main
from copydesk.dimensions import NAMES, SPECS, Dimension
from copydesk.kinds.base import Severity
from copydesk.report import html as html_report
from copydesk.report import markdown as md_report
from copydesk.report import sarif as sarif_report
from copydesk.report.models import AuditReport, Finding, Span
from copydesk.report.render import RENDERERS, render
from copydesk.report.worksheet import (
    TASKS,
    answer_key_html,
    answer_key_markdown,
    answers,
    layout,
    worksheet_html,
)

from .report_helpers import HOSTILE, PACK, SAMPLE, report_of

ROOT = Path(__file__).resolve().parents[1]

# Tags and attributes the renderers themselves write; anything else came from input.
PAGE_TAGS = {
    "html", "head", "meta", "title", "link", "style", "body", "a", "div", "header", "p",
    "span", "h1", "h2", "h3", "ul", "ol", "li", "section", "dl", "dt", "dd", "details",
    "summary", "article", "aside", "button", "mark", "pre", "fieldset", "legend", "label",
    "input", "code", "footer", "script", "main", "noscript", "sup", "strong",
}


class Page(HTMLParser):
    """Every start tag with its attributes, and the text inside <script> elements."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self.script_types: list[str | None] = []
        self._in_script = False
        self.feed(source)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")
            self.script_types.append(dict(attrs).get("type"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data

    def data_island(self) -> object:
        pairs = zip(self.scripts, self.script_types, strict=True)
        (island,) = [s for s, t in pairs if t == "application/json"]
        return json.loads(island)

    def code(self) -> list[str]:
        return [s for s, t in zip(self.scripts, self.script_types, strict=True) if t != "application/json"]

    def find(self, tag: str, cls: str | None = None) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.tags
            if t == tag and (cls is None or cls in (a.get("class") or "").split())
        ]


def _link_in(page: Page, i: int) -> dict[str, str | None]:
    """The "show in text" link inside finding i's list entry."""
    inside = False
    for tag, attrs in page.tags:
        if tag == "li":
            inside = attrs.get("id") == f"f-{i}"
        elif inside and tag == "a" and attrs.get("class") == "goto":
            return attrs
    raise AssertionError(f"no link for finding {i}")


def assert_inert(page: Page) -> None:
    """No tag, attribute or URL in the page that input could have smuggled in."""
    for tag, attrs in page.tags:
        assert tag in PAGE_TAGS, tag
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action"):
                assert value is not None
                assert value.startswith(("#", "http://", "https://", "data:,")), value
    for tag, attrs in page.tags:
        if tag == "script" and attrs.get("type") != "application/json":
            assert attrs.get("src") is None


@pytest.fixture(scope="module")
def sample() -> AuditReport:
    return report_of(SAMPLE, "articles/sample.md")


@pytest.fixture(scope="module")
def hostile() -> AuditReport:
    return report_of(HOSTILE, "hostile.md")


# ------------------------------------------------------------------ the report model


def test_report_carries_the_article_text_and_json_round_trips(sample: AuditReport) -> None:
    assert sample.article.text == SAMPLE
    for f in sample.findings:
        assert SAMPLE[f.span.start : f.span.end] == f.excerpt
    again = AuditReport.model_validate_json(render(sample, "json"))
    assert again == sample
    # A report read back from JSON renders the same page.
    assert render(again, "html") == render(sample, "html")


def test_formats_are_registered() -> None:
    for fmt in ("html", "md", "sarif"):
        assert fmt in RENDERERS


# ------------------------------------------------------------------ HTML


def test_html_highlights_every_finding_once(sample: AuditReport) -> None:
    page_source = render(sample, "html")
    page = Page(page_source)
    marks = page.find("mark", "hl")
    covered: set[int] = set()
    for m in marks:
        covered.update(int(i) for i in (m["data-f"] or "").split())
    assert covered == set(range(len(sample.findings)))
    # Each finding's entry in the list links to a highlight that carries it.
    by_id = {m["id"]: m for m in marks}
    for i in range(len(sample.findings)):
        (item,) = [a for t, a in page.tags if t == "li" and a.get("id") == f"f-{i}"]
        assert item["data-dim"] == sample.findings[i].dimension.value
    links = page.find("a", "goto")
    assert len(links) == len(sample.findings)
    targets = {}
    for i in range(len(sample.findings)):
        (link,) = [a for a in links if a is _link_in(page, i)]
        target = by_id[(link["href"] or "#")[1:]]
        assert str(i) in (target["data-f"] or "").split()
        targets[i] = target["id"]
    # A highlight starts where its finding starts (or where the finding first shows).
    for i, f in enumerate(sample.findings):
        assert int(targets[i].split("-")[1]) == f.span.start


def test_html_overlapping_findings_are_split_into_segments(sample: AuditReport) -> None:
    text = SAMPLE
    outer = next(f for f in sample.findings if f.excerpt == "drew widespread criticism")
    inner = next(f for f in sample.findings if f.excerpt == "widespread")
    blocks = html_report.blocks(text, sample.findings)
    segs = [s for b in blocks for s in b.segments if outer.span.start <= s.start < outer.span.end]
    assert [s.text for s in segs] == ["drew ", "widespread", " criticism"]
    i_outer, i_inner = sample.findings.index(outer), sample.findings.index(inner)
    assert segs[1].findings == tuple(sorted((i_outer, i_inner)))
    assert segs[0].findings == segs[2].findings == (i_outer,)
    # Two dimensions on one segment: a class for the combination (two stripes).
    mask = html_report.dimension_mask(sample.findings, segs[1].findings)
    assert mask == 0b11
    assert f"mark.s{mask}{{" in html_report.mask_css()


def test_html_shows_scores_metrics_quotes_and_legend(sample: AuditReport) -> None:
    page_source = render(sample, "html")
    page = Page(page_source)
    assert f">{sample.score:.0f}<" in page_source
    assert f"grade {sample.grade}" in page_source
    meters = page.find("span", "bar")
    assert len(meters) == len(NAMES)  # one per dimension
    for name, dim in sample.dimensions.items():
        assert SPECS[name].label in page_source
        if dim.score is None:
            assert "not assessed" in page_source
    assert "Flesch reading ease" in page_source and "Headline" in page_source
    # The mayor's quoted words are marked as speech; the loaded word inside is underlined only.
    quoted = [*page.find("span", "q"), *page.find("mark", "q")]
    assert quoted
    fury = next(i for i, f in enumerate(sample.findings) if f.excerpt == "fury")
    (mark,) = [m for m in page.find("mark", "hl") if m["data-f"] == str(fury)]
    assert "inq" in (mark["class"] or "").split()
    assert page.find("ul", "legend")
    assert page.find("fieldset", "filters")
    # One script, allowed by its hash and nothing else.
    (script,) = page.scripts
    csp = next(a["content"] for t, a in page.tags if t == "meta" and a.get("http-equiv"))
    assert csp is not None and "default-src 'none'" in csp
    import base64
    import hashlib

    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"'sha256-{digest}'" in csp


def test_html_sourcing_profile_is_shown_when_present(sample: AuditReport) -> None:
    profile = {"named_sources": [{"name": "the mayor", "claims": 1}], "share_named": 0.5}
    metrics = sample.metrics.model_copy(update={"extra": {"sourcing": profile}})
    page = render(sample.model_copy(update={"metrics": metrics}), "html")
    assert 'id="sourcing"' in page and "the mayor" in page and "Share named" in page
    assert 'id="sourcing"' not in render(sample, "html")


def test_html_without_article_text_still_renders(sample: AuditReport) -> None:
    bare = sample.model_copy(update={"article": sample.article.model_copy(update={"text": None})})
    page = render(bare, "html")
    assert "not part of this report" in page
    assert 'class="finding' in page


def test_html_escapes_hostile_article(hostile: AuditReport) -> None:
    page_source = render(hostile, "html")
    page = Page(page_source)
    assert_inert(page)
    assert len(page.scripts) == 1 and "__pwned" not in page.scripts[0]
    assert page.code() == page.scripts
    assert "<script>window" not in page_source
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in page_source
    assert "<img" not in page_source and "<svg" not in page_source
    assert 'href="javascript' not in page_source.lower()


def test_html_rejects_unsafe_rule_links(sample: AuditReport) -> None:
    f = sample.findings[0].model_copy(update={"link": "javascript:alert(1)"})
    g = sample.findings[1].model_copy(update={"link": "https://example.org/style#loaded"})
    report = sample.model_copy(update={"findings": [f, g, *sample.findings[2:]]})
    page = Page(render(report, "html"))
    hrefs = [a["href"] for a in page.find("a")]
    assert "https://example.org/style#loaded" in hrefs
    assert not any((h or "").startswith("javascript") for h in hrefs)


_TEXT = st.text(
    alphabet=st.sampled_from([*"ab <>&\"'`=/\n#*_[]()!:;.-", "é", "\u201c", "\u201d", "😀"]),
    max_size=120,
)


def _finding(text: str, start: int, end: int, dim: Dimension) -> Finding:
    return Finding(
        rule_id="t.rule", dimension=dim, severity=Severity.warning,
        span=Span(start=start, end=end), excerpt=text[start:end], line=1, column=1,
        message=f"<b>{text[start:end]}</b>", explanation="<script>x()</script>",
    )


@settings(max_examples=60, deadline=None)
@given(text=_TEXT, data=st.data())
def test_blocks_keep_text_and_anchor_every_finding(text: str, data: st.DataObject) -> None:
    findings = []
    if text:
        for _ in range(data.draw(st.integers(0, 4))):
            start = data.draw(st.integers(0, len(text) - 1))
            end = data.draw(st.integers(start + 1, len(text)))
            findings.append(_finding(text, start, end, data.draw(st.sampled_from(list(Dimension)))))
    blocks = html_report.blocks(text, findings)
    anchors: list[int] = []
    last = 0
    for block in blocks:
        assert block.start >= last  # blocks in order, never overlapping
        last = block.end
        assert "".join(s.text for s in block.segments) == text[block.start : block.end]
        for seg in block.segments:
            anchors.extend(seg.anchors)
            for i in seg.findings:
                f = findings[i]
                assert f.span.start <= seg.start and seg.end <= f.span.end
    assert sorted(anchors) == list(range(len(findings)))


@settings(max_examples=40, deadline=None)
@given(text=_TEXT)
def test_any_article_text_renders_inert_html(text: str) -> None:
    report = report_of(text or "x")
    page = Page(render(report, "html"))
    assert_inert(page)
    assert len(page.scripts) == 1


# ------------------------------------------------------------------ Markdown


def _md_html(source: str) -> str:
    return MarkdownIt("commonmark").render(source)


def test_markdown_report(sample: AuditReport) -> None:
    out = render(sample, "md")
    assert out.startswith("## copydesk report: Council Plan Causes Uproar")
    assert f"**Score {sample.score:.0f}/100, grade {sample.grade}**" in out
    assert "| Loaded language |" in out
    assert "### Attribution" in out and "*Why it matters:*" in out
    rendered = _md_html(out)
    # The score table renders as a real table where tables are read (GitHub-flavoured
    # Markdown): a header row and a row for every dimension.
    table = MarkdownIt("commonmark").enable("table").render(out)
    assert "<table>" in table
    assert table.count("<tr>") == 1 + len(sample.dimensions)
    assert rendered.count("<li>") == len(sample.findings)


def test_markdown_escapes_article_text(hostile: AuditReport) -> None:
    out = render(hostile, "md")
    rendered = _md_html(out)
    assert "<a " not in rendered and "<img" not in rendered
    assert "<script" not in rendered and "<svg" not in rendered
    assert "&lt;script&gt;" in rendered  # shown as text


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a `<>[]()*_\\")), max_size=30))
def test_markdown_code_span_is_literal(text: str) -> None:
    rendered = _md_html(f"x {md_report.code_span(text)} y")
    from html import unescape

    assert rendered.count("<code>") == 1
    inner = rendered[rendered.index("<code>") + 6 : rendered.index("</code>")]
    assert unescape(inner).strip() == " ".join(text.split()).strip()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_markdown_escape_is_literal_text(text: str) -> None:
    escaped = md_report.escape(text)
    assert "\n" not in escaped
    rendered = _md_html(f"x {escaped} y")
    assert "<a" not in rendered and "<img" not in rendered and "<em>" not in rendered
    assert "<code>" not in rendered and "<strong>" not in rendered
    # Inside a paragraph, the escaped text comes back as the same words.
    from html import unescape

    inner = rendered.strip()[len("<p>") : -len("</p>")]
    # Control characters come back as visible symbols (ESC -> ␛), never dropped or raw.
    from copydesk.report.escape import visible_controls

    visible = visible_controls(" ".join(text.split()))
    assert unescape(inner).split() == f"x {visible} y".split() or not visible.strip()


# ------------------------------------------------------------------ SARIF


def test_sarif_log(sample: AuditReport) -> None:
    log = json.loads(render(sample, "sarif"))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "copydesk"
    rules = driver["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    assert {r["id"] for r in rules} == {f.rule_id for f in sample.findings}
    for rule in rules:
        assert rule["fullDescription"]["text"]
        assert rule["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    results = run["results"]
    assert len(results) == len(sample.findings)
    lines = SAMPLE.split("\n")
    for result, f in zip(results, sample.findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == f.rule_id
        loc = result["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "articles/sample.md", "index": 0, "uriBaseId": "%SRCROOT%"}
        reg = loc["region"]
        # The region, read back from the file's lines, is the excerpt.
        if reg["startLine"] == reg["endLine"]:
            got = lines[reg["startLine"] - 1][reg["startColumn"] - 1 : reg["endColumn"] - 1]
        else:
            got = "\n".join(
                [
                    lines[reg["startLine"] - 1][reg["startColumn"] - 1 :],
                    *lines[reg["startLine"] : reg["endLine"] - 1],
                    lines[reg["endLine"] - 1][: reg["endColumn"] - 1],
                ]
            )
        assert got == f.excerpt == reg["snippet"]["text"]
        level = {"info": "note"}.get(f.severity.value, f.severity.value)
        assert result["level"] == ("note" if f.in_quote else level)
    fingerprints = [r["partialFingerprints"]["copydeskFinding/v1"] for r in results]
    assert len(set(fingerprints)) == len(fingerprints)
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["artifacts"][0]["location"]["uri"] == "articles/sample.md"


def test_sarif_multiline_region_and_uris() -> None:
    text = "Title here\n\nA far-reaching\nplan.\n"
    f = _finding(text, text.index("far"), text.index("plan") + 4, Dimension.loaded_language)
    f = f.model_copy(update={"line": 3, "column": 3})
    reg = sarif_report.region(f)
    assert (reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == (3, 3, 4, 5)
    assert sarif_report.artifact_uri("news/a b.md") == ("news/a%20b.md", True)
    assert sarif_report.artifact_uri("/srv/news/a.md") == ("file:///srv/news/a.md", False)
    assert sarif_report.artifact_uri("<stdin>") == ("stdin", True)
    assert sarif_report.artifact_uri(None) == ("article", True)


# ------------------------------------------------------------------ worksheet


def test_worksheet_layout_and_answers(sample: AuditReport) -> None:
    _lines, words = layout(sample)
    assert [SAMPLE[s:e] for s, e in words][:4] == ["Council", "Plan", "Causes", "Uproar"]
    assert "far-reaching" in [SAMPLE[s:e] for s, e in words]
    loaded = answers(sample, TASKS["loaded"])
    assert [f.excerpt for f in loaded] == ["widespread", "chaos", "far-reaching", "slammed"]
    # "fury" is inside the mayor's quotation: not an answer.
    assert all(not f.in_quote for f in loaded)


def test_worksheet_page(sample: AuditReport) -> None:
    page_source = worksheet_html(sample, "loaded")
    page = Page(page_source)
    assert_inert(page)
    assert not page.find("mark")  # the article is shown without highlights
    data = page.data_island()
    assert isinstance(data, dict)
    assert data["task"] == "loaded" and data["unit"] == "word"
    assert len(data["answers"]) == 4
    assert [q["excerpt"] for q in data["quoted"]] == ["fury"]
    words = page.find("span", "w")
    texts = {int(w["data-i"] or 0) for w in words}
    assert texts == set(range(len(words)))
    attribution = Page(worksheet_html(sample, "attribution")).data_island()
    assert isinstance(attribution, dict)
    assert attribution["unit"] == "sentence"
    assert {a["excerpt"] for a in attribution["answers"]} == {"drew widespread criticism", "Experts predict"}


def test_worksheet_escapes_hostile_article(hostile: AuditReport) -> None:
    for task in TASKS:
        page_source = worksheet_html(hostile, task)
        page = Page(page_source)
        assert_inert(page)
        assert "</script><" not in page_source.replace("</script>\n<script>", "")
        assert "<img" not in page_source and "<svg" not in page_source
    key = answer_key_html(hostile, "loaded")
    assert_inert(Page(key))
    rendered = _md_html(answer_key_markdown(hostile, "loaded"))
    assert "<a " not in rendered and "<img" not in rendered and "<script" not in rendered


def test_answer_keys(sample: AuditReport) -> None:
    key = answer_key_html(sample, "loaded")
    page = Page(key)
    assert not page.scripts
    assert len(page.find("sup", "n")) == 4
    assert "Inside quotations" in key and "fury" in key
    md = answer_key_markdown(sample, "focus")
    assert "1 answer." in md and "Read more at example\\.org\\/parking" in md


def test_unknown_task(sample: AuditReport) -> None:
    with pytest.raises(ValueError, match="unknown task"):
        worksheet_html(sample, "spelling")


# ------------------------------------------------------------------ CLI


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_audit_formats(tmp_path: Path) -> None:
    article = _write(tmp_path, "a.md", SAMPLE)
    for fmt in ("html", "md", "sarif"):
        out = tmp_path / f"r.{fmt}"
        code = main(["audit", str(article), "--rules", str(PACK), "-f", fmt, "-o", str(out)])
        assert code == 0
        assert out.stat().st_size > 500
    assert json.loads((tmp_path / "r.sarif").read_text())["version"] == "2.1.0"
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")


def test_cli_exercise(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    article = _write(tmp_path, "a.md", SAMPLE)
    sheet, key_md, key_html = tmp_path / "w.html", tmp_path / "key.md", tmp_path / "key.html"
    assert main(["exercise", str(article), "--rules", str(PACK), "-o", str(sheet),
                 "--task", "attribution", "--answers", str(key_md)]) == 0
    assert "Who says so?" in sheet.read_text()
    assert key_md.read_text().startswith("## Answer key: Who says so?")
    assert main(["exercise", str(article), "--rules", str(PACK), "-o", str(sheet),
                 "--answers", str(key_html)]) == 0
    assert key_html.read_text().startswith("<!DOCTYPE html>")
    assert main(["exercise", str(tmp_path / "missing.md"), "-o", str(sheet)]) == 2
    assert "no such file" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["exercise", str(article), "--task", "spelling"])


# ------------------------------------------------------------------ examples/ and reports/


def _load_tool() -> object:
    spec = importlib.util.spec_from_file_location("make_reports", ROOT / "tools" / "make_reports.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_reports_are_fresh() -> None:
    tool = _load_tool()
    expected = tool.build()  # type: ignore[attr-defined]
    assert expected, "examples/ has no articles"
    problems = tool.stale(expected)  # type: ignore[attr-defined]
    assert not problems, "reports/ is stale; run: python tools/make_reports.py\n" + "\n".join(problems)


def test_examples_include_a_well_sourced_article_that_scores_high() -> None:
    import copydesk

    text = (ROOT / "examples" / "well-sourced-water-rates.md").read_text(encoding="utf-8")
    report = copydesk.audit(text)
    assert report.score >= 85, [f.excerpt for f in report.findings]
    reference_text = (ROOT / "examples" / "russia-north-korea-labor.md").read_text(encoding="utf-8")
    reference = copydesk.audit(reference_text)
    assert reference.score < report.score - 20


@pytest.mark.parametrize("script", ["python_use.py", "classroom.py"])
def test_example_scripts_run(script: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "examples" / script), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written, done.stdout
    for p in tmp_path.iterdir():
        if p.suffix == ".html":
            assert_inert(Page(p.read_text(encoding="utf-8")))


# ------------------------------------------------------------------ contrast


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_colours_have_sufficient_contrast() -> None:
    import re

    css = html_report.stylesheet()  # base.css rendered, with every dimension's colours
    var = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{6})", css))
    ink, muted, paper, panel = var["ink"], var["muted"], var["paper"], var["panel"]
    quote = var["quote"]
    # Body text (WCAG AA: 4.5:1) on every background it sits on, highlights included.
    backgrounds = [paper, panel, *(var[f"{d}-tint"] for d in NAMES)]
    for bg in backgrounds:
        assert _contrast(ink, bg) >= 7, bg
        assert _contrast(quote, bg) >= 4.5, bg
    assert _contrast(muted, paper) >= 4.5 and _contrast(muted, panel) >= 4.5
    # Stripes and swatches are graphics (WCAG 1.4.11: 3:1) against the page.
    for d in NAMES:
        assert _contrast(var[d], paper) >= 3, d
    badges = re.findall(r"\.badge-\w+ \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", css)
    assert len(badges) == 3
    for bg, fg in badges:
        assert _contrast(bg, fg) >= 4.5, (bg, fg)
