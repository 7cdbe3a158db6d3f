"""Finding the articles the command line names: files, folders, stdin, and their formats.

Everything here streams: a folder is walked lazily and batch files are read record
by record (``inputs.records``), so a ten-year archive never sits in memory at once.
Each article becomes an :class:`Item`; :func:`to_article` turns one into an
:class:`Article`, decoding (``inputs.decode``) and extracting HTML (``inputs.html``)
on the way.
"""

from __future__ import annotations

import codecs
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from fnmatch import fnmatchcase
from pathlib import Path

from copydesk.inputs.csvrecords import read_csv
from copydesk.inputs.decode import decode, decode_html, read_bytes, read_stdin, read_text
from copydesk.inputs.html import html_to_markdown
from copydesk.inputs.items import InputError, Item, ReadOptions, error_item
from copydesk.inputs.records import read_json, read_jsonl
from copydesk.parse.article import Article

__all__ = [
    "DEFAULT_GLOBS",
    "INPUT_FORMATS",
    "detect_format",
    "file_items",
    "iter_items",
    "read_article",
    "stdin_format",
    "to_article",
    "walk",
]

# File name endings read as a batch of records, and as an HTML page.
BATCH_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".json": "json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# What a folder walk picks up when no --glob is given: article files, not data files.
DEFAULT_GLOBS = ("*.md", "*.markdown", "*.txt", "*.text", "*.html", "*.htm")

INPUT_FORMATS = ("auto", "text", "html", "jsonl", "csv", "tsv", "json")


def read_article(path: str) -> Article:
    """One article from a text, Markdown or HTML file (or ``-``)."""
    where = "<stdin>" if path == "-" else path
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        item = Item(where, kind="html", id=where, text=decode_html(read_bytes(path), path))
    else:
        item = Item(where, kind="text", id=where, text=read_text(path))
    return to_article(item)


def to_article(item: Item) -> Article:
    """Build the article an item describes; a problem is an :class:`InputError`."""
    from pydantic import ValidationError

    where = item.where
    if item.kind == "error":
        raise InputError(item.error or f"{where}: could not be read")
    try:
        if item.kind == "text":
            return Article.from_text(item.text or "", id=item.id, source=where)
        if item.kind == "html":
            headline, body = html_to_markdown(item.text or "", where)
            if not body.strip():
                raise InputError(f"{where}: no article text found in the page")
            if headline is not None:
                return Article(headline=headline, body=body, id=item.id, source=where)
            return Article.from_text(body, id=item.id, source=where)
        if item.kind == "fields":
            return Article(headline=item.headline, body=item.body or "", id=item.id, source=where)
    except ValidationError as exc:
        first = exc.errors()[0]
        field_name = ".".join(str(x) for x in first["loc"]) or "article"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise InputError(f"{where}: {field_name}: {message}") from None
    raise InputError(f"{where}: unknown item kind {item.kind!r}")


# ------------------------------------------------------------------ walking the inputs


