"""Audit configuration: which packs and rules, severity and weight overrides, scoring.

This is the in-memory model; reading it from ``copydesk.toml`` or
``[tool.copydesk]`` lives in the config-file loader.
"""

# Annotations stay objects (no `from __future__ import annotations`): pydantic would
# otherwise evaluate each field's annotation string at import, a few ms of every start-up.

from fnmatch import fnmatchcase
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from copydesk.dimensions import SPECS, Dimension
from copydesk.kinds.base import Severity

# Numbers are strict: TOML's `true` is not 1.0 and "60" is not 60 (pydantic's lax mode
# would read both), and nan / inf are refused (TOML can spell them; no score survives one).
Weight = Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]

# The longest article (in characters of text) a batch or the CLI audits; above it an
# error record. Memory and time grow with the article: a 50 MB one peaked at 7 GB.
MAX_ARTICLE_CHARS = 2_000_000


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RulesConfig(_Strict):
    disable: tuple[str, ...] = Field(default=(), description="rule ids or globs ('loaded.*')")
    enable: tuple[str, ...] = Field(default=(), description="re-enable ids a disable glob caught")
    severity: dict[str, Severity] = Field(default_factory=dict, description="id or glob -> severity")
    weight: dict[str, Weight] = Field(default_factory=dict, description="id or glob -> weight")

    def is_enabled(self, rule_id: str) -> bool:
        if any(fnmatchcase(rule_id, p) for p in self.enable):
            return True
        return not any(fnmatchcase(rule_id, p) for p in self.disable)

    def severity_for(self, rule_id: str) -> Severity | None:
        for pattern, severity in self.severity.items():
            if fnmatchcase(rule_id, pattern):
                return severity
        return None

    def weight_for(self, rule_id: str) -> float | None:
        for pattern, weight in self.weight.items():
            if fnmatchcase(rule_id, pattern):
                return weight
        return None


class DimensionConfig(_Strict):
    scale: float | None = Field(default=None, gt=0, strict=True, allow_inf_nan=False)
    weight: Weight | None = None


class Config(_Strict):
    packs: tuple[str, ...] = Field(default=(), description="extra rule pack folders")
    default_pack: bool = Field(default=True, strict=True)
    rules: RulesConfig = Field(default_factory=RulesConfig)
    dimensions: dict[Dimension, DimensionConfig] = Field(default_factory=dict)
    fail_under: float | None = Field(default=None, ge=0, le=100, strict=True, allow_inf_nan=False)
    max_article_chars: int = Field(default=MAX_ARTICLE_CHARS, gt=0, strict=True)
    languages: tuple[str, ...] = Field(
        default=("en",),
        description="ISO 639-1 codes of the languages the packs are written for: an article detected "
        "as another language is reported as not assessed; empty assesses every article",
    )

    @field_validator("dimensions")
    @classmethod
    def _some_weight(cls, value: dict[Dimension, DimensionConfig]) -> dict[Dimension, DimensionConfig]:
        weights = [
            setting.weight
            if (setting := value.get(Dimension(name))) and setting.weight is not None
            else spec.policy.weight
            for name, spec in SPECS.items()
        ]
        if not any(weights):
            raise ValueError("every dimension has weight 0: the overall score would mean nothing")
        return value

    @field_validator("languages")
    @classmethod
    def _language_codes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for code in value:
            if not (isinstance(code, str) and 2 <= len(code) <= 3 and code.isascii() and code.islower()):
                raise ValueError(f"{code!r} is not an ISO 639-1 language code such as 'en'")
        return value
