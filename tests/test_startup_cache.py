"""Start-up shortcuts must never change a result: the rule-set snapshot, the pre-parsed
pack manifest and the lazily searched word tables (see copydesk/speed/)."""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.analysis import readability, terms
from copydesk.analysis.terms.words import zipf_value
from copydesk.engine import Engine
from copydesk.packs import loader
from copydesk.speed import cache as speed_cache
from copydesk.speed import manifest, snapshot
from copydesk.speed.sortedtable import SortedTable

from .conftest import write_pack

PACK = """
rules:
  - id: house.spin
    kind: lexicon
    dimension: loaded_language
    severity: warning
    message: "'{match}' is the outlet's judgement."
    explanation: A verb of attack puts the outlet's judgement into the report.
    terms:
      - term: slammed
        suggestion: criticised
    examples:
      flag: ["The mayor slammed the plan."]
      pass: ["The mayor criticised the plan."]
"""
TEXT = "# Council vote\n\nThe mayor slammed the council on Monday over the budget vote."


def _fresh() -> None:
    """Forget what this process keeps, as a new process would start."""
    speed_cache.clear()


def _nothing_compiled(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, loading a pack or compiling an engine fails the test."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("loaded or compiled instead of read from the snapshot")

    monkeypatch.setattr(speed_cache, "load_pack", refuse)
    monkeypatch.setattr(Engine, "build", refuse)


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(folder))
    monkeypatch.delenv("COPYDESK_NO_CACHE", raising=False)
    _fresh()
    yield folder
    _fresh()


def _audit(pack: Path) -> copydesk.AuditReport:
    rules = copydesk.load_rules([pack], include_default=False)
    return copydesk.audit(TEXT, rules=rules)


