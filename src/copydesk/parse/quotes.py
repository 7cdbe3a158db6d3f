"""Direct quotations: finding the quoted passages of an article and telling speech
from scare quotes; and the views a sentence attributes to someone else.

Double quotes (curly or straight) and single quotes (British style: ‘...’ and '...')
are paired across a paragraph and, by the newsroom conventions for long quotes,
across paragraphs, also when a photo caption stands between them; the headline is
searched too. A single mark is told from an apostrophe ("don't", "the workers'
union", "'90s", "rock 'n' roll") by where it stands. A short quote counts as speech
only when a reporting verb stands in its sentence (or, in a headline, a speaker's
"Name:" before it).

A view the text attributes ("critics, who call it a power grab") is not a quotation
but is the holder's wording, not the outlet's: ``find_views`` finds those spans.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from copydesk.parse.document import Paragraph, Quote, Sentence
from copydesk.parse.normalize import NormalizedText

__all__ = ["classify_quote", "find_quotes", "find_views"]

_REPORTING = re.compile(
    r"(?<!so-)\b(said|says|say|told|tells|added|adds|asked|stated|wrote|writes|declared|"
    r"announced|according|urged|called|described|insisted|argued|claimed|warned|"
    r"noted|explained|replied|responded|tweeted|posted|saying|telling|referred|dubbed|"
    r"labell?ed|branded|termed|calling|called)\b"
)
# Headlines report speech in the present tense ("Mayor Calls Plan 'Reckless'").
_HEADLINE_REPORTING = re.compile(
    r"\b(calls|claims|warns|urges|insists|argues|describes|brands|labels|dubs|tweets|posts|"
    r"declares|announces|denies|vows|admits|slams|blasts|hails|praises|accuses|tells|asks)\b"
)

_NOT_OWNED = re.compile(
    r"(?:at|in|on|for|to|of|after|before|and|or|but|as|with|from|by|over|is|was|are|were|"
    r"has|have|had|will|would|could|can|may|might|than|that|which|who|when|if|because|while)\b"
)
_DOUBLE_OPEN = "\u201c\u201e\u00ab"
_DOUBLE_CLOSE = "\u201d\u00bb"
_SINGLE_OPEN = "\u2018\u201b"
# Where an opening mark may stand: start, space, bracket, dash or a colon.
_BEFORE_OPEN = "([{—–-:,;\"'"
# Words that begin with an apostrophe, not a quotation: '90s, 'n', 'em, 'til.
_ELISION = re.compile(r"(?:\d\d|n'|em\b|til\b|tis\b|twas\b|cause\b|bout\b|round\b|cos\b|cuz\b)", re.I)
# A caption, credit or other line that may interrupt a long quotation.
_CAPTION = re.compile(
    r"^\W*(?:photo|image|picture|pictured|video|credit|caption|advertisement|getty|"
    r"ap photo|reuters|afp|epa|related|read more|see also)\b",
    re.I,
)


class _Marks:
    """One kind of quotation mark (double or single) and how to tell its direction."""

    def __init__(self, norm: NormalizedText, mark: str, single: bool) -> None:
        self.norm, self.mark, self.single = norm, mark, single

    def kind(self, i: int, n_start: int, n_end: int, is_open_now: bool) -> str | None:
        """'open', 'close' or None (not a quotation mark here) for the mark at ``i``."""
        norm = self.norm
        text = norm.text
        ch = norm.original[norm.to_original(i, i + 1)[0]]
        prev = text[i - 1] if i > n_start else " "
        nxt = text[i + 1] if i + 1 < n_end else " "
        if not self.single:
            if ch in _DOUBLE_OPEN:
                return "open"
            if ch in _DOUBLE_CLOSE:
                return "close"
            is_open = (prev.isspace() or prev in "([{—-:,;") and not nxt.isspace()
            if is_open_now and not nxt.isalnum():
                is_open = False
            return "open" if is_open else "close"
        # Single marks double as apostrophes: only clear positions count.
        if (prev.isspace() or prev in _BEFORE_OPEN) and (nxt.isalnum() or nxt in '"(['):
            if ch == "\u2019" or _ELISION.match(text, i + 1, n_end):
                return None  # ’90s, 'n', 'em: an apostrophe opening a word
            return "open" if ch in _SINGLE_OPEN or ch == "'" else None
        if ch in _SINGLE_OPEN or prev.isspace() or nxt.isalnum():
            return None
        # "the workers' union": a plural possessive, unless a verb of saying follows.
        possessive = is_open_now and prev in "sS" and nxt == " " and text[i + 2 : i + 3].isalpha()
        # A possessive is followed by what is owned, never by a preposition or a verb:
        # "called it 'disastrous' at the meeting" closes the quote.
        if possessive and _NOT_OWNED.match(norm.lower, i + 2, n_end):
            return "close"
        if possessive and not _REPORTING.match(norm.lower, i + 2, n_end):
            return None
        return "close"

    def starts_para(self, para: Paragraph) -> bool:
        if not self.single:
            return self.norm.original[para.start : para.start + 1] in '"\u201c'
        n = self.norm.to_normalized(para.start)
        n_end = self.norm.to_normalized(para.end)
        return n < n_end and self.norm.text[n] == self.mark and self.kind(n, n, n_end, False) == "open"

    def first_closes(self, para: Paragraph) -> bool | None:
        """Does the first mark of ``para`` close a quote (None: it has none)?"""
        norm = self.norm
        n_start, n_end = norm.to_normalized(para.start), norm.to_normalized(para.end)
        i = norm.text.find(self.mark, n_start, n_end)
        if not self.single:
            if i < 0:
                return None
            ch = norm.original[norm.to_original(i, i + 1)[0]]
            if ch in _DOUBLE_OPEN or ch in _DOUBLE_CLOSE:
                return ch in _DOUBLE_CLOSE
            prev = norm.text[i - 1] if i > n_start else " "
            nxt = norm.text[i + 1] if i + 1 < n_end else " "
            return not prev.isspace() and not nxt.isalnum()
        while i >= 0:
            k = self.kind(i, n_start, n_end, True)
            if k is not None:
                return k == "close"
            i = self.norm.text.find(self.mark, i + 1, n_end)
        return None


def _is_interruption(norm: NormalizedText, para: Paragraph) -> bool:
    """A caption or credit line that may stand inside a long quotation."""
    text = norm.original[para.start : para.end]
    if any(c in text for c in "\"“”‘’'"):
        return False
    return bool(_CAPTION.match(text)) or (
        len(text.split()) <= 12 and not text.rstrip().endswith((".", "!", "?"))
    )


def find_quotes(
    norm: NormalizedText, paragraphs: list[Paragraph], headline: tuple[int, int] | None = None
) -> list[tuple[int, int]]:
    """Quoted passages (original offsets of the words inside the marks), sorted.

    Curly quotes pair by direction; straight quotes by position (an opening mark
    follows a space or punctuation, a closing one precedes it). A quote left open at
    the end of a paragraph continues when the next paragraph reopens one (the
    convention for multi-paragraph quotes) or when the next paragraph's first mark
    closes it (a quote broken over lines); a caption line between them is stepped
    over. A stray mark is ignored so it cannot hide the rest of the paragraph. A quote
    nested in another (single inside double, or the British reverse) is left out.
    """
    blocks = list(paragraphs)
    if headline is not None:
        blocks.insert(0, Paragraph(headline[0], headline[1], -1))
    doubles = _pair(_Marks(norm, '"', False), blocks)
    singles = _pair(_Marks(norm, "'", True), blocks)
    if not singles:
        return doubles
    # Doubles win a clash, since a single mark may be a misread apostrophe; but a
    # single quote holding whole doubles is the British outer quote and replaces them.
    starts = [d[0] for d in doubles]  # doubles are sorted and never overlap
    kept: list[tuple[int, int]] = []
    covered: set[int] = set()
    for s0, s1 in singles:
        if kept and s0 < kept[-1][1]:
            continue
        lo = max(0, bisect_right(starts, s0) - 1)
        hi = bisect_left(starts, s1)
        clash = [j for j in range(lo, hi) if doubles[j][1] > s0]
        if all(s0 <= doubles[j][0] and doubles[j][1] <= s1 for j in clash):
            kept.append((s0, s1))
            covered.update(clash)
    out = [d for j, d in enumerate(doubles) if j not in covered]
    return sorted(out + kept)


def _pair(marks: _Marks, paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
    norm = marks.norm
    text = norm.text
    found: list[tuple[int, int]] = []
    carry_to = -1
    for idx, para in enumerate(paragraphs):
        n_start, n_end = norm.to_normalized(para.start), norm.to_normalized(para.end)
        open_at: int | None = n_start if carry_to == idx else None
        # Jump from mark to mark with str.find rather than looking at every character.
        i = text.find(marks.mark, n_start, n_end)
        while i >= 0:
            k = marks.kind(i, n_start, n_end, open_at is not None)
            if k == "open" and open_at is None:
                open_at = i + 1
            elif k == "close" and open_at is not None:
                if i > open_at:
                    found.append(norm.to_original(open_at, i))
                open_at = None
            i = text.find(marks.mark, i + 1, n_end)
        if open_at is None or para.section < 0:
            continue
        # The quote runs on: find the paragraph that continues it, past a caption.
        nxt = idx + 1
        if nxt < len(paragraphs) and _is_interruption(norm, paragraphs[nxt]):
            nxt += 1
        if nxt >= len(paragraphs):
            continue
        if marks.starts_para(paragraphs[nxt]):
            # Multi-paragraph convention: each paragraph reopens the quote.
            if n_end > open_at:
                found.append(norm.to_original(open_at, n_end))
        elif marks.first_closes(paragraphs[nxt]):
            # A quote broken over lines (or by a caption): it closes below.
            if n_end > open_at:
                found.append(norm.to_original(open_at, n_end))
            carry_to = nxt
    return found


# "leaders, who view it as a breach". Not "what critics call a power grab": there the
# outlet takes up the label as its own noun phrase (BABE's annotators mark it biased).
_VIEW = re.compile(
    r",\s*who\s+(?:have\s+|had\s+|has\s+)?"
    r"(?:view|views|viewed|see|sees|saw|regard|regards|regarded|consider|considers|considered|"
    r"call|calls|called|describe|describes|described|label|labels|labell?ed|brand|brands|branded|"
    r"dub|dubs|dubbed|term|terms|termed|deem|deems|deemed|denounce|denounces|denounced|"
    r"condemn|condemns|condemned|decry|decries|decried)\b"
)
# Where the holder's view ends: a clause break.
_VIEW_END = re.compile(r"[,;:.!?()\u2014\u2013\"]|\s-\s|\s-{2}\s")


def find_views(norm: NormalizedText, sentences: list[Sentence]) -> list[tuple[int, int]]:
    """Spans (original offsets) of the words after a relative-clause viewing verb."""
    lower = norm.lower
    out: list[tuple[int, int]] = []
    for s in sentences:
        n0, n1 = norm.to_normalized(s.start), norm.to_normalized(s.end)
        pos = n0
        while (m := _VIEW.search(lower, pos, n1)) is not None:
            end = _VIEW_END.search(lower, m.end(), n1)
            stop = end.start() if end is not None else n1
            begin = m.end() + 1 if lower[m.end() : m.end() + 1] == " " else m.end()
            if stop > begin:
                out.append(norm.to_original(begin, stop))
            pos = max(stop, m.end())
    return out


def classify_quote(
    norm: NormalizedText,
    span: tuple[int, int],
    sentences: list[Sentence],
    starts: list[int],
    headline: tuple[int, int] | None = None,
) -> Quote:
    """The quote ``span`` as a :class:`Quote`, marked as speech or not."""
    start, end = span
    words = len(norm.original[start:end].split())
    if words >= 4:
        return Quote(start, end, True)
    if headline is not None and headline[0] <= start < headline[1]:
        # Headline style names the speaker before a colon ("Mayor: 'No surrender'").
        # Headline style also quotes in single marks where the body would use double
        # ones: a single-quoted headline phrase is someone's words, not scare quotes.
        before = norm.original[headline[0] : start]
        head = norm.original[headline[0] : headline[1]].lower()
        single = norm.original[start - 1 : start] in ("'", "\u2018") if start > 0 else False
        if ":" in before or single or _REPORTING.search(head) or _HEADLINE_REPORTING.search(head):
            return Quote(start, end, True)
        return Quote(start, end, False)
    # A short quote is speech when a reporting verb stands in the same sentence.
    i = bisect_right(starts, start) - 1
    if i >= 0 and start < sentences[i].end:
        s = sentences[i]
        n0, n1 = norm.to_normalized(s.start), norm.to_normalized(s.end)
        if _REPORTING.search(norm.lower, n0, n1):
            return Quote(start, end, True)
    return Quote(start, end, False)
