"""The HTTP service (copydesk.serve) through an HTTP client: every endpoint, every error.

Needs the `serve` extra (starlette, uvicorn) and an HTTP client for starlette's test
client (httpx2 or httpx); both are in the `dev` extra.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")

from starlette.testclient import TestClient

import copydesk
from copydesk.serve.app import create_app
from copydesk.serve.service import Service
from copydesk.serve.settings import Settings

from .conftest import REFERENCE
from .report_helpers import HOSTILE, SAMPLE

TOKEN = "s3cret-token-for-tests-0123456789"
HEADLINE = "Council plan causes uproar"
BODY = (
    "The council's parking plan drew widespread criticism on Monday. Experts predict chaos in "
    "the town centre.\n\nShop owners slammed the timing. Officials said 400 spaces would go."
)


@pytest.fixture(scope="module")
def service() -> Service:
    return Service(Settings(no_config=True))


@pytest.fixture(scope="module")
def client(service: Service) -> Iterator[TestClient]:
    with TestClient(create_app(service.settings, service)) as c:
        yield c


def _client(**limits: Any) -> TestClient:
    settings = Settings(no_config=True, **limits)
    return TestClient(create_app(settings, Service(settings)), raise_server_exceptions=False)


def _error(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert "Traceback" not in response.text
    error: dict[str, Any] = response.json()["error"]
    assert error["status"] == status and error["message"]
    return error


# ------------------------------------------------------------------ POST /v1/audit


def test_audit_equals_the_python_api(client: TestClient) -> None:
    r = client.post("/v1/audit", json={"headline": HEADLINE, "body": BODY, "id": "a1"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/json")
    expected = copydesk.audit(copydesk.Article(headline=HEADLINE, body=BODY, id="a1"))
    assert r.json() == json.loads(expected.model_dump_json())
    assert r.json()["findings"], "the article should have findings"


def test_audit_text_equals_the_python_api(client: TestClient, reference_text: str) -> None:
    r = client.post("/v1/audit", json={"text": reference_text})
    assert r.status_code == 200
    assert r.json() == json.loads(copydesk.audit(reference_text).model_dump_json())


@pytest.mark.parametrize(
    ("fmt", "media", "marker"),
    [
        ("html", "text/html", "<!DOCTYPE html>"),
        ("md", "text/markdown", "# "),
        ("sarif", "application/sarif+json", '"version": "2.1.0"'),
        ("json", "application/json", '"schema_version"'),
    ],
)
def test_audit_formats(client: TestClient, fmt: str, media: str, marker: str) -> None:
    from copydesk.report.render import render

    r = client.post("/v1/audit", json={"headline": HEADLINE, "body": BODY, "format": fmt})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert marker in r.text
    expected = render(copydesk.audit(copydesk.Article(headline=HEADLINE, body=BODY)), fmt)
    assert r.text == expected
    if fmt == "html":
        assert "script-src 'sha256-" in r.headers["content-security-policy"]


def test_hostile_article_is_escaped_in_html(client: TestClient) -> None:
    r = client.post("/v1/audit", json={"text": HOSTILE, "format": "html"})
    assert r.status_code == 200
    assert "<script>window.__pwned" not in r.text
    assert "<img src=x" not in r.text and "<svg onload" not in r.text


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        (b"{", None, "malformed JSON"),
        (b"\xff\xfe", None, "not UTF-8"),
        (b"[1, 2]", None, "JSON object"),
        (b'{"headline": "Only a headline"}', "body", "body: field required"),
        (b"{}", "body", "body: field required"),
        (b'{"body": 3}', "body", "body: must be a string"),
        (b'{"headline": ["x"], "body": "x"}', "headline", "headline: must be a string"),
        (b'{"body": "x", "colour": "red"}', "colour", "colour: unknown field"),
        (b'{"body": "x", "format": "pdf"}', "format", "format:"),
        (b'{"text": "a", "body": "b"}', None, "either text"),
        (b'{"body": "x", "id": 5}', "id", "id: must be a string"),
        (b'{"body": "\\ud800 lone"}', "body", "lone surrogate"),
        (b'{"headline": "two\\nlines", "body": "x"}', "headline", "single line"),
    ],
)
def test_audit_422_names_the_field(client: TestClient, body: bytes, field: str | None, says: str) -> None:
    r = client.post("/v1/audit", content=body, headers={"content-type": "application/json"})
    error = _error(r, 422)
    assert error["field"] == field
    assert says in error["message"]


def test_audit_413_over_the_size_limit() -> None:
    with _client(max_body_bytes=2_000) as c:
        _error(c.post("/v1/audit", json={"body": "word " * 1_000}), 413)
        # Without a Content-Length (a chunked upload), counted as it arrives.
        chunks = iter([b'{"body": "', b"x" * 3_000, b'"}'])
        error = _error(c.post("/v1/audit", content=chunks, headers={"content-type": "application/json"}), 413)
        assert "limit" in error["message"]
        assert c.post("/v1/audit", json={"body": "Short."}).status_code == 200


def test_audit_over_max_article_chars_is_422(service: Service, tmp_path: Path) -> None:
    config = tmp_path / "copydesk.toml"
    config.write_text("max_article_chars = 50\n", encoding="utf-8")
    settings = Settings(config=str(config))
    with TestClient(create_app(settings, Service(settings))) as c:
        error = _error(c.post("/v1/audit", json={"body": "x" * 51}), 422)
        assert error["field"] == "body" and "limit of 50" in error["message"]


class _Slow:
    """Stands in for the audit: blocks until released (or a few seconds pass)."""

    def __init__(self, service: Service) -> None:
        self.service = service
        self.real = service.audit
        self.go = threading.Event()
        self.entered = threading.Event()

    def __call__(self, article: copydesk.Article) -> copydesk.AuditReport:
        self.entered.set()
        self.go.wait(10)
        return self.real(article)


def test_audit_504_over_the_time_limit() -> None:
    settings = Settings(no_config=True, audit_timeout=0.2)
    service = Service(settings)
    slow = _Slow(service)
    service.audit = slow  # type: ignore[method-assign]
    with TestClient(create_app(settings, service)) as c:
        started = time.monotonic()
        error = _error(c.post("/v1/audit", json={"body": BODY}), 504)
        assert "0.2 s" in error["message"]
        assert time.monotonic() - started < 5
        # The audit still running holds its slot until it ends, then frees it.
        assert c.get("/healthz").json()["busy"] == 1
        slow.go.set()
        deadline = time.monotonic() + 5
        while c.get("/healthz").json()["busy"] and time.monotonic() < deadline:
            time.sleep(0.02)
        assert c.get("/healthz").json()["busy"] == 0


def test_audit_503_when_saturated() -> None:
    settings = Settings(no_config=True, concurrency=1, backlog=0)
    service = Service(settings)
    slow = _Slow(service)
    service.audit = slow  # type: ignore[method-assign]
    with TestClient(create_app(settings, service)) as c:
        first: dict[str, Any] = {}
        worker = threading.Thread(target=lambda: first.update(r=c.post("/v1/audit", json={"body": BODY})))
        worker.start()
        assert slow.entered.wait(5)
        r = c.post("/v1/audit", json={"body": BODY})
        error = _error(r, 503)
        assert "busy" in error["message"] and r.headers["retry-after"] == "1"
        _error(c.post("/v1/audit/batch", content=b'{"body": "x"}\n'), 503)
        assert c.get("/healthz").status_code == 200  # the loop still answers
        slow.go.set()
        worker.join(10)
        assert first["r"].status_code == 200
        assert c.post("/v1/audit", json={"body": BODY}).status_code == 200


def test_concurrent_audits_give_the_same_reports(client: TestClient) -> None:
    texts = [f"# Story {i}\n\n{BODY} Extra sentence number {i} was slammed." for i in range(8)]
    results: dict[int, Any] = {}

    def one(i: int) -> None:
        results[i] = client.post("/v1/audit", json={"text": texts[i]}).json()

    threads = [threading.Thread(target=one, args=(i,)) for i in range(len(texts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    for i, text in enumerate(texts):
        assert results[i] == json.loads(copydesk.audit(text).model_dump_json())


def test_internal_error_is_one_line_json() -> None:
    settings = Settings(no_config=True)
    service = Service(settings)

    def broken(article: copydesk.Article) -> copydesk.AuditReport:
        raise RuntimeError("boom in a rule")

    service.audit = broken  # type: ignore[method-assign]
    with TestClient(create_app(settings, service), raise_server_exceptions=False) as c:
        error = _error(c.post("/v1/audit", json={"body": BODY}), 500)
        assert "internal error" in error["message"] and "boom" not in error["message"]
        lines = c.post("/v1/audit/batch", content=b'{"body": "x", "id": "k"}\n').text.splitlines()
        assert json.loads(lines[0]) == {"index": 0, "id": "k", "error": "internal error (RuntimeError)"}


# ------------------------------------------------------------------ POST /v1/audit/batch


def test_batch_streams_reports_in_order(client: TestClient) -> None:
    items = [
        {"id": "first", "headline": HEADLINE, "body": BODY},
        {"id": "second", "text": SAMPLE},
        {"id": "third", "body": "Short and plain."},
    ]
    payload = "\n".join(json.dumps(i) for i in items) + "\n\n"
    with client.stream("POST", "/v1/audit/batch", content=payload.encode()) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("application/x-ndjson")
        lines = [json.loads(line) for line in r.iter_lines() if line]
    assert [line["article"]["id"] for line in lines] == ["first", "second", "third"]
    assert client.get("/healthz").json()["busy"] == 0  # the batch gave its place back
    assert lines[0] == json.loads(
        copydesk.audit(copydesk.Article(headline=HEADLINE, body=BODY, id="first")).model_dump_json()
    )
    assert lines[1] == json.loads(
        copydesk.audit(copydesk.Article.from_text(SAMPLE, id="second")).model_dump_json()
    )


def test_batch_item_errors_are_lines(tmp_path: Path) -> None:
    config = tmp_path / "copydesk.toml"
    config.write_text("max_article_chars = 100\n", encoding="utf-8")
    settings = Settings(config=str(config))
    with TestClient(create_app(settings, Service(settings))) as c:
        payload = (
            b'{"body": "Fine."}\n{"id": "long", "body": "' + b"x" * 200 + b'"}\n{"body": "Also fine."}\n'
        )
        lines = [json.loads(x) for x in c.post("/v1/audit/batch", content=payload).text.splitlines()]
    assert "findings" in lines[0] and "findings" in lines[2]
    assert lines[1]["index"] == 1 and lines[1]["id"] == "long" and "limit of 100" in lines[1]["error"]


@pytest.mark.parametrize(
    ("payload", "says", "field"),
    [
        (b'{"body": "ok"}\n{"headline": "x"}\n', "line 2: body: field required", "body"),
        (b'{"body": "ok"}\n{oops\n', "line 2: malformed JSON", None),
        (b'"just a string"\n', "line 1: the request body must be a JSON object", None),
        (
            b'{"body": "ok", "format": "html"}\n',
            "line 1: format: a batch answers in JSON lines only",
            "format",
        ),
    ],
)
def test_batch_422_names_line_and_field(
    client: TestClient, payload: bytes, says: str, field: str | None
) -> None:
    error = _error(client.post("/v1/audit/batch", content=payload), 422)
    assert error["message"].startswith(says) and error["field"] == field


def test_batch_413() -> None:
    with _client(max_batch_bytes=1_000, max_batch_items=2) as c:
        _error(c.post("/v1/audit/batch", content=b'{"body": "' + b"x" * 2_000 + b'"}\n'), 413)
        error = _error(c.post("/v1/audit/batch", content=b'{"body": "x"}\n' * 3), 413)
        assert "over 2 articles" in error["message"]


def test_batch_timeout_is_an_error_line() -> None:
    settings = Settings(no_config=True, audit_timeout=0.2)
    service = Service(settings)
    slow = _Slow(service)
    service.audit = slow  # type: ignore[method-assign]
    with TestClient(create_app(settings, service)) as c:
        threading.Timer(1.0, slow.go.set).start()
        lines = [
            json.loads(x)
            for x in c.post("/v1/audit/batch", content=b'{"body": "x", "id": "z"}\n').text.splitlines()
        ]
    assert lines == [{"index": 0, "id": "z", "error": "the audit took longer than 0.2 s"}]


# ------------------------------------------------------------------ GET endpoints


def test_rules(client: TestClient) -> None:
    r = client.get("/v1/rules")
    assert r.status_code == 200
    data = r.json()
    ids = [rule["id"] for rule in data["rules"]]
    assert ids == [rule.id for rule in copydesk.load_rules().rules]
    first = data["rules"][0]
    assert set(first) >= {"id", "kind", "dimension", "severity", "enabled", "message", "explanation"}
    assert data["rule_pack"] == "copydesk"


def test_schema_is_the_reports(client: TestClient) -> None:
    assert client.get("/v1/schema").json() == copydesk.AuditReport.model_json_schema()


def test_openapi_matches_the_report_schema(client: TestClient) -> None:
    doc = client.get("/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    schema = copydesk.AuditReport.model_json_schema(ref_template="#/components/schemas/{model}")
    defs = schema.pop("$defs")
    components = doc["components"]["schemas"]
    assert components["AuditReport"] == schema
    for name, sub in defs.items():
        assert components[name] == sub
    for path in ("/v1/audit", "/v1/audit/batch", "/v1/rules", "/v1/schema", "/healthz"):
        assert path in doc["paths"]
    ok = doc["paths"]["/v1/audit"]["post"]["responses"]["200"]["content"]["application/json"]
    assert ok["schema"] == {"$ref": "#/components/schemas/AuditReport"}
    for code in ("413", "422", "503", "504"):
        assert code in doc["paths"]["/v1/audit"]["post"]["responses"]


def test_healthz(client: TestClient) -> None:
    data = client.get("/healthz").json()
    assert data["status"] == "ok" and data["rules"] == len(copydesk.load_rules().rules)


def test_unknown_path_and_method(client: TestClient) -> None:
    assert "no such endpoint" in _error(client.get("/v2/nothing"), 404)["message"]
    assert "not allowed" in _error(client.get("/v1/audit"), 405)["message"]
    _error(client.get("/static/..%2fapp.py"), 404)
    assert "no such file" in _error(client.get("/static/app.py"), 404)["message"]


def test_security_headers(client: TestClient) -> None:
    r = client.get("/healthz")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert "default-src 'none'" in r.headers["content-security-policy"]
    assert "server" not in {k.lower() for k in r.headers}


# ------------------------------------------------------------------ bearer token


def test_bearer_token() -> None:
    with _client(token=TOKEN) as c:
        r = c.post("/v1/audit", json={"body": BODY})
        _error(r, 401)
        assert r.headers["www-authenticate"].startswith("Bearer")
        _error(c.post("/v1/audit", json={"body": BODY}, headers={"Authorization": "Bearer wrong"}), 401)
        _error(c.get("/v1/rules", headers={"Authorization": f"Basic {TOKEN}"}), 401)
        _error(c.get("/openapi.json"), 401)
        auth = {"Authorization": f"Bearer {TOKEN}"}
        assert c.post("/v1/audit", json={"body": BODY}, headers=auth).status_code == 200
        assert c.post("/v1/audit/batch", content=b'{"body": "x"}\n', headers=auth).status_code == 200
        assert c.get("/v1/rules", headers=auth).status_code == 200
        # The page and the health check stay open; the page asks for the token.
        assert c.get("/healthz").status_code == 200
        page = c.get("/")
        assert page.status_code == 200 and 'id="token"' in page.text


def test_token_file(tmp_path: Path) -> None:
    from copydesk.serve.settings import read_token

    good = tmp_path / "token"
    good.write_text(TOKEN + "\nignored\n", encoding="utf-8")
    assert read_token(str(good)) == TOKEN
    short = tmp_path / "short"
    short.write_text("abc\n", encoding="utf-8")
    with pytest.raises(ValueError, match="at least 16"):
        read_token(str(short))


# ------------------------------------------------------------------ classroom and files


def test_worksheet_holds_no_answers(client: TestClient) -> None:
    r = client.post("/v1/worksheet", json={"text": SAMPLE, "task": "loaded"})
    assert r.status_code == 200
    data = r.json()
    assert data["task"]["name"] == "loaded" and data["words"] > 20
    flat = json.dumps(data)
    assert "answers" not in flat and "explanation" not in flat and "loaded." not in flat


def test_worksheet_check_and_key(client: TestClient) -> None:
    from copydesk.report.worksheet import TASKS, answers, data, layout

    report = copydesk.audit(SAMPLE)
    _lines, words = layout(report)
    key = data(report, TASKS["loaded"], words)
    assert key["answers"], "the sample has loaded-language answers"
    first = key["answers"][0]["words"]
    # Mark the first answer, and one word that is no answer (the first word of the body).
    answer_words = {w for a in key["answers"] for w in a["words"]}
    innocent = next(
        i
        for i in range(len(words))
        if i not in answer_words and i - 1 not in answer_words and i + 1 not in answer_words
    )
    r = client.post(
        "/v1/worksheet/check", json={"text": SAMPLE, "task": "loaded", "marks": [*first, innocent]}
    )
    result = r.json()
    assert r.status_code == 200
    assert len(result["found"]) == 1 and result["found"][0]["words"] == first
    assert len(result["missed"]) == len(key["answers"]) - 1
    assert [o["words"] for o in result["over"]] == [[innocent]]
    assert result["summary"].startswith(f"You found 1 of {len(key['answers'])}.")
    k = client.post("/v1/worksheet/key", json={"text": SAMPLE, "task": "loaded"}).json()
    assert [a["rule"] for a in k["answers"]] == [f.rule_id for f in answers(report, TASKS["loaded"])]


def test_worksheet_errors(client: TestClient) -> None:
    error = _error(client.post("/v1/worksheet", json={"text": SAMPLE, "task": "spelling"}), 422)
    assert error["field"] == "task"
    error = _error(client.post("/v1/worksheet/check", json={"text": SAMPLE, "marks": ["a"]}), 422)
    assert error["field"].startswith("marks")
    _error(client.post("/v1/worksheet/key", json={"task": "loaded"}), 422)


def test_extract(client: TestClient) -> None:
    md = client.post("/v1/extract", json={"filename": "a.md", "content": SAMPLE}).json()
    assert md["headline"] == "Council Plan Causes Uproar" and "parking plan" in md["body"]
    page = (
        "<html><head><title>T</title></head><body><article><h1>Big Win</h1>"
        "<p>The team won.</p></article></body></html>"
    )
    html = client.post("/v1/extract", json={"filename": "x.HTML", "content": page}).json()
    assert "team won" in html["body"]
    error = _error(client.post("/v1/extract", json={"filename": "e.html", "content": "<html></html>"}), 422)
    assert error["field"] == "content"
    _error(client.post("/v1/extract", json={"content": "x"}), 422)


# ------------------------------------------------------------------ the command


def test_import_copydesk_does_not_import_the_server() -> None:
    code = (
        "import copydesk, copydesk.cli, sys; copydesk.cli.build_parser(); "
        "print(any(m.split('.')[0] in ('starlette', 'uvicorn', 'anyio') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_serve_command_runs_and_answers(tmp_path: Path) -> None:
    import socket
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    token = tmp_path / "token"
    token.write_text(TOKEN, encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "copydesk",
            "serve",
            "--port",
            str(port),
            "--no-config",
            "--token-file",
            str(token),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    assert json.load(r)["status"] == "ok"
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        text = REFERENCE.read_text(encoding="utf-8")
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/audit",
            data=json.dumps({"text": text}).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"},
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            assert json.load(r) == json.loads(copydesk.audit(text).model_dump_json())
    finally:
        proc.terminate()
        proc.wait(10)


def test_serve_command_errors(tmp_path: Path) -> None:
    from copydesk.cli import main

    assert main(["serve", "--port", "0"]) == 2
    assert main(["serve", "--workers", "0"]) == 2
    short = tmp_path / "t"
    short.write_text("x", encoding="utf-8")
    assert main(["serve", "--token-file", str(short)]) == 2
    assert main(["serve", "--token-file", str(tmp_path / "missing")]) == 2
    assert main(["serve", "--rules", str(tmp_path / "nowhere")]) == 2
