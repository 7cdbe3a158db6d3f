"""Audit many articles: in input order, in parallel processes, with bounded memory.

    >>> for result in copydesk.audit_many(texts, jobs=2):
    ...     if isinstance(result, copydesk.batch.AuditError):
    ...         print("skipped:", result.error)
    ...     else:
    ...         print(result.score)

``audit_many`` is a generator. It reads its input lazily and keeps at most a small
window of articles in flight (a few chunks per worker), so a stream of a million
articles runs in the memory of a few dozen. Results come back in input order. An
item that cannot be audited (unreadable, empty, over ``config.max_article_chars``, a
crash inside a rule) becomes an :class:`AuditError` carrying the item's index, id and a
one-line message; the rest of the batch goes on. When the caller stops (an exception
such as KeyboardInterrupt, or closing the generator), the workers are killed, not
waited for: a worker deep in a huge article would otherwise hold the exit for minutes.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict

from copydesk.config.model import Config
from copydesk.inputs import InputError, Item, ReadOptions, to_article
from copydesk.inputs.decode import lone_surrogate
from copydesk.packs.loader import RuleSet
from copydesk.parse.article import Article
from copydesk.report.models import AuditReport
from copydesk.speed.collector import collector_paused

if TYPE_CHECKING:
    # multiprocessing and concurrent.futures load only when a batch goes parallel
    # (~40 ms of every one-article run otherwise).
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")

# A chunk closes at this many items or this many characters of text, whichever first:
# small chunks keep order latency and memory low, large ones amortise the hand-off.
CHUNK_ITEMS = 8
CHUNK_CHARS = 1_000_000
# Chunks in flight per worker: enough to keep every worker busy while the head waits.
CHUNKS_PER_WORKER = 3
# A stream that ends within this many items is audited in this process: starting
# workers would cost more than it saves.
SMALL_BATCH = 4


class AuditError(BaseModel):
    """An item of a batch that could not be audited: which one, and why (one line)."""

    # defer_build: built when an item first fails, not in every run that has no errors.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    index: int  # 0-based position in the input
    id: str | None = None
    source: str | None = None  # file, or file:line for a record of a JSONL / CSV batch
    line: int | None = None
    error: str  # one line, naming the file (and line) when there is one

    def __str__(self) -> str:
        return self.error


class Meta(NamedTuple):
    """What the caller's process keeps about an item while it is in flight."""

    # A tuple, not a frozen dataclass: generating one costs ~1 ms of every start-up.
    index: int
    id: str | None
    source: str | None
    line: int | None
    size: int
    fields: tuple[tuple[str, Any], ...] = ()  # a record's other fields (Item.fields)


def default_jobs() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def audit_many(
    items: Iterable[str | Article | Item | Mapping[str, Any]],
    *,
    jobs: int = 1,
    rules: RuleSet | None = None,
    config: Config | None = None,
    force_jobs: bool = False,
) -> Iterator[AuditReport | AuditError]:
    """Audit every item, yielding one report (or :class:`AuditError`) per item, in order.

    Items are texts (as :func:`copydesk.audit` takes them), :class:`Article` objects,
    mappings with ``id`` / ``headline`` (or ``title``) / ``body`` (or ``text``), or
    :class:`copydesk.inputs.Item` records from the file readers. ``jobs`` is the
    number of worker processes (``0``: one per CPU; ``1``: this process); more than
    the CPUs this process may use runs one per CPU (with a warning) unless
    ``force_jobs``. A report is the same as ``audit(item, rules=rules, config=config)``
    gives.
    """
    for _meta, result in map_audits(
        items, _identity, jobs=jobs, rules=rules, config=config, force_jobs=force_jobs
    ):
        yield result


def _identity(report: AuditReport, article: Article) -> AuditReport:
    return report


