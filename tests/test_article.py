from __future__ import annotations

from copydesk.parse.article import Article, parse


def sentences(text: str) -> list[str]:
    doc = parse(text)
    return [text[s.start : s.end] for s in doc.sentences]


def test_reference_structure(reference_text: str) -> None:
    doc = Article.from_text(reference_text).document
    assert doc.slice(doc.headline) == "Russia Faces International Backlash Over North Korean Labor Deal"
    headings = [doc.slice(h) for h in doc.headings]
    assert headings == [
        "Security Concerns",
        "International Reactions",
        "North Korean Military Support",
        "Implications",
    ]
    assert len(doc.paragraphs) == 9
    assert len(doc.sentences) == 20
    assert [(q.start, q.end) for q in doc.quotes] == [(1605, 1647)]


def test_atx_headline_and_headings() -> None:
    text = "# Storm hits coast\n\nThe storm arrived at dawn.\n\n## Damage\n\nRoofs were torn off.\n"
    doc = parse(text)
    assert doc.slice(doc.headline) == "Storm hits coast"
    assert [doc.slice(h) for h in doc.headings] == ["Damage"]
    assert [text[p.start : p.end] for p in doc.paragraphs] == [
        "The storm arrived at dawn.",
        "Roofs were torn off.",
    ]


def test_short_first_line_is_headline_only_when_unpunctuated() -> None:
    doc = parse("Council approves budget\nThe council voted 7-2 on Tuesday.")
    assert doc.headline is not None
    doc = parse("The council voted 7-2 on Tuesday.\nIt meets again in May.")
    assert doc.headline is None


def test_article_from_parts_indexes_composed_text() -> None:
    art = Article(headline="Mayor resigns", body="The mayor resigned on Monday.")
    doc = art.document
    assert art.text.startswith("Mayor resigns\n\n")
    assert doc.slice(doc.headline) == "Mayor resigns"
    assert [art.text[s.start : s.end] for s in doc.sentences] == ["The mayor resigned on Monday."]


def test_abbreviations_decimals_initials() -> None:
    text = (
        "Mr. Smith met U.S. officials at 9 a.m. on Friday. Growth was 2.4 percent. "
        "J. K. Rowling was not there. The talks ended."
    )
    assert sentences(text) == [
        "Mr. Smith met U.S. officials at 9 a.m. on Friday.",
        "Growth was 2.4 percent.",
        "J. K. Rowling was not there.",
        "The talks ended.",
    ]


def test_abbreviation_at_sentence_end_before_opener() -> None:
    assert sentences("He moved to the U.S. The move was quick.") == [
        "He moved to the U.S.",
        "The move was quick.",
    ]


def test_quote_ending_sentence() -> None:
    text = 'She said, "We will win." Then she left. "Why?" he asked.'
    assert sentences(text) == ['She said, "We will win."', "Then she left.", '"Why?" he asked.']


def test_quotes_straight_curly_multisentence_and_unbalanced() -> None:
    text = 'He said "This is bad. It is worse than we feared." Then “they left” quickly.'
    doc = parse(text)
    quoted = [text[q.start : q.end] for q in doc.quotes]
    assert quoted == ["This is bad. It is worse than we feared.", "they left"]
    stray = parse('The 6" pipe burst and the street flooded for hours on end.')
    assert stray.quotes == []


def test_multi_paragraph_quote_convention() -> None:
    text = '"We will rebuild every school.\n\n"And every clinic," the minister said.'
    doc = parse(text)
    assert [text[q.start : q.end] for q in doc.quotes] == [
        "We will rebuild every school.",
        "And every clinic,",
    ]


def test_scare_quote_is_not_speech() -> None:
    doc = parse('The so-called "experts" disagreed.')
    assert len(doc.quotes) == 1 and doc.quotes[0].speech is False


def test_hard_wrapped_paragraph_is_one() -> None:
    text = (
        "The council met on Tuesday and voted\nto approve the budget after a long\n"
        "debate.\n\nA second paragraph."
    )
    doc = parse(text)
    assert len(doc.paragraphs) == 2


def test_code_blocks_and_comments_are_skipped() -> None:
    text = "# Title\n\nReal text here.\n\n```\ncode text\n```\n\n<!-- note -->\nMore text."
    doc = parse(text)
    paras = [text[p.start : p.end] for p in doc.paragraphs]
    assert "code text" not in " ".join(paras)
    assert paras[0] == "Real text here."


def test_quote_broken_over_lines_one_sentence_per_line() -> None:
    text = (
        "The senator spoke at length on Tuesday evening in the capital city hall.\n"
        "“I have been ignored and sidelined by my own party for far too long now.\n"
        "Now I am done with all of it,” she said to the crowd before she left.\n"
    )
    doc = parse(text)
    quoted = [text[q.start : q.end] for q in doc.quotes]
    assert quoted == [
        "I have been ignored and sidelined by my own party for far too long now.",
        "Now I am done with all of it,",
    ]


def test_short_quote_after_a_labelling_verb_is_speech() -> None:
    doc = parse("He referred to the protesters as “vermin” in a speech.")
    assert doc.quotes and doc.quotes[0].speech


def test_ragged_lines_are_separate_paragraphs() -> None:
    text = (
        "The viral video shows a crab the size of a car\n"
        "EXPAND\n"
        "Experts said the image had been edited to make the animal look larger than it is"
    )
    doc = parse(text, headline=None)
    assert len(doc.paragraphs) == 3
