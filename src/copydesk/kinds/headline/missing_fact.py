"""Check ``headline`` / ``missing_fact``: a number or a name in the headline that the
body never mentions.

A figure is found in the body when it is the same number within rounding ("15,000" for
"14,700"), however it is written ("twenty thousand dollars", "20K"); a name when its most
specific word, a derivation, an alias ("USA" for "America") or its acronym is there, or,
for a name of several words, one of its own words (not a title) capitalised in the body:
the body calls "Mayor Ines Okafor" "Okafor", and Korean or Chinese names put the family
name first ("Park" for "Park Min-jun"). A company's legal form ("Corp", "Ltd") is no
fact, and the capitalised first word of a sentence-case headline is a name only if it
does not read as a description ("Stunned residents ...", "Furious farmers ...").
Small counts and years are not checked: bodies write them every which way, or leave
them implicit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

from copydesk.analysis.headline.support import body_order, sentence_acronyms
from copydesk.analysis.headline.tokens import NAME_GLUE
from copydesk.analysis.terms import (
    PLACE_WORDS,
    Name,
    article_terms,
    is_title_case,
    names_in,
    numbers_in,
    prefix_match,
    zipf,
)
from copydesk.data import tagged
from copydesk.kinds.headline.base import HeadlineCheck, HeadlineRule, fill
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class MissingFactRule(HeadlineRule):
    check: Literal["missing_fact"]


@kind("headline", MissingFactRule, check="missing_fact")
class MissingFactChecker(HeadlineCheck[MissingFactRule]):
    def check(self, rule: MissingFactRule, ctx: Context) -> Iterable[Hit]:
        doc = ctx.doc
        if doc.headline is None or not body_order(ctx):
            return
        at = ctx.analysis(article_terms)
        # The headline is read from the normalised text, as the body's stems are: read
        # raw, "Müller" never met the body's "muller" (diacritics are folded there).
        # Offsets are normalised ones until a hit maps them back.
        h0, headline = ctx.normalized(*doc.headline)
        for n in numbers_in(headline, h0, words=False):
            if n.value < 10 and n.value == int(n.value) and not n.percent:
                # "2 men", "3-boobed": a small count is written every which way in a body
                # ("two", "second", "a pair"); only larger figures are facts we can check.
                continue
            if 1900 <= n.value <= 2100 and n.value == int(n.value):
                continue  # a year puts the story in time; bodies often leave it implicit
            # The body's numbers are read only for a headline figure worth checking (most
            # headlines have none): reading them was ~5% of an audit.
            if any(same_number(n.value, v) for v in ctx.analysis(_body_numbers)):
                continue
            yield _fact_hit(rule, ctx, n.start, n.end, "number")
        title_case = is_title_case(headline)
        names = names_in(headline, h0, title_case=title_case)
        if not names:
            return
        body = at.body_stems | ctx.analysis(_body_aliases)
        for name in names:
            if not title_case and _opening_description(name, headline, h0, ctx):
                continue
            stems = [_ALIASES.get(s, s) for s in name.stems if s and s not in _LEGAL_FORMS]
            letters = re.sub(r"[^A-Za-z]", "", name.text)
            if not stems or (len(letters) <= 3 and name.text.upper() == name.text):
                # "TV", "PC", "US": short acronyms are written too many ways to check.
                continue
            # The most specific word of the name decides: "North Korean" is about "Korea".
            key = max(stems, key=lambda s: 9.0 - zipf(s))
            specific = [s for s in stems if 9.0 - zipf(s) >= 9.0 - zipf(key) - 0.5]
            if any(s in body for s in specific):
                continue
            # Derivations too ("Korea" for "Korean"), but of the specific words only: the
            # body's "Kurdish" does not bear out "Kurdish Peshmerga".
            if any(len(s) >= 5 and any(prefix_match(s, b) for b in body) for s in specific):
                continue
            if _acronym_found(name.text, ctx):
                continue
            if _part_found(name, ctx):
                continue
            yield _fact_hit(rule, ctx, name.start, name.end, "name")


# A company's legal form says nothing the reader must find in the body.
_LEGAL_FORMS = frozenset({"corp", "inc", "ltd", "llc", "plc", "co", "gmbh", "ag", "sa", "nv", "bv", "lp"})
_TITLES = tagged("titles.tsv", "name")
# Endings of a word that describes rather than names: a participle or an adjective
# opening a headline ("Stunned", "Grieving", "Furious", "Heartless").
_DESCRIPTIVE_ENDINGS = ("ed", "ing", "ous", "ful", "less", "ive", "able", "ible")
# Endings of a nationality or language adjective ("Kurdish", "Japanese", "Syrian").
_DEMONYM_ENDINGS = ("ish", "ese", "ian", "ean", "ic", "i")
# Words of a name this common are ordinary words too ("North", "New", "House"): finding
# one of them in the body says nothing about the name.
_PART_MAX_ZIPF = 5.1
_WORD = re.compile(r"[^\W\d_]+")


def _opening_description(name: Name, headline: str, h0: int, ctx: Context) -> bool:
    """A one-word "name" that is only the capitalised first word of the headline.

    It describes rather than names when it reads as a participle or adjective, or when
    the body writes it in lower case ("Collector pays ..." over "a collector paid ..."):
    a name is capitalised wherever it appears.
    """
    if len(name.stems) != 1 or headline[: name.start - h0].strip(" \"'“‘(#*"):
        return False
    low = name.text.lower()
    if low in PLACE_WORDS or name.text.isupper():
        return False
    if low in ctx.analysis(_body_words)[1]:
        return True
    return len(low) >= 6 and low.endswith(_DESCRIPTIVE_ENDINGS)


def _part_found(name: Name, ctx: Context) -> bool:
    """A name of several words whose own word (not a title) the body writes capitalised."""
    words = [w for w in _WORD.findall(name.text) if w.lower() not in NAME_GLUE]
    if len(words) < 2:
        return False
    capitalised = ctx.analysis(_body_words)[0]
    for k, word in enumerate(words):
        low = word.lower()
        if k < len(words) - 1 and low.endswith(_DEMONYM_ENDINGS):
            continue  # a modifier ("Kurdish" in "Kurdish Peshmerga") names the people, not the name
        if low in _TITLES or low in _LEGAL_FORMS or zipf(low) > _PART_MAX_ZIPF:
            continue
        if low in capitalised:
            return True
    return False


def _body_words(ctx: Context) -> tuple[frozenset[str], frozenset[str]]:
    """The body's words written capitalised, and written in lower case (both lower-cased)."""
    upper: set[str] = set()
    lower: set[str] = set()
    for s, e in ctx.body_sentences():
        # Normalised, like the headline's names they are compared with.
        for w in _WORD.findall(ctx.normalized(s, e)[1]):
            (upper if w[0].isupper() else lower).add(w.lower())
    return frozenset(upper), frozenset(lower)


