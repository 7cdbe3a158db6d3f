"""SARIF 2.1.0 for code-scanning style tools (GitHub code scanning, IDE viewers).

One run, one result per finding with a region on the input file (line and column
of both ends, 1-based, counted in Unicode code points as the report counts them).
Rule metadata comes from the findings themselves, so the output depends only on
the report. Findings inside a quotation cost nothing in the score and are reported
at level ``note``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any
from urllib.parse import quote

from copydesk.report.models import AuditReport, Finding

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def artifact_uri(source: str | None, fallback: str | None = None) -> tuple[str, bool]:
    """(uri, relative?) for the audited file: relative paths stay relative to the checkout."""
    name = source or fallback or "article"
    if name == "<stdin>":
        return "stdin", True
    if PureWindowsPath(name).drive:
        return "file:///" + quote(PureWindowsPath(name).as_posix(), safe="/:"), False
    posix = PurePosixPath(name.replace("\\", "/"))
    if posix.is_absolute():
        return "file://" + quote(str(posix), safe="/"), False
    parts = [p for p in posix.parts if p != "."]
    return quote("/".join(parts) or "article", safe="/"), True


def region(f: Finding) -> dict[str, Any]:
    """The finding's region; the end is derived from the excerpt (``text[start:end]``)."""
    lines = f.excerpt.split("\n")
    end_line = f.line + len(lines) - 1
    end_column = (f.column + len(lines[0])) if len(lines) == 1 else len(lines[-1]) + 1
    return {
        "startLine": f.line,
        "startColumn": f.column,
        "endLine": end_line,
        "endColumn": end_column,
        "charOffset": f.span.start,
        "charLength": f.span.end - f.span.start,
        "snippet": {"text": f.excerpt},
    }


def _rule(f: Finding) -> dict[str, Any]:
    name = "".join(part.capitalize() for part in f.rule_id.replace("-", "_").replace(".", "_").split("_"))
    help_text = f.explanation
    rule: dict[str, Any] = {
        "id": f.rule_id,
        "name": name,
        "shortDescription": {"text": f"{f.dimension.value.replace('_', ' ')}: {f.rule_id}"},
        "fullDescription": {"text": f.explanation},
        "help": {"text": help_text},
        "defaultConfiguration": {"level": _LEVEL[f.severity.value]},
        "properties": {
            "tags": [t for t in ("copydesk", f.dimension.value, f.category) if t],
            "dimension": f.dimension.value,
        },
    }
    if f.link and f.link.lower().startswith(("http://", "https://")):
        rule["helpUri"] = f.link
    return rule


def sarif(report: AuditReport) -> dict[str, Any]:
    """The SARIF log as a dict (``render`` serialises it)."""
    uri, relative = artifact_uri(report.article.source, report.article.id)
    location: dict[str, Any] = {"uri": uri, "index": 0}
    if relative:
        location["uriBaseId"] = "%SRCROOT%"
    rules: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    results: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for f in report.findings:
        if f.rule_id not in index:
            index[f.rule_id] = len(rules)
            rules.append(_rule(f))
        text = f.message + (f" Try: {f.suggestion}" if f.suggestion else "")
        # Stable across edits elsewhere in the file: rule, words, and which repeat it is.
        key = f"{f.rule_id}\0{' '.join(f.excerpt.split()).lower()}"
        seen[key] = seen.get(key, 0) + 1
        fingerprint = hashlib.sha256(f"{key}\0{seen[key]}".encode()).hexdigest()[:32]
        properties: dict[str, Any] = {
            "dimension": f.dimension.value,
            "inQuote": f.in_quote,
            "points": f.points,
        }
        if f.category:
            properties["category"] = f.category
        if f.suggestion:
            properties["suggestion"] = f.suggestion
        if f.evidence:
            properties["evidence"] = f.evidence
        results.append(
            {
                "ruleId": f.rule_id,
                "ruleIndex": index[f.rule_id],
                "level": "note" if f.in_quote else _LEVEL[f.severity.value],
                "message": {"text": text},
                "locations": [
                    {"physicalLocation": {"artifactLocation": dict(location), "region": region(f)}}
                ],
                "partialFingerprints": {"copydeskFinding/v1": fingerprint},
                "properties": properties,
            }
        )
    artifact: dict[str, Any] = {"location": dict(location), "roles": ["analysisTarget"]}
    artifact["location"].pop("index")
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "copydesk",
                        "version": report.copydesk_version,
                        "semanticVersion": report.copydesk_version,
                        "rules": rules,
                        "properties": {
                            "rulePack": report.rule_pack,
                            "rulePackVersion": report.rule_pack_version,
                        },
                    }
                },
                "artifacts": [artifact],
                "columnKind": "unicodeCodePoints",
                "results": results,
                "properties": {
                    "assessed": report.assessed,
                    "score": report.score,
                    "grade": report.grade,
                    "dimensions": {
                        name: d.score for name, d in report.dimensions.items()
                    },
                },
            }
        ],
    }


def render(report: AuditReport, *, color: bool = False) -> str:
    return json.dumps(sarif(report), indent=2, ensure_ascii=False) + "\n"


__all__ = ["artifact_uri", "region", "render", "sarif"]
