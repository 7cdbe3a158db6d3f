"""Check ``headline`` / ``thin_support``: a reaction the body reports with nobody named.

The headline announces a reaction as a noun (``terms``: "backlash", "outrage",
"criticism") that the body reports only through sentences whose reacting party is
unnamed or vague ("widespread criticism", "international leaders"). The reacting party
is read next to the reaction word ("criticism from X", "X condemned"), with the
attribution analysis (copydesk.analysis.attribution) deciding named / vague sources where it
finds one in that place. Sentences about another story (cohesion.py) do not count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from copydesk.analysis.headline import drifted, sentence_cohesion
from copydesk.analysis.headline.support import body_order, clip, sentence_evidence
from copydesk.analysis.headline.tokens import Tokens, phrase_word_stems, tokens
from copydesk.kinds.headline.base import DriftRule, HeadlineCheck, Words, fill
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class ThinSupportRule(DriftRule):
    check: Literal["thin_support"]
    # The claim words in the headline (words or short phrases, matched through inflection).
    terms: Words = Field(default_factory=list, max_length=1000)
    # Body words that report such a reaction.
    support_terms: Words = Field(default_factory=list, max_length=1000)
    # Vague reacting parties ("leaders", "critics", "observers").
    vague_parties: Words = Field(default_factory=list, max_length=1000)
    # Words before a claim word that belong to the claim ("International Backlash",
    # "Global Outrage").
    qualifiers: Words = Field(default_factory=list, max_length=200)


@dataclass(slots=True)
class _Reaction:
    sentence: int
    start: int  # original offsets of the reaction word
    end: int
    party: str  # "named" | "vague" | "none"
    party_text: str | None


_PARTY_LINKS = frozenset({"from", "among", "by", "of", "amongst"})
_CAPITAL = re.compile(r"^[A-Z]")


@kind("headline", ThinSupportRule, check="thin_support")
class ThinSupportChecker(HeadlineCheck[ThinSupportRule]):
    def check(self, rule: ThinSupportRule, ctx: Context) -> Iterable[Hit]:
        doc = ctx.doc
        order = body_order(ctx)
        if doc.headline is None or not order:
            return
        h0, h1 = doc.headline
        head = tokens(ctx, h0, h1)
        claims = self.phrases(rule, "terms").find(head.stems)
        if not claims:
            return
        # The claim's span: its words plus adjacent claim words ("International Backlash").
        i0 = min(i for i, _ in claims)
        i1 = max(j for _, j in claims)
        qualifiers = set(phrase_word_stems(rule.qualifiers))
        while i0 > 0 and head.stems[i0 - 1] in qualifiers:
            i0 -= 1
        c0, c1 = head.spans[i0][0], head.spans[i1 - 1][1]
        cohesion = ctx.analysis(sentence_cohesion)
        reactions: list[_Reaction] = []
        support_phrases = self.phrases(rule, "support_terms") + self.phrases(rule, "terms")
        vague = set(phrase_word_stems(rule.vague_parties))
        attribution = _attribution(ctx)
        for i in order:
            if drifted(cohesion.get(i), rule.drift, rule.min_new_names):
                continue  # a sentence about another story says nothing about this claim
            s = doc.sentences[i]
            toks = tokens(ctx, s.start, s.end)
            for a, b in support_phrases.find(toks.stems):
                party, text = _reacting_party(ctx, toks, a, b, vague, attribution.get(i))
                reactions.append(_Reaction(i, toks.spans[a][0], toks.spans[b - 1][1], party, text))
        if any(r.party == "named" for r in reactions):
            return
        sentences = sorted({r.sentence for r in reactions})
        claim = ctx.text[c0:c1]
        if reactions:
            detail = "; ".join(
                f"\u201c{clip(ctx.text[r.start : r.end], 40)}\u201d "
                + (f"from {r.party_text}" if r.party_text else "with nobody named")
                for r in reactions[:3]
            )
        else:
            detail = "no sentence in the body reports it"
        yield Hit(
            rule=rule,
            dedupe=False,
            start=c0,
            end=c1,
            message=fill(rule.message, match=claim, detail=detail),
            suggestion=rule.suggestion.replace("{match}", claim) if rule.suggestion else None,
            evidence={
                "claim": claim,
                "support": [
                    {
                        **sentence_evidence(ctx, r.sentence),
                        "reaction": ctx.text[r.start : r.end],
                        "party": r.party,
                        "party_text": r.party_text,
                    }
                    for r in reactions[:5]
                ],
                "sentences": len(sentences),
            },
        )


@dataclass(frozen=True, slots=True)
class _Backing:
    """What the attribution analysis found in one sentence (original offsets)."""

    source: str  # "named" | "vague" | "none"
    named: tuple[int, int, str] | None
    vague: tuple[tuple[int, int, str], ...]


def _attribution(ctx: Context) -> dict[int, _Backing]:
    """Sentence index -> its backing, from the attribution analysis.

    Empty when that analysis is not available: then the reacting party found next to
    the reaction word decides alone.
    """
    try:
        from copydesk.analysis.attribution import sentence_sources
    except ImportError:  # pragma: no cover - the analysis ships with copydesk
        return {}
    try:
        result = sentence_sources(ctx)
    except Exception as exc:  # a failing analysis must not stop the audit
        ctx.warnings.append(f"headline: attribution analysis unavailable ({exc})")
        return {}
    out: dict[int, _Backing] = {}
    for sa in result.sentences:
        named = None
        if sa.named is not None and sa.named_here:
            named = (sa.named.start, sa.named.end, sa.named.text)
        vague = tuple((v.start, v.end, v.text) for v in sa.vague)
        out[sa.index] = _Backing(sa.source, named, vague)
    return out


def _reacting_party(
    ctx: Context,
    toks: Tokens,
    a: int,
    b: int,
    vague: set[str],
    backing: _Backing | None,
) -> tuple[str, str | None]:
    """Who reacts: "from/among/by X" after the reaction word, or "X condemned" before it."""
    n = len(toks.words)
    party: tuple[int, int] | None = None
    k = b
    # "criticism from X", "concerns among X", "condemned by X" (a word or two may intervene).
    while k < min(n, b + 3):
        if toks.words[k] in _PARTY_LINKS:
            party = (k + 1, min(n, k + 7))
            break
        k += 1
    if party is None and a > 0:
        # "Critics condemned", "The UN condemned": the subject right before a verb.
        party = (max(0, a - 4), a)
    if party is None or party[0] >= party[1]:
        return "none", None
    lo, hi = party
    p0, p1 = toks.spans[lo][0], toks.spans[hi - 1][1]
    # The attribution analysis knows sources better than a window of words: use what it
    # found inside the party's window.
    if backing is not None:
        if backing.named and backing.named[0] < p1 and p0 < backing.named[1]:
            return "named", backing.named[2]
        for v0, v1, vtext in backing.vague:
            if v0 < p1 and p0 < v1:
                return "vague", vtext
    words = toks.words[lo:hi]
    originals = [ctx.text[s:e] for s, e in toks.spans[lo:hi]]
    stems = toks.stems[lo:hi]
    text = ctx.text[p0:p1]
    if any(s in vague for s in stems):
        return "vague", _trim_party(text)
    named = any(
        _CAPITAL.match(o) and w not in _FUNCTION_WORDS and lo + j != 0
        for j, (o, w) in enumerate(zip(originals, words, strict=True))
    )
    if named:
        return "named", _trim_party(text)
    return "none", None


_FUNCTION_WORDS = frozenset(
    "the a an in on at of for and or but to by from with as this that these those it".split()
)


def _trim_party(text: str) -> str:
    # "international leaders, who view it" -> "international leaders"
    return re.split(r"[,;:.(]| who | which | that ", text, maxsplit=1)[0].strip()
