"""Check ``unsourced_claim``: a claim that needs a source and has none.

Only the kinds of claim a reader cannot take on trust are reported (accusations,
causes, predictions, records, what somebody thinks or feels, contested facts: the
``claim_cues`` of the pack, read by :mod:`copydesk.analysis.attribution.claims`).
The other unsourced claims (narration, background, what the reporter saw) are no
findings; the sourcing profile still counts them (``claims_unsourced``).

Runs after every other attribution check and skips the sentences they flagged, so
a sentence is blamed once and the score follows the share of unsourced claims.
Quiet by default when a source covers the sentence's paragraph. The finding spans
the whole sentence and does not swallow shorter findings inside it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, ClassVar, Literal

from copydesk.analysis.attribution import Attribution
from copydesk.kinds.attribution.base import AttributionRule, Quiet, format_message, is_quiet
from copydesk.kinds.attribution.family import ClaimCheck
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context


class UnsourcedClaimRule(AttributionRule):
    check: Literal["unsourced_claim"]
    default_quiet: ClassVar[Quiet] = "sourced_in_paragraph"


@kind("attribution", UnsourcedClaimRule, check="unsourced_claim")
class UnsourcedClaim(ClaimCheck):
    """Reports each unsourced claim sentence no other check flagged."""

    def find(
        self, ctx: Context, result: Attribution, rule: AttributionRule, flagged: dict[int, list[Hit]]
    ) -> Iterable[Hit]:
        for sa in result.sentences:
            if not sa.claim or sa.needs_source is None or sa.index in flagged or is_quiet(rule.quiet, sa):
                continue
            if sa.source != "none" or sa.block_quote or ctx.in_quote(sa.start, sa.end):
                continue
            yield Hit(
                rule,
                sa.start,
                sa.end,
                suggestion=rule.suggestion,
                message=format_message(rule.message, ctx.text[sa.start : sa.end], None),
                evidence={"kind": sa.needs_source},
                # A whole sentence must not swallow the shorter findings inside it.
                dedupe=False,
            )
