from __future__ import annotations

from pathlib import Path

import pytest

import copydesk
from copydesk.api import load_rules
from copydesk.kinds.lexicon import inflections
from copydesk.packs.loader import PackError, load_pack

from .conftest import write_pack

BASIC = Path(__file__).parent / "packs" / "basic"


@pytest.fixture(scope="module")
def basic() -> copydesk.RuleSet:
    return load_rules([BASIC], include_default=False)


def found(text: str, rules: copydesk.RuleSet) -> list[tuple[str, str, bool]]:
    report = copydesk.audit(text, rules=rules)
    return [(f.rule_id, f.excerpt, f.in_quote) for f in report.findings]


def test_phrase_beats_word_and_spans_are_exact(basic: copydesk.RuleSet) -> None:
    text = "The move marks a significant escalation, with far-reaching effects."
    report = copydesk.audit(text, rules=basic)
    excerpts = [f.excerpt for f in report.findings]
    assert excerpts == ["significant escalation", "far-reaching"]
    for f in report.findings:
        assert text[f.span.start : f.span.end] == f.excerpt


def test_context_exceptions(basic: copydesk.RuleSet) -> None:
    assert found("The tax regime changed and the result was statistically significant.", basic) == []
    assert [e for _, e, _ in found("The regime jailed critics.", basic)] == ["regime"]
    assert found("Heavy rain made the river flood the valley.", basic) == []
    assert [e for _, e, _ in found("Critics say migrants flood the towns.", basic)] == ["flood"]


def test_inflections(basic: copydesk.RuleSet) -> None:
    hits = [e for _, e, _ in found("He slammed the plan; she slams it too.", basic)]
    assert hits == ["slammed", "slams"]
    assert {"slams", "slammed", "slamming"} <= inflections("slam")
    assert {"worries", "worried"} <= inflections("worry")


def test_quoted_words_cost_nothing(basic: copydesk.RuleSet) -> None:
    text = 'The minister said the plan was "a widespread failure of judgement" on Monday.'
    report = copydesk.audit(text, rules=basic)
    assert [(f.excerpt, f.in_quote, f.points) for f in report.findings] == [("widespread", True, 0.0)]
    assert report.dimensions["loaded_language"].score == 100.0


def test_pattern_rule(basic: copydesk.RuleSet) -> None:
    assert found("It was reported that the deal collapsed.", basic) == [
        ("test.passive", "It was reported", False)
    ]


def test_unassessed_dimensions_are_not_perfect(basic: copydesk.RuleSet) -> None:
    report = copydesk.audit("A quiet day in the council.", rules=basic)
    assert report.dimensions["headline"].assessed is False
    assert report.dimensions["headline"].score is None
    assert report.dimensions["loaded_language"].score == 100.0


def test_evasion_lookalikes_zero_width_soft_hyphen(basic: copydesk.RuleSet) -> None:
    text = "The r\u0435gi\u200bme used w\u0456de\u00adspread force."
    report = copydesk.audit(text, rules=basic)
    assert [f.excerpt for f in report.findings] == ["r\u0435gi\u200bme", "w\u0456de\u00adspread"]


def test_loader_rejects_unknown_field(tmp_path: Path) -> None:
    bad = (BASIC / "rules.yml").read_text().replace("    category: intensifier\n", "    sugestion: x\n")
    write_pack(tmp_path, bad)
    with pytest.raises(PackError) as err:
        load_pack(tmp_path)
    msg = str(err.value)
    assert "rules.yml" in msg and "test.intensifier" in msg and "sugestion" in msg


def test_loader_requires_examples(tmp_path: Path) -> None:
    text = (BASIC / "rules.yml").read_text()
    write_pack(tmp_path, text.replace('      pass: ["The plan drew anger from 30 groups."]\n', ""))
    with pytest.raises(PackError, match=r"test.intensifier.*examples.pass"):
        load_pack(tmp_path)


def test_loader_rejects_aliases_and_objects(tmp_path: Path) -> None:
    write_pack(tmp_path, "a: &x [1, 2]\nrules: *x\n")
    with pytest.raises(PackError, match="aliases"):
        load_pack(tmp_path)
    write_pack(tmp_path, "rules: !!python/object/apply:os.system ['echo hi']\n")
    with pytest.raises(PackError, match="invalid YAML"):
        load_pack(tmp_path)


def test_loader_unknown_kind_and_bare_boolean(tmp_path: Path) -> None:
    text = (BASIC / "rules.yml").read_text()
    write_pack(tmp_path, text.replace("kind: pattern", "kind: telepathy"))
    with pytest.raises(PackError, match=r"test.passive.*kind.*telepathy"):
        load_pack(tmp_path)
    write_pack(
        tmp_path, text.replace("      - widespread\n", "      - term: widespread\n        forms: [no]\n")
    )
    with pytest.raises(PackError, match="quotes"):
        load_pack(tmp_path)


def test_catastrophic_pattern_rejected(tmp_path: Path) -> None:
    text = (BASIC / "rules.yml").read_text()
    write_pack(tmp_path, text.replace(r"'\bit (?:is|was) (?:reported|understood|believed)\b'", "'(a+)+$'"))
    with pytest.raises(PackError, match="nests quantifiers"):
        load_pack(tmp_path)


def test_duplicate_rule_ids(tmp_path: Path) -> None:
    write_pack(tmp_path / "a", (BASIC / "rules.yml").read_text())
    with pytest.raises(PackError, match="duplicate id"):
        load_rules([BASIC, tmp_path / "a"], include_default=False)


def test_config_disable_and_override(basic: copydesk.RuleSet) -> None:
    from copydesk.config.model import Config, RulesConfig

    text = "The regime said it was reported that nothing happened."
    off = Config(rules=RulesConfig(disable=("test.*",), enable=("test.passive",)))
    assert [f.rule_id for f in copydesk.audit(text, rules=basic, config=off).findings] == ["test.passive"]
    loud = Config(rules=RulesConfig(severity={"test.intensifier": "error"}))
    report = copydesk.audit(text, rules=basic, config=loud)
    assert {f.rule_id: f.severity.value for f in report.findings}["test.intensifier"] == "error"


def test_message_format_cannot_reach_attributes(tmp_path: Path) -> None:
    text = (BASIC / "rules.yml").read_text().replace("“{match}” inflates", "{match.__class__} inflates")
    write_pack(tmp_path, text)
    rules = load_rules([tmp_path], include_default=False)
    report = copydesk.audit("A widespread problem.", rules=rules)
    assert report.findings[0].message.startswith("{match.__class__}")


def test_later_pack_wins_a_tie_on_the_same_words(tmp_path: Path) -> None:
    house = (BASIC / "rules.yml").read_text().replace("id: test.", "id: house.")
    write_pack(tmp_path / "house", house)
    rules = load_rules([BASIC, tmp_path / "house"], include_default=False)
    ids = {f.rule_id for f in copydesk.audit("The regime drew widespread anger.", rules=rules).findings}
    assert "house.intensifier" in ids and "test.intensifier" not in ids
