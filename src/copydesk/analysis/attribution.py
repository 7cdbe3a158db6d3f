"""Who says so? Claims and their sources, sentence by sentence, computed once per article.

For every body sentence this analysis decides whether it is a claim (states a fact,
a figure, an event, a judgement or a prediction) and what backs it:

- ``named``: a reporting verb ("said", "according to", "estimated", ...) tied to a
  named person, a title, an organisation or a document, or a direct quotation with
  its speaker. A pronoun or a definite reference ("the ministry") carries the named
  source of an earlier sentence over; a named source in a paragraph also covers
  the paragraph's other sentences that have no source of their own (wire style:
  "The ministry said 40 people died. Most were civilians.").
- ``vague``: the source is a group nobody can check ("experts", "officials",
  "critics", "reports", "many", "some"), an agentless passive ("it is believed",
  "is said to"), or a reaction whose only reacting party is such a group.
- ``none``.

No heavy NLP: capitalised word sequences, title, organisation and document words,
and reporting verbs on either side of the source. All word lists come from the
rule pack (the ``lexicon`` blocks of the ``attribution`` rules), so the linguistics
is data; this module only holds the logic. The result also carries the reactions
with nobody who reacts, the agentless passives and the figures of each sentence,
which the ``attribution`` rule kind turns into findings, and the article's sourcing
profile for the report.

Other analyses read it through :func:`sentence_sources` (the default pack's word
lists); the rule kind runs the same analyser with its pack's lists, and when the
lists are the same the work is shared.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from copydesk.analysis.context import Context, Token

__all__ = [
    "Attribution",
    "Cue",
    "Lexicon",
    "SentenceAttribution",
    "Source",
    "SourceAnalyzer",
    "analyzer_for",
    "sentence_sources",
]

# ---------------------------------------------------------------------------- grammar
# Closed-class words: grammar, not linguistics a newsroom would tune, so they live here.

# Words that end a noun phrase when walking away from a reporting verb.
_STOP = frozenset(
    """that which who whom whose but or while when whereas because since although though if
    as so than then where whether after before until unless to is are was were be been being
    has have had will would can could may might should must shall do does did not never
    also this these those it its there here what how why says said say told tell tells
    asked according with without by from into onto about against between through during
    under over upon among amid across toward towards like per via despite however
    meanwhile instead yet still just even only""".split()
)
# Allowed between a subject and its verb: "has also said", "on Tuesday said".
_SKIP_BEFORE_VERB = frozenset(
    """has have had did does do also previously later earlier repeatedly recently once further again publicly
    privately separately already still now then first last yesterday today tonight
    not never too on monday tuesday wednesday thursday friday saturday sunday""".split()
)
_MODALS = frozenset("could would can may might should must shall will".split())
_QUANTIFIERS = frozenset("some many several most few certain various numerous other others".split())
# Verbs that may follow their source after a comma or a quotation: '"...," said Smith'.
_INVERSION = frozenset(
    "said says added adds wrote writes asked asks explained noted continued recalled insisted".split()
)
_PRONOUN_SUBJECTS = frozenset("he she they it we i".split())
_POSSESSIVES = frozenset("his her their its our my your this that these those".split())
_AFFILIATION = frozenset("for of at from in with on".split())
_CUT_BEFORE = frozenset(
    "over about against because after before during since until regarding concerning".split()
)
# Before a verb of saying these make it a noun, an adjective or an infinitive.
_NOUN_MARKERS = frozenset("of in for with at by from to into about most more least less very".split())
_DEGREE = frozenset("most more least less very".split())
_DETERMINERS = frozenset("the a an this that these those his her their its our my your".split())
_DEFINITE = frozenset("the this that these those his her their its".split())
# Capitalised at the start of a sentence or heading without naming anyone.
_FUNCTION_CAPS = frozenset(
    """the a an in on at of for and or but to by from with as this that these those
    it its he she they we i his her their our according after before while when some
    many most several few other others all both each one""".split()
)
_BE = frozenset("is are was were be been being s".split())  # "s": it's
_HAVE = frozenset("has have had".split())
_MONTHS = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
# Punctuation in a gap that ends a noun phrase (a hyphen inside a compound does not).
_CLAUSE_PUNCT = re.compile(r"[,;:()\[\]\"—!?]|\s-\s|\.\s")
_DEMONYM_SUFFIXES = ("an", "ese", "ish", "ern", "ic", "i")

# Figures: counts, money, percentages. Years, dates, times, ordinals, ages, durations
# and identifiers ("Resolution 2397", "F-16") are not figures that need a source.
# Digit runs are found with a pattern that starts with a character class (fast to scan);
# what may stand around them is checked after.
_NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")
_UNIT = re.compile(r"\s?(?:%|percent\b|per cent\b|(?:million|billion|trillion|thousand|bn|mn)\b)", re.I)
_NOT_AFTER_NUMBER = re.compile(r"[\w\-/]|\.\d|:\d")
_CURRENCY = "$€£¥"
# An approximation right before a number belongs to the figure: "nearly 15,000".
_APPROX_BEFORE = re.compile(
    r"\b(?:nearly|almost|about|around|approximately|roughly|some|over|more than|less than|"
    r"fewer than|at least|up to|as many as|as much as|an estimated|estimated|just over|"
    r"just under|well over|close to)\s+(?:[$€£¥]\s?)?$",
    re.IGNORECASE,
)
_SPELLED_FIGURE = re.compile(
    r"\b(?:(?:tens|hundreds) of (?:thousands|millions)|hundreds|thousands|millions|billions)"
    r" of\b|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a few|several|dozens of)"
    r" (?:million|billion|trillion)\b",
    re.IGNORECASE,
)
_CAP_WORD_END = re.compile(r"[A-Z][\w.]*\s$")
_LAST_WORD = re.compile(r"(\w+)\s$")
_NEXT_WORDS = re.compile(r"\s+([A-Za-z][\w\-]*)")
_OPENER_END = re.compile(r"[\"(]\s*$")
_COMMA_QUOTE_END = re.compile(r"[,\"]\s*$")
_COMMA_END = re.compile(r",\s*$")
_MAYBE_FIGURE = re.compile(r"\d|illion|ousands")
_YEAR = re.compile(r"(?:1[5-9]|20)\d\d")
_AFTER_FIGURE_NOT_COUNT = re.compile(
    r"\s*(?:-|\s)(?:year-old|years? old|years?|months?|weeks?|days?|hours?|minutes?|seconds?|"
    r"decades?|centuries|century|a\.m\.|p\.m\.|am\b|pm\b|o'clock|st\b|nd\b|rd\b|th\b|"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\b",
    re.IGNORECASE,
)
_BEFORE_FIGURE_DATE = re.compile(
    r"(?:\b(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?|\baged?|\bno\.?|"
    r"\bnumber|\bpage|\bpp?\.|\bchapter|\barticle|\bsection|\bresolution|\bpart|\broute|\bflight)\s*$",
    re.IGNORECASE,
)
_PLURAL_NOUNS = frozenset("people children men women police staff personnel cattle".split())
_FIGURE_NOUN_STOP = _STOP | frozenset("and of in on at for the a an".split())


# ---------------------------------------------------------------------------- lexicon


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

    def merged(self, other: Lexicon) -> Lexicon:
        values = {}
        for name in self._fields:
            a, b = getattr(self, name), getattr(other, name)
            values[name] = tuple(dict.fromkeys((*a, *b))) if isinstance(a, tuple) else a | b
        return Lexicon(**values)

    @property
    def empty(self) -> bool:
        return not self.reporting_verbs


# ---------------------------------------------------------------------------- results


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
    source: str = "none"  # "named" | "vague" | "none"
    # Named in the sentence itself (or carried by a pronoun / definite reference);
    # False when the named source comes only from elsewhere in the paragraph.
    own_source: bool = False
    named: Source | None = None
    vague: list[Source] = field(default_factory=list)
    cues: list[Cue] = field(default_factory=list)
    figures: list[tuple[int, int]] = field(default_factory=list)
    quotes: int = 0

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

    def profile(self) -> dict[str, Any]:
        """The sourcing profile of the report (plain data; see report.models.SourcingProfile)."""
        claims = [s for s in self.sentences if s.claim]
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
        for s in self.sentences:
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
            "direct_quotes": self.quotes,
            "quoted_share": round(self.quoted_chars / self.body_chars, 3) if self.body_chars else 0.0,
        }


def _source_key(text: str) -> str:
    words = text.lower().split()
    while words and words[0] in _DETERMINERS:
        words = words[1:]
    return " ".join(words)


# ---------------------------------------------------------------------------- entry points

_ANALYZERS: dict[Lexicon, SourceAnalyzer] = {}


def analyzer_for(lexicon: Lexicon) -> SourceAnalyzer:
    """One analyser per distinct lexicon, so equal lexicons share the cached result."""
    analyzer = _ANALYZERS.get(lexicon)
    if analyzer is None:
        if len(_ANALYZERS) > 16:
            _ANALYZERS.clear()
        analyzer = _ANALYZERS[lexicon] = SourceAnalyzer(lexicon)
    return analyzer


def sentence_sources(ctx: Context) -> Attribution:
    """The attribution of every body sentence, with the default pack's word lists."""
    from copydesk.kinds.attribution import default_lexicon

    return ctx.analysis(analyzer_for(default_lexicon()))


