"""The ``lexicon`` block of an attribution rule: the word lists of the source analysis.

Reporting verbs, vague-source nouns, titles, organisation and document words,
reaction verbs and nouns ... are pack data. :class:`SourceLists` is their YAML;
:meth:`SourceLists.compile` spells out every inflected form for the analysis's
:class:`~copydesk.analysis.attribution.Lexicon`.
The lists of many rules are merged (``base.lexicon_of``): a newsroom pack adds its
own words to the default pack's.
"""

from __future__ import annotations

from pydantic import Field

from copydesk.analysis.attribution import Lexicon
from copydesk.kinds.base import Strict
from copydesk.kinds.lexicon import inflections, tokenize

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
    # The kinds of claim a reader needs a source for, each with the words that mark it
    # ("cause": ["because", "owe * to"]); "*" stands for any one word. The first word of
    # each phrase is inflected.
    claim_cues: dict[str, list[str]] = Field(default_factory=dict, max_length=50)
    # Verbs that cite when their object is a document: "the clinic issued a statement
    # denying ...", "the ministry released figures showing ...".
    publishing_verbs: list[str] = _LIST
    # Verbs that cite when they set a figure, "at" and a number after their object:
    # "the ministry put the death toll at 40", "analysts value the stake at $2bn".
    estimate_verbs: list[str] = _LIST
    # Hearsay nouns that, as the subject of any verb, pass a claim on with no source:
    # "Rumours have put the price at ...", "Speculation points to ...". Listed as spelt.
    hearsay_subjects: list[str] = _LIST
    # Words that, governing a sum of money, make it a price or a published account
    # ("priced at $349", "revenue of $93bn"): figures a reader can check without a source.
    public_amounts: list[str] = _LIST
    # Clauses that say the source is not named: "who asked not to be named", "speaking
    # on condition of anonymity". A source phrase next to one is anonymous, whatever it
    # says ("the official, who asked not to be named, said ...").
    anonymity_clauses: list[str] = _LIST
    # Words that make a vague source phrase an anonymous source rather than a group:
    # "a source close to the talks", "people familiar with the plans", "an insider".
    anonymous_markers: list[str] = _LIST

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
            public_amounts=words(self.public_amounts, forms=True, plural=True),
            hearsay_subjects=words(self.hearsay_subjects),
            publishing_verbs=words(self.publishing_verbs, forms=True),
            estimate_verbs=words(self.estimate_verbs, forms=True),
            anonymity_clauses=tuple(sorted(phrases(self.anonymity_clauses), key=len, reverse=True)),
            anonymous_markers=words(self.anonymous_markers, plural=True),
            claim_cues=frozenset(
                (name, phrase) for name, items in self.claim_cues.items() for phrase in _cue_phrases(items)
            ),
        )


def _cue_phrases(items: list[str]) -> set[tuple[str, ...]]:
    """Token tuples of the cue phrases, "*" kept as a wildcard, the first word inflected."""
    out: set[tuple[str, ...]] = set()
    for item in items:
        toks: list[str] = []
        for part in item.split():
            toks.extend(["*"] if part == "*" else tokenize(part))
        if not toks or toks[0] == "*":
            continue
        out |= {(form, *toks[1:]) for form in inflections(toks[0])}
    return out


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"
