"""Reading articles: files, folders, stdin, JSONL / CSV / JSON batches and HTML pages.

Everything here streams: a folder is walked lazily and a JSONL or CSV file is read
record by record, so a ten-year archive never sits in memory at once. A bad input
never raises out of the batch readers: it becomes an error :class:`Item` whose
message is one line naming the file (and line), and the rest of the batch goes on.
Nothing the user gave is silently altered: text that is not UTF-8 (or UTF-16 with a
byte-order mark) is an error, never guessed at or patched with replacement characters.

HTML pages: the main text is extracted with trafilatura when the optional extra is
installed (``pip install "copydesk[html]"``); without it a small standard-library
extractor keeps headings, paragraphs, list items and block quotes inside
``<article>`` / ``<main>`` (or ``<body>``) and drops scripts, styles, navigation,
headers, footers, asides and forms. Both keep ``<!-- copydesk-... -->`` suppression
comments in place.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from fnmatch import fnmatchcase
from pathlib import Path
from typing import IO, Any, NamedTuple

from copydesk.parse.article import Article

MAX_BYTES = 50_000_000  # one article (a file, or one JSONL line / CSV record)

# File name endings read as a batch of records, and as an HTML page.
BATCH_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv", ".json": "json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
# What a folder walk picks up when no --glob is given: article files, not data files.
DEFAULT_GLOBS = ("*.md", "*.markdown", "*.txt", "*.text", "*.html", "*.htm")

DEFAULT_ID_FIELDS = ("id",)
DEFAULT_HEADLINE_FIELDS = ("headline", "title")
DEFAULT_BODY_FIELDS = ("body", "text")

INPUT_FORMATS = ("auto", "text", "html", "jsonl", "csv", "tsv", "json")


class InputError(Exception):
    """An input that cannot be audited; ``str()`` is one line naming the file (and row)."""


class Item(NamedTuple):
    """One article to audit, or the reason one could not be read.

    ``kind`` says how a worker turns it into an :class:`Article`: ``text`` (plain text or
    Markdown in ``text``), ``html`` (a page in ``text``), ``fields`` (``headline`` and
    ``body`` from a record) or ``error`` (``error`` holds a one-line message).
    """

    # A tuple, not a frozen dataclass: generating one costs ~1 ms of every start-up.

    path: str  # the file, or "<stdin>"
    kind: str = "text"
    id: str | None = None
    line: int | None = None  # 1-based line of the record in a JSONL / CSV file
    text: str | None = None
    headline: str | None = None
    body: str | None = None
    error: str | None = None
    size: int = 0  # bytes of input this item consumed (drives the progress bar)

    @property
    def where(self) -> str:
        """``path:line`` for a record, the path for a whole file."""
        return self.path if self.line is None else f"{self.path}:{self.line}"


class ReadOptions(NamedTuple):
    """How to find articles in the inputs (the CLI's --glob, --*-field, --input-format)."""

    # A tuple, not a frozen dataclass: generating one costs ~1 ms of every start-up.
    globs: tuple[str, ...] = ()
    id_field: str | None = None
    headline_field: str | None = None
    body_field: str | None = None
    input_format: str = "auto"
    # Files and folders to leave out of folder walks (the output file or folder itself).
    exclude: frozenset[str] = frozenset()
    # Whether messages may point at the CLI's --*-field options.
    cli_hints: bool = True


# ------------------------------------------------------------------ decoding


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


def _read_bytes(path: str) -> bytes:
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


def _read_stdin() -> bytes:
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"<stdin>: over the {MAX_BYTES}-byte limit")
    return data


def read_text(path: str) -> str:
    """A whole file (or ``-``, stdin) as text."""
    if path == "-":
        return decode(_read_stdin(), "<stdin>")
    return decode(_read_bytes(path), path)


def read_article(path: str) -> Article:
    """One article from a text, Markdown or HTML file (or ``-``)."""
    where = "<stdin>" if path == "-" else path
    if Path(path).suffix.lower() in HTML_SUFFIXES:
        item = Item(where, kind="html", id=where, text=decode_html(_read_bytes(path), path))
    else:
        item = Item(where, kind="text", id=where, text=read_text(path))
    return to_article(item)


# ------------------------------------------------------------------ items -> articles


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
            yield from _stdin_items(options)
            continue
        p = Path(path)
        if p.is_dir():
            found = False
            for file in walk(p, options.globs, options.exclude):
                found = True
                yield from file_items(str(file), options, in_folder=True)
            if not found:
                globs = ", ".join(options.globs or DEFAULT_GLOBS)
                yield _error(path, None, f"no files matching {globs} in this folder")
            continue
        yield from file_items(path, options)


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
            yield _error(path, None, "no such file")
            return
        except OSError as exc:
            yield _error(path, None, f"cannot read ({exc.strerror or exc})")
            return
        with handle:
            reader = read_jsonl if fmt == "jsonl" else read_csv
            yield from reader(handle, path, options, delimiter="\t" if fmt == "tsv" else ",")
        return
    try:
        data = _read_bytes(path)
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
        data = _read_stdin()
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


