from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.parse.normalize import normalize


def test_ascii_is_identity() -> None:
    n = normalize("Plain text, nothing odd.")
    assert n.text == "Plain text, nothing odd."
    assert n.to_original(6, 10) == (6, 10)


def test_curly_quotes_and_dashes_fold() -> None:
    n = normalize("“Russia’s far‑reaching move” – he said")
    assert n.text == '"Russia\'s far-reaching move" \u2014 he said'
    assert n.lower.startswith("\"russia's")


def test_invisible_characters_vanish_and_map_back() -> None:
    original = "re\u200bgi\u00adme"
    n = normalize(original)
    assert n.text == "regime"
    assert n.to_original(0, len(n.text)) == (0, len(original))


def test_cyrillic_lookalikes_inside_latin_word() -> None:
    original = "the r\u0435gim\u0435 fell"  # Cyrillic e twice
    n = normalize(original)
    assert n.text == "the regime fell"
    start, end = n.to_original(4, 10)
    assert original[start:end] == "r\u0435gim\u0435"


def test_genuine_cyrillic_word_untouched() -> None:
    n = normalize("Путин сказал")
    assert n.text == "Путин сказал"


def test_fullwidth_and_diacritics() -> None:
    n = normalize("ｒｅｇｉｍｅ and sparkéd and spa\u0301rked")
    assert n.lower == "regime and sparked and sparked"


@given(st.text(max_size=200))
def test_map_is_monotonic_and_in_bounds(text: str) -> None:
    n = normalize(text)
    assert len(n.text) == len(n.lower)
    for i in range(len(n.text)):
        s, e = n.to_original(i, i + 1)
        assert 0 <= s < e <= len(text)
    if n.starts is not None:
        assert list(n.starts) == sorted(n.starts)


# ---------------------------------------------------------------- the text as a reader sees it

_PIECES = st.sampled_from(
    ["wide", "spread", "regime", "w", "i", "d", "e", "*", "**", "<b>", "</b>", "<i>", "&#115;",
     "&amp;", "&", ";", "-", "\n", " ", "  ", "\u0435", "\u13da", "\u1d05", ".", "\u201c"]
)


@given(st.lists(_PIECES, max_size=60).map("".join))
def test_reader_edits_keep_the_map_monotonic_and_in_bounds(text: str) -> None:
    n = normalize(text)
    assert len(n.text) == len(n.lower)
    for i in range(len(n.text)):
        s, e = n.to_original(i, i + 1)
        assert 0 <= s < e <= len(text)
    if n.starts is not None:
        assert list(n.starts) == sorted(n.starts)
        assert list(n.ends) == sorted(n.ends)  # type: ignore[arg-type]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PIECES, min_size=1, max_size=40).map("".join))
def test_findings_on_disguised_text_stay_inside_it(text: str) -> None:
    report = copydesk.audit("The council said " + text + " on Tuesday.\n")
    full = "The council said " + text + " on Tuesday.\n"
    for f in report.findings:
        assert 0 <= f.span.start <= f.span.end <= len(full)
        assert full[f.span.start : f.span.end] == f.excerpt


# Ordinary prose: whole words (some loaded, some emphasised whole, compounds with their
# hyphen inside a line), spaces, line breaks and punctuation, none of the tricks.
_WORDS = st.sampled_from(
    ["The", "council", "said", "widespread", "regime", "**widespread**", "*regime*", "well-known",
     "so-called", "slammed", "riders", "a", "I", "J.", "R.", "on", "Tuesday", "AT&T", "5", "-", "—",
     "“quoted”", "'s", "(bus)", "cuts", "shocking"]
)
_ORDINARY = st.lists(
    st.tuples(_WORDS, st.sampled_from([" ", " ", " ", ", ", ". ", "\n", "\n\n"])), min_size=1, max_size=60
).map(lambda parts: "".join(w + sep for w, sep in parts))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_ORDINARY)
def test_ordinary_text_gives_the_same_findings_with_and_without_reader_edits(text: str) -> None:
    from unittest import mock

    from copydesk.parse import normalize as module

    def findings() -> list[tuple[str, int, int, str]]:
        report = copydesk.audit(text)
        return [(f.rule_id, f.span.start, f.span.end, f.message) for f in report.findings]

    edited = findings()
    with mock.patch.object(module, "_reader_edits", lambda original: []):
        plain = findings()
    assert edited == plain