def map_audits(
    items: Iterable[Any],
    fn: Callable[[AuditReport, Article], T],
    *,
    jobs: int = 1,
    rules: RuleSet | None = None,
    config: Config | None = None,
    small_batch: int = SMALL_BATCH,
    force_jobs: bool = False,
) -> Iterator[tuple[Meta, T | AuditError]]:
    """Audit items and apply ``fn(report, article)`` in the worker, yielding in order.

    ``fn`` must be picklable (a module-level function or a ``functools.partial`` of one)
    and should return something small: it runs in the worker so that rendering is
    parallel too and only its result crosses back.
    """
    config = config or Config()
    if rules is None:
        # Resolved here, once: a broken pack fails the call, not every item.
        from copydesk.api import load_rules

        rules = load_rules(config.packs, include_default=config.default_pack)
    jobs = default_jobs() if jobs <= 0 else jobs
    if jobs > default_jobs() and not force_jobs:
        # 2,000 processes on 2 cores only thrash: the same work, slower, in more memory.
        warnings.warn(
            f"jobs={jobs} is more than the {default_jobs()} CPUs this process may use; "
            f"running {default_jobs()} (force_jobs=True to insist)",
            RuntimeWarning,
            stacklevel=3,
        )
        jobs = default_jobs()
    numbered = enumerate(items)
    if jobs == 1:
        yield from _serial(numbered, fn, rules, config)
        return
    head: list[tuple[int, Any]] = []
    for pair in numbered:
        head.append(pair)
        if len(head) > small_batch:
            break
    if len(head) <= small_batch:
        yield from _serial(iter(head), fn, rules, config)
        return
    yield from _parallel(_chain(head, numbered), fn, rules, config, jobs)


def _chain(head: list[tuple[int, Any]], rest: Iterator[tuple[int, Any]]) -> Iterator[tuple[int, Any]]:
    yield from head
    head.clear()  # let the first items go once they are submitted
    yield from rest


# ------------------------------------------------------------------ one item


def _describe(index: int, obj: Any) -> Meta:
    if isinstance(obj, Item):
        return Meta(index, obj.id, obj.where, obj.line, obj.size, obj.fields)
    if isinstance(obj, Article):
        return Meta(index, obj.id, obj.source, None, len(obj.body))
    if isinstance(obj, Mapping):
        source = obj.get("source")
        raw_id = obj.get("id")
        return Meta(
            index,
            None if raw_id is None else str(raw_id),
            source if isinstance(source, str) else None,
            None,
            0,
        )
    if isinstance(obj, str):
        return Meta(index, None, None, None, len(obj))
    return Meta(index, None, None, None, 0)


def _label(meta: Meta) -> str:
    return meta.source or (f"item[{meta.index}] (id {meta.id})" if meta.id else f"item[{meta.index}]")


def _checked_size(meta: Meta, text: str | None, limit: int) -> None:
    if text is not None and len(text) > limit:
        raise InputError(
            f"{_label(meta)}: {len(text):,} characters, over the limit of {limit:,} "
            "(max_article_chars in copydesk.toml, --max-article-chars)"
        )


def _checked_text(meta: Meta, text: str | None, what: str = "text") -> None:
    if (problem := lone_surrogate(text)) is not None:
        raise InputError(f"{_label(meta)}: the {what} holds {problem}")


def _article(meta: Meta, obj: Any, limit: int) -> Article:
    if isinstance(obj, str):
        _checked_size(meta, obj, limit)
        _checked_text(meta, obj)
        return Article.from_text(obj)
    if isinstance(obj, Article):
        _checked_size(meta, obj.body, limit)
        _checked_text(meta, obj.headline, "headline")
        _checked_text(meta, obj.body, "body")
        return obj
    if isinstance(obj, Item):
        # The raw text first (a 50 MB page is refused before it is extracted), then the
        # article (what an HTML page's text came to).
        _checked_size(meta, obj.text or obj.body, limit if obj.kind != "html" else 4 * limit)
        article = to_article(obj)
        _checked_size(meta, article.body, limit)
        return article
    if isinstance(obj, Mapping):
        from copydesk.inputs.records import RecordFields

        path = meta.source or f"item[{meta.index}]"
        item = RecordFields(ReadOptions(cli_hints=False)).item(dict(obj), path, None, 0)
        if item.kind == "error":
            raise InputError(item.error or f"{path}: cannot be audited")
        _checked_size(meta, item.body, limit)
        try:
            item_id = None if item.id == path else item.id  # no id given: none invented
            return Article(headline=item.headline, body=item.body or "", id=item_id, source=meta.source)
        except ValueError as exc:  # pydantic's ValidationError: a headline over two lines
            raise InputError(f"{path}: {_one_line(str(exc).splitlines()[-1])}") from None
    raise InputError(
        f"{_label(meta)}: expected text, an Article, an Item or a mapping, got {type(obj).__name__}"
    )


