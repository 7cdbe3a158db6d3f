"""Rule kind `attribution`: who says so? Findings from the per-article source analysis.

Each rule names a ``check``; the kind runs the shared analysis
(:mod:`copydesk.analysis.attribution`) once per article and turns what it found into
findings:

- ``vague_source``: a claim pinned on a group nobody can check ("experts predict",
  "according to reports", "critics say");
- ``passive``: attribution with the agent left out ("it is believed", "is said to");
- ``reaction``: a reaction with nobody who reacts ("has sparked fears", "raised
  concerns among international leaders");
- ``hedge``: words from the rule's ``terms`` that hide or soften the source
  ("allegedly", "reportedly"; "may", "possibly");
- ``judgement``: the rule's ``terms`` used as a verdict in the outlet's own voice
  ("an apparent violation", "a clear breach");
- ``unsourced_figure``: a sentence stating a number with no source in it or in its
  paragraph;
- ``unsourced_claim``: a claim sentence with no source at all and no other
  attribution finding, so the score follows the share of unsourced claims.

The word lists (reporting verbs, vague-source nouns, titles, organisation and
document words, reaction verbs and nouns, ...) are the ``lexicon`` blocks of the
rules: the lists of all loaded attribution rules are merged with the default pack's
and read by the analysis. The kind also publishes the article's sourcing profile.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from copydesk.analysis.attribution import Attribution, Lexicon, SentenceAttribution, analyzer_for
from copydesk.kinds.base import RuleBase, Strict, Unless
from copydesk.kinds.lexicon import Term, _Context, _excluded, inflections, tokenize
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context
    from copydesk.packs.loader import RuleSet

Check = Literal[
    "vague_source", "passive", "reaction", "hedge", "judgement", "unsourced_figure", "unsourced_claim"
]
Quiet = Literal["never", "named_in_sentence", "sourced_in_sentence", "sourced_in_paragraph"]

# When a check keeps quiet unless the rule says otherwise. A hedge next to a named
# source is that source's hedge; a verdict or a figure needs some source; a claim
# is covered by a named source anywhere in its paragraph.
DEFAULT_QUIET: dict[str, Quiet] = {
    "vague_source": "never",
    "passive": "named_in_sentence",
    "reaction": "named_in_sentence",
    "hedge": "named_in_sentence",
    "judgement": "sourced_in_sentence",
    "unsourced_figure": "sourced_in_paragraph",
    "unsourced_claim": "sourced_in_paragraph",
}
_LIST = Field(default_factory=list, max_length=5000)


class SourceLists(Strict):
    """Word lists for the source analysis; regular inflections are added automatically."""

    reporting_verbs: list[str] = _LIST
    document_verbs: list[str] = _LIST
    vague_sources: list[str] = _LIST
    titles: list[str] = _LIST
    organisations: list[str] = _LIST
    documents: list[str] = _LIST
    pronouns: list[str] = _LIST
    demonyms: list[str] = _LIST
    passive_participles: list[str] = _LIST
    passive_adverbs: list[str] = _LIST
    reaction_verbs: list[str] = _LIST
    reaction_nouns: list[str] = _LIST
    reaction_phrases: list[str] = _LIST
    reaction_participles: list[str] = _LIST
    party_prepositions: list[str] = _LIST
    # Reaction verbs whose subject may be the one who reacts ("Amnesty raised concerns").
    reactor_verbs: list[str] = _LIST

    def compile(self) -> Lexicon:
        def words(items: list[str], forms: bool = False, plural: bool = False) -> frozenset[str]:
            out: set[str] = set()
            for item in items:
                for tok in tokenize(item):
                    out.add(tok)
                    if forms:
                        out |= inflections(tok)
                    if plural:
                        out.add(_plural(tok))
            return frozenset(out)

        def phrases(items: list[str], inflect_first: bool = False) -> frozenset[tuple[str, ...]]:
            out: set[tuple[str, ...]] = set()
            for item in items:
                toks = tokenize(item)
                if not toks:
                    continue
                out.add(toks)
                if inflect_first:
                    out |= {(form, *toks[1:]) for form in inflections(toks[0])}
            return frozenset(out)

        vague_single = [v for v in self.vague_sources if len(tokenize(v)) == 1]
        vague_multi = [v for v in self.vague_sources if len(tokenize(v)) > 1]
        return Lexicon(
            reporting_verbs=words(self.reporting_verbs, forms=True),
            document_verbs=words(self.document_verbs, forms=True),
            vague_sources=words(vague_single, plural=True),
            vague_phrases=tuple(sorted(phrases(vague_multi), key=len, reverse=True)),
            titles=words(self.titles, plural=True),
            organisations=words(self.organisations, plural=True),
            documents=words(self.documents, plural=True),
            pronouns=words(self.pronouns),
            demonyms=words(self.demonyms),
            passive_participles=words(self.passive_participles),
            passive_adverbs=words(self.passive_adverbs),
            reaction_verbs=phrases(self.reaction_verbs, inflect_first=True),
            reaction_nouns=words(self.reaction_nouns, plural=True),
            reaction_phrases=phrases(self.reaction_phrases),
            reaction_participles=words(self.reaction_participles),
            party_prepositions=words(self.party_prepositions),
            reactor_verbs=words(self.reactor_verbs, forms=True),
        )


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


class AttributionRule(RuleBase):
    kind: Literal["attribution"]
    check: Check
    # Phrases for the `hedge` and `judgement` checks.
    terms: list[Term] = Field(default_factory=list, max_length=5000)
    inflect: bool = False
    unless: Unless | None = None
    quiet_when: Quiet | None = None
    # A term right before a number approximates it ("some 300 people"): not a vague quantity.
    skip_before_number: bool = False
    # Used instead of `message` when the source is a vague group; `{source}` names it.
    message_vague: str | None = Field(default=None, min_length=1, max_length=300)
    lexicon: SourceLists | None = None

    @field_validator("terms", mode="before")
    @classmethod
    def _bare_strings(cls, value: object) -> object:
        if isinstance(value, list):
            return [{"term": v} if isinstance(v, str) else v for v in value]
        return value

    @model_validator(mode="after")
    def _terms_for_phrase_checks(self) -> AttributionRule:
        if self.check in ("hedge", "judgement") and not self.terms:
            raise ValueError(f"check '{self.check}' needs a list of terms")
        return self

    @property
    def quiet(self) -> Quiet:
        return self.quiet_when or DEFAULT_QUIET[self.check]


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The word lists of the default pack's attribution rules (for analyses run outside rules).

    Read through the pack loader, whose result is cached and which uses the wheel's
    pre-parsed pack: parsing the YAML again here cost ~0.2 s of every start-up.
    """
    from copydesk.speed import cached_rules, derived

    def build(rules: RuleSet) -> Lexicon:
        merged = Lexicon()
        for rule in rules.rules:
            if isinstance(rule, AttributionRule) and rule.lexicon is not None:
                merged = merged.merged(rule.lexicon.compile())
        return merged

    # Kept with the rule set's snapshot: ~17 ms to compile in every process otherwise.
    return derived(cached_rules(), "attribution.default_lexicon", build)



