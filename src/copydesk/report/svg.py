"""Charts as inline SVG, written at build time: no library, no script, no network.

Four kinds cover the corpus report: a histogram, dots with confidence-interval whiskers,
horizontal bars (labels above the bars, so a narrow screen keeps them legible) and a
line with a confidence band. Every chart is a ``Markup`` string: labels pass through
markupsafe's ``escape`` (text and attributes alike) and every number is formatted
here, so nothing from an article or a rule pack reaches the markup unescaped. Each chart
carries ``role="img"``, a ``<title>`` and an ``aria-label``; the page puts the same
figures in a table next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from markupsafe import Markup, escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
INK, MUTED, GRID = "#1b1b1b", "#4a4f57", "#d5d9de"


def _n(value: float) -> str:
    """A coordinate: rounded, never text from a report."""
    return f"{float(value):.1f}".rstrip("0").rstrip(".")


def _svg(width: float, height: float, title: str, body: list[str]) -> Markup:
    label = escape(title)
    head = (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="{_n(width)}" height="{_n(height)}" role="img" aria-label="{label}" '
        f'font-family="{FONT}" font-size="12"><title>{label}</title>'
    )
    return Markup(head + "".join(body) + "</svg>")


def _text(
    x: float,
    y: float,
    text: str,
    *,
    anchor: str = "start",
    fill: str = INK,
    size: int = 12,
    weight: str = "normal",
) -> str:
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" fill="{fill}" font-size="{size}"'
        f"{' font-weight=' + chr(34) + weight + chr(34) if weight != 'normal' else ''}>{escape(text)}</text>"
    )


def _colour(value: str) -> str:
    """Only #rrggbb reaches a fill attribute."""
    ok = len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    return value if ok else INK


