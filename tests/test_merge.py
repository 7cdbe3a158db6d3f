"""One problem, one finding (scoring/merge.py): what an editor marks once is charged once.

The headline has no loaded or attribution wording, so the body's first occurrence of a
phrase is where ``spans`` looks (offsets are into headline + blank line + body).
"""

from __future__ import annotations

import copydesk
from copydesk import Article

HEADLINE = "Council reviews ferry timetable"
LEAD_OUT = " The council will vote on the ferry timetable next month, the harbour master said."


def audit_body(sentence: str) -> list[copydesk.Finding]:
    report = copydesk.audit(Article(headline=HEADLINE, body=sentence + LEAD_OUT))
    assert report.article.text == f"{HEADLINE}\n\n{sentence}{LEAD_OUT}"
    return [f for f in report.findings if f.dimension.value in ("loaded_language", "attribution")]


def spans(findings: list[copydesk.Finding], sentence: str, phrase: str) -> list[copydesk.Finding]:
    """The findings over ``phrase`` of ``sentence``, the body's first sentence."""
    start = len(HEADLINE) + 2 + sentence.index(phrase)
    end = start + len(phrase)
    return [f for f in findings if f.span.start < end and start < f.span.end]


def test_a_loaded_unnamed_reaction_is_one_finding() -> None:
    sentence = "The new timetable has sparked widespread anger among island commuters."
    findings = spans(audit_body(sentence), sentence, "has sparked widespread anger")
    assert len(findings) == 1
    kept = findings[0]
    assert kept.dimension.value == "loaded_language"
    also = {a["rule_id"] for a in kept.evidence["also"]}
    assert "attribution.reaction" in also
    # What was folded in is still there to read, with its span on the original text.
    text = f"{HEADLINE}\n\n{sentence}{LEAD_OUT}"
    for a in kept.evidence["also"]:
        assert text[a["start"] : a["end"]] == a["excerpt"]


def test_a_reaction_in_neutral_words_stays_attribution() -> None:
    sentence = "The new timetable has raised concerns among island commuters."
    findings = spans(audit_body(sentence), sentence, "has raised concerns")
    assert [f.rule_id for f in findings] == ["attribution.reaction"]


def test_a_dramatised_verb_with_a_neutral_noun_is_an_unnamed_reaction() -> None:
    sentence = "The new timetable has sparked fears among island commuters."
    findings = spans(audit_body(sentence), sentence, "has sparked fears")
    assert len(findings) == 1 and findings[0].dimension.value == "attribution"


def test_loaded_words_apart_are_two_findings() -> None:
    sentence = "The regime announced the timetable, and critics called the fares outrageous."
    findings = audit_body(sentence)
    assert len(spans(findings, sentence, "regime")) == 1
    assert len(spans(findings, sentence, "outrageous")) == 1


def test_charged_once() -> None:
    once = "The new timetable has sparked widespread anger among island commuters."
    total = sum(f.points for f in audit_body(once))
    single = sum(
        f.points for f in audit_body("The new timetable has caused widespread anger among commuters.")
    )
    # The merged phrase costs what one loaded phrase costs, not the sum of three findings.
    assert total <= single * 1.2


def test_a_phrase_finding_that_grows_keeps_the_findings_in_order() -> None:
    # "sparked massive" becomes one finding over (0, 15), after a vague source at (0, 30).
    report = copydesk.audit("sparked massive reports border.")
    spans = [(f.span.start, f.span.end) for f in report.findings]
    assert spans == sorted(spans) and (0, 15) in spans


def test_an_anonymity_clause_is_evidence_on_its_vague_source() -> None:
    report = copydesk.audit(
        "Two officials who spoke on condition of anonymity said the ferry would be sold in 2027."
    )
    found = [(f.rule_id, f.excerpt) for f in report.findings if f.dimension.value == "attribution"]
    assert found == [("attribution.vague_source", "Two officials who spoke on condition of anonymity said")]
    (finding,) = [f for f in report.findings if f.rule_id == "attribution.vague_source"]
    assert [a["rule_id"] for a in finding.evidence["also"]] == ["attribution.anonymous"]


def test_an_anonymity_note_on_its_own_stays_a_finding() -> None:
    report = copydesk.audit("Unnamed officials have briefed reporters that the ferry will be sold in 2027.")
    assert "attribution.anonymous" in {f.rule_id for f in report.findings}
