"""The standard-library HTML extractor, used when trafilatura is not installed.

A module of its own so that auditing text and Markdown never imports html.parser.
"""

from __future__ import annotations

from html.parser import HTMLParser

_SKIP_TAGS = {
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "button",
    "select",
    "iframe",
    "canvas",
    "figure",
}
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "body",
}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr", "source", "area", "base", "col"}


class _BasicExtractor(HTMLParser):
    """Headings, paragraphs, list items and quotes of the main content, as Markdown."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title: list[str] = []
        self.in_title = False
        self.skip_depth = 0
        self.stack: list[str] = []
        self.blocks: list[tuple[str, list[str]]] = []  # (prefix, text parts)
        self.current: list[str] = []
        self.prefix = ""
        # Which container's blocks count: inside <article>, else <main>, else all.
        self.container: dict[str, list[tuple[str, list[str]]]] = {"article": [], "main": []}
        self.open_containers: list[str] = []

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            block = (self.prefix, [text])
            self.blocks.append(block)
            for name in set(self.open_containers):
                self.container[name].append(block)
        self.current = []
        self.prefix = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
            return
        if tag in _SKIP_TAGS:
            if tag not in _VOID_TAGS:
                self.skip_depth += 1
            return
        if self.skip_depth:
            return
        if tag in ("article", "main"):
            self.open_containers.append(tag)
        if tag in _BLOCK_TAGS:
            self._flush()
            if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.prefix = "#" * int(tag[1]) + " "
            elif tag == "li":
                self.prefix = "- "
            elif tag == "blockquote":
                self.prefix = "> "

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            return
        if tag in _SKIP_TAGS:
            if self.skip_depth:
                self.skip_depth -= 1
            return
        if self.skip_depth:
            return
        if tag in _BLOCK_TAGS:
            self._flush()
        if tag in ("article", "main") and tag in self.open_containers:
            self.open_containers.reverse()
            self.open_containers.remove(tag)
            self.open_containers.reverse()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip_depth:
            self.current.append(data)

    def handle_comment(self, data: str) -> None:
        if not self.skip_depth and data.strip().startswith("copydesk-"):
            self._flush()
            self.prefix = ""
            self.current = [f"<!--{data}-->"]
            self._flush()

    def markdown(self) -> str:
        self._flush()
        blocks = self.container["article"] or self.container["main"] or self.blocks
        return "\n\n".join(prefix + "".join(parts) for prefix, parts in blocks)


def basic_extract(html: str) -> tuple[str | None, str]:
    parser = _BasicExtractor()
    parser.feed(html)
    parser.close()
    text = parser.markdown()
    headline = None
    if not text.startswith("# "):
        title = " ".join("".join(parser.title).split())
        headline = title or None
    return headline, text + "\n"
