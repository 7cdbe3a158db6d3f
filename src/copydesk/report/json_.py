"""JSON: the report object as is (the machine-readable contract)."""

from __future__ import annotations

from copydesk.report.models import AuditReport


def render(report: AuditReport, *, color: bool = False) -> str:
    return report.model_dump_json(indent=2) + "\n"
