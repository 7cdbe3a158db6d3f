"""The check-kind template in docs/templates/ is a working kind: registered, loaded, run.

docs/architecture.md tells a newcomer to copy it; if the interfaces it uses change,
this test fails before the recipe misleads anyone.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import copydesk
from copydesk.api import load_rules
from copydesk.kinds import registry
from copydesk.packs.loader import PackError, load_pack
from copydesk.packs.selftest import run_examples

from .conftest import write_pack

TEMPLATE = Path(__file__).resolve().parents[1] / "docs" / "templates" / "long_sentence.py"

PACK = """\
rules:
  - id: house.long_sentence
    kind: long_sentence
    max_words: 12
    dimension: focus
    severity: info
    message: "A sentence of {words} words is hard to follow."
    explanation: Readers lose the thread of a sentence that runs on; split it.
    examples:
      flag:
        - The council said on Monday that the new bus timetable, which starts
          in May, would cut three routes and add two.
      pass: ["The council cut three bus routes."]
"""


@pytest.fixture()
def template_kind() -> Iterator[None]:
    registry.kinds()  # the built-in kinds first, as in a real process
    spec = importlib.util.spec_from_file_location("long_sentence_template", TEMPLATE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic resolves the model's annotations there
    spec.loader.exec_module(module)
    try:
        yield
    finally:
        registry._KINDS.pop(("long_sentence", None))
        del sys.modules[spec.name]


def test_template_kind_registers_loads_and_flags(template_kind: None, tmp_path: Path) -> None:
    (tmp_path / "pack.yml").write_text("name: house\nversion: '1'\n", encoding="utf-8")
    write_pack(tmp_path, PACK)
    rules = load_rules([tmp_path], include_default=False)
    assert [r.kind for r in rules.rules] == ["long_sentence"]
    assert run_examples(rules).ok

    long = (
        "The mayor said on Tuesday that the plan, which was drawn up last year, "
        "would be put to a vote in June."
    )
    text = f"# Vote on the plan\n\n{long} The council agreed.\n"
    report = copydesk.audit(text, rules=rules)
    [finding] = report.findings
    assert finding.rule_id == "house.long_sentence"
    assert text[finding.span.start : finding.span.end] == long
    assert finding.message == "A sentence of 22 words is hard to follow."


def test_template_model_checks_its_own_fields(template_kind: None, tmp_path: Path) -> None:
    (tmp_path / "pack.yml").write_text("name: house\nversion: '1'\n", encoding="utf-8")
    write_pack(tmp_path, PACK.replace("max_words: 12", "max_words: 2"))
    with pytest.raises(PackError, match="max_words"):
        load_pack(tmp_path)
