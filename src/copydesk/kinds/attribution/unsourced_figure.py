"""Check ``unsourced_figure``: a claim stating a number with no source for it.

A count, a sum of money or a percentage ("40 people died", "7.2 percent") in a claim
sentence, reported at the sentence's first figure. Quiet by default when the
sentence or its paragraph has a source.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Literal

from copydesk.analysis.attribution import Attribution
from copydesk.kinds.attribution.base import AttributionRule, Quiet, format_message, is_quiet
from copydesk.kinds.attribution.family import SentenceCheck
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class UnsourcedFigureRule(AttributionRule):
    check: Literal["unsourced_figure"]
    default_quiet: ClassVar[Quiet] = "sourced_in_paragraph"


@kind("attribution", UnsourcedFigureRule, check="unsourced_figure")
class UnsourcedFigure(SentenceCheck):
    """Reports the first figure of each claim sentence the rule is not quiet for."""

    def find(self, ctx: Context, result: Attribution, rule: AttributionRule) -> Iterable[Hit]:
        for sa in result.sentences:
            if is_quiet(rule.quiet, sa):
                continue
            if sa.figures and sa.claim:
                start, end = sa.figures[0]
                yield Hit(
                    rule,
                    start,
                    end,
                    suggestion=rule.suggestion,
                    message=format_message(rule.message, ctx.text[start:end], None),
                    evidence={"figures": [ctx.text[a:b] for a, b in sa.figures]},
                )
