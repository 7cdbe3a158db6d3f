"""Rule kind `boilerplate`: page furniture that is not article text.

"Read more", "Subscribe", share bars, copyright lines, "Related:" link lists, photo
credits. The checker runs in phase 0, before every other rule: each paragraph it
recognises goes into ``ctx.boilerplate``, so the engine drops other dimensions'
findings there and ``ctx.body_sentences()`` / ``ctx.body_word_count`` leave it out.
The patterns are data (YAML); this module only knows how to apply them to whole
paragraphs, which is what keeps them from firing on real sentences that merely start
with "Click" or "Follow".
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field, field_validator, model_validator

from copydesk.kinds.base import RuleBase
from copydesk.kinds.pattern import check_patterns, pattern_budget
from copydesk.kinds.registry import Hit, kind

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

# Seconds all patterns of one rule may spend on one paragraph (grown with the
# paragraph's length, as the pattern kind's limits are: kinds.pattern.PatternBudget).
PATTERN_TIMEOUT = 0.1
# Markdown and list furniture around a line, which says nothing about what it is: a
# lead of quote marks, bullets, emphasis, brackets and a list number; a tail of emphasis
# and closing brackets (whitespace is dropped at both ends anyway).
_EDGE_LEAD = re.compile(r"[\s>*_#|~`\[(-]*(?:\d{1,3}[.)]\s+)?")
_EDGE_TAIL = frozenset("*_|~`])")
_WORDS = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?][\"')\]]*$")
# Shortest paragraph taken for a repeat of the furniture beside it: a short line ("Yes.")
# may well recur inside a longer one by chance.
_ECHO_MIN_CHARS = 24


class BoilerplateRule(RuleBase):
    kind: Literal["boilerplate"]
    # Each pattern must match a WHOLE paragraph (markdown emphasis and list markers
    # around it are ignored); a real sentence that merely begins the same way does not.
    patterns: list[str] = Field(default_factory=list, max_length=200)
    # Telltales that make a short paragraph furniture wherever they stand in it (embed
    # code, a picture link). Searched, not matched whole: written as ".{0,400}X.{0,400}"
    # a whole-paragraph pattern would be retried at every position of every paragraph.
    contains: list[str] = Field(default_factory=list, max_length=200)
    ignore_case: bool = True
    # A paragraph longer than this is article text whatever it looks like.
    max_words: int = Field(default=40, ge=1, le=400)
    # After a match (a "Related:" line or heading), up to this many following short,
    # link-like paragraphs (list items, titles without a full stop) belong to it.
    list_after: int = Field(default=0, ge=0, le=50)
    # Longest paragraph (in words) that can count as an item of such a list.
    list_item_words: int = Field(default=20, ge=1, le=60)
    # Also test section headings (a "## Related stories" heading over a link list).
    headings: bool = False

    @field_validator("patterns", "contains")
    @classmethod
    def _compilable(cls, value: list[str]) -> list[str]:
        return check_patterns(value)

    @model_validator(mode="after")
    def _something_to_match(self) -> BoilerplateRule:
        if not self.patterns and not self.contains:
            raise ValueError("a boilerplate rule needs 'patterns' or 'contains'")
        return self


@dataclass(frozen=True, slots=True)
class _Compiled:
    rule: BoilerplateRule
    matcher: Any  # regex.Pattern for the whole paragraph, or None
    searcher: Any  # regex.Pattern searched for inside it, or None


def _joined(regex: Any, patterns: list[str], flags: int) -> Any:
    return regex.compile("|".join(f"(?:{p})" for p in patterns), flags) if patterns else None


def _core(text: str) -> str:
    """The paragraph without list markers and emphasis around it, spaces collapsed."""
    # A match at the start and a walk back from the end: a regex for the tail is tried
    # at every position of the paragraph.
    start = _EDGE_LEAD.match(text).end()  # type: ignore[union-attr]  # it matches ""
    end = len(text)
    while end > start and (text[end - 1] in _EDGE_TAIL or text[end - 1].isspace()):
        end -= 1
    return " ".join(text[start:end].split())


def _link_like(text: str, max_words: int) -> bool:
    """A list item or a title: short, and not a sentence ending in a full stop."""
    core = _core(text)
    words = len(_WORDS.findall(core))
    return 0 < words <= max_words and not _SENTENCE_END.search(core)


@kind("boilerplate", BoilerplateRule)
class BoilerplateChecker:
    # Runs before every other checker: later rules and analyses read ctx.boilerplate.
    phase = 0

    def __init__(self, rules: list[BoilerplateRule]) -> None:
        import regex

        self.compiled: list[_Compiled] = []
        for rule in rules:
            flags = regex.V0 | (regex.IGNORECASE if rule.ignore_case else 0)
            self.compiled.append(
                _Compiled(rule, _joined(regex, rule.patterns, flags), _joined(regex, rule.contains, flags))
            )

    def _match(self, ctx: Context, entry: _Compiled, text: str) -> bool:
        budget = ctx.analysis(pattern_budget)
        if budget.spent():
            if entry.rule.id not in budget.skipped:
                budget.skip(ctx, entry.rule.id)
            return False
        limit = budget.limit_for(PATTERN_TIMEOUT, len(text))
        try:
            if entry.matcher is not None and entry.matcher.fullmatch(
                text, timeout=budget.timeout(limit)
            ):
                return True
            return entry.searcher is not None and (
                entry.searcher.search(text, timeout=budget.timeout(limit)) is not None
            )
        except TimeoutError:
            if budget.spent():
                if entry.rule.id not in budget.skipped:
                    budget.skip(ctx, entry.rule.id)
                return False
            ctx.warnings.append(
                f"rule '{entry.rule.id}': pattern took longer than {limit:.2f}s "
                "and was skipped on one paragraph"
            )
            return False

    def run(self, ctx: Context) -> Iterable[Hit]:
        doc = ctx.doc
        norm = ctx.norm
        paragraphs = doc.paragraphs
        # Each paragraph is tried as it stands and without its markup ("- - Jane Roe"
        # is a byline because of its dashes; "**Read more**" is furniture despite its stars).
        texts: list[tuple[str, str]] = []
        for p in paragraphs:
            n0, n1 = norm.to_normalized(p.start), norm.to_normalized(p.end)
            raw = norm.text[n0:n1]
            texts.append((_core(raw), " ".join(raw.split())))
        word_counts = [len(_WORDS.findall(t[0])) for t in texts]
        hits: list[Hit] = []
        claimed: set[int] = set()
        for entry in self.compiled:
            rule = entry.rule
            for i, (core, raw) in enumerate(texts):
                if i in claimed or not core or word_counts[i] > rule.max_words:
                    continue
                # Most paragraphs have no markup (core == raw): one match settles both.
                if not (self._match(ctx, entry, core) or (raw != core and self._match(ctx, entry, raw))):
                    continue
                run = [i, *self._list_after(ctx, i + 1, rule, claimed)]
                claimed.update(run)
                hits.append(self._hit(ctx, rule, run))
            if rule.headings:
                hits.extend(self._heading_hits(ctx, entry, claimed))
        hits.extend(self._echoes(ctx, texts, hits, claimed))
        for i in sorted(claimed):
            ctx.boilerplate.add(i)
        return hits

    def _list_after(self, ctx: Context, first: int, rule: BoilerplateRule, claimed: set[int]) -> list[int]:
        doc = ctx.doc
        out: list[int] = []
        if rule.list_after == 0 or first >= len(doc.paragraphs):
            return out
        section = doc.paragraphs[first - 1].section
        for j in range(first, min(len(doc.paragraphs), first + rule.list_after)):
            p = doc.paragraphs[j]
            if j in claimed or p.section != section:
                break
            if not _link_like(ctx.text[p.start : p.end], rule.list_item_words):
                break
            out.append(j)
        return out

    def _heading_hits(self, ctx: Context, entry: _Compiled, claimed: set[int]) -> Iterable[Hit]:
        doc = ctx.doc
        rule = entry.rule
        for section in doc.sections:
            if section.heading is None or not section.paragraphs:
                continue
            heading = _core(ctx.text[section.heading[0] : section.heading[1]])
            if not self._match(ctx, entry, heading):
                continue
            items = [
                j
                for j in section.paragraphs[: max(1, rule.list_after)]
                if j not in claimed
                and _link_like(
                    ctx.text[doc.paragraphs[j].start : doc.paragraphs[j].end], rule.list_item_words
                )
            ]
            # Only a heading whose whole section is a link list: otherwise the section
            # is article text under an unlucky heading.
            if len(items) != len(section.paragraphs):
                continue
            claimed.update(items)
            hit = self._hit(ctx, rule, items)
            hit.start = section.heading[0]
            yield hit

    @staticmethod
    def _echoes(
        ctx: Context, texts: list[tuple[str, str]], hits: list[Hit], claimed: set[int]
    ) -> list[Hit]:
        """Paragraphs that repeat the text of the furniture next to them.

        Scrapers often keep an embedded post twice: once as the embed ("... — Jane Roe
        (@janeroe) May 4, 2024") and once as bare text, which has no marker of its own.
        A paragraph whose words all lie inside a neighbouring boilerplate paragraph is
        the same furniture.
        """
        if not hits:
            return []
        paragraphs = ctx.doc.paragraphs
        owner: dict[int, BoilerplateRule] = {}
        for hit in hits:
            for j, p in enumerate(paragraphs):
                if hit.start <= p.start and p.end <= hit.end:
                    owner[j] = hit.rule
        out: list[Hit] = []
        for i, (core, _) in enumerate(texts):
            if i in claimed or len(core) < _ECHO_MIN_CHARS:
                continue
            for j in (i - 1, i + 1):
                rule = owner.get(j)
                if rule is not None and core in texts[j][0]:
                    claimed.add(i)
                    hit = BoilerplateChecker._hit(ctx, rule, [i])
                    hit.evidence["repeats_neighbour"] = True
                    out.append(hit)
                    break
        return out

    @staticmethod
    def _hit(ctx: Context, rule: BoilerplateRule, run: list[int]) -> Hit:
        paragraphs = ctx.doc.paragraphs
        start, end = paragraphs[run[0]].start, paragraphs[run[-1]].end
        return Hit(
            rule=rule,
            start=start,
            end=end,
            suggestion=rule.suggestion,
            evidence={"paragraphs": len(run)},
        )
