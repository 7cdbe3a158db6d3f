"""Bytes -> text, and size-limited reads of files and stdin.

Nothing the user gave is silently altered: text that is not UTF-8 (or UTF-16/32 with a
byte-order mark) is an error, never guessed at or patched with replacement
characters. An HTML page may name its own encoding in ``<meta charset>``.
"""

from __future__ import annotations

import codecs
import re
import sys
from pathlib import Path

from copydesk.inputs.items import InputError

__all__ = ["MAX_BYTES", "decode", "decode_html", "lone_surrogate", "read_bytes", "read_stdin", "read_text"]

MAX_BYTES = 50_000_000  # one article (a file, or one JSONL line / CSV record)


_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate(text: str | None) -> str | None:
    """Why ``text`` is not valid Unicode (a lone surrogate, and where), or None.

    Text decoded from bytes never holds one; a Python caller's string can
    (``"a\\ud800b"``, or bytes decoded with ``surrogateescape``), and no UTF encoder
    can write it, so the JSON and HTML reports could not be rendered. Refused, not
    replaced: nothing the user gave is silently altered.
    """
    if not text:
        return None
    bad = _SURROGATE.search(text)
    if bad is None:
        return None
    return f"a lone surrogate (U+{ord(bad.group()):04X} at offset {bad.start()}), not valid Unicode text"


def decode(data: bytes, where: str) -> str:
    """Bytes -> text: UTF-8 (BOM dropped), UTF-16/32 with a BOM; anything else is an error."""
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _decode_strict(data, "utf-32", where)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_strict(data, "utf-16", where)
    if b"\x00" in data[:65536]:
        raise InputError(f"{where}: binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{where}: not UTF-8 text (invalid byte at line {line})") from None


def _decode_strict(data: bytes, encoding: str, where: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{where}: invalid {encoding.upper()} text") from None
    if "\x00" in text:
        raise InputError(f"{where}: binary data (NUL characters), not text")
    return text


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes, where: str) -> str:
    """Like :func:`decode`, but honours the page's own ``<meta charset>`` declaration."""
    try:
        return decode(data, where)
    except InputError as first:
        declared = _META_CHARSET.search(data[:4096])
        if declared is None or b"\x00" in data[:65536]:
            raise
        name = declared.group(1).decode("ascii")
        try:
            return data.decode(name)
        except LookupError:
            raise InputError(f"{where}: unknown charset {name!r} declared by the page") from None
        except UnicodeDecodeError:
            raise first from None


def read_bytes(path: str) -> bytes:
    """A whole file, refused (as an :class:`InputError`) when over :data:`MAX_BYTES`."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size} bytes is over the {MAX_BYTES}-byte limit")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None


def read_stdin() -> bytes:
    """All of stdin, refused when over :data:`MAX_BYTES`."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"<stdin>: over the {MAX_BYTES}-byte limit")
    return data


def read_text(path: str) -> str:
    """A whole file (or ``-``, stdin) as text."""
    if path == "-":
        return decode(read_stdin(), "<stdin>")
    return decode(read_bytes(path), path)
