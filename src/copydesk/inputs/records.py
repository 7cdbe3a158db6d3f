"""Batches of records: JSONL and JSON files (CSV / TSV in ``csvrecords``), and which
fields hold what.

Each reader streams (a JSONL or CSV file is read record by record, so a ten-year
archive never sits in memory at once) and yields one :class:`Item` per record; a bad
record is an error item naming its line, and the rest of the file goes on.
"""

from __future__ import annotations

import codecs
import io
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, Any

from copydesk.inputs.decode import MAX_BYTES
from copydesk.inputs.items import Item, ReadOptions, error_item

__all__ = ["RecordFields", "guarded_item", "read_json", "read_jsonl"]

DEFAULT_ID_FIELDS = ("id",)
DEFAULT_HEADLINE_FIELDS = ("headline", "title")
DEFAULT_BODY_FIELDS = ("body", "text")


class RecordFields:
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
        id_key, raw_id = self._find(record, self.id)
        item_id = where if raw_id is None or raw_id == "" else _scalar_text(raw_id)
        if item_id is None:
            return error_item(path, line, "the id field is not a string or a number", size=size)

        body_key, body = self._find(record, self.body)
        head_key, headline = self._find(record, self.headline)
        used = {id_key, body_key, head_key}
        fields = tuple((str(k), v) for k, v in record.items() if k not in used and _carried(k, v))

        def bad(message: str) -> Item:
            return error_item(path, line, message, id=item_id, size=size)._replace(fields=fields)

        if body_key is None:
            names = " or ".join(repr(n) for n in self.body)
            hint = " (name it with --body-field)" if self.hint else ""
            return bad(f"no body field {names}{hint}")
        if not isinstance(body, str):
            return bad(f"field {body_key!r} is {_json_type(body)}, not text")
        if not body.strip():
            return bad(f"field {body_key!r} is empty, nothing to audit")
        if headline is not None and not isinstance(headline, str):
            return bad(f"field {head_key!r} is {_json_type(headline)}, not text")
        for key, value in ((body_key, body), (head_key, headline)):
            if value and ("\x00" in value or _SURROGATE.search(value)):
                what = "NUL characters" if "\x00" in value else "bytes that are not UTF-8"
                return bad(f"field {key!r} holds {what} (binary data?)")
        if headline is not None and not headline.strip():
            headline = None
        return Item(
            path, kind="fields", id=item_id, line=line, headline=headline, body=body, size=size, fields=fields
        )


_SURROGATE = re.compile("[\ud800-\udfff]")


def _json_problem(exc: json.JSONDecodeError) -> str:
    return f"{exc.msg.removesuffix(' at')} at column {exc.colno}"


def _carried(key: Any, value: Any) -> bool:
    """A field the outputs carry along: a scalar that every output can encode (finite,
    valid Unicode, no NUL); anything else (lists, objects, binary junk) is left out."""
    if not isinstance(key, str) or "\x00" in key or _SURROGATE.search(key):
        return False
    if isinstance(value, str):
        return "\x00" not in value and not _SURROGATE.search(value)
    if isinstance(value, float):
        return value - value == 0  # not NaN, not infinite
    return value is None or isinstance(value, (int, bool))


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
    fields = RecordFields(options)
    lines: Iterable[tuple[int, bytes | None, int]]
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        yield from _jsonl_utf16(stream, path, fields)
        return
    lines = _binary_lines(stream)
    seen = False
    for number, raw, size in lines:
        seen = seen or bool(raw is None or raw.strip(b" \t\r\n\xef\xbb\xbf"))
        if raw is None:
            yield error_item(path, number, f"line is over the {MAX_BYTES}-byte limit", size=size)
            continue
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if not raw.strip():
            continue
        if b"\x00" in raw:
            yield error_item(path, number, "binary data (NUL bytes), not a JSON line", size=size)
            continue
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield error_item(path, number, "not UTF-8 text (binary data?)", size=size)
            continue
        yield _jsonl_record(text, path, number, size, fields)
    if not seen:
        yield error_item(path, None, "no records (an empty batch), nothing to audit")


def _jsonl_utf16(stream: IO[bytes], path: str, fields: RecordFields) -> Iterator[Item]:
    reader = io.TextIOWrapper(stream, encoding="utf-16", newline=None)  # type: ignore[type-var]
    number = 0
    try:
        for text in reader:
            number += 1
            if text.strip():
                yield _jsonl_record(text, path, number, len(text) * 2, fields)
    except UnicodeDecodeError:
        yield error_item(path, number + 1, "invalid UTF-16 text; the rest of the file is skipped")
    finally:
        reader.detach()