def iter_items(paths: Sequence[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Every article the command line names, in order, streamed; errors as error items."""
    options = options or ReadOptions()
    for path in paths:
        if path == "-":
            yield from _guarded("<stdin>", _stdin_items(options))
            continue
        p = Path(path)
        if p.is_dir():
            found = False
            for file in walk(p, options.globs, options.exclude):
                found = True
                yield from _guarded(str(file), file_items(str(file), options, in_folder=True))
            if not found:
                globs = ", ".join(options.globs or DEFAULT_GLOBS)
                yield error_item(path, None, f"no files matching {globs} in this folder")
            continue
        yield from _guarded(path, file_items(path, options))


def _guarded(path: str, items: Iterator[Item]) -> Iterator[Item]:
    """A reader that fails on something nobody foresaw costs the rest of that file, not
    the batch: the failure is an error item and the next input is read."""
    try:
        yield from items
    except Exception as exc:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        yield error_item(path, None, f"cannot read the rest of this input ({detail})")


def walk(folder: Path, globs: Sequence[str] = (), exclude: Iterable[str] = ()) -> Iterator[Path]:
    """Files under ``folder`` matching ``globs``, sorted, hidden entries skipped, lazily.

    A glob without ``/`` matches the file name (``*.md``); one with ``/`` matches the
    path relative to the folder (``2024/**/*.md``, where ``**`` crosses folders).
    """
    patterns = tuple(globs) or DEFAULT_GLOBS
    excluded = {os.path.realpath(e) for e in exclude}
    yield from _walk(folder, folder, patterns, excluded)


def _walk(folder: Path, top: Path, patterns: tuple[str, ...], excluded: set[str]) -> Iterator[Path]:
    # Entries in name order, folders in place (a/b.md before c.md): the order of
    # `find | sort`. Symlinked folders are not followed, so a link loop cannot trap it.
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir(follow_symlinks=False):
                if os.path.realpath(path) not in excluded:  # e.g. the -o folder of reports
                    yield from _walk(path, top, patterns, excluded)
                continue
            if not entry.is_file():
                continue
        except OSError:
            continue
        rel = path.relative_to(top).as_posix()
        if _glob_match(rel, entry.name, patterns) and os.path.realpath(path) not in excluded:
            yield path


def _glob_match(rel: str, name: str, patterns: Sequence[str]) -> bool:
    for pattern in patterns:
        if "/" not in pattern:
            if fnmatchcase(name, pattern):
                return True
        elif fnmatchcase(rel, pattern) or (pattern.startswith("**/") and fnmatchcase(rel, pattern[3:])):
            return True
    return False


def detect_format(path: str, options: ReadOptions) -> str:
    if options.input_format != "auto":
        return options.input_format
    suffix = Path(path).suffix.lower()
    if suffix in BATCH_SUFFIXES:
        return BATCH_SUFFIXES[suffix]
    if suffix in HTML_SUFFIXES:
        return "html"
    return "text"


def file_items(path: str, options: ReadOptions, *, in_folder: bool = False) -> Iterator[Item]:
    fmt = detect_format(path, options)
    if fmt in ("jsonl", "csv", "tsv"):
        try:
            handle = open(path, "rb")  # noqa: SIM115 - closed by the reader's finally
        except FileNotFoundError:
            yield error_item(path, None, "no such file")
            return
        except OSError as exc:
            yield error_item(path, None, f"cannot read ({exc.strerror or exc})")
            return
        with handle:
            reader = read_jsonl if fmt == "jsonl" else read_csv
            yield from reader(handle, path, options, delimiter="\t" if fmt == "tsv" else ",")
        return
    try:
        data = read_bytes(path)
    except InputError as exc:
        yield Item(path, kind="error", id=path, error=str(exc))
        return
    yield from _whole_file_items(data, path, fmt, options)


def _whole_file_items(data: bytes, path: str, fmt: str, options: ReadOptions) -> Iterator[Item]:
    try:
        if fmt == "json":
            yield from read_json(decode(data, path), path, options, size=len(data))
            return
        text = decode_html(data, path) if fmt == "html" else decode(data, path)
    except InputError as exc:
        yield Item(path, kind="error", id=path, error=str(exc), size=len(data))
        return
    if not text.strip():
        yield Item(path, kind="error", id=path, error=f"{path}: empty, nothing to audit", size=len(data))
        return
    yield Item(path, kind=fmt, id=path, text=text, size=len(data))


def stdin_format(options: ReadOptions) -> str:
    """The format of stdin: as told, else sniffed from its first bytes (not consumed)."""
    if options.input_format != "auto":
        return options.input_format
    stream = sys.stdin.buffer
    if hasattr(stream, "peek"):
        return _sniff(stream.peek(4096)[:4096])
    return "auto"


def _stdin_items(options: ReadOptions) -> Iterator[Item]:
    fmt = stdin_format(options)
    stream = sys.stdin.buffer
    if fmt in ("jsonl", "csv", "tsv"):
        reader = read_jsonl if fmt == "jsonl" else read_csv
        yield from reader(stream, "<stdin>", options, delimiter="\t" if fmt == "tsv" else ",")
        return
    try:
        data = read_stdin()
    except InputError as exc:
        yield Item("<stdin>", kind="error", id="<stdin>", error=str(exc))
        return
    if fmt == "auto":
        fmt = _sniff(data[:4096])
    if fmt == "jsonl":  # no peek() on this stream: the sniff had to wait for the data
        yield from read_jsonl(io.BytesIO(data), "<stdin>", options)
        return
    yield from _whole_file_items(data, "<stdin>", fmt, options)


_HTML_START = re.compile(rb"^\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])", re.I)


def _sniff(head: bytes) -> str:
    """Guess the format of stdin from its first bytes (only when not told)."""
    if head.startswith(codecs.BOM_UTF8):
        head = head[3:]
    if _HTML_START.match(head):
        return "html"
    first = head.split(b"\n", 1)[0].strip()
    if first.startswith(b"{") and first.endswith(b"}"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    return "text"
