"""Hostile batches, outputs, limits and settings (issue 19): nothing hangs, crashes or is lost.

Each test feeds the real command (in a subprocess, or ``main`` in-process where a fault
must be injected) rows and files written here, and checks what a pipeline sees: the
exit code, the error lines on stderr, and that the output file is complete and valid.
Exit codes: 0 passed, 1 below --fail-under, 2 some input not audited (or a bad command
line / configuration), 3 copydesk failed (output, internal error), 130 / 143 signals.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import copydesk
from copydesk.batch import AuditError
from copydesk.cli import main
from tests.test_cli_batch import run

BODY = "The harbour board met on Tuesday and approved the timetable for 2026, the board said."
# Every test here fails, rather than hangs, when an input makes an audit run away.
pytestmark = pytest.mark.usefixtures("hang_guard")


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    # The default pack, no config file from the folders above.
    (tmp_path / "copydesk.toml").write_text("", encoding="utf-8")
    return tmp_path


def rows(n: int, **extra: object) -> list[str]:
    return [json.dumps({"id": f"r{i}", "headline": "Board meets", "body": BODY, **extra}) for i in range(n)]


def lines_of(text: str) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in text.splitlines() if line.strip()]


# ------------------------------------------------------------------ rows that crashed a batch


def test_huge_integer_in_a_row_is_an_error_record_and_the_batch_goes_on(desk: Path) -> None:
    batch = rows(5)
    batch[2] = '{"id": "r2", "body": "The board met.", "views": ' + "7" * 4_400 + "}"
    (desk / "b.jsonl").write_text("\n".join(batch) + "\n", encoding="utf-8")
    result = run(desk, "audit", "b.jsonl", "-f", "jsonl", "-o", "out.jsonl", "-j", "1")
    assert result.returncode == 2
    assert "copydesk: b.jsonl:3: a number with 4,400 digits" in result.stderr
    records = lines_of((desk / "out.jsonl").read_text(encoding="utf-8"))
    assert [r["id"] for r in records] == ["r0", "r1", "b.jsonl:3", "r3", "r4"]  # its id is unread
    assert "error" in records[2] and all("score" in r for i, r in enumerate(records) if i != 2)


def test_huge_integer_in_a_json_list_costs_only_its_entry(desk: Path) -> None:
    text = '[{"id": "a", "body": "The board met."}, {"id": "b", "body": "x", "n": ' + "9" * 5_000 + "}]"
    (desk / "b.json").write_text(text, encoding="utf-8")
    result = run(desk, "audit", "b.json", "-f", "jsonl", "-q")
    records = lines_of(result.stdout)
    assert result.returncode == 2 and [r["id"] for r in records] == ["a", "b.json[2]"]
    assert records[1]["error"].startswith("b.json[2]: a number with 5,000 digits")


def test_an_unforeseen_crash_is_exit_3_with_one_line_and_a_valid_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from copydesk.cli import audit_output

    (tmp_path / "b.jsonl").write_text("\n".join(rows(6)) + "\n", encoding="utf-8")
    seen = []
    real = audit_output.Writer.report

    def report(self: audit_output.Writer, meta: object, row: object) -> None:
        if len(seen) == 3:
            raise RuntimeError("a bug in the writer")
        seen.append(row)
        real(self, meta, row)  # type: ignore[arg-type]

    monkeypatch.setattr(audit_output.Writer, "report", report)
    out = tmp_path / "out.json"
    out.write_text("the previous run's output", encoding="utf-8")
    code = main(["audit", str(tmp_path / "b.jsonl"), "--no-config", "-f", "json", "-o", str(out), "-j", "1"])
    err = capsys.readouterr().err
    assert code == 3
    assert err.strip().splitlines()[-1] == (
        "copydesk: internal error (RuntimeError: a bug in the writer); set COPYDESK_DEBUG=1 for a traceback"
    )
    assert [r["id"] for r in json.loads(out.read_text(encoding="utf-8"))] == ["r0", "r1", "r2"]
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_exit_codes_keep_their_meaning(desk: Path) -> None:
    loaded = json.dumps({"id": "x", "body": "The shameful regime sparked widespread outrage."})
    (desk / "b.jsonl").write_text("\n".join([*rows(2), loaded]) + "\n", encoding="utf-8")
    assert run(desk, "audit", "b.jsonl", "-q", "-f", "csv").returncode == 0
    assert run(desk, "audit", "b.jsonl", "-q", "-f", "csv", "--fail-under", "99").returncode == 1
    (desk / "bad.jsonl").write_text(loaded + "\n{not json\n", encoding="utf-8")
    both = run(desk, "audit", "bad.jsonl", "-q", "-f", "csv", "--fail-under", "99")
    assert both.returncode == 2  # 2 wins over 1: a gate never passes over an unread article
    assert run(desk, "audit", "b.jsonl", "--resume", "-f", "csv").returncode == 2


# ------------------------------------------------------------------ signals and the -o file


def _children(pid: int) -> list[int]:
    try:
        return [int(x) for x in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize(
    ("sig", "fmt", "code"), [(signal.SIGTERM, "json", 143), (signal.SIGINT, "jsonl", 130)]
)
def test_signal_stops_the_workers_and_leaves_valid_output(
    tmp_path: Path, sig: signal.Signals, fmt: str, code: int
) -> None:
    long_body = " ".join([BODY] * 250)
    batch = [json.dumps({"id": f"r{i}", "body": long_body}) for i in range(600)]
    (tmp_path / "long.jsonl").write_text("\n".join(batch) + "\n", encoding="utf-8")
    (tmp_path / "copydesk.toml").write_text("", encoding="utf-8")
    out = tmp_path / f"out.{fmt}"
    proc = subprocess.Popen(
        [sys.executable, "-m", "copydesk", "audit", "long.jsonl", "-j", "2", *("-f", fmt, "-o", out.name)],
        cwd=tmp_path,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    try:
        deadline = time.monotonic() + 120
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1.0)  # the workers are auditing
        workers = _children(proc.pid)
        assert len(workers) >= 2
        proc.send_signal(sig)
        returncode = proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
    stderr = proc.stderr.read().decode("utf-8") if proc.stderr else ""
    assert returncode == code, stderr
    assert "Traceback" not in stderr
    time.sleep(0.2)
    assert [w for w in workers if _alive(w)] == []
    if out.exists():
        text = out.read_text(encoding="utf-8")
        records = json.loads(text) if fmt == "json" else lines_of(text)
        assert len(records) < 600 and all("score" in r for r in records)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_resume_skips_the_ids_already_written(desk: Path) -> None:
    (desk / "b.jsonl").write_text("\n".join(rows(3)) + "\n", encoding="utf-8")
    run(desk, "audit", "b.jsonl", "-f", "jsonl", "-o", "out.jsonl", "-q")
    first = (desk / "out.jsonl").read_text(encoding="utf-8")
    (desk / "b.jsonl").write_text("\n".join(rows(5)) + "\n", encoding="utf-8")
    resumed = run(desk, "audit", "b.jsonl", "-f", "jsonl", "-o", "out.jsonl", "--resume")
    assert resumed.returncode == 0
    assert "2 articles audited" in resumed.stderr and "3 already in the output (--resume)" in resumed.stderr
    text = (desk / "out.jsonl").read_text(encoding="utf-8")
    assert text.startswith(first) and [r["id"] for r in lines_of(text)] == ["r0", "r1", "r2", "r3", "r4"]


def test_output_to_a_device_is_written_in_place(desk: Path) -> None:
    (desk / "b.jsonl").write_text("\n".join(rows(2)) + "\n", encoding="utf-8")
    assert run(desk, "audit", "b.jsonl", "-f", "json", "-o", os.devnull, "-q").returncode == 0
    assert Path(os.devnull).is_char_device()


# ------------------------------------------------------------------ outputs are data

ESC_TITLE = "\x1b]0;pwned\x07"
ESC_ERASE = "\x1b[2K\x1b[1A"


def test_control_characters_are_escaped_in_text_and_the_summary(desk: Path) -> None:
    record = {"id": f"id{ESC_ERASE}", "headline": f"Board meets{ESC_TITLE}", "body": BODY}
    bad = {"id": "bad", "body": ""}
    name = f"b{ESC_TITLE}.jsonl"
    (desk / name).write_text(json.dumps(record) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    result = run(desk, "audit", name, "-f", "text")
    assert result.returncode == 2
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "Board meets\\x1b]0;pwned\\x07" in result.stdout
    assert "id\\x1b[2K\\x1b[1A" in result.stderr  # the summary's lowest scores
    assert "copydesk: b\\x1b]0;pwned\\x07.jsonl:2: field 'body' is empty" in result.stderr


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_control_characters_are_shown_not_run_in_markdown_and_html(fmt: str) -> None:
    from copydesk.report.render import render

    article = copydesk.Article(
        id=f"id{ESC_ERASE}", headline=f"Board meets{ESC_TITLE}", body=BODY + "\x9b2J"
    )
    out = render(copydesk.audit(article), fmt)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", out)
    # Shown as the control pictures, not dropped: the reader sees that they were there.
    assert "Board meets␛]0;pwned␇" in out.replace("\\", "")


def test_csv_cells_a_spreadsheet_would_evaluate_are_prefixed(desk: Path) -> None:
    ids = [
        '=HYPERLINK("http://evil.example","x")',
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-2+3",
        "\tTAB",
        "plain",
    ]
    batch = [json.dumps({"id": i, "body": BODY}) for i in ids]
    (desk / "b.jsonl").write_text("\n".join(batch) + "\n", encoding="utf-8")
    result = run(desk, "audit", "b.jsonl", "-f", "csv", "-q")
    cells = [row["id"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert cells == ["'" + i for i in ids[:-1]] + ["plain"]


def test_reports_are_never_written_through_a_symlink(desk: Path) -> None:
    (desk / "b.jsonl").write_text("\n".join(rows(2)) + "\n", encoding="utf-8")
    reports = desk / "reports"
    reports.mkdir()
    victim = desk / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    (reports / "r1.html").symlink_to(victim)
    result = run(desk, "audit", "b.jsonl", "-f", "html", "-o", "reports", "-q")
    assert result.returncode == 3
    assert "r1.html: is a symbolic link; copydesk does not write reports through links" in result.stderr
    assert victim.read_text(encoding="utf-8") == "keep me"
    assert (reports / "r0.html").read_text(encoding="utf-8").startswith("<!")


# ------------------------------------------------------------------ CSV that lost rows silently


def test_csv_unterminated_quote_is_reported_and_the_next_rows_are_read(desk: Path) -> None:
    body = BODY.replace(",", "")
    (desk / "in.csv").write_text(
        f'id,headline,body\n1,Board,{body}\n2,Ferry,"The ferry was late\n3,Bus,{body}\n4,Rail,"{body}"\n',
        encoding="utf-8",
    )
    result = run(desk, "audit", "in.csv", "-f", "jsonl", "-q")
    records = lines_of(result.stdout)
    assert result.returncode == 2
    assert [r["id"] for r in records] == ["1", "in.csv:3", "3", "4"]
    assert records[1]["error"].startswith("in.csv:3: malformed CSV")
    assert "lines 4-5 are read again" in records[1]["error"]


def test_csv_header_problems_are_errors(desk: Path) -> None:
    (desk / "dup.csv").write_text(f"id,body,body\n1,{BODY},other\n", encoding="utf-8")
    (desk / "empty.csv").write_text("id,headline,body\n", encoding="utf-8")
    result = run(desk, "audit", "dup.csv", "empty.csv", "-f", "jsonl", "-q")
    assert result.returncode == 2
    assert [r["error"] for r in lines_of(result.stdout)] == [
        "dup.csv:1: the header names 'body' more than once",
        "empty.csv:1: a header row and no records under it, nothing to audit",
    ]


# ------------------------------------------------------------------ limits


def test_article_size_limit(desk: Path) -> None:
    big = json.dumps({"id": "big", "body": BODY * 100})
    (desk / "b.jsonl").write_text("\n".join([*rows(1), big]) + "\n", encoding="utf-8")
    result = run(desk, "audit", "b.jsonl", "-f", "jsonl", "-q", "--max-article-chars", "2000")
    records = lines_of(result.stdout)
    assert result.returncode == 2 and "score" in records[0]
    assert records[1]["error"].startswith("b.jsonl:2: 8,")
    assert "over the limit of 2,000 (max_article_chars" in records[1]["error"]
    (desk / "copydesk.toml").write_text("max_article_chars = 2000\n", encoding="utf-8")
    assert run(desk, "audit", "b.jsonl", "-f", "jsonl", "-q").returncode == 2
    assert copydesk.Config().max_article_chars == 2_000_000


def test_jobs_are_capped_at_the_cpu_count(desk: Path) -> None:
    (desk / "b.jsonl").write_text("\n".join(rows(8)) + "\n", encoding="utf-8")
    result = run(desk, "audit", "b.jsonl", "-f", "csv", "-j", "2000")
    assert result.returncode == 0
    assert "copydesk: warning: --jobs 2000 is more than the" in result.stderr
    assert "(--force-jobs to insist)" in result.stderr


def test_lone_surrogate_is_refused_not_rendered() -> None:
    with pytest.raises(ValueError, match=r"lone surrogate \(U\+D800 at offset 1\)"):
        copydesk.audit("a\ud800b")
    with pytest.raises(ValueError, match="the headline holds a lone surrogate"):
        copydesk.audit(copydesk.Article(headline="Board\udc80", body=BODY))
    results = list(copydesk.audit_many([BODY, "a\ud800b"]))
    assert results[0].model_dump_json()  # type: ignore[union-attr]
    assert isinstance(results[1], AuditError) and "lone surrogate" in results[1].error


# ------------------------------------------------------------------ settings


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ('default_pack = "no"', "key 'default_pack': Input should be a valid boolean (got 'no')"),
        ("fail_under = true", "key 'fail_under': Input should be a valid number (got True)"),
        ('[rules.weight]\n"loaded.*" = -3', "key 'rules.weight.\"loaded.*\"': Input should be greater"),
        (
            '[rules.weight]\n"loaded.*" = nan',
            "key 'rules.weight.\"loaded.*\"': Input should be a finite number",
        ),
        (
            '[rules.weight]\n"loaded.*" = inf',
            "key 'rules.weight.\"loaded.*\"': Input should be a finite number",
        ),
        ("[dimensions.focus]\nscale = nan", "key 'dimensions.focus.scale': Input should be a finite number"),
        ("max_article_chars = 0", "key 'max_article_chars': Input should be greater than 0"),
        (
            "\n".join(f"[dimensions.{d}]\nweight = 0" for d in copydesk.dimensions.NAMES),
            "key 'dimensions': every dimension has weight 0: the overall score would mean nothing",
        ),
    ],
)
def test_bad_settings_are_one_line_and_exit_2(desk: Path, toml: str, message: str) -> None:
    (desk / "copydesk.toml").write_text(toml + "\n", encoding="utf-8")
    (desk / "a.md").write_text(f"# Board meets\n\n{BODY}\n", encoding="utf-8")
    result = run(desk, "audit", "a.md")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("copydesk: copydesk.toml: ")
    assert message in result.stderr


def test_audit_many_caps_jobs_at_the_cpu_count_unless_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    import copydesk.batch as batch

    monkeypatch.setattr(batch, "default_jobs", lambda: 1)
    texts = [f"The council met on day {i}. It voted to expand the bus network." for i in range(3)]
    with pytest.warns(RuntimeWarning, match="jobs=2000 is more than the 1 CPUs"):
        capped = list(batch.audit_many(texts, jobs=2000))
    assert [r.score for r in capped] == [r.score for r in batch.audit_many(texts)]
