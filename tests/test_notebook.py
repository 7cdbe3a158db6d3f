"""Notebook use: str() of enums, short reprs, the HTML a Jupyter cell shows, dir(copydesk)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import copydesk
from copydesk import Dimension
from copydesk.kinds.base import Severity

from .report_helpers import HOSTILE, SAMPLE, report_of

SRC = Path(__file__).resolve().parents[1] / "src"


def test_enums_print_as_their_values() -> None:
    assert str(Dimension.attribution) == "attribution"
    assert f"{Dimension.loaded_language}" == "loaded_language"
    assert str(Severity.warning) == "warning" == f"{Severity.warning}"
    report = report_of(SAMPLE, "sample.md")
    f = report.findings[0]
    assert f"{f.dimension}" == f.dimension.value


def test_report_repr_is_one_short_line() -> None:
    report = report_of(SAMPLE, "sample.md")
    text = repr(report)
    assert "\n" not in text and len(text) < 200
    assert text == str(report)
    assert f"{report.score:.1f} {report.grade}" in text
    assert "'Council Plan Causes Uproar'" in text and "52 words" in text
    assert f"{len(report.findings)} findings" in text
    for name, d in report.dimensions.items():
        if d.findings:
            assert f"{name} {d.findings}" in text
    finding = report.findings[0]
    assert repr(finding).startswith(f"<Finding {finding.rule_id} {finding.excerpt!r} at ")


def test_repr_html_is_a_scoped_escaped_fragment() -> None:
    report = report_of(SAMPLE, "sample.md")
    html = report._repr_html_()
    assert html.lstrip().startswith('<div class="cdnb">') and "<html" not in html
    assert "<script" not in html
    # Every CSS rule is scoped to the cell.
    css = html.split("<style>")[1].split("</style>")[0]
    for line in filter(None, (x.strip() for x in css.splitlines())):
        assert line.startswith(".cdnb"), line
    # One highlight per finding start at least, the score, the headline.
    assert html.count("<mark ") >= len({f.span.start for f in report.findings}) - 1
    assert f"{report.score:.1f}" in html and "Council Plan Causes" in html
    assert "widespread" in html


def test_repr_html_escapes_article_text() -> None:
    html = report_of(HOSTILE, "hostile.md")._repr_html_()
    assert "<script>window" not in html and "&lt;script&gt;window" in html
    assert "<img" not in html and "<svg" not in html and "<a href" not in html
    assert 'onerror="' not in html


def test_dir_lists_the_public_api() -> None:
    names = dir(copydesk)
    for name in ("audit", "audit_many", "AuditReport", "Finding", "Dimension", "load_rules", "Article"):
        assert name in names
    assert "_LAZY" not in names and "TYPE_CHECKING" not in names
    for name in copydesk.__all__:
        assert getattr(copydesk, name) is not None


def test_import_stays_lazy() -> None:
    code = (
        "import sys, copydesk; dir(copydesk); "
        "print(sorted(m for m in sys.modules if m.startswith(('copydesk.', 'pydantic', 'pandas'))))"
    )
    env = {"PYTHONPATH": str(SRC)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "[]", out.stdout
