"""The page at ``/``: HTML, its script and stylesheet (served from ``/static/``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from copydesk.report import html as report_html

STATIC = Path(__file__).resolve().parent / "static"
MEDIA = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}


@lru_cache(maxsize=1)
def _report_script_hash() -> str:
    return report_html.script_tag("report.js")[1]


def report_csp() -> str:
    """The header for an HTML report: the same policy as the page's own meta element."""
    return report_html.csp(_report_script_hash()) + "; frame-ancestors 'self'"


def page_csp() -> str:
    """The page's policy: its own script and style from this server, nothing else.

    The report shown in the page's frame (``srcdoc``) inherits this policy, so it also
    allows the report's inline script by hash and inline styles (the report's bars and
    stripes are styled inline); no other script can run, nothing is fetched elsewhere.
    """
    return (
        "default-src 'none'; "
        f"script-src 'self' {_report_script_hash()}; "
        "style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; "
        "connect-src 'self'; "
        "frame-src 'self'; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


@lru_cache(maxsize=4)
def index(auth: bool = False) -> str:
    from copydesk.serve import classroom

    env = report_html.environment()
    template = env.from_string((STATIC / "index.html").read_text(encoding="utf-8"))
    return template.render(auth=auth, tasks=classroom.tasks())


@lru_cache(maxsize=8)
def static(name: str) -> tuple[str, str] | None:
    """A file of the page (its script, its stylesheet), or None."""
    if name == "report.css":  # the report's and worksheet's own styles, for the worksheet view
        return report_html.stylesheet() + "\n" + report_html.asset("worksheet.css"), MEDIA[".css"]
    if name == "marking.js":  # the worksheet file's marking, so the page's cannot drift from it
        return report_html.asset("marking.js"), MEDIA[".js"]
    path = STATIC / name
    if "/" in name or name.startswith(".") or path.suffix not in MEDIA or not path.is_file():
        return None
    return path.read_text(encoding="utf-8"), MEDIA[path.suffix]
