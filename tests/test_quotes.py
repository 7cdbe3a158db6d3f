"""Quotations and attributed views: the loaded word inside is the speaker's (in_quote,
no cost); the same word in the outlet's voice still costs."""

from __future__ import annotations

import copydesk
from copydesk.parse.article import parse

WORD = "shameful"


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in parse(text).quotes if q.speech]


def word_findings(text: str) -> list[tuple[bool, float]]:
    report = copydesk.audit(text)
    return [(f.in_quote, f.points) for f in report.findings if f.excerpt.lower() == WORD]


def test_outlet_voice_still_costs() -> None:
    hits = word_findings("The harbour board called a vote on Friday after a shameful week of delays.")
    assert hits and all(not q and p > 0 for q, p in hits)


def test_british_curly_single_quotes() -> None:
    text = "The harbour master spoke late. ‘It was a shameful week for the port,’ she said."
    assert quoted(text) == ["It was a shameful week for the port,"]
    assert word_findings(text) == [(True, 0.0)]


def test_british_straight_single_quotes() -> None:
    text = "The harbour master spoke late. 'It was a shameful week for the port,' she said."
    assert quoted(text) == ["It was a shameful week for the port,"]
    assert word_findings(text) == [(True, 0.0)]


def test_apostrophes_are_not_quotation_marks() -> None:
    text = (
        "The dockers' union didn't strike in the '80s, and rock 'n' roll played "
        "all night at the fishermen's hall while it was a shameful week."
    )
    assert parse(text).quotes == []
    hits = word_findings(text)
    assert hits and all(not q for q, _ in hits)


def test_possessive_inside_a_single_quote_does_not_close_it() -> None:
    text = "The pilot spoke. 'The dockers' pay talks were a shameful farce,' he said."
    assert quoted(text) == ["The dockers' pay talks were a shameful farce,"]


def test_british_outer_single_with_inner_double() -> None:
    text = "‘He told me “never again” and I trusted him for years,’ the skipper said."
    assert quoted(text) == ["He told me “never again” and I trusted him for years,"]


def test_quotation_in_the_headline() -> None:
    text = "Harbour master: ‘A shameful week for the port’\n\nThe port reopened on Friday after talks."
    assert quoted(text) == ["A shameful week for the port"]
    assert word_findings(text) == [(True, 0.0)]
    short = parse("Skipper: 'No surrender'\n\nThe boats stayed in the harbour on Friday.")
    assert [q.speech for q in short.quotes] == [True]


def test_multi_paragraph_single_quote_reopens() -> None:
    text = (
        "The skipper spoke at the quay.\n\n"
        "‘It was a shameful week for every crew on this coast.\n\n"
        "‘And we will not sail until it is put right,’ he said."
    )
    assert quoted(text) == [
        "It was a shameful week for every crew on this coast.",
        "And we will not sail until it is put right,",
    ]
    assert word_findings(text) == [(True, 0.0)]


def test_quotation_interrupted_by_a_caption() -> None:
    text = (
        "The skipper spoke at the quay.\n\n"
        "“It was a shameful week for every crew on this coast, and\n\n"
        "Photo: boats moored in the harbour\n\n"
        "we will not sail until it is put right,” he said."
    )
    assert quoted(text) == [
        "It was a shameful week for every crew on this coast, and",
        "we will not sail until it is put right,",
    ]
    assert word_findings(text) == [(True, 0.0)]


def test_views_the_text_attributes() -> None:
    for text in (
        "The levy angered the fishermen, who view it as a shameful tax on their catch.",
        "The ferry owners, who described the levy as shameful, met the minister.",
    ):
        assert word_findings(text) == [(True, 0.0)], text
    # The same word in the outlet's own relative clause still costs.
    hits = word_findings("The fishermen, who met on Friday, faced a shameful levy.")
    assert hits and all(not q for q, _ in hits)


def test_a_label_the_outlet_takes_up_still_costs() -> None:
    for text in (
        "The port board passed what will surely be seen as a shameful levy.",
        "The port board passed what the crews call a shameful levy on Friday.",
        "The skippers, who met on Friday, faced a shameful levy.",
    ):
        hits = word_findings(text)
        assert hits and all(not q for q, _ in hits), text