def test_snapshot_is_written_then_read_with_identical_reports(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pack = write_pack(tmp_path / "pack", PACK)
    first = _audit(pack)
    files = list(cache.glob("rules-*.pickle"))
    assert len(files) == 1
    assert oct(files[0].stat().st_mode & 0o777) == oct(0o600)

    _fresh()
    _nothing_compiled(monkeypatch)
    second = _audit(pack)
    assert second.model_dump() == first.model_dump()
    assert [f.rule_id for f in second.findings] == ["house.spin"]


def test_default_pack_snapshot_gives_the_same_report(
    cache: Path, reference_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = copydesk.audit(reference_text).model_dump()
    _fresh()
    _nothing_compiled(monkeypatch)
    assert copydesk.audit(reference_text).model_dump() == built


def test_the_snapshot_holds_the_rule_set_its_engines_and_derived_values(
    cache: Path, reference_text: str
) -> None:
    # In a process of its own: this one has long computed the default word lists.
    code = "import sys, copydesk; copydesk.audit(sys.stdin.read())"
    subprocess.run([sys.executable, "-c", code], input=reference_text, text=True, check=True)
    (path,) = cache.glob("rules-*.pickle")
    key = path.name[len(snapshot.PREFIX) : -len(snapshot.SUFFIX)]
    stored = snapshot.load(key)
    assert isinstance(stored, speed_cache.Snapshot)
    rules = copydesk.load_rules()
    assert stored.ruleset == rules and stored.ruleset.fingerprint == rules.fingerprint == key
    assert list(stored.engines) == [copydesk.Config().model_dump_json()]
    assert "attribution.default_lexicon" in stored.derived
    # A rule set is a plain value: what was computed from it is not carried with it.
    assert {f.name for f in dataclasses.fields(rules)} == {"packs", "rules", "fingerprint"}
    assert len(pickle.dumps(rules)) < len(path.read_bytes())


def test_a_copy_of_a_rule_set_finds_its_engine_in_the_snapshot(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A spawned batch worker receives a pickled copy of the caller's rule set.
    pack = write_pack(tmp_path / "pack", PACK)
    expected = _audit(pack).model_dump()
    copy = pickle.loads(pickle.dumps(copydesk.load_rules([pack], include_default=False)))
    _fresh()
    _nothing_compiled(monkeypatch)
    assert copydesk.audit(TEXT, rules=copy).model_dump() == expected


def test_engines_and_derived_values_are_kept_per_rule_set(cache: Path, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", PACK)
    rules = copydesk.load_rules([pack], include_default=False)
    assert copydesk.load_rules([pack], include_default=False) is rules
    strict = copydesk.Config.model_validate({"fail_under": 90})
    assert speed_cache.cached_engine(rules) is speed_cache.cached_engine(rules)
    assert speed_cache.cached_engine(rules, strict) is not speed_cache.cached_engine(rules)
    calls: list[object] = []
    for _ in range(2):
        value = speed_cache.derived(rules, "test.count", lambda r: calls.append(r) or len(r.rules))
    assert value == 1 and calls == [rules]
    in_memory = loader.build_ruleset([loader.load_pack(rules.packs[0].path)])
    assert in_memory.fingerprint is None and in_memory == rules
    assert speed_cache.cached_engine(in_memory) is not speed_cache.cached_engine(rules)
    assert speed_cache.cached_engine(in_memory) is speed_cache.cached_engine(in_memory)


def test_an_edited_pack_is_never_served_from_a_stale_snapshot(cache: Path, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", PACK)
    assert [f.rule_id for f in _audit(pack).findings] == ["house.spin"]
    write_pack(pack, PACK.replace("slammed", "lambasted"))
    _fresh()
    assert _audit(pack).findings == []


def test_a_wheels_pre_parsed_manifest_is_used_only_while_the_file_is_unchanged(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", PACK)
    manifest.write(pack)
    assert (pack / manifest.NAME).is_file()
    plain = loader.load_pack(pack)
    assert loader.load_pack(pack, manifest.parser_for(pack)) == plain
    # A manifest entry with the file's hash is trusted as the file's data ...
    (rules_file,) = [p for p in pack.glob("*.yml") if p.name != "pack.yml"]
    text = (pack / manifest.NAME).read_text(encoding="utf-8")
    (pack / manifest.NAME).write_text(text.replace("slammed", "lambasted"), encoding="utf-8")
    assert loader.load_pack(pack, manifest.parser_for(pack)).rules[0].terms[0].term == "lambasted"
    # ... and an edited file is parsed again.
    rules_file.write_text(PACK.replace("slammed", "blasted"), encoding="utf-8")
    assert loader.load_pack(pack, manifest.parser_for(pack)).rules[0].terms[0].term == "blasted"


def test_snapshot_others_can_write_is_not_read(cache: Path, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", PACK)
    _audit(pack)
    (path,) = cache.glob("rules-*.pickle")
    os.chmod(path, 0o666)
    key = path.name[len(snapshot.PREFIX) : -len(snapshot.SUFFIX)]
    assert snapshot.load(key) is None


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05garbage"])
def test_a_damaged_snapshot_is_a_cache_miss(cache: Path, tmp_path: Path, damage: bytes) -> None:
    pack = write_pack(tmp_path / "pack", PACK)
    expected = _audit(pack).model_dump()
    (path,) = cache.glob("rules-*.pickle")
    path.write_bytes(damage)
    _fresh()
    assert _audit(pack).model_dump() == expected


def test_a_snapshot_under_another_key_is_refused(cache: Path, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", PACK)
    _audit(pack)
    (path,) = cache.glob("rules-*.pickle")
    key = path.name[len(snapshot.PREFIX) : -len(snapshot.SUFFIX)]
    other = "0" * 64
    path.rename(cache / f"{snapshot.PREFIX}{other}{snapshot.SUFFIX}")
    assert snapshot.load(other) is None
    assert snapshot.load(key) is None


def test_no_cache_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(folder))
    monkeypatch.setenv("COPYDESK_NO_CACHE", "1")
    _fresh()
    try:
        pack = write_pack(tmp_path / "pack", PACK)
        assert [f.rule_id for f in _audit(pack).findings] == ["house.spin"]
        assert not folder.exists()
    finally:
        _fresh()


def test_an_unwritable_cache_folder_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(blocker / "cache"))
    _fresh()
    try:
        pack = write_pack(tmp_path / "pack", PACK)
        assert [f.rule_id for f in _audit(pack).findings] == ["house.spin"]
    finally:
        _fresh()


# ------------------------------------------------------------------ sorted word tables

# Table words are letters (the shipped tables hold words of letters only).
_WORDS = st.lists(
    st.text(alphabet=st.characters(whitelist_categories=("L", "N")), min_size=1, max_size=8),
    unique=True,
    max_size=60,
)


@settings(max_examples=200, deadline=None)
@given(words=_WORDS, probes=st.lists(st.text(max_size=8), max_size=20))
def test_binary_search_agrees_with_a_dict(words: list[str], probes: list[str]) -> None:
    entries = {w: i for i, w in enumerate(words)}
    text = "# comment line\n" + "".join(f"{w}\t{entries[w]}\n" for w in sorted(entries))
    searched = SortedTable.from_text(text, int, searches_before_dict=10**9)
    for word in [*words, *probes]:
        assert searched.get(word) == entries.get(word)
    assert searched.as_dict() == entries


def test_tables_switch_to_a_dict_after_many_lookups_without_changing_values() -> None:
    text = "".join(f"w{i:04d}\t{i}\n" for i in range(100))
    table = SortedTable.from_text(text, int, searches_before_dict=5)
    values = [table.get(f"w{i:04d}") for i in range(100)]
    assert values == list(range(100))
    assert table._dict is not None


def test_shipped_tables_give_the_same_values_searched_or_loaded() -> None:
    frequencies = SortedTable("data/wordfreq_en.tsv.gz", zipf_value, searches_before_dict=10**9)
    full = frequencies.as_dict()
    assert len(full) == 100_000
    sample = [*list(full)[::97], "zzzqx", "", "The"]
    for word in sample:
        assert frequencies._search(word) == full.get(word)
    assert terms.zipf("the") == full["the"] == 7.73
    syllables = SortedTable("data/syllables.tsv.gz", int, searches_before_dict=10**9)
    counts = syllables.as_dict()
    assert counts["abalone"] == 4
    for word in list(counts)[::53]:
        assert syllables._search(word) == counts[word]
    assert readability.syllables("abalone") == 4
