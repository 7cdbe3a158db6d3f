"""Focus: boilerplate (phase 0), filler, and off-topic sections, paragraphs and sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import Article
from copydesk.analysis.context import Context
from copydesk.analysis.topic import topic
from copydesk.api import load_rules
from copydesk.speed import cached_engine

from .conftest import write_pack

FOCUS = Path(__file__).resolve().parents[1] / "rules" / "focus"
RULES = load_rules([FOCUS], include_default=False)

TRAM = [
    "The city council approved a new tram line on Tuesday, linking the harbour to the "
    "university campus. The tram line will cost 240 million euros.",
    "The council said the tram would carry 30,000 passengers a day between the harbour "
    "and the campus once it opens in 2029.",
    "Construction of the tram depot near the harbour begins in spring, the council said, "
    "and the first tram tracks will be laid on the campus road.",
    "Shopkeepers near the harbour oppose the tram route, saying construction will keep "
    "customers away from the harbour for two years.",
]
FOOTBALL = (
    "Meanwhile in Lisbon, the national football team beat Portugal 2-0, with goals from a "
    "teenage striker and a veteran defender, and the coach praised the goalkeeper's saves. "
    "The squad will rest before the qualifiers in June and the striker signs a new "
    "contract with his club in Madrid."
)


def audit(text: str | Article) -> copydesk.AuditReport:
    return copydesk.audit(text, rules=RULES)


def ids(report: copydesk.AuditReport, prefix: str = "focus.") -> list[str]:
    return [f.rule_id for f in report.findings if f.rule_id.startswith(prefix)]


def context_after_phase0(text: str) -> Context:
    ctx = Context(Article.from_text(text))
    for checker in cached_engine(RULES).checkers:
        if checker.phase == 0:
            list(checker.run(ctx))
    return ctx


# ------------------------------------------------------------------ boilerplate


def test_read_more_line_is_boilerplate_and_left_out_of_word_counts() -> None:
    body = "\n\n".join(TRAM)
    plain = audit(body)
    with_link = audit(body + "\n\nRead More @ example-news.com")
    found = [f for f in with_link.findings if f.rule_id == "focus.boilerplate.read_more"]
    assert len(found) == 1
    assert found[0].excerpt == "Read More @ example-news.com"
    assert found[0].severity.value == "info"
    # Furniture left in the copy costs a little: far less than a paragraph off the topic.
    assert 0 < found[0].points < 15
    assert with_link.article.words == plain.article.words
    assert with_link.article.paragraphs == plain.article.paragraphs


def test_boilerplate_is_excluded_from_other_dimensions(tmp_path: Path) -> None:
    pack = write_pack(
        tmp_path / "pack",
        """
rules:
  - id: loaded.test_word
    kind: lexicon
    dimension: loaded_language
    severity: warning
    message: "{match}"
    explanation: A test rule.
    terms: [amazing]
    examples:
      flag: ["An amazing result."]
      pass: ["A result."]
""",
    )
    rules = load_rules([FOCUS, pack], include_default=False)
    text = "The council met on Tuesday and the vote was amazing.\n\nRead more: amazing offers"
    report = copydesk.audit(text, rules=rules)
    loaded = [f for f in report.findings if f.dimension.value == "loaded_language"]
    assert [f.span.start for f in loaded] == [text.index("amazing")]
    assert any(f.rule_id == "focus.boilerplate.read_more" for f in report.findings)


_CONTAINS_RULE = """
rules:
  - id: focus.test_embed
    kind: boilerplate
    dimension: focus
    severity: info
    message: "{match}"
    explanation: A test rule.
    max_words: 12
    contains: ['\\bembed\\.js\\b']
    examples:
      flag: ["Loading the map: embed.js"]
      pass: ["The map loaded slowly."]
