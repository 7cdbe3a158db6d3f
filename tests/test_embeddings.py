"""Static word vectors (analysis/embeddings.py) and the meaning signal of the topic analysis."""

from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources
from pathlib import Path

import numpy as np

from copydesk import Article
from copydesk.analysis import embeddings
from copydesk.analysis.context import Context
from copydesk.analysis.topic import topic

SRC = str(Path(__file__).resolve().parents[1] / "src")

# A story about a hospital strike, told without repeating itself much.
STRIKE = [
    "Nurses at the county hospital walked out on Monday after talks over pay collapsed, "
    "leaving wards short of staff for the first time in a decade.",
    "Managers brought in agency staff to keep the emergency department open, but "
    "planned operations were postponed and some patients were sent to other clinics.",
    "The nurses' union says its members have lost a fifth of their earnings to "
    "inflation since 2020 and want a raise of twelve per cent.",
    "Health officials said the offer on the table was the most they could afford "
    "without cutting services, and urged both sides to return to talks.",
]
# Another topic in other words: no name, and hardly a word that the strike story uses.
ASTRONOMY = (
    "Astronomers using a large telescope have spotted a distant galaxy whose light left "
    "it billions of years ago, and they believe its stars formed far sooner after the "
    "birth of the universe than theory predicts."
)
# The strike again, in words the rest of the article never uses.
PARAPHRASE = (
    "Picket lines formed outside the building as caregivers held banners demanding "
    "fairer wages, while a stream of ambulances arrived at the gates."
)


def _fits(paragraphs: list[str]):  # type: ignore[no-untyped-def]
    ctx = Context(Article(body="\n\n".join(paragraphs)))
    result = ctx.analysis(topic)
    result.read_meaning()
    return result.paragraphs


def test_table_is_small_and_well_formed() -> None:
    folder = resources.files("copydesk") / "data"
    with resources.as_file(folder / "embeddings.npy") as path:
        assert path.stat().st_size < 20_000_000
        matrix = np.load(path, mmap_mode="r")
    vocab = (folder / "embeddings_vocab.txt").read_text(encoding="utf-8").split()
    assert matrix.dtype == np.int8 and matrix.shape[0] == len(vocab) == len(set(vocab))
    assert 32 <= matrix.shape[1] <= 256


def test_vectors_load_deterministically() -> None:
    words = ["police", "football", "hospital", "zzzqqq", "election"]
    first = embeddings.vectors_for(words)
    second = embeddings.vectors_for(words)
    assert first is not None and second is not None
    assert first[0] == second[0] == [0, 1, 2, 4]  # the made-up word is unknown
    assert np.array_equal(first[1], second[1])
    assert np.allclose(np.linalg.norm(first[1], axis=1), 1.0, atol=1e-5)
    # A fresh process reads the same numbers.
    code = (
        "from copydesk.analysis import embeddings as e; "
        "print(e.vectors_for(['police'])[1][0].round(6).tolist())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"PYTHONPATH": SRC, "PATH": ""},
    ).stdout
    assert np.allclose(json.loads(out), first[1][0], atol=1e-6)


def test_related_words_are_closer_than_unrelated_ones() -> None:
    got = embeddings.vectors_for(["nurse", "hospital", "galaxy"])
    assert got is not None
    nurse, hospital, galaxy = got[1]
    assert float(nurse @ hospital) > float(nurse @ galaxy) + 0.1


def test_importing_copydesk_does_not_load_the_vectors() -> None:
    code = (
        "import sys, copydesk; "
        "m = sys.modules.get('copydesk.analysis.embeddings'); "
        "print(m is None or not m.loaded())"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True,
        env={"PYTHONPATH": SRC, "PATH": ""},
    ).stdout.split()
    assert out[0] == "True"


def test_topic_reads_meaning_only_on_demand() -> None:
    ctx = Context(Article(body="\n\n".join(STRIKE)))
    result = ctx.analysis(topic)
    assert all(f.cosine is None for f in result.paragraphs)
    result.read_meaning()
    assert all(f.cosine is not None for f in result.paragraphs)


def test_another_topic_in_other_words_falls_below_the_rest() -> None:
    fits = _fits([*STRIKE[:2], ASTRONOMY, *STRIKE[2:]])
    inserted = fits[2]
    assert inserted.semantic is not None and inserted.semantic > 0.25
    assert inserted.cosine == min(f.cosine for f in fits if f.cosine is not None)


def test_a_paraphrase_with_no_shared_words_is_not_an_outlier() -> None:
    fits = _fits([*STRIKE[:2], PARAPHRASE, *STRIKE[2:]])
    para = fits[2]
    assert para.similarity < 0.2  # lexically it looks like a stranger ...
    assert para.semantic is not None and para.semantic < 0.15  # ... but it means the same


def test_the_meaning_rule_flags_the_stray_paragraph_and_not_the_paraphrase() -> None:
    # The meaning signal tells the intruder from the paraphrase, with the default pack
    # and at a pack's more sensitive bar alike.
    from copydesk import audit
    from copydesk.api import load_rules
    from copydesk.packs.loader import RuleSet

    default = load_rules()
    rule = default.by_id["focus.off_topic.paragraph_meaning"]
    sensitive = rule.model_copy(update={"min_evidence": 3.1})
    rules = RuleSet(default.packs, tuple(sensitive if r is rule else r for r in default.rules))

    def off_topic(paragraphs: list[str], rules: RuleSet) -> list[str]:
        report = audit("\n\n".join(paragraphs), rules=rules)
        return [f.excerpt for f in report.findings if f.rule_id.startswith("focus.off_topic")]

    assert any("Astronomers" in e for e in off_topic([*STRIKE[:2], ASTRONOMY, *STRIKE[2:]], rules))
    assert off_topic([*STRIKE[:2], PARAPHRASE, *STRIKE[2:]], rules) == []
    assert off_topic([*STRIKE[:2], PARAPHRASE, *STRIKE[2:]], default) == []
    assert any("Astronomers" in e for e in off_topic([*STRIKE[:2], ASTRONOMY, *STRIKE[2:]], default))


def test_paragraphs_the_vectors_do_not_know_get_no_cosine() -> None:
    odd = ["Zqxv blorft wuzzle krinth.", "Plimbo grax voolish tarnt.", "Snerk quibbix dralm.",
           "Fozzle trumb wexit glarn."]
    fits = _fits(odd)
    assert all(f.cosine is None and f.semantic is None for f in fits)
    fits = _fits([*STRIKE[:3], "Zqxv blorft wuzzle krinth plimbo grax."])
    assert fits[-1].cosine is None and all(f.cosine is not None for f in fits[:3])
    assert _fits(["One short paragraph about nurses."])[0].cosine is None
