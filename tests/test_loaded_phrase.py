"""Loaded language as phrases and the word families added for issue 16.

A modifier and the word it qualifies are one loaded phrase ("so-called experts"): rules
with ``phrase: true`` report both words. Each new word family has a use that must be
flagged beside the nearest innocent use that must not.
"""

from __future__ import annotations

import pytest

import copydesk
from copydesk import Article


def loaded(body: str, headline: str = "Council meets on Monday") -> list[tuple[str, str]]:
    report = copydesk.audit(Article(headline=headline, body=body))
    return [
        (f.rule_id, f.excerpt)
        for f in report.findings
        if f.dimension.value == "loaded_language" and not f.in_quote
    ]


@pytest.mark.parametrize(
    ("body", "rule", "phrase"),
    [
        ("The so-called experts met the minister on Tuesday.", "loaded.insinuation", "so-called experts"),
        ("Heroic volunteers cleared the road by noon.", "loaded.glowing", "Heroic volunteers"),
        ("The radical activist spoke at the rally on Friday.", "loaded.label", "radical activist"),
    ],
)
def test_a_modifier_takes_in_the_noun_it_qualifies(body: str, rule: str, phrase: str) -> None:
    assert (rule, phrase) in loaded(body)


@pytest.mark.parametrize(
    ("body", "word"),
    [
        # a plural noun qualifies nothing: the next word starts the verb phrase
        ("The thugs ran off before the police came.", "thugs"),
        # a stopword, a past participle or a capital ends the phrase
        ("The brave and the tireless cleared the road.", "brave"),
        ("The so-called reformed prison opened in May.", "so-called"),
        ("The radical Green group marched to the hall.", "radical"),
        # punctuation ends it too
        ("It was, of course, the mayor's idea.", "of course"),
    ],
)
def test_the_phrase_stops_at_a_plural_a_function_word_or_a_name(body: str, word: str) -> None:
    excerpts = [e for _, e in loaded(body)]
    assert word in excerpts


@pytest.mark.parametrize(
    ("body", "phrase"),
    [
        ("The minister called the claim utter nonsense on Monday.", "utter nonsense"),
        ("The inquiry was a complete disgrace, the column said.", "complete disgrace"),
    ],
)
def test_a_degree_word_before_a_verdict_is_part_of_it(body: str, phrase: str) -> None:
    assert phrase in [e for _, e in loaded(body)]


def test_a_degree_word_apart_from_the_verdict_stays_out() -> None:
    # "total" qualifies "cost", not the verdict two words on
    excerpts = [e for _, e in loaded("The total cost was a disgrace, the column said.")]
    assert "disgrace" in excerpts
    assert not any("total" in e for e in excerpts)


def test_a_rule_without_phrase_keeps_the_matched_word_only() -> None:
    # loaded.judgement does not set ``phrase``: "Draconian" stays one word
    assert ("loaded.judgement", "Draconian") in loaded("Draconian rules ban street protests.")


@pytest.mark.parametrize(
    "body",
    [
        "The senator's illogical argument drew laughter in the chamber.",
        "The minister gave a petulant answer and left the room.",
        "The column called the plan a dastardly scheme.",
        "Voters were hoodwinked by the campaign, the column said.",
        "He smirked as the vote was read out.",
        "The mayor's flunkies filled the front row.",
        "Rabidly partisan posts filled the forum.",
    ],
)
def test_new_word_families_are_flagged(body: str) -> None:
    assert loaded(body)


@pytest.mark.parametrize(
    "body",
    [
        # literal and technical senses of the new words
        "The clinic treats infantile colic in newborn babies.",
        "Ticket sales for the tour were a sellout within an hour.",
        "Traffic snarled on the ring road after the crash, police said.",
        "The lamb began to bleat when the farmer left the pen.",
        "Two men conned pensioners out of savings, the court heard.",
        # exceptions added for innocent senses of existing words
        "The ship made a change of course after the storm warning.",
        "Inspections are carried out as a matter of course.",
        "The lecture series covers good and evil in the writings of Augustine.",
        "The virus reaches people from bats and monkeys, the health agency said.",
        "Police sought an extreme risk protection order against the man.",
        "Symptoms include fever and internal and external bleeding.",
        "The constellation is named after the Greek hero Perseus.",
        "The jury found the firm liable for gross negligence in the collapse.",
    ],
)
def test_innocent_senses_are_left_alone(body: str) -> None:
    assert loaded(body) == []
