"""Classroom worksheets checked by the server: the student's page never holds the answers.

The page asks for the worksheet (the article split into words, the task), sends the
marked word indices to "check", and gets back what was found, missed and over-flagged,
computed here from the audit with the same rules as the stand-alone worksheet
(report/worksheet.py): a marked passage finds an answer when it shares a word with it;
marks inside a quotation are over-flagged, with copydesk's note. The answer key is a
separate request, made only when the teacher's switch is turned on.
"""

from __future__ import annotations

from typing import Any

from copydesk.report.models import AuditReport
from copydesk.report.worksheet import TASKS, Line, data, layout, task_for


def task_names() -> list[str]:
    return list(TASKS)


def tasks() -> list[dict[str, str]]:
    return [{"name": t.name, "title": t.title, "unit": t.unit} for t in TASKS.values()]


def _lines(lines: list[Line]) -> list[dict[str, Any]]:
    return [
        {"kind": line.kind, "pieces": [[p.text, p.word, p.unit, p.quote] for p in line.pieces]}
        for line in lines
    ]


def answer(what: str, report: AuditReport, task_name: str, marks: list[int]) -> dict[str, Any]:
    task = task_for(task_name)
    lines, words = layout(report)
    if what == "sheet":
        return {
            "task": {
                "name": task.name,
                "title": task.title,
                "instructions": task.instructions,
                "unit": task.unit,
            },
            "headline": report.article.headline,
            "words": len(words),
            "lines": _lines(lines),
        }
    key = data(report, task, words)
    if what == "key":
        return {"answers": key["answers"], "quoted": key["quoted"]}
    return check(key, lines, len(words), marks)


def _units(lines: list[Line]) -> dict[int, str]:
    return {p.word: p.unit for line in lines for p in line.pieces if p.word is not None}


def _spans(marked: set[int], unit: str, units: dict[int, str], count: int) -> list[list[int]]:
    """The student's passages: marked sentences, or runs of marked words."""
    if unit == "sentence":
        by_unit: dict[str, list[int]] = {}
        for i in sorted(marked):
            by_unit.setdefault(units.get(i, ""), []).append(i)
        return list(by_unit.values())
    out: list[list[int]] = []
    run: list[int] = []
    for i in range(count):
        if i in marked:
            run.append(i)
        elif run:
            out.append(run)
            run = []
    if run:
        out.append(run)
    return out


def check(key: dict[str, Any], lines: list[Line], count: int, marks: list[int]) -> dict[str, Any]:
    marked = {i for i in marks if 0 <= i < count}
    units = _units(lines)
    found: list[dict[str, Any]] = []
    missed: list[dict[str, Any]] = []
    answer_words: set[int] = set()
    for a in key["answers"]:
        answer_words.update(a["words"])
        (found if marked.intersection(a["words"]) else missed).append(a)
    over: list[dict[str, Any]] = []
    for span in _spans(marked, key["unit"], units, count):
        if answer_words.intersection(span):
            continue
        quoted = next((q for q in key["quoted"] if set(q["words"]).intersection(span)), None)
        if quoted is not None:
            note = (
                "Inside a quotation: these are the speaker's words, not the writer's, so they are "
                f"not an answer. copydesk's note: {quoted['message']}"
            )
        else:
            note = key["overFlag"]
        over.append({"words": span, "note": note})
    total = len(key["answers"])
    if total == 0:
        summary = (
            "copydesk found nothing for this task in this article, and you marked nothing: well done."
            if not over
            else "copydesk found nothing for this task in this article. Look again at what you marked."
        )
    else:
        summary = f"You found {len(found)} of {total}. Missed: {len(missed)}. Over-flagged: {len(over)}."
    return {"summary": summary, "total": total, "found": found, "missed": missed, "over": over}
