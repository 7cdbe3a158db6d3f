"""The corpus report: what is wrong with a *collection* of articles, where, and when.

    >>> figures = copydesk.summarize("audits.jsonl", by="outlet", over="date")
    >>> html = copydesk.corpus.render_html(figures)

``summarize`` reads audits (``copydesk audit --format jsonl`` output, or reports in
memory) into the article and finding tables of :mod:`copydesk.report.tables` and
computes the figures: score distributions per dimension, the groups side by side with
95% confidence intervals, the rules and loaded terms that cost the most points, the
sourcing profile, the articles that need an editor first, and the trend over time.
``render_html`` draws them as one self-contained page (inline SVG, no script, no
network; copydesk.report.corpus_html). No pandas: the figures are plain Python, so the
core install can build the page. docs/corpus.md describes each figure.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from statistics import mean, median, stdev
from typing import Any

from copydesk.dimensions import NAMES
from copydesk.report.tables import article_row, audits_of, finding_rows

TOP_RULES = 12
TOP_TERMS = 12
NEEDS_EDITOR = 15
MAX_GROUPS = 12
NO_GROUP = "(none)"

# Two-sided 95% quantiles of Student's t for 1..30 degrees of freedom; 1.96 beyond.
_T95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t95(df: int) -> float:
    if df < 1:
        return math.nan
    if df <= len(_T95):
        return _T95[df - 1]
    if df <= 60:
        return 2.000 + (2.042 - 2.000) * (60 - df) / 30
    if df <= 120:
        return 1.980 + (2.000 - 1.980) * (120 - df) / 60
    return 1.96


def _r(value: float | None, digits: int = 2) -> float | None:
    return None if value is None or math.isnan(value) else round(value, digits)


def stats(values: list[float]) -> dict[str, Any]:
    """n, mean, median, standard deviation, min, max and the mean's 95% confidence
    interval (Student's t; none for fewer than two values)."""
    if not values:
        return {
            "n": 0,
            "mean": None,
            "median": None,
            "sd": None,
            "min": None,
            "max": None,
            "ci95_low": None,
            "ci95_high": None,
        }
    m = mean(values)
    sd = stdev(values) if len(values) > 1 else None
    half = t95(len(values) - 1) * sd / math.sqrt(len(values)) if sd is not None else None
    return {
        "n": len(values),
        "mean": _r(m),
        "median": _r(median(values)),
        "sd": _r(sd),
        "min": _r(min(values)),
        "max": _r(max(values)),
        "ci95_low": _r(max(0.0, m - half)) if half is not None else None,
        "ci95_high": _r(min(100.0, m + half)) if half is not None else None,
    }


def histogram(values: Iterable[float], bins: int = 10) -> list[int]:
    """Counts in ``bins`` equal bins over 0-100; 100 falls in the last one."""
    counts = [0] * bins
    for v in values:
        counts[min(bins - 1, max(0, int(v * bins // 100)))] += 1
    return counts


_DATE = re.compile(r"^\s*(\d{4})-(\d{2})(?:-(\d{2}))?")


def period_of(value: Any, unit: str) -> str | None:
    """``value`` (an ISO date or date-time, as text) as its day, month or year."""
    if not isinstance(value, str):
        if hasattr(value, "isoformat"):  # a date or a pandas Timestamp
            value = value.isoformat()
        else:
            return None
    match = _DATE.match(value)
    if not match:
        return None
    year, month, day = match.group(1), match.group(2), match.group(3) or "01"
    if not ("01" <= month <= "12"):
        return None
    return {"day": f"{year}-{month}-{day}", "month": f"{year}-{month}", "year": year}[unit]


def _unit_for(days: list[str]) -> str:
    if not days:
        return "month"
    first, last = min(days), max(days)
    y0, m0 = int(first[:4]), int(first[5:7])
    y1, m1 = int(last[:4]), int(last[5:7])
    months = (y1 - y0) * 12 + (m1 - m0)
    if months <= 1:
        return "day"
    if months <= 36:
        return "month"
    return "year"


def _term(excerpt: str) -> str:
    return " ".join(excerpt.lower().split())


class Corpus:
    """Article rows and finding totals, added one article at a time (a batch's index page
    is built this way, as the reports are written)."""

    def __init__(self) -> None:
        self.rows: list[dict[str, Any]] = []
        # rule id -> [points, findings, articles, dimension]
        self.rules: dict[str, list[Any]] = {}
        self.terms: dict[str, list[Any]] = {}

    def add(
        self, row: Mapping[str, Any], findings: Iterable[Mapping[str, Any]], link: str | None = None
    ) -> None:
        kept = dict(row)
        kept["link"] = link
        self.rows.append(kept)
        seen_rules: set[str] = set()
        seen_terms: set[str] = set()
        for f in findings:
            if f.get("in_quote"):
                continue  # the speaker's words: no cost, not the outlet's habit
            entry = self.rules.setdefault(f["rule_id"], [0.0, 0, 0, f["dimension"]])
            entry[0] += f["points"]
            entry[1] += 1
            if f["rule_id"] not in seen_rules:
                entry[2] += 1
                seen_rules.add(f["rule_id"])
            if f["dimension"] == "loaded_language":
                term = _term(f["excerpt"])
                t = self.terms.setdefault(term, [0.0, 0, 0, ""])
                t[0] += f["points"]
                t[1] += 1
                if term not in seen_terms:
                    t[2] += 1
                    seen_terms.add(term)

    # ------------------------------------------------------------------ figures

    def figures(self, *, by: str | None = None, over: str | None = None) -> dict[str, Any]:
        scored = [r for r in self.rows if r.get("error") is None and r.get("score") is not None]
        errors = sum(1 for r in self.rows if r.get("error") is not None)
        out: dict[str, Any] = {
            "articles": len(scored),
            "records": len(self.rows),
            "errors": errors,
            "not_assessed": len(self.rows) - len(scored) - errors,
            "by": by,
            "over": over,
            "dimensions": list(NAMES),
        }
        out["score"] = {
            **stats([r["score"] for r in scored]),
            "histogram": histogram(r["score"] for r in scored),
        }
        out["dimension_scores"] = {}
        for name in NAMES:
            values = [r[name] for r in scored if r.get(name) is not None]
            out["dimension_scores"][name] = {**stats(values), "histogram": histogram(values)}
        out["rules"] = [
            {"rule_id": rule, "dimension": dim, "points": round(points, 2), "findings": n, "articles": arts}
            for rule, (points, n, arts, dim) in sorted(
                self.rules.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0])
            )
        ][:TOP_RULES]
        out["terms"] = [
            {"term": term, "points": round(points, 2), "findings": n, "articles": arts}
            for term, (points, n, arts, _) in sorted(
                self.terms.items(), key=lambda kv: (-kv[1][0], -kv[1][1], kv[0])
            )
        ][:TOP_TERMS]
        out["sourcing"] = _sourcing(scored)
        worst = sorted(scored, key=lambda r: (r["score"], str(r.get("id"))))[:NEEDS_EDITOR]
        out["needs_editor"] = [
            {
                "id": r.get("id"),
                "headline": r.get("headline_text"),
                "score": r["score"],
                "grade": r.get("grade"),
                "weakest": _weakest(r),
                "group": None if by is None else _group_of(r, by),
                "link": r.get("link"),
            }
            for r in worst
        ]
        if by is not None:
            out["groups"] = _groups(scored, by)
        if over is not None:
            out["trend"] = _trend(scored, over)
        return out


def _weakest(row: Mapping[str, Any]) -> str | None:
    dims = [(row[n], n) for n in NAMES if row.get(n) is not None]
    return min(dims)[1] if dims else None


def _group_of(row: Mapping[str, Any], by: str) -> str:
    value = row.get(by)
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return NO_GROUP
    return str(value)


def _sourcing(rows: list[dict[str, Any]]) -> dict[str, Any]:
    with_claims = [r for r in rows if r.get("claims") is not None]
    claims = sum(r["claims"] for r in with_claims)
    named = sum(r["claims_named"] for r in with_claims)
    vague = sum(r["claims_vague"] for r in with_claims)
    none = sum(r["claims_unsourced"] for r in with_claims)

    def share(part: int) -> float | None:
        return round(part / claims, 4) if claims else None

    return {
        "articles": len(with_claims),
        "claims": claims,
        "named": named,
        "vague": vague,
        "unsourced": none,
        "named_share": share(named),
        "vague_share": share(vague),
        "unsourced_share": share(none),
        "articles_without_named_source": sum(1 for r in with_claims if r["claims"] and not r["claims_named"]),
    }


def _groups(rows: list[dict[str, Any]], by: str) -> list[dict[str, Any]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        grouped.setdefault(_group_of(r, by), []).append(r)
    order = sorted(grouped, key=lambda g: (-len(grouped[g]), g))
    out = []
    for g in order[:MAX_GROUPS]:
        members = grouped[g]
        entry: dict[str, Any] = {"group": g, "articles": len(members)}
        entry["score"] = stats([r["score"] for r in members])
        entry["dimension_scores"] = {
            name: stats([r[name] for r in members if r.get(name) is not None]) for name in NAMES
        }
        entry["sourcing"] = _sourcing(members)
        out.append(entry)
    if len(order) > MAX_GROUPS:
        rest = [r for g in order[MAX_GROUPS:] for r in grouped[g]]
        out.append(
            {
                "group": f"{len(order) - MAX_GROUPS} other groups",
                "articles": len(rest),
                "other": True,
                "score": stats([r["score"] for r in rest]),
                "dimension_scores": {n: stats([r[n] for r in rest if r.get(n) is not None]) for n in NAMES},
                "sourcing": _sourcing(rest),
            }
        )
    return out


def _trend(rows: list[dict[str, Any]], over: str) -> dict[str, Any]:
    days = [d for r in rows if (d := period_of(r.get(over), "day")) is not None]
    unit = _unit_for(days)
    grouped: dict[str, list[float]] = {}
    undated = 0
    for r in rows:
        p = period_of(r.get(over), unit)
        if p is None:
            undated += 1
        else:
            grouped.setdefault(p, []).append(r["score"])
    return {
        "unit": unit,
        "undated": undated,
        "periods": [{"period": p, **stats(grouped[p])} for p in sorted(grouped)],
    }


# ------------------------------------------------------------------ entry points


def corpus_of(audits: Iterable[Any] | str | Path, link: Callable[[Any], str | None] | None = None) -> Corpus:
    corpus = Corpus()
    for audit in audits_of(audits):
        row = article_row(audit.report, audit.fields)
        corpus.add(row, finding_rows(audit.report), link(row) if link else None)
    return corpus


def _clean(value: Any) -> Any:
    """A DataFrame cell as plain Python: NaN / NA become None, numpy scalars Python ones."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    try:
        if value != value:  # NaN
            return None
    except (TypeError, ValueError):  # pandas.NA refuses comparisons
        return None
    return value


def corpus_of_frames(articles: Any, findings: Any | None, link: Callable[[Any], str | None] | None) -> Corpus:
    """A Corpus from the tables of copydesk.to_frame / audit_frame (pandas DataFrames)."""
    per_article: dict[Any, list[dict[str, Any]]] = {}
    if findings is not None:
        for f in findings.to_dict("records"):
            per_article.setdefault(_clean(f.get("id")), []).append({k: _clean(v) for k, v in f.items()})
    corpus = Corpus()
    for raw in articles.to_dict("records"):
        row = {str(k): _clean(v) for k, v in raw.items()}
        if row.get("id") is not None:
            row["id"] = str(row["id"])
        corpus.add(row, per_article.get(row.get("id"), []), link(row) if link else None)
    return corpus


def summarize(
    audits: Iterable[Any] | str | Path,
    *,
    by: str | None = None,
    over: str | None = None,
    links: str | None = None,
    findings: Any | None = None,
) -> dict[str, Any]:
    """The corpus report's figures (a JSON-ready dict) from audits: a JSONL file as
    ``copydesk audit --format jsonl`` writes it, or reports / records in memory.

    ``by`` names a field to compare groups by (``outlet``: a field of the input records,
    carried in the audits' ``fields``, or a column of the article table); ``over`` a
    date field for the trend. ``links`` is where the per-article HTML reports are, as a
    prefix (``"reports/"``): each article in "needs an editor first" links to
    ``<prefix><id>.html``, named as ``copydesk audit --format html -o DIR`` names them.

    ``audits`` may also be the article table itself (a DataFrame from ``audit_frame`` or
    ``to_frame``), with its finding table as ``findings`` (the costliest rules and terms
    need it).
    """
    link = None
    if links is not None:
        from copydesk.report.tables import report_file_name

        def link(row: Mapping[str, Any]) -> str:
            return links + report_file_name(row.get("id"), row.get("source"), 0, "html")

    if hasattr(audits, "columns") and hasattr(audits, "to_dict"):  # a pandas DataFrame
        return corpus_of_frames(audits, findings, link).figures(by=by, over=over)
    return corpus_of(audits, link).figures(by=by, over=over)


def render_html(figures: Mapping[str, Any], *, title: str = "Corpus report") -> str:
    """The figures as one self-contained HTML page."""
    from copydesk.report.corpus_html import render

    return render(figures, title=title)


__all__ = ["Corpus", "corpus_of", "histogram", "period_of", "render_html", "stats", "summarize", "t95"]
