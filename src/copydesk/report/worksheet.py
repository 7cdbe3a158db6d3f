"""Classroom worksheets: the article without highlights, a task, and a self-checking page.

The student marks words or sentences; "Check" compares the marks with the audit's
findings in the page itself (no server, nothing sent anywhere) and lists what was
found, missed and over-flagged, each with its explanation. The answer key for the
teacher is a separate file (HTML or Markdown).

A marked span counts as finding an answer when it shares a word with it, so a
student who marks "widespread criticism" has found "sparked widespread criticism".
Findings inside a direct quotation are not answers (the words are the speaker's);
marking one is reported as over-flagged, with that explanation.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, Literal

from markupsafe import Markup

from copydesk.dimensions import DIMENSIONS
from copydesk.report import html as report_html
from copydesk.report.figures import short
from copydesk.report.markdown import escape as md_escape
from copydesk.report.models import AuditReport, Finding

WORD = re.compile(r"[^\W_]+(?:[-'’.,][^\W_]+)*")


@dataclass(frozen=True)
class Task:
    name: str
    dimension: str
    unit: Literal["word", "sentence"]  # what one click marks
    title: str
    instructions: str
    over_flag: str  # said about a mark that matches no finding


# One task per dimension whose spec carries an exercise (copydesk/dimensions.py).
TASKS: dict[str, Task] = {
    spec.exercise.task: Task(
        spec.exercise.task,
        spec.name,
        spec.exercise.unit,  # type: ignore[arg-type]
        spec.exercise.title,
        spec.exercise.instructions,
        spec.exercise.over_flag,
    )
    for spec in DIMENSIONS
    if spec.exercise is not None
}


@dataclass(frozen=True)
class Piece:
    text: str
    word: int | None = None  # word index, or None for the text between words
    unit: str = ""
    quote: bool = False


@dataclass(frozen=True)
class Line:
    kind: str
    pieces: tuple[Piece, ...]


def task_for(name: str) -> Task:
    try:
        return TASKS[name]
    except KeyError:
        raise ValueError(f"unknown task {name!r} (choose from {', '.join(TASKS)})") from None


def _article_text(report: AuditReport) -> str:
    if report.article.text is None:
        raise ValueError("this report does not carry the article text; audit the article again")
    return report.article.text


def layout(report: AuditReport) -> tuple[list[Line], list[tuple[int, int]]]:
    """Display lines split into words (with their sentence unit) and the words' spans."""
    from copydesk.parse.article import parse

    text = _article_text(report)
    hs = report.article.headline_span
    span = (hs.start, hs.end) if hs else None
    sentence_starts: list[int] = []
    sentence_ends: list[int] = []
    for s in parse(text, headline=span).sentences:
        sentence_starts.append(s.start)
        sentence_ends.append(s.end)
    lines: list[Line] = []
    words: list[tuple[int, int]] = []
    for b, block in enumerate(report_html.blocks(text, (), headline_span=span)):
        pieces: list[Piece] = []
        for seg in block.segments:
            if block.kind == "raw":
                pieces.append(Piece(seg.text, quote=seg.quote))
                continue
            pos = seg.start
            for m in WORD.finditer(text, seg.start, seg.end):
                if m.start() > pos:
                    pieces.append(Piece(text[pos : m.start()], quote=seg.quote))
                k = bisect_right(sentence_starts, m.start()) - 1
                if block.kind == "paragraph" and k >= 0 and m.start() < sentence_ends[k]:
                    unit = f"s{k}"
                else:
                    unit = f"b{b}"
                pieces.append(Piece(m.group(), len(words), unit, seg.quote))
                words.append((m.start(), m.end()))
                pos = m.end()
            if pos < seg.end:
                pieces.append(Piece(text[pos : seg.end], quote=seg.quote))
        lines.append(Line(block.kind if not block.skipped else "skipped", tuple(pieces)))
    return lines, words


class _Words:
    """Word lookup by character span (words are in text order and disjoint)."""

    def __init__(self, words: list[tuple[int, int]]) -> None:
        self.starts = [s for s, _ in words]
        self.ends = [e for _, e in words]

    def of(self, f: Finding) -> list[int]:
        first = bisect_right(self.ends, f.span.start)  # first word ending after the start
        last = bisect_left(self.starts, f.span.end)  # first word starting at or after the end
        return list(range(first, max(first, last)))


def answers(report: AuditReport, task: Task) -> list[Finding]:
    """The findings a student is asked to find: the task's dimension, outside quotations."""
    return [f for f in report.findings if f.dimension.value == task.dimension and not f.in_quote]


