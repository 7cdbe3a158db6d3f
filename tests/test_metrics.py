from __future__ import annotations

import socket

import pytest

import copydesk


def test_readability_and_tone_work_offline(monkeypatch: pytest.MonkeyPatch, reference_text: str) -> None:
    def no_network(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    report = copydesk.audit(reference_text)
    read = report.metrics.readability
    assert read.flesch_reading_ease is not None and 0 < read.flesch_reading_ease < 60
    assert read.flesch_kincaid_grade is not None and 10 < read.flesch_kincaid_grade < 18
    tone = report.metrics.tone
    assert len(tone.sentences) == report.article.sentences
    assert tone.body_mean is not None and tone.body_mean < 0  # a grim story
    assert all(-1 <= s <= 1 for s in tone.sentences)


def test_tone_is_per_sentence() -> None:
    text = "Council news\nThe park reopened and families loved it. The bridge collapsed, killing three."
    tone = copydesk.audit(text).metrics.tone
    assert len(tone.sentences) == 2
    assert tone.sentences[0] > 0.3 and tone.sentences[1] < -0.3


def test_empty_article_has_no_readability() -> None:
    report = copydesk.audit("")
    assert report.metrics.readability.flesch_reading_ease is None
    assert report.article.words == 0


def test_syllables_match_textstat_for_dictionary_words() -> None:
    import textstat

    from copydesk.analysis.readability import count_syllables

    # Words from the CMU dictionary: copydesk ships its counts, so both must agree.
    text = (
        "The committee announced unprecedented measures yesterday, and the government "
        "considered every reasonable alternative before the legislature adjourned."
    )
    for word in text.replace(",", "").replace(".", "").split():
        assert count_syllables(word) == textstat.syllable_count(word), word


def test_flesch_close_to_textstat(reference_text: str) -> None:
    import textstat

    report = copydesk.audit(reference_text)
    body = " ".join(
        line for line in reference_text.splitlines()[1:] if line and not line.startswith(("**", "Read More"))
    )
    ours = report.metrics.readability.flesch_reading_ease
    assert ours is not None
    assert abs(ours - textstat.flesch_reading_ease(body)) < 6