def histogram(
    counts: Sequence[int],
    *,
    title: str,
    colour: str,
    low: float = 0,
    high: float = 100,
    mean: float | None = None,
    width: float = 340,
    height: float = 150,
) -> Markup:
    """Bars of equal-width bins from ``low`` to ``high``; a dashed line at ``mean``."""
    left, right, top, bottom = 30, 14, 20, 24
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max(counts) if counts and max(counts) > 0 else 1
    bins = max(1, len(counts))
    step = plot_w / bins
    body = [
        f'<line x1="{left}" y1="{_n(top + plot_h)}" x2="{_n(left + plot_w)}" y2="{_n(top + plot_h)}" '
        f'stroke="{MUTED}"/>'
    ]
    body.append(_text(left - 4, top + 4, f"{peak:,}", anchor="end", fill=MUTED, size=10))
    body.append(_text(left - 4, top + plot_h, "0", anchor="end", fill=MUTED, size=10))
    for i, count in enumerate(counts):
        h = plot_h * count / peak
        x = left + i * step
        body.append(
            f'<rect x="{_n(x + 1)}" y="{_n(top + plot_h - h)}" width="{_n(max(step - 2, 1))}" '
            f'height="{_n(h)}" fill="{_colour(colour)}"><title>{escape(_bin_label(i, bins, low, high))}: '
            f"{count:,}</title></rect>"
        )
    for k in range(0, bins + 1, max(1, bins // 5)):
        value = low + (high - low) * k / bins
        body.append(_text(left + k * step, height - 8, f"{value:g}", anchor="middle", fill=MUTED, size=10))
    if mean is not None:
        x = left + plot_w * (min(max(mean, low), high) - low) / (high - low)
        body.append(
            f'<line x1="{_n(x)}" y1="{top}" x2="{_n(x)}" y2="{_n(top + plot_h)}" stroke="{INK}" '
            'stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        anchor = "end" if x > left + plot_w * 0.8 else "start"
        body.append(
            _text(x + (-4 if anchor == "end" else 4), top - 6, f"mean {mean:.1f}", anchor=anchor, size=10)
        )
    return _svg(width, height, title, body)


def _bin_label(i: int, bins: int, low: float, high: float) -> str:
    a = low + (high - low) * i / bins
    b = low + (high - low) * (i + 1) / bins
    return f"{a:g} to {b:g}"


class Interval(NamedTuple):
    label: str
    value: float | None
    low: float | None
    high: float | None
    note: str = ""  # e.g. "n = 12"


def intervals(
    rows: Sequence[Interval],
    *,
    title: str,
    colour: str,
    low: float = 0,
    high: float = 100,
    width: float = 340,
) -> Markup:
    """One row per group: its label and note above, a dot at the value and a whisker
    from ``low`` to ``high`` (the confidence interval) on a shared axis."""
    left, right, top, row_h = 8, 12, 8, 34
    plot_w = width - left - right
    height = top + row_h * len(rows) + 22

    def x_of(v: float) -> float:
        return left + plot_w * (min(max(v, low), high) - low) / (high - low)

    body = []
    for k in range(0, 5):
        value = low + (high - low) * k / 4
        x = x_of(value)
        body.append(f'<line x1="{_n(x)}" y1="{top}" x2="{_n(x)}" y2="{_n(height - 20)}" stroke="{GRID}"/>')
        body.append(_text(x, height - 6, f"{value:g}", anchor="middle", fill=MUTED, size=10))
    for i, row in enumerate(rows):
        y = top + i * row_h
        body.append(_text(left, y + 11, row.label, size=11, weight="600"))
        if row.note:
            body.append(_text(width - right, y + 11, row.note, anchor="end", fill=MUTED, size=10))
        cy = y + 23
        if row.low is not None and row.high is not None:
            body.append(
                f'<line x1="{_n(x_of(row.low))}" y1="{_n(cy)}" x2="{_n(x_of(row.high))}" y2="{_n(cy)}" '
                f'stroke="{_colour(colour)}" stroke-width="2.5"/>'
            )
        if row.value is not None:
            ci = (
                f" (95% CI {row.low:.1f} to {row.high:.1f})"
                if row.low is not None and row.high is not None
                else ""
            )
            body.append(
                f'<circle cx="{_n(x_of(row.value))}" cy="{_n(cy)}" r="5" fill="{_colour(colour)}" '
                f'stroke="#fff" stroke-width="1.5"><title>{escape(row.label)}: {row.value:.1f}{ci}'
                "</title></circle>"
            )
    return _svg(width, height, title, body)


class Bar(NamedTuple):
    label: str
    value: float
    note: str = ""  # right of the label, e.g. "12 findings in 5 articles"
    colour: str = INK


def bars(rows: Sequence[Bar], *, title: str, unit: str = "", width: float = 340) -> Markup:
    """Horizontal bars, longest first as given; the label and note sit above each bar."""
    top, row_h, right = 4, 32, 48
    height = top + row_h * len(rows) + 4
    peak = max((r.value for r in rows), default=0) or 1
    body = []
    for i, row in enumerate(rows):
        y = top + i * row_h
        body.append(_text(0, y + 11, row.label, size=11, weight="600"))
        if row.note:
            body.append(_text(width, y + 11, row.note, anchor="end", fill=MUTED, size=10))
        w = max(1.0, (width - right) * row.value / peak)
        body.append(
            f'<rect x="0" y="{_n(y + 15)}" width="{_n(w)}" height="11" rx="2" fill="{_colour(row.colour)}"/>'
        )
        body.append(_text(w + 4, y + 25, f"{row.value:,.1f}{unit}", fill=MUTED, size=10))
    return _svg(width, height, title, body)


class Stack(NamedTuple):
    label: str
    parts: tuple[float, ...]  # shares that add up to 1 (or all 0)
    note: str = ""


def stacks(rows: Sequence[Stack], *, title: str, colours: Sequence[str], width: float = 340) -> Markup:
    """100% stacked bars, one per row, parts in the order of ``colours``."""
    top, row_h = 4, 34
    height = top + row_h * len(rows) + 4
    body = []
    for i, row in enumerate(rows):
        y = top + i * row_h
        body.append(_text(0, y + 11, row.label, size=11, weight="600"))
        if row.note:
            body.append(_text(width, y + 11, row.note, anchor="end", fill=MUTED, size=10))
        x = 0.0
        for share, colour in zip(row.parts, colours, strict=False):
            w = width * max(0.0, min(1.0, share))
            if w > 0:
                body.append(
                    f'<rect x="{_n(x)}" y="{_n(y + 16)}" width="{_n(w)}" height="13" '
                    f'fill="{_colour(colour)}"><title>{100 * share:.0f}%</title></rect>'
                )
                if w > 30:
                    body.append(
                        _text(
                            x + w / 2,
                            y + 26.5,
                            f"{100 * share:.0f}%",
                            anchor="middle",
                            fill="#fff",
                            size=10,
                            weight="600",
                        )
                    )
            x += w
    return _svg(width, height, title, body)


class Point(NamedTuple):
    label: str
    value: float | None
    low: float | None
    high: float | None
    note: str = ""


def line(
    points: Sequence[Point],
    *,
    title: str,
    colour: str,
    low: float = 0,
    high: float = 100,
    width: float = 460,
    height: float = 200,
) -> Markup:
    """Values over ordered periods, with the confidence band shaded."""
    left, right, top, bottom = 30, 36, 10, 34
    plot_w, plot_h = width - left - right, height - top - bottom
    n = len(points)

    def x_of(i: int) -> float:
        return left + (plot_w / 2 if n == 1 else plot_w * i / (n - 1))

    def y_of(v: float) -> float:
        return top + plot_h * (1 - (min(max(v, low), high) - low) / (high - low))

    body = []
    for k in range(0, 5):
        value = low + (high - low) * k / 4
        y = y_of(value)
        body.append(f'<line x1="{left}" y1="{_n(y)}" x2="{_n(left + plot_w)}" y2="{_n(y)}" stroke="{GRID}"/>')
        body.append(_text(left - 4, y + 3, f"{value:g}", anchor="end", fill=MUTED, size=11))
    band = [(i, p) for i, p in enumerate(points) if p.low is not None and p.high is not None]
    if len(band) > 1:
        upper = " ".join(f"{_n(x_of(i))},{_n(y_of(p.high))}" for i, p in band)  # type: ignore[arg-type]
        lower = " ".join(f"{_n(x_of(i))},{_n(y_of(p.low))}" for i, p in reversed(band))  # type: ignore[arg-type]
        body.append(f'<polygon points="{upper} {lower}" fill="{_colour(colour)}" fill-opacity=".15"/>')
    valued = [(i, p) for i, p in enumerate(points) if p.value is not None]
    if len(valued) > 1:
        path = " ".join(f"{_n(x_of(i))},{_n(y_of(p.value))}" for i, p in valued)  # type: ignore[arg-type]
        body.append(f'<polyline points="{path}" fill="none" stroke="{_colour(colour)}" stroke-width="2"/>')
    for i, p in valued:
        assert p.value is not None
        body.append(
            f'<circle cx="{_n(x_of(i))}" cy="{_n(y_of(p.value))}" r="3.5" fill="{_colour(colour)}">'
            f"<title>{escape(p.label)}: {p.value:.1f}{escape(' (' + p.note + ')' if p.note else '')}"
            "</title></circle>"
        )
    every = max(1, -(-n // 7))  # at most 7 labels on the axis
    for i, p in enumerate(points):
        if i % every == 0:
            body.append(_text(x_of(i), height - 16, p.label, anchor="middle", fill=MUTED, size=11))
            if p.note:
                body.append(_text(x_of(i), height - 4, p.note, anchor="middle", fill=MUTED, size=10))
    return _svg(width, height, title, body)


__all__ = ["Bar", "Interval", "Point", "Stack", "bars", "histogram", "intervals", "line", "stacks"]