"""


def test_contains_claims_a_short_paragraph_wherever_the_telltale_stands(tmp_path: Path) -> None:
    rules = load_rules([write_pack(tmp_path / "pack", _CONTAINS_RULE)], include_default=False)
    text = "\n\n".join(
        [
            *TRAM,
            "The script embed.js failed to load here",
            "A long paragraph that happens to name embed.js among many other words is article text.",
        ]
    )
    report = copydesk.audit(text, rules=rules)
    found = [f.excerpt for f in report.findings if f.rule_id == "focus.test_embed"]
    # The short one anywhere; the one over max_words is prose whatever it names.
    assert found == ["The script embed.js failed to load here"]


def test_boilerplate_rule_needs_something_to_match(tmp_path: Path) -> None:
    no_match = "\n".join(line for line in _CONTAINS_RULE.splitlines() if "contains:" not in line)
    pack = write_pack(tmp_path / "pack", no_match)
    with pytest.raises(Exception, match="needs 'patterns' or 'contains'"):
        load_rules([pack], include_default=False)


def test_phase0_fills_ctx_boilerplate_and_body_sentences() -> None:
    text = "\n\n".join([*TRAM, "Share this article", "© 2026 Example Media. All rights reserved."])
    ctx = context_after_phase0(text)
    assert ctx.boilerplate == {4, 5}
    starts = {s for s, _ in ctx.body_sentences()}
    assert text.index("Share this") not in starts
    # The parsed document is shared between audits: only the context is marked.
    assert not hasattr(ctx.doc.paragraphs[4], "boilerplate")


def test_related_list_after_a_label_is_one_finding() -> None:
    text = "\n\n".join(TRAM) + (
        "\n\nRelated stories:\n\n- Council votes on bus lanes\n- Storm closes the coast road"
        "\n- Harbour museum reopens"
    )
    report = audit(text)
    related = [f for f in report.findings if f.rule_id == "focus.boilerplate.related"]
    assert len(related) == 1
    assert related[0].excerpt.startswith("Related stories:")
    assert related[0].excerpt.endswith("Harbour museum reopens")
    assert related[0].evidence["paragraphs"] == 4


def test_related_heading_over_a_link_list() -> None:
    text = "# Tram line approved\n\n" + "\n\n".join(TRAM) + (
        "\n\n## More from the city desk\n\n- Council votes on bus lanes\n- Storm closes the coast road"
    )
    ctx = context_after_phase0(text)
    last = len(ctx.doc.paragraphs) - 1
    assert {last - 1, last} <= ctx.boilerplate
    assert 0 not in ctx.boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "Follow us on Twitter for updates.",
        "Sign up for our newsletter to get the day's news in your inbox.",
        "Click here to watch the video.",
        "Photo: Jane Roe/Example Agency",
        "Advertisement",
        "(Reporting by Jane Roe; Editing by John Doe)",
    ],
)
def test_common_furniture_is_recognised(line: str) -> None:
    ctx = context_after_phase0("\n\n".join([*TRAM, line]))
    assert ctx.boilerplate == {4}


@pytest.mark.parametrize(
    "line",
    [
        "Readers who follow the council closely were not surprised by the vote on Tuesday.",
        "Shares in the tram maker rose 4% after the council's decision was announced.",
        "Click, the tram ticket app, will be free for students, the council said.",
    ],
)
def test_article_sentences_are_not_boilerplate(line: str) -> None:
    ctx = context_after_phase0("\n\n".join([*TRAM, line]))
    assert ctx.boilerplate == set()


# Web leftovers (issue 15): embedded posts, syndication notes, captions, teasers. Each
# must be set aside as furniture, so no other dimension reads it as the outlet's claim.
WEB_LEFTOVERS = [
    "Tram tickets for students should be free, end of story— Pia Holm (@piaholm) June 2, 2025",
    "@tramcity will the night service run on Sundays?",
    "Packed first tram this morning #harbour pic.twitter.com/Zx81Qw0Lm",
    "Follow Tomas Brek (@tomasbrek) on Twitter",
    "Join the conversation with Tomas Brek on Twitter.",
    "This article first appeared in the Valley Courier and was reproduced with permission.",
    "This story originally appeared at Example Wire. Copyright 2025. Follow Example Wire on Twitter.",
    "Facebook: 482910337465120",
    "(function(d, s) { var js = d.createElement(s); js.async = true; })(document, 'script');",
    "Ana Ferreira (left) and the mayor (right) ride the first tram on the campus road",
    "Passengers wait at the harbour stop (Photo: Lea Marsh)",
    "TRAM DELAYS: Night service cut back for the summer",
    "Harbour: Ferry fares to rise in the autumn",
    "RelatedTram Works Close the Campus RoadCouncil Delays Vote on Bus Lanes",
    "harbour-tram-depot-first-tracks",
]


@pytest.mark.parametrize("line", WEB_LEFTOVERS)
def test_web_leftovers_are_boilerplate(line: str) -> None:
    ctx = context_after_phase0("\n\n".join([*TRAM[:2], line, *TRAM[2:]]))
    assert ctx.boilerplate == {2}


def test_web_leftovers_are_not_claims_of_the_outlet() -> None:
    body = "\n\n".join([*TRAM[:2], *WEB_LEFTOVERS, *TRAM[2:]])
    report = copydesk.audit(body)
    leftovers = [(body.index(line), body.index(line) + len(line)) for line in WEB_LEFTOVERS]
    for f in report.findings:
        inside = any(s <= f.span.start and f.span.end <= e for s, e in leftovers)
        assert not inside or f.rule_id.startswith("focus.boilerplate."), (f.rule_id, f.excerpt)
        assert not f.rule_id.startswith("focus.off_topic"), f.excerpt


def test_bare_repeat_of_an_embedded_post_is_boilerplate_too() -> None:
    # Scrapers keep a post twice: the embed with its signature, then its bare text.
    post = "Nobody told us the campus stop would close for a month, shame on the council"
    ctx = context_after_phase0(
        "\n\n".join([*TRAM, f"{post}— Pia Holm (@piaholm) June 2, 2025", post])
    )
    assert ctx.boilerplate == {4, 5}


@pytest.mark.parametrize(
    "line",
    [
        # Reporting that mentions the same things in a sentence of its own.
        "The council posted the timetable on Twitter on Monday and 300 residents replied.",
        "The first article on the tram appeared in the council's newsletter in 2019, officials said.",
        "LONDON: Tram ridership rose 3% in May, the transport office said.",
        "Residents will join the discussion on the tram route at the town hall on Friday, the council said.",
        "The mayor stood to the left of the stage while Ana Ferreira spoke about the tram.",
    ],
)
def test_reporting_that_looks_like_web_leftovers_stays_text(line: str) -> None:
    ctx = context_after_phase0("\n\n".join([*TRAM[:2], line, *TRAM[2:]]))
    assert ctx.boilerplate == set()


# ------------------------------------------------------------------ filler


def test_stock_closer_is_filler() -> None:
    text = "\n\n".join([*TRAM, "Only time will tell whether the tram will win them over."])
    report = audit(text)
    filler = [f for f in report.findings if f.rule_id == "focus.filler.closer"]
    assert [f.excerpt for f in filler] == ["Only time will tell"]


# ------------------------------------------------------------------ off topic


def test_pasted_paragraph_from_another_story_is_flagged_with_figures() -> None:
    paragraphs = [*TRAM[:3], FOOTBALL, TRAM[3]]
    text = "\n\n".join(paragraphs)
    report = audit(text)
    off = [f for f in report.findings if f.rule_id.startswith("focus.off_topic")]
    assert len(off) == 1
    finding = off[0]
    assert finding.excerpt == FOOTBALL
    assert finding.severity.value in ("warning", "error")
    assert finding.evidence["similarity"] < finding.evidence["typical_similarity"]
    assert finding.evidence["similarity"] <= 0.1
    assert "Lisbon" in finding.evidence["names_found_nowhere_else"]
    assert "similarity" in finding.message and "typical" in finding.message
    assert report.dimensions["focus"].figures["typical_similarity"] > 0.3


def test_on_topic_article_has_no_off_topic_findings() -> None:
    quote = '"It will change how students get to lectures," said Ana Ferreira of the student union.'
    report = audit("\n\n".join([*TRAM[:2], quote, *TRAM[2:]]))
    assert ids(report, "focus.off_topic") == []


FERRY = [
    "Norsund Ferries will add two night crossings between the harbour and the island from "
    "June, the company said on Monday.",
    "The night crossings will leave the harbour at 23:00 and 01:00, and tickets go on sale "
    "next week, Norsund Ferries said.",
    "Island residents had asked for late crossings for years, saying the last ferry left "
    "the harbour too early for shift workers.",
    "The harbour authority said the extra crossings would not need a new berth.",
]
# Closing background on the headline's own subject: new words, one new name, but the
# company the headline names. Background, not another story.
FERRY_BACKGROUND = (
    "Norsund, founded in 1961, also runs cargo routes to Gdansk and sells cabins on its "
    "summer cruises, which it expects to double by 2027 with two vessels built in Turku."
)


def test_closing_background_on_the_headline_subject_is_not_off_topic() -> None:
    text = "# Norsund adds night ferries to the island\n\n" + "\n\n".join([*FERRY, FERRY_BACKGROUND])
    assert ids(audit(text), "focus.off_topic.paragraph") == []


def test_paragraph_rule_spares_a_unit_that_names_the_headline_subject() -> None:
    from copydesk.analysis.topic import Topic, UnitFit
    from copydesk.kinds.coherence import _fires

    rule = RULES.by_id["focus.off_topic.paragraph"]
    fit = UnitFit("paragraph", 4, 0, 10, terms=20, evidence=-9.0, similarity=0.05)
    fit.names, fit.unseen_names, fit.names_read = ["Norsund", "Malmo"], ["Malmo"], True
    fit.cosine, fit.semantic = 0.2, 0.3  # meaning read: far below the other paragraphs
    topic_ = Topic([], [], [fit], [], [], 0.5, 0.5, None, 0.3, 0.3)
    assert _fires(rule, fit, 0.5, topic_)  # far off, one new name: a digression
    fit.headline_names = ["Norsund"]
    assert not _fires(rule, fit, 0.5, topic_)  # but it is about the headline's subject


def test_paragraph_rule_spares_a_unit_whose_meaning_stays_with_the_article() -> None:
    from copydesk.analysis.topic import Topic, UnitFit
    from copydesk.kinds.coherence import _fires

    rule = RULES.by_id["focus.off_topic.paragraph"]
    assert rule.min_semantic is not None
    fit = UnitFit("paragraph", 4, 0, 10, terms=20, evidence=-9.0, similarity=0.05)
    fit.names, fit.unseen_names, fit.names_read = ["Malmo"], ["Malmo"], True
    topic_ = Topic([], [], [fit], [], [], 0.5, 0.5, None, 0.3, 0.3)
    fit.cosine, fit.semantic = 0.6, rule.min_semantic + 0.1
    assert _fires(rule, fit, 0.5, topic_)  # few shared words and further in sense
    fit.semantic = rule.min_semantic - 0.1
    assert not _fires(rule, fit, 0.5, topic_)  # other words, the same sense as the rest
    fit.cosine = fit.semantic = None
    assert not _fires(rule, fit, 0.5, topic_)  # no meaning to judge: the rule holds back


def test_a_pasted_paragraph_is_still_off_topic_under_a_headline() -> None:
    text = "# Tram line approved\n\n" + "\n\n".join([*TRAM[:3], FOOTBALL, TRAM[3]])
    assert ids(audit(text), "focus.off_topic") != []


def test_one_finding_per_unit_most_severe_wins() -> None:
    text = "\n\n".join([*TRAM[:3], FOOTBALL, TRAM[3]])
    report = audit(text)
    spans = [(f.span.start, f.span.end) for f in report.findings if f.rule_id.startswith("focus.off")]
    assert len(spans) == len(set(spans)) == 1
    # The football paragraph is far off: the escalated rule reports it.
    assert ids(report, "focus.off_topic") == ["focus.off_topic.paragraph_clear"]


def test_sentence_whose_names_appear_nowhere_else() -> None:
    stray = (
        "Meanwhile in Vienna, Austria's chancellor Karl Brenner met the Hungarian envoy "
        "Zsofia Halasz to discuss gas supplies from Budapest before the Danube summit."
    )
    text = "\n\n".join(
        [
            "The city council approved a new tram line on Tuesday, linking the harbour to "
            "the university campus.",
            "The tram line will cost 240 million euros, paid by the council and a regional "
            "transport fund.",
            "Construction of the tram depot near the harbour begins in spring, the council said.",
            "The new tram line between the harbour and the university campus was approved "
            "by the city council on Tuesday. " + stray,
            "Shopkeepers near the harbour oppose the tram route, saying construction will "
            "keep customers away.",
        ]
    )
    report = audit(text)
    off = [f for f in report.findings if f.rule_id == "focus.off_topic.sentence"]
    assert [f.excerpt for f in off] == [stray]
    assert {"Karl Brenner", "Budapest"} <= set(off[0].evidence["names_found_nowhere_else"])


def test_off_topic_section_is_one_finding_on_the_section() -> None:
    text = (
        "# Council approves new tram line\n\n"
        "The city council approved a new tram line on Tuesday, linking the harbour to the "
        "university campus.\n\n## Cost\n\nThe tram line will cost 240 million euros, paid by "
        "the council and a regional transport fund. Construction of the tram depot begins in "
        "spring.\n\n## Route\n\nThe tram will stop at the harbour, the central station and the "
        "university campus, the council said. Tram services should start in 2029.\n\n"
        "## Football\n\n" + FOOTBALL
    )
    report = audit(text)
    off = [f for f in report.findings if f.rule_id.startswith("focus.off_topic")]
    assert [f.rule_id for f in off] == ["focus.off_topic.section"]
    assert off[0].excerpt.startswith("Football")
    assert off[0].excerpt.endswith("Madrid.")


def test_topic_analysis_runs_once_and_ranks_the_intruder_last() -> None:
    text = "\n\n".join([*TRAM[:3], FOOTBALL, TRAM[3]])
    ctx = Context(Article.from_text(text))
    first = ctx.analysis(topic)
    assert ctx.analysis(topic) is first
    assert first.least_connected() == 3
    assert "tram" in [w for w, _ in first.keywords]
    fit = first.paragraph(3)
    assert fit is not None and fit.evidence < 0 < min(
        u.evidence for u in first.paragraphs if u.index != 3
    )
    # Names are read on demand, once.
    assert not fit.names_read and fit.names == []
    first.read_names(fit)
    assert fit.names_read and {"Lisbon", "Madrid"} <= set(fit.unseen_names)
    assert fit.name_continuity == 0.0


def test_headline_counts_towards_the_topic() -> None:
    body = "\n\n".join(TRAM)
    with_headline = Context(Article(headline="Harbour tram approved", body=body))
    without = Context(Article(body=body))
    a, b = with_headline.analysis(topic), without.analysis(topic)
    assert a.paragraphs[0].similarity >= b.paragraphs[0].similarity


def test_short_article_is_not_judged() -> None:
    report = audit(TRAM[0] + "\n\n" + FOOTBALL)
    assert ids(report, "focus.off_topic") == []


# ------------------------------------------------------------------ properties

_word = st.sampled_from(
    "tram harbour council campus football Lisbon striker vote budget storm Porto the a and "
    "said of in on bread rye loaf".split()
)
_sentence = st.lists(_word, min_size=1, max_size=14).map(lambda ws: " ".join(ws).capitalize() + ".")
_paragraph = st.lists(_sentence, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_paragraph, min_size=1, max_size=8))
def test_topic_figures_are_bounded_and_spans_valid(paragraphs: list[str]) -> None:
    text = "\n\n".join(paragraphs)
    ctx = Context(Article(body=text))
    result = ctx.analysis(topic)
    for fit in result.paragraphs + result.sentences + result.sections:
        assert 0.0 <= fit.similarity <= 1.0
        assert 0 <= fit.start < fit.end <= len(ctx.text)
    report = audit(Article(body=text))
    for f in report.findings:
        assert ctx.text[f.span.start : f.span.end] == f.excerpt


# ------------------------------------------------------------------ issue 15: what leftovers cost


def _focus(report: copydesk.AuditReport) -> float:
    score = report.dimensions["focus"].score
    assert score is not None
    return score


def test_boilerplate_costs_a_small_bounded_amount() -> None:
    body = "\n\n".join(TRAM)
    clean = audit(body)
    one = audit(body + "\n\nFollow the Harbour Gazette on Twitter")
    many = audit(
        body
        + "\n\nFollow the Harbour Gazette on Twitter"
        + "\n\nRead More @ example-news.com"
        + "\n\nSign up for our newsletter to get the day's headlines in your inbox."
        + "\n\nThis article first appeared in the Valley Times and was reproduced with permission."
        + "\n\nharbour-tram-line-approved-council"
    )
    off_topic = audit("\n\n".join([*TRAM[:3], FOOTBALL, TRAM[3]]))
    assert _focus(clean) == 100.0
    assert 80.0 < _focus(one) < 100.0
    # Five leftovers cost more than one, but no more than the cap ...
    assert _focus(many) < _focus(one)
    assert _focus(many) >= 75.0
    # ... and less than one paragraph about another story.
    assert _focus(off_topic) < _focus(many)


def test_a_byline_costs_nothing() -> None:
    report = audit("\n\n".join(TRAM) + "\n\nBy Jane Roe")
    assert all(f.points == 0 for f in report.findings if f.rule_id == "focus.boilerplate.byline")


def test_inline_stock_ticker_is_a_leftover() -> None:
    text = "\n\n".join(TRAM) + "\n\nShares of the builder Harbor Works HRBW +1.25% rose after the vote."
    found = [f for f in audit(text).findings if f.rule_id == "focus.leftover.ticker"]
    assert [f.excerpt for f in found] == ["HRBW +1.25%"]


def test_a_percentage_in_prose_is_not_a_ticker() -> None:
    text = "\n\n".join(TRAM) + "\n\nFares will rise 1.25% in May and fell -0.5% last year, the council said."
    assert ids(audit(text), "focus.leftover") == []


def test_lower_case_line_is_alt_text() -> None:
    text = "\n\n".join(TRAM) + "\n\ncrowds gather at the harbour for the tram vote\n\n" + TRAM[0]
    found = [f for f in audit(text).findings if f.rule_id == "focus.boilerplate.teaser"]
    assert [f.excerpt for f in found] == ["crowds gather at the harbour for the tram vote"]


def test_a_sentence_in_lower_case_with_a_full_stop_is_not_alt_text() -> None:
    text = "\n\n".join(TRAM) + "\n\nand the council said the tram would run all night.\n\n" + TRAM[0]
    assert "focus.boilerplate.teaser" not in ids(audit(text))


def test_filler_phrase_is_shown_but_not_charged() -> None:
    text = "\n\n".join(TRAM) + "\n\nNeedless to say, the shopkeepers want the route changed."
    report = audit(text)
    found = [f for f in report.findings if f.rule_id == "focus.filler.phrase"]
    assert found and found[0].points == 0
    closer = audit("\n\n".join(TRAM) + "\n\nOnly time will tell whether the tram is a success.")
    assert [f.points > 0 for f in closer.findings if f.rule_id == "focus.filler.closer"] == [True]


def test_paragraph_bar_rises_with_the_number_of_paragraphs() -> None:
    from copydesk.analysis.topic import Topic, UnitFit
    from copydesk.kinds.coherence import _fires

    rule = RULES.by_id["focus.off_topic.paragraph"]
    assert rule.evidence_per_log_units > 0
    # Evidence of 4.5 against a paragraph: telling in a five-paragraph story, what one
    # paragraph in a hundred reaches by chance in a long one.
    fit = UnitFit("paragraph", 3, 0, 10, terms=14, evidence=-4.5, similarity=0.02)
    fit.names, fit.unseen_names, fit.names_read = ["Gdansk"], ["Gdansk"], True
    fit.cosine, fit.semantic = 0.2, 0.3  # far in meaning too, so the words decide
    topic_ = Topic([], [], [fit], [], [], 0.4, 0.4, None, 0.3, 0.3)
    assert _fires(rule, fit, 0.4, topic_, judged=5)
    assert not _fires(rule, fit, 0.4, topic_, judged=100)
