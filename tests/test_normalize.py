from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

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
