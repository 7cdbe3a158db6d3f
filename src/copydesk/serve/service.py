"""What one server worker holds: the rules and engine (loaded once), and its audit slots.

Audits are CPU work in a small thread pool, so the event loop keeps answering
(``/healthz``, 503s) while they run. Admission is bounded: at most ``concurrency``
audits run and ``backlog`` more wait; the next request is refused with 503 at once
instead of queueing without end. The per-audit time limit bounds what a client waits
(504 after ``audit_timeout`` seconds). A Python thread cannot be stopped from outside, so
an audit over its time keeps its slot until it ends: a flood of slow articles fills the
slots and the server answers 503, rather than piling up threads. What bounds an audit's
own time is the request-size limit (and ``max_article_chars``) and the time budgets
of the pattern matchers, which stop a runaway expression (kinds/pattern.py).
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from copydesk.config.model import Config
from copydesk.packs.loader import RuleSet
from copydesk.parse.article import Article
from copydesk.report.models import AuditReport
from copydesk.serve.settings import Settings

T = TypeVar("T")

Format = Literal["json", "html", "md", "sarif"]

MEDIA_TYPES: dict[str, str] = {
    "json": "application/json",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "sarif": "application/sarif+json",
}


class Saturated(Exception):
    """Every audit slot and backlog place is taken: 503."""


class AuditTimeout(Exception):
    """The audit ran over the time limit: 504."""


class RequestProblem(Exception):
    """The request is not an article copydesk can audit: 422, with the field named."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class AuditRequest(BaseModel):
    """One article: ``headline`` and ``body``, or ``text`` (the headline is found in it)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    headline: str | None = Field(default=None, description="one line; omit for none")
    body: str | None = Field(default=None, description="the article's text, plain or Markdown")
    text: str | None = Field(
        default=None, description="instead of headline and body: the whole article, headline found in it"
    )
    id: str | None = Field(default=None, max_length=500, description="echoed in the report")
    format: Format = Field(default="json", description="json | html | md | sarif")

    @model_validator(mode="after")
    def _one_form(self) -> AuditRequest:
        if self.text is not None:
            if self.body is not None or self.headline is not None:
                raise ValueError("give either text, or headline and body, not both")
        elif self.body is None:
            raise ValueError("field required: body (or text)")
        return self


class WorksheetRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    headline: str | None = None
    body: str | None = None
    text: str | None = None
    task: str = Field(default="loaded", max_length=40)
    marks: list[int] = Field(default_factory=list, max_length=100_000, description="marked word indices")

    @model_validator(mode="after")
    def _one_form(self) -> WorksheetRequest:
        if self.text is None and self.body is None:
            raise ValueError("field required: body (or text)")
        return self


class ExtractRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    filename: str = Field(max_length=500)
    content: str


def problem_of(exc: ValidationError) -> RequestProblem:
    """pydantic's first error as one line naming the field."""
    first = exc.errors(include_url=False)[0]
    loc = ".".join(str(x) for x in first.get("loc", ()))
    message = str(first.get("msg", "invalid")).removeprefix("Value error, ")
    kind = first.get("type", "")
    if kind == "missing":
        message = "field required"
    elif kind == "extra_forbidden":
        message = "unknown field"
    elif kind == "string_type":
        message = "must be a string"
    if message.startswith("field required: "):  # from a model validator: the field is in it
        loc, message = message.removeprefix("field required: ").split(" ")[0], "field required"
    return RequestProblem(f"{loc}: {message}" if loc else message, loc or None)


def parse_model(model: type[BaseModel], data: Any) -> Any:
    if not isinstance(data, dict):
        raise RequestProblem("the request body must be a JSON object", None)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise problem_of(exc) from None