def _entry(f: Finding, words: list[int]) -> dict[str, Any]:
    return {
        "words": words,
        "excerpt": short(f.excerpt, 200),
        "rule": f.rule_id,
        "message": f.message,
        "explanation": f.explanation,
        "suggestion": f.suggestion or "",
        "line": f.line,
    }


def data(report: AuditReport, task: Task, words: list[tuple[int, int]]) -> dict[str, Any]:
    """What the page's check needs: answers and quoted findings as word indices."""
    lookup = _Words(words)
    keyed = [(f, lookup.of(f)) for f in answers(report, task)]
    quoted = [
        (f, lookup.of(f))
        for f in report.findings
        if f.dimension.value == task.dimension and f.in_quote
    ]
    return {
        "task": task.name,
        "unit": task.unit,
        "overFlag": task.over_flag,
        "answers": [_entry(f, w) for f, w in keyed if w],
        "quoted": [_entry(f, w) for f, w in quoted if w],
    }


def worksheet_html(report: AuditReport, task: str = "loaded") -> str:
    """The student's page: article, task, and the in-page check."""
    t = task_for(task)
    lines, words = layout(report)
    # marking.js is the service page's marking too (served at /static/marking.js).
    script, script_hash = report_html.script_tag("marking.js", "worksheet.js")
    return (
        report_html.environment()
        .get_template("worksheet.html")
        .render(
            report=report,
            article=report.article,
            task=t,
            tasks=TASKS,
            lines=lines,
            data=data(report, t, words),
            css=Markup(report_html.stylesheet()),
            worksheet_css=Markup(report_html.asset("worksheet.css")),
            script=script,
            csp=report_html.csp(script_hash),
        )
    )


def answer_key_html(report: AuditReport, task: str = "loaded") -> str:
    """The teacher's key: the article with the answers highlighted and numbered."""
    t = task_for(task)
    text = _article_text(report)
    keyed = answers(report, t)
    quoted = [f for f in report.findings if f.dimension.value == t.dimension and f.in_quote]
    hs = report.article.headline_span
    blocks = report_html.blocks(text, keyed, headline_span=(hs.start, hs.end) if hs else None)
    return (
        report_html.environment()
        .get_template("answers.html")
        .render(
            report=report,
            article=report.article,
            task=t,
            blocks=blocks,
            keyed=keyed,
            quoted=quoted,
            mask=lambda idx: report_html.dimension_mask(keyed, idx),
            css=Markup(report_html.stylesheet()),
            mask_css=Markup(report_html.mask_css()),
            csp=report_html.csp("'none'"),
        )
    )


# In running prose these are the only characters that can start markup (emphasis, code,
# links and images, HTML, tables, strike-through, entities); the rest of the key reads
# as plain text. A word that could become a link (a path, a URL, www., an address) is
# escaped whole, as in the report.
_KEY_MARKUP = frozenset("\\`*_[]<>|~&")


def _key_escape(text: str) -> str:
    words = []
    for word in " ".join(text.split()).split(" "):
        if "/" in word or "@" in word or "www." in word.lower() or ":" in word.rstrip(":"):
            words.append(md_escape(word))
        else:
            words.append("".join("\\" + ch if ch in _KEY_MARKUP else ch for ch in word if ch >= " "))
    return " ".join(words)


def answer_key_markdown(report: AuditReport, task: str = "loaded") -> str:
    t = task_for(task)
    keyed = answers(report, t)
    quoted = [f for f in report.findings if f.dimension.value == t.dimension and f.in_quote]
    headline = _key_escape(report.article.headline) if report.article.headline else "(no headline)"
    out = [
        f"## Answer key: {_key_escape(t.title)}",
        "",
        f"Article: **{headline}**",
        "",
        f"Task: {_key_escape(t.instructions)}",
        "",
        f"{len(keyed)} answer{'s' if len(keyed) != 1 else ''}.",
        "",
    ]
    for n, f in enumerate(keyed, 1):
        out.append(
            f"{n}. “{_key_escape(short(f.excerpt))}” (line {f.line}): "
            f"{_key_escape(f.message)}  "
        )
        out.append(f"   *Why it matters:* {_key_escape(f.explanation)}" + ("  " if f.suggestion else ""))
        if f.suggestion:
            out.append(f"   *Try:* {_key_escape(f.suggestion)}")
    if quoted:
        out += ["", "Inside quotations (the speaker's words, not answers):", ""]
        out += [f"- “{_key_escape(short(f.excerpt))}” (line {f.line})" for f in quoted]
    out.append("")
    return "\n".join(out)


__all__ = [
    "TASKS",
    "Task",
    "answer_key_html",
    "answer_key_markdown",
    "answers",
    "layout",
    "task_for",
    "worksheet_html",
]
