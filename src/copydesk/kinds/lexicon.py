"""Rule kind `lexicon`: terms and phrases, matched word by word in one pass.

All terms of all lexicon rules go into one index keyed by first word, so an article
is scanned once whatever the size of the packs. Matching reads the normalised,
lower-cased tokens, so look-alike letters and invisible characters cannot hide a term.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, NamedTuple

from pydantic import Field, field_validator

from copydesk.analysis.terms.words import is_stopword
from copydesk.kinds.base import RuleBase, Strict, Unless, numbers_as_words
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

import re

_WORD = re.compile(r"[^\W_]+")
# Words of a phrase may be separated by spaces, line breaks, hyphens or an apostrophe.
_GAP = re.compile(r"[ \t\r\n\-']{0,4}")


class Term(Strict):
    term: str = Field(min_length=1, max_length=120)
    suggestion: str | None = Field(default=None, max_length=300)
    weight: float = Field(default=1.0, ge=0.0, le=10.0)
    inflect: bool = False
    forms: list[str] = Field(default_factory=list, max_length=50)
    category: str | None = Field(default=None, max_length=60)
    unless: Unless | None = None

    @field_validator("forms", mode="before")
    @classmethod
    def _numbers_are_words(cls, value: object) -> object:
        return numbers_as_words(value)


class LexiconRule(RuleBase):
    kind: Literal["lexicon"]
    terms: list[Term] = Field(min_length=1, max_length=20000)
    unless: Unless | None = None
    inflect: bool = False
    # A modifier and the word it qualifies are one loaded phrase ("so-called experts",
    # "heroic rescuers"): the finding takes in the next word when it is a plain noun.
    phrase: bool = False
    # Degree words that, right before a match, belong to its phrase ("utter nonsense",
    # "a total sham"): the finding starts at them.
    phrase_before: list[str] = Field(default_factory=list, max_length=200)

    @field_validator("terms", mode="before")
    @classmethod
    def _bare_strings(cls, value: object) -> object:
        if isinstance(value, list):
            return [
                {"term": str(v)} if isinstance(v, (str, int)) and not isinstance(v, bool) else v
                for v in value
            ]
        return value


@lru_cache(maxsize=65536)
def tokenize(phrase: str) -> tuple[str, ...]:
    from copydesk.parse.normalize import normalize

    return tuple(m.group() for m in _WORD.finditer(normalize(phrase).lower))


def inflections(word: str) -> set[str]:
    """Regular English forms of ``word``: -s/-es/-ies, -ed/-d/-ied, -ing (with doubling)."""
    forms = {word}
    if len(word) < 3 or not word.isalpha():
        return forms
    vowels = "aeiou"
    if word.endswith("y") and word[-2] not in vowels:
        stem = word[:-1]
        forms |= {stem + "ies", stem + "ied", word + "ing"}
        return forms
    if word.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(word + "es")
    else:
        forms.add(word + "s")
    if word.endswith("e"):
        forms |= {word + "d", word[:-1] + "ing"}
    else:
        forms |= {word + "ed", word + "ing"}
        # Consonant-vowel-consonant endings double: slam -> slammed, slamming.
        if word[-1] not in vowels + "wxy" and word[-2] in vowels and word[-3] not in vowels:
            forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}
    return forms


class _Context(NamedTuple):
    # A tuple like _Entry below: generating a frozen dataclass costs ~1 ms of every start-up.
    before: frozenset[tuple[str, ...]]
    after: frozenset[tuple[str, ...]]
    sentence: frozenset[tuple[str, ...]]
    article: frozenset[tuple[str, ...]]

    @classmethod
    @lru_cache(maxsize=4096)
    def build(cls, *unlesses: Unless | None) -> _Context | None:
        before: set[tuple[str, ...]] = set()
        after: set[tuple[str, ...]] = set()
        sentence: set[tuple[str, ...]] = set()
        article: set[tuple[str, ...]] = set()
        for u in unlesses:
            if u is None:
                continue
            article |= {t for t in map(tokenize, u.article) if t}
            before |= {t for t in map(tokenize, u.before) if t}
            after |= {t for t in map(tokenize, u.after) if t}
            for phrase in u.sentence:
                toks = tokenize(phrase)
                if toks:
                    sentence |= {toks}
                    if len(toks) == 1:
                        sentence |= {(f,) for f in inflections(toks[0])}
        if not (before or after or sentence or article):
            return None
        return cls(frozenset(before), frozenset(after), frozenset(sentence), frozenset(article))


class _Entry(NamedTuple):
    # A tuple rather than a slots dataclass: the index holds ~5,000 entries and a
    # dataclass unpickles through a Python-level __setstate__ (~25 ms of every start-up
    # that reads the engine from its snapshot, see snapshot.py).
    rule: LexiconRule
    term: Term
    tokens: tuple[str, ...]
    context: _Context | None



@kind("lexicon", LexiconRule)
class LexiconChecker:
    phase = 1

    def __init__(self, rules: list[LexiconRule]) -> None:
        index: dict[str, list[_Entry]] = defaultdict(list)
        seen: set[tuple[str, tuple[str, ...]]] = set()
        for rule in rules:
            for term in rule.terms:
                context = _Context.build(rule.unless, term.unless)
                for variant in _variants(term, rule.inflect):
                    key = (rule.id, variant)
                    if not variant or key in seen:
                        continue
                    seen.add(key)
                    index[variant[0]].append(_Entry(rule, term, variant, context))
        for entries in index.values():
            entries.sort(key=lambda e: -len(e.tokens))
        self.firsts = frozenset(index)
        self.before: dict[str, frozenset[str]] = {
            rule.id: frozenset(w for phrase in rule.phrase_before for w in tokenize(phrase)[-1:])
            for rule in rules
            if rule.phrase_before
        }
        # The entries that can match at a position, keyed by its first two words: common
        # first words ("the", "a") start dozens of phrases, and most fail on the second word.
        # Each list keeps the longest-first order above. Only this is kept, not the index
        # by first word too: the checker is unpickled from the snapshot at every start-up.
        self.by_pair: dict[str, tuple[list[_Entry], dict[str, list[_Entry]]]] = {}
        for first, entries in index.items():
            singles = [e for e in entries if len(e.tokens) == 1]
            seconds = {e.tokens[1] for e in entries if len(e.tokens) > 1}
            pairs = {
                w: [e for e in entries if len(e.tokens) == 1 or e.tokens[1] == w]
                for w in seconds
            }
            self.by_pair[first] = (singles, pairs)

    def run(self, ctx: Context) -> Iterable[Hit]:
        tokens = ctx.tokens
        texts = ctx.token_texts
        text = ctx.norm.lower
        cased = ctx.norm.text
        n = len(texts)
        # Visit only the positions of words that start some entry: most words start none.
        present = self.firsts.intersection(texts)
        by_pair = self.by_pair
        for i in [i for i, word in enumerate(texts) if word in present]:
            singles, pairs = by_pair[texts[i]]
            entries = pairs.get(texts[i + 1], singles) if i + 1 < n else singles
            matched_rules: set[str] = set()
            for entry in entries:
                if entry.rule.id in matched_rules:
                    continue  # the longest phrase of this rule here has already matched
                size = len(entry.tokens)
                if i + size > n or texts[i : i + size] != list(entry.tokens):
                    continue
                if size > 1 and not _contiguous(text, tokens, i, size):
                    continue
                if entry.context is not None and _excluded(ctx, entry.context, i, size):
                    continue
                first, last = tokens[i].start, tokens[i + size - 1].end
                if cased[first].isupper() and _part_of_a_name(ctx, first, last):
                    continue
                matched_rules.add(entry.rule.id)
                first_tok, last_tok = i, i + size - 1
                if entry.rule.phrase:
                    last_tok = _qualified_word(texts, tokens, text, cased, last_tok)
                degree = self.before.get(entry.rule.id)
                joined = i > 0 and _spaced(text, tokens[i - 1].end, tokens[i].start)
                if degree and joined and texts[i - 1] in degree:
                    first_tok = i - 1
                start, end = ctx.to_original(tokens[first_tok].start, tokens[last_tok].end)
                yield Hit(
                    rule=entry.rule,
                    start=start,
                    end=end,
                    suggestion=entry.term.suggestion or entry.rule.suggestion,
                    category=entry.term.category or entry.rule.category,
                    weight=entry.term.weight,
                    evidence={"term": entry.term.term},
                )


# Endings of a matched word that is itself a noun (a plural, an abstract noun): it
# qualifies nothing, so the phrase ends with it ("heroes" in "heroes arrived").
_NOUN_ENDINGS = (
    "ion", "ions", "ism", "isms", "ment", "ments", "ness", "ity", "ities",
    "ance", "ence", "ances", "ences", "ery", "hood", "ship", "dom",
)


# Words of one phrase: white space only, across at most one line break (text rewrapped
# inside a paragraph), never a blank line.
_SPACE = re.compile(r"[ \t]*\n?[ \t]*")


def _spaced(text: str, start: int, end: int) -> bool:
    return start < end and _SPACE.fullmatch(text, start, end) is not None


def _qualified_word(texts: list[str], tokens: list, lower: str, cased: str, j: int) -> int:
    """The index of the last word of the phrase a modifier ending at word ``j`` heads:
    the next word when it is a lower-case content word right after white space
    ("so-called experts"), else ``j``. A past participle or a stopword after the match
    starts the rest of the clause ("heroes rescued", "brave and"), not the phrase;
    a hyphenated or possessive word counts as one ("poster-boy", "nation's")."""
    word = texts[j]
    if (word.endswith("s") and not word.endswith(("ss", "ous", "us", "is", "less"))) or word.endswith(
        _NOUN_ENDINGS
    ):
        return j
    k = j + 1
    if k >= len(texts) or not _spaced(lower, tokens[j].end, tokens[k].start):
        return j
    nxt = texts[k]
    if not nxt.isalpha() or not cased[tokens[k].start].islower() or nxt.endswith("ed") or is_stopword(nxt):
        return j
    while k + 1 < len(texts) and lower[tokens[k].end : tokens[k + 1].start] in ("-", "'", "’"):
        k += 1
    return k


# A capitalised word just before or after (across "of", "the", "and"), or the possessive
# of one: "the Brutal Truth tour", "Pillar of Islam", "the band's Creep".
_NAME_BEFORE = re.compile(r"(?:[A-Z][\w.]*(?:['’]s)?|\w+['’]s|[A-Z][\w]*\s+(?:of|the|and))\s+$")
_NAME_AFTER = re.compile(r"\s+(?:(?:of|the|and|de|du|la)\s+)*[A-Z][a-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“‘(\[—–-]\s*|\n)\s*$")


def _part_of_a_name(ctx: Context, start: int, end: int) -> bool:
    """A capitalised loaded word inside a body sentence, next to other capitalised words,
    is part of a name or title (a song, a book, a party, a pillar of a faith), not the
    outlet's wording. Headlines and headings capitalise every word, so they are left out;
    so is the first word of a sentence, whose capital says nothing.
    """
    cased = ctx.norm.text
    word = cased[start:end]
    if word.isupper():
        return False  # shouting capitals are a problem of their own, not a name
    before = cased[max(0, start - 40) : start]
    if _SENTENCE_START.search(before):
        return False
    o_start, _ = ctx.to_original(start, end)
    unit = ctx.unit_at(o_start)
    if unit is None or unit.kind != "body":
        return False
    return bool(_NAME_BEFORE.search(before) or _NAME_AFTER.match(cased, end))


def _variants(term: Term, rule_inflect: bool) -> Iterable[tuple[str, ...]]:
    spellings = [term.term, *term.forms]
    out: set[tuple[str, ...]] = set()
    for spelling in spellings:
        toks = tokenize(spelling)
        if not toks:
            continue
        last_forms = inflections(toks[-1]) if (term.inflect or rule_inflect) else {toks[-1]}
        for form in last_forms:
            out.add((*toks[:-1], form))
        if "-" in spelling and len(toks) > 1:
            out.add(("".join(toks),))  # "far-reaching" also as "farreaching"
    return out


def _contiguous(text: str, tokens: list, i: int, size: int) -> bool:
    for j in range(i, i + size - 1):
        gap_start, gap_end = tokens[j].end, tokens[j + 1].start
        m = _GAP.fullmatch(text, gap_start, gap_end)
        if m is None:
            return False
    return True


def _excluded(ctx: Context, context: _Context, i: int, size: int) -> bool:
    texts = ctx.token_texts
    for phrase in context.before:
        k = len(phrase)
        if i - k >= 0 and tuple(texts[i - k : i]) == phrase:
            return True
    for phrase in context.after:
        k = len(phrase)
        if tuple(texts[i + size : i + size + k]) == phrase:
            return True
    if context.article and any(map(ctx.analysis(_article_phrases), context.article)):
        return True
    if context.sentence:
        tok = ctx.tokens[i]
        start, _ = ctx.to_original(tok.start, tok.end)
        unit = ctx.unit_at(start)
        lo, hi = ctx.token_range(unit.start, unit.end) if unit else (max(0, i - 30), i + 30)
        window = texts[lo:hi]
        for phrase in context.sentence:
            k = len(phrase)
            if k == 1:
                if phrase[0] in window:
                    return True
            elif any(tuple(window[j : j + k]) == phrase for j in range(len(window) - k + 1)):
                return True
    return False


def _article_phrases(ctx: Context) -> Callable[[tuple[str, ...]], bool]:
    """Whether a phrase occurs anywhere in the article: one pass over its words per
    phrase asked, remembered for the article (an ``unless: article`` list is short)."""
    texts = ctx.token_texts
    words = frozenset(texts)
    known: dict[tuple[str, ...], bool] = {}

    def occurs(phrase: tuple[str, ...]) -> bool:
        found = known.get(phrase)
        if found is None:
            k = len(phrase)
            found = all(w in words for w in phrase) and (
                k == 1 or any(tuple(texts[j : j + k]) == phrase for j in _positions(texts, phrase[0]))
            )
            known[phrase] = found
        return found

    return occurs


def _positions(texts: list[str], word: str) -> Iterable[int]:
    return (j for j, w in enumerate(texts) if w == word)
