"""The Python API: ``audit`` one article, ``load_rules`` for the packs to audit with.

Both are public entry points, so both pause the cyclic garbage collector around their
work (see copydesk.speed.collector): loading rules and auditing allocate many objects
and no cycles worth collecting mid-way.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from copydesk.config.model import Config
from copydesk.packs.loader import RuleSet, pack_folders
from copydesk.parse.article import Article
from copydesk.report.models import AuditReport
from copydesk.speed.cache import cached_engine, cached_rules
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
    _valid_unicode(text_or_article)
    with collector_paused():
        engine = cached_engine(rules, config)
        if isinstance(text_or_article, Article):
            article = text_or_article
            _ = article.document  # parse now, while the collector is paused
        else:
            article = Article.from_text(text_or_article)
        return engine.audit(article)


def _valid_unicode(text_or_article: str | Article) -> None:
    """A lone surrogate is refused with a ValueError (the reports could not encode it)."""
    from copydesk.inputs.decode import lone_surrogate

    if isinstance(text_or_article, str):
        fields = {"text": text_or_article}
    else:
        fields = {"headline": text_or_article.headline, "body": text_or_article.body}
    for name, value in fields.items():
        if (problem := lone_surrogate(value)) is not None:
            raise ValueError(f"audit(): the {name} holds {problem}")


def load_rules(extra: Iterable[str | Path] = (), *, include_default: bool = True) -> RuleSet:
    """The rules of the default pack (unless ``include_default=False``) and the pack
    folders in ``extra``, in that order (raises PackError). Loaded once per process,
    and from an on-disk snapshot when the packs have not changed (copydesk.speed)."""
    with collector_paused():
        return cached_rules(pack_folders(extra, include_default=include_default))
