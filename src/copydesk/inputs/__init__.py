"""Reading articles: files, folders, stdin, JSONL / CSV / JSON batches and HTML pages.

The stage before parsing. ``files`` finds the articles the command line names and
turns each :class:`Item` into an :class:`~copydesk.parse.article.Article`; ``decode``
turns bytes into text, ``records`` reads batch files, ``html`` extracts a page's
main text (``htmlbasic`` when trafilatura is not installed), and ``items`` holds the
records they pass along.
"""

from copydesk.inputs.decode import decode, read_text
from copydesk.inputs.files import (
    DEFAULT_GLOBS,
    INPUT_FORMATS,
    detect_format,
    iter_items,
    read_article,
    stdin_format,
    to_article,
    walk,
)
from copydesk.inputs.html import html_to_markdown
from copydesk.inputs.items import InputError, Item, ReadOptions

__all__ = [
    "DEFAULT_GLOBS",
    "INPUT_FORMATS",
    "InputError",
    "Item",
    "ReadOptions",
    "decode",
    "detect_format",
    "html_to_markdown",
    "iter_items",
    "read_article",
    "read_text",
    "stdin_format",
    "to_article",
    "walk",
]