def _error(path: str, line: int | None, message: str, *, id: str | None = None, size: int = 0) -> Item:
    where = path if line is None else f"{path}:{line}"
    return Item(path, kind="error", id=id or where, line=line, error=f"{where}: {message}", size=size)


# ------------------------------------------------------------------ records (JSONL, CSV, JSON)


class _Fields:
    """Which record fields hold the id, headline and body, from options or the defaults."""

    def __init__(self, options: ReadOptions) -> None:
        self.id = (options.id_field,) if options.id_field else DEFAULT_ID_FIELDS
        self.headline = (options.headline_field,) if options.headline_field else DEFAULT_HEADLINE_FIELDS
        self.body = (options.body_field,) if options.body_field else DEFAULT_BODY_FIELDS
        self.hint = options.cli_hints and options.body_field is None

    @staticmethod
    def _find(record: dict[str, Any], names: Sequence[str]) -> tuple[str | None, Any]:
        for name in names:
            if name in record:
                return name, record[name]
        # Exact names first; then a different case ("Title", "BODY") of the same name.
        lowered = {k.lower(): k for k in record if isinstance(k, str)}
        for name in names:
            key = lowered.get(name.lower())
            if key is not None:
                return key, record[key]
        return None, None

    def item(self, record: dict[str, Any], path: str, line: int | None, size: int) -> Item:
        where = path if line is None else f"{path}:{line}"
        _, raw_id = self._find(record, self.id)
        item_id = where if raw_id is None or raw_id == "" else _scalar_text(raw_id)
        if item_id is None:
            return _error(path, line, "the id field is not a string or a number", size=size)

        def bad(message: str) -> Item:
            return _error(path, line, message, id=item_id, size=size)

        body_key, body = self._find(record, self.body)
        if body_key is None:
            names = " or ".join(repr(n) for n in self.body)
            hint = " (name it with --body-field)" if self.hint else ""
            return bad(f"no body field {names}{hint}")
        if not isinstance(body, str):
            return bad(f"field {body_key!r} is {_json_type(body)}, not text")
        if not body.strip():
            return bad(f"field {body_key!r} is empty, nothing to audit")
        head_key, headline = self._find(record, self.headline)
        if headline is not None and not isinstance(headline, str):
            return bad(f"field {head_key!r} is {_json_type(headline)}, not text")
        for key, value in ((body_key, body), (head_key, headline)):
            if value and ("\x00" in value or _SURROGATE.search(value)):
                what = "NUL characters" if "\x00" in value else "bytes that are not UTF-8"
                return bad(f"field {key!r} holds {what} (binary data?)")
        if headline is not None and not headline.strip():
            headline = None
        return Item(path, kind="fields", id=item_id, line=line, headline=headline, body=body, size=size)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_problem(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"


def _scalar_text(value: Any) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", list: "a list", dict: "an object"}.get(
        type(value), type(value).__name__
    )


def _binary_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None, int]]:
    """(line number, bytes or None when over the limit, bytes consumed), streamed."""
    number = 0
    while True:
        raw = stream.readline(MAX_BYTES + 1)
        if not raw:
            return
        number += 1
        size = len(raw)
        if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
            # Skip the rest of an over-long line without holding it.
            while True:
                more = stream.readline(1 << 20)
                size += len(more)
                if not more or more.endswith(b"\n"):
                    break
            yield number, None, size
            continue
        yield number, raw, size


def read_jsonl(stream: IO[bytes], path: str, options: ReadOptions, *, delimiter: str = ",") -> Iterator[Item]:
    """One item per non-blank line; a bad line is an error item naming its line."""
    fields = _Fields(options)
    lines: Iterable[tuple[int, bytes | None, int]]
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield from _jsonl_utf16(stream, path, fields)
        return
    lines = _binary_lines(stream)
    for number, raw, size in lines:
        if raw is None:
            yield _error(path, number, f"line is over the {MAX_BYTES}-byte limit", size=size)
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if not raw.strip():
            continue
        if b"\x00" in raw:
            yield _error(path, number, "binary data (NUL bytes), not a JSON line", size=size)
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield _error(path, number, "not UTF-8 text (binary data?)", size=size)
            continue
        yield _jsonl_record(text, path, number, size, fields)