def _body_numbers(ctx: Context) -> list[float]:
    values: list[float] = []
    for i in body_order(ctx):
        s = ctx.doc.sentences[i]
        values.extend(_sentence_numbers(ctx.normalized(s.start, s.end)[1]))
    return values


@lru_cache(maxsize=16384)
def _sentence_numbers(text: str) -> tuple[float, ...]:
    values = [n.value for n in numbers_in(text)]
    values.extend(_ORDINAL_VALUES[m.group().lower()] for m in _ORDINAL_WORD.finditer(text))
    if _SPELLED_HINT.search(text):
        values.extend(_spelled_value(m.group()) for m in _SPELLED.finditer(text))
    return tuple(values)


# Numbers spelled out in several words ("forty-five thousand", "two and a half million"),
# which the shared number reader takes one word at a time.
_UNITS = {
    w: v
    for v, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen".split()
    )
}
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_UNITS.update({w: 10 * (i + 2) for i, w in enumerate(_TENS)})
_MULTIPLIERS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_NUMBER_WORD = "(?:" + "|".join([*_UNITS, "hundred", *_MULTIPLIERS]) + ")"
_SPELLED = re.compile(
    rf"\b{_NUMBER_WORD}(?:(?:-|\s+|\s+and\s+(?:a\s+)?)(?:{_NUMBER_WORD}|half)\b)+", re.IGNORECASE
)
_SPELLED_HINT = re.compile(r"(?:hundred|thousand|million|billion|trillion|ty-)", re.IGNORECASE)