def _jsonl_record(text: str, path: str, number: int, size: int, fields: RecordFields) -> Item:
    huge = _HugeInts()
    try:
        record = json.loads(text, parse_int=huge)
    except json.JSONDecodeError as exc:
        return error_item(path, number, f"malformed JSON ({_json_problem(exc)})", size=size)
    except RecursionError:
        return error_item(path, number, "malformed JSON (nested too deeply)", size=size)
    except ValueError as exc:  # a number json cannot convert (Python's 4,300-digit int limit)
        return error_item(path, number, f"unreadable JSON ({_value_problem(exc)})", size=size)
    if not isinstance(record, dict):
        return error_item(path, number, f"expected a JSON object, got {_json_type(record)}", size=size)
    if huge.seen:
        return error_item(path, number, huge.problem(), size=size)
    return guarded_item(fields, record, path, number, size)


class _HugeInts:
    """``parse_int`` for json: an integer over Python's int-string limit (4,300 digits by
    default) becomes a marker instead of a ValueError that would abort the whole parse,
    so the record holding it is refused and the rest of the batch goes on."""

    def __init__(self) -> None:
        self.seen = 0  # digits of the largest one seen

    def __call__(self, digits: str) -> int | _Huge:
        try:
            return int(digits)
        except ValueError:
            self.seen = max(self.seen, len(digits.lstrip("-")))
            return _Huge()

    def problem(self) -> str:
        return f"a number with {self.seen:,} digits (over Python's limit for reading integers)"


class _Huge:
    __slots__ = ()


def _holds_huge(value: Any, depth: int = 0) -> bool:
    if isinstance(value, _Huge):
        return True
    if depth > 200:  # json.loads itself stops far short of this
        return False
    if isinstance(value, dict):
        return any(_holds_huge(v, depth + 1) for v in value.values())
    if isinstance(value, list):
        return any(_holds_huge(v, depth + 1) for v in value)
    return False


def guarded_item(
    fields: RecordFields, record: dict[str, Any], path: str, line: int | None, size: int
) -> Item:
    """``fields.item``, but whatever the record holds, a failure is this record's error."""
    try:
        return fields.item(record, path, line, size)
    except Exception as exc:  # one odd record must never stop a batch of thousands
        return error_item(
            path, line, f"cannot read the record ({type(exc).__name__}: {exc})"[:300], size=size
        )


def _value_problem(exc: ValueError) -> str:
    # "Exceeds the limit (4300 digits) for integer string conversion: value has 5000
    # digits; use sys.set_int_max_str_digits() ..." -> its first clause.
    text = str(exc).split(";")[0]
    return text if len(text) <= 200 else text[:199] + "…"


def read_json(text: str, path: str, options: ReadOptions, *, size: int = 0) -> Iterator[Item]:
    """A ``.json`` file: one article object, or a list of them."""
    fields = RecordFields(options)
    huge = _HugeInts()
    try:
        data = json.loads(text, parse_int=huge)
    except json.JSONDecodeError as exc:
        yield error_item(path, exc.lineno, f"malformed JSON ({_json_problem(exc)})", size=size)
        return
    except RecursionError:
        yield error_item(path, None, "malformed JSON (nested too deeply)", size=size)
        return
    except ValueError as exc:  # a number json cannot convert (Python's 4,300-digit int limit)
        yield error_item(path, None, f"unreadable JSON ({_value_problem(exc)})", size=size)
        return
    if isinstance(data, dict):
        if huge.seen:
            yield error_item(path, None, huge.problem(), size=size)
            return
        yield guarded_item(fields, data, path, None, size)
        return
    if not isinstance(data, list):
        yield error_item(path, None, f"expected a JSON object or a list of them, got {_json_type(data)}")
        return
    if not data:
        yield error_item(path, None, "an empty list, no records to audit", size=size)
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
        if huge.seen and _holds_huge(record):
            yield Item(path, kind="error", id=where, error=f"{where}: {huge.problem()}", size=share)
            continue
        item = guarded_item(fields, record, path, None, share)
        # A list entry has no line of its own: name it by position.
        if item.id == path:
            item = item._replace(id=where)
        if item.kind == "error" and item.error:
            item = item._replace(error=item.error.replace(f"{path}: ", f"{where}: ", 1))
        yield item
