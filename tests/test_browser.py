"""The HTML report and the worksheet in a real browser: Debian's chromium, driven by Selenium.

Needs ``/usr/bin/chromium`` and ``/usr/bin/chromedriver`` (apt: chromium chromium-driver) and
the ``selenium`` package; nothing is downloaded. Without them the tests skip, except under
CI (``CI`` set), where a missing browser is a failure. Screenshots go to ``test-output/``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import copydesk
from copydesk.report.render import render
from copydesk.report.worksheet import answer_key_html, worksheet_html

from .report_helpers import HOSTILE, SAMPLE, report_of

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "test-output"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
)


def _missing() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is not installed (pip install -e '.[browser]')"
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is missing (apt-get install chromium chromium-driver)"
    return None


def chromium(profile: Path, *arguments: str) -> Iterator[Any]:
    """Debian's Chromium under Selenium, for a module's browser tests (skipped without
    it, except in CI, where a missing browser fails). Shared by every browser test file."""
    reason = _missing()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, *arguments):
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path: Selenium Manager never looks for (or downloads) a driver.
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.set_page_load_timeout(30)
    OUT.mkdir(exist_ok=True)
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory.mktemp("chromium-profile"), "--window-size=1280,1000")


def _page(name: str, content: str) -> Path:
    OUT.mkdir(exist_ok=True)
    path = OUT / name
    path.write_text(content, encoding="utf-8")
    return path


def _open(driver: Any, path: Path, width: int = 1280, height: int = 1000) -> None:
    driver.set_window_size(width, height)
    driver.get(path.resolve().as_uri())
    driver.get_log("browser")  # drop messages from earlier pages


def _errors(driver: Any) -> list[dict[str, Any]]:
    return [e for e in driver.get_log("browser") if e.get("level") in ("SEVERE", "ERROR")]


def _shot(driver: Any, name: str, full: bool = False) -> Path:
    path = OUT / name
    if full:
        size = driver.get_window_size()
        height = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(size["width"], min(int(height) + 40, 8000))
        driver.save_screenshot(str(path))
        driver.set_window_size(size["width"], size["height"])
    else:
        driver.save_screenshot(str(path))
    assert path.stat().st_size > 1000
    return path


@pytest.fixture(scope="module")
def sample_report() -> copydesk.AuditReport:
    return report_of(SAMPLE, "sample.md")


@pytest.fixture(scope="module")
def sample_page(sample_report: copydesk.AuditReport) -> Path:
    return _page("sample-report.html", render(sample_report, "html"))


def _by_css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def _mark_for(driver: Any, excerpt_start: int) -> Any:
    (mark,) = _by_css(driver, f"mark.hl#h-{excerpt_start}")
    return mark


# ------------------------------------------------------------------ the report


def test_report_loads_without_console_errors(driver: Any, sample_page: Path) -> None:
    _open(driver, sample_page)
    assert driver.execute_script("return document.documentElement.classList.contains('js')")
    assert _errors(driver) == []
    assert driver.title.startswith("copydesk report")
    _shot(driver, "report-desktop.png")


def test_highlights_equal_findings(
    driver: Any, sample_page: Path, sample_report: copydesk.AuditReport
) -> None:
    _open(driver, sample_page)
    ids = driver.execute_script(
        "var s = new Set(); document.querySelectorAll('mark.hl').forEach(function (m) {"
        " m.dataset.f.split(' ').forEach(function (i) { s.add(Number(i)); }); });"
        " return Array.from(s).sort(function (a, b) { return a - b; });"
    )
    assert ids == list(range(len(sample_report.findings)))
    assert len(_by_css(driver, "#findings li.finding")) == len(sample_report.findings)
    # Each highlight's text is the article text at its offset.
    for mark in _by_css(driver, "mark.hl"):
        start = int(mark.get_attribute("id").split("-")[1])
        text = mark.get_attribute("textContent")
        assert SAMPLE[start : start + len(text)] == text


def test_clicking_a_highlight_shows_its_explanation(
    driver: Any, sample_page: Path, sample_report: copydesk.AuditReport
) -> None:
    _open(driver, sample_page)
    panel = _by_css(driver, "#detail")[0]
    chaos = next(f for f in sample_report.findings if f.excerpt == "chaos")
    _mark_for(driver, chaos.span.start).click()
    assert panel.is_displayed()
    assert chaos.explanation in panel.text
    assert chaos.suggestion and chaos.suggestion in panel.text
    assert "1 finding here" in panel.text
    # Overlapping findings: the shared segment lists both, from two dimensions.
    inner = next(f for f in sample_report.findings if f.excerpt == "widespread")
    _mark_for(driver, inner.span.start).click()
    assert "2 findings here" in panel.text
    assert "who says so?" in panel.text and "tells the reader how to feel" in panel.text
    _shot(driver, "report-detail.png")
    assert _errors(driver) == []


def test_keyboard_reaches_highlights_and_escape_closes(
    driver: Any, sample_page: Path, sample_report: copydesk.AuditReport
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(driver, sample_page)
    for _ in range(40):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        if active.tag_name == "mark":
            break
    else:
        pytest.fail("Tab never reached a highlight")
    panel = _by_css(driver, "#detail")[0]
    assert "finding" in panel.text and "Why it matters" in panel.text
    first = sample_report.findings[0]
    assert first.explanation in panel.text
    outline = driver.execute_script(
        "return getComputedStyle(document.activeElement).outlineStyle"
    )
    assert outline != "none"  # a visible focus ring
    active.send_keys(Keys.ESCAPE)
    assert "empty" in panel.get_attribute("class")


def test_filters_hide_findings_and_highlights(
    driver: Any, sample_page: Path, sample_report: copydesk.AuditReport
) -> None:
    _open(driver, sample_page)
    (box,) = _by_css(driver, "#filters input[value='attribution']")
    box.click()
    hidden = driver.execute_script(
        "return Array.from(document.querySelectorAll('#findings li.finding'))"
        ".filter(function (li) { return li.hidden; }).map(function (li) { return li.dataset.dim; })"
    )
    n_attr = sum(1 for f in sample_report.findings if f.dimension.value == "attribution")
    assert hidden == ["attribution"] * n_attr
    experts = next(f for f in sample_report.findings if f.excerpt == "Experts predict")
    assert "off" in _mark_for(driver, experts.span.start).get_attribute("class")
    assert "Showing" in _by_css(driver, "#filter-status")[0].text
    (sev,) = _by_css(driver, "#filters input[value='info']")
    sev.click()
    assert not _by_css(driver, "#group-focus")[0].is_displayed()


def test_phone_layout_and_print(driver: Any, sample_page: Path, sample_report: copydesk.AuditReport) -> None:
    _open(driver, sample_page, 390, 844)
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    _shot(driver, "report-phone.png")
    slammed = next(f for f in sample_report.findings if f.excerpt == "slammed")
    mark = _mark_for(driver, slammed.span.start)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
    mark.click()
    panel = _by_css(driver, "#detail")[0]
    assert panel.is_displayed()
    assert driver.execute_script("return getComputedStyle(arguments[0]).position", panel) == "fixed"
    _shot(driver, "report-phone-detail.png")
    # Print: the panel and filters go, the findings list stays.
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        _open(driver, sample_page)
        assert not _by_css(driver, "#detail")[0].is_displayed()
        assert not _by_css(driver, "#filters")[0].is_displayed()
        assert _by_css(driver, "#findings li.finding")[0].is_displayed()
        _shot(driver, "report-print.png", full=True)
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def test_reference_article_report(driver: Any) -> None:
    text = (ROOT / "examples" / "russia-north-korea-labor.md").read_text(encoding="utf-8")
    report = copydesk.audit(copydesk.Article.from_text(text, source="examples/russia-north-korea-labor.md"))
    _open(driver, _page("reference-report.html", render(report, "html")))
    assert _errors(driver) == []
    n = driver.execute_script(
        "var s = new Set(); document.querySelectorAll('mark.hl').forEach(function (m) {"
        " m.dataset.f.split(' ').forEach(function (i) { s.add(i); }); }); return s.size;"
    )
    assert n == len(report.findings)
    _shot(driver, "reference-report.png", full=True)


# ------------------------------------------------------------------ hostile input


def test_hostile_report_runs_no_script(driver: Any) -> None:
    report = report_of(HOSTILE, "hostile.md")
    pages = {
        "hostile-report.html": render(report, "html"),
        "hostile-worksheet.html": worksheet_html(report, "loaded"),
        "hostile-answers.html": answer_key_html(report, "loaded"),
    }
    for name, content in pages.items():
        _open(driver, _page(name, content))
        time.sleep(0.2)  # an onerror/onload handler would have fired by now
        assert driver.execute_script("return typeof window.__pwned") == "undefined", name
        assert _by_css(driver, "img") == [] and _by_css(driver, "svg") == []
        assert not [a for a in _by_css(driver, "a") if "javascript" in (a.get_attribute("href") or "")]
        assert _errors(driver) == [], name
    _open(driver, OUT / "hostile-report.html")
    article = _by_css(driver, "#article")[0].text
    assert "<script>window.__pwned = 1</script>" in article
    assert '"><img src=x onerror="window.__pwned=2">' in article
    for mark in _by_css(driver, "mark.hl"):
        mark.click()
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    _shot(driver, "hostile-report.png")


# ------------------------------------------------------------------ the worksheet


def _word(driver: Any, text: str, nth: int = 0) -> Any:
    # Centred, as a reader would scroll it: the sticky controls bar covers the bottom edge.
    word = driver.execute_script(
        "var t = arguments[0]; var w = Array.from(document.querySelectorAll('#ws-text span.w'))"
        ".filter(function (x) { return x.textContent === t; })[arguments[1]];"
        "w.scrollIntoView({block: 'center'}); return w;",
        text,
        nth,
    )
    assert word is not None, text
    return word


def test_worksheet_check_scores_a_scripted_selection(
    driver: Any, sample_report: copydesk.AuditReport
) -> None:
    path = _page("sample-worksheet.html", worksheet_html(sample_report, "loaded"))
    _open(driver, path)
    assert _errors(driver) == []
    # The article card is as wide as the instructions card above it.
    widths = driver.execute_script(
        "return ['.card.task', '#ws-text'].map(function (s) {"
        " return Math.round(document.querySelector(s).getBoundingClientRect().width); });"
    )
    assert widths[0] == widths[1], widths
    _word(driver, "widespread").click()  # an answer
    _word(driver, "Monday").click()  # not an answer
    _word(driver, "fury").click()  # loaded, but the mayor's words: not an answer
    # A dragged selection across "far-reaching", marked with the button.
    driver.execute_script(
        "var w = Array.from(document.querySelectorAll('#ws-text span.w'))"
        ".find(function (x) { return x.textContent === 'far-reaching'; });"
        "var r = document.createRange(); r.setStart(w.firstChild, 3); r.setEnd(w.firstChild, 8);"
        "var s = getSelection(); s.removeAllRanges(); s.addRange(r);"
    )
    _by_css(driver, "#ws-mark")[0].click()
    assert "4 passages marked" in _by_css(driver, "#ws-count")[0].text
    _by_css(driver, "#ws-check")[0].click()
    results = _by_css(driver, "#ws-results")[0]
    assert results.is_displayed()
    assert (
        results.get_attribute("data-found"),
        results.get_attribute("data-missed"),
        results.get_attribute("data-over"),
    ) == ("2", "2", "2")
    text = results.text
    assert "You found 2 of 4" in text
    assert "speaker's words" in text  # the over-flagged quote is explained as such
    chaos = next(f for f in sample_report.findings if f.excerpt == "chaos")
    assert chaos.explanation in text  # a missed answer comes with its explanation
    assert "found" in _word(driver, "widespread").get_attribute("class")
    assert "missed" in _word(driver, "chaos").get_attribute("class")
    assert "over" in _word(driver, "Monday").get_attribute("class")
    _shot(driver, "worksheet-checked.png", full=True)
    # Unmarking clears the result; Clear removes every mark.
    _word(driver, "Monday").click()
    assert not results.is_displayed()
    _by_css(driver, "#ws-clear")[0].click()
    assert not _by_css(driver, "#ws-text span.w.marked")
    assert _errors(driver) == []


def test_worksheet_sentences_and_keyboard(driver: Any, sample_report: copydesk.AuditReport) -> None:
    from selenium.webdriver.common.keys import Keys

    path = _page("sample-worksheet-attribution.html", worksheet_html(sample_report, "attribution"))
    _open(driver, path, 390, 844)
    _word(driver, "town").click()  # marks the whole "Experts predict chaos ..." sentence
    marked = [w.get_attribute("textContent") for w in _by_css(driver, "#ws-text span.w.marked")]
    assert marked[:3] == ["Experts", "predict", "chaos"] and "mayor" in marked
    text = _by_css(driver, "#ws-text")[0]
    driver.execute_script("arguments[0].focus()", text)
    # Keyboard: Home goes to the headline; one step right is the first body sentence
    # (it holds "drew widespread criticism"); Space marks it.
    text.send_keys(Keys.HOME, Keys.ARROW_RIGHT, Keys.SPACE)
    marked = [w.get_attribute("textContent") for w in _by_css(driver, "#ws-text span.w.marked")]
    assert "criticism" in marked
    _by_css(driver, "#ws-check")[0].click()
    results = _by_css(driver, "#ws-results")[0]
    assert (results.get_attribute("data-found"), results.get_attribute("data-missed"),
            results.get_attribute("data-over")) == ("2", "0", "0")
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    _shot(driver, "worksheet-phone.png")
    assert _errors(driver) == []


# ------------------------------------------------------------------ the corpus report


@pytest.fixture(scope="module")
def corpus_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from copydesk.cli import main

    from .corpus_helpers import records, write_jsonl

    folder = tmp_path_factory.mktemp("corpus-browser")
    batch = write_jsonl(folder / "batch.jsonl", records(30))
    reports = OUT / "corpus-reports"
    assert main(["audit", str(batch), "--format", "html", "-o", str(reports), "-q", "-j", "1",
                 "--by", "outlet", "--over", "date"]) == 0
    return reports / "index.html"


def test_corpus_page_desktop(driver: Any, corpus_page: Path) -> None:
    _open(driver, corpus_page)
    assert _errors(driver) == []
    assert driver.title == "copydesk: Corpus report"
    charts = _by_css(driver, "svg.chart")
    assert len(charts) >= 12
    for chart in charts:  # every chart is drawn, at a readable size
        size = chart.size
        assert size["width"] >= 200 and size["height"] >= 60, size
    # The links of "needs an editor first" open the article's own report.
    link = _by_css(driver, "#editor-table a")[0]
    href = link.get_attribute("href")
    _shot(driver, "corpus-desktop.png", full=True)
    link.click()
    assert driver.current_url == href and driver.title.startswith("copydesk report")
    assert _errors(driver) == []


def test_corpus_page_phone(driver: Any, corpus_page: Path) -> None:
    _open(driver, corpus_page, 390, 844)
    overflow = driver.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    # Chart text stays legible: the smallest SVG label is drawn at 7 px or more.
    smallest = driver.execute_script(
        "var m = 1e9; document.querySelectorAll('svg.chart text').forEach(function (t) {"
        " var h = t.getBoundingClientRect().height; if (h > 0 && h < m) { m = h; } }); return m;"
    )
    assert smallest >= 7, smallest
    _shot(driver, "corpus-phone.png", full=True)
    assert _errors(driver) == []
