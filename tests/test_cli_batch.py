"""The real `copydesk` command in a subprocess: folders, batches, config, packs, suppression.

Each test works in its own folder with a copydesk.toml that loads only the test pack
(``default_pack = false``), so results do not move when the default rules change.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_pipeline import ARTICLE, PACK_RULES, write_pack

CLEAN = "# Harbour board meets\n\nThe harbour board met on Tuesday and approved the timetable for 2026.\n"
CONFIG = 'packs = ["newsroom"]\ndefault_pack = false\n'
EXTRA_RULES = """\
rules:
  - id: style.timetable
    kind: lexicon
    dimension: loaded_language
    severity: info
    message: "House style: “{match}”."
    explanation: Our readers say schedule; the house style list prefers the plain word.
    suggestion: schedule
    terms: [timetable]
    examples:
      flag: ["The new timetable starts in May."]
      pass: ["The new schedule starts in May."]
"""


def run(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.pop("COPYDESK_DEBUG", None)
    proc = subprocess.run(
        [sys.executable, "-m", "copydesk", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=env,
        timeout=120,
    )
    result = subprocess.CompletedProcess(
        proc.args, proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A newsroom folder: the house pack and a config that uses only it."""
    write_pack(tmp_path / "newsroom")
    (tmp_path / "copydesk.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


def jsonl(text: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_folder_of_markdown(desk: Path) -> None:
    arts = desk / "articles"
    (arts / "2026" / "03").mkdir(parents=True)
    (arts / "ferry.md").write_text(ARTICLE, encoding="utf-8")
    (arts / "2026" / "03" / "board.md").write_text(CLEAN, encoding="utf-8")
    (arts / "2026" / "notes.csv").write_text("id,body\n1,not an article file\n", encoding="utf-8")
    (arts / ".draft.md").write_text(ARTICLE, encoding="utf-8")
    result = run(desk, "audit", "articles", "--format", "jsonl", "-j", "1")
    assert result.returncode == 0, result.stderr
    records = jsonl(result.stdout)
    assert [r["id"] for r in records] == ["articles/2026/03/board.md", "articles/ferry.md"]
    ferry = records[1]
    assert ferry["article"]["headline"] == "Ferry plan slammed"
    assert [(f["rule_id"], f["excerpt"]) for f in ferry["findings"]] == [
        ("house.tabloid", "slammed"),
        ("house.tabloid", "slammed"),
        ("house.vague", "Observers say"),
    ]
    assert records[0]["score"] == 100.0
    # The summary goes to stderr: counts, scores, worst articles, frequent rules.
    assert "copydesk: 2 articles audited" in result.stderr
    assert "lowest scores: " in result.stderr and "articles/ferry.md" in result.stderr
    assert "most frequent rules: house.tabloid (2 in 1 article)" in result.stderr


def test_jsonl_batch_with_bad_rows(desk: Path) -> None:
    rows = [
        json.dumps(
            {"id": "good-1", "headline": "Ferry plan slammed", "body": "The minister slammed the plan."}
        ),
        '{"id": "broken", "body": "no closing quote}',
        json.dumps({"id": "no-body", "title": "Nothing under it"}),
        json.dumps({"id": "empty", "body": ""}),
    ]
    data = ("\n".join(rows) + "\n").encode() + b"\x00\x01\xffPK\x03\x04 binary row\n"
    data += (json.dumps({"id": "good-2", "text": "The board met on Tuesday."}) + "\n").encode()
    (desk / "batch.jsonl").write_bytes(data)
    for jobs in ("1", "2"):
        result = run(desk, "audit", "batch.jsonl", "--format", "jsonl", "--jobs", jobs)
        assert result.returncode == 2
        records = jsonl(result.stdout)
        assert [r["id"] for r in records] == [
            "good-1",
            "batch.jsonl:2",
            "no-body",
            "empty",
            "batch.jsonl:5",
            "good-2",
        ]
        good = [r for r in records if "error" not in r]
        assert [r["id"] for r in good] == ["good-1", "good-2"]
        assert good[0]["findings"][0]["rule_id"] == "house.tabloid"
        errors = [line for line in result.stderr.splitlines() if line.startswith("copydesk: batch.jsonl:")]
        assert [e.split(":")[2] for e in errors] == ["2", "3", "4", "5"]
        assert "malformed JSON" in errors[0]
        assert "no body field" in errors[1]
        assert "empty" in errors[2]
        assert "binary" in errors[3]
        assert "2 articles audited" in result.stderr and "4 could not be audited" in result.stderr


def test_csv_output_one_row_per_article(desk: Path) -> None:
    (desk / "in.csv").write_text(
        'id,title,text\na,Ferry plan slammed,"The minister slammed it.\n\nObservers say no."\nb,,\n',
        encoding="utf-8",
    )
    result = run(desk, "audit", "in.csv", "-f", "csv", "-j", "1", "-o", "out.csv")
    assert result.returncode == 2
    rows = list(csv.DictReader(io.StringIO((desk / "out.csv").read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0]["source"] == "in.csv:2" and rows[0]["findings"] == "3"
    assert rows[0]["loaded_language_findings"] == "2" and rows[0]["attribution_findings"] == "1"
    assert float(rows[0]["score"]) < 100 and rows[0]["error"] == ""
    assert rows[1]["score"] == "" and rows[1]["error"] == "in.csv:5: field 'text' is empty, nothing to audit"


def test_fail_under(desk: Path) -> None:
    (desk / "ferry.md").write_text(ARTICLE, encoding="utf-8")
    (desk / "board.md").write_text(CLEAN, encoding="utf-8")
    score = json.loads(run(desk, "audit", "ferry.md", "-f", "json").stdout)["score"]
    assert run(desk, "audit", "board.md", "ferry.md", "--fail-under", str(score + 1), "-q").returncode == 1
    assert run(desk, "audit", "board.md", "ferry.md", "--fail-under", str(score), "-q").returncode == 0
    # A threshold in the config file works the same; the command line wins over it.
    (desk / "copydesk.toml").write_text(CONFIG + f"fail_under = {score + 1}\n", encoding="utf-8")
    assert run(desk, "audit", "ferry.md", "-q").returncode == 1
    assert run(desk, "audit", "ferry.md", "-q", "--fail-under", "0").returncode == 0
    bad = run(desk, "audit", "ferry.md", "--fail-under", "150")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_config_disables_a_rule(desk: Path) -> None:
    (desk / "ferry.md").write_text(ARTICLE, encoding="utf-8")
    (desk / "copydesk.toml").write_text(CONFIG + '\n[rules]\ndisable = ["house.vag*"]\n', encoding="utf-8")
    sub = desk / "section"
    sub.mkdir()
    # Found by walking up from a sub-folder.
    report = json.loads(run(sub, "audit", "../ferry.md", "-f", "json").stdout)
    assert {f["rule_id"] for f in report["findings"]} == {"house.tabloid"}
    shown = run(sub, "config", "show")
    assert shown.returncode == 0
    assert 'disable = ["house.vag*"]' in shown.stdout
    assert "1 disabled: house.vague" in shown.stdout
    # --no-config ignores the file (and so the default pack is back): the pack via --rules.
    everything = run(sub, "audit", "../ferry.md", "-f", "json", "--no-config", "--rules", "../newsroom")
    packs = json.loads(everything.stdout)["rule_pack"].split("+")
    assert len(packs) == 2 and packs[1] == "newsroom"


def test_bad_config_is_one_line(desk: Path) -> None:
    (desk / "ferry.md").write_text(ARTICLE, encoding="utf-8")
    (desk / "copydesk.toml").write_text(CONFIG + '[rules]\ndisabel = ["house.*"]\n', encoding="utf-8")
    result = run(desk, "audit", "ferry.md")
    assert result.returncode == 2
    assert result.stderr == (
        "copydesk: copydesk.toml: key 'rules.disabel': unknown key (did you mean 'rules.disable'?)\n"
    )
    (desk / "pyproject.toml").write_text("[tool.copydesk]\nfail_under = 'high'\n", encoding="utf-8")
    result = run(desk, "config", "show", "--config", "pyproject.toml")
    assert result.returncode == 2
    assert result.stderr.startswith("copydesk: pyproject.toml [tool.copydesk]: key 'fail_under': ")


def test_custom_pack_and_rules_test(desk: Path) -> None:
    (desk / "ferry.md").write_text(ARTICLE, encoding="utf-8")
    extra = desk / "extra"
    write_pack(extra, EXTRA_RULES)
    report = json.loads(run(desk, "audit", "ferry.md", "-f", "json", "--rules", "extra").stdout)
    assert [(f["rule_id"], f["excerpt"]) for f in report["findings"]] == [
        ("house.tabloid", "slammed"),
        ("house.tabloid", "slammed"),
        ("house.vague", "Observers say"),
        ("style.timetable", "timetable"),
    ]
    assert report["rule_pack"] == "newsroom+newsroom"
    ok = run(desk, "rules", "test", "newsroom")
    assert ok.returncode == 0 and ok.stdout.startswith("ok: 2 rules, 4 examples")
    broken = PACK_RULES.replace('"The minister criticised the proposal."', '"Critics slam the plan."')
    write_pack(desk / "broken", broken)
    failed = run(desk, "rules", "test", "broken")
    assert failed.returncode == 1
    assert failed.stdout.splitlines()[0] == (
        "FAIL broken/house.yml: house.tabloid: pass example 1 was flagged at “slam”: Critics slam the plan."
    )
    explained = run(desk, "rules", "explain", "house.vague")
    assert explained.returncode == 0 and "Observers say the ferry will be late." in explained.stdout
    missing = run(desk, "rules", "test", "nowhere")
    assert missing.returncode == 2 and "nowhere: not a folder" in missing.stderr


def test_suppression_comments(desk: Path) -> None:
    (desk / "ferry.md").write_text(
        "# Ferry plan criticised\n\n"
        "<!-- copydesk-disable house.tabloid -->\n"
        "The minister slammed the ferry plan on Monday.\n"
        "<!-- copydesk-enable house.tabloid -->\n\n"
        "<!-- copydesk-disable-next-line house.vague -->\n"
        "Observers say it will cost more.\n\n"
        "Her deputy blasted it too.\n",
        encoding="utf-8",
    )
    report = json.loads(run(desk, "audit", "ferry.md", "-f", "json").stdout)
    assert [f["excerpt"] for f in report["findings"]] == ["blasted"]
    assert report["metrics"]["extra"]["suppressed_findings"] == 2


def test_stdin_text_jsonl_and_html(desk: Path) -> None:
    text = run(desk, "audit", "-", "-f", "json", stdin=ARTICLE.encode("utf-16"))
    assert json.loads(text.stdout)["article"]["id"] == "<stdin>"
    lines = b'{"id": "s1", "body": "The minister slammed it."}\n{"id": "s2", "body": "Rain fell."}\n'
    records = jsonl(run(desk, "audit", "-", "-f", "jsonl", stdin=lines).stdout)
    assert [r["id"] for r in records] == ["s1", "s2"]
    page = (
        b"<!doctype html><html><head><title>Ferry plan slammed</title></head><body>"
        b"<nav>Home</nav><article><p>The minister slammed the ferry plan on Monday, the harbour "
        b"board said in a statement after its meeting.</p></article></body></html>"
    )
    (desk / "page.html").write_bytes(page)
    report = json.loads(run(desk, "audit", "page.html", "-f", "json").stdout)
    assert report["article"]["headline"] == "Ferry plan slammed"
    assert [f["excerpt"] for f in report["findings"]] == ["slammed", "slammed"]  # headline, body


def test_output_shapes_and_usage_errors(desk: Path) -> None:
    (desk / "a.md").write_text(ARTICLE, encoding="utf-8")
    (desk / "b.md").write_text(CLEAN, encoding="utf-8")
    many = json.loads(run(desk, "audit", "a.md", "b.md", "-f", "json", "-j", "2").stdout)
    assert [r["id"] for r in many] == ["a.md", "b.md"]
    parallel = run(desk, "audit", "a.md", "b.md", "a.md", "b.md", "a.md", "b.md", "-f", "jsonl", "-j", "2")
    serial = run(desk, "audit", "a.md", "b.md", "a.md", "b.md", "a.md", "b.md", "-f", "jsonl", "-j", "1")
    assert parallel.stdout == serial.stdout and len(jsonl(serial.stdout)) == 6
    no_folder = run(desk, "audit", "a.md", "b.md", "-f", "html")
    assert no_folder.returncode == 2 and "-o DIR" in no_folder.stderr
    unknown = run(desk, "audit", "a.md", "-f", "yaml")
    assert unknown.returncode == 2 and unknown.stderr.startswith("copydesk: unknown format 'yaml'")
    missing = run(desk, "audit", "a.md", "gone.md", "-f", "jsonl")
    assert missing.returncode == 2 and "copydesk: gone.md: no such file" in missing.stderr
    assert jsonl(missing.stdout)[0]["id"] == "a.md"


def test_example_pipeline_script(tmp_path: Path) -> None:
    examples = Path(__file__).resolve().parents[1] / "examples" / "pipeline"
    out = tmp_path / "summary.csv"
    proc = subprocess.run(
        [
            sys.executable,
            str(examples / "audit_batch.py"),
            str(examples / "sample.jsonl"),
            str(out),
            "--jobs",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["id"] for r in rows[:4]] == ["courier-0412", "courier-0413", "courier-0414", "courier-0415"]
    assert rows[4]["id"].endswith("sample.jsonl:5") and "malformed JSON" in rows[4]["error"]
    assert [bool(r["error"]) for r in rows] == [False, False, True, False, True]
    assert int(rows[0]["findings"]) > 0 and rows[0]["top_rule"]
    assert float(rows[1]["score"]) > float(rows[0]["score"])


def test_report_folder_is_not_audited_again(desk: Path) -> None:
    (desk / "a.md").write_text(ARTICLE, encoding="utf-8")
    (desk / "b.md").write_text(CLEAN, encoding="utf-8")
    for _ in range(2):
        result = run(desk, "audit", ".", "-f", "html", "-o", "reports", "-j", "1")
        assert result.returncode == 0, result.stderr
        assert "2 articles audited" in result.stderr
    # The corpus page is written beside the reports (and is not audited either).
    assert sorted(p.name for p in (desk / "reports").iterdir()) == ["a.md.html", "b.md.html", "index.html"]
    assert "Ferry plan slammed" in (desk / "reports" / "a.md.html").read_text(encoding="utf-8")
