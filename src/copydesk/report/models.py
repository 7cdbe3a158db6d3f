"""The audit report: copydesk's public, versioned output contract (pydantic v2).

Field names here (`score`, `findings`, and on a finding `rule_id`, `dimension`,
`span.start`, `span.end`, `in_quote`) are read by scripts and pipelines: change them
only with a new major version.
"""

# Annotations stay objects (no `from __future__ import annotations`): pydantic would
# otherwise evaluate each field's annotation string at import, a few ms of every start-up.

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from copydesk.dimensions import Dimension
from copydesk.kinds.base import Severity

# 1.1: `assessed`, `article.language`; `score` is null for an article not assessed.
REPORT_SCHEMA_VERSION = "1.1"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Character offsets [start, end) into the article text exactly as given."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Finding(_Model):
    rule_id: str
    dimension: Dimension
    severity: Severity
    span: Span
    excerpt: str = Field(description="text[span.start:span.end], what the reader sees")
    line: int = Field(ge=1, description="1-based line of span.start")
    column: int = Field(ge=1, description="1-based column of span.start")
    message: str
    explanation: str
    suggestion: str | None = None
    link: str | None = None
    category: str | None = None
    evidence: dict[str, Any] = Field(default_factory=dict)
    in_quote: bool = Field(
        default=False,
        description="inside a direct quotation: the speaker's words, not the outlet's; costs nothing",
    )
    points: float = Field(default=0.0, ge=0, description="points this finding took off its dimension score")

    def __repr__(self) -> str:
        where = f"{self.span.start}-{self.span.end}"
        cost = "in quote" if self.in_quote else f"-{self.points:.1f}"
        return (
            f"<Finding {self.rule_id} {_clip(self.excerpt, 40)!r} at {where} "
            f"{self.dimension.value} {self.severity.value} {cost}>"
        )

    __str__ = __repr__


class DimensionScore(_Model):
    name: Dimension
    assessed: bool = Field(description="false when no loaded rule covers this dimension")
    score: float | None = Field(default=None, ge=0, le=100)
    findings: int = 0
    penalty: float = Field(default=0.0, description="sum of the findings' weighted costs")
    per_100_words: float | None = Field(
        default=None, description="penalty per 100 words, for dimensions scored by density"
    )
    figures: dict[str, Any] = Field(default_factory=dict)


class Readability(_Model):
    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    words: int
    sentences: int
    syllables_per_word: float | None = None
    words_per_sentence: float | None = None


class Tone(_Model):
    """VADER compound scores in [-1, 1], computed sentence by sentence."""

    headline: float | None
    body_mean: float | None
    body_most_negative: float | None
    body_most_positive: float | None
    sentences: list[float] = Field(default_factory=list)


class NamedSource(_Model):
    name: str
    span: Span = Field(description="first place the source is named")
    category: str = Field(description="person, title, organisation, document, name, reference, pronoun")
    claims: int = Field(ge=0, description="claim sentences this source supports")


class VagueSource(_Model):
    text: str
    span: Span
    category: str


class SourcingProfile(_Model):
    """Who says so: the sources behind the article's claims (body sentences that assert something)."""

    claims: int = Field(ge=0)
    claims_named: int = Field(ge=0)
    claims_vague: int = Field(ge=0)
    claims_unsourced: int = Field(ge=0)
    named_share: float | None = Field(
        default=None, ge=0, le=1, description="share of claims with a named source"
    )
    named_sources: list[NamedSource] = Field(default_factory=list)
    vague_sources: list[VagueSource] = Field(default_factory=list)
    unsourced_claims: list[Span] = Field(default_factory=list)
    direct_quotes: int = Field(ge=0)
    quoted_share: float = Field(ge=0, le=1, description="share of body characters inside direct quotations")


class Metrics(_Model):
    readability: Readability
    tone: Tone
    sourcing: SourcingProfile | None = Field(default=None, description="set when attribution rules ran")
    extra: dict[str, Any] = Field(default_factory=dict, description="figures from analyses")


class Section(_Model):
    heading: str | None
    span: Span | None
    paragraphs: int


class ArticleInfo(_Model):
    id: str | None = None
    source: str | None = None
    headline: str | None
    headline_span: Span | None
    words: int
    sentences: int
    paragraphs: int
    sections: list[Section]
    text: str | None = Field(
        default=None, description="the article text exactly as audited: every span indexes it"
    )
    language: str | None = Field(
        default=None, description="ISO 639-1 code of the article's language, as detected"
    )


class AuditReport(_Model):
    schema_version: str = REPORT_SCHEMA_VERSION
    copydesk_version: str
    rule_pack: str
    rule_pack_version: str
    article: ArticleInfo
    assessed: bool = Field(
        default=True,
        description="false when copydesk cannot assess the article (written in a language its rules "
        "are not for): no dimension is scored, score is null and warnings say why",
    )
    score: float | None = Field(ge=0, le=100)
    grade: str = Field(description="A-F, or 'n/a' when the article is not assessed")
    dimensions: dict[str, DimensionScore]
    findings: list[Finding]
    metrics: Metrics
    warnings: list[str] = Field(default_factory=list)

    def __repr__(self) -> str:
        """One line: score, grade, headline, size and findings per dimension."""
        a = self.article
        score = "not assessed" if self.score is None else f"{self.score:.1f} {self.grade}"
        counts = dict.fromkeys(self.dimensions, 0)
        for f in self.findings:
            counts[f.dimension.value] = counts.get(f.dimension.value, 0) + 1
        per_dim = ", ".join(f"{d} {n}" for d, n in counts.items() if n)
        label = f"id={a.id!r} " if a.id else ""
        headline = _clip(a.headline, 60) if a.headline else None
        return (
            f"<AuditReport {label}{score} {headline!r}: {a.words} words, "
            f"{len(self.findings)} findings{f' ({per_dim})' if per_dim else ''}>"
        )

    __str__ = __repr__

    def _repr_html_(self) -> str:
        """Jupyter's display: the article highlighted and the scores, compact."""
        from copydesk.report.notebook import render

        return render(self)


def _clip(text: str | None, limit: int) -> str:
    flat = " ".join((text or "").split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "\u2026"
