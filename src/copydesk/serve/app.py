"""The Starlette application: ``create_app(settings)``; ``uvicorn`` runs it.

Every error is JSON ``{"error": {"status", "message", "field"}}`` with the right status:
413 over the size limit, 422 for malformed JSON or a missing / wrong field (named),
401 without the bearer token (when one is set), 503 when the audit slots are full,
504 over the time limit, 500 for a bug (one line, never a traceback).
"""

from __future__ import annotations

import hmac
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from copydesk import __version__
from copydesk.serve import page
from copydesk.serve.service import (
    MEDIA_TYPES,
    AuditRequest,
    AuditTimeout,
    ExtractRequest,
    RequestProblem,
    Saturated,
    Service,
    WorksheetRequest,
    article_of,
    parse_model,
)
from copydesk.serve.settings import Settings


class Problem(HTTPException):
    """An HTTP error with the request field it is about."""

    def __init__(self, status: int, message: str, field: str | None = None) -> None:
        super().__init__(status, message)
        self.field = field


def error_response(status: int, message: str, field: str | None = None, **headers: str) -> JSONResponse:
    body = {"error": {"status": status, "message": message, "field": field}}
    return JSONResponse(body, status_code=status, headers=headers or None)


# ------------------------------------------------------------------ reading requests


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 past ``limit`` bytes (declared or streamed)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            size = int(declared)
        except ValueError:
            raise Problem(400, "Content-Length is not a number") from None
        if size > limit:
            raise Problem(413, f"the request is {size:,} bytes, over the limit of {limit:,}")
    chunks: list[bytes] = []
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit:
            raise Problem(413, f"the request is over the limit of {limit:,} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(raw: bytes, where: str = "") -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise Problem(422, f"{where}the request body is not UTF-8") from None
    except json.JSONDecodeError as exc:
        raise Problem(
            422, f"{where}malformed JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None


async def json_body(request: Request, model: type[Any]) -> Any:
    service: Service = request.app.state.service
    raw = await read_body(request, service.settings.max_body_bytes)
    try:
        return parse_model(model, parse_json(raw))
    except RequestProblem as exc:
        raise Problem(422, str(exc), exc.field) from None


async def audited(request: Request, fn: Callable[[], Any]) -> Any:
    service: Service = request.app.state.service
    try:
        return await service.run(fn)
    except Saturated:
        raise Problem(503, "the server is busy: every audit slot is taken; retry shortly") from None
    except AuditTimeout:
        raise Problem(504, f"the audit took longer than {service.settings.audit_timeout:g} s") from None
    except RequestProblem as exc:
        raise Problem(422, str(exc), exc.field) from None


# ------------------------------------------------------------------ endpoints


async def audit_endpoint(request: Request) -> Response:
    service: Service = request.app.state.service
    req: AuditRequest = await json_body(request, AuditRequest)

    def work() -> str:
        from copydesk.report.render import render

        article = article_of(req, service.config.max_article_chars, req.id)
        return render(service.audit(article), req.format)

    content = await audited(request, work)
    headers = {"Content-Security-Policy": page.report_csp()} if req.format == "html" else None
    return Response(content, media_type=MEDIA_TYPES[req.format], headers=headers)


async def batch_endpoint(request: Request) -> Response:
    service: Service = request.app.state.service
    s = service.settings
    raw = await read_body(request, s.max_batch_bytes)
    items: list[AuditRequest] = []
    for number, line in enumerate(raw.split(b"\n"), 1):
        if not line.strip():
            continue
        where = f"line {number}: "
        try:
            req = parse_model(AuditRequest, parse_json(line, where))
        except RequestProblem as exc:
            raise Problem(422, where + str(exc), exc.field) from None
        if req.format != "json":
            raise Problem(422, where + "format: a batch answers in JSON lines only", "format")
        items.append(req)
        if len(items) > s.max_batch_items:
            raise Problem(413, f"over {s.max_batch_items:,} articles in one batch")
    try:
        service.admit()
    except Saturated:
        raise Problem(503, "the server is busy: every audit slot is taken; retry shortly") from None

    async def lines() -> AsyncIterator[str]:
        for index, req in enumerate(items):
            yield await _batch_line(service, index, req) + "\n"

    return _HeldStream(service, lines(), media_type="application/x-ndjson")


class _HeldStream(StreamingResponse):
    """A stream that gives its admission place back however it ends (done, failed, or the
    client gone before the first line)."""

    def __init__(self, service: Service, content: AsyncIterator[str], media_type: str) -> None:
        super().__init__(content, media_type=media_type)
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self.service.leave()


async def _batch_line(service: Service, index: int, req: AuditRequest) -> str:
    def work() -> str:
        article = article_of(req, service.config.max_article_chars, req.id)
        return service.audit(article).model_dump_json()

    try:
        return await service.run(work, admitted=True)
    except AuditTimeout:
        message = f"the audit took longer than {service.settings.audit_timeout:g} s"
    except RequestProblem as exc:
        message = str(exc)
    except Exception as exc:  # a bug in one rule must not end the stream
        message = f"internal error ({type(exc).__name__})"
    return json.dumps({"index": index, "id": req.id, "error": message})


async def rules_endpoint(request: Request) -> Response:
    service: Service = request.app.state.service
    cfg = service.config.rules
    rules = [
        {
            "id": r.id,
            "kind": r.kind,
            "dimension": r.dimension.value,
            "severity": (cfg.severity_for(r.id) or r.severity).value,
            "enabled": cfg.is_enabled(r.id),
            "message": r.message,
            "explanation": r.explanation,
            "suggestion": r.suggestion,
            "link": r.link,
        }
        for r in service.rules.rules
    ]
    return JSONResponse(
        {"rule_pack": service.rules.name, "rule_pack_version": service.rules.version, "rules": rules}
    )


async def schema_endpoint(request: Request) -> Response:
    from copydesk.report.models import AuditReport

    return JSONResponse(AuditReport.model_json_schema())


async def openapi_endpoint(request: Request) -> Response:
    from copydesk.serve.openapi import openapi

    return JSONResponse(openapi())


async def health_endpoint(request: Request) -> Response:
    service: Service = request.app.state.service
    s = service.settings
    return JSONResponse(
        {
            "status": "ok",
            "version": __version__,
            "rule_pack": service.rules.name,
            "rules": len(service.rules.rules),
            "busy": service.busy,
            "capacity": s.concurrency + s.backlog,
        }
    )


async def extract_endpoint(request: Request) -> Response:
    """A dropped file (.md, .txt, .html) -> the headline and body copydesk reads in it."""
    req: ExtractRequest = await json_body(request, ExtractRequest)

    def work() -> dict[str, Any]:
        from copydesk.inputs import InputError, Item, to_article

        kind = "html" if req.filename.lower().endswith((".html", ".htm")) else "text"
        try:
            article = to_article(Item(req.filename, kind=kind, id=req.filename, text=req.content))
        except InputError as exc:
            raise RequestProblem(f"content: {exc}", "content") from None
        return {"headline": article.headline, "body": article.body}

    return JSONResponse(await audited(request, work))


async def worksheet_endpoint(request: Request) -> Response:
    return await _worksheet(request, "sheet")


async def worksheet_check_endpoint(request: Request) -> Response:
    return await _worksheet(request, "check")


async def worksheet_key_endpoint(request: Request) -> Response:
    return await _worksheet(request, "key")


async def _worksheet(request: Request, what: str) -> Response:
    from copydesk.serve import classroom

    service: Service = request.app.state.service
    req: WorksheetRequest = await json_body(request, WorksheetRequest)
    if req.task not in classroom.task_names():
        raise Problem(422, f"task: unknown task (choose from {', '.join(classroom.task_names())})", "task")

    def work() -> dict[str, Any]:
        report = service.audit(article_of(req, service.config.max_article_chars))
        return classroom.answer(what, report, req.task, req.marks)

    return JSONResponse(await audited(request, work))


async def page_endpoint(request: Request) -> Response:
    service: Service = request.app.state.service
    return Response(
        page.index(auth=service.settings.token is not None),
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": page.page_csp()},
    )


async def asset_endpoint(request: Request) -> Response:
    name = request.path_params["name"]
    found = page.static(name)
    if found is None:
        raise Problem(404, f"no such file: {name}")
    content, media_type = found
    return Response(content, media_type=media_type, headers={"Cache-Control": "no-cache"})


# ------------------------------------------------------------------ errors and middleware


async def http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    headers = dict(exc.headers or {})
    if exc.status_code == 503:
        headers["Retry-After"] = "1"
    message = exc.detail if isinstance(exc.detail, str) else "error"
    if exc.status_code == 404 and not isinstance(exc, Problem):
        message = f"no such endpoint: {request.url.path}"
    elif exc.status_code == 405 and not isinstance(exc, Problem):
        message = f"{request.method} is not allowed on {request.url.path}"
    return error_response(exc.status_code, message, getattr(exc, "field", None), **headers)


async def internal_error(request: Request, exc: Exception) -> Response:
    import logging
    import os

    if os.environ.get("COPYDESK_DEBUG"):
        logging.getLogger("copydesk.serve").exception("internal error")
    detail = " ".join(f"{type(exc).__name__}".split())
    return error_response(
        500, f"internal error ({detail}); set COPYDESK_DEBUG=1 on the server for a traceback"
    )


OPEN_PATHS = ("/", "/healthz", "/static/")


class Guard:
    """Bearer-token check (when a token is set) and security headers on every answer."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self.token = token.encode("utf-8") if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        if self.token is not None and not (path in OPEN_PATHS or path.startswith("/static/")):
            given = b""
            for key, value in scope.get("headers", []):
                if key == b"authorization":
                    given = value
            scheme, _, credential = given.partition(b" ")
            if scheme.lower() != b"bearer" or not hmac.compare_digest(credential.strip(), self.token):
                response = error_response(
                    401,
                    "a bearer token is required (Authorization: Bearer ...)",
                    None,
                    **{"WWW-Authenticate": 'Bearer realm="copydesk"'},
                )
                await self._secured(response)(scope, receive, send)
                return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for key, value in SECURITY_HEADERS:
                    if key not in present:
                        headers.append((key, value))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_secured)

    def _secured(self, response: Response) -> ASGIApp:
        for key, value in SECURITY_HEADERS:
            response.headers.setdefault(key.decode(), value.decode())
        return response


SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
    (b"content-security-policy", b"default-src 'none'; frame-ancestors 'none'"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


# ------------------------------------------------------------------ the app


def create_app(settings: Settings | None = None, service: Service | None = None) -> Starlette:
    """The application. ``settings`` default to the environment (uvicorn's workers)."""
    settings = settings or Settings.from_env()
    service = service or Service(settings)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        service.start()
        try:
            yield
        finally:
            service.close()

    routes = [
        Route("/", page_endpoint, methods=["GET"]),
        Route("/static/{name}", asset_endpoint, methods=["GET"]),
        Route("/healthz", health_endpoint, methods=["GET"]),
        Route("/openapi.json", openapi_endpoint, methods=["GET"]),
        Route("/v1/audit", audit_endpoint, methods=["POST"]),
        Route("/v1/audit/batch", batch_endpoint, methods=["POST"]),
        Route("/v1/rules", rules_endpoint, methods=["GET"]),
        Route("/v1/schema", schema_endpoint, methods=["GET"]),
        Route("/v1/extract", extract_endpoint, methods=["POST"]),
        Route("/v1/worksheet", worksheet_endpoint, methods=["POST"]),
        Route("/v1/worksheet/check", worksheet_check_endpoint, methods=["POST"]),
        Route("/v1/worksheet/key", worksheet_key_endpoint, methods=["POST"]),
    ]
    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        HTTPException: http_error,
        Exception: internal_error,
    }
    app = Starlette(
        routes=routes,
        exception_handlers=handlers,  # type: ignore[arg-type]
        middleware=[Middleware(Guard, token=settings.token)],
        lifespan=lifespan,
    )
    app.state.service = service
    return app


def app_from_env() -> Starlette:
    """uvicorn's factory for ``--workers N``: each worker loads its own engine once."""
    return create_app(Settings.from_env())
