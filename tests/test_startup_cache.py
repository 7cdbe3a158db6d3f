"""Start-up shortcuts must never change a result: the rule-set snapshot and the lazily
searched word tables (see copydesk/snapshot.py and copydesk/sortedtable.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import copydesk
from copydesk import engine
from copydesk.analysis import readability, terms
from copydesk.analysis.terms.words import zipf_value
from copydesk.packs import loader
from copydesk.speed import snapshot
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
    loader._cached_ruleset.cache_clear()
    engine._ENGINES.clear()


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


def test_snapshot_is_written_then_read_with_identical_reports(cache: Path, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", PACK)
    first = _audit(pack)
    files = list(cache.glob("rules-*.pickle"))
    assert len(files) == 1
    assert oct(files[0].stat().st_mode & 0o777) == oct(0o600)

    _fresh()
    rules = copydesk.load_rules([pack], include_default=False)
    assert rules.engines, "the second process-equivalent load should come from the snapshot"
    second = copydesk.audit(TEXT, rules=rules)
    assert second.model_dump() == first.model_dump()
    assert [f.rule_id for f in second.findings] == ["house.spin"]


def test_default_pack_snapshot_gives_the_same_report(cache: Path, reference_text: str) -> None:
    built = copydesk.audit(reference_text).model_dump()
    _fresh()
    assert copydesk.load_rules().engines  # served from the snapshot
    assert copydesk.audit(reference_text).model_dump() == built


def test_an_edited_pack_is_never_served_from_a_stale_snapshot(cache: Path, tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "pack", PACK)
    assert [f.rule_id for f in _audit(pack).findings] == ["house.spin"]
    write_pack(pack, PACK.replace("slammed", "lambasted"))
    _fresh()
    assert _audit(pack).findings == []


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