def _spelled_value(text: str) -> float:
    total = 0.0
    current = 0.0
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word == "half":
            current += 0.5
        elif word == "hundred":
            current = (current or 1) * 100
        elif word in _MULTIPLIERS:
            total += (current or 1) * _MULTIPLIERS[word]
            current = 0.0
    return total + current


_ORDINAL_VALUES = {
    "first": 1.0,
    "second": 2.0,
    "third": 3.0,
    "fourth": 4.0,
    "fifth": 5.0,
    "sixth": 6.0,
    "seventh": 7.0,
    "eighth": 8.0,
    "ninth": 9.0,
    "tenth": 10.0,
    "twice": 2.0,
    "double": 2.0,
    "half": 0.5,
    "dozen": 12.0,
}
# A whole run of ASCII letters that is one of the words above (ASCII flag: no Unicode
# case folding, so exactly the runs a [A-Za-z]+ split would give).
_ORDINAL_WORD = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(_ORDINAL_VALUES) + r")(?![A-Za-z])", re.IGNORECASE | re.ASCII
)


def same_number(a: float, b: float) -> bool:
    # A headline rounds ("15,000" for "14,700"; "$1M" for "$1.2 million").
    if a == b:
        return True
    big = max(abs(a), abs(b))
    return big > 0 and abs(a - b) / big <= 0.1


# Names a body often writes differently: the country for its short form.
_ALIASES = {"usa": "america", "uk": "britain", "eu": "europe"}


def _body_aliases(ctx: Context) -> set[str]:
    """Dotted abbreviations in the body ("U.S." -> "us", "america")."""
    out: set[str] = set()
    for s, e in ctx.body_sentences():
        for m in re.finditer(r"\b(?:[A-Za-z]\.){2,}", ctx.normalized(s, e)[1]):
            short = m.group().replace(".", "").lower()
            out.add(short)
            out.add({"us": "america", "uk": "britain"}.get(short, short))
    return out


def _acronym_found(text: str, ctx: Context) -> bool:
    """An acronym in the headline ("UN") spelled out in the body, or the reverse."""
    letters = re.sub(r"[^A-Za-z]", "", text)
    if letters.isupper() and 2 <= len(letters) <= 6:
        # "ISIS" for "Islamic State (of Iraq and Syria)": the spelled-out start suffices.
        # (Only this branch reads the body's names, the costly part.)
        initials = set(ctx.analysis(sentence_acronyms))
        return any(letters == i or letters.startswith(i) for i in initials)
    words = [w for w in re.findall(r"[^\W_]+", text) if w.lower() not in NAME_GLUE]
    if len(words) >= 2:
        acronym = "".join(w[0] for w in words).upper()
        body_text = " ".join(ctx.normalized(s, e)[1] for s, e in ctx.body_sentences())
        return re.search(rf"\b{acronym}\b", body_text) is not None
    return False


def _fact_hit(rule: MissingFactRule, ctx: Context, n0: int, n1: int, what: str) -> Hit:
    """A hit on the normalised span [n0, n1), reported on the original characters."""
    start, end = ctx.norm.to_original(n0, n1)
    match = ctx.text[start:end]
    return Hit(
        rule=rule,
        dedupe=False,
        start=start,
        end=end,
        message=fill(rule.message, match=match, what=what),
        suggestion=rule.suggestion.replace("{match}", match) if rule.suggestion else None,
        evidence={"fact": match, "kind": what},
    )
