"""Regenerate reports/ from the articles in examples/ (one command, run from anywhere)::

    python tools/make_reports.py           # rewrite reports/
    python tools/make_reports.py --check   # exit 1 and name the stale files, change nothing

For every ``examples/*.md`` article it writes ``reports/<name>.html``, ``.json`` and ``.md``
(audited with the default rule pack), and for the reference article a classroom worksheet
with its answer key. Reports change whenever rules change: regenerate before committing
(tests/test_reports.py fails when a committed report is out of date).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
REPORTS = ROOT / "reports"
WORKSHEET_ARTICLE = "russia-north-korea-labor.md"


def articles() -> list[Path]:
    return sorted(EXAMPLES.glob("*.md"))


def build() -> dict[str, str]:
    """File name under reports/ -> its content."""
    import copydesk
    from copydesk.report.render import render
    from copydesk.report.worksheet import answer_key_markdown, worksheet_html

    rules = copydesk.load_rules()
    out: dict[str, str] = {}
    for path in articles():
        # The source is the path from the repo root, so reports do not depend on the checkout.
        source = path.relative_to(ROOT).as_posix()
        article = copydesk.Article.from_text(
            path.read_text(encoding="utf-8"), id=source, source=source
        )
        report = copydesk.audit(article, rules=rules)
        for fmt, ext in (("html", "html"), ("json", "json"), ("md", "md")):
            out[f"{path.stem}.{ext}"] = render(report, fmt)
        if path.name == WORKSHEET_ARTICLE:
            out[f"{path.stem}.worksheet.html"] = worksheet_html(report, "loaded")
            out[f"{path.stem}.answers.md"] = answer_key_markdown(report, "loaded")
    return out


def stale(expected: dict[str, str], folder: Path = REPORTS) -> list[str]:
    """Files that differ from, are missing from, or are extra in ``folder``."""
    problems = []
    for name, content in sorted(expected.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{name}: missing")
        elif path.read_text(encoding="utf-8") != content:
            problems.append(f"{name}: out of date")
    known = set(expected) | {"README.md"}
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.is_file() and path.name not in known:
                problems.append(f"{path.name}: not generated from examples/ (delete it)")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Regenerate reports/ from examples/.")
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    expected = build()
    if args.check:
        problems = stale(expected)
        for line in problems:
            print(line)
        if problems:
            print("run: python tools/make_reports.py")
        return 1 if problems else 0
    REPORTS.mkdir(exist_ok=True)
    for problem in stale(expected):
        if problem.endswith("(delete it)"):
            (REPORTS / problem.split(":")[0]).unlink()
    for name, content in expected.items():
        # newline="" keeps the bytes identical on every platform.
        (REPORTS / name).write_text(content, encoding="utf-8", newline="")
    print(f"wrote {len(expected)} files to {REPORTS.relative_to(ROOT)}/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
