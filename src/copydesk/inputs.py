"""Reading articles from files and stdin. Bad input is a one-line error, never a traceback."""

from __future__ import annotations

import sys
from pathlib import Path

from .article import Article

MAX_BYTES = 50_000_000


class InputError(Exception):
    """An input that cannot be audited; ``str()`` is one line naming the file (and row)."""


def decode(data: bytes, where: str) -> str:
    """Bytes -> text: UTF-8 (BOM dropped), UTF-16 with a BOM; anything else is an error."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{where}: invalid UTF-16 text") from None
    if b"\x00" in data[:65536]:
        raise InputError(f"{where}: binary data (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{where}: not UTF-8 text (invalid byte at line {line})") from None


def read_text(path: str) -> str:
    if path == "-":
        return decode(sys.stdin.buffer.read(MAX_BYTES + 1), "<stdin>")
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{path}: is a folder, not a file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path}: {size} bytes is over the {MAX_BYTES}-byte limit")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from None
    return decode(data, path)


def read_article(path: str) -> Article:
    text = read_text(path)
    source = "<stdin>" if path == "-" else path
    return Article.from_text(text, id=source, source=source)
