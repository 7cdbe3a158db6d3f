"""Use copydesk from Python: audit an article, read the findings, write every report format.

    python examples/python_use.py                  # reports go to a temporary folder
    python examples/python_use.py --out reports-x  # or to a folder of your choice
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import copydesk
from copydesk.report.render import render

HERE = Path(__file__).resolve().parent

# An article can also be built from parts: copydesk.Article(headline=..., body=...).
ARTICLE = copydesk.Article(
    headline="Council Approves Park Budget",
    body=(
        "The city council approved a $2 million budget for park repairs on Tuesday, "
        "the council's spokesperson, Ana Ruiz, said.\n\n"
        "Critics say the plan is a massive waste of money. Experts warn that costs could soar."
    ),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help="folder for the reports (default: a temp folder)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="copydesk-"))
    out.mkdir(parents=True, exist_ok=True)

    # 1. Audit a string (the headline is found in the text) or an Article.
    text = (HERE / "russia-north-korea-labor.md").read_text(encoding="utf-8")
    report = copydesk.audit(text)
    print(f"Reference article: score {report.score:.0f}, grade {report.grade}")
    for name, dim in report.dimensions.items():
        shown = "not assessed" if dim.score is None else f"{dim.score:.0f}"
        print(f"  {name:16} {shown:>12}  ({dim.findings} findings)")

    # 2. Every finding points at the exact characters of the text, and says why.
    for f in report.findings[:5]:
        assert text[f.span.start : f.span.end] == f.excerpt
        print(f"  {f.line}:{f.column} {f.rule_id}: {f.message}")
    print(f"  ... {len(report.findings)} findings in all")

    # 3. The same report in every format.
    small = copydesk.audit(ARTICLE)
    print(f"Park budget article: score {small.score:.0f}, grade {small.grade}")
    for fmt, ext in (("html", "html"), ("md", "md"), ("sarif", "sarif"), ("json", "json")):
        path = out / f"park-budget.{ext}"
        path.write_text(render(small, fmt), encoding="utf-8")
        print(f"  wrote {path}")

    # 4. Gate on a score, as a CI job would.
    if small.score < 50:
        print("  this article would fail a --fail-under 50 gate")


if __name__ == "__main__":
    main()
