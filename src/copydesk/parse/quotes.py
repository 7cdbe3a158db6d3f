"""Direct quotations: finding the quoted passages of an article and telling speech
from scare quotes.

Curly and straight double quotes are paired across a paragraph (and, by the
newsroom conventions for long quotes, across paragraphs); a short quote counts as
speech only when a reporting verb ("said", "told") stands in its sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from copydesk.parse.document import Paragraph, Quote, Sentence
from copydesk.parse.normalize import NormalizedText

__all__ = ["classify_quote", "find_quotes"]

_REPORTING = re.compile(
    r"(?<!so-)\b(said|says|say|told|tells|added|adds|asked|stated|wrote|writes|declared|"
    r"announced|according|urged|called|described|insisted|argued|claimed|warned|"
    r"noted|explained|replied|responded|tweeted|posted|saying|telling|referred|dubbed|"
    r"labell?ed|branded|termed|calling|called)\b"
)


def find_quotes(norm: NormalizedText, paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    """Double-quoted passages (original offsets of the words inside the marks).

    Curly quotes pair by direction; straight quotes by position (an opening mark
    follows a space or punctuation, a closing one precedes it). A quote left open at
    the end of a paragraph continues when the next paragraph reopens one (the
    convention for multi-paragraph quotes) or when the next paragraph's first mark
    closes it (a quote broken over lines); a stray mark is ignored so it cannot hide
    the rest of the paragraph.
    """
    text, original = norm.text, norm.original
    found: list[tuple[int, int]] = []
    carry = False
    for idx, para in enumerate(paragraphs):
        n_start, n_end = norm.to_normalized(para.start), norm.to_normalized(para.end)
        open_at: int | None = n_start if carry else None
        carry = False
        # Jump from mark to mark with str.find rather than looking at every character.
        i = text.find('"', n_start, n_end)
        while i >= 0:
            ch = original[norm.to_original(i, i + 1)[0]]
            prev = text[i - 1] if i > n_start else " "
            nxt = text[i + 1] if i + 1 < n_end else " "
            if ch == "\u201c" or ch == "\u201e" or ch == "\u00ab":
                is_open = True
            elif ch == "\u201d" or ch == "\u00bb":
                is_open = False
            else:
                is_open = (prev.isspace() or prev in "([{—-:,;") and not nxt.isspace()
                if open_at is not None and not nxt.isalnum():
                    is_open = False
            if is_open and open_at is None:
                open_at = i + 1
            elif not is_open and open_at is not None:
                if i > open_at:
                    found.append(norm.to_original(open_at, i))
                open_at = None
            i = text.find('"', i + 1, n_end)
        if open_at is not None:
            nxt_para = paragraphs[idx + 1] if idx + 1 < len(paragraphs) else None
            closes_next = _first_mark_closes(norm, nxt_para) if nxt_para is not None else None
            if nxt_para is not None and original[nxt_para.start : nxt_para.start + 1] in '"“':
                # Multi-paragraph convention: each paragraph reopens the quote.
                if n_end > open_at:
                    found.append(norm.to_original(open_at, n_end))
            elif closes_next:
                # A quote broken over lines (one sentence per line): it closes below.
                if n_end > open_at:
                    found.append(norm.to_original(open_at, n_end))
                carry = True
    return found


def _first_mark_closes(norm: NormalizedText, para: Paragraph) -> bool | None:
    """Does the first quotation mark of ``para`` close a quote (None: it has none)?"""
    text, original = norm.text, norm.original
    n_start, n_end = norm.to_normalized(para.start), norm.to_normalized(para.end)
    i = text.find('"', n_start, n_end)
    if i < 0:
        return None
    ch = original[norm.to_original(i, i + 1)[0]]
    if ch in "\u201c\u201e\u00ab":
        return False
    if ch in "\u201d\u00bb":
        return True
    prev = text[i - 1] if i > n_start else " "
    nxt = text[i + 1] if i + 1 < n_end else " "
    return not prev.isspace() and not nxt.isalnum()


def classify_quote(
    norm: NormalizedText, span: tuple[int, int], sentences: list[Sentence], starts: list[int]
) -> Quote:
    """The quote ``span`` as a :class:`Quote`, marked as speech or not."""
    start, end = span
    words = len(norm.original[start:end].split())
    if words >= 4:
        return Quote(start, end, True)
    # A short quote is speech when a reporting verb stands in the same sentence.
    i = bisect_right(starts, start) - 1
    if i >= 0 and start < sentences[i].end:
        s = sentences[i]
        n0, n1 = norm.to_normalized(s.start), norm.to_normalized(s.end)
        if _REPORTING.search(norm.lower, n0, n1):
            return Quote(start, end, True)
    return Quote(start, end, False)