def _one_line(text: str, limit: int = 300) -> str:
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _audit_one(
    engine: Any, fn: Callable[[AuditReport, Article], T], index: int, obj: Any, limit: int
) -> T | AuditError:
    meta = _describe(index, obj)
    try:
        article = _article(meta, obj, limit)
        # Each audit is a batch's entry point: the collector pauses for it (see
        # copydesk.speed.collector), not for the caller's work between items.
        with collector_paused():
            report = engine.audit(article)
        return fn(report, article)
    except InputError as exc:
        return _error(meta, _one_line(str(exc)))
    except RecursionError:
        return _error(meta, f"{_label(meta)}: too deeply nested to audit")
    except MemoryError:
        return _error(meta, f"{_label(meta)}: out of memory while auditing")
    except Exception as exc:  # a bug in a rule must not stop a batch of thousands
        if os.environ.get("COPYDESK_DEBUG"):
            import traceback

            traceback.print_exc()
        detail = _one_line(f"{type(exc).__name__}: {exc}", 200)
        return _error(
            meta, f"{_label(meta)}: internal error ({detail}); set COPYDESK_DEBUG=1 for a traceback"
        )


def _error(meta: Meta, message: str) -> AuditError:
    return AuditError(index=meta.index, id=meta.id, source=meta.source, line=meta.line, error=message)


def _serial(
    numbered: Iterator[tuple[int, Any]],
    fn: Callable[[AuditReport, Article], T],
    rules: RuleSet,
    config: Config,
) -> Iterator[tuple[Meta, T | AuditError]]:
    from copydesk.speed.cache import cached_engine

    with collector_paused():
        engine = cached_engine(rules, config)
    for index, obj in numbered:
        yield _describe(index, obj), _audit_one(engine, fn, index, obj, config.max_article_chars)


# ------------------------------------------------------------------ worker processes

_WORKER: tuple[Any, Callable[[AuditReport, Article], Any], int] | None = None


def _init_worker(rules: RuleSet, config: Config, fn: Callable[[AuditReport, Article], Any]) -> None:
    global _WORKER
    # Ctrl-C goes to the whole process group: the parent decides, workers just stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # A forked worker inherits the CLI's SIGTERM handler, which raises: the parent's
    # terminate() must end a worker, not become an exception it reports and survives.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _die_with_parent()
    from copydesk.speed.cache import cached_engine

    # Forked workers find the engine the parent built (and warmed) in its cache; others
    # in the rule set's snapshot.
    with collector_paused():
        _WORKER = (cached_engine(rules, config), fn, config.max_article_chars)
    # A worker's long-lived objects (engine, tables) need never be scanned by the cyclic
    # collector again: a full collection over them cost ~0.5 ms an article in a batch.
    # The worker is copydesk's own process, so this touches nobody else's objects.
    import gc

    gc.freeze()


