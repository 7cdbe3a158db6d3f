"""Check ``headline`` / ``contested``: the body disputes or only alleges what the headline states as fact.

Body sentences about the headline's subject dispute it (``terms`` and ``patterns``:
"denied reports that", "is a hoax", "no evidence", "debunked"): a cue with at least
``threshold`` of the headline's weight within ``window`` words of it. The headline
states it as fact when it has no cue of its own, no ``hedges`` ("claims",
"reportedly", "denies") and no question mark.

Without a dispute, the body may still only *allege* what the headline asserts
(``allegation_terms`` / ``allegation_patterns``: "allegedly", "claims that", "could not
be verified"): an allegation cue with ``allegation_threshold`` of the headline's weight
near it, and no body sentence free of any cue that carries the headline as well
(``max_unframed_ratio`` of the framed sentence's share). Then the story reports the
claim as a claim and never as fact, and the finding uses ``allegation_message``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator

from copydesk.analysis.headline.support import body_order, clip, sentence_evidence
from copydesk.analysis.headline.tokens import Tokens, span_tokens, tokens
from copydesk.analysis.terms import article_terms
from copydesk.kinds.headline.base import HeadlineCheck, HeadlineRule, Words, fill
from copydesk.kinds.headline.settled import open_dispute, settles
from copydesk.kinds.joined import Joined
from copydesk.kinds.pattern import check_patterns, pattern_budget
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class ContestedRule(HeadlineRule):
    check: Literal["contested"]
    # Share of the headline's weight a disputing sentence must share near its cue.
    threshold: float = Field(default=0.3, ge=0.0, le=1.0)
    # Headlines carrying less information than this are not judged.
    min_weight: float = Field(default=3.0, ge=0.0, le=100.0)
    # Words either side of a cue within which a headline term must stand.
    window: int = Field(default=12, ge=1, le=100)
    # The disputing cues (words or short phrases, matched through inflection).
    terms: Words = Field(default_factory=list, max_length=1000)
    # Regular expressions for disputing constructions ("is a hoax", "denied reports
    # that"), matched on each sentence's normalised text with a time bound.
    patterns: list[str] = Field(default_factory=list, max_length=200)
    # Headline words that already hedge or dispute the claim ("denies", "claims",
    # "reportedly", "hoax"): such a headline does not state it as fact.
    hedges: Words = Field(default_factory=list, max_length=500)
    # Constructions in which the body disputes its own story ("this story seems to be
    # false", "the whole thing was a hoax"): they refer to the headline's claim without
    # repeating its words, so they count without the share test.
    self_patterns: list[str] = Field(default_factory=list, max_length=50)
    # Constructions that report the headline's claim only as a claim or allegation
    # ("allegedly", "claims that", "could not be verified"): with no dispute found, a
    # headline the body supports only through them states as fact what it only alleges.
    allegation_terms: Words = Field(default_factory=list, max_length=500)
    allegation_patterns: list[str] = Field(default_factory=list, max_length=100)
    allegation_threshold: float = Field(default=0.25, ge=0.0, le=1.0)
    # A body sentence with no dispute or allegation cue that carries at least this
    # multiple of the framed sentence's share of the headline states the claim as fact
    # itself: then the headline only repeats the story's own statement.
    max_unframed_ratio: float = Field(default=0.75, ge=0.0, le=10.0)
    allegation_message: str | None = Field(default=None, max_length=300)
    # The reverse case (settled.py): headline constructions that state a denial or a
    # debunking as fact ("No, ...", "did not", "was a hoax"); headline words that
    # attribute or hedge it ("says", "denies", "probably"); body cues besides ``terms``
    # and ``patterns`` that bear a denial out (negations, "denied"), with
    # ``settled_threshold`` of the headline's weight near them; the share of the headline
    # some body sentence must carry for the body to be about its subject at all.
    settled_patterns: list[str] = Field(default_factory=list, max_length=100)
    settled_hedges: Words = Field(default_factory=list, max_length=500)
    settled_support: Words = Field(default_factory=list, max_length=500)
    settled_support_patterns: list[str] = Field(default_factory=list, max_length=100)
    # Words that bear a denial out wherever in the body they stand ("myth", "untrue").
    settled_anywhere: Words = Field(default_factory=list, max_length=500)
    settled_threshold: float = Field(default=0.2, ge=0.0, le=1.0)
    settled_min_share: float = Field(default=0.3, ge=0.0, le=1.0)
    settled_message: str | None = Field(default=None, max_length=300)

    @field_validator("patterns", "self_patterns", "allegation_patterns", "settled_patterns",
                     "settled_support_patterns")
    @classmethod
    def _compilable(cls, value: list[str]) -> list[str]:
        # The same checks as the pattern kind: packs are untrusted.
        return check_patterns(value)


# The rule's lists of regular expressions.
_LISTS = ("patterns", "self_patterns", "allegation_patterns", "settled_patterns", "settled_support_patterns")
# The regular expressions that go with each word list of cues.
_PATTERNS_OF = {
    "terms": "patterns",
    "allegation_terms": "allegation_patterns",
    "settled_support": "settled_support_patterns",
}


@kind("headline", ContestedRule, check="contested")
class ContestedChecker(HeadlineCheck[ContestedRule]):
    def __init__(self, rules: list[ContestedRule]) -> None:
        super().__init__(rules)
        # Compiled with the checker, so the start-up snapshot holds them (joined.py).
        self._compiled: dict[str, Joined | None] = {
            rule.id + "\x00" + which: Joined.of(getattr(rule, which)) for rule in rules for which in _LISTS
        }

    def patterns(self, rule: ContestedRule, which: str = "patterns") -> Joined | None:
        """The rule's patterns (or ``which`` list) joined into one regex (None when empty)."""
        key = rule.id + "\x00" + which
        if key not in self._compiled:
            self._compiled[key] = Joined.of(getattr(rule, which))
        return self._compiled[key]

    def self_disputes(
        self, rule: ContestedRule, ctx: Context, order: list[int]
    ) -> list[tuple[int, int, int, float]]:
        """Body sentences that call the story itself false: (sentence, cue start, cue end, 1.0)."""
        compiled = self.patterns(rule, "self_patterns")
        if compiled is None:
            return []
        norm = ctx.norm
        out = []
        for i in order:
            s = ctx.doc.sentences[i]
            n0 = norm.to_normalized(s.start)
            try:
                m = compiled.search(norm.text[n0 : norm.to_normalized(s.end)], 0.05)
            except TimeoutError:
                continue
            if m is not None:
                c0, c1 = norm.to_original(n0 + m.start(), n0 + m.end())
                out.append((i, c0, c1, 1.0))
        return out

    def cues(
        self, rule: ContestedRule, ctx: Context, start: int, end: int, which: str = "terms"
    ) -> tuple[Tokens, list[tuple[int, int]]]:
        """Tokens of a span and the token ranges of its cues: disputing (``terms`` and
        ``patterns``) or, with ``which="allegation_terms"``, alleging ones."""
        norm = ctx.norm
        n0, n1 = norm.to_normalized(start), norm.to_normalized(end)
        text = norm.text[n0:n1]
        toks = tokens(ctx, start, end)
        hits = self.phrases(rule, which).find(toks.stems)
        compiled = self.patterns(rule, _PATTERNS_OF[which])
        if compiled is not None:
            budget = ctx.analysis(pattern_budget)
            try:
                if budget.spent():
                    raise TimeoutError
                matches = compiled.finditer(text, budget.timeout())
            except TimeoutError:
                if budget.spent():
                    if rule.id not in budget.skipped:
                        budget.skip(ctx, rule.id)
                else:
                    ctx.warnings.append(f"rule '{rule.id}': a pattern took too long and was skipped")
                matches = []
            rel = span_tokens(text)[2] if matches else ()
            for m in matches:
                idx = [k for k, (a, b) in enumerate(rel) if a < m.end() and m.start() < b]
                if idx:
                    hits.append((idx[0], idx[-1] + 1))
        return toks, sorted(set(hits))

    def check(self, rule: ContestedRule, ctx: Context) -> Iterable[Hit]:
        doc = ctx.doc
        order = body_order(ctx)
        if doc.headline is None or not order:
            return
        at = ctx.analysis(article_terms)
        headline_bag = at.headline
        if headline_bag is None or headline_bag.total < rule.min_weight:
            return
        h0, h1 = doc.headline
        head, own = self.cues(rule, ctx, h0, h1)
        weights = headline_bag.weights
        total = headline_bag.total
        norm = ctx.norm
        # Each body sentence's share of the headline's weight (whole sentence).
        shares: dict[int, float] = {}
        for i in order:
            s = doc.sentences[i]
            _, stems, _ = span_tokens(norm.text[norm.to_normalized(s.start) : norm.to_normalized(s.end)])
            shares[i] = sum(weights[st] for st in set(stems).intersection(weights)) / total
        htext = norm.text[norm.to_normalized(h0) : norm.to_normalized(h1)]
        if own or self.phrases(rule, "hedges").find(head.stems) or "?" in htext:
            # The headline itself reports the dispute, hedges, or asks; unless it settles
            # as false what the body leaves open (settled.py), nothing to say.
            if rule.settled_message is None or not settles(self, rule, ctx, head, htext):
                return
            found = open_dispute(self, rule, ctx, order, shares, weights, total)
            message = rule.settled_message
        else:
            found = self.near_cues(rule, ctx, order, shares, weights, total, rule.threshold, "terms")
            found.extend(self.self_disputes(rule, ctx, order))
            message = rule.message
        if not found and message == rule.message and rule.allegation_message is not None and (
            rule.allegation_terms or rule.allegation_patterns
        ):
            found = self.allegations(rule, ctx, order, shares, weights, total)
            message = rule.allegation_message
        if not found:
            return
        found.sort(key=lambda f: -f[3])
        _, c0, c1, _ = found[0]
        yield Hit(
            rule=rule,
            dedupe=False,
            start=h0,
            end=h1,
            message=fill(
                message,
                match=clip(ctx.text[h0:h1], 80),
                cue=clip(ctx.text[c0:c1], 100),
            ),
            suggestion=rule.suggestion,
            evidence={
                "disputes": [
                    {**sentence_evidence(ctx, j), "cue": ctx.text[a:b], "share": round(sh, 3)}
                    for j, a, b, sh in found[:3]
                ]
            },
        )

    def near_cues(
        self,
        rule: ContestedRule,
        ctx: Context,
        order: list[int],
        shares: dict[int, float],
        weights: dict[str, float],
        total: float,
        threshold: float,
        which: str,
    ) -> list[tuple[int, int, int, float]]:
        """Sentences with a cue that has ``threshold`` of the headline's weight near it."""
        doc = ctx.doc
        found: list[tuple[int, int, int, float]] = []
        for i in order:
            # A cue's share counts the headline's words near it, so it can never exceed the
            # share of the whole sentence: most sentences fall short of the threshold and
            # need no search for cues. (The margin keeps float summation order out of it.)
            if shares[i] < threshold - 1e-9:
                continue
            s = doc.sentences[i]
            toks, hits = self.cues(rule, ctx, s.start, s.end, which)
            for a, b in hits:
                lo, hi = max(0, a - rule.window), min(len(toks.stems), b + rule.window)
                near = {st for st in toks.stems[lo:hi] if st in weights}
                share = sum(weights[st] for st in near) / total
                if share >= threshold:
                    found.append((i, toks.spans[a][0], toks.spans[b - 1][1], share))
                    break
        return found

    def allegations(
        self,
        rule: ContestedRule,
        ctx: Context,
        order: list[int],
        shares: dict[int, float],
        weights: dict[str, float],
        total: float,
    ) -> list[tuple[int, int, int, float]]:
        """Allegation cues near the headline's words, when no plain sentence states it."""
        found = self.near_cues(rule, ctx, order, shares, weights, total,
                               rule.allegation_threshold, "allegation_terms")
        if not found:
            return []
        framed = {f[0] for f in found}
        bound = rule.max_unframed_ratio * max(shares[i] for i in framed)
        doc = ctx.doc
        for i in order:
            if i in framed or shares[i] < bound - 1e-9:
                continue
            # A sentence that carries the headline as much, with no cue of either kind,
            # states the claim as fact itself.
            s = doc.sentences[i]
            if not self.cues(rule, ctx, s.start, s.end)[1] and not self.cues(
                rule, ctx, s.start, s.end, "allegation_terms"
            )[1]:
                return []
        return found
