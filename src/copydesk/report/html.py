"""HTML: one self-contained page (inline CSS and JavaScript, no network) people read.

The article is shown with every finding highlighted in place. Overlapping findings
are split into segments: each segment lists every finding that covers it, so nested
and crossing spans stay readable and clickable. All article and rule text goes
through Jinja2 autoescaping; the script never builds HTML from strings (it clones
elements the server rendered, or sets ``textContent``), and a Content-Security-Policy
allows only that one script, by hash, as a second line of defence.
"""

from __future__ import annotations

import base64
import hashlib
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from markupsafe import Markup

from copydesk.dimensions import DIMENSIONS, NAMES, SPECS
from copydesk.report.escape import visible_controls
from copydesk.report.figures import (
    band,
    fmt,
    humanise,
    in_words,
    is_scalar,
    pct,
    plain,
    readability_label,
    safe_url,
    score_explained,
    short,
    signed,
    sourcing_profile,
    sourcing_view,
    tone_label,
)
from copydesk.report.models import AuditReport, Finding

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")

_TEMPLATES = Path(__file__).resolve().parent / "templates"
# Markdown markup left between blocks ("**", "#", list bullets) is not worth showing.
_MARKUP_ONLY = frozenset("#*_>-=+|` \t\r\n\f\v")


# ------------------------------------------------------------------ layout


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text covered by the same findings (indices into ``report.findings``)."""

    start: int
    end: int
    text: str
    findings: tuple[int, ...] = ()
    quote: bool = False
    # Findings whose first visible piece is this segment: the target of "show in text".
    anchors: tuple[int, ...] = ()


@dataclass(slots=True)
class Block:
    kind: str  # headline | heading | paragraph | raw
    start: int
    end: int
    segments: list[Segment] = field(default_factory=list)
    skipped: bool = False  # text the audit does not read (code, comments)


def blocks(
    text: str,
    findings: Sequence[Finding] = (),
    *,
    headline_span: tuple[int, int] | None = None,
) -> list[Block]:
    """The article as display blocks, each split into segments by findings and quotes.

    Blocks come from the same parser the audit used, so they line up with findings.
    Text between blocks that is only Markdown markup is dropped; anything else there
    (code, comments, or text a finding touches) is kept as a ``raw`` block, so no
    finding loses its highlight.
    """
    from copydesk.parse.article import parse

    doc = parse(text, headline=headline_span)
    spans: list[tuple[str, int, int]] = []
    if doc.headline:
        spans.append(("headline", *doc.headline))
    for section in doc.sections:
        if section.heading:
            spans.append(("heading", *section.heading))
    spans.extend(("paragraph", p.start, p.end) for p in doc.paragraphs)
    spans.sort(key=lambda s: (s[1], s[2]))
    found = [(f.span.start, f.span.end) for f in findings]
    starts, ends = sorted(s for s, _ in found), sorted(e for _, e in found)
    out: list[tuple[str, int, int]] = []
    pos = 0
    for kind, start, end in spans:
        if start < pos:  # overlapping block spans would duplicate text: keep the first
            continue
        out.extend(_gap(text, pos, start, starts, ends))
        out.append((kind, start, end))
        pos = end
    out.extend(_gap(text, pos, len(text), starts, ends))
    speech = [(q.start, q.end) for q in doc.quotes if q.speech]
    finding_sweep, quote_sweep = _Overlaps(found), _Overlaps(speech)
    skipped_sweep = _Overlaps(doc.skipped)
    result: list[Block] = []
    anchored: set[int] = set()
    for kind, start, end in out:
        # Every block advances the sweep, so the windows stay in increasing order.
        skipped = bool(skipped_sweep.window(start, end))
        block = Block(kind, start, end, skipped=kind == "raw" and skipped)
        inside = finding_sweep.window(start, end)
        quotes = [speech[i] for i in quote_sweep.window(start, end)]
        block.segments = _segments(text, start, end, findings, inside, quotes, anchored)
        result.append(block)
    return result


def _gap(
    text: str, start: int, end: int, starts: list[int], ends: list[int]
) -> Iterable[tuple[str, int, int]]:
    """Text between two blocks; ``starts``/``ends`` are the findings' offsets, sorted."""
    if end <= start:
        return
    chunk = text[start:end]
    # A finding that only passes through the gap is shown in the blocks either side.
    begin_here = starts[bisect_left(starts, start) : bisect_left(starts, end)]
    end_here = ends[bisect_right(ends, start) : bisect_right(ends, end)]
    touched = bool(begin_here or end_here)
    if not touched and set(chunk) <= _MARKUP_ONLY:
        return
    # Trim surrounding blank lines so the raw block is just its content.
    lead = len(chunk) - len(chunk.lstrip("\r\n"))
    trail = len(chunk) - len(chunk.rstrip())
    s, e = start + lead, end - trail
    if begin_here:
        s = min(s, begin_here[0])
    if end_here:
        e = max(e, end_here[-1])
    if e > s:
        yield ("raw", s, e)


class _Overlaps:
    """Spans overlapping each window, for windows given in increasing order (a sweep).

    Keeps rendering linear in the article's size: a long article with thousands of
    findings must not compare every block with every finding.
    """

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        self.spans = spans
        self.order = sorted(range(len(spans)), key=lambda i: spans[i][0])
        self.next = 0
        self.active: list[int] = []

    def window(self, start: int, end: int) -> list[int]:
        while self.next < len(self.order) and self.spans[self.order[self.next]][0] < end:
            self.active.append(self.order[self.next])
            self.next += 1
        self.active = [i for i in self.active if self.spans[i][1] > start]
        return sorted(self.active)


