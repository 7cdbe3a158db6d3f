"""Every rule in the default pack carries examples it must flag and must leave alone."""

from __future__ import annotations

import pytest

import copydesk
from copydesk.packs.loader import default_pack_path, load_rules

RULES = load_rules()
IDS = [r.id for r in RULES.rules]


def test_default_pack_ships_and_covers_every_dimension() -> None:
    assert default_pack_path().is_dir()
    assert {r.dimension.value for r in RULES.rules} >= {"loaded_language"}
    assert RULES.name == "copydesk"


def test_loaded_language_pack_has_at_least_500_entries() -> None:
    entries = sum(len(getattr(r, "terms", [])) for r in RULES.rules if r.dimension.value == "loaded_language")
    assert entries >= 500


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_examples(rule_id: str) -> None:
    rule = RULES.by_id[rule_id]
    assert rule.examples.flag and rule.examples.pass_
    for example in rule.examples.flag:
        ids = {f.rule_id for f in copydesk.audit(example, rules=RULES).findings}
        assert rule_id in ids, f"{rule_id} should flag: {example!r} (got {sorted(ids)})"
    for example in rule.examples.pass_:
        hits = [f.excerpt for f in copydesk.audit(example, rules=RULES).findings if f.rule_id == rule_id]
        assert not hits, f"{rule_id} should leave alone: {example!r} (flagged {hits})"
