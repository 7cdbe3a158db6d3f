"""Report figures made readable: labels, number formats and the sourcing profile's view.

Shared by the HTML and Markdown renderers and the worksheet, so a figure reads the same
wherever it is shown. Nothing here renders a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from copydesk.report.models import AuditReport


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
        other={k: v for k, v in profile.items() if k not in _SOURCING_KEYS and is_scalar(v)},
    )


def plain(value: Any) -> Any:
    """Figures for display: floats rounded, models as dicts."""
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    if isinstance(value, float):
        return round(value, 3)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    return value


def humanise(key: str) -> str:
    return key.replace("_", " ").strip().capitalize()


def is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def fmt(value: Any) -> str:
    if value is None:
        return "n/a"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 1 else f"{value:.1f}"
    return str(value)


def signed(value: float | None) -> str:
    return "n/a" if value is None else f"{value:+.2f}".replace("-", "\u2212")


def pct(value: float | None) -> str:
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
    if not url.lower().startswith(("http://", "https://")) or any(c.isspace() or c in "<>\"'`" for c in url):
        return None
    return url


def band(score: float | None) -> str:
    if score is None:
        return "band-none"
    return "band-good" if score >= 80 else "band-fair" if score >= 60 else "band-poor"


def score_explained(report: AuditReport) -> str | None:
    """How the overall score comes from the dimension scores, in one sentence.

    With the default (equal) weights the sum is shown; with weights from a configuration
    it is named a weighted mean (the weights are not in the report).
    """
    from copydesk.dimensions import SPECS

    if report.score is None:
        return None
    scored = [(name, d.score) for name, d in report.dimensions.items() if d.assessed and d.score is not None]
    if not scored:
        return None
    grades = "A 90 or more, B 80, C 70, D 60, F below 60"
    mean = sum(s for _, s in scored) / len(scored)
    if len(scored) == 1:
        ((name, _),) = scored
        label = SPECS[name].label if name in SPECS else name
        how = f"The overall score is the {label} score, the only dimension assessed"
    elif abs(mean - report.score) < 0.05:
        terms = " + ".join(_one_decimal(s) for _, s in scored)
        how = (
            f"The overall score is the mean of the {len(scored)} dimension scores: "
            f"({terms}) / {len(scored)} = {_one_decimal(report.score)}"
        )
    else:
        how = (
            f"The overall score is the weighted mean of the {len(scored)} dimension scores "
            "(weights from the configuration)"
        )
    return f"{how}. Each dimension starts at 100 and loses the points its findings cost. Grades: {grades}."


def _one_decimal(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


# ------------------------------------------------------------------ figures in words

# A reader of the report wants what the numbers say about the article, not the numbers'
# internal names ("Typical section similarity 0.336"). Each known figure becomes a
# sentence; a figure this table does not know (a custom check's) is shown as it is.


def _pct(value: Any) -> str:
    return f"{round(float(value) * 100)}%"


def _quoted(words: Any, limit: int = 8) -> str:
    items = [str(w) for w in (words or [])][:limit]
    return ", ".join(f"“{w}”" for w in items)


def _headline_words(figs: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if figs.get("support") is not None:
        out.append(
            f"The body repeats or supports {_pct(figs['support'])} of what the headline says "
            "(weighted by how telling each headline word is)."
        )
    if figs.get("missing_terms"):
        out.append(f"Headline words the body never uses: {_quoted(figs['missing_terms'])}.")
    evidence = figs.get("evidence") or []
    if evidence:
        best = evidence[0]
        out.append(f"The sentence that bears the headline out best: “{best.get('text', '')}”")
    tones = [figs.get(k) for k in ("headline_tone", "body_tone")]
    if None not in tones:
        out.append(
            f"Tone: the headline reads {tone_label(tones[0])} ({tones[0]:+.2f}), the body "
            f"{tone_label(tones[1])} on average ({tones[1]:+.2f}), on VADER's scale from −1 to +1."
        )
    for h in figs.get("headings") or []:
        drift = h.get("drift_share") or 0
        tail = f"; {_pct(drift)} of it strays from the heading" if drift else ""
        out.append(
            f"Under “{h.get('heading', '')}”, the text supports "
            f"{_pct(h.get('support', 0))} of the heading{tail}."
        )
    return out


def _focus_words(figs: dict[str, Any]) -> list[str]:
    out: list[str] = []
    if figs.get("topic_words"):
        out.append(f"What the article is about, by its most telling words: {_quoted(figs['topic_words'])}.")
    if figs.get("topic_names"):
        out.append(f"The names and places it keeps returning to: {_quoted(figs['topic_names'])}.")
    parts = [
        (key, label)
        for key, label in (
            ("typical_similarity", "a typical paragraph"),
            ("typical_sentence_similarity", "a typical sentence"),
            ("typical_section_similarity", "a typical section"),
        )
        if figs.get(key) is not None
    ]
    if parts:
        said = ", ".join(f"{label} {_pct(figs[key])}" for key, label in parts)
        out.append(
            f"How much each part shares with the rest of the article ({said}): a part far below "
            "these is the one that may have strayed."
        )
    return out


def _attribution_words(figs: dict[str, Any]) -> list[str]:
    if figs.get("claims") is None:
        return []
    return [
        f"{figs['claims']} claims: {figs.get('claims_named', 0)} with a named source, "
        f"{figs.get('claims_vague', 0)} with a vague one, {figs.get('claims_unsourced', 0)} with none."
    ]


_KNOWN: dict[str, tuple[Any, frozenset[str]]] = {
    "headline": (
        _headline_words,
        frozenset(
            {
                "support",
                "missing_terms",
                "evidence",
                "headline_tone",
                "body_tone",
                "body_peak_tone",
                "headings",
            }
        ),
    ),
    "focus": (
        _focus_words,
        frozenset(
            {
                "topic_words",
                "topic_names",
                "typical_similarity",
                "typical_sentence_similarity",
                "typical_section_similarity",
            }
        ),
    ),
    "attribution": (
        _attribution_words,
        frozenset({"claims", "claims_named", "claims_vague", "claims_unsourced", "named_share"}),
    ),
}


def in_words(dimension: str, figs: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """(sentences a reader can use, the figures left over to show as they are)."""
    known = _KNOWN.get(dimension)
    if known is None:
        return [], figs
    writer, keys = known
    return writer(figs), {k: v for k, v in figs.items() if k not in keys}