def _segments(
    text: str,
    start: int,
    end: int,
    findings: Sequence[Finding],
    inside: list[int],
    quotes: list[tuple[int, int]],
    anchored: set[int],
) -> list[Segment]:
    cuts = {start, end}
    for i in inside:
        f = findings[i]
        cuts.add(max(start, f.span.start))
        cuts.add(min(end, f.span.end))
    for qs, qe in quotes:
        cuts.add(max(start, qs))
        cuts.add(min(end, qe))
    points = sorted(cuts)
    segments: list[Segment] = []
    for a, b in pairwise(points):
        covering = tuple(
            i for i in inside if findings[i].span.start < b and findings[i].span.end > a
        )
        anchors = tuple(i for i in covering if i not in anchored)
        anchored.update(anchors)
        quote = any(qs <= a and b <= qe for qs, qe in quotes)
        segments.append(Segment(a, b, text[a:b], covering, quote, anchors))
    return segments


# ------------------------------------------------------------------ rendering


def _finalize(value: Any) -> Any:
    if isinstance(value, str) and not isinstance(value, Markup):
        return visible_controls(value)
    return value


@lru_cache(maxsize=1)
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,  # every template is HTML: escape everything not marked safe
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # Article text may carry ESC and other controls: shown as symbols, never raw.
        finalize=_finalize,
    )
    env.filters.update(
        humanise=humanise, fmt=fmt, signed=signed, pct=pct, short=short, safe_url=safe_url
    )
    env.tests["scalar"] = is_scalar
    env.globals.update(
        DIMENSIONS=DIMENSIONS,
        SPECS=SPECS,
        SEVERITIES=SEVERITIES,
        readability_label=readability_label,
        in_words=in_words,
        score_explained=score_explained,
        tone_label=tone_label,
        band=band,
    )
    return env


@lru_cache(maxsize=8)
def asset(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def stylesheet() -> str:
    """base.css rendered: its per-dimension rules loop over the registry."""
    return environment().get_template("base.css").render()


def script_tag(*names: str) -> tuple[Markup, str]:
    """One inline script of the templates folder's scripts, in order, and its CSP hash source."""
    source = "\n".join(asset(name) for name in names)
    if "</" in source:
        raise ValueError(f"{names} must not contain '</'")  # it would end the script element
    digest = base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")
    return Markup("<script>") + Markup(source) + Markup("</script>"), f"'sha256-{digest}'"


def csp(script_hash: str) -> str:
    return (
        "default-src 'none'; "
        f"script-src {script_hash}; "
        "style-src 'unsafe-inline'; "
        "img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def dimension_mask(findings: Sequence[Finding], indices: Iterable[int]) -> int:
    """Bit i set when a finding of DIMENSIONS[i] covers the segment (CSS class s<mask>)."""
    mask = 0
    for i in indices:
        dim = findings[i].dimension.value
        if dim in SPECS:
            mask |= 1 << NAMES.index(dim)
    return mask


def mask_css() -> str:
    """Stripes under a highlight, one per dimension it carries; tint of the first one."""
    rules = []
    for mask in range(1, 1 << len(NAMES)):
        dims = [d for i, d in enumerate(NAMES) if mask & (1 << i)]
        shadows = ", ".join(
            f"inset 0 -{3 * (k + 1)}px 0 var(--{d})" for k, d in enumerate(dims)
        )
        rules.append(
            f"mark.s{mask}{{background-color:var(--{dims[0]}-tint);box-shadow:{shadows}}}"
        )
    return "\n".join(rules)


def render(report: AuditReport, *, color: bool = False, text: str | None = None) -> str:
    """The report as one HTML page. ``text`` overrides ``report.article.text``."""
    text = text if text is not None else report.article.text
    findings = report.findings
    hs = report.article.headline_span
    layout = (
        blocks(text, findings, headline_span=(hs.start, hs.end) if hs else None)
        if text is not None
        else None
    )
    anchor_of: dict[int, str] = {}
    if layout is not None:
        for block in layout:
            for seg in block.segments:
                for i in seg.anchors:
                    anchor_of[i] = f"h-{seg.start}"  # segments never share a start
    grouped = {
        d: [(i, f) for i, f in enumerate(findings) if f.dimension.value == d] for d in NAMES
    }
    counts = {
        "dimension": {d: len(grouped[d]) for d in NAMES},
        "severity": {
            s: sum(1 for f in findings if f.severity.value == s) for s in SEVERITIES
        },
    }
    profile = sourcing_profile(report)
    extra = {k: v for k, v in report.metrics.extra.items() if k != "sourcing"}
    script, script_hash = script_tag("report.js")
    page = environment().get_template("report.html").render(
        report=report,
        article=report.article,
        findings=findings,
        layout=layout,
        anchor_of=anchor_of,
        grouped=grouped,
        counts=counts,
        sourcing=sourcing_view(profile, text),
        sourcing_raw=plain(profile) if profile is not None else None,
        extra=plain(extra),
        figures={n: plain(d.figures) for n, d in report.dimensions.items() if d.figures},
        mask=lambda indices: dimension_mask(findings, indices),
        inquote=lambda indices: all(findings[i].in_quote for i in indices),
        dims_of=lambda indices: ", ".join(
            dict.fromkeys(SPECS[findings[i].dimension.value].label for i in indices)
        ),
        mask_css=Markup(mask_css()),
        css=Markup(stylesheet()),
        script=script,
        csp=csp(script_hash),
    )
    return page


__all__ = ["Block", "Segment", "blocks", "render"]
