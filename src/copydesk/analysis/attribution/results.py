"""What the attribution analysis finds: sources, cues, and each sentence's attribution.

Plain records, read by the rule kind (findings), the headline checks (who reacts)
and :mod:`copydesk.analysis.attribution.profile` (the report's sourcing profile).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple


# Immutable records here are NamedTuples, not dataclasses: generating a dataclass costs
# ~1 ms of every start-up.
class Source(NamedTuple):
    """A source tied to a sentence: original offsets of the words that name it."""

    start: int
    end: int
    text: str
    kind: str  # "named" | "vague"
    category: str  # person / title / organisation / document / name / group / passive / ...
    carried: bool = False  # named in an earlier sentence, referred to here


class Cue(NamedTuple):
    """An attribution construction worth a finding (original offsets)."""

    start: int
    end: int
    kind: str  # "vague_source" | "passive" | "reaction"
    source: str | None = None  # the vague group, or the reacting party
    party: str = "none"  # for reactions: "named" | "vague" | "none"
    weight: float = 1.0


@dataclass(slots=True)
class SentenceAttribution:
    index: int  # into Document.sentences
    start: int
    end: int
    paragraph: int
    section: int
    claim: bool
    # The kind of claim that needs a source ("accusation", "cause" ...; see
    # analysis.attribution.claims), or None for narration, background and the like.
    needs_source: str | None = None
    source: str = "none"  # "named" | "vague" | "none"
    # Named in the sentence itself (or carried by a pronoun / definite reference);
    # False when the named source comes only from elsewhere in the paragraph.
    own_source: bool = False
    named: Source | None = None
    vague: list[Source] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    figures: list[tuple[int, int]] = field(default_factory=list)
    quotes: int = 0
    # A paragraph introduced by a line ending in ":" ("The report concluded:") quotes
    # its introducer even when the scrape lost the quotation marks: not the outlet's voice.
    block_quote: bool = False

    @property
    def named_here(self) -> bool:
        return self.source == "named" and self.own_source

    @property
    def sourced_here(self) -> bool:
        return self.named_here or bool(self.vague)


@dataclass
class Attribution:
    sentences: list[SentenceAttribution]
    quotes: int
    quoted_chars: int
    body_chars: int
    _by_index: dict[int, SentenceAttribution] = field(default_factory=dict, repr=False)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._by_index = {s.index: s for s in self.sentences}
        self._starts = [s.start for s in self.sentences]

    def sentence(self, index: int) -> SentenceAttribution | None:
        return self._by_index.get(index)

    def sentence_at(self, offset: int) -> SentenceAttribution | None:
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def paragraph_named(self, paragraph: int) -> bool:
        return any(s.named_here for s in self.sentences if s.paragraph == paragraph)
