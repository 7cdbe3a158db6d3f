"""The corpus report as one HTML page: the figures of copydesk.corpus drawn as inline SVG.

Self-contained like the article report: the shared stylesheet inline, no script at all
(the Content-Security-Policy says ``script-src 'none'``), no network. Every label from
the audits (ids, headlines, outlets, rule ids, terms) goes through Jinja2 autoescaping
or markupsafe's ``escape`` in copydesk.report.svg. Each chart has its figures in a table
next to it, and the figures as JSON sit in a ``<script type="application/json">`` block
(data, never run) for tools that read the page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

from copydesk import __version__
from copydesk.dimensions import DIMENSIONS, SPECS
from copydesk.report import svg
from copydesk.report.html import csp, environment, stylesheet

OVERALL_COLOUR = "#3b4650"
SOURCING_COLOURS = ("#1e7b34", "#b7791f", "#b42318")  # named, vague, none


def safe_link(link: Any) -> str | None:
    """A relative link to a report, or an http(s) URL; anything else (javascript:) is dropped."""
    if not isinstance(link, str) or not link or any(c.isspace() or c in "<>\"'`\\" for c in link):
        return None
    scheme, colon, _ = link.partition(":")
    if colon and "/" not in scheme:
        return link if scheme.lower() in ("http", "https") else None
    return link


def _label(name: str) -> str:
    return SPECS[name].label if name in SPECS else name


def _interval(label: str, s: Mapping[str, Any]) -> svg.Interval:
    return svg.Interval(label, s.get("mean"), s.get("ci95_low"), s.get("ci95_high"), f"n = {s.get('n', 0):,}")


def charts(figures: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = dict.fromkeys(("groups", "rules", "terms", "sourcing", "trend"))
    score = figures["score"]
    out["histograms"] = [
        (
            "Overall score",
            svg.histogram(
                score["histogram"],
                title="Overall score: articles per 10 points",
                colour=OVERALL_COLOUR,
                mean=score["mean"],
            ),
        )
    ]
    for d in DIMENSIONS:
        s = figures["dimension_scores"].get(d.name)
        if s and s["n"]:
            out["histograms"].append(
                (
                    d.label,
                    svg.histogram(
                        s["histogram"],
                        title=f"{d.label} score: articles per 10 points",
                        colour=d.colour,
                        mean=s["mean"],
                    ),
                )
            )
    groups = figures.get("groups") or []
    if groups:
        panels = [
            (
                "Overall score",
                svg.intervals(
                    [_interval(g["group"], g["score"]) for g in groups],
                    title="Mean overall score per group, 95% confidence interval",
                    colour=OVERALL_COLOUR,
                ),
            )
        ]
        for d in DIMENSIONS:
            rows = [
                _interval(g["group"], g["dimension_scores"][d.name])
                for g in groups
                if g["dimension_scores"][d.name]["n"]
            ]
            if rows:
                panels.append(
                    (
                        d.label,
                        svg.intervals(
                            rows,
                            title=f"Mean {d.label.lower()} score per group, 95% confidence interval",
                            colour=d.colour,
                        ),
                    )
                )
        out["groups"] = panels
    rules = figures.get("rules") or []
    if rules:
        out["rules"] = svg.bars(
            [
                svg.Bar(
                    r["rule_id"],
                    r["points"],
                    f"{r['findings']:,} in {r['articles']:,} articles",
                    SPECS[r["dimension"]].colour if r["dimension"] in SPECS else OVERALL_COLOUR,
                )
                for r in rules
            ],
            title="Rules that cost the most points",
            unit=" pts",
        )
    terms = figures.get("terms") or []
    if terms:
        colour = SPECS["loaded_language"].colour if "loaded_language" in SPECS else OVERALL_COLOUR
        out["terms"] = svg.bars(
            [
                svg.Bar(
                    f"\u201c{t['term']}\u201d",
                    t["points"],
                    f"{t['findings']:,} in {t['articles']:,} articles",
                    colour,
                )
                for t in terms
            ],
            title="Loaded terms that cost the most points",
            unit=" pts",
        )
    src = figures["sourcing"]
    if src["claims"]:
        rows = [_stack("All articles", src)]
        rows += [_stack(g["group"], g["sourcing"]) for g in groups if g["sourcing"]["claims"]]
        out["sourcing"] = svg.stacks(
            rows, title="Claims by sourcing: named, vague, no source", colours=SOURCING_COLOURS, width=340
        )
    trend = figures.get("trend")
    if trend and trend["periods"]:
        out["trend"] = svg.line(
            [
                svg.Point(p["period"], p["mean"], p["ci95_low"], p["ci95_high"], f"n={p['n']}")
                for p in trend["periods"]
            ],
            title=f"Mean overall score per {trend['unit']}, 95% confidence band",
            colour=OVERALL_COLOUR,
        )
    return out


def _stack(label: str, s: Mapping[str, Any]) -> svg.Stack:
    return svg.Stack(
        label,
        (s["named_share"] or 0.0, s["vague_share"] or 0.0, s["unsourced_share"] or 0.0),
        f"{s['claims']:,} claims",
    )


def figures_json(figures: Mapping[str, Any]) -> Markup:
    """The figures for a ``<script type="application/json">`` block: ``<`` escaped, so no
    text in them can close the element."""
    text = json.dumps(figures, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def render(figures: Mapping[str, Any], *, title: str = "Corpus report") -> str:
    return (
        environment()
        .get_template("corpus.html")
        .render(
            f=figures,
            title=title,
            charts=charts(figures),
            label=_label,
            link=safe_link,
            data=figures_json(figures),
            css=Markup(stylesheet()),
            csp=csp("'none'"),
            version=__version__,
            SOURCING_COLOURS=SOURCING_COLOURS,
        )
    )


__all__ = ["charts", "render", "safe_link"]
