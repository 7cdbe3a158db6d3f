"""The word lists the attribution analysis reads: reporting verbs, titles, vague groups ...

They are pack data (the ``lexicon`` blocks of the ``attribution`` rules), compiled by
the rule kind (``copydesk.kinds.attribution.lexicon``) with every inflected form
spelled out, so the analysis only looks words up. The analysis never loads a pack
itself: whoever runs it hands it a :class:`Lexicon`.
"""

from __future__ import annotations

from typing import NamedTuple


# Immutable records here are NamedTuples, not dataclasses: generating a dataclass costs
# ~1 ms of every start-up.
class Lexicon(NamedTuple):
    """The word lists the analysis reads, every inflected form spelled out."""

    reporting_verbs: frozenset[str] = frozenset()
    document_verbs: frozenset[str] = frozenset()
    vague_sources: frozenset[str] = frozenset()
    vague_phrases: tuple[tuple[str, ...], ...] = ()
    titles: frozenset[str] = frozenset()
    organisations: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    demonyms: frozenset[str] = frozenset()
    passive_participles: frozenset[str] = frozenset()
    passive_adverbs: frozenset[str] = frozenset()
    reaction_verbs: frozenset[tuple[str, ...]] = frozenset()
    reaction_nouns: frozenset[str] = frozenset()
    reaction_phrases: frozenset[tuple[str, ...]] = frozenset()
    reaction_participles: frozenset[str] = frozenset()
    party_prepositions: frozenset[str] = frozenset()
    reactor_verbs: frozenset[str] = frozenset()
    # Kinds of claim that need a source: (class, phrase) pairs, "*" standing for any one
    # word ("so * that"). Only sentences holding one become ``unsourced_claim`` findings.
    claim_cues: frozenset[tuple[str, tuple[str, ...]]] = frozenset()
    # Verbs that cite when their object is a document: "issued a statement denying ...".
    publishing_verbs: frozenset[str] = frozenset()
    # Verbs that cite when they set a figure: "the ministry put the toll at 40".
    estimate_verbs: frozenset[str] = frozenset()
    # Hearsay nouns that hide a source as the subject of any verb ("Rumours have put ...").
    hearsay_subjects: frozenset[str] = frozenset()
    # Words that make a sum of money public record ("price", "revenue"): no source needed.
    public_amounts: frozenset[str] = frozenset()
    # Clauses that say a source is not named ("asked not to be named", "on condition of
    # anonymity"), as token tuples, longest first; and words that make a vague source
    # phrase an anonymous one ("a source close to ...", "people familiar with ...").
    anonymity_clauses: tuple[tuple[str, ...], ...] = ()
    anonymous_markers: frozenset[str] = frozenset()

    def merged(self, other: Lexicon) -> Lexicon:
        values = {}
        for name in self._fields:
            a, b = getattr(self, name), getattr(other, name)
            values[name] = tuple(dict.fromkeys((*a, *b))) if isinstance(a, tuple) else a | b
        return Lexicon(**values)

    @property
    def empty(self) -> bool:
        return not self.reporting_verbs