# ---------------------------------------------------------------------------- the analyser


class _Link(NamedTuple):
    """A reporting verb tied to the phrase that names its source."""

    kind: str  # "named" | "vague" | "pronoun"
    category: str
    np: tuple[int, int]  # token indices [lo, hi) of the source phrase, sentence-relative
    span: tuple[int, int]  # token indices of the whole construction (source + verb)
    head: str  # the vague noun ("experts") or the name's last word


class SourceAnalyzer:
    """Callable for ``ctx.analysis``: one instance per lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self._verbs = lexicon.reporting_verbs | lexicon.document_verbs | {"according"}
        self._reaction_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in lexicon.reaction_verbs:
            self._reaction_first.setdefault(phrase[0], []).append(phrase)
        for entries in self._reaction_first.values():
            entries.sort(key=len, reverse=True)
        self._reaction_phrase_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in lexicon.reaction_phrases:
            self._reaction_phrase_first.setdefault(phrase[0], []).append(phrase)
        for entries in self._reaction_phrase_first.values():
            entries.sort(key=len, reverse=True)
        self._vague_first: dict[str, list[tuple[str, ...]]] = {}
        self._vague_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in lexicon.vague_phrases:
            self._vague_first.setdefault(phrase[0], []).append(phrase)
            self._vague_last.setdefault(phrase[-1], []).append(phrase)
        self._triggers = (
            self._verbs
            | set(self._reaction_first)
            | set(self._reaction_phrase_first)
            | lexicon.passive_participles
            | lexicon.reaction_participles
        )

        # Words that can open a passive attribution or a reaction.
        self._pr_starts = (
            set(self._reaction_first)
            | set(self._reaction_phrase_first)
            | lexicon.passive_participles
            | lexicon.reaction_participles
        )

    # The analysis proper -------------------------------------------------------
    def __call__(self, ctx: Context) -> Attribution:
        doc = ctx.doc
        norm = ctx.norm
        ntext = norm.text
        boiler = ctx.boilerplate
        tokens = ctx.tokens
        texts = ctx.token_texts
        quotes = [(norm.to_normalized(q.start), norm.to_normalized(q.end)) for q in doc.quotes if q.speech]
        quote_starts = [q[0] for q in quotes]
        tok_starts = ctx._token_starts  # shared, built once per article
        body = [
            (index, sent, norm.to_normalized(sent.start), norm.to_normalized(sent.end))
            for index, sent in enumerate(doc.sentences)
            if sent.paragraph not in boiler
        ]
        figures = self._figures(ctx, body)
        out: list[SentenceAttribution] = []
        body_chars = 0
        quoted_chars = 0
        # Quotations that open inside body sentences.
        starts = [b[2] for b in body]
        n_quotes = sum(1 for qs, _ in quotes if (i := bisect_right(starts, qs) - 1) >= 0 and qs < body[i][3])
        last_named: Source | None = None
        last_named_at = -10
        section = -1
        for index, sent, n0, n1 in body:
            if sent.section != section:
                section, last_named = sent.section, None
            lo, hi = bisect_left(tok_starts, n0), bisect_left(tok_starts, n1)
            body_chars += sent.end - sent.start
            # Speech quotes in this sentence (normalised spans, clipped to it).
            inside: list[tuple[int, int]] = []
            if quotes:
                qi = bisect_right(quote_starts, n1)
                for qs, qe in quotes[max(0, qi - 8) : qi]:
                    if qe > n0 and qs < n1:
                        inside.append((max(qs, n0), min(qe, n1)))
                quoted_chars += sum(e - s for s, e in inside)
            sa = SentenceAttribution(
                index=index,
                start=sent.start,
                end=sent.end,
                paragraph=sent.paragraph,
                section=sent.section,
                claim=False,
                quotes=len(inside),
                figures=figures.get(index, []),
            )
            out.append(sa)
            words = texts[lo:hi]
            if not words:
                continue
            sa.claim = self._is_claim(ntext, n0, n1, len(words))
            triggers = self._triggers
            # isdisjoint() settles the common case (no trigger word) in C.
            cands = (
                [] if triggers.isdisjoint(words) else [j for j, w in enumerate(words) if w in triggers]
            )
            if not cands and not (inside and last_named is not None):
                continue  # nothing here ties the sentence to a source: the common, fast case
            in_q = _quoted_mask(tokens, lo, hi, inside)
            s = _Sentence(ctx, tokens, words, lo, n0, in_q, self.lex.documents)
            links = self._links(s, cands) if cands else []
            named_link = pronoun_link = None
            for link in links:
                if link.kind == "named" and named_link is None:
                    named_link = link
                elif link.kind == "pronoun" and pronoun_link is None:
                    pronoun_link = link
                elif link.kind == "vague":
                    a, b = s.orig(*link.np)
                    sa.vague.append(Source(a, b, ctx.text[a:b], "vague", link.category))
                    c0, c1 = s.orig(*link.span)
                    sa.cues.append(Cue(c0, c1, "vague_source", ctx.text[a:b]))
            if cands:
                for cue, party_src in self._passives_and_reactions(s, named_link is not None, cands):
                    sa.cues.append(cue)
                    if party_src is not None:
                        sa.vague.append(party_src)
            if named_link is not None:
                a, b = s.orig(*named_link.np)
                sa.named = Source(a, b, ctx.text[a:b], "named", named_link.category)
                sa.source, sa.own_source = "named", True
            else:
                carried: Source | None = None
                if pronoun_link is not None or (inside and self._quote_only(s)):
                    recent = last_named if last_named is not None and index - last_named_at <= 3 else None
                    if pronoun_link is not None and pronoun_link.head in ("he", "she"):
                        # A person: the nearest name before the pronoun beats an earlier source.
                        carried = _antecedent(ctx, out, sa, s, pronoun_link.np[0], back=1) or recent
                    else:
                        carried = recent
                    if carried is None and pronoun_link is not None:
                        carried = _antecedent(ctx, out, sa, s, pronoun_link.np[0])
                if carried is None and pronoun_link is not None and pronoun_link.head != "they":
                    # "he" / "she" / "it" points at one person or body even when we cannot
                    # find the name: a specific source, not a vague group.
                    a, b = s.orig(*pronoun_link.np)
                    carried = Source(a, b, ctx.text[a:b], "named", "pronoun", True)
                if carried is not None:
                    c = carried
                    sa.named = Source(c.start, c.end, c.text, "named", c.category, True)
                    sa.source, sa.own_source = "named", True
                elif sa.vague or any(c.kind == "passive" for c in sa.cues):
                    sa.source = "vague"
                elif pronoun_link is not None:
                    # "They argue" with nobody before it to refer to: somebody, unnamed.
                    a, b = s.orig(*pronoun_link.np)
                    sa.vague.append(Source(a, b, ctx.text[a:b], "vague", "pronoun"))
                    c0, c1 = s.orig(*pronoun_link.span)
                    sa.cues.append(Cue(c0, c1, "vague_source", ctx.text[a:b]))
                    sa.source = "vague"
            if sa.named_here and sa.named is not None:
                last_named, last_named_at = sa.named, index
        _cover_paragraphs(out)
        return Attribution(out, n_quotes, quoted_chars, body_chars)

    # Claims ---------------------------------------------------------------------
    def _is_claim(self, ntext: str, n0: int, n1: int, n_words: int) -> bool:
        end = n1
        while end > n0 and ntext[end - 1] in " \"')]":
            end -= 1
        last = ntext[end - 1] if end > n0 else ""
        if last in "?:":
            return False  # a question asks; a line ending in ":" only introduces a quote or list
        return n_words >= 4

    def _quote_only(self, s: _Sentence) -> bool:
        """The sentence is (almost) all quotation: its speaker comes from context."""
        outside = sum(1 for q in s.in_q if not q)
        return outside <= 2

    # Reporting verbs and their sources ---------------------------------------------
    def _links(self, s: _Sentence, cands: list[int]) -> list[_Link]:
        lex = self.lex
        words = s.words
        n = len(words)
        links: list[_Link] = []
        used: set[int] = set()
        verbs = self._verbs
        for j in cands:
            w = words[j]
            if w not in verbs or s.in_q[j] or j in used:
                continue
            if not self._verb_use(s, j):
                continue
            if w == "according":
                if j + 1 < n and words[j + 1] == "to":
                    np = s.np_after(j + 2)
                    if np is not None:
                        kind, cat, head = self._classify(s, *np)
                        if kind is not None:
                            links.append(_Link(kind, cat, np, (j, np[1]), head))
                            used.update(range(j, np[1]))
                continue
            is_doc_verb = w in lex.document_verbs and w not in lex.reporting_verbs
            # The source before the verb: "the ministry said", "experts predict", or before
            # a parenthetical: "the report, published on May 3, found".
            np = self._vague_phrase_before(s, j) or s.np_before(j)
            span_end = j + 1
            if np is None:
                k = s.parenthetical_start(j)
                if k is not None:
                    np = s.np_before(k, allow_punct=True)
                    if np is not None:
                        span_end = np[1]  # the source alone, not the aside before the verb
            if np is not None:
                kind, cat, head = self._classify(s, *np)
                if is_doc_verb and not any(w in lex.documents for w in s.words[np[0] : np[1]]):
                    kind = None  # "a UN report found", "studies show"; not "police found a car"
                if w.endswith("s") and w != "says" and _plural_subject(s, np):
                    kind = None  # "several opera projects": a plural noun, not "X projects"
                if kind is not None:
                    links.append(_Link(kind, cat, np, (np[0], span_end), head))
                    used.update(range(np[0], j + 1))
                    continue
            # The source after the verb: '"...", said Maria Lopez, a spokeswoman.'
            if w in _INVERSION and s.clause_start_before(j):
                np = s.np_after(j + 1)
                if np is not None:
                    kind, cat, head = self._classify(s, *np)
                    if kind is not None:
                        links.append(_Link(kind, cat, np, (j, np[1]), head))
                        used.update(range(j, np[1]))
        return links

    def _vague_phrase_before(self, s: _Sentence, j: int) -> tuple[int, int] | None:
        """'People familiar with the matter said': a listed group whose words would stop the walk."""
        words = s.words
        k = j - 1
        while k >= 0 and words[k] in _SKIP_BEFORE_VERB and j - k <= 3:
            k -= 1
        for phrase in self._vague_last.get(words[k], ()) if k >= 0 else ():
            lo = k + 1 - len(phrase)
            if lo >= 0 and tuple(words[lo : k + 1]) == phrase and not s.break_between(lo, k):
                while lo > 0 and words[lo - 1] not in _STOP and not _CLAUSE_PUNCT.search(s.gap(lo)):
                    lo -= 1
                return lo, k + 1
        return None

    def _verb_use(self, s: _Sentence, j: int) -> bool:
        """Whether token j is used as a verb of saying, not as a noun or adjective."""
        words = s.words
        w = words[j]
        if w.endswith("ing") and w != "according":
            return False  # "..., saying that": the subject is out of reach; "writing" is a noun
        if w in ("written", "shown"):
            return False  # a participle: "a film written by ..."
        if j > 0:
            prev = words[j - 1]
            if prev in _DETERMINERS or (prev == "s" and "'" in s.gap(j - 1)):
                return False  # "a dispute", "his report", "Napoleon's report", "an estimated"
            if j > 1 and s.cap(j - 1) and words[j - 2] in _DETERMINERS:
                return False  # "a UN report", "the BBC survey"
            if prev in _BE or (prev in _MODALS and not s.cap(j - 1)) or prev == "t":
                return False  # "is said" is a passive (handled apart); "could write" is no report
            if prev in _NOUN_MARKERS and (j >= 2 or prev not in _DEGREE):
                return False  # "schools of thought", "the most cited", "to say"; not "Most say"
            if s.gap(j).endswith("-"):
                return False  # "city-states"
            if j > 1 and words[j - 2] in _BE and (prev.endswith("ly") or prev in ("also", "not", "often")):
                return False
        if j > 0 and s.cap(j):
            return False  # "the notion of State": a name or a noun
        # "post-modernist": the first half of a compound.
        return not (j + 1 < len(words) and s.gap(j + 1).startswith("-"))

    def _classify(self, s: _Sentence, lo: int, hi: int) -> tuple[str | None, str, str]:
        """(kind, category, head) of the phrase words[lo:hi] as the source of a claim."""
        lex = self.lex
        words = s.words[lo:hi]
        if not words:
            return None, "", ""
        if len(words) == 1 and words[0] in lex.pronouns:
            return "pronoun", "pronoun", words[0]
        # Vague multi-word groups: "people familiar with the matter", "the international community".
        for k, w in enumerate(words):
            for phrase in self._vague_first.get(w, ()):
                if tuple(words[k : k + len(phrase)]) == phrase:
                    return "vague", "group", " ".join(phrase)
        proper = False
        proper_org = False
        for k in range(lo, hi):
            w = s.words[k]
            if not s.cap(k) or w in _FUNCTION_CAPS or w in lex.pronouns:
                continue
            if w in lex.vague_sources or w in lex.titles or w in lex.documents:
                if w in lex.organisations:
                    proper_org = True
                continue
            modifier = k + 1 < hi and s.words[k + 1] not in ("of", "in", "at", "for", "s")
            if modifier and (w in lex.demonyms or w.endswith(_DEMONYM_SUFFIXES)):
                continue  # "Western diplomats", "Iranian officials": a group, not a name
            if k == lo and modifier and s.sentence_initial(k) and not s.cap(k + 1):
                continue  # "Recent researchers": only capitalised because it starts the sentence
            if w in lex.organisations:
                proper_org = True
            proper = True
        if words[0] in _QUANTIFIERS and not proper_org:
            return "vague", "group", words[0]  # "some Gore supporters", "many Muslims"
        vague_head = next((w for w in reversed(words) if w in lex.vague_sources), None)
        if vague_head is not None and not proper and not proper_org:
            return "vague", "group", vague_head
        if proper:
            if words[-1] in lex.organisations:
                return "named", "organisation", words[-1]  # "the Central Statistics Office"
            if any(w in lex.documents for w in words):
                return "named", "document", words[-1]
            last_is_name = s.cap(hi - 1) and words[-1] not in lex.organisations
            if any(w in lex.titles for w in words) and last_is_name:
                return "named", "person", words[-1]  # "agency spokeswoman Ana Kovac"
            if any(w in lex.organisations for w in words):
                return "named", "organisation", words[-1]
            if any(w in lex.titles for w in words):
                return "named", "person", words[-1]
            return "named", "name", words[-1]
        if vague_head is not None:
            return "vague", "group", vague_head
        definite = words[0] in _DEFINITE or "s" in words  # "the ministry", "Russia's envoy"
        if any(w in lex.organisations for w in words):
            if not definite and words[-1].endswith("s") and words[-1] in lex.organisations:
                return "vague", "group", words[-1]  # "rights groups", "some governments"
            return "named", "organisation", words[-1]
        if any(w in lex.documents for w in words):
            dated = any(w[:1].isdigit() for w in words)  # "a 2019 survey", "a report of May 3"
            if definite or dated:
                return "named", "document", words[-1]
            return "vague", "document", words[-1]
        if any(w in lex.titles for w in words):
            # "the president", "prosecutors": an office the reader can identify; "a spokesman" is not.
            plural_office = len(words) <= 2 and words[-1].endswith("s") and words[-1] in lex.titles
            if definite or plural_office:
                return "named", "title", words[-1]
            return "vague", "title", words[-1]
        if definite and len(words) <= 4:
            return "named", "reference", words[-1]
        if words[0] in _QUANTIFIERS:
            return "vague", "group", words[0]
        return None, "", ""

    # Passives and reactions ------------------------------------------------------------
    def _passives_and_reactions(
        self, s: _Sentence, named: bool, cands: list[int]
    ) -> Iterable[tuple[Cue, Source | None]]:
        lex = self.lex
        words = s.words
        n = len(words)
        starts = self._pr_starts
        done = 0  # the first token not consumed by an earlier match
        for j in cands:
            if j < done:
                continue
            w = words[j]
            if w not in starts or s.in_q[j]:
                continue
            # Agentless passive attribution: "is said to", "it is believed that", "is widely regarded as".
            if (w in lex.passive_participles or w in lex.reaction_participles) and j > 0:
                b = j - 1
                while b > 0 and (
                    words[b] in lex.passive_adverbs or (words[b].endswith("ly") and not s.cap(b))
                ):
                    b -= 1
                if words[b] in _BE and not s.break_between(b, j):
                    start = b
                    if b > 0 and words[b - 1] in _HAVE:
                        start = b - 1
                    it_subject = start > 0 and words[start - 1] == "it"
                    if it_subject:
                        start -= 1
                    nxt = words[j + 1] if j + 1 < n and not s.break_between(j, j + 1) else ""
                    reaction = w in lex.reaction_participles
                    if not reaction and not _passive_attribution(w, nxt, b < j - 1, it_subject):
                        continue
                    end = j + 1
                    party = "none"
                    party_src: Source | None = None
                    if nxt == "by":
                        np = s.np_after(j + 2)
                        if np is not None:
                            kind, cat, _ = self._classify(s, *np)
                            if kind == "named":
                                done = np[1]
                                continue  # an explicit agent: "was criticised by the ministry"
                            if kind == "vague":
                                party = "vague"
                                a, b2 = s.orig(*np)
                                party_src = Source(a, b2, s.ctx.text[a:b2], "vague", cat)
                                end = np[1]
                    if not named:
                        c0, c1 = s.orig(start, end)
                        kind_name = "reaction" if reaction else "passive"
                        who = party_src.text if party_src else None
                        yield Cue(c0, c1, kind_name, who, party), party_src
                    done = end
                    continue
            # Reactions: "has sparked fears", "raised concerns among ...", "was met with condemnation".
            matched = self._match_reaction(s, j)
            if matched is not None:
                start, end, verb_at = matched
                if verb_at is not None and words[verb_at] in lex.reactor_verbs:
                    subject = self._reactor(s, verb_at)
                    if subject is not None:
                        kind, cat, _ = self._classify(s, *subject)
                        if kind == "named" and cat in ("name", "organisation", "person", "title"):
                            done = end
                            continue  # "Amnesty International raised concerns": somebody reacts
                party = "none"
                party_src = None
                if end < n and words[end] in lex.party_prepositions and not s.break_between(end - 1, end):
                    np = s.np_after(end + 1)
                    if np is not None:
                        kind, cat, _ = self._classify(s, *np)
                        if kind == "named" and cat != "reference":
                            done = np[1]
                            continue
                        if kind == "vague":
                            party = "vague"
                            a, b2 = s.orig(*np)
                            party_src = Source(a, b2, s.ctx.text[a:b2], "vague", cat)
                            end = np[1]
                if not named:
                    if start > 0 and words[start - 1] in _HAVE and verb_at == start:
                        start -= 1
                    c0, c1 = s.orig(start, end)
                    yield Cue(c0, c1, "reaction", party_src.text if party_src else None, party), party_src
                done = end

    def _reactor(self, s: _Sentence, verb_at: int) -> tuple[int, int] | None:
        """The subject of "raised / voiced concerns" when it can react (a person or a body).

        "Amnesty International raised concerns" names who reacts; "the influx of
        workers raised concerns" names a cause: its head word is a common noun.
        """
        np = s.np_before(verb_at, relative=("who",))
        if np is None:
            return None
        lo, hi = np
        head = hi
        for k in range(lo, hi):
            if s.words[k] in ("of", "in", "at", "for", "from", "to", "with", "on"):
                head = k
                break
        k = head - 1
        if k < lo:
            return None
        w = s.words[k]
        lex = self.lex
        if s.cap(k) or w in lex.titles or w in lex.organisations or w in lex.vague_sources:
            return lo, hi
        return None

    def _match_reaction(self, s: _Sentence, j: int) -> tuple[int, int, int | None] | None:
        """(start, end, verb index) token indices of a reaction phrase starting at j."""
        words = s.words
        n = len(words)
        for phrase in self._reaction_phrase_first.get(words[j], ()):
            k = len(phrase)
            if tuple(words[j : j + k]) == phrase and not s.break_between(j, j + k - 1):
                return j, j + k, None
        for phrase in self._reaction_first.get(words[j], ()):
            k = len(phrase)
            if tuple(words[j : j + k]) != phrase or s.break_between(j, j + k - 1):
                continue
            # Up to three modifiers between verb and noun: "sparked widespread international concern".
            for m in range(j + k, min(n, j + k + 4)):
                if s.in_q[m] or s.break_between(m - 1, m):
                    break
                if words[m] in self.lex.reaction_nouns:
                    return j, m + 1, j
                if words[m] in _STOP and words[m] not in ("some", "more", "further"):
                    break
        return None

    # Figures ------------------------------------------------------------------------
    def _figures(
        self, ctx: Context, body: list[tuple[int, Any, int, int]]
    ) -> dict[int, list[tuple[int, int]]]:
        """Figure spans (original offsets) per body sentence index, from one pass over the text."""
        out: dict[int, list[tuple[int, int]]] = {}
        ntext = ctx.norm.text
        if not body or not _MAYBE_FIGURE.search(ntext):
            return out
        starts = [b[2] for b in body]
        found: dict[int, list[tuple[int, int]]] = {}
        for m in _NUMBER.finditer(ntext):
            start, end = m.span()
            prev = ntext[start - 1] if start else " "
            if prev in _CURRENCY or (prev == " " and start > 1 and ntext[start - 2] in _CURRENCY):
                start = start - 1 if prev in _CURRENCY else start - 2
                prev = ntext[start - 1] if start else " "
            if prev.isalnum() or prev in "_.-/:":
                continue  # "F-16", "G7", "10:30", "1.5" seen from its decimals
            unit = _UNIT.match(ntext, end)
            if unit is not None:
                end = unit.end()
            if _NOT_AFTER_NUMBER.match(ntext, end):
                continue  # "3rd", "45-year", "10:30"
            i = bisect_right(starts, start) - 1
            if i < 0 or start >= body[i][3]:
                continue
            n0, n1 = body[i][2], body[i][3]
            pre = _APPROX_BEFORE.search(ntext, max(n0, start - 24), start)
            if pre is None:
                if unit is None and _YEAR.fullmatch(m.group()):
                    continue  # "in 2024", "by 2030"
                before = ntext[max(n0, start - 12) : start]
                if _BEFORE_FIGURE_DATE.search(before):
                    continue
                if start - n0 >= 2 and _CAP_WORD_END.search(before):
                    prev_word = _LAST_WORD.search(before)
                    if prev_word and prev_word.group(1).lower() not in _FUNCTION_CAPS:
                        continue  # "Resolution 2397", "Apollo 11": an identifier
            else:
                start = pre.start()
            if _AFTER_FIGURE_NOT_COUNT.match(ntext, end, n1):
                continue
            found.setdefault(i, []).append(_extend_figure(ntext, start, end, n1))
        for key in ("illion", "ousands", "undreds"):
            pos = ntext.find(key)
            while pos >= 0:
                for m in _SPELLED_FIGURE.finditer(ntext, max(0, pos - 40), pos + 16):
                    i = bisect_right(starts, m.start()) - 1
                    if i >= 0 and m.start() < body[i][3]:
                        span = _extend_figure(ntext, m.start(), m.end(), body[i][3])
                        if span not in found.setdefault(i, []):
                            found[i].append(span)
                pos = ntext.find(key, pos + 16)
        for i, spans in found.items():
            spans.sort()
            out[body[i][0]] = [ctx.to_original(x, y) for x, y in spans]
        return out


def _extend_figure(text: str, start: int, end: int, limit: int) -> tuple[int, int]:
    """Extend a figure over the noun it counts: "nearly 8,000 North Korean nationals".

    Up to three words, through the first plural noun ("labor migrants", "people");
    with no plural in reach the figure stands alone ("7.2 percent").
    """
    pos = end
    for taken, m in enumerate(_NEXT_WORDS.finditer(text, end, min(limit, end + 60))):
        if m.start() != pos or taken >= 3:
            break
        word = m.group(1)
        lower = word.lower()
        if lower in _FIGURE_NOUN_STOP or (word.endswith("ed") and word.islower()):
            break
        pos = m.end()
        if lower in _PLURAL_NOUNS or (lower.endswith("s") and not lower.endswith("ss")):
            return start, pos
    return start, end


# Participles that attribute even with a complement after them: "is considered the best".
_OPEN_PARTICIPLES = frozenset(
    "considered deemed regarded thought believed rumoured rumored reputed alleged".split()
)
# After these a passive participle describes an event, not an attribution: "was held in Paris".
_EVENT_NEXT = frozenset("for with into out up off on at from in over under".split())


def _passive_attribution(participle: str, nxt: str, adverb: bool, it_subject: bool) -> bool:
    """Whether "be + participle" before ``nxt`` hides who says so."""
    if nxt in _EVENT_NEXT or (participle == "known" and nxt == "as"):
        return False
    if nxt in ("to", "that", "as", "by") or it_subject or adverb:
        return True
    return participle in _OPEN_PARTICIPLES


def _antecedent(
    ctx: Context,
    done: list[SentenceAttribution],
    current: SentenceAttribution,
    s: _Sentence,
    at: int,
    back: int = 3,
) -> Source | None:
    """A name before the pronoun: earlier in its sentence ("Patricia Hewitt gave a speech
    in which she said"), or in the three sentences before ("John Smith farms here. He said")."""
    ntext = ctx.norm.text
    tokens = ctx.tokens
    texts = ctx.token_texts
    spans = [(s.lo, s.lo + at)] if at > 0 else []
    for prev in reversed(done[-1 - back : -1]):
        if prev.section != current.section:
            break
        spans.append(ctx.token_range(prev.start, prev.end))
    for lo, hi in spans:
        found: Source | None = None
        k = lo
        while k < hi:
            t = tokens[k]
            if (
                ntext[t.start].isupper()
                and texts[k] not in _FUNCTION_CAPS
                and (k > lo or (k + 1 < hi and ntext[tokens[k + 1].start].isupper()))
            ):
                m = k
                while (
                    m + 1 < hi
                    and ntext[tokens[m + 1].start].isupper()
                    and ntext[tokens[m].end : tokens[m + 1].start] in (" ", "-", ".")
                ):
                    m += 1
                a, b = ctx.to_original(t.start, tokens[m].end)
                found = Source(a, b, ctx.text[a:b], "named", "name", True)
                # The subject of the sentence comes first; keep the first name found.
                break
            k += 1
        if found is not None:
            return found
    return None


def _plural_subject(s: _Sentence, np: tuple[int, int]) -> bool:
    last = s.words[np[1] - 1]
    return not s.cap(np[1] - 1) and (last.endswith("s") or last in _QUANTIFIERS)


def _quoted_mask(tokens: list[Token], lo: int, hi: int, inside: list[tuple[int, int]]) -> list[bool]:
    if not inside:
        return [False] * (hi - lo)
    mask = []
    qi = 0
    for i in range(lo, hi):
        start = tokens[i].start
        while qi < len(inside) and inside[qi][1] <= start:
            qi += 1
        mask.append(qi < len(inside) and inside[qi][0] <= start)
    return mask


def _cover_paragraphs(sentences: list[SentenceAttribution]) -> None:
    """A named source in a paragraph covers its sentences that have no source of their own.

    Each such sentence takes the nearest named sentence before it, or else the first
    one after it (a quote that ends '..., he said.' covers what came before).
    """
    by_para: dict[int, list[SentenceAttribution]] = {}
    for s in sentences:
        by_para.setdefault(s.paragraph, []).append(s)
    for group in by_para.values():
        first = next((s for s in group if s.named_here), None)
        if first is None:
            continue
        ref = first
        for s in group:
            if s.named_here:
                ref = s
            elif s.source == "none" and s.claim:
                s.source, s.named = "named", ref.named


class _Sentence:
    """Token view of one sentence with the few lookups the analysis needs."""

    __slots__ = ("ctx", "documents", "in_q", "lo", "n0", "ntext", "tokens", "words")

    def __init__(
        self,
        ctx: Context,
        tokens: list[Token],
        words: list[str],
        lo: int,
        n0: int,
        in_q: list[bool],
        documents: frozenset[str] = frozenset(),
    ) -> None:
        self.ctx = ctx
        self.documents = documents
        self.tokens = tokens
        self.words = words
        self.lo = lo
        self.n0 = n0
        self.ntext = ctx.norm.text
        self.in_q = in_q

    def gap(self, k: int) -> str:
        """Text between token k-1 and token k (sentence-relative; k=0: from the sentence start)."""
        t = self.tokens[self.lo + k]
        prev_end = self.tokens[self.lo + k - 1].end if k > 0 else self.n0
        return self.ntext[prev_end : t.start]

    def break_between(self, a: int, b: int) -> bool:
        """Clause punctuation between tokens a and b (a < b)."""
        return any(_CLAUSE_PUNCT.search(self.gap(k)) for k in range(a + 1, b + 1))

    def cap(self, k: int) -> bool:
        t = self.tokens[self.lo + k]
        return self.ntext[t.start].isupper()

    def sentence_initial(self, k: int) -> bool:
        if k == 0:
            return True
        gap = self.gap(k)
        return bool(_OPENER_END.search(gap)) and k <= 1

    def orig(self, a: int, b: int) -> tuple[int, int]:
        return self.ctx.to_original(self.tokens[self.lo + a].start, self.tokens[self.lo + b - 1].end)

    def clause_start_before(self, j: int) -> bool:
        """Punctuation right before token j: '"...," said Smith'."""
        return j > 0 and bool(_COMMA_QUOTE_END.search(self.gap(j)))

    def np_before(
        self, j: int, relative: tuple[str, ...] = ("who", "which"), allow_punct: bool = False
    ) -> tuple[int, int] | None:
        """The noun phrase that ends right before token j (skipping "has also", "on Tuesday")."""
        words = self.words
        k = j - 1
        while (
            k >= 0
            and j - k <= 4
            and not self.in_q[k]
            and (words[k] in _SKIP_BEFORE_VERB or (words[k].endswith("ly") and not self.cap(k)))
        ):
            if _CLAUSE_PUNCT.search(self.gap(k + 1)):
                break
            k -= 1
        if k < 0 or self.in_q[k] or (_CLAUSE_PUNCT.search(self.gap(k + 1)) and not allow_punct):
            return None
        if words[k] in _PRONOUN_SUBJECTS:
            return k, k + 1  # "It added", "he said"
        if words[k] in ("who", "which", "that"):
            # "Robert Fico, who said ...": the phrase before the relative clause.
            if words[k] not in relative or not _COMMA_END.search(self.gap(k)):
                return None
            k -= 1
            if k < 0:
                return None
        hi = k + 1
        lo = hi
        while k >= 0 and hi - k <= 10:
            if self.in_q[k]:
                break
            if (
                words[k] in _STOP
                and not (k > 0 and self.cap(k))  # "in May", "the Who": names, not grammar
                and not (words[k] in ("by", "from") and self.has_document(max(0, k - 3), k))
            ):
                break  # but "a report published by the agency" goes on
            lo = k
            if _CLAUSE_PUNCT.search(self.gap(k)):
                break
            k -= 1
        # "..., and some have suggested": the clause before "and" is not part of the source.
        for k in range(hi - 2, lo - 1, -1):
            if words[k] == "and" and (words[k + 1] in _QUANTIFIERS or words[k + 1] in _PRONOUN_SUBJECTS):
                lo = k + 1
                break
        # Drop leading conjunctions and prepositions left over from the clause before.
        while lo < hi and words[lo] in ("and", "s", "of", "in", "at", "for", "on"):
            lo += 1
        return (lo, hi) if lo < hi else None

    def has_document(self, lo: int, hi: int) -> bool:
        docs = self.documents
        return any(w in docs for w in self.words[lo:hi])

    def parenthetical_start(self, j: int) -> int | None:
        """'The report, published on May 3, found': the token after which the subject ends."""
        if not _COMMA_END.search(self.gap(j)):
            return None
        for k in range(j - 1, max(0, j - 12), -1):
            if self.in_q[k]:
                return None
            if _COMMA_END.search(self.gap(k)):
                return k
        return None

    def np_after(self, j: int) -> tuple[int, int] | None:
        """The noun phrase starting at token j, up to punctuation or a clause word."""
        words = self.words
        n = len(words)
        if j >= n or self.in_q[j] or _CLAUSE_PUNCT.search(self.gap(j)):
            return None
        k = j
        while k < n and k - j < 10:
            w = words[k]
            if (w in _STOP and not (w in ("by", "from") and self.has_document(j, k))) or self.in_q[k]:
                break  # but "a report by the Interior Ministry" goes on
            if k > j and _CLAUSE_PUNCT.search(self.gap(k)):
                break
            k += 1
        # "European leaders for his rejection of ...": a complement about something else.
        for m in range(j + 1, k - 1):
            if words[m] in _CUT_BEFORE or (words[m] in _AFFILIATION and words[m + 1] in _POSSESSIVES):
                k = m
                break
        while k > j and words[k - 1] in ("and", "of", "in", "at", "for", "the", "a"):
            k -= 1
        return (j, k) if k > j else None
