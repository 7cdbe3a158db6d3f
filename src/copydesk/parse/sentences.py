"""Sentence splitting: where one sentence of a paragraph ends and the next begins.

A full stop ends a sentence unless it closes an abbreviation, a title ("Sen. Warren")
or an initial ("J. K. Rowling"); then only a typical sentence opener after it does.
The word lists come from ``copydesk/data`` (each file's header says what it holds).
"""

from __future__ import annotations

import re

from copydesk import data
from copydesk.parse.document import strip_span
from copydesk.parse.normalize import NormalizedText

__all__ = ["split_sentences"]

# Titles that never end a sentence share titles.tsv with the name finder.
_TITLES = data.tagged("titles.tsv", "abbrev")
_ABBREVIATIONS = data.words("abbreviations.txt") | _TITLES
_SENTENCE_STARTERS = data.words("sentence_starters.txt")
_BOUNDARY = re.compile(r"([.!?]+|\.\.\.|…)([\"'”’)\]]*)(\s+)")


def split_sentences(norm: NormalizedText, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (original offsets) of the paragraph original[start:end]."""
    original = norm.original
    # Work on the normalised text so curly quotes and odd spaces look like plain ones.
    n_start, n_end = norm.to_normalized(start), norm.to_normalized(end)
    text = norm.text
    spans: list[tuple[int, int]] = []
    sent_start = n_start
    for m in _BOUNDARY.finditer(text, n_start, n_end):
        cut = m.end(2)
        nxt = m.end(3)
        if nxt >= n_end:
            break
        if not _is_boundary(text, m, nxt):
            continue
        spans.append((sent_start, cut))
        sent_start = nxt
    spans.append((sent_start, n_end))
    out: list[tuple[int, int]] = []
    for s, e in spans:
        os_, oe = norm.to_original(s, e)
        os_, oe = strip_span(original, os_, oe)
        if oe > os_:
            out.append((os_, oe))
    return out


def _is_boundary(text: str, m: re.Match[str], nxt: int) -> bool:
    punct = m.group(1)
    following = text[nxt : nxt + 1]
    if not following:
        return False
    if punct != ".":
        # '?' or '!' inside a quote followed by a lower-case "he said" does not end it.
        return not following.islower()
    word_start = m.start(1)
    while word_start > 0 and (text[word_start - 1].isalnum() or text[word_start - 1] == "."):
        word_start -= 1
    word = text[word_start : m.start(1)]
    lowered = word.lower()
    if following.islower() or following in ",;:":
        return False
    if lowered in _TITLES:
        return False
    if lowered in _ABBREVIATIONS and not m.group(2):
        return _next_word(text, nxt) in _SENTENCE_STARTERS
    if len(word) == 1 and word.isupper():
        # An initial ("J. K. Rowling") unless a clear sentence starter follows.
        return _next_word(text, nxt) in _SENTENCE_STARTERS
    if "." in word and not m.group(2):
        # "U.S." / "a.m.": ends a sentence only before a typical sentence opener.
        return _next_word(text, nxt) in _SENTENCE_STARTERS
    return True


def _next_word(text: str, pos: int) -> str:
    m = re.match(r"[\"'(\[]*([A-Za-z]+)", text[pos : pos + 30])
    return m.group(1).lower() if m else ""
