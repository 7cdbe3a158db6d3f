"""Check ``headline`` / ``verdict``: the headline pronounces on a story's truth, the body does not.

A headline that calls a story fake ("... Is a Hoax"), real ("They're Not Fake") or a
person alive states a verdict. The body must bear it out: each ``status`` names the
headline constructions that state it, the body constructions that support it and
those that contradict it. A verdict the body contradicts ("not fake" over a story
that calls the whole thing a hoax) is flagged; so is one the body never states when
the status ``needs_support`` (a story that only questions a claim does not show it is
fake). Negated constructions ("was not a hoax") state the opposite and are skipped
unless the pattern spells out the negation itself. The headline is not judged when it
reports the verdict as someone's ("X says ...", ``hedges``) or asks a question.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from copydesk.analysis.headline.support import body_order, clip, sentence_evidence
from copydesk.analysis.headline.tokens import tokens
from copydesk.kinds.headline.base import HeadlineCheck, HeadlineRule, Words, fill
from copydesk.kinds.joined import Joined
from copydesk.kinds.pattern import check_patterns
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

# A negation just before a construction turns it round ("was not a hoax").
_NEGATION = re.compile(r"\b(?:not|no|never|n't|nor)\s+(?:\w+\s+){0,2}$")
_HAS_NEGATION = re.compile(r"\b(?:not|no|never|nor)\b|n't\b")
# A clause that starts this way is about another event, not about who says so.
_OTHER_CLAUSE = re.compile(r"(?:after|despite|amid|following|before|as|in|over|with)\b", re.I)
# Where the headline's claim ends: clause punctuation, or a conjunction that starts
# another clause ("... Alive, After Claims ...", "... Fake Despite ...").
_CLAUSE_END = re.compile(
    r"\s*(?:[,:;|–—]|\s-\s|\b(?:after|despite|amid|while|but|because|since|says|said)\b)", re.I
)


class Status(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=40)
    # Headline constructions that state the status (regular expressions, any case).
    headline: list[str] = Field(min_length=1, max_length=50)
    # Body constructions that state it, and that state its opposite.
    supports: list[str] = Field(default_factory=list, max_length=50)
    contradicts: list[str] = Field(default_factory=list, max_length=50)
    # Flag the headline when the body never states the status at all.
    needs_support: bool = False

    @field_validator("headline", "supports", "contradicts")
    @classmethod
    def _compilable(cls, value: list[str]) -> list[str]:
        return check_patterns(value)


class VerdictRule(HeadlineRule):
    check: Literal["verdict"]
    statuses: list[Status] = Field(min_length=1, max_length=20)
    # Headline words that report the verdict as someone's or hedge it.
    hedges: Words = Field(default_factory=list, max_length=500)


def _affirmed(compiled: Joined | None, text: str, budget: float = 0.05) -> list[tuple[int, int]]:
    """Spans where a construction is stated, not negated."""
    if compiled is None:
        return []
    out = []
    try:
        matches = compiled.finditer(text, budget)
    except TimeoutError:
        return []
    for m in matches:
        if not _HAS_NEGATION.search(m.group()) and _NEGATION.search(text[max(0, m.start() - 30) : m.start()]):
            continue
        out.append((m.start(), m.end()))
    return out


@kind("headline", VerdictRule, check="verdict")
class VerdictChecker(HeadlineCheck[VerdictRule]):
    def __init__(self, rules: list[VerdictRule]) -> None:
        super().__init__(rules)
        # Compiled with the checker, so the start-up snapshot holds them (joined.py).
        self._compiled: dict[tuple[str, str, str], Joined | None] = {
            (rule.id, status.name, which): Joined.of(getattr(status, which))
            for rule in rules
            for status in rule.statuses
            for which in ("headline", "supports", "contradicts")
        }

    def compiled(self, rule: VerdictRule, status: Status, which: str) -> Joined | None:
        key = (rule.id, status.name, which)
        if key not in self._compiled:
            self._compiled[key] = Joined.of(getattr(status, which))
        return self._compiled[key]

    def check(self, rule: VerdictRule, ctx: Context) -> Iterable[Hit]:
        doc = ctx.doc
        order = body_order(ctx)
        if doc.headline is None or not order:
            return
        h0, h1 = doc.headline
        norm = ctx.norm
        n0, n1 = norm.to_normalized(h0), norm.to_normalized(h1)
        head = norm.text[n0:n1]
        if "?" in head:
            return
        body = [
            (
                i,
                norm.text[
                    norm.to_normalized(doc.sentences[i].start) : norm.to_normalized(doc.sentences[i].end)
                ],
            )
            for i in order
        ]
        for status in rule.statuses:
            spans = [
                (a, b)
                for a, b in _affirmed(self.compiled(rule, status, "headline"), head)
                if not ctx.in_quote(*norm.to_original(n0 + a, n0 + b))
            ]
            if not spans:
                continue
            supported = any(_affirmed(self.compiled(rule, status, "supports"), text) for _, text in body)
            if supported:
                continue  # a body that states the verdict somewhere bears it out
            against = [i for i, text in body if _affirmed(self.compiled(rule, status, "contradicts"), text)]
            if against:
                how = "contradicts"
            elif status.needs_support:
                how = "never states"
            else:
                continue
            a, b = spans[0]
            end = _CLAUSE_END.search(head, b)
            b = end.start() if end else len(head)
            start, stop = norm.to_original(n0 + a, n0 + b)
            # A hedge up to the end of the verdict's clause reports it as someone's; one
            # in a later clause ("..., After Claims of ...") is about something else.
            # The next clause may name who says so ("Alive, Claim Supporters"), unless it is
            # about something else ("..., After Claims of ...").
            reach = b
            rest = head[b:].lstrip(" ,:;|–—-'\"’”")
            if rest and not _OTHER_CLAUSE.match(rest):
                nxt = _CLAUSE_END.search(head, len(head) - len(rest) + 1)
                reach = nxt.end() if nxt else len(head)
            hedge_end = norm.to_original(n0 + a, n0 + reach)[1]
            if self.phrases(rule, "hedges").find(tokens(ctx, h0, hedge_end).stems):
                continue
            yield Hit(
                rule=rule,
                dedupe=False,
                start=start,
                end=stop,
                message=fill(rule.message, match=clip(ctx.text[start:stop], 80), status=status.name, how=how),
                suggestion=rule.suggestion,
                evidence={
                    "status": status.name,
                    "body": how,
                    "sentences": [sentence_evidence(ctx, i) for i in against[:3]],
                },
            )
            return  # one verdict per headline
