"""Whose claim is it? Reporting verbs tied to the phrase that names their source.

"the ministry said", "experts predict", "according to reports", '"...", said Maria
Lopez', "the report, published on May 3, found": :class:`SourceFinder` finds the verb
of saying, walks to the noun phrase before or after it, and classifies that phrase as
a named source (a person, a title, an organisation, a document, a name, a definite
reference), a vague one (a group nobody can check), or a pronoun whose referent the
analyser looks up in the sentences before.
"""

from __future__ import annotations

from typing import NamedTuple

from copydesk import data
from copydesk.analysis.attribution.grammar import (
    BE,
    CLAUSE_PUNCT,
    DEFINITE,
    DEGREE,
    DEMONYM_SUFFIXES,
    DETERMINERS,
    FUNCTION_CAPS,
    HONORIFICS,
    INVERSION,
    MODALS,
    NOUN_MARKERS,
    QUANTIFIERS,
    SKIP_BEFORE_VERB,
    STOP,
)
from copydesk.analysis.attribution.lexicon import Lexicon
from copydesk.analysis.attribution.sentence import SentenceView


class Link(NamedTuple):
    """A reporting verb tied to the phrase that names its source."""

    kind: str  # "named" | "vague" | "pronoun"
    category: str
    np: tuple[int, int]  # token indices [lo, hi) of the source phrase, sentence-relative
    span: tuple[int, int]  # token indices of the whole construction (source + verb)
    head: str  # the vague noun ("experts") or the name's last word


