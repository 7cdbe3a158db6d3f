"""The article: the input model, and parsing it into headline, sections and paragraphs.

Parsing happens once per article. Every piece keeps character offsets into
``Article.text`` (the text exactly as given), so findings point at what the reader sees.
The records it builds are in ``parse.document``; paragraphs are cut into sentences by
``parse.sentences`` and their quotations found by ``parse.quotes``.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

from pydantic import BaseModel, ConfigDict, PrivateAttr, model_validator

from copydesk.parse.document import Document, Paragraph, Section, Sentence, strip_span
from copydesk.parse.normalize import normalize
from copydesk.parse.quotes import classify_quote, find_quotes, find_views
from copydesk.parse.sentences import split_sentences

__all__ = ["Article", "parse"]


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

# Only the opening of an ATX heading is a pattern; its closing run (`[ \t]*#*[ \t]*`
# at the end) is cut by _atx_inner. As one pattern, `(.*?)[ \t]*#*[ \t]*$` backtracks
# cubically on a line of inner spaces (8,000 spaces: minutes).
_ATX_HEADLINE = re.compile(r"[ \t]{0,3}#[ \t]+")
_ATX_HEADING = re.compile(r"[ \t]{0,3}#{1,6}[ \t]+")
_BOLD_LINE = re.compile(r"^[ \t]*(\*\*|__)(?=\S)(.+?)(?<=\S)\1[ \t]*$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,3}[.)])[ \t]+")
# Possessive runs: neighbouring `[ \t]*` could split one run of spaces every way, which
# is quadratic on a line of leading spaces. No match depends on such a split.
_TABLE_RULE = re.compile(r"[ \t]*+\|?[ \t]*+:?-{3,}+:?[ \t]*+(?:\|[ \t]*+:?-{3,}+:?[ \t]*+)*+\|?[ \t]*$")
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


def _inner(line: _Line, match: re.Match[str], group: int) -> tuple[int, int]:
    return strip_span(line.text, match.start(group), match.end(group))


def _atx_inner(line: _Line, opening: re.Pattern[str]) -> tuple[int, int] | None:
    """The text of an ATX heading line (without the closing hashes), or None.

    Equal to ``opening(.*?)[ \t]*#*[ \t]*$`` with the text stripped: the shortest text
    leaves the longest closing run, which is cut from the right in one pass.
    """
    m = opening.match(line.text)
    if m is None:
        return None
    rest = line.text[m.end() :]
    inner = rest.rstrip(" \t").rstrip("#").rstrip(" \t")
    s, e = strip_span(line.text, m.end(), m.end() + len(inner))
    return (s, e) if e > s else None


def parse(text: str, headline: tuple[int, int] | bool | None = True) -> Document:
    """Parse ``text``. ``headline=True`` finds the headline; a span fixes it; None: none."""
    norm = normalize(text)
    lines = _lines(text)
    skipped: list[tuple[int, int]] = [(m.start(), m.end()) for m in _HTML_COMMENT.finditer(text)]
    # Comments come in order and never overlap: only the last one starting at or
    # before a line can hold it (a scan of them all per line was quadratic).
    comment_starts = [s for s, _ in skipped]

    def in_comment(line: _Line) -> bool:
        k = bisect_right(comment_starts, line.start) - 1
        return k >= 0 and line.end <= skipped[k][1] and line.text.strip() != ""

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

    quotes = find_quotes(norm, paragraphs, head_span)
    sentences: list[Sentence] = []
    for p_index, para in enumerate(paragraphs):
        for s_start, s_end in split_sentences(norm, para.start, para.end):
            sentences.append(Sentence(s_start, s_end, p_index, para.section))
            para.sentences.append(len(sentences) - 1)
    sentence_starts = [s.start for s in sentences]
    quotes = [classify_quote(norm, q, sentences, sentence_starts, head_span) for q in quotes]
    views = find_views(norm, sentences)
    skipped.sort()
    return Document(text, norm, head_span, sections, paragraphs, sentences, quotes, skipped, views)


def _find_headline(lines: list[_Line], kinds: list[str]) -> tuple[tuple[int, int] | None, int]:
    first = next((i for i, k in enumerate(kinds) if k == "text"), None)
    if first is None:
        return None, 0
    line = lines[first]
    atx = _atx_inner(line, _ATX_HEADLINE)
    if atx is not None:
        return (line.start + atx[0], line.start + atx[1]), first + 1
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
        s, e = strip_span(line.text, 0, len(line.text))
        return (line.start + s, line.start + e), first + 1
    return None, first


def _heading_span(line: _Line) -> tuple[int, int] | None:
    atx = _atx_inner(line, _ATX_HEADING)
    if atx is not None:
        return line.start + atx[0], line.start + atx[1]
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
            s, e = strip_span(ln.text, 0, len(ln.text))
            if e > s:
                spans.append((ln.start + s, ln.start + e))
    else:
        first, last = block[0], block[-1]
        s, _ = strip_span(first.text, 0, len(first.text))
        _, e = strip_span(last.text, 0, len(last.text))
        spans.append((first.start + s, last.start + e))
    return spans
