"""Pydantic models for rule packs: the boundary where untrusted pack data is checked."""

# Annotations stay objects (no `from __future__ import annotations`): pydantic would
# otherwise evaluate each field's annotation string at import, a few ms of every start-up.

import re
from enum import Enum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

from copydesk.dimensions import Dimension


class Severity(str, Enum):
    info = "info"
    warning = "warning"
    error = "error"

    # str() is the value, as format() is (f"{f.severity}" == "warning"), on every Python.
    def __str__(self) -> str:
        return str(self.value)


class Scope(str, Enum):
    headline = "headline"
    heading = "heading"
    body = "body"
    quote = "quote"
    any = "any"


DEFAULT_SCOPE = (Scope.headline, Scope.heading, Scope.body)
_RULE_ID = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z0-9_*-]+)+$")


class Strict(BaseModel):
    # defer_build: a process that takes its rules from a snapshot (snapshot.py) never
    # validates a rule, so it need not build the validators (~0.1 s of start-up).
    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, defer_build=True
    )


class Examples(Strict):
    flag: list[str] = Field(min_length=1, max_length=200)
    # `pass` is a Python keyword, hence the alias.
    pass_: list[str] = Field(alias="pass", min_length=1, max_length=200)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Unless(Strict):
    """Context that turns a match off: words just before or after it, in its sentence,
    or anywhere in the article (what the whole story establishes: a hoax word is the
    reported verdict, not the outlet's insinuation, in a story that says a claim is false)."""

    # Tuples, not lists: frozen and hashable, so equal contexts compile once.
    before: tuple[str, ...] = Field(default=(), max_length=500)
    after: tuple[str, ...] = Field(default=(), max_length=500)
    sentence: tuple[str, ...] = Field(default=(), max_length=500)
    article: tuple[str, ...] = Field(default=(), max_length=500)

    @field_validator("before", "after", "sentence", "article", mode="before")
    @classmethod
    def _numbers_are_words(cls, value: Any) -> Any:
        return numbers_as_words(value)


def numbers_as_words(value: Any) -> Any:
    """YAML reads 1939 as an int; in a word list it is plainly the word '1939'.

    Booleans are not converted: a bare ``no`` read as False has lost its spelling,
    so the loader asks for quotes instead.
    """
    if isinstance(value, list):
        return [str(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else v for v in value]
    return value


class RuleBase(Strict):
    """Fields every rule has, whatever its kind."""

    id: str = Field(max_length=100)
    kind: str
    dimension: Dimension
    severity: Severity
    message: str = Field(min_length=1, max_length=300)
    explanation: str = Field(min_length=1, max_length=3000)
    suggestion: str | None = Field(default=None, max_length=500)
    link: str | None = Field(default=None, max_length=500)
    weight: float = Field(default=1.0, ge=0.0, le=10.0)
    scope: tuple[Scope, ...] = DEFAULT_SCOPE
    category: str | None = Field(default=None, max_length=60)
    examples: Examples

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _RULE_ID.match(value) or "*" in value:
            raise ValueError("must be a dotted lower-case id such as 'loaded.intensifier'")
        return value

    @field_validator("link")
    @classmethod
    def _safe_link(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s<>\"']+$", value):
            raise ValueError("must be an http(s) URL")
        return value

    @field_validator("scope", mode="before")
    @classmethod
    def _scope_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    def applies_to(self, location: str, in_quote: bool) -> bool:
        scopes = set(self.scope)
        if Scope.any in scopes:
            return True
        if in_quote:
            return Scope.quote in scopes or location in {s.value for s in scopes}
        return location in {s.value for s in scopes}


class PackMeta(Strict):
    name: str = Field(min_length=1, max_length=80)
    version: str = Field(min_length=1, max_length=40)
    description: str | None = Field(default=None, max_length=1000)
