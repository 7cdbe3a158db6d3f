"""Outputs are data: escaping what a terminal or a spreadsheet would otherwise execute.

Headlines, ids, file names and rule messages come from whoever wrote the article or
the pack. Printed raw, an ESC sequence retitles the terminal or erases lines, and a CSV
cell starting with ``=`` is a formula to a spreadsheet. This module imports only ``re``,
so the CLI's error lines can use it without loading the report models.
"""

from __future__ import annotations

import re

__all__ = ["csv_cell", "printable", "visible_controls"]

# A spreadsheet evaluates a cell that starts with one of these (OWASP's list, with the
# tab and carriage return that some of them skip before looking).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control characters shown as escapes (``\\x1b``), for a terminal.

    Only C0 (but the tab, and the newline when asked), DEL and C1 are escaped: other
    non-printables (zero-width joiners in emoji, bidi marks) are text that a terminal
    shows without acting on it.
    """
    if text.isprintable():
        return text
    return "".join(_escape(ch, keep_newlines) for ch in text)


def _escape(ch: str, keep_newlines: bool) -> str:
    if ch.isprintable() or ch == "\t" or (keep_newlines and ch == "\n"):
        return ch
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0:
        return f"\\x{code:02x}"
    return ch


# C0 but tab, newline and carriage return; DEL; C1 (0x9b is a terminal's CSI too).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def visible_controls(text: str) -> str:
    """``text`` with control characters as visible symbols, for a page or a document.

    A report read in a browser would hide an ESC, and the same file printed with
    ``cat`` would run it. C0 and DEL become their Unicode control pictures (ESC -> ␛),
    C1 its ``\\x9b`` escape, so nothing is hidden and nothing is dropped.
    """
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(_picture, text)


def _picture(m: re.Match[str]) -> str:
    code = ord(m.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return f"\\x{code:02x}"


def csv_cell(value: object) -> object:
    """A CSV cell that a spreadsheet shows instead of evaluating: a string starting
    with ``= + - @``, a tab or a carriage return gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
