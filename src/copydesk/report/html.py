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

from copydesk.report.models import AuditReport, Finding

DIMENSIONS: tuple[str, ...] = ("loaded_language", "attribution", "headline", "focus")
DIMENSION_LABEL: dict[str, str] = {
    "loaded_language": "Loaded language",
    "attribution": "Attribution",
    "headline": "Headline",
    "focus": "Focus",
}
DIMENSION_HELP: dict[str, str] = {
    "loaded_language": "emotive, intensifying or labelling words in the outlet's own voice",
    "attribution": "claims with no source, a vague source, or a hedge that hides who says so",
    "headline": "headlines and headings the text under them does not support",
    "focus": "text that is off the article's topic, and boilerplate",
}
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
    result: list[Block] = []
    anchored: set[int] = set()
    for kind, start, end in out:
        block = Block(kind, start, end, skipped=kind == "raw" and _is_skipped(doc.skipped, start, end))
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


def _is_skipped(skipped: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and e > start for s, e in skipped)


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


# ------------------------------------------------------------------ figures


def readability_label(ease: float | None) -> str:
    """Flesch reading ease in the words of Flesch's own table."""
    if ease is None:
        return "not measured"
    for floor, label in (
        (90, "very easy"),
        (80, "easy"),
        (70, "fairly easy"),
        (60, "plain English"),
        (50, "fairly difficult"),
        (30, "difficult"),
    ):
        if ease >= floor:
            return label
    return "very difficult"


def tone_label(value: float | None) -> str:
    # VADER's authors use +-0.05 as the neutral band for the compound score.
    if value is None:
        return "not measured"
    if value >= 0.05:
        return "positive"
    if value <= -0.05:
        return "negative"
    return "neutral"


def sourcing_profile(report: AuditReport) -> Any:
    """The attribution analysis's profile, wherever this version of the model keeps it."""
    metrics = report.metrics
    value = getattr(metrics, "sourcing", None)
    if value is None:
        value = metrics.extra.get("sourcing")
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    return value


@dataclass(frozen=True)
class SourcingView:
    """The sourcing profile shaped for reading; unknown keys are kept in ``other``."""

    claims: int | None
    named: int
    vague: int
    unsourced: int
    named_share: float | None
    named_sources: list[dict[str, Any]]
    vague_sources: list[dict[str, Any]]
    unsourced_claims: list[str]
    direct_quotes: int | None
    quoted_share: float | None
    other: dict[str, Any]

    def percent(self, part: int) -> float:
        return 100.0 * part / self.claims if self.claims else 0.0


_SOURCING_KEYS = frozenset(
    """claims claims_named claims_vague claims_unsourced named_share named_sources
    vague_sources unsourced_claims direct_quotes quoted_share""".split()
)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _share(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def sourcing_view(profile: Any, text: str | None = None) -> SourcingView | None:
    """Read the attribution analysis's profile defensively: its shape may still change."""
    if not isinstance(profile, dict) or not isinstance(profile.get("claims"), int):
        return None

    def entries(key: str, label: str) -> list[dict[str, Any]]:
        out = []
        for item in profile.get(key) or []:
            if isinstance(item, dict) and isinstance(item.get(label), str):
                out.append(
                    {
                        "name": item[label],
                        "category": item.get("category") if isinstance(item.get("category"), str) else None,
                        "claims": _int(item.get("claims")),
                    }
                )
        return out

    unsourced: list[str] = []
    for item in profile.get("unsourced_claims") or []:
        span = item.get("span", item) if isinstance(item, dict) else None
        if text is not None and isinstance(span, dict):
            start, end = _int(span.get("start")), _int(span.get("end"))
            if start is not None and end is not None and 0 <= start < end <= len(text):
                unsourced.append(short(text[start:end], 140))
    return SourcingView(
        claims=profile["claims"],
        named=_int(profile.get("claims_named")) or 0,
        vague=_int(profile.get("claims_vague")) or 0,
        unsourced=_int(profile.get("claims_unsourced")) or 0,
        named_share=_share(profile.get("named_share")),
        named_sources=entries("named_sources", "name"),
        vague_sources=entries("vague_sources", "text"),
        unsourced_claims=unsourced,
        direct_quotes=_int(profile.get("direct_quotes")),
        quoted_share=_share(profile.get("quoted_share")),
        other={k: v for k, v in profile.items() if k not in _SOURCING_KEYS and _is_scalar(v)},
    )


def _plain(value: Any) -> Any:
    """Figures for display: floats rounded, models as dicts."""
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _humanise(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 1 else f"{value:.1f}"
    return str(value)


def _signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.2f}".replace("-", "\u2212")


def _pct(value: float | None) -> str:
    # A number for a style attribute: clamped, never text from the report.
    return f"{max(0.0, min(100.0, float(value or 0))):.1f}"


def short(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"


def safe_url(url: str | None) -> str | None:
    """Only plain http(s) links reach an href, whatever a report loaded from JSON holds."""
    if not url:
        return None
    url = url.strip()
    if not url.lower().startswith(("http://", "https://")) or any(
        c.isspace() or c in "<>\"'`" for c in url
    ):
        return None
    return url


def band(score: float) -> str:
    return "band-good" if score >= 80 else "band-fair" if score >= 60 else "band-poor"


# ------------------------------------------------------------------ rendering


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
    )
    env.filters.update(
        humanise=_humanise, fmt=_fmt, signed=_signed, pct=_pct, short=short, safe_url=safe_url
    )
    env.tests["scalar"] = _is_scalar
    env.globals.update(
        DIMENSIONS=DIMENSIONS,
        DIMENSION_LABEL=DIMENSION_LABEL,
        DIMENSION_HELP=DIMENSION_HELP,
        SEVERITIES=SEVERITIES,
        readability_label=readability_label,
        tone_label=tone_label,
        band=band,
    )
    return env


@lru_cache(maxsize=8)
def asset(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


def script_tag(name: str) -> tuple[Markup, str]:
    """An inline script from the templates folder and its CSP hash source."""
    source = asset(name)
    if "</" in source:
        raise ValueError(f"{name} must not contain '</'")  # it would end the script element
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
        if dim in DIMENSIONS:
            mask |= 1 << DIMENSIONS.index(dim)
    return mask


def mask_css() -> str:
    """Stripes under a highlight, one per dimension it carries; tint of the first one."""
    rules = []
    for mask in range(1, 1 << len(DIMENSIONS)):
        dims = [d for i, d in enumerate(DIMENSIONS) if mask & (1 << i)]
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
        d: [(i, f) for i, f in enumerate(findings) if f.dimension.value == d] for d in DIMENSIONS
    }
    counts = {
        "dimension": {d: len(grouped[d]) for d in DIMENSIONS},
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
        sourcing_raw=_plain(profile) if profile is not None else None,
        extra=_plain(extra),
        figures={n: _plain(d.figures) for n, d in report.dimensions.items() if d.figures},
        mask=lambda indices: dimension_mask(findings, indices),
        inquote=lambda indices: all(findings[i].in_quote for i in indices),
        dims_of=lambda indices: ", ".join(
            dict.fromkeys(DIMENSION_LABEL[findings[i].dimension.value] for i in indices)
        ),
        mask_css=Markup(mask_css()),
        css=Markup(asset("base.css")),
        script=script,
        csp=csp(script_hash),
    )
    return page


__all__ = ["Block", "Segment", "blocks", "render"]
