"""Properties that hold for any input: spans, determinism, ranges, whitespace and look-alikes."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.api import load_rules

RULES = load_rules()

WORDS = [
    "the",
    "council",
    "said",
    "regime",
    "widespread",
    "far-reaching",
    "experts",
    "predict",
    "according",
    "to",
    "reports",
    "allegedly",
    "growth",
    "in",
    "2024,",
    "nearly",
    "8,000",
    "people",
    "crossed",
    "border.",
    "“quoted",
    "words”",
    '"plain',
    'quote"',
    "Mr.",
    "U.S.",
    "\n",
    "\n\n",
    "**Heading**\n",
    "sparked",
    "fears",
    "massive",
    "influx",
    "Read",
    "More",
]
article_text = st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join) | st.text(max_size=300)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(article_text)
def test_spans_inside_text_and_excerpts_exact(text: str) -> None:
    report = copydesk.audit(text, rules=RULES)
    # Random text the detector takes for another language is reported, not graded.
    assert report.score is None if not report.assessed else 0 <= report.score <= 100
    for dim in report.dimensions.values():
        assert dim.score is None or 0 <= dim.score <= 100
    for f in report.findings:
        assert 0 <= f.span.start < f.span.end <= len(text)
        assert text[f.span.start : f.span.end] == f.excerpt
        assert f.points >= 0
        if f.in_quote:
            assert f.points == 0
    starts = [(f.span.start, f.span.end) for f in report.findings]
    assert starts == sorted(starts)


@SETTINGS
@given(article_text)
def test_deterministic(text: str) -> None:
    a = copydesk.audit(text, rules=RULES).model_dump()
    b = copydesk.audit(copydesk.Article.from_text(text), rules=RULES).model_dump()
    assert a == b


def _phrases(text: str) -> list[tuple[str, str]]:
    report = copydesk.audit(text, rules=RULES)
    return sorted(
        (f.rule_id, re.sub(r"\s+", " ", f.excerpt))
        for f in report.findings
        if f.dimension.value == "loaded_language"
    )


@SETTINGS
@given(st.lists(st.sampled_from(WORDS[:26]), min_size=1, max_size=40), st.randoms())
def test_rewrapping_and_extra_spaces_find_same_phrases(words: list[str], rnd: object) -> None:
    text = "Body text follows here. " + " ".join(words) + "."
    spaced = re.sub(" ", lambda _: rnd.choice(["  ", " ", "\t", " "]), text)  # type: ignore[attr-defined]
    assert _phrases(text) == _phrases(spaced)


LOOKALIKE = {"e": "\u0435", "a": "\u0430", "o": "\u043e", "i": "\u0456", "c": "\u0441", "p": "\u0440"}


@SETTINGS
@given(
    st.sampled_from(["regime", "widespread", "far-reaching", "massive", "influx", "slammed"]),
    st.lists(st.sampled_from(["lookalike", "zwsp", "shy", "fullwidth"]), min_size=1, max_size=3),
    st.integers(min_value=0, max_value=100),
)
def test_disguised_phrase_still_found_on_original_chars(term: str, tricks: list[str], seed: int) -> None:
    plain = f"Officials described the {term} in a statement on Monday."
    expected = {rid for rid, _ in _phrases(plain)}
    assert expected, f"{term} should be flagged plainly"
    disguised = term
    pos = 1 + seed % (len(term) - 1)
    for trick in tricks:
        if trick == "lookalike":
            disguised = "".join(LOOKALIKE.get(c, c) for c in disguised)
        elif trick == "zwsp":
            disguised = disguised[:pos] + "\u200b" + disguised[pos:]
        elif trick == "shy":
            disguised = disguised[:pos] + "\u00ad" + disguised[pos:]
        elif trick == "fullwidth":
            # Full-width forms exist for ASCII only (U+FF01..U+FF5E).
            disguised = "".join(
                chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in disguised
            )
    text = f"Officials described the {disguised} in a statement on Monday."
    report = copydesk.audit(text, rules=RULES)
    hits = [f for f in report.findings if f.rule_id in expected]
    assert hits, f"{disguised!r} was not found"
    start = text.index(disguised)
    assert any(f.span.start == start and f.span.end == start + len(disguised) for f in hits)
