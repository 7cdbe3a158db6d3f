"""The page at / of `copydesk serve`, in Chromium (as tests/test_browser.py drives it).

A real server (uvicorn, in a thread, on a free loopback port) answers the page; the tests
paste, drop a file, audit, click a highlight in the report, and do a classroom worksheet.
Screenshots go to test-output/ (serve-*.png).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")

import copydesk
from copydesk.serve.app import create_app
from copydesk.serve.service import Service
from copydesk.serve.settings import Settings

from .report_helpers import HOSTILE, SAMPLE
from .test_browser import OUT, _errors, _shot, chromium

HEADLINE, _, BODY = SAMPLE.partition("\n\n")
HEADLINE = HEADLINE.removeprefix("# ")


@pytest.fixture(scope="module")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    yield from chromium(tmp_path_factory.mktemp("chromium-serve-profile"))


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings = Settings(no_config=True, port=port)
    app = create_app(settings, Service(settings))
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def _open(driver: Any, url: str, width: int = 1280, height: int = 1000) -> None:
    driver.set_window_size(width, height)
    driver.get(url + "/")
    driver.get_log("browser")


def _css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def _one(driver: Any, selector: str) -> Any:
    (element,) = _css(driver, selector)
    return element


def _wait(driver: Any, condition: Any, timeout: float = 30) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def _paste(driver: Any, headline: str, body: str) -> None:
    # Typing thousands of characters is slow: set the values, as a paste would.
    driver.execute_script(
        "document.getElementById('headline').value = arguments[0];"
        "document.getElementById('body').value = arguments[1];",
        headline,
        body,
    )


def _audited(driver: Any) -> Any:
    """Wait for the report's frame to hold the highlighted article, and enter it."""
    frame = _one(driver, "#report-frame")
    _wait(driver, lambda d: frame.is_displayed())

    def ready(d: Any) -> bool:
        d.switch_to.frame(frame)
        try:
            return bool(d.execute_script("return document.querySelectorAll('mark.hl').length"))
        finally:
            d.switch_to.default_content()

    _wait(driver, ready)
    driver.switch_to.frame(frame)
    return frame


def test_paste_audit_and_click_a_highlight(driver: Any, server: str) -> None:
    _open(driver, server)
    assert driver.title.startswith("copydesk")
    _paste(driver, HEADLINE, BODY)
    _one(driver, "#go").click()
    _audited(driver)
    try:
        report = copydesk.audit(copydesk.Article(headline=HEADLINE, body=BODY))
        chaos = next(f for f in report.findings if f.excerpt == "chaos")
        mark = _one(driver, f"mark.hl#h-{chaos.span.start}")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        mark.click()
        panel = _one(driver, "#detail")
        assert panel.is_displayed() and chaos.explanation in panel.text
        assert _one(driver, ".overall .num").text == f"{report.score:.0f}"
    finally:
        driver.switch_to.default_content()
    assert _errors(driver) == [], "no console errors (a CSP violation would be one)"
    assert "Done" in _one(driver, "#status").text
    _shot(driver, "serve-report-desktop.png")


def test_keyboard_only(driver: Any, server: str) -> None:
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    _open(driver, server)
    _paste(driver, HEADLINE, BODY)
    # From the body, Tab reaches the file input, then the Audit button; Enter audits.
    _one(driver, "#body").click()
    for _ in range(6):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.switch_to.active_element.get_attribute("id") == "go":
            break
    else:
        pytest.fail("Tab never reached the Audit button")
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    _audited(driver)
    driver.switch_to.default_content()
    # The report's heading takes the focus, so a screen reader announces the result.
    assert driver.switch_to.active_element.get_attribute("id") == "report-h"


def test_empty_body_says_so(driver: Any, server: str) -> None:
    _open(driver, server)
    _one(driver, "#go").click()
    status = _one(driver, "#status")
    assert "body" in status.text and "error" in status.get_attribute("class")
    assert driver.switch_to.active_element.get_attribute("id") == "body"


def test_drop_a_file(driver: Any, server: str, tmp_path: Path) -> None:
    path = tmp_path / "story.md"
    path.write_text(SAMPLE, encoding="utf-8")
    _open(driver, server)
    _one(driver, "#file").send_keys(str(path))
    _wait(driver, lambda d: d.execute_script("return document.getElementById('body').value.length > 0"))
    assert _one(driver, "#headline").get_attribute("value") == HEADLINE
    assert "parking plan" in _one(driver, "#body").get_attribute("value")
    page = tmp_path / "story.html"
    page.write_text(
        "<html><body><article><h1>Bus cuts</h1><p>The council slashed routes.</p></article></body></html>",
        encoding="utf-8",
    )
    _one(driver, "#file").send_keys(str(page))
    _wait(driver, lambda d: "slashed" in d.execute_script("return document.getElementById('body').value"))


def test_hostile_article_stays_text(driver: Any, server: str) -> None:
    _open(driver, server)
    head, _, body = HOSTILE.partition("\n\n")
    _paste(driver, head.removeprefix("# "), body)
    _one(driver, "#go").click()
    _audited(driver)
    try:
        assert driver.execute_script("return window.__pwned === undefined")
        assert not _css(driver, "article script, article img, article svg")
    finally:
        driver.switch_to.default_content()
    assert driver.execute_script("return window.__pwned === undefined")


