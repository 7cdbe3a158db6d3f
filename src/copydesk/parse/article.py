"""The article: input model and parsing into headline, sections, paragraphs, sentences, quotes.

Parsing happens once per article. Every piece keeps character offsets into
``Article.text`` (the text exactly as given), so findings point at what the reader sees.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

from copydesk import data
from copydesk.parse.normalize import NormalizedText, normalize

__all__ = ["Article", "Document", "Paragraph", "Quote", "Section", "Sentence", "parse"]


# Immutable records are NamedTuples, not dataclasses: generating a dataclass costs ~1 ms
# of every start-up.
class Sentence(NamedTuple):
    start: int
    end: int
    paragraph: int
    section: int


@dataclass(slots=True)
class Paragraph:
    start: int
    end: int
    section: int
    sentences: list[int] = field(default_factory=list)


@dataclass(slots=True)
class Section:
    index: int
    heading: tuple[int, int] | None
    paragraphs: list[int] = field(default_factory=list)


class Quote(NamedTuple):
    """A direct quotation: ``start``/``end`` cover the words inside the marks."""

    start: int
    end: int
    speech: bool  # False for a short scare quote with no speaker: still the outlet's voice


@dataclass
class Document:
    """The parsed article. All offsets index ``text``."""

    text: str
    norm: NormalizedText
    headline: tuple[int, int] | None
    sections: list[Section]
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    quotes: list[Quote]
    # Spans that are not article prose at all (code blocks, HTML comments, tables rules).
    skipped: list[tuple[int, int]]

    def slice(self, span: tuple[int, int]) -> str:
        return self.text[span[0] : span[1]]

    @property
    def headings(self) -> list[tuple[int, int]]:
        return [s.heading for s in self.sections if s.heading is not None]

    def quote_at(self, start: int, end: int) -> Quote | None:
        """The speech quote containing [start, end), if any (quotes never overlap)."""
        i = bisect_right(self._quote_starts, start) - 1
        if i >= 0:
            q = self.quotes[i]
            if q.speech and end <= q.end:
                return q
        return None

    @cached_property
    def _quote_starts(self) -> list[int]:
        return [q.start for q in self.quotes]



class Article(BaseModel):
    """A news article: a headline (optional) and a body.

    Build it from parts, ``Article(headline="...", body="...")``, or from a whole
    plain-text or Markdown document with ``Article.from_text(text)``. ``text`` is the
    canonical text every span in a report indexes into.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    headline: str | None = None
    body: str = ""
    id: str | None = None
    source: str | None = None

    _text: str | None = PrivateAttr(default=None)
    _doc: Document | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _check(self) -> Article:
        if self.headline is not None and ("\n" in self.headline.strip()):
            raise ValueError("headline must be a single line")
        return self

    @classmethod
    def from_text(cls, text: str, *, id: str | None = None, source: str | None = None) -> Article:
        """Parse plain text or Markdown; the headline is found in the text itself."""
        if not isinstance(text, str):
            raise TypeError(f"Article.from_text expects str, got {type(text).__name__}")
        doc = parse(text)
        headline = doc.slice(doc.headline) if doc.headline else None
        body_start = _after_headline_line(text, doc.headline)
        article = cls(headline=headline, body=text[body_start:], id=id, source=source)
        article._text = text
        article._doc = doc
        return article

    @property
    def text(self) -> str:
        if self._text is None:
            if self.headline:
                self._text = f"{self.headline.strip()}\n\n{self.body}"
            else:
                self._text = self.body
        return self._text

    @property
    def document(self) -> Document:
        if self._doc is None:
            if self.headline and self.headline.strip():
                self._doc = parse(self.text, headline=(0, len(self.headline.strip())))
            else:
                self._doc = parse(self.text, headline=None)
        return self._doc


def _after_headline_line(text: str, headline: tuple[int, int] | None) -> int:
    if headline is None:
        return 0
    nl = text.find("\n", headline[1])
    return len(text) if nl < 0 else nl + 1


