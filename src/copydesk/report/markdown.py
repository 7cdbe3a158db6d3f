"""Markdown: a report for a pull-request or CMS comment.

Article text and rule text are untrusted here: an article can contain ``[a](javascript:..)``,
``<img onerror=..>`` or a bare URL. Every such piece goes through :func:`escape`, which
flattens it to one line and backslash-escapes ASCII punctuation (CommonMark guarantees a
backslash-escaped punctuation character is literal), so no link, image, autolink, HTML
tag, emphasis or table cell break can come out of it.
"""

from __future__ import annotations

import string

from copydesk.dimensions import DIMENSIONS
from copydesk.report.escape import visible_controls
from copydesk.report.models import AuditReport, Finding

# Punctuation that is never markup, whatever surrounds it: left alone for readability.
_HARMLESS = frozenset(",;?\"'%")
_PUNCTUATION = frozenset(string.punctuation) - _HARMLESS
_EXCERPT_LIMIT = 160


def escape(text: str) -> str:
    """Inline-safe Markdown for untrusted text: one line, no markup, no HTML, no links."""
    flat = " ".join(text.split())
    out = []
    for ch in flat:
        if ch in _PUNCTUATION:
            out.append("\\" + ch)
        elif ch < " " or "\x7f" <= ch <= "\x9f":
            # Shown, not dropped or passed raw (a terminal would act on an ESC).
            out.append(visible_controls(ch).replace("\\", "\\\\"))
        else:
            out.append(ch)
    return "".join(out)


def code_span(text: str) -> str:
    """A code span for identifiers and paths: nothing inside a code span is markup."""
    flat = " ".join(text.split())
    if not flat:
        return "` `"
    longest = run = 0
    for ch in flat:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def _short(text: str, limit: int = _EXCERPT_LIMIT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _num(value: float | None, fmt: str = ".1f") -> str:
    return "n/a" if value is None else format(value, fmt)


def _finding(n: int, f: Finding) -> list[str]:
    cost = f" (−{f.points:.1f} points)" if f.points else ""
    quote = " *In a quotation: the speaker's words, costs nothing.*" if f.in_quote else ""
    lines = [
        f"{n}. **{f.severity.value}** {code_span(f.rule_id)} line {f.line}, col {f.column}: "
        f"“{escape(_short(f.excerpt))}”{cost}{quote}  ",
        f"   {escape(f.message)}  ",
        f"   *Why it matters:* {escape(f.explanation)}",
    ]
    if f.suggestion:
        lines[-1] += "  "
        lines.append(f"   *Try:* {escape(f.suggestion)}")
    return lines


def render(report: AuditReport, *, color: bool = False) -> str:
    art = report.article
    title = escape(art.headline) if art.headline else "(no headline)"
    out = [f"## copydesk report: {title}", ""]
    where = f" · {code_span(art.source)}" if art.source else ""
    out.append(
        ("**Not assessed** (see Warnings)" if report.score is None else
         f"**Score {report.score:.0f}/100, grade {report.grade}**")
        + f" · {art.words} words · "
        f"{len(report.findings)} finding{'s' if len(report.findings) != 1 else ''}{where}"
    )
    out += ["", "| Dimension | Score | Findings |", "|---|---:|---:|"]
    for spec in DIMENSIONS:
        dim = report.dimensions.get(spec.name)
        if dim is None:
            continue
        score = "not assessed" if not dim.assessed or dim.score is None else f"{dim.score:.0f}"
        out.append(f"| {spec.label} | {score} | {dim.findings} |")
    read, tone = report.metrics.readability, report.metrics.tone
    out += [
        "",
        f"**Readability:** Flesch reading ease {_num(read.flesch_reading_ease)}, "
        f"grade level {_num(read.flesch_kincaid_grade)}. "
        f"**Tone** (VADER, −1 to +1): headline {_num(tone.headline, '+.2f')}, "
        f"body mean {_num(tone.body_mean, '+.2f')}.",
    ]
    sourcing = _sourcing_line(report)
    if sourcing:
        out += ["", f"**Sourcing:** {sourcing}"]
    n = 0
    for spec in DIMENSIONS:
        group = [f for f in report.findings if f.dimension.value == spec.name]
        if not group:
            continue
        out += ["", f"### {spec.label} ({len(group)})", ""]
        for f in group:
            n += 1
            out += _finding(n, f)
    if not report.findings:
        out += ["", "No findings: nothing in this article matched the rules in use."]
    if report.warnings:
        out += ["", "**Warnings:**", ""]
        out += [f"- {escape(w)}" for w in report.warnings]
    out += [
        "",
        f"<sub>copydesk {escape(report.copydesk_version)}, rule pack "
        f"{escape(report.rule_pack)} {escape(report.rule_pack_version)}</sub>",
        "",
    ]
    return "\n".join(out)


def _sourcing_line(report: AuditReport) -> str:
    """The sourcing profile in one sentence (the full lists stay in JSON and HTML)."""
    from copydesk.report.figures import sourcing_profile, sourcing_view

    view = sourcing_view(sourcing_profile(report))
    if view is None:
        return ""
    parts = [
        f"{view.claims} claim{'s' if view.claims != 1 else ''}: {view.named} with a named "
        f"source, {view.vague} vague, {view.unsourced} with none"
    ]
    if view.named_share is not None:
        parts[0] += f" ({100 * view.named_share:.0f}% named)"
    if view.named_sources:
        parts.append("Named: " + "; ".join(escape(s["name"]) for s in view.named_sources[:8]))
    if view.vague_sources:
        parts.append("Vague: " + "; ".join(escape(s["name"]) for s in view.vague_sources[:8]))
    if view.direct_quotes is not None:
        parts.append(f"{view.direct_quotes} direct quote{'s' if view.direct_quotes != 1 else ''}")
    return ". ".join(parts) + "."


__all__ = ["code_span", "escape", "render"]
