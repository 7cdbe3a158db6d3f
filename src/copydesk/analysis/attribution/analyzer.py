"""The source analysis proper: each body sentence's claim and source, once per article.

:class:`SourceAnalyzer` walks the body sentences (boilerplate left out) in order. For
each it decides whether it is a claim and whether it is a kind of claim that needs a
source (:mod:`.claims`), finds the reporting verbs and their sources
(:mod:`.sources`), the agentless passives and reactions (:mod:`.cues`) and the figures
(:mod:`.numbers`), and settles its source: named in the sentence, carried over from an
earlier one by a pronoun or a quotation, vague, or none. Last, a named source covers
the other unsourced claims of its paragraph (wire style: "The ministry said 40 people
died. Most were civilians.").

The analyser is a ``ctx.analysis`` callable: one per lexicon (:func:`analyzer_for`), so
everything that asks with equal word lists shares one result per article.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from copydesk.analysis.attribution.claims import ClaimClassifier
from copydesk.analysis.attribution.cues import CueFinder
from copydesk.analysis.attribution.grammar import FUNCTION_CAPS
from copydesk.analysis.attribution.lexicon import Lexicon
from copydesk.analysis.attribution.numbers import sentence_figures
from copydesk.analysis.attribution.results import Attribution, Cue, SentenceAttribution, Source
from copydesk.analysis.attribution.sentence import SentenceView, quoted_mask
from copydesk.analysis.attribution.sources import Link, SourceFinder

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

_ANALYZERS: dict[Lexicon, SourceAnalyzer] = {}
# Possessive determiners: "In his book, ..." names whose book ("In this study" does not).
_OWNERS = frozenset("his her their its".split())


def analyzer_for(lexicon: Lexicon) -> SourceAnalyzer:
    """One analyser per distinct lexicon, so equal lexicons share the cached result."""
    analyzer = _ANALYZERS.get(lexicon)
    if analyzer is None:
        if len(_ANALYZERS) > 16:
            _ANALYZERS.clear()
        analyzer = _ANALYZERS[lexicon] = SourceAnalyzer(lexicon)
    return analyzer


def sentence_sources(ctx: Context) -> Attribution:
    """The attribution of every body sentence, with the word lists the context carries.

    For the analyses that run outside the attribution rules (the headline checks): the
    engine puts the default pack's word lists on every context it audits
    (``Context.attribution_lexicon``). The attribution rule kind runs the same analyser
    with its rules' lists added; when the lists are equal the work is shared.
    """
    lexicon = ctx.attribution_lexicon
    if lexicon is None:
        raise LookupError(
            "no attribution word lists on this context (Context(article, attribution_lexicon=...))"
        )
    return ctx.analysis(analyzer_for(lexicon))


class SourceAnalyzer:
    """Callable for ``ctx.analysis``: one instance per lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = lexicon
        self.sources = SourceFinder(lexicon)
        self.cues = CueFinder(lexicon, self.sources)
        self.claims = ClaimClassifier(lexicon)
        # The words that can tie a sentence to a source; most sentences hold none.
        self._triggers = self.sources.triggers | self.cues.starts

    # The analysis proper -------------------------------------------------------
    def __call__(self, ctx: Context) -> Attribution:
        doc = ctx.doc
        norm = ctx.norm
        ntext = norm.text
        boiler = ctx.boilerplate
        tokens = ctx.tokens
        texts = ctx.token_texts
        quotes = [(norm.to_normalized(q.start), norm.to_normalized(q.end)) for q in doc.quotes if q.speech]
        quote_starts = [q[0] for q in quotes]
        tok_starts = ctx._token_starts  # shared, built once per article
        body = [
            (index, sent, norm.to_normalized(sent.start), norm.to_normalized(sent.end))
            for index, sent in enumerate(doc.sentences)
            if sent.paragraph not in boiler
        ]
        figures = sentence_figures(ctx, body, self.lex.public_amounts)
        out: list[SentenceAttribution] = []
        body_chars = 0
        quoted_chars = 0
        # Quotations that open inside body sentences.
        starts = [b[2] for b in body]
        n_quotes = sum(1 for qs, _ in quotes if (i := bisect_right(starts, qs) - 1) >= 0 and qs < body[i][3])
        last_named: Source | None = None
        last_named_at = -10
        last_vague_at = last_vague_para = -10
        section = -1
        paragraph, block, prev_end = -1, False, (-1, 0, 0)
        for index, sent, n0, n1 in body:
            if sent.section != section:
                section, last_named = sent.section, None
            if sent.paragraph != paragraph:
                # The paragraph right after one that ends in ":" is what that one introduces.
                last_para, e0, e1 = prev_end
                block = (
                    last_para == sent.paragraph - 1
                    and _ends_with_colon(ntext, e0, e1)
                    and self._introduces_source(out[-1], ntext, texts, tok_starts, e0, e1)
                )
                paragraph = sent.paragraph
            prev_end = (sent.paragraph, n0, n1)
            lo, hi = bisect_left(tok_starts, n0), bisect_left(tok_starts, n1)
            body_chars += sent.end - sent.start
            # Speech quotes in this sentence (normalised spans, clipped to it).
            inside: list[tuple[int, int]] = []
            if block:
                inside = [(n0, n1)]
                quoted_chars += n1 - n0
            elif quotes:
                qi = bisect_right(quote_starts, n1)
                for qs, qe in quotes[max(0, qi - 8) : qi]:
                    if qe > n0 and qs < n1:
                        inside.append((max(qs, n0), min(qe, n1)))
                quoted_chars += sum(e - s for s, e in inside)
            sa = SentenceAttribution(
                index=index,
                start=sent.start,
                end=sent.end,
                paragraph=sent.paragraph,
                section=sent.section,
                claim=False,
                quotes=len(inside),
                figures=figures.get(index, []),
                block_quote=block,
            )
            out.append(sa)
            words = texts[lo:hi]
            if not words:
                continue
            sa.claim = self._is_claim(ntext, n0, n1, len(words))
            if sa.claim and _ends_sentence(ntext, n0, n1):
                sa.needs_source = self.claims.kind(words, bool(inside))
            triggers = self._triggers
            # isdisjoint() settles the common case (no trigger word) in C.
            cands = [] if triggers.isdisjoint(words) else [j for j, w in enumerate(words) if w in triggers]
            opening = self._document_opening(words)
            if not cands and not opening and not (inside and last_named is not None):
                continue  # nothing here ties the sentence to a source: the common, fast case
            in_q = quoted_mask(tokens, lo, hi, inside)
            s = SentenceView(ctx, tokens, words, lo, n0, in_q, self.lex.documents)
            links = self.sources.links(s, cands) if cands else []
            named_anywhere = any(k.kind == "named" for k in links)
            if opening and not in_q[0] and "," in s.gap(opening) and not named_anywhere:
                # "In his book, Ana Lund blames ...": what follows is the book's.
                links.insert(0, Link("named", "document", (0, opening), (0, opening), words[opening - 1]))
            if links and not _ends_sentence(ntext, n0, n1):
                # A heading or a label ("film star dead rumours started by website") is no report.
                links = [link for link in links if link.category != "hearsay"]
            named_link = pronoun_link = None
            vague_before = last_vague_at >= index - 2 and last_vague_para >= sent.paragraph - 1
            for link in links:
                if link.kind == "named" and vague_before and _bare_reference(s, link):
                    # "According to the report": the report just passed on with no name.
                    link = link._replace(kind="vague")
                if link.kind == "named" and named_link is None:
                    named_link = link
                elif link.kind == "pronoun" and pronoun_link is None:
                    pronoun_link = link
                elif link.kind == "vague":
                    a, b = s.orig(*link.np)
                    sa.vague.append(Source(a, b, ctx.text[a:b], "vague", link.category))
                    c0, c1 = s.orig(*link.span)
                    sa.cues.append(Cue(c0, c1, "vague_source", ctx.text[a:b]))
            if cands:
                for cue, party_src in self.cues.find(s, named_link is not None, cands):
                    sa.cues.append(cue)
                    if party_src is not None:
                        sa.vague.append(party_src)
            if named_link is not None:
                a, b = s.orig(*named_link.np)
                sa.named = Source(a, b, ctx.text[a:b], "named", named_link.category)
                sa.source, sa.own_source = "named", True
            else:
                carried: Source | None = None
                if pronoun_link is not None or (inside and self._quote_only(s)):
                    recent = last_named if last_named is not None and index - last_named_at <= 3 else None
                    if pronoun_link is not None and pronoun_link.head in ("he", "she"):
                        # A person: the nearest name before the pronoun beats an earlier source.
                        carried = _antecedent(ctx, out, sa, s, pronoun_link.np[0], back=1) or recent
                    else:
                        carried = recent
                    if carried is None and pronoun_link is not None:
                        carried = _antecedent(ctx, out, sa, s, pronoun_link.np[0])
                if carried is None and pronoun_link is not None and pronoun_link.head != "they":
                    # "he" / "she" / "it" points at one person or body even when we cannot
                    # find the name: a specific source, not a vague group.
                    a, b = s.orig(*pronoun_link.np)
                    carried = Source(a, b, ctx.text[a:b], "named", "pronoun", True)
                if carried is not None:
                    c = carried
                    sa.named = Source(c.start, c.end, c.text, "named", c.category, True)
                    sa.source, sa.own_source = "named", True
                elif sa.vague or any(c.kind == "passive" for c in sa.cues):
                    sa.source = "vague"
                elif pronoun_link is not None:
                    # "They argue" with nobody before it to refer to: somebody, unnamed.
                    a, b = s.orig(*pronoun_link.np)
                    sa.vague.append(Source(a, b, ctx.text[a:b], "vague", "pronoun"))
                    c0, c1 = s.orig(*pronoun_link.span)
                    sa.cues.append(Cue(c0, c1, "vague_source", ctx.text[a:b]))
                    sa.source = "vague"
            if sa.named_here and sa.named is not None:
                last_named, last_named_at = sa.named, index
            elif sa.source == "vague":
                last_vague_at, last_vague_para = index, sent.paragraph
        _cover_paragraphs(out)
        return Attribution(out, n_quotes, quoted_chars, body_chars)

    # Claims ---------------------------------------------------------------------
    def _is_claim(self, ntext: str, n0: int, n1: int, n_words: int) -> bool:
        end = n1
        while end > n0 and ntext[end - 1] in " \"')]":
            end -= 1
        last = ntext[end - 1] if end > n0 else ""
        if last in "?:":
            return False  # a question asks; a line ending in ":" only introduces a quote or list
        return n_words >= 4

    def _introduces_source(
        self,
        intro: SentenceAttribution,
        ntext: str,
        texts: list[str],
        tok_starts: list[int],
        n0: int,
        n1: int,
    ) -> bool:
        """The line before the colon names who is quoted: a source, a name, a verb of saying
        or a document ("The Post followed up with a similar analysis:"), not "Here is what
        we know:"."""
        if intro.source != "none":
            return True
        lo, hi = bisect_left(tok_starts, n0), bisect_left(tok_starts, n1)
        words = texts[lo:hi]
        if not (self._triggers.isdisjoint(words) and self.lex.documents.isdisjoint(words)):
            return True
        names = (k for k in range(lo + 1, hi) if ntext[tok_starts[k]].isupper())
        return any(texts[k] not in FUNCTION_CAPS for k in names)

    def _document_opening(self, words: list[str]) -> int:
        """Length of an opening "In his book" / "In its statement" (a possessive document), else 0."""
        if len(words) > 3 and words[0] == "in" and words[1] in _OWNERS and words[2] in self.lex.documents:
            return 3
        return 0

    def _quote_only(self, s: SentenceView) -> bool:
        """The sentence is (almost) all quotation: its speaker comes from context."""
        outside = sum(1 for q in s.in_q if not q)
        return outside <= 2


