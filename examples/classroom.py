"""A media-literacy lesson: one worksheet per task and the teacher's answer keys.

    python examples/classroom.py                    # writes to a temporary folder
    python examples/classroom.py --out lesson       # or to a folder of your choice
    python examples/classroom.py --article examples/loaded-bus-cuts.md

Open the worksheets in any browser: students mark passages and press "Check"; the page
compares their marks with copydesk's findings itself (no server, nothing is sent).
The same thing from the command line:

    copydesk exercise examples/loaded-bus-cuts.md -o worksheet.html --task loaded --answers key.md
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import copydesk
from copydesk.report.worksheet import TASKS, answer_key_html, answer_key_markdown, answers, worksheet_html

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=HERE / "loaded-bus-cuts.md")
    parser.add_argument("--out", type=Path, help="folder for the pages (default: a temp folder)")
    args = parser.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="copydesk-lesson-"))
    out.mkdir(parents=True, exist_ok=True)

    article = copydesk.Article.from_text(
        args.article.read_text(encoding="utf-8"), source=args.article.name
    )
    report = copydesk.audit(article)
    print(f"{article.headline}: score {report.score:.0f}, grade {report.grade}")
    for name, task in TASKS.items():
        sheet = out / f"worksheet-{name}.html"
        sheet.write_text(worksheet_html(report, name), encoding="utf-8")
        (out / f"answers-{name}.html").write_text(answer_key_html(report, name), encoding="utf-8")
        (out / f"answers-{name}.md").write_text(answer_key_markdown(report, name), encoding="utf-8")
        print(f"  {task.title}: {len(answers(report, task))} answer(s) -> {sheet}")


if __name__ == "__main__":
    main()
