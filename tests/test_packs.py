"""Every rule in the default pack carries examples it must flag and must leave alone.

The examples run through the pack self-test (``copydesk rules --test``), the same code a
pack author runs, so the test and the tool cannot drift apart.
"""

from __future__ import annotations

import pytest

from copydesk.api import load_rules
from copydesk.dimensions import Dimension
from copydesk.packs.loader import default_pack_path
from copydesk.packs.selftest import check_rule, check_suggestions

RULES = load_rules()
IDS = [r.id for r in RULES.rules]


def test_default_pack_ships_and_covers_every_dimension() -> None:
    assert default_pack_path().is_dir()
    assert {r.dimension for r in RULES.rules} == set(Dimension)
    assert RULES.name == "copydesk"


def test_loaded_language_pack_has_at_least_500_entries() -> None:
    entries = sum(len(getattr(r, "terms", [])) for r in RULES.rules if r.dimension.value == "loaded_language")
    assert entries >= 500


@pytest.mark.parametrize("rule_id", IDS)
def test_rule_examples(rule_id: str) -> None:
    rule = RULES.by_id[rule_id]
    assert rule.examples.flag and rule.examples.pass_, f"{rule_id} needs flag and pass examples"
    failures = check_rule(rule, RULES)
    assert not failures, "\n".join(str(f) for f in failures)


def test_no_suggested_wording_is_flagged_by_the_pack_itself() -> None:
    failures = check_suggestions(RULES)
    assert not failures, "\n".join(str(f) for f in failures)