def _die_with_parent() -> None:
    """On Linux, have the kernel send SIGTERM when the parent dies (even by SIGKILL),
    so a killed batch never leaves workers behind holding hundreds of MB."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(Exception):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before prctl: nobody is waiting
            os._exit(1)


def _warm(rules: RuleSet, config: Config) -> None:
    """Build the engine and load lazy resources (lexicons, models) before forking,
    so that every worker starts with them instead of loading its own copy."""
    from copydesk.speed.cache import cached_engine

    # A failure here shows again, item by item, as error records from the workers.
    with contextlib.suppress(Exception), collector_paused():
        cached_engine(rules, config).audit(Article.from_text("Warm up.\n\nThe board met on Monday."))


def _work(chunk: list[tuple[int, Any]]) -> list[Any]:
    assert _WORKER is not None, "worker not initialised"
    engine, fn, limit = _WORKER
    return [_audit_one(engine, fn, index, obj, limit) for index, obj in chunk]


def _context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    # fork is cheap (modules and packs are already loaded) but only safe on Linux and
    # with no other threads; elsewhere forkserver or spawn re-import in each worker.
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


class _Chunk(Generic[T]):
    # A plain class: a generated dataclass costs ~1 ms of every start-up, parallel or not.
    __slots__ = ("future", "metas", "payload")

    def __init__(
        self, metas: list[Meta], payload: list[tuple[int, Any]], future: Future[list[T | AuditError]]
    ) -> None:
        self.metas = metas
        self.payload = payload
        self.future = future


def _chunks(numbered: Iterator[tuple[int, Any]]) -> Iterator[list[tuple[int, Any]]]:
    chunk: list[tuple[int, Any]] = []
    chars = 0
    for index, obj in numbered:
        chunk.append((index, obj))
        chars += _describe(index, obj).size
        if len(chunk) >= CHUNK_ITEMS or chars >= CHUNK_CHARS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


class _Pool:
    def __init__(self, jobs: int, initargs: tuple[Any, ...]) -> None:
        self.jobs = jobs
        self.initargs = initargs
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=self.initargs,
        )

    def renew(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._new()

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def kill(self) -> None:
        """Stop now: the caller is gone (interrupted, failed or closed the generator)."""
        executor = self.executor
        # Python 3.14 has terminate_workers(); before it, the pool's own process table.
        processes = list((getattr(executor, "_processes", None) or {}).values())
        executor.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            with contextlib.suppress(Exception):
                process.terminate()
        for process in processes:
            with contextlib.suppress(Exception):
                process.join(5)
                if process.is_alive():
                    process.kill()
                    process.join(5)


def _parallel(
    numbered: Iterator[tuple[int, Any]],
    fn: Callable[[AuditReport, Article], T],
    rules: RuleSet,
    config: Config,
    jobs: int,
) -> Iterator[tuple[Meta, T | AuditError]]:
    if _context().get_start_method() == "fork":
        _warm(rules, config)
    pool = _Pool(jobs, (rules, config, fn))
    window = jobs * CHUNKS_PER_WORKER
    pending: deque[_Chunk[T]] = deque()
    try:
        for payload in _chunks(numbered):
            metas = [_describe(i, obj) for i, obj in payload]
            pending.append(_Chunk(metas, payload, pool.executor.submit(_work, payload)))
            while len(pending) >= window:
                yield from _take(pending, pool)
        while pending:
            yield from _take(pending, pool)
    except BaseException:  # KeyboardInterrupt, SIGTERM, GeneratorExit, a failing reader
        pool.kill()
        raise
    pool.close()


def _take(pending: deque[_Chunk[T]], pool: _Pool) -> Iterator[tuple[Meta, T | AuditError]]:
    from concurrent.futures.process import BrokenProcessPool

    head = pending[0]
    try:
        results = head.future.result()
    except BrokenProcessPool:
        yield from _recover(pending, pool)
        return
    pending.popleft()
    yield from zip(head.metas, results, strict=True)


def _recover(pending: deque[_Chunk[T]], pool: _Pool) -> Iterator[tuple[Meta, T | AuditError]]:
    """A worker died (killed, out of memory, a crash in C code): find the culprit.

    Every chunk in flight failed with it. Re-run their items one at a time in a fresh
    pool: an item that kills its worker again gets an error record; the others their
    reports. Then the batch goes on in parallel.
    """
    from concurrent.futures.process import BrokenProcessPool

    retry = [(meta, pair) for chunk in pending for meta, pair in zip(chunk.metas, chunk.payload, strict=True)]
    pending.clear()
    pool.renew()
    for meta, pair in retry:
        try:
            (result,) = pool.executor.submit(_work, [pair]).result()
        except BrokenProcessPool:
            pool.renew()
            result = _error(meta, f"{_label(meta)}: the worker process auditing it stopped (out of memory?)")
        yield meta, result


__all__ = ["AuditError", "Meta", "audit_many", "default_jobs", "map_audits"]
