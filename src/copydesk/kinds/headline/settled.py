"""The reverse case of ``headline`` / ``contested``: a headline that settles a dispute the body leaves open.

A headline that states a denial or a debunking as fact in the outlet's own voice ("No,
the mayor did not sell the clock", "Town hall clock sale was a hoax": ``settled_patterns``)
claims the story shows the claim false. When no body sentence bears that out (no
disputing cue of the rule's ``terms`` / ``patterns`` and no denial or negation of
``settled_support`` with ``settled_threshold`` of the headline's weight near it) while the
body does carry the headline's subject (a sentence with ``settled_min_share`` of its
weight), the story reports the claim and never refutes it: the headline has settled what
the body leaves open. A headline that attributes the denial ("X denies", "..., police
say", "Report: ...") or hedges it (``settled_hedges``, a question mark) states nothing as
settled and passes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from copydesk.analysis.headline.tokens import Tokens, tokens

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

# "Report: ...", "Police: ...": a source before a colon attributes what follows; one
# quoted run ("'was a fake'", "“not fake”") is the speaker's words, not the outlet's.
_ATTRIBUTED_LEAD = re.compile(r"^\s*[\w'’.\- ]{2,40}:\s")
_QUOTED = re.compile(r"[\"“”‘]|(?<!\w)'(?=\w)")


def settles(checker: Any, rule: Any, ctx: Context, head: Tokens, text: str) -> bool:
    """Whether the headline states a denial or a debunking as settled fact."""
    compiled = checker.patterns(rule, "settled_patterns")
    if compiled is None or "?" in text:
        return False
    try:
        if compiled.search(text, 0.05) is None:
            return False
    except TimeoutError:
        return False
    if _ATTRIBUTED_LEAD.search(text) and not re.match(r"^\s*(?:no|nope|sorry)\b", text, re.I):
        return False
    if _QUOTED.search(text):
        return False
    return not checker.phrases(rule, "settled_hedges").find(head.stems)


def open_dispute(
    checker: Any,
    rule: Any,
    ctx: Context,
    order: list[int],
    shares: dict[int, float],
    weights: dict[str, float],
    total: float,
) -> list[tuple[int, int, int, float]]:
    """The body sentences that report the headline's claim, when none bears out its denial."""
    if not order or max(shares[i] for i in order) < rule.settled_min_share - 1e-9:
        return []  # the body is about something else: the mismatch check's concern
    for which in ("terms", "settled_support"):
        if checker.near_cues(rule, ctx, order, shares, weights, total, rule.settled_threshold, which):
            return []
    if checker.self_disputes(rule, ctx, order):
        return []
    doc = ctx.doc
    anywhere = checker.phrases(rule, "settled_anywhere")
    if anywhere.by_first:
        # A story that calls the claim a myth or untrue anywhere bears its denial out,
        # however far from the headline's words it says so.
        for i in order:
            s = doc.sentences[i]
            if anywhere.find(tokens(ctx, s.start, s.end).stems):
                return []
    best = sorted(order, key=lambda i: -shares[i])[:3]
    return [(i, doc.sentences[i].start, doc.sentences[i].end, shares[i]) for i in best]
