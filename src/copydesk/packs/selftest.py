"""Run a pack's own examples: every ``flag`` example must be flagged, every ``pass`` one not.

Each rule is tested on its own (an engine with that rule alone), so an example
checks the rule itself and not how it happens to dedupe against the other rules of
a pack. An example is audited as an article (``Article.from_text``): a one-line
example is body text; an example that needs a headline writes it as ``# Headline``
on the first line, then the body.

A finding counts when it is in the outlet's own voice (not inside a direct
quotation), or anywhere for a rule whose ``scope`` includes ``quote`` or ``any``.

``check_suggestions`` holds the pack to its own advice: a neutral alternative it
suggests ("unexpected; describe it") must not be loaded language by the pack's own
rules, or the report would ask for a word it then flags.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from copydesk.config.model import Config
from copydesk.kinds.base import RuleBase, Scope
from copydesk.packs.loader import RuleSet
from copydesk.parse.article import Article


@dataclass(frozen=True)
class ExampleFailure:
    rule_id: str
    expect: str  # "flag" or "pass"
    index: int  # 1-based position in the rule's list
    example: str
    found: tuple[str, ...]  # excerpts the rule flagged (for a pass example)
    error: str | None = None  # the audit itself failed
    term: str | None = None  # for a suggestion: the term it is suggested for

    def __str__(self) -> str:
        text = " ".join(self.example.split())
        if len(text) > 100:
            text = text[:99] + "…"
        if self.expect == "suggestion":
            for_what = f" for “{self.term}”" if self.term else ""
            flagged = ", ".join(f"“{f}”" for f in self.found)
            return f"{self.rule_id}: suggestion{for_what} is itself flagged at {flagged}: {text}"
        if self.error:
            what = f"could not be audited: {self.error}"
        elif self.expect == "flag":
            what = "was not flagged"
        else:
            what = "was flagged at " + ", ".join(f"“{f}”" for f in self.found)
        return f"{self.rule_id}: {self.expect} example {self.index} {what}: {text}"


@dataclass(frozen=True)
class SelfTestResult:
    rules: int
    examples: int
    failures: tuple[ExampleFailure, ...]  # examples, then suggestions the pack flags

    @property
    def ok(self) -> bool:
        return not self.failures


def _counts(rule: RuleBase, in_quote: bool) -> bool:
    return not in_quote or bool({Scope.quote, Scope.any} & set(rule.scope))


def check_rule(rule: RuleBase, ruleset: RuleSet | None = None) -> list[ExampleFailure]:
    """The examples of one rule that do not behave as written."""
    from copydesk.engine import Engine

    packs = ruleset.packs if ruleset is not None else ()
    engine = Engine.build(RuleSet(packs, (rule,)), Config())
    failures: list[ExampleFailure] = []
    cases = [("flag", rule.examples.flag), ("pass", rule.examples.pass_)]
    for expect, examples in cases:
        for index, example in enumerate(examples, 1):
            try:
                report = engine.audit(Article.from_text(example))
            except Exception as exc:  # a broken rule is a failing example, not a crash
                failures.append(
                    ExampleFailure(rule.id, expect, index, example, (), f"{type(exc).__name__}: {exc}")
                )
                continue
            found = tuple(
                f.excerpt for f in report.findings if f.rule_id == rule.id and _counts(rule, f.in_quote)
            )
            if (expect == "flag") != bool(found):
                failures.append(ExampleFailure(rule.id, expect, index, example, found))
    return failures


def run_examples(ruleset: RuleSet, only: Iterable[str] | None = None) -> SelfTestResult:
    """Run the examples of every rule in ``ruleset`` (or of the ids in ``only``)."""
    wanted = set(only) if only is not None else None
    failures: list[ExampleFailure] = []
    rules = examples = 0
    for rule in ruleset.rules:
        if wanted is not None and rule.id not in wanted:
            continue
        rules += 1
        examples += len(rule.examples.flag) + len(rule.examples.pass_)
        failures.extend(check_rule(rule, ruleset))
    failures.extend(check_suggestions(ruleset, only=wanted))
    return SelfTestResult(rules, examples, tuple(failures))


# "(say who says so)", "describe it", "leave it out": advice to the writer, not wording.
_ADVICE = re.compile(
    r"\([^)]*\)|\b(?:describe|say|state|give|name|quote|leave|keep|explain|report|cite|"
    r"attribute|show|use|add|check|remove|drop|replace|cut)\b.*",
    re.IGNORECASE,
)


def _alternatives(suggestion: str) -> list[str]:
    """The wordings a suggestion offers: "unexpected; describe it" -> ["unexpected"]."""
    out = []
    for part in re.split(r"[;/]", suggestion):
        part = part.strip()
        if _ADVICE.match(part):
            continue  # wholly advice ("report what was said or done ...")
        for piece in re.split(r"\bor\b", part):
            words = _ADVICE.sub("", piece).strip(" ,.:'\"")
            if words:
                out.append(words)
    return out


def check_suggestions(ruleset: RuleSet, only: Iterable[str] | None = None) -> list[ExampleFailure]:
    """Suggested wordings that the pack's own loaded-language rules would flag."""
    from copydesk.dimensions import Dimension
    from copydesk.engine import Engine

    loaded = tuple(r for r in ruleset.rules if r.dimension == Dimension.loaded_language)
    if not loaded:
        return []
    engine = Engine.build(RuleSet(ruleset.packs, loaded), Config())
    wanted = set(only) if only is not None else None
    failures: list[ExampleFailure] = []
    seen: dict[str, tuple[str, ...]] = {}
    for rule in ruleset.rules:
        if wanted is not None and rule.id not in wanted:
            continue
        offered: list[tuple[str | None, str]] = [(None, rule.suggestion)] if rule.suggestion else []
        offered += [
            (t.term, t.suggestion) for t in getattr(rule, "terms", ()) if getattr(t, "suggestion", None)
        ]
        for index, (term, suggestion) in enumerate(offered, 1):
            for wording in _alternatives(suggestion):
                if wording not in seen:
                    report = engine.audit(Article.from_text(wording))
                    seen[wording] = tuple(f.excerpt for f in report.findings)
                # The term itself may stand in its own suggestion ("former; left" for
                # "jilted" is fine, "jilted partner" for "jilted" is not advice at all).
                found = seen[wording]
                if found:
                    failures.append(
                        ExampleFailure(rule.id, "suggestion", index, suggestion, found, term=term)
                    )
    return failures


_ID_LINE = re.compile(r"""^\s*(?:-\s*)?id:\s*["']?([a-z][a-z0-9_.-]*)""", re.M)


def rule_files(pack_folder: Path) -> dict[str, Path]:
    """Rule id -> the YAML file that defines it, for messages that point at the file."""
    found: dict[str, Path] = {}
    for path in sorted(Path(pack_folder).rglob("*")):
        if path.suffix not in (".yml", ".yaml") or path.name == "pack.yml":
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        for m in _ID_LINE.finditer(text):
            found.setdefault(m.group(1), path)
    return found


__all__ = [
    "ExampleFailure",
    "SelfTestResult",
    "check_rule",
    "check_suggestions",
    "rule_files",
    "run_examples",
]
