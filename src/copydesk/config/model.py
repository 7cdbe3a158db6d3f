"""Audit configuration: which packs and rules, severity and weight overrides, scoring.

This is the in-memory model; reading it from ``copydesk.toml`` or
``[tool.copydesk]`` lives in the config-file loader.
"""

# Annotations stay objects (no `from __future__ import annotations`): pydantic would
# otherwise evaluate each field's annotation string at import, a few ms of every start-up.

from fnmatch import fnmatchcase

from pydantic import BaseModel, ConfigDict, Field

from copydesk.dimensions import Dimension
from copydesk.kinds.base import Severity


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RulesConfig(_Strict):
    disable: tuple[str, ...] = Field(default=(), description="rule ids or globs ('loaded.*')")
    enable: tuple[str, ...] = Field(default=(), description="re-enable ids a disable glob caught")
    severity: dict[str, Severity] = Field(default_factory=dict, description="id or glob -> severity")
    weight: dict[str, float] = Field(default_factory=dict, description="id or glob -> weight")

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
    scale: float | None = Field(default=None, gt=0)
    weight: float | None = Field(default=None, ge=0)


class Config(_Strict):
    packs: tuple[str, ...] = Field(default=(), description="extra rule pack folders")
    default_pack: bool = True
    rules: RulesConfig = Field(default_factory=RulesConfig)
    dimensions: dict[Dimension, DimensionConfig] = Field(default_factory=dict)
    fail_under: float | None = Field(default=None, ge=0, le=100)
