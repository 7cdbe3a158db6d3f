"""The Python API: ``audit`` one article."""

from __future__ import annotations

from copydesk.config.model import Config
from copydesk.engine import engine_for
from copydesk.packs.loader import RuleSet
from copydesk.parse.article import Article
from copydesk.report.models import AuditReport
from copydesk.speed.collector import collector_paused


def audit(
    text_or_article: str | Article,
    *,
    rules: RuleSet | None = None,
    config: Config | None = None,
) -> AuditReport:
    """Audit one article and return its report.

    ``text_or_article`` is plain text or Markdown (the headline is found in it), or an
    :class:`Article`. ``rules`` defaults to the packs named in ``config`` (the default
    pack when there is no config). The same input always gives the same report.
    """
    if not isinstance(text_or_article, (str, Article)):
        raise TypeError(f"audit() expects str or Article, got {type(text_or_article).__name__}")
    engine = engine_for(rules, config)
    with collector_paused():
        if isinstance(text_or_article, Article):
            article = text_or_article
            _ = article.document  # parse now, while the collector is paused
        else:
            article = Article.from_text(text_or_article)
        return engine.audit(article)