class SourceFinder:
    """Finds and classifies the sources of one sentence's reporting verbs, for one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        # "according" starts "according to": a reporting verb in every lexicon.
        self.verbs = lexicon.reporting_verbs | lexicon.document_verbs | {"according"}
        # The words that can tie a sentence to a source: the verbs and the hearsay subjects.
        self.triggers = (
            self.verbs | lexicon.hearsay_subjects | lexicon.publishing_verbs | lexicon.estimate_verbs
        )
        self._vague_first: dict[str, list[tuple[str, ...]]] = {}
        self._vague_last: dict[str, list[tuple[str, ...]]] = {}
        for phrase in lexicon.vague_phrases:
            self._vague_first.setdefault(phrase[0], []).append(phrase)
            self._vague_last.setdefault(phrase[-1], []).append(phrase)
        self._anon_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in lexicon.anonymity_clauses:
            self._anon_first.setdefault(phrase[0], []).append(phrase)
        self._anon_last = frozenset(phrase[-1] for phrase in lexicon.anonymity_clauses)

    def links(self, s: SentenceView, cands: list[int]) -> list[Link]:
        """The reporting verbs among the candidate tokens ``cands``, each tied to its source.

        A source next to a clause that says it is not named ("who asked not to be
        named", "speaking on condition of anonymity") is an anonymous one, and so is a
        vague phrase with an anonymity word ("a source close to ...", "an insider").
        """
        found = self._links(s, cands)
        if not found:
            return found
        clauses = self._anonymity(s) if self._anon_first else []
        markers = self.lex.anonymous_markers
        if not clauses and (not markers or markers.isdisjoint(s.words)):
            return found
        out = []
        for link in found:
            # "The official, who asked not to be named": an office nobody is named for. A
            # named person or body stays named ("a spokesman for Norbank, who ...").
            office = link.kind == "named" and link.category in ("title", "reference")
            unnamed = link.kind == "vague" or office
            if unnamed and _beside(link, clauses):
                link = link._replace(kind="vague", category="anonymous")
            elif link.kind == "vague" and not markers.isdisjoint(s.words[link.np[0] : link.np[1]]):
                link = link._replace(category="anonymous")
            out.append(link)
        return out

    def _anonymity(self, s: SentenceView) -> list[tuple[int, int]]:
        """Token spans [lo, hi) of the anonymity clauses in the sentence, outside quotations."""
        words = s.words
        spans = []
        for k, w in enumerate(words):
            for phrase in self._anon_first.get(w, ()):
                if tuple(words[k : k + len(phrase)]) == phrase and not s.in_q[k]:
                    spans.append((k, k + len(phrase)))
                    break
        return spans

    def _anonymous_before(self, s: SentenceView, j: int) -> tuple[int, int] | None:
        """'Officials who spoke on condition of anonymity said': the source before the clause.

        The clause ends right before the verb at token j; the source is the noun phrase
        before the clause and its relative word ("who", "speaking", "who was").
        """
        words = s.words
        for lo, hi in self._anonymity(s):
            if hi != j:
                continue
            k = lo
            while k > 0 and words[k - 1] in _ANON_LEAD and lo - k < 4:
                k -= 1
            if k == lo:
                return None
            return s.np_before(k, allow_punct=True)
        return None

    def _links(self, s: SentenceView, cands: list[int]) -> list[Link]:
        lex = self.lex
        words = s.words
        n = len(words)
        links: list[Link] = []
        used: set[int] = set()
        verbs = self.verbs
        for j in cands:
            w = words[j]
            if s.in_q[j] or j in used:
                continue
            if w in lex.hearsay_subjects:
                link = _hearsay(s, j)
                if link is not None:
                    links.append(link)
                    used.update(range(link.span[0], link.span[1]))
                    continue
            # Verbs that cite only through what follows them: a document as the object
            # ("issued a statement"), a figure set at "at" ("put the toll at 40").
            cites = None
            if w not in verbs:
                if w in lex.publishing_verbs:
                    cites = self._publishes
                elif w in lex.estimate_verbs:
                    cites = self._estimates
            if cites is not None:
                progressive = _progressive(s, j)
                if not cites(s, j) or not (progressive or self._verb_use(s, j)):
                    continue
                np = s.np_before(j - 1 if progressive else j)
                if np is not None:
                    kind, cat, head = self.classify(s, *np)
                    if kind is not None:
                        links.append(Link(kind, cat, np, (np[0], j + 1), head))
                        used.update(range(np[0], j + 1))
                continue
            if w not in verbs:
                continue
            if w in _CITING and j + 1 < n and not s.in_q[j + 1]:
                # "..., citing sources in the industry": the source is the object.
                np = s.np_after(j + 1)
                if np is not None:
                    kind, cat, head = self.classify(s, *np)
                    if kind in ("named", "vague"):
                        links.append(Link(kind, cat, np, (j, np[1]), head))
                        used.update(range(j, np[1]))
                continue
            progressive = _progressive(s, j)
            if not progressive and not self._verb_use(s, j):
                continue
            if w == "according":
                if j + 1 < n and words[j + 1] == "to":
                    np = s.np_after(j + 2)
                    if np is not None:
                        kind, cat, head = self.classify(s, *np)
                        if kind is not None:
                            links.append(Link(kind, cat, np, (j, np[1]), head))
                            used.update(range(j, np[1]))
                continue
            is_doc_verb = w in lex.document_verbs and w not in lex.reporting_verbs
            # The source before the verb: "the ministry said", "experts predict", or before
            # a parenthetical: "the report, published on May 3, found".
            # "Analysts are predicting": the subject stands before the auxiliary.
            at = j - 1 if progressive else j
            if at > 0 and words[at - 1] in self._anon_last:
                np = self._anonymous_before(s, at)
                if np is not None:
                    # "An engineer, speaking on condition of anonymity, said": whoever the
                    # phrase names, nobody is named for the reader. A named person or body
                    # stays named ("a spokesman for Norbank, who ...").
                    kind, cat, head = self.classify(s, *np)
                    if kind != "named" or cat in ("title", "reference"):
                        kind, cat, head = "vague", "anonymous", words[np[1] - 1]
                    links.append(Link(kind, cat, np, (np[0], j + 1), head))
                    used.update(range(np[0], j + 1))
                    continue
            np = self._vague_phrase_before(s, at) or s.np_before(at)
            span_end = j + 1
            if np is None and not progressive:
                k = s.parenthetical_start(j)
                if k is not None:
                    np = s.np_before(k, allow_punct=True)
                    if np is not None:
                        span_end = np[1]  # the source alone, not the aside before the verb
            if np is not None:
                kind, cat, head = self.classify(s, *np)
                if is_doc_verb and not any(w in lex.documents for w in s.words[np[0] : np[1]]):
                    kind = None  # "a UN report found", "studies show"; not "police found a car"
                if w.endswith("s") and w != "says" and _plural_subject(s, np):
                    kind = None  # "several opera projects": a plural noun, not "X projects"
                if kind is not None:
                    links.append(Link(kind, cat, np, (np[0], span_end), head))
                    used.update(range(np[0], j + 1))
                    continue
            # The source after the verb: '"...", said Maria Lopez, a spokeswoman.'
            if w in INVERSION and s.clause_start_before(j):
                np = s.np_after(j + 1)
                if np is not None:
                    kind, cat, head = self.classify(s, *np)
                    if kind == "vague" and _named_in_apposition(s, np[1]):
                        kind, cat = "named", "person"  # "said a spokesman for the owner, Norbank"
                    if kind is not None:
                        links.append(Link(kind, cat, np, (j, np[1]), head))
                        used.update(range(j, np[1]))
        return links

    def _publishes(self, s: SentenceView, j: int) -> bool:
        """A document as the object within three words: "issued a brief statement"."""
        words = s.words
        for k in range(j + 1, min(len(words), j + 4)):
            if s.in_q[k] or s.break_between(k - 1, k):
                return False
            if words[k] in self.lex.documents:
                return True
        return False

    def _estimates(self, s: SentenceView, j: int) -> bool:
        """The verb sets a figure: "put the death toll at about 40", "valued it at $2bn"."""
        words = s.words
        n = len(words)
        for k in range(j + 1, min(n - 1, j + 8)):
            if s.in_q[k] or s.break_between(k - 1, k):
                return False
            if words[k] == "at":
                m = k + 1
                while m < n and words[m] in _APPROXIMATE and m - k <= 3:
                    m += 1
                return m < n and (words[m][0].isdigit() or words[m] in _NUMBER_WORDS)
        return False

    def _vague_phrase_before(self, s: SentenceView, j: int) -> tuple[int, int] | None:
        """'People familiar with the matter said': a listed group whose words would stop the walk."""
        words = s.words
        k = j - 1
        while k >= 0 and words[k] in SKIP_BEFORE_VERB and j - k <= 3:
            k -= 1
        for phrase in self._vague_last.get(words[k], ()) if k >= 0 else ():
            lo = k + 1 - len(phrase)
            if lo >= 0 and tuple(words[lo : k + 1]) == phrase and not s.break_between(lo, k):
                while lo > 0 and words[lo - 1] not in STOP and not CLAUSE_PUNCT.search(s.gap(lo)):
                    lo -= 1
                return lo, k + 1
        return None

    def _verb_use(self, s: SentenceView, j: int) -> bool:
        """Whether token j is used as a verb of saying, not as a noun or adjective."""
        words = s.words
        w = words[j]
        if w.endswith("ing") and w != "according":
            return False  # "..., saying that": the subject is out of reach; "writing" is a noun
        if w in ("written", "shown"):
            return False  # a participle: "a film written by ..."
        if j > 0:
            prev = words[j - 1]
            if prev in DETERMINERS or (prev == "s" and "'" in s.gap(j - 1)):
                return False  # "a dispute", "his report", "Napoleon's report", "an estimated"
            if j > 1 and s.cap(j - 1) and words[j - 2] in DETERMINERS:
                return False  # "a UN report", "the BBC survey"
            if prev in BE or (prev in MODALS and not s.cap(j - 1)) or prev == "t":
                return False  # "is said" is a passive (handled apart); "could write" is no report
            if prev in NOUN_MARKERS and (j >= 2 or prev not in DEGREE):
                return False  # "schools of thought", "the most cited", "to say"; not "Most say"
            if s.gap(j).endswith("-"):
                return False  # "city-states"
            if j > 1 and words[j - 2] in BE and (prev.endswith("ly") or prev in ("also", "not", "often")):
                return False
        if j > 0 and s.cap(j):
            return False  # "the notion of State": a name or a noun
        # "post-modernist": the first half of a compound.
        return not (j + 1 < len(words) and s.gap(j + 1).startswith("-"))

    def classify(self, s: SentenceView, lo: int, hi: int) -> tuple[str | None, str, str]:
        """(kind, category, head) of the phrase words[lo:hi] as the source of a claim."""
        kind, category, head = self._classify(s, lo, hi)
        if kind == "vague" and self._affiliated(s, lo, hi):
            return "named", "person", head  # "a spokesman for Norbank": the body is named
        return kind, category, head

    def _affiliated(self, s: SentenceView, lo: int, hi: int) -> bool:
        """'a spokesman for Norbank', 'an official at the ministry': an office of a named body."""
        words = s.words
        titles = self.lex.titles
        for m in range(lo, hi - 2):
            if words[m] not in titles or words[m + 1] not in ("for", "of", "at"):
                continue
            k = m + 2
            if words[k] == "the" and k + 1 < hi:
                k += 1
                return s.cap(k) or words[k] in self.lex.organisations
            return s.cap(k) and words[k] not in FUNCTION_CAPS
        return False

    def _vague_core(self, s: SentenceView, lo: int, hi: int) -> str | None:
        """The vague head of a phrase whose names only qualify it: "IBM's critics",
        "sources in the Chinese supply chain", "a source close to the Kremlin".

        The head is the noun before the first preposition (or the phrase's end), after
        any possessor; when it is a vague group and nothing capitalised stands between
        the possessor and the head, the names say whose critics or which industry,
        not who speaks.
        """
        words = s.words
        # A capitalised "With" or "In" is part of a name: "People With Money", "Doctors In Need".
        end = next((k for k in range(lo + 1, hi) if words[k] in _HEAD_ENDS and not s.cap(k)), hi)
        start = lo
        for k in range(lo, end):
            if words[k] == "s" and k > lo:
                start = k + 1  # after the possessor: "IBM's | critics"
        if start >= end or words[end - 1] not in self.lex.vague_sources:
            return None
        if end == hi and start == lo:
            return None  # no possessor and no complement: the plain rules above decide
        caps = (k for k in range(start, end) if s.cap(k) and not s.sentence_initial(k))
        if any(words[k] not in FUNCTION_CAPS for k in caps):
            return None  # "Amnesty researchers in Paris": a named body's people
        return words[end - 1]

    def _classify(self, s: SentenceView, lo: int, hi: int) -> tuple[str | None, str, str]:
        lex = self.lex
        words = s.words[lo:hi]
        if not words:
            return None, "", ""
        if len(words) == 1 and words[0] in lex.pronouns:
            return "pronoun", "pronoun", words[0]
        if words[-1] in HONORIFICS and s.cap(hi - 1):
            return "named", "person", words[-1]  # "said Dr." with the name cut off by the splitter
        # Vague multi-word groups: "people familiar with the matter", "the international community".
        for k, w in enumerate(words):
            for phrase in self._vague_first.get(w, ()):
                if tuple(words[k : k + len(phrase)]) == phrase:
                    return "vague", "group", " ".join(phrase)
        proper = False
        proper_org = False
        for k in range(lo, hi):
            w = s.words[k]
            if not s.cap(k) or w in FUNCTION_CAPS or w in lex.pronouns:
                continue
            if w in lex.vague_sources or w in lex.titles or w in lex.documents:
                if w in lex.organisations:
                    proper_org = True
                continue
            modifier = k + 1 < hi and s.words[k + 1] not in ("of", "in", "at", "for", "s")
            if modifier and (w in lex.demonyms or w.endswith(DEMONYM_SUFFIXES)):
                continue  # "Western diplomats", "Iranian officials": a group, not a name
            if k == lo and modifier and s.sentence_initial(k) and not s.cap(k + 1):
                continue  # "Recent researchers": only capitalised because it starts the sentence
            if w in lex.organisations:
                proper_org = True
            proper = True
        if words[0] in QUANTIFIERS and not proper_org:
            return "vague", "group", words[0]  # "some Gore supporters", "many Muslims"
        vague_head = next((w for w in reversed(words) if w in lex.vague_sources), None)
        if vague_head is not None and not proper and not proper_org:
            return "vague", "group", vague_head
        head = self._vague_core(s, lo, hi)
        if head is not None:
            return "vague", "group", head
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
        definite = words[0] in DEFINITE or "s" in words  # "the ministry", "Russia's envoy"
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
        # "the 21-year-old nurse": a hyphenated compound is one word of the phrase.
        if definite and sum(1 for k in range(lo + 1, hi) if s.gap(k) != "-") < 4:
            return "named", "reference", words[-1]
        if words[0] in QUANTIFIERS:
            return "vague", "group", words[0]
        return None, "", ""


# Words that end the head of a source phrase: "sources | in the industry". Not "of":
# "members of the budget committee" belong to a named body.
_HEAD_ENDS = frozenset("in at within inside close familiar near across throughout around with".split())
# Words between a source and the anonymity clause after it: "officials who spoke ...",
# "an official speaking ...", "a diplomat who was not authorised ...".
_ANON_LEAD = frozenset("who that speaking spoke talking talked was were is are has have had".split())


def _beside(link: Link, clauses: list[tuple[int, int]]) -> bool:
    """An anonymity clause right after the source phrase ("the official, who asked not to
    be named, said"; "said an official who spoke on condition of anonymity"), or right
    after the verb of a source before it ("the official said on condition of anonymity").
    """
    hi = link.np[1]
    before = link.span[1] > hi  # the source stands before its verb
    after_verb = link.span[1]
    return any(hi <= a <= hi + 3 or (before and after_verb <= a <= after_verb + 2) for a, _b in clauses)


# Participles that name the source after them: "..., citing officials", "quoting a report".
_CITING = frozenset(("citing", "quoting"))
_PROGRESSIVE_BE = frozenset(("is", "are", "was", "were"))


# What may stand between "at" and the figure an estimate sets ("at about 40", "at more
# than 200", "at between 10 and 20"), and number words that can be that figure.
_APPROXIMATE = frozenset(
    """about around roughly nearly almost some just over under more less fewer than least
    close to between up a an""".split()
)
_NUMBER_WORDS = frozenset(
    """two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
    sixty seventy eighty ninety hundred hundreds thousand thousands million millions billion
    billions dozen dozens""".split()
)


# Capitalised words that say when, not who: "said a spokesman, Monday".
_WHEN = data.words("calendar_words.txt")


def _named_in_apposition(s: SentenceView, k: int) -> bool:
    """A name right after the source phrase and a comma: "a spokesman for the owner, Norbank"."""
    if k >= len(s.words) or s.in_q[k] or "," not in s.gap(k):
        return False
    return s.cap(k) and s.words[k] not in FUNCTION_CAPS and s.words[k] not in _WHEN


def _hearsay(s: SentenceView, j: int) -> Link | None:
    """ "Rumours have pegged the price at ...": a hearsay noun as the subject of a verb.

    The noun opens its clause (after at most three modifiers: "unconfirmed reports")
    and a verb follows it: an auxiliary ("have", "are", "will") or a word that is no
    grammar word ("put", "suggest").
    """
    words = s.words
    n = len(words)
    lo = j
    while lo > 0 and j - lo < 3 and words[lo - 1] not in STOP and not s.break_between(lo - 1, lo):
        lo -= 1
    if lo > 0 and not s.break_between(lo - 1, lo) and words[lo - 1] not in ("and", "but", "that"):
        return None  # inside a clause: "he denied the rumours"
    if any(w in DEFINITE for w in words[lo:j]):
        return None  # "the rumour" refers back to one already reported: one source, one finding
    if j + 1 >= n or s.in_q[j + 1] or s.break_between(j, j + 1) or s.cap(j + 1):
        return None
    nxt = words[j + 1]
    end = j + 2
    if nxt in _AUXILIARIES:
        if j + 2 < n and not s.in_q[j + 2] and not s.break_between(j + 1, j + 2) and words[j + 2] not in STOP:
            end = j + 3
    elif nxt in STOP:
        return None
    return Link("vague", "hearsay", (lo, j + 1), (lo, end), words[j])


_AUXILIARIES = frozenset("have has had are is were was will would could may might".split())


def _progressive(s: SentenceView, j: int) -> bool:
    """ "Analysts are predicting", "the ministry is warning": a reporting verb in -ing after be."""
    w = s.words[j]
    return (
        w.endswith("ing")
        and j > 1
        and s.words[j - 1] in _PROGRESSIVE_BE
        and not s.cap(j)
        and not s.break_between(j - 1, j)
        and not s.in_q[j - 1]
    )


def _plural_subject(s: SentenceView, np: tuple[int, int]) -> bool:
    last = s.words[np[1] - 1]
    return not s.cap(np[1] - 1) and (last.endswith("s") or last in QUANTIFIERS)