def _bare_reference(s: SentenceView, link: Link) -> bool:
    """ "the report", "the study": a definite document with nothing that names it."""
    lo, hi = link.np
    return link.category == "document" and hi - lo == 2 and s.words[lo] in ("the", "this", "that")


def _ends_with_colon(ntext: str, n0: int, n1: int) -> bool:
    """A line that introduces a quotation or a list: "The report concluded:"."""
    end = n1
    while end > n0 and ntext[end - 1].isspace():
        end -= 1
    return end > n0 and ntext[end - 1] == ":"


def _ends_sentence(ntext: str, n0: int, n1: int) -> bool:
    """Whether the text ends like a sentence; a line with no end mark is a heading or a label."""
    end = n1
    while end > n0 and ntext[end - 1].isspace():
        end -= 1
    return end > n0 and ntext[end - 1] in ".!?\"')]”’…"


def _antecedent(
    ctx: Context,
    done: list[SentenceAttribution],
    current: SentenceAttribution,
    s: SentenceView,
    at: int,
    back: int = 3,
) -> Source | None:
    """A name before the pronoun: earlier in its sentence ("Patricia Hewitt gave a speech
    in which she said"), or in the three sentences before ("John Smith farms here. He said")."""
    ntext = ctx.norm.text
    tokens = ctx.tokens
    texts = ctx.token_texts
    spans = [(s.lo, s.lo + at)] if at > 0 else []
    for prev in reversed(done[-1 - back : -1]):
        if prev.section != current.section:
            break
        spans.append(ctx.token_range(prev.start, prev.end))
    for lo, hi in spans:
        found: Source | None = None
        k = lo
        while k < hi:
            t = tokens[k]
            if (
                ntext[t.start].isupper()
                and texts[k] not in FUNCTION_CAPS
                and (k > lo or (k + 1 < hi and ntext[tokens[k + 1].start].isupper()))
            ):
                m = k
                while (
                    m + 1 < hi
                    and ntext[tokens[m + 1].start].isupper()
                    and ntext[tokens[m].end : tokens[m + 1].start] in (" ", "-", ".")
                ):
                    m += 1
                a, b = ctx.to_original(t.start, tokens[m].end)
                found = Source(a, b, ctx.text[a:b], "named", "name", True)
                # The subject of the sentence comes first; keep the first name found.
                break
            k += 1
        if found is not None:
            return found
    return None


def _cover_paragraphs(sentences: list[SentenceAttribution]) -> None:
    """A named source in a paragraph covers its sentences that have no source of their own.

    Each such sentence takes the nearest named sentence before it, or else the first
    one after it (a quote that ends '..., he said.' covers what came before).
    """
    by_para: dict[int, list[SentenceAttribution]] = {}
    for s in sentences:
        by_para.setdefault(s.paragraph, []).append(s)
    for group in by_para.values():
        first = next((s for s in group if s.named_here), None)
        if first is None:
            continue
        ref = first
        for s in group:
            if s.named_here:
                ref = s
            elif s.source == "none" and s.claim:
                s.source, s.named = "named", ref.named