@kind("attribution", AttributionRule)
class AttributionChecker:
    phase = 1  # after phase 0 has marked boilerplate, which the analysis leaves out

    def __init__(self, rules: list[AttributionRule]) -> None:
        self.rules = rules
        lexicon = Lexicon()
        for rule in rules:
            if rule.lexicon is not None:
                lexicon = lexicon.merged(rule.lexicon.compile())
        try:
            base = default_lexicon()
        except Exception:  # a broken default pack must not stop a custom one
            base = Lexicon()
        # The default lists stay in force when a pack disables the rule that carries them.
        self.analyzer = analyzer_for(base.merged(lexicon) if not base.empty else lexicon)
        self.index: dict[str, list[tuple[tuple[str, ...], Term, AttributionRule, _Context | None]]] = {}
        for rule in rules:
            for term in rule.terms:
                context = _Context.build(rule.unless, term.unless)
                for variant in _variants(term, rule.inflect):
                    self.index.setdefault(variant[0], []).append((variant, term, rule, context))
        for entries in self.index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self.firsts = frozenset(self.index)
        # The entries that can match at a position, keyed by its first two words (as in
        # the lexicon kind): a common first word starts many phrases that fail on the
        # second. Each list keeps the longest-first order above.
        self.by_pair: dict[str, tuple[list[Any], dict[str, list[Any]]]] = {}
        for first, entries in self.index.items():
            singles = [e for e in entries if len(e[0]) == 1]
            seconds = {e[0][1] for e in entries if len(e[0]) > 1}
            pairs = {w: [e for e in entries if len(e[0]) == 1 or e[0][1] == w] for w in seconds}
            self.by_pair[first] = (singles, pairs)

    def run(self, ctx: Context) -> Iterable[Hit]:
        result: Attribution = ctx.analysis(self.analyzer)
        profile = result.profile()
        ctx.metrics_extra["sourcing"] = profile
        figures = ctx.dimension_figures.setdefault("attribution", {})
        figures.update(
            claims=profile["claims"],
            claims_named=profile["claims_named"],
            claims_vague=profile["claims_vague"],
            claims_unsourced=profile["claims_unsourced"],
            named_share=profile["named_share"],
        )
        hits: list[Hit] = []
        for rule in self.rules:
            if rule.check in ("hedge", "judgement", "unsourced_claim"):
                continue
            hits.extend(self._structural(ctx, result, rule))
        hits.extend(self._terms(ctx, result))
        hits = _drop_overlaps(hits)
        flagged = {result.sentence_at(h.start).index for h in hits if result.sentence_at(h.start)}
        for rule in self.rules:
            if rule.check == "unsourced_claim":
                hits.extend(self._unsourced_claims(ctx, result, rule, flagged))
        return hits

    # ------------------------------------------------------------------ checks
    def _structural(self, ctx: Context, result: Attribution, rule: AttributionRule) -> Iterable[Hit]:
        for sa in result.sentences:
            if _quiet(rule.quiet, sa):
                continue
            if rule.check == "unsourced_figure":
                if sa.figures and sa.claim:
                    start, end = sa.figures[0]
                    yield Hit(
                        rule,
                        start,
                        end,
                        suggestion=rule.suggestion,
                        message=_format(rule.message, ctx.text[start:end], None),
                        evidence={"figures": [ctx.text[a:b] for a, b in sa.figures]},
                    )
                continue
            for cue in sa.cues:
                if cue.kind != rule.check:
                    continue
                if ctx.in_quote(cue.start, cue.end):
                    continue  # inside a quotation the attribution is the speaker's business
                excerpt = ctx.text[cue.start : cue.end]
                template = rule.message_vague if (cue.source and rule.message_vague) else rule.message
                yield Hit(
                    rule,
                    cue.start,
                    cue.end,
                    suggestion=_format(rule.suggestion, excerpt, cue.source) if rule.suggestion else None,
                    message=_format(template, excerpt, cue.source),
                    weight=cue.weight,
                    evidence={"source": cue.source, "party": cue.party} if cue.source else {},
                )

    def _terms(self, ctx: Context, result: Attribution) -> Iterable[Hit]:
        if not self.index:
            return
        tokens = ctx.tokens
        texts = ctx.token_texts
        by_pair = self.by_pair
        n = len(texts)
        # Positions of words that start some entry, found once for the article: most
        # words start none, and most sentences hold no such word.
        present = self.firsts.intersection(texts)
        candidates = [i for i, word in enumerate(texts) if word in present]
        for sa in result.sentences:
            lo, hi = ctx.token_range(sa.start, sa.end)
            for k in range(bisect_left(candidates, lo), bisect_left(candidates, hi)):
                i = candidates[k]
                singles, pairs = by_pair[texts[i]]
                entries = pairs.get(texts[i + 1], singles) if i + 1 < n else singles
                done: set[str] = set()
                for variant, term, rule, context in entries:
                    size = len(variant)
                    if rule.id in done or i + size > min(n, hi) or tuple(texts[i : i + size]) != variant:
                        continue
                    if context is not None and _excluded(ctx, context, i, size):
                        continue
                    if rule.skip_before_number and i + size < hi and texts[i + size][:1].isdigit():
                        continue
                    if size == 1 and i > lo and ctx.norm.text[tokens[i].start].isupper():
                        continue  # a capital inside a sentence makes it a name: "Theresa May"
                    if _quiet(rule.quiet, sa):
                        continue
                    start, end = ctx.to_original(tokens[i].start, tokens[i + size - 1].end)
                    if ctx.in_quote(start, end):
                        continue
                    done.add(rule.id)
                    excerpt = ctx.text[start:end]
                    yield Hit(
                        rule,
                        start,
                        end,
                        suggestion=term.suggestion or rule.suggestion,
                        message=_format(rule.message, excerpt, None),
                        category=term.category or rule.category,
                        weight=term.weight,
                        evidence={"term": term.term},
                    )

    def _unsourced_claims(
        self, ctx: Context, result: Attribution, rule: AttributionRule, flagged: set[int]
    ) -> Iterable[Hit]:
        for sa in result.sentences:
            if not sa.claim or sa.index in flagged or _quiet(rule.quiet, sa):
                continue
            if sa.source != "none" or ctx.in_quote(sa.start, sa.end):
                continue
            yield Hit(
                rule,
                sa.start,
                sa.end,
                suggestion=rule.suggestion,
                message=_format(rule.message, ctx.text[sa.start : sa.end], None),
                # A whole sentence must not swallow the shorter findings inside it.
                dedupe=False,
            )


def _quiet(policy: Quiet, sa: SentenceAttribution) -> bool:
    if policy == "never":
        return False
    if policy == "named_in_sentence":
        return sa.named_here
    if policy == "sourced_in_sentence":
        return sa.sourced_here
    return sa.sourced_here or sa.source != "none"


def _format(template: str, match: str, source: str | None) -> str:
    flat = " ".join(match.split())
    if len(flat) > 80:
        flat = flat[:79] + "…"
    return template.replace("{match}", flat).replace("{source}", source or "source")


def _drop_overlaps(hits: list[Hit]) -> list[Hit]:
    """One finding per stretch of text: the same words are not blamed twice in this dimension."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    reach = -1
    for h in hits:
        if h.start < reach:
            continue
        kept.append(h)
        reach = h.end
    return kept


def _variants(term: Term, inflect: bool) -> Iterable[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for spelling in (term.term, *term.forms):
        toks = tokenize(spelling)
        if not toks:
            continue
        last = inflections(toks[-1]) if (term.inflect or inflect) else {toks[-1]}
        out |= {(*toks[:-1], form) for form in last}
    return out
