"""One sentence seen as tokens: the noun-phrase walks the source analysis is built on.

A :class:`SentenceView` holds a body sentence's words (lower-cased), which of them are
inside a quotation, and the text between them, and answers the few questions the
analysis asks: is there clause punctuation between two words, is a word capitalised,
which noun phrase ends right before a verb or starts right after it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from copydesk.analysis.attribution.grammar import (
    AFFILIATION,
    CLAUSE_PUNCT,
    CUT_BEFORE,
    POSSESSIVES,
    PRONOUN_SUBJECTS,
    QUANTIFIERS,
    SKIP_BEFORE_VERB,
    STOP,
)

if TYPE_CHECKING:
    from copydesk.analysis.context import Context, Token

_OPENER_END = re.compile(r"[\"(]\s*$")
_COMMA_QUOTE_END = re.compile(r"[,\"]\s*$")
_COMMA_END = re.compile(r",\s*$")
# Adjectives whose complement belongs to the noun phrase: "a source close to the talks",
# "people familiar with the plan", "officials briefed on the deal".
_LINKING_ADJECTIVES = frozenset("close closer familiar briefed".split())
_KNOWING = frozenset("knowledge access".split())


def quoted_mask(tokens: list[Token], lo: int, hi: int, inside: list[tuple[int, int]]) -> list[bool]:
    """For tokens [lo, hi): whether each starts inside one of the quotation spans ``inside``."""
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


class SentenceView:
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
        return any(CLAUSE_PUNCT.search(self.gap(k)) for k in range(a + 1, b + 1))

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
            and (words[k] in SKIP_BEFORE_VERB or (words[k].endswith("ly") and not self.cap(k)))
        ):
            if CLAUSE_PUNCT.search(self.gap(k + 1)):
                break
            k -= 1
        if k < 0 or self.in_q[k] or (CLAUSE_PUNCT.search(self.gap(k + 1)) and not allow_punct):
            return None
        if words[k] in PRONOUN_SUBJECTS:
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
                words[k] in STOP
                and not (k > 0 and self.cap(k))  # "in May", "the Who": names, not grammar
                and not (words[k] in ("by", "from") and self.has_document(max(0, k - 3), k))
                and not (words[k] in ("to", "with", "on") and k > 0 and words[k - 1] in _LINKING_ADJECTIVES)
                # "people with (direct) knowledge of the talks": who they are is what they know.
                and not (words[k] == "with" and _KNOWING.intersection(words[k + 1 : k + 3]))
            ):
                break  # but "a report published by the agency", "a source close to the talks" go on
            lo = k
            if CLAUSE_PUNCT.search(self.gap(k)):
                break
            k -= 1
        # "..., and some have suggested": the clause before "and" is not part of the source.
        for k in range(hi - 2, lo - 1, -1):
            if words[k] == "and" and (words[k + 1] in QUANTIFIERS or words[k + 1] in PRONOUN_SUBJECTS):
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
        if j >= n or self.in_q[j] or CLAUSE_PUNCT.search(self.gap(j)):
            return None
        k = j
        while k < n and k - j < 10:
            w = words[k]
            if (w in STOP and not (w in ("by", "from") and self.has_document(j, k))) or self.in_q[k]:
                break  # but "a report by the Interior Ministry" goes on
            if k > j and CLAUSE_PUNCT.search(self.gap(k)):
                break
            k += 1
        # "European leaders for his rejection of ...": a complement about something else.
        for m in range(j + 1, k - 1):
            if words[m] in CUT_BEFORE or (words[m] in AFFILIATION and words[m + 1] in POSSESSIVES):
                k = m
                break
        while k > j and words[k - 1] in ("and", "of", "in", "at", "for", "the", "a"):
            k -= 1
        return (j, k) if k > j else None
