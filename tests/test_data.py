"""The word lists shipped in copydesk/data: well-formed, and read the way the code expects."""

from __future__ import annotations

from importlib import resources

import pytest

from copydesk import data

TABLES = {
    "stopwords.txt": 1,
    "uk_us_endings.tsv": 2,
    "uk_us_words.tsv": 2,
    "uk_us_not_british.txt": 1,
    "irregular_stems.tsv": 2,
    "demonyms.tsv": 2,
    "stem_keep_derived.txt": 1,
    "synonyms.tsv": 2,
    "place_words.txt": 1,
    "calendar_words.txt": 2,
    "titles.tsv": 2,
    "abbreviations.txt": 1,
    "sentence_starters.txt": 1,
    "english_markers.txt": 1,
}


def test_every_shipped_list_is_known_here() -> None:
    shipped = {
        p.name for p in resources.files("copydesk.data").iterdir() if p.name.endswith((".txt", ".tsv"))
    }
    # embeddings_vocab.txt: the rows of embeddings.npy, read by analysis.embeddings
    # (tests/test_embeddings.py), not a commented table.
    assert shipped == set(TABLES) | {"confusables.tsv", "embeddings_vocab.txt"}


def test_confusables_table_names_each_letter_and_its_latin_twin() -> None:
    import unicodedata

    rows = data.rows("confusables.tsv")
    assert len({row[0] for row in rows}) == len(rows), "a letter is listed twice"
    for char, latin, use, name in rows:
        assert len(char) == 1 and not char.isascii(), char
        assert len(latin) == 1 and latin.isascii() and latin.isalpha(), (char, latin)
        assert use in {"lookalike", "fold"}, (char, use)
        assert unicodedata.name(char) == name, (char, name)
        # Case follows the look-alike: a capital stands for a capital.
        assert char.isupper() == latin.isupper() or not char.isupper(), (char, latin)


@pytest.mark.parametrize(("name", "fields"), sorted(TABLES.items()))
def test_lists_have_a_header_and_lower_case_entries_of_the_right_width(name: str, fields: int) -> None:
    text = resources.files("copydesk.data").joinpath(name).read_text(encoding="utf-8")
    assert text.startswith("# ")
    rows = data.rows(name)
    assert rows
    for row in rows:
        assert len(row) == fields, row
        assert all(field == field.strip().lower() and field for field in row), row
    keys = [row[0] for row in rows]
    assert len(keys) == len(set(keys)), f"{name} lists an entry twice"


def test_titles_are_tagged_with_known_uses() -> None:
    for _, uses in data.rows("titles.tsv"):
        assert set(uses.split(",")) <= {"name", "abbrev"}
    assert "sen" in data.tagged("titles.tsv", "abbrev") & data.tagged("titles.tsv", "name")
    assert "president" in data.tagged("titles.tsv", "name") - data.tagged("titles.tsv", "abbrev")


def test_readers_get_the_tables_in_file_order() -> None:
    endings = data.rows("uk_us_endings.tsv")
    # The first matching ending wins, so the longer "isations" must come before "ise".
    assert endings.index(("isations", "izations")) < endings.index(("ise", "ize"))
    assert data.mapping("demonyms.tsv")["russian"] == "russia"
