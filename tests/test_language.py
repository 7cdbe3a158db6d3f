"""An article in a language the packs are not for is reported as not assessed, not graded."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import copydesk
from copydesk import Article, Config
from copydesk.analysis.language import detect
from tests.test_cli_batch import run

# Loaded words in Spanish ("brutal", "escandaloso", "régimen"): English rules find next to
# nothing here, so before detection this scored as clean copy.
SPANISH = Article(
    headline="El régimen aprueba un escandaloso recorte de las pensiones",
    body=(
        "El régimen aprobó el martes un recorte brutal de las pensiones que desató una ola de "
        "indignación en todo el país. Según fuentes cercanas al gobierno, la medida afectará a "
        "millones de jubilados, aunque nadie ha explicado todavía cómo se aplicará.\n\n"
        "Los expertos advierten de que el plan es un ataque sin precedentes contra los más "
        "vulnerables y que sus consecuencias serán devastadoras para las familias."
    ),
)
GERMAN = (
    "# Stadtrat beschließt neue Buslinien\n\n"
    "Der Stadtrat hat am Dienstag beschlossen, im nächsten Jahr drei neue Buslinien einzurichten. "
    "Die Verkehrsbetriebe rechnen mit zusätzlichen Kosten von vier Millionen Euro pro Jahr."
)
ENGLISH = Article(
    headline="Council approves three new bus routes",
    body=(
        "The city council voted on Tuesday to add three bus routes next year, the transport "
        "department said. The routes will cost 4 million euros a year, according to the "
        "council's budget report."
    ),
)


def test_spanish_article_is_not_assessed() -> None:
    report = copydesk.audit(SPANISH)
    assert report.assessed is False
    assert report.score is None and report.grade == "n/a"
    assert report.article.language == "es"
    assert report.findings == []
    assert all(not d.assessed and d.score is None for d in report.dimensions.values())
    assert report.warnings and "Spanish" in report.warnings[0] and "not assessed" in report.warnings[0]
    # The figures an editor can still use are measured.
    assert report.metrics.readability.words > 40


def test_english_article_is_assessed_and_plain_text_too() -> None:
    report = copydesk.audit(ENGLISH)
    assert report.assessed is True and report.score is not None
    assert report.article.language == "en"
    assert copydesk.audit(GERMAN).article.language == "de"


def test_an_english_article_quoting_another_language_stays_english() -> None:
    article = Article(
        headline="Mayor greets visitors from Lyon",
        body=(
            "The mayor opened the festival on Saturday with a few words in French: "
            "\u201cBienvenue à tous nos amis de Lyon, nous sommes ravis de vous accueillir.\u201d "
            "The twin-town partnership began in 1987 and has brought more than 2,000 students "
            "to the city, the council said."
        ),
    )
    assert copydesk.audit(article).assessed is True


def test_short_text_is_not_guessed() -> None:
    assert detect("Adiós, amigos").method == "too short"
    assert copydesk.audit("Adiós, amigos").assessed is True


def test_config_languages_empty_assesses_everything() -> None:
    report = copydesk.audit(SPANISH, config=Config(languages=()))
    assert report.assessed is True and report.score is not None
    assert copydesk.audit(SPANISH, config=Config(languages=("en", "es"))).assessed is True


def test_config_refuses_a_code_that_is_not_one() -> None:
    with pytest.raises(ValueError, match="ISO 639-1"):
        Config(languages=("English",))


@pytest.mark.parametrize("fmt", ["text", "md", "html", "sarif", "json"])
def test_every_format_says_not_assessed(fmt: str) -> None:
    from copydesk.report.render import render

    out = render(copydesk.audit(SPANISH), fmt)
    assert ("not assessed" in out.lower()) or ('"assessed": false' in out)
    assert "None" not in out.replace('"None"', "")


def test_cli_batch_counts_it_apart(tmp_path: Path) -> None:
    rows = [
        {"id": "es-1", "headline": SPANISH.headline, "body": SPANISH.body},
        {"id": "en-1", "headline": ENGLISH.headline, "body": ENGLISH.body},
    ]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = run(tmp_path, "audit", "in.jsonl", "-f", "csv", "--fail-under", "50")
    assert result.returncode == 0, result.stderr
    assert "1 not assessed" in result.stderr and "es-1" in result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    by_id = {r["id"]: r for r in table}
    assert by_id["es-1"]["score"] == "" and by_id["es-1"]["grade"] == "n/a"
    assert float(by_id["en-1"]["score"]) > 50


def test_the_detector_model_is_cached_decompressed_and_gives_the_same_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from copydesk.speed import langid

    monkeypatch.setenv("COPYDESK_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("COPYDESK_NO_CACHE", raising=False)
    text = SPANISH.body
    first = langid.identifier()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("langid-")]
    second = langid.identifier()  # from the mapped tables
    assert first.classify(text) == second.classify(text)
    assert second.classify(text)[0] == "es"
