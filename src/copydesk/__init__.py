"""copydesk: audit news articles the way a sharp copy editor would.

    >>> import copydesk
    >>> report = copydesk.audit(text)          # -> copydesk.AuditReport
    >>> report.score, report.grade, report.findings

Heavy parts (rule packs, VADER) load on first use, so importing is cheap.
"""

from __future__ import annotations

__version__ = "0.1.0"

# typing.TYPE_CHECKING without importing typing: `import copydesk` stays ~10 ms cheaper.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from copydesk.api import audit as audit
    from copydesk.api import load_rules as load_rules
    from copydesk.batch import AuditError as AuditError
    from copydesk.batch import audit_many as audit_many
    from copydesk.config.model import Config as Config
    from copydesk.corpus import summarize as summarize
    from copydesk.dimensions import Dimension as Dimension
    from copydesk.frame import audit_frame as audit_frame
    from copydesk.frame import to_frame as to_frame
    from copydesk.packs.loader import PackError as PackError
    from copydesk.packs.loader import RuleSet as RuleSet
    from copydesk.parse.article import Article as Article
    from copydesk.report.models import AuditReport as AuditReport
    from copydesk.report.models import Finding as Finding
    from copydesk.report.models import Span as Span

_LAZY = {
    "audit": ("copydesk.api", "audit"),
    "Article": ("copydesk.parse.article", "Article"),
    "Config": ("copydesk.config.model", "Config"),
    "Dimension": ("copydesk.dimensions", "Dimension"),
    "AuditReport": ("copydesk.report.models", "AuditReport"),
    "Finding": ("copydesk.report.models", "Finding"),
    "Span": ("copydesk.report.models", "Span"),
    "PackError": ("copydesk.packs.loader", "PackError"),
    "RuleSet": ("copydesk.packs.loader", "RuleSet"),
    "load_rules": ("copydesk.api", "load_rules"),
    "audit_many": ("copydesk.batch", "audit_many"),
    "AuditError": ("copydesk.batch", "AuditError"),
    "to_frame": ("copydesk.frame", "to_frame"),
    "audit_frame": ("copydesk.frame", "audit_frame"),
    "summarize": ("copydesk.corpus", "summarize"),
}

__all__ = [*_LAZY, "__version__"]


def __dir__() -> list[str]:
    """The public API (what tab completion offers), not the lazy-loading machinery."""
    return sorted(__all__)


def __getattr__(name: str) -> Any:
    try:
        module_name, attr = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'copydesk' has no attribute {name!r}") from None
    import importlib

    value = getattr(importlib.import_module(module_name), attr)
    globals()[name] = value
    return value
