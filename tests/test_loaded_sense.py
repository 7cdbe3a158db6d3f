"""Loaded language by word sense: the same word is loaded in one use and plain in another.

Each class has the use that must stay flagged beside the one that must not.
"""

from __future__ import annotations

import pytest

import copydesk
from copydesk import Article


def loaded(body: str, headline: str = "Council meets on Monday") -> list[tuple[str, str, bool]]:
    report = copydesk.audit(Article(headline=headline, body=body))
    return [
        (f.rule_id, f.excerpt, f.in_quote) for f in report.findings if f.dimension.value == "loaded_language"
    ]


@pytest.mark.parametrize(
    "body",
    [
        "The clinic struggled to hire enough nurses last winter, the health board said.",
        "Farmers are struggling to find buyers for the early harvest, the co-operative said.",
    ],
)
def test_struggle_to_do_something_is_plain_difficulty(body: str) -> None:
    assert [r for r, _, _ in loaded(body)] == []


def test_struggling_as_a_state_stays_flagged() -> None:
    body = "The struggling town has lost two factories since 2019, the council said."
    assert [e for _, e, _ in loaded(body)] == ["struggling"]


@pytest.mark.parametrize(
    "body",
    [
        "Tickets for the band's Brutal Truth tour sold out within an hour, the promoter said.",
        "She posted a video set to the band's Creep, which drew thousands of views by Friday.",
        "Giving to the poor is the third Pillar of Islam, the imam told the meeting.",
    ],
)
def test_a_capitalised_word_inside_a_name_or_title_is_not_the_outlets_wording(body: str) -> None:
    assert loaded(body) == []


@pytest.mark.parametrize(
    "body",
    [
        "Critics called the brutal crackdown a disgrace at the meeting in the capital.",
        "Brutal weather closed every road into the valley on Monday, police said.",
        "The party was accused of Orwellian tactics during the campaign.",
    ],
)
def test_the_same_words_outside_a_name_stay_flagged(body: str) -> None:
    assert loaded(body)


HOAX_STORY = (
    "A satirical website published a story on Monday claiming the mayor had been arrested. "
    "Fact-checkers found the story was not true. The hoax was shared 20,000 times before "
    "the site added a disclaimer, and the fabricated quotes in it were copied by two blogs."
)


def test_falsity_words_describe_the_verdict_in_a_story_about_a_false_claim() -> None:
    assert [e for _, e, _ in loaded(HOAX_STORY)] == []


def test_slang_for_false_still_judges_and_hoax_elsewhere_is_an_insinuation() -> None:
    slang = HOAX_STORY.replace("The hoax was", "The bogus story was")
    # the insinuation rule reports the modifier with its noun (phrase: true)
    assert [e for _, e, _ in loaded(slang)] == ["bogus story"]
    plain = "The senator dismissed the audit of the city's accounts as a hoax on Monday."
    assert [e for _, e, _ in loaded(plain)] == ["hoax"]


def test_jihadist_beside_the_armed_group_is_descriptive_but_a_label_elsewhere() -> None:
    armed = "Islamic State militants released a video of a jihadist fighter, officials said."
    assert loaded(armed) == []
    label = "The senator called the environmental activists jihadists at a rally."
    assert [e for _, e, _ in loaded(label)] == ["jihadists"]


@pytest.mark.parametrize(
    "headline",
    [
        "Rebel Commander Alive and 'Fighting Fiercely' After Reports of His Death",
        "Mayor Calls Ferry Plan \u2018Disastrous\u2019 at Meeting",
        'Mayor Calls Ferry Plan "Disastrous" at Meeting',
    ],
)
def test_quoted_words_in_a_headline_are_the_speakers(headline: str) -> None:
    body = "The mayor criticised the ferry plan at a council meeting on Monday, her office said."
    found = [(e, q) for _, e, q in loaded(body, headline)]
    assert found and all(q for _, q in found)


def test_scare_quotes_in_a_headline_with_no_speaker_are_not_speech() -> None:
    body = "The council approved the ferry plan at its meeting on Monday, her office said."
    found = [(e, q) for _, e, q in loaded(body, 'The "Disastrous" Ferry Plan Nobody Wanted')]
    assert found == [("Disastrous", False)]


# ---------------------------------------------------------------- tabloid words and asides


@pytest.mark.parametrize(
    ("body", "word"),
    [
        ("The love rat was seen leaving the hotel with his new partner on Friday.", "love rat"),
        ("A leggy model opened the store in the high street.", "leggy"),
        ("The chef was caught pigging out on doughnuts after the show.", "pigging out"),
        ("Neighbours said the boozy barbecue went on until four in the morning.", "boozy"),
    ],
)
def test_tabloid_judgements_of_people_are_loaded(body: str, word: str) -> None:
    assert ("loaded.tabloid", word, False) in loaded(body)


@pytest.mark.parametrize(
    "body",
    [
        "The home side romped to a 4-1 win over the visitors, the club said.",
        "Shoppers can plump for the cheaper tariff from April, the regulator said.",
        "The road is curvy and narrow near the pass, the highways agency said.",
        "The budget leaves skimpy margins for repairs, the auditor said.",
        "The merger talks have been hunky-dory so far, the chairman said.",
    ],
)
def test_the_same_words_in_plain_senses_are_not(body: str) -> None:
    assert [r for r, _, _ in loaded(body) if r == "loaded.tabloid"] == []


def test_an_aside_to_the_reader_is_loaded_but_a_quoted_one_is_the_speakers() -> None:
    assert [e for r, e, _ in loaded("The ferry is late again. Let's face it, nobody is surprised.")] == [
        "Let's face it"
    ]
    quoted = loaded('"Let\'s face it, nobody is surprised," the harbour master said.')
    assert [q for _, _, q in quoted] == [True]