def _jsonl_utf16(stream: IO[bytes], path: str, fields: _Fields) -> Iterator[Item]:
    reader = io.TextIOWrapper(stream, encoding="utf-16", newline=None)  # type: ignore[type-var]
    number = 0
    try:
        for text in reader:
            number += 1
            if text.strip():
                yield _jsonl_record(text, path, number, len(text) * 2, fields)
    except UnicodeDecodeError:
        yield _error(path, number + 1, "invalid UTF-16 text; the rest of the file is skipped")
    finally:
        reader.detach()


def _jsonl_record(text: str, path: str, number: int, size: int, fields: _Fields) -> Item:
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        return _error(path, number, f"malformed JSON ({_json_problem(exc)})", size=size)
    except RecursionError:
        return _error(path, number, "malformed JSON (nested too deeply)", size=size)
    if not isinstance(record, dict):
        return _error(path, number, f"expected a JSON object, got {_json_type(record)}", size=size)
    return fields.item(record, path, number, size)


def read_json(text: str, path: str, options: ReadOptions, *, size: int = 0) -> Iterator[Item]:
    """A ``.json`` file: one article object, or a list of them."""
    fields = _Fields(options)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _error(path, exc.lineno, f"malformed JSON ({_json_problem(exc)})", size=size)
        return
    except RecursionError:
        yield _error(path, None, "malformed JSON (nested too deeply)", size=size)
        return
    if isinstance(data, dict):
        yield fields.item(data, path, None, size)
        return
    if not isinstance(data, list):
        yield _error(path, None, f"expected a JSON object or a list of them, got {_json_type(data)}")
        return
    share = size // max(1, len(data))
    for index, record in enumerate(data, 1):
        where = f"{path}[{index}]"
        if not isinstance(record, dict):
            yield Item(
                path,
                kind="error",
                id=where,
                error=f"{where}: expected a JSON object, got {_json_type(record)}",
                size=share,
            )
            continue
        item = fields.item(record, path, None, share)
        # A list entry has no line of its own: name it by position.
        if item.id == path:
            item = item._replace(id=where)
        if item.kind == "error" and item.error:
            item = item._replace(error=item.error.replace(f"{path}: ", f"{where}: ", 1))
        yield item


def _csv_text_lines(stream: IO[bytes], counter: list[int]) -> Iterator[str]:
    """Decode line by line; bad bytes become lone surrogates so the row can be refused."""
    first = True
    for raw in iter(lambda: stream.readline(MAX_BYTES + 1), b""):
        if first and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        first = False
        counter[0] += len(raw)
        yield raw.decode("utf-8", errors="surrogateescape")


def read_csv(stream: IO[bytes], path: str, options: ReadOptions, *, delimiter: str = ",") -> Iterator[Item]:
    """One item per record after the header row; a bad record is an error item."""
    fields = _Fields(options)
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    consumed = [0]
    lines: Iterator[str]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        lines = iter(io.TextIOWrapper(stream, encoding="utf-16", newline=""))  # type: ignore[type-var]
    else:
        lines = _csv_text_lines(stream, consumed)
    csv.field_size_limit(MAX_BYTES)
    reader = csv.reader(lines, delimiter=delimiter)
    header: list[str] | None = None
    last_line = 0
    while True:
        start_line = last_line + 1
        before = consumed[0]
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            last_line = reader.line_num
            yield _error(path, start_line, f"malformed CSV ({exc})")
            continue
        except UnicodeDecodeError:
            yield _error(path, start_line, "invalid UTF-16 text; the rest of the file is skipped")
            break
        last_line = reader.line_num
        size = consumed[0] - before
        if not row or all(not cell.strip() for cell in row):
            continue
        if header is None:
            header = [cell.strip() for cell in row]
            if any(_SURROGATE.search(c) or "\x00" in c for c in header):
                yield _error(path, start_line, "the header row is not UTF-8 text (binary data?)")
                return
            continue
        if any("\x00" in c for c in row) or any(_SURROGATE.search(c) for c in row):
            yield _error(path, start_line, "not UTF-8 text (binary data?)", size=size)
            continue
        if len(row) > len(header):
            yield _error(path, start_line, f"{len(row)} fields but the header names {len(header)}", size=size)
            continue
        record = dict(zip(header, row, strict=False))  # short rows: missing fields
        yield fields.item(record, path, start_line, size)
    if header is None:
        yield _error(path, None, "no header row (CSV files need one naming the columns)")


# ------------------------------------------------------------------ HTML


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


__all__ = [
    "DEFAULT_GLOBS",
    "INPUT_FORMATS",
    "InputError",
    "Item",
    "ReadOptions",
    "decode",
    "html_to_markdown",
    "iter_items",
    "read_article",
    "read_text",
    "stdin_format",
    "to_article",
    "walk",
]