def article_of(req: AuditRequest | WorksheetRequest, limit: int, id: str | None = None) -> Article:
    """The article a request describes (RequestProblem naming the field otherwise)."""
    from copydesk.inputs.decode import lone_surrogate

    fields = {"text": req.text} if req.text is not None else {"headline": req.headline, "body": req.body}
    for name, value in fields.items():
        if value is None:
            continue
        if (problem := lone_surrogate(value)) is not None:
            raise RequestProblem(f"{name}: holds {problem}", name)
        if len(value) > limit:
            raise RequestProblem(
                f"{name}: {len(value):,} characters, over the limit of {limit:,} (max_article_chars)", name
            )
    if req.text is not None:
        return Article.from_text(req.text, id=id)
    if req.headline is not None and "\n" in req.headline.strip():
        raise RequestProblem("headline: must be a single line", "headline")
    try:
        return Article(headline=req.headline, body=req.body or "", id=id)
    except ValidationError as exc:
        raise problem_of(exc) from None


class Service:
    """Rules, config and engine for one worker process, and its bounded audit slots."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.config, self.rules = self._load(settings)
        self._pool = ThreadPoolExecutor(max_workers=settings.concurrency, thread_name_prefix="copydesk-audit")
        self._slots: asyncio.Semaphore | None = None
        self._admitted = 0
        self._loop: asyncio.AbstractEventLoop | None = None
        self.warm()

    @staticmethod
    def _load(settings: Settings) -> tuple[Config, RuleSet]:
        """The configuration and rule packs, as ``copydesk audit`` would find them."""
        import argparse

        from copydesk.cli.config_cmd import effective_config, ruleset_for

        args = argparse.Namespace(
            config=settings.config, no_config=settings.no_config, rules=list(settings.rules)
        )
        loaded = effective_config(args)
        return loaded.config, ruleset_for(loaded)

    def warm(self) -> None:
        """Build the engine and load its lazy parts (lexicons, VADER) before serving."""
        import gc

        self.audit(Article(headline="Warm up", body="The board met on Monday, officials said."))
        # The engine and tables live as long as the worker: keep the collector off them.
        gc.freeze()

    def audit(self, article: Article) -> AuditReport:
        from copydesk.api import audit

        return audit(article, rules=self.rules, config=self.config)

    def start(self) -> None:
        """Bind the slots to the running event loop (the app's start-up)."""
        self._slots = asyncio.Semaphore(self.settings.concurrency)
        self._loop = asyncio.get_running_loop()
        self._admitted = 0

    @property
    def busy(self) -> int:
        return self._admitted

    def admit(self) -> None:
        """Take a place among the running and waiting requests, or raise Saturated."""
        if self._admitted >= self.settings.concurrency + self.settings.backlog:
            raise Saturated
        self._admitted += 1

    def leave(self) -> None:
        self._admitted -= 1

    async def run(self, fn: Callable[..., T], *args: Any, admitted: bool = False) -> T:
        """``fn(*args)`` in an audit slot, within the time limit (Saturated, AuditTimeout).

        ``admitted``: the caller already holds a place (a batch holds one for its
        whole stream and runs its items one after another)."""
        if self._slots is None or self._loop is None:
            self.start()
        slots, loop = self._slots, self._loop
        assert slots is not None and loop is not None
        if not admitted:
            self.admit()
        try:
            await slots.acquire()
        except BaseException:
            if not admitted:
                self.leave()
            raise
        try:
            future: Future[T] = self._pool.submit(fn, *args)
        except BaseException:
            self._release(slots, admitted)
            raise
        # The slot is given back when the work ends, not when the client stops waiting.
        future.add_done_callback(lambda _f: loop.call_soon_threadsafe(self._release, slots, admitted))
        try:
            return await asyncio.wait_for(
                asyncio.shield(asyncio.wrap_future(future)), self.settings.audit_timeout
            )
        except asyncio.TimeoutError:
            raise AuditTimeout from None

    def _release(self, slots: asyncio.Semaphore, admitted: bool) -> None:
        slots.release()
        if not admitted:
            self.leave()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._pool.shutdown(wait=False, cancel_futures=True)