# ---------------------------------------------------------------- parsing

_ATX_HEADLINE = re.compile(r"^[ \t]{0,3}#[ \t]+(.*?)[ \t]*#*[ \t]*$")
_ATX_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$")
_BOLD_LINE = re.compile(r"^[ \t]*(\*\*|__)(?=\S)(.+?)(?<=\S)\1[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
_FINAL_PUNCT = re.compile(r"[.,;:]['\"”’)\]]*$")


class _Line(NamedTuple):
    start: int
    end: int  # without the newline
    text: str


def _lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        content = raw.rstrip("\r\n\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85")
        out.append(_Line(pos, pos + len(content), content))
        pos += len(raw)
    return out


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _inner(line: _Line, match: re.Match[str], group: int) -> tuple[int, int]:
    return _strip_span(line.text, match.start(group), match.end(group))


def parse(text: str, headline: tuple[int, int] | bool | None = True) -> Document:
    """Parse ``text``. ``headline=True`` finds the headline; a span fixes it; None: none."""
    norm = normalize(text)
    lines = _lines(text)
    skipped: list[tuple[int, int]] = [(m.start(), m.end()) for m in _HTML_COMMENT.finditer(text)]

    def in_comment(line: _Line) -> bool:
        return any(s <= line.start and line.end <= e for s, e in skipped) and line.text.strip() != ""

    # Mark fenced code blocks: not prose.
    kinds: list[str] = []
    in_fence = False
    for line in lines:
        if _FENCE.match(line.text):
            kinds.append("code")
            in_fence = not in_fence
        elif in_fence:
            kinds.append("code")
        elif not line.text.strip():
            kinds.append("blank")
        elif in_comment(line) or _TABLE_RULE.match(line.text):
            kinds.append("skip")
        else:
            kinds.append("text")
    for line, kind in zip(lines, kinds, strict=True):
        if kind in ("code", "skip") and line.end > line.start:
            skipped.append((line.start, line.end))

    head_span: tuple[int, int] | None = None
    first_body_line = 0
    if isinstance(headline, tuple):
        head_span = headline
        first_body_line = next(
            (i for i, ln in enumerate(lines) if ln.start >= headline[1] or ln.end > headline[1]),
            len(lines),
        )
        if first_body_line < len(lines) and lines[first_body_line].start < headline[1]:
            first_body_line += 1
    elif headline is True:
        head_span, first_body_line = _find_headline(lines, kinds)

    sections: list[Section] = [Section(0, None)]
    paragraphs: list[Paragraph] = []
    block: list[_Line] = []

    def flush() -> None:
        if not block:
            return
        for start, end in _paragraph_spans(block):
            paragraphs.append(Paragraph(start, end, len(sections) - 1))
            sections[-1].paragraphs.append(len(paragraphs) - 1)
        block.clear()

    for i in range(first_body_line, len(lines)):
        line, kind = lines[i], kinds[i]
        if kind != "text":
            flush()
            continue
        heading = _heading_span(line)
        if heading is not None:
            flush()
            sections.append(Section(len(sections), heading))
            continue
        if _LIST_ITEM.match(line.text):
            flush()
        block.append(line)
    flush()
    if len(sections) > 1 and not sections[0].paragraphs:
        sections.pop(0)
        for idx, sec in enumerate(sections):
            sec.index = idx
            for p in sec.paragraphs:
                paragraphs[p].section = idx

    quotes = _find_quotes(norm, paragraphs)
    sentences: list[Sentence] = []
    for p_index, para in enumerate(paragraphs):
        for s_start, s_end in split_sentences(norm, para.start, para.end):
            sentences.append(Sentence(s_start, s_end, p_index, para.section))
            para.sentences.append(len(sentences) - 1)
    sentence_starts = [s.start for s in sentences]
    quotes = [_classify_quote(norm, q, sentences, sentence_starts) for q in quotes]
    skipped.sort()
    return Document(text, norm, head_span, sections, paragraphs, sentences, quotes, skipped)


def _find_headline(lines: list[_Line], kinds: list[str]) -> tuple[tuple[int, int] | None, int]:
    first = next((i for i, k in enumerate(kinds) if k == "text"), None)
    if first is None:
        return None, 0
    line = lines[first]
    m = _ATX_HEADLINE.match(line.text)
    if m and m.group(1).strip():
        s, e = _inner(line, m, 1)
        return (line.start + s, line.start + e), first + 1
    m = _BOLD_LINE.match(line.text)
    if m:
        s, e = _inner(line, m, 2)
        return (line.start + s, line.start + e), first + 1
    stripped = line.text.strip()
    has_more = any(k == "text" for k in kinds[first + 1 :])
    words = stripped.split()
    if (
        has_more
        and 1 <= len(words) <= 25
        and len(stripped) <= 200
        and not _FINAL_PUNCT.search(stripped)
        and not _LIST_ITEM.match(line.text)
        and not stripped.endswith(("-", "—"))
    ):
        s, e = _strip_span(line.text, 0, len(line.text))
        return (line.start + s, line.start + e), first + 1
    return None, first


def _heading_span(line: _Line) -> tuple[int, int] | None:
    m = _ATX_HEADING.match(line.text)
    if m and m.group(1).strip():
        s, e = _inner(line, m, 1)
        return line.start + s, line.start + e
    m = _BOLD_LINE.match(line.text)
    # A bold line is a heading when it is short and not a sentence of body text.
    if m and len(m.group(2).split()) <= 14 and not _FINAL_PUNCT.search(m.group(2)):
        s, e = _inner(line, m, 2)
        return line.start + s, line.start + e
    return None


def _paragraph_spans(block: list[_Line]) -> list[tuple[int, int]]:
    """Lines of one block -> paragraphs.

    Hard-wrapped prose (several short lines) is one paragraph; text that puts one
    paragraph per line (long lines ending in sentence punctuation) is one per line.
    """
    longest = max(len(ln.text) for ln in block)
    # Hard wrapping fills every line but the last to about the same width; a short
    # line inside the block ends a paragraph (or is a caption, a dateline, a title).
    ragged = any(len(ln.text.strip()) < 0.6 * longest for ln in block[:-1])
    one_per_line = (
        len(block) == 1
        or longest > 100
        or ragged
        or all(re.search(r"[.!?\"”’)]\s*$", ln.text) for ln in block)
    )
    if _LIST_ITEM.match(block[0].text) and len(block) > 1:
        one_per_line = False
    spans: list[tuple[int, int]] = []
    if one_per_line:
        for ln in block:
            s, e = _strip_span(ln.text, 0, len(ln.text))
            if e > s:
                spans.append((ln.start + s, ln.start + e))
    else:
        first, last = block[0], block[-1]
        s, _ = _strip_span(first.text, 0, len(first.text))
        _, e = _strip_span(last.text, 0, len(last.text))
        spans.append((first.start + s, last.start + e))
    return spans


# ---------------------------------------------------------------- sentences

# Word lists from copydesk/data (each file's header says what it holds). Titles that
# never end a sentence ("Sen. Warren") share titles.tsv with the name finder.
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
        os_, oe = _strip_span(original, os_, oe)
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


# ---------------------------------------------------------------- quotes

_REPORTING = re.compile(
    r"(?<!so-)\b(said|says|say|told|tells|added|adds|asked|stated|wrote|writes|declared|"
    r"announced|according|urged|called|described|insisted|argued|claimed|warned|"
    r"noted|explained|replied|responded|tweeted|posted|saying|telling|referred|dubbed|"
    r"labell?ed|branded|termed|calling|called)\b"
)


def _find_quotes(norm: NormalizedText, paragraphs: list[Paragraph]) -> list[tuple[int, int]]:
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


def _classify_quote(
    norm: NormalizedText, span: tuple[int, int], sentences: list[Sentence], starts: list[int]
) -> Quote:
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
