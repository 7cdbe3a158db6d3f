"""One report model, many renderers: a format name -> the module that renders it."""

from __future__ import annotations

import importlib
from typing import Protocol

from copydesk.report.models import AuditReport

# Each module has `render(report, *, color: bool = False) -> str`.
RENDERERS: dict[str, str] = {
    "text": "copydesk.report.text",
    "json": "copydesk.report.json_",
    "md": "copydesk.report.markdown",
    "html": "copydesk.report.html",
    "sarif": "copydesk.report.sarif",
}


class Renderer(Protocol):
    def render(self, report: AuditReport, *, color: bool = False) -> str: ...


def renderer(fmt: str) -> Renderer:
    try:
        module = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(RENDERERS)})") from None
    return importlib.import_module(module)  # type: ignore[return-value]


def render(report: AuditReport, fmt: str, *, color: bool = False) -> str:
    return renderer(fmt).render(report, color=color)
