"""One problem, one finding: hits that describe the same words are merged before costing.

Each rule kind sees the text on its own, so one loaded phrase can draw several hits:
"has sparked widespread criticism" is a dramatised reaction ("sparked"), an intensifier
("widespread") and an unnamed reaction, all at once. An editor marks it once; charging
it three times makes one phrase outweigh a paragraph of problems, and the reader sees
three cards for one fix. So, of hits that are one problem, the costliest is kept and
the others travel with it as ``evidence["also"]`` (rule, span, excerpt), costing nothing.

What counts as one problem:

- loaded-language hits next to each other in one phrase (only spaces, a comma or
  "and"/"or" between them): "sparked widespread", "brutal, senseless";
- a reaction with nobody named (attribution) that holds a loaded word: the loaded word
  is the problem the editor marks ("sparked outrage"), the missing name is evidence;
  a reaction in neutral words ("drew criticism") stays an attribution finding;
- two hits of different dimensions on exactly the same words;
- a source's anonymity clause inside the vague source it belongs to ("two officials
  who spoke on condition of anonymity said"): one unnamed source, charged once as
  the vague source, the anonymity note its evidence.

Hits in different places, a headline check over a loaded headline word, and a finding
inside a quotation next to one outside it are separate problems and stay apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from copydesk.dimensions import Dimension
from copydesk.kinds.registry import Hit

# Between two loaded words of one phrase: spaces, a comma, a coordinating "and"/"or".
_SAME_PHRASE = re.compile(r"[ \t]*,?[ \t]*(?:(?:and|or)[ \t]+)?", re.IGNORECASE)
_REACTION = "attribution.reaction"
_REACTION_VERB = "loaded.reaction"
_VAGUE_SOURCE, _ANONYMOUS = "vague source", "anonymous source"


class _Draft(Protocol):
    hit: Hit
    in_quote: bool


D = TypeVar("D", bound=_Draft)


def one_problem_one_finding(drafts: Sequence[D], text: str, cost: Callable[[Hit], float]) -> list[D]:
    """``drafts`` sorted by position; returns the kept ones, sorted by position."""
    absorbed: set[int] = set()
    # Each group with the dimension whose finding is kept whatever the costs (None: the costliest).
    phrases = _same_phrase(drafts, text)
    groups: list[tuple[list[D], Dimension | None]] = [(g, None) for g in phrases]
    groups += _loaded_reactions(drafts, text)
    groups += [(g, None) for g in _same_words(drafts)]
    groups += [(g, None) for g in _anonymity_in_source(drafts)]
    for n, (group, preferred) in enumerate(groups):
        live = [d for d in group if id(d) not in absorbed]
        if len(live) < 2:
            continue
        keep = max(live, key=lambda d: (d.hit.rule.dimension is preferred, cost(d.hit), -d.hit.start))
        if n < len(phrases):
            # The finding covers the whole loaded phrase, as an editor marks it.
            keep.hit.start = min(d.hit.start for d in live)
            keep.hit.end = max(d.hit.end for d in live)
        also = keep.hit.evidence.setdefault("also", [])
        for d in live:
            if d is keep:
                continue
            absorbed.add(id(d))
            also.append(_note(d.hit, text))
            also.extend(d.hit.evidence.get("also", []))
    kept = [d for d in drafts if id(d) not in absorbed]
    # A phrase finding grew to cover its words, which can move it before a neighbour.
    kept.sort(key=lambda d: (d.hit.start, d.hit.end, d.hit.rule.id))
    return kept


def _note(hit: Hit, text: str) -> dict[str, Any]:
    return {
        "rule_id": hit.rule.id,
        "dimension": hit.rule.dimension.value,
        "start": hit.start,
        "end": hit.end,
        "excerpt": text[hit.start : hit.end],
    }


def _loaded(d: _Draft) -> bool:
    return d.hit.rule.dimension is Dimension.loaded_language


def _same_phrase(drafts: Sequence[D], text: str) -> list[list[D]]:
    loaded = sorted((d for d in drafts if _loaded(d)), key=lambda d: (d.hit.start, d.hit.end))
    groups: list[list[D]] = []
    for d in loaded:
        last = groups[-1][-1] if groups else None
        if (
            last is not None
            and last.in_quote == d.in_quote
            and last.hit.end <= d.hit.start
            and _SAME_PHRASE.fullmatch(text, last.hit.end, d.hit.start)
        ):
            groups[-1].append(d)
        else:
            groups.append([d])
    return [g for g in groups if len(g) > 1]


def _loaded_reactions(drafts: Sequence[D], text: str) -> list[tuple[list[D], Dimension | None]]:
    """Reactions with nobody named, each with the loaded hits inside it.

    Which finding stays depends on where the heat is. A loaded word that qualifies or
    names the reaction ("widespread criticism", "fierce", "outrage") is what an editor
    marks as loaded, so it is kept whatever the costs. A dramatising verb phrase that is
    the reaction itself ("sparked fears", "sparked") with a neutral noun is an unnamed
    reaction: the attribution finding stays, and the costlier of the two otherwise.
    """
    loaded = [d for d in drafts if _loaded(d)]
    groups: list[tuple[list[D], Dimension | None]] = []
    for r in drafts:
        if r.hit.rule.id != _REACTION and not r.hit.rule.id.startswith(_REACTION + "."):
            continue
        inside = [
            d
            for d in loaded
            if d.in_quote == r.in_quote and d.hit.start < r.hit.end and r.hit.start < d.hit.end
        ]
        if not inside:
            continue
        last_word = text[r.hit.start : r.hit.end].split()[-1].lower()
        heat = any(
            not d.hit.rule.id.startswith(_REACTION_VERB)
            or text[d.hit.start : d.hit.end].strip().lower() == last_word
            for d in inside
        )
        groups.append(([*inside, r], Dimension.loaded_language if heat else Dimension.attribution))
    return groups


def _category(d: _Draft) -> str | None:
    return d.hit.category or getattr(d.hit.rule, "category", None)


def _anonymity_in_source(drafts: Sequence[D]) -> list[list[D]]:
    sources = [d for d in drafts if _category(d) == _VAGUE_SOURCE]
    groups: list[list[D]] = []
    for d in drafts:
        if _category(d) != _ANONYMOUS:
            continue
        for src in sources:
            if src.hit.start <= d.hit.start and d.hit.end <= src.hit.end and src.in_quote == d.in_quote:
                groups.append([src, d])
                break
    return groups


def _same_words(drafts: Sequence[D]) -> list[list[D]]:
    by_span: dict[tuple[int, int, bool], list[D]] = {}
    for d in drafts:
        by_span.setdefault((d.hit.start, d.hit.end, d.in_quote), []).append(d)
    return [g for g in by_span.values() if len({d.hit.rule.dimension for d in g}) > 1]
