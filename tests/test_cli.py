from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from copydesk.cli import main

DATA = Path(__file__).parent / "data"
REF = Path(__file__).parents[1] / "examples" / "russia-north-korea-labor.md"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "copydesk", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_audit_json_is_a_valid_report() -> None:
    from copydesk.report.models import AuditReport

    proc = run_cli("audit", str(REF), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    report = AuditReport.model_validate_json(proc.stdout)
    assert report.article.headline == "Russia Faces International Backlash Over North Korean Labor Deal"
    assert report.findings


def test_audit_text_from_stdin_is_plain_when_piped() -> None:
    proc = run_cli("audit", "-", stdin=REF.read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert "Score" in proc.stdout and "\x1b[" not in proc.stdout


def test_missing_file_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", "no/such/article.md"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == "copydesk: no/such/article.md: no such file"


def test_binary_and_bad_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bin.md").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "latin.md").write_bytes("caf\xe9 society".encode("latin-1"))
    assert main(["audit", str(tmp_path / "bin.md"), str(tmp_path / "latin.md")]) == 2
    err = capsys.readouterr().err
    assert "bin.md: binary data" in err and "latin.md: not UTF-8 text" in err
    assert "Traceback" not in err


def test_utf8_bom_and_utf16(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "Council backs plan\nThe council backed the plan on Monday."
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (tmp_path / "u16.md").write_bytes(text.encode("utf-16"))
    assert main(["audit", str(tmp_path / "bom.md"), str(tmp_path / "u16.md"), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert out.count('"headline": "Council backs plan"') == 2


def test_fail_under_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["audit", str(REF), "--format", "json", "--fail-under", "99"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["score"] < 99
    assert main(["audit", str(REF), "--format", "json", "--fail-under", "0"]) == 0


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["audit"])
    assert exc.value.code == 2
    assert main(["audit", str(REF), "--format", "nonsense"]) == 2


def test_schema_and_rules_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "AuditReport" and "findings" in schema["properties"]
    assert main(["rules", "list"]) == 0
    listing = capsys.readouterr().out
    first_id = listing.split()[0]
    assert main(["rules", "show", first_id]) == 0
    assert "Flags:" in capsys.readouterr().out
    assert main(["rules", "show", "no.such_rule"]) == 2
