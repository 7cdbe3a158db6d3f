"""Text for a terminal: colour when it is one, plain when piped (rich decides).

Everything taken from the article or a pack (headline, source, rule ids, messages,
excerpts, suggestions, warnings) goes through :func:`_safe`: rich markup escaped and
control characters shown as ``\\x1b`` escapes, so an ESC sequence in a headline never
reaches the terminal.
"""

from __future__ import annotations

import io
from typing import Any

from copydesk.dimensions import SPECS
from copydesk.report.escape import printable
from copydesk.report.figures import score_explained
from copydesk.report.models import AuditReport, Finding

_SEVERITY_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _safe(text: str) -> str:
    from rich.markup import escape

    return escape(printable(text))


def render(report: AuditReport, *, color: bool = False) -> str:
    from rich.console import Console
    from rich.table import Table

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        width=100,
        highlight=False,
        emoji=False,
    )
    art = report.article
    title = art.headline or "(no headline)"
    where = f"{art.source}: " if art.source else ""
    console.print(f"[bold]{_safe(where + title)}[/bold]")
    if report.score is None:
        console.print(
            f"[bold]Not assessed[/bold]: see the warning below  "
            f"({art.words} words, {art.sentences} sentences)"
        )
    else:
        console.print(
            f"Score [bold]{report.score:.0f}[/bold]/100, grade [bold]{report.grade}[/bold]  "
            f"({art.words} words, {art.sentences} sentences)"
        )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("dimension")
    table.add_column("score", justify="right")
    table.add_column("findings", justify="right")
    for name, dim in report.dimensions.items():
        score = "not assessed" if dim.score is None else f"{dim.score:.0f}"
        label = SPECS[name].label if name in SPECS else name
        table.add_row(label, score, str(dim.findings))
    console.print(table)
    if (how := score_explained(report)) is not None:
        console.print(_safe(how))
    read = report.metrics.readability
    tone = report.metrics.tone
    if read.flesch_reading_ease is not None:
        console.print(
            f"Readability: Flesch reading ease {read.flesch_reading_ease:.1f}, "
            f"grade level {read.flesch_kincaid_grade:.1f}"
        )
    if tone.body_mean is not None:
        headline_tone = "n/a" if tone.headline is None else f"{tone.headline:+.2f}"
        console.print(f"Tone (VADER): headline {headline_tone}, body mean {tone.body_mean:+.2f}")
    console.print()
    if report.findings:
        _fix_first(console, report.findings)
        console.print(
            f"[bold]Findings ({len(report.findings)})[/bold], in text order: line:column, severity, "
            "rule, points taken off its dimension's score"
        )
    for finding in report.findings:
        _finding(console, finding)
    for warning in report.warnings:
        console.print(f"[magenta]warning:[/magenta] {_safe(warning)}")
    return buffer.getvalue()


FIX_FIRST = 3


def _fix_first(console: Any, findings: list[Finding]) -> None:
    """The findings that cost the most points, when there are enough to need a start."""
    costly = sorted((f for f in findings if f.points > 0), key=lambda f: (-f.points, f.span.start))
    if len(findings) <= FIX_FIRST or not costly:
        return
    console.print("[bold]Fix these first[/bold] (the most points):")
    for f in costly[:FIX_FIRST]:
        console.print(
            f"  line {f.line}, column {f.column}: {_safe(f.rule_id)} -{f.points:.1f} points  "
            f"“{_safe(_flat(f.excerpt, 60))}”"
        )
    console.print()


def _finding(console: object, f: Finding) -> None:
    style = _SEVERITY_STYLE.get(f.severity.value, "")
    quote = " (in a quotation: no cost)" if f.in_quote else ""
    points = f" -{f.points:.1f} points" if f.points else ""
    excerpt = _flat(f.excerpt)
    # Most messages quote the matched words already; show them only when not.
    lead = "" if excerpt[:40] in f.message else f"“{_safe(excerpt)}”: "
    console.print(  # type: ignore[attr-defined]
        f"{f.line}:{f.column} [{style}]{f.severity.value}[/{style}] "
        f"[dim]{_safe(f.rule_id)}[/dim]{points}{quote}\n"
        f"    {lead}{_safe(f.message)}"
    )
    if f.suggestion:
        console.print(f"    [green]try:[/green] {_safe(f.suggestion)}")  # type: ignore[attr-defined]


def _flat(text: str, limit: int = 120) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
