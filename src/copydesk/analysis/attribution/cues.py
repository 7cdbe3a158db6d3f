"""Attribution with nobody behind it: agentless passives and reactions without a reactor.

"it is believed that", "is said to", "is widely regarded as" hide who says so;
"has sparked fears", "raised concerns among international leaders", "was met with
condemnation" report a reaction and name nobody who reacts, or only a vague group.
:class:`CueFinder` turns each such construction into a :class:`Cue` (and the vague
reacting party, if any, into a vague :class:`Source`). An explicit named agent
("was criticised by the ministry", "Amnesty International raised concerns") is no cue.
"""

from __future__ import annotations

from collections.abc import Iterable

from copydesk.analysis.attribution.grammar import BE, HAVE, STOP
from copydesk.analysis.attribution.lexicon import Lexicon
from copydesk.analysis.attribution.results import Cue, Source
from copydesk.analysis.attribution.sentence import SentenceView
from copydesk.analysis.attribution.sources import SourceFinder


class CueFinder:
    """Finds the passive and reaction cues of one sentence, for one lexicon."""

    def __init__(self, lexicon: Lexicon, sources: SourceFinder) -> None:
        self.lex = lexicon
        self.sources = sources  # classifies the agent or the reacting party
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
        # Words that can open a passive attribution or a reaction.
        self.starts = (
            set(self._reaction_first)
            | set(self._reaction_phrase_first)
            | lexicon.passive_participles
            | lexicon.reaction_participles
        )

    def find(self, s: SentenceView, named: bool, cands: list[int]) -> Iterable[tuple[Cue, Source | None]]:
        """Each cue among the candidate tokens ``cands``, with its vague reacting party.

        When the sentence names its source (``named``) the constructions are still
        consumed, so that their words start no other cue, but none is reported.
        """
        lex = self.lex
        words = s.words
        n = len(words)
        starts = self.starts
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
                if words[b] in BE and not s.break_between(b, j):
                    start = b
                    if b > 0 and words[b - 1] in HAVE:
                        start = b - 1
                    it_subject = start > 0 and words[start - 1] == "it"
                    if it_subject:
                        start -= 1
                    nxt = words[j + 1] if j + 1 < n and not s.break_between(j, j + 1) else ""
                    reaction = w in lex.reaction_participles
                    if not reaction and not _passive_attribution(w, nxt, b < j - 1, it_subject):
                        continue
                    if w == "supposed" and nxt == "to" and j + 2 < n and words[j + 2] not in ("have", "be"):
                        continue  # "is supposed to open in May": a plan or a duty, not hearsay
                    end = j + 1
                    party = "none"
                    party_src: Source | None = None
                    if nxt == "by":
                        np = s.np_after(j + 2)
                        if np is not None:
                            kind, cat, _ = self.sources.classify(s, *np)
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
                        kind, cat, _ = self.sources.classify(s, *subject)
                        if kind == "named" and cat in ("name", "organisation", "person", "title"):
                            done = end
                            continue  # "Amnesty International raised concerns": somebody reacts
                party = "none"
                party_src = None
                if end < n and words[end] in lex.party_prepositions and not s.break_between(end - 1, end):
                    np = s.np_after(end + 1)
                    if np is not None:
                        kind, cat, _ = self.sources.classify(s, *np)
                        if kind == "named" and cat != "reference":
                            done = np[1]
                            continue
                        if kind == "vague":
                            party = "vague"
                            a, b2 = s.orig(*np)
                            party_src = Source(a, b2, s.ctx.text[a:b2], "vague", cat)
                            end = np[1]
                if not named:
                    if start > 0 and words[start - 1] in HAVE and verb_at == start:
                        start -= 1
                    c0, c1 = s.orig(start, end)
                    yield Cue(c0, c1, "reaction", party_src.text if party_src else None, party), party_src
                done = end

    def _reactor(self, s: SentenceView, verb_at: int) -> tuple[int, int] | None:
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

    def _match_reaction(self, s: SentenceView, j: int) -> tuple[int, int, int | None] | None:
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
                if words[m] in STOP and words[m] not in ("some", "more", "further"):
                    break
        return None


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
