"""Fast paths give exactly what the plain code they replace gives.

Each speed shortcut (issue 7) is checked against a straightforward reference on
generated input, so a later edit cannot make them drift apart unnoticed.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk import Article
from copydesk.analysis.context import WORD, Context, Token
from copydesk.parse.normalize import _CONFUSABLES, _latin_context, _replace_confusables

_VADER_WORDS = (
    "good bad great HORRIBLE love hate kind of sort kinda no not never so this without "
    "doubt very extremely least at but the nor or isn't don't :) :( ! ? 😀 😡 , . "
    "yeah right bus stop to die for kiss of death beating heart bomb bad ass"
).split()


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_VADER_WORDS), max_size=14), st.sampled_from(["", " ", "  "]))
def test_fast_vader_scores_like_vader(words: list[str], pad: str) -> None:
    from copydesk.analysis.metrics import _vader

    text = pad + " ".join(words) + pad
    assert _vader().polarity_scores(text) == _plain_vader().polarity_scores(text)


# VADER's idioms and booster bigrams are only read around a sentiment word with three
# words before it: whole phrases make those contexts common enough to be tested.
_VADER_PHRASES = (
    "kiss of death", "yeah right", "bus stop", "the bomb", "bad ass", "beating heart",
    "kind of good", "sort of bad", "kind of", "the council said", "very", "not", "no",
    "good", "HORRIBLE", "love", "but", "never so", "without doubt", "at least", "!",
)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_VADER_PHRASES), min_size=1, max_size=10))
def test_fast_vader_idioms_like_vader(phrases: list[str]) -> None:
    from copydesk.analysis.metrics import _vader

    text = " ".join(phrases)
    assert _vader().polarity_scores(text) == _plain_vader().polarity_scores(text)


_TOKEN_PARTS = st.sampled_from(
    ["good", "BAD", "love", "war", "killed", "kind", "of", "council", "said", "no", "but",
     ":)", ":-(", "😀", "x", "ok", "Vote", "<3"]
)
_WRAPPERS = st.sampled_from(["", ",", ".", "!", '"', "'", "(", ")", "...", "--", "’"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_WRAPPERS, _TOKEN_PARTS, _WRAPPERS), max_size=12))
def test_vader_skip_gives_vaders_compound(tokens: list[tuple[str, str, str]]) -> None:
    # compound() returns 0 without scoring when may_score() rules a sentence out: that
    # must be exactly when VADER itself would have scored it 0 (punctuation included).
    from copydesk.analysis.metrics import _vader, compound

    text = " ".join(a + w + b for a, w, b in tokens)
    expected = _plain_vader().polarity_scores(text)["compound"]
    assert compound(text) == expected
    if not _vader().may_score(text):
        assert expected == 0.0


def _plain_vader():  # type: ignore[no-untyped-def]
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    global _PLAIN
    if _PLAIN is None:
        _PLAIN = SentimentIntensityAnalyzer()
    return _PLAIN


_PLAIN = None


def _replace_confusables_reference(chars: list[str]) -> None:
    """The character-by-character scan the regex-driven one replaced."""
    n = len(chars)
    i = 0
    while i < n:
        if chars[i] not in _CONFUSABLES:
            i += 1
            continue
        lo = i
        while lo > 0 and chars[lo - 1].isalpha():
            lo -= 1
        hi = i
        while hi < n and chars[hi].isalpha():
            hi += 1
        word = chars[lo:hi]
        has_latin = any(c.isascii() for c in word)
        all_twins = all(c.isascii() or c in _CONFUSABLES for c in word)
        if has_latin or (all_twins and _latin_context(chars, lo, hi)):
            for j in range(lo, hi):
                chars[j] = _CONFUSABLES.get(chars[j], chars[j])
        i = hi


_MIXED = st.text(alphabet=st.sampled_from([*list(_CONFUSABLES)[:20], *"abcopxy ,.дл1-"]), max_size=60)


@settings(max_examples=300, deadline=None)
@given(_MIXED)
def test_confusables_match_the_reference_scan(text: str) -> None:
    fast, slow = list(text), list(text)
    _replace_confusables(fast)
    _replace_confusables_reference(slow)
    assert fast == slow


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab _-'’.,\n1éİ")), max_size=80))
def test_context_tokens_match_a_plain_scan(body: str) -> None:
    ctx = Context(Article(body=body))
    lower = ctx.norm.lower
    expected = [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(lower)]
    assert ctx.tokens == expected
    assert ctx.token_texts == [t.text for t in expected]
    assert all(type(t) is Token for t in ctx.tokens)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aB _-'’.,\n1éİß")), max_size=80))
def test_headline_span_tokens_match_a_plain_scan(text: str) -> None:
    from copydesk.analysis.headline.tokens import TOKEN, span_tokens
    from copydesk.analysis.terms import stem

    low = text.lower()
    words = tuple(TOKEN.findall(low))
    spans = tuple(m.span() for m in TOKEN.finditer(low))
    assert span_tokens(text) == (words, tuple(map(stem, words)), spans)


def test_ordinal_words_match_a_letter_split() -> None:
    from copydesk.kinds.headline.missing_fact import _ORDINAL_VALUES, _ORDINAL_WORD

    text = "The FIRST of two halves, a second-half double; firsts and ſecond, twice.Half"
    expected = [
        _ORDINAL_VALUES[w.lower()]
        for w in re.findall(r"[A-Za-z]+", text)
        if w.lower() in _ORDINAL_VALUES
    ]
    assert [_ORDINAL_VALUES[m.group().lower()] for m in _ORDINAL_WORD.finditer(text)] == expected


_LINES = st.sampled_from(
    [
        "7 Things You Won't Believe About Rent",
        "This Is Why the Council Voted Again?",
        "Is this the end of cash?",
        "**What Happens When You Stop Paying?!**",
        "The council said rents rose 8% last year.",
        "You won't believe what the mayor did next, critics said.",
        "Here's why: 12 reasons the plan failed.",
        "Only time will tell.",
    ]
)


@settings(max_examples=150, deadline=None)
@given(_LINES, st.lists(_LINES, min_size=1, max_size=5), st.sampled_from(["# ", "", "**"]),
       st.booleans())
def test_headline_patterns_in_headline_lines_match_a_whole_text_scan(
    headline: str, body: list[str], mark: str, heading: bool
) -> None:
    # Headline- and heading-scoped pattern rules are matched only in those lines: the
    # report must equal the one from scanning the whole text (the findings outside
    # those lines were always dropped by scope).
    from copydesk import audit
    from copydesk.kinds import pattern

    end = "**" if mark == "**" else ""
    parts = [f"{mark}{headline}{end}", *body]
    if heading:
        parts.insert(2, f"## {body[0]}")
    text = "\n\n".join(parts)
    fast = audit(text).model_dump()
    whole = pattern._windows
    try:
        pattern._windows = lambda ctx, scope: [(0, len(ctx.norm.text))]  # type: ignore[assignment]
        slow = audit(text).model_dump()
    finally:
        pattern._windows = whole
    assert fast == slow


_OLD_EDGE = re.compile(r"^[\s>*_#|~`\[(-]*(?:\d{1,3}[.)]\s+)?|[\s*_|~`\])]*$")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab 1.)(*_#|~`[]>-\n\t\u00a0\u2003:")), max_size=40))
def test_boilerplate_core_matches_the_edge_regex(text: str) -> None:
    # _core strips the lead with one match and walks the tail back by hand; it must give
    # what the single substitution it replaced gave.
    from copydesk.kinds.boilerplate import _core

    assert _core(text) == " ".join(_OLD_EDGE.sub("", text).split())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .’“”—éİﬁ…\u200b\u00adОо")), max_size=40))
def test_one_for_one_normalisation_keeps_the_identity_map(text: str) -> None:
    # normalize() leaves the offset map as None (identity) when every character maps to
    # exactly one: that must be exactly when the explicit map would be the identity.
    from copydesk.parse.normalize import _fold_char, normalize

    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        for _ in ch if ch.isascii() else _fold_char(ch):
            starts.append(i)
            ends.append(i + 1)
    norm = normalize(text)
    if norm.starts is None:
        assert starts == list(range(len(text))) and ends == list(range(1, len(text) + 1))
        assert len(norm.text) == len(text)
    else:
        assert (list(norm.starts), list(norm.ends)) == (starts, ends)