def test_phone_width(driver: Any, server: str) -> None:
    _open(driver, server, 390, 844)
    overflow = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert driver.execute_script(overflow) <= 0
    _shot(driver, "serve-form-phone.png")
    _paste(driver, HEADLINE, BODY)
    _one(driver, "#go").click()
    _audited(driver)
    try:
        report = copydesk.audit(copydesk.Article(headline=HEADLINE, body=BODY))
        slammed = next(f for f in report.findings if f.excerpt == "slammed")
        mark = _one(driver, f"mark.hl#h-{slammed.span.start}")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", mark)
        mark.click()
        assert _one(driver, "#detail").is_displayed()
        assert driver.execute_script(overflow) <= 0
        # The sheet over the bottom of the screen leaves the highlight it explains in sight.
        mark_box, sheet_top = driver.execute_script(
            "return [arguments[0].getBoundingClientRect().bottom,"
            " document.getElementById('detail').getBoundingClientRect().top]",
            mark,
        )
        assert mark_box <= sheet_top, (mark_box, sheet_top)
        _shot(driver, "serve-report-phone-detail.png")
    finally:
        driver.switch_to.default_content()
    assert driver.execute_script(overflow) <= 0
    driver.execute_script("document.getElementById('report-h').scrollIntoView()")
    _shot(driver, "serve-report-phone.png")


def _worksheet(driver: Any, server: str, width: int = 1280) -> None:
    _open(driver, server, width, 1000)
    _one(driver, "input[name='mode'][value='worksheet']").click()
    assert _one(driver, "#task-field").is_displayed()
    _paste(driver, HEADLINE, BODY)
    _one(driver, "#go").click()
    _wait(driver, lambda d: _one(d, "#ws-result").is_displayed() and _css(d, "#ws-text span.w"))


def test_classroom_worksheet_check_and_teacher_key(driver: Any, server: str) -> None:
    from copydesk.report.worksheet import TASKS, data, layout

    _worksheet(driver, server)
    report = copydesk.audit(copydesk.Article(headline=HEADLINE, body=BODY))
    _lines, words = layout(report)
    key = data(report, TASKS["loaded"], words)
    assert key["answers"]
    # No answer is in what the student's browser received: the page, or the worksheet.
    received = driver.page_source + driver.execute_script(
        "return performance.getEntriesByType('resource').map(function (e) { return e.name; }).join(' ')"
    )
    for answer in key["answers"]:
        assert answer["rule"] not in received and answer["explanation"] not in received
    # Mark the first answer by clicking its first word, then check.
    first = key["answers"][0]
    _one(driver, f"#ws-text span.w[data-i='{first['words'][0]}']").click()
    _one(driver, "#ws-check").click()
    results = _one(driver, "#ws-results")
    _wait(driver, lambda d: results.is_displayed())
    assert results.get_attribute("data-found") == "1"
    assert results.get_attribute("data-missed") == str(len(key["answers"]) - 1)
    assert f"You found 1 of {len(key['answers'])}" in _one(driver, "#ws-summary").text
    assert "found" in _one(driver, f"#ws-text span.w[data-i='{first['words'][0]}']").get_attribute("class")
    _shot(driver, "serve-worksheet-desktop.png")
    # The teacher's switch fetches the key; off again, it goes.
    assert not _one(driver, "#ws-key").is_displayed()
    _one(driver, "#teacher").click()
    _wait(driver, lambda d: _one(d, "#ws-key").is_displayed())
    assert len(_css(driver, "#ws-key-list li")) == len(key["answers"])
    assert key["answers"][0]["explanation"] in _one(driver, "#ws-key").text
    # Each rule is explained once in the key, however many answers it has.
    key_text = _one(driver, "#ws-key").text
    for a in key["answers"]:
        assert key_text.count(a["explanation"]) == 1
    _one(driver, "#teacher").click()
    assert not _one(driver, "#ws-key").is_displayed()
    assert _errors(driver) == []


def test_classroom_keyboard_and_phone(driver: Any, server: str) -> None:
    from selenium.webdriver.common.keys import Keys

    _worksheet(driver, server, 390)
    text = _one(driver, "#ws-text")
    text.send_keys(Keys.ARROW_RIGHT)
    text.send_keys(Keys.SPACE)
    assert len(_css(driver, "#ws-text span.w.marked")) == 1
    overflow = "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert driver.execute_script(overflow) <= 0
    # The worksheet's article is as wide as the instructions above it.
    widths = driver.execute_script(
        "return [document.getElementById('ws-text').getBoundingClientRect().width,"
        " document.querySelector('#ws-result .task').getBoundingClientRect().width]"
    )
    assert abs(widths[0] - widths[1]) < 2, widths
    driver.execute_script("document.getElementById('ws-h').scrollIntoView()")
    _shot(driver, "serve-worksheet-phone.png")
    assert OUT.exists()
