"""Rule kind `long_sentence`: body sentences too long to follow in one reading.

THE TEMPLATE FOR A NEW CHECK KIND (docs/architecture.md, "Add a check kind"). Copy this
file to ``src/copydesk/kinds/<your_kind>.py`` (or, for one check of a family such as
``headline``, to ``src/copydesk/kinds/<family>/<check>.py`` and register it with
``@kind("<family>", Model, check="<check>")``), rename the kind, the model and the
checker, and add one import line to ``src/copydesk/kinds/builtin.py``. tests/test_kind_
template.py registers this very file and runs it, so the template cannot rot.

A kind is two things:

- a pydantic **model** for its YAML: the fields every rule has come from ``RuleBase``
  (id, dimension, severity, message, explanation, examples ...); add only the fields
  this kind reads, each with bounds (packs are untrusted data);
- a **checker**, built once from all the rules of the kind and run once per article
  over the shared ``Context``, yielding ``Hit``s at original-text offsets.

Read analyses through ``ctx`` (sentences, tokens, quotes, ``ctx.analysis(fn)`` for
anything computed once per article) rather than computing them here: a checker
judges, an analysis measures.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from pydantic import Field

from copydesk.kinds.base import RuleBase
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class LongSentenceRule(RuleBase):
    kind: Literal["long_sentence"]
    # Words above which a sentence is flagged (40 is where readers start to re-read).
    max_words: int = Field(default=40, ge=5, le=500)


@kind("long_sentence", LongSentenceRule)
class LongSentenceChecker:
    # Checkers run by phase: 0 is for what others read (boilerplate), 1 for most kinds,
    # 2 for checks that look at other findings' places.
    phase = 1

    def __init__(self, rules: list[LongSentenceRule]) -> None:
        # Compile here whatever all rules share (word lists, patterns): this runs once
        # per rule set, the loop below once per article.
        self.rules = rules

    def run(self, ctx: Context) -> Iterable[Hit]:
        for sentence in ctx.doc.sentences:
            if sentence.paragraph in ctx.boilerplate:
                continue
            words = len(ctx.text[sentence.start : sentence.end].split())
            for rule in self.rules:
                if words > rule.max_words:
                    # The engine decides in_quote, location, scope and points from
                    # the offsets; evidence is shown in the report's "why" panel.
                    yield Hit(
                        rule=rule,
                        start=sentence.start,
                        end=sentence.end,
                        # The engine fills {match}; a kind fills its own placeholders.
                        message=rule.message.replace("{words}", str(words)),
                        evidence={"words": words, "max_words": rule.max_words},
                    )
