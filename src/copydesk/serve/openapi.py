"""The OpenAPI 3.1 description of the service, built from the models themselves.

The report's schema is ``AuditReport.model_json_schema()``, the very one ``copydesk
schema`` and ``GET /v1/schema`` print, with its ``$defs`` moved to
``components/schemas`` (a test checks they stay the same).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from copydesk import __version__

REF = "#/components/schemas/{model}"


def _hoist(schema: dict[str, Any], into: dict[str, Any]) -> dict[str, Any]:
    for name, sub in schema.pop("$defs", {}).items():
        into[name] = sub
    return schema


def _error() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "message"],
                "properties": {
                    "status": {"type": "integer"},
                    "message": {
                        "type": "string",
                        "description": "one line; names the field when there is one",
                    },
                    "field": {"type": ["string", "null"], "description": "the request field at fault"},
                },
            }
        },
    }


def _errors(*codes: int) -> dict[str, Any]:
    said = {
        401: "no or wrong bearer token (only when the server has --token-file)",
        413: "the request is over the size limit",
        422: "malformed JSON, or a missing or wrong field (named in the message)",
        503: "every audit slot is taken; retry (Retry-After says when)",
        504: "the audit ran over the time limit",
    }
    ref = {"$ref": "#/components/schemas/Error"}
    return {str(c): {"description": said[c], "content": {"application/json": {"schema": ref}}} for c in codes}


@lru_cache(maxsize=1)
def openapi() -> dict[str, Any]:
    from copydesk.report.models import AuditReport
    from copydesk.serve.service import AuditRequest, WorksheetRequest

    schemas: dict[str, Any] = {}
    report = _hoist(AuditReport.model_json_schema(ref_template=REF), schemas)
    schemas["AuditReport"] = report
    schemas["AuditRequest"] = _hoist(AuditRequest.model_json_schema(ref_template=REF), schemas)
    schemas["WorksheetRequest"] = _hoist(WorksheetRequest.model_json_schema(ref_template=REF), schemas)
    schemas["Error"] = _error()
    schemas["BatchError"] = {
        "type": "object",
        "required": ["index", "error"],
        "properties": {
            "index": {"type": "integer", "description": "0-based line among the batch's articles"},
            "id": {"type": ["string", "null"]},
            "error": {"type": "string"},
        },
    }
    report_ref = {"$ref": "#/components/schemas/AuditReport"}
    request_body = {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AuditRequest"}}},
    }
    sheet_body = {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WorksheetRequest"}}},
    }
    auth_errors = (401,)
    json_object = {"application/json": {"schema": {"type": "object"}}}
    paths: dict[str, Any] = {
        "/v1/audit": {
            "post": {
                "summary": "Audit one article",
                "description": "The report is the one copydesk.audit gives for the same article. "
                "`format` picks json (the AuditReport), html, md or sarif.",
                "requestBody": request_body,
                "responses": {
                    "200": {
                        "description": "the report",
                        "content": {
                            "application/json": {"schema": report_ref},
                            "text/html": {"schema": {"type": "string"}},
                            "text/markdown": {"schema": {"type": "string"}},
                            "application/sarif+json": {"schema": {"type": "object"}},
                        },
                    },
                    **_errors(*auth_errors, 413, 422, 503, 504),
                },
            }
        },
        "/v1/audit/batch": {
            "post": {
                "summary": "Audit many articles: NDJSON in, NDJSON out, in order",
                "description": "One AuditRequest per line (format json). Every line is checked "
                "before any is audited (422 names the line and field); then one line per article is "
                "streamed back, in order: its AuditReport, or a BatchError.",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/x-ndjson": {"schema": {"$ref": "#/components/schemas/AuditRequest"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "one JSON object per line, in input order",
                        "content": {
                            "application/x-ndjson": {
                                "schema": {"oneOf": [report_ref, {"$ref": "#/components/schemas/BatchError"}]}
                            }
                        },
                    },
                    **_errors(*auth_errors, 413, 422, 503),
                },
            }
        },
        "/v1/rules": {
            "get": {
                "summary": "The rules in use",
                "responses": {
                    "200": {"description": "pack name, version, rules", "content": json_object},
                    **_errors(*auth_errors),
                },
            }
        },
        "/v1/schema": {
            "get": {
                "summary": "The report's JSON Schema (as `copydesk schema` prints it)",
                "responses": {
                    "200": {"description": "JSON Schema", "content": json_object},
                    **_errors(*auth_errors),
                },
            }
        },
        "/v1/worksheet": {
            "post": {
                "summary": "A classroom worksheet: the article as words, and the task (no answers)",
                "requestBody": sheet_body,
                "responses": {
                    "200": {"description": "the worksheet", "content": json_object},
                    **_errors(*auth_errors, 413, 422, 503, 504),
                },
            }
        },
        "/v1/worksheet/check": {
            "post": {
                "summary": "Check a student's marks (word indices) against the audit",
                "requestBody": sheet_body,
                "responses": {
                    "200": {"description": "found, missed, over-flagged", "content": json_object},
                    **_errors(*auth_errors, 413, 422, 503, 504),
                },
            }
        },
        "/v1/worksheet/key": {
            "post": {
                "summary": "The teacher's answer key",
                "requestBody": sheet_body,
                "responses": {
                    "200": {"description": "answers and quoted findings", "content": json_object},
                    **_errors(*auth_errors, 413, 422, 503, 504),
                },
            }
        },
        "/v1/extract": {
            "post": {
                "summary": "The headline and body copydesk reads in a file (.md, .txt, .html)",
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "required": ["filename", "content"],
                                "properties": {"filename": {"type": "string"}, "content": {"type": "string"}},
                            }
                        }
                    },
                },
                "responses": {
                    "200": {"description": "headline and body", "content": json_object},
                    **_errors(*auth_errors, 413, 422, 503, 504),
                },
            }
        },
        "/healthz": {
            "get": {
                "summary": "Liveness: the worker is up and its rules are loaded",
                "security": [],
                "responses": {"200": {"description": "status", "content": json_object}},
            }
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "copydesk",
            "version": __version__,
            "description": "Audit news articles: loaded language, attribution, headline support, focus.",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
        "security": [{"bearer": []}, {}],
    }
