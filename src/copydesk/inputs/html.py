"""HTML pages -> Markdown: the page's main text, and its title when it has no headline.

The main text is extracted with trafilatura when the optional extra is installed
(``pip install "copydesk[html]"``); without it, or when trafilatura finds too little
text, the standard-library extractor in ``htmlbasic`` keeps headings, paragraphs,
list items and block quotes inside ``<article>`` / ``<main>`` (or ``<body>``) and
drops scripts, styles, navigation, headers, footers, asides and forms. Both keep
``<!-- copydesk-... -->`` suppression comments in place.
"""

from __future__ import annotations

import re

__all__ = ["html_to_markdown"]


def html_to_markdown(html: str, where: str = "<html>") -> tuple[str | None, str]:
    """The page's main text as Markdown, and its title when the text has no headline."""
    directives = _DIRECTIVE_COMMENT.findall(html)
    try:
        import trafilatura  # noqa: F401 - optional extra
    except ImportError:
        return _basic_extract(html)
    return _trafilatura_extract(html, directives, where)


_DIRECTIVE_COMMENT = re.compile(r"<!--\s*copydesk-[^>]*?-->", re.S)
_MARKER = "copydeskdirective{}x"
_MARKER_RE = re.compile(r"copydeskdirective(\d+)x")


def _trafilatura_extract(html: str, directives: list[str], where: str) -> tuple[str | None, str]:
    import trafilatura

    # trafilatura drops comments; carry suppression comments through as marker
    # paragraphs and put the comments back afterwards.
    counter = iter(range(len(directives)))
    marked = _DIRECTIVE_COMMENT.sub(lambda m: f"<p>{_MARKER.format(next(counter))}</p>", html)
    text = trafilatura.extract(
        marked,
        output_format="markdown",
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
    )
    if not text or not text.strip():
        # Too little text for its heuristics: the simple extractor keeps everything.
        return _basic_extract(html)
    text = _MARKER_RE.sub(lambda m: directives[int(m.group(1))], text)
    headline = None
    if not text.lstrip().startswith("# "):
        meta = trafilatura.extract_metadata(html)
        title = getattr(meta, "title", None) if meta is not None else None
        if title and title.strip():
            headline = " ".join(title.split())
    return headline, text.strip() + "\n"


def _basic_extract(html: str) -> tuple[str | None, str]:
    from copydesk.inputs.htmlbasic import basic_extract  # html.parser only when a page needs it

    return basic_extract(html)
