"""The figures the report publishes about sourcing, computed from the analysis result.

:func:`sourcing_profile` is the report's ``metrics.sourcing`` (see
``report.models.SourcingProfile``); :func:`attribution_figures` is its summary in the
``attribution`` dimension. Both are plain functions of an :class:`Attribution`: the
engine publishes them whenever the attribution dimension is assessed.

``claims_unsourced`` and ``unsourced_claims`` count every claim sentence with no
source, including the narration and background that are no findings: only the
claims that need a source (``SentenceAttribution.needs_source``) are reported by
``attribution.unsourced_claim``.
"""

from __future__ import annotations

from typing import Any

from copydesk.analysis.attribution.grammar import DETERMINERS
from copydesk.analysis.attribution.results import Attribution


def sourcing_profile(result: Attribution) -> dict[str, Any]:
    """The sourcing profile of the report (plain data; see report.models.SourcingProfile)."""
    claims = [s for s in result.sentences if s.claim]
    named: dict[str, dict[str, Any]] = {}
    for s in claims:
        if s.source != "named" or s.named is None:
            continue
        key = _source_key(s.named.text)
        entry = named.get(key)
        if entry is None:
            entry = named[key] = {
                "name": s.named.text,
                "span": {"start": s.named.start, "end": s.named.end},
                "category": s.named.category,
                "claims": 0,
            }
        entry["claims"] += 1
    vague: list[dict[str, Any]] = []
    seen: set[tuple[int, int]] = set()
    for s in result.sentences:
        for v in s.vague:
            if (v.start, v.end) not in seen:
                seen.add((v.start, v.end))
                span = {"start": v.start, "end": v.end}
                vague.append({"text": v.text, "span": span, "category": v.category})
    unsourced = [{"start": s.start, "end": s.end} for s in claims if s.source == "none"]
    n_named = sum(1 for s in claims if s.source == "named")
    n_vague = sum(1 for s in claims if s.source == "vague")
    return {
        "claims": len(claims),
        "claims_named": n_named,
        "claims_vague": n_vague,
        "claims_unsourced": len(unsourced),
        "named_share": round(n_named / len(claims), 3) if claims else None,
        "named_sources": sorted(named.values(), key=lambda e: e["span"]["start"]),
        "vague_sources": vague,
        "unsourced_claims": unsourced,
        "direct_quotes": result.quotes,
        "quoted_share": round(result.quoted_chars / result.body_chars, 3) if result.body_chars else 0.0,
    }


def attribution_figures(profile: dict[str, Any]) -> dict[str, Any]:
    """The ``attribution`` dimension's figures: the claim counts of a sourcing profile."""
    return {
        "claims": profile["claims"],
        "claims_named": profile["claims_named"],
        "claims_vague": profile["claims_vague"],
        "claims_unsourced": profile["claims_unsourced"],
        "named_share": profile["named_share"],
    }


def _source_key(text: str) -> str:
    words = text.lower().split()
    while words and words[0] in DETERMINERS:
        words = words[1:]
    return " ".join(words)
