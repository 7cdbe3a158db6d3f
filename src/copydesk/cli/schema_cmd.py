"""`copydesk schema`: the JSON Schema of the audit report."""

from __future__ import annotations

import argparse
import json
import sys


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("schema", help="print the JSON Schema of the audit report")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from copydesk.report.models import AuditReport

    sys.stdout.write(json.dumps(AuditReport.model_json_schema(), indent=2) + "\n")
    return 0
