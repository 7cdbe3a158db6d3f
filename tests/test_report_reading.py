"""What a reader of the report is told: how the overall score is made, what 1:16 and
-31.6 mean in the text output, where to start, and each rule explained once in the page."""

from __future__ import annotations

import re

import copydesk
from copydesk.report.figures import score_explained
from copydesk.report.render import render


def test_score_explained_shows_the_mean(reference_text: str) -> None:
    report = copydesk.audit(reference_text)
    how = score_explained(report)
    assert how is not None
    scores = [d.score for d in report.dimensions.values() if d.score is not None]
    assert f"mean of the {len(scores)} dimension scores" in how
    terms = re.search(r"\(([^)]*)\) / \d+ = (\d+(?:\.\d)?)", how)
    assert terms is not None
    values = [float(x) for x in terms.group(1).split(" + ")]
    assert abs(sum(values) / len(values) - report.score) < 0.1
    assert abs(float(terms.group(2)) - report.score) < 0.05
    assert "Grades: A 90 or more" in how


def test_score_explained_with_weights_and_when_not_assessed(reference_text: str) -> None:
    from copydesk.config.model import Config

    config = Config.model_validate({"dimensions": {"headline": {"weight": 3.0}}})
    weighted = copydesk.audit(reference_text, config=config)
    assert "weighted mean" in (score_explained(weighted) or "")
    foreign = copydesk.audit("Der Gemeinderat hat am Montag beschlossen, die Buslinien zu kürzen. " * 5)
    if foreign.score is None:
        assert score_explained(foreign) is None


def test_text_output_names_its_columns_and_where_to_start(reference_text: str) -> None:
    report = copydesk.audit(reference_text)
    out = render(report, "text")
    assert "line:column, severity, rule, points taken off its dimension's score" in out
    assert "The overall score is the mean" in out
    assert "Fix these first (the most points):" in out
    top = max(report.findings, key=lambda f: f.points)
    first_line = out.split("Fix these first (the most points):\n", 1)[1].splitlines()[0]
    assert f"line {top.line}, column {top.column}: {top.rule_id} -{top.points:.1f} points" in first_line
    assert re.search(r"^\d+:\d+ \w+ \S+ -\d+\.\d points", out, re.M)


def test_html_explains_each_rule_once_in_the_list(reference_text: str) -> None:
    report = copydesk.audit(reference_text)
    page = render(report, "html")
    rules = {f.rule_id for f in report.findings}
    shown = page.count('<p class="why"><span class="lbl">')
    hidden = page.count('<p class="why rep"><span class="lbl">')
    assert shown == len(rules)
    assert shown + hidden == len(report.findings)  # every explanation is there for the panel
    assert page.count('class="why-ref"') == hidden
    assert '<p class="how-score">The overall score is' in page


def test_markdown_answer_key_reads_as_plain_text(reference_text: str) -> None:
    from markdown_it import MarkdownIt

    from copydesk.report.worksheet import answer_key_markdown

    from .report_helpers import HOSTILE

    key = answer_key_markdown(copydesk.audit(reference_text), "loaded")
    assert "\\." not in key and "\\:" not in key and "\\(" not in key
    hostile = MarkdownIt("commonmark").render(answer_key_markdown(copydesk.audit(HOSTILE), "loaded"))
    assert "<a " not in hostile and "<img" not in hostile and "<script" not in hostile


def test_the_figures_are_said_in_words_not_internal_names() -> None:
    article = copydesk.Article(
        headline="Council approves harbour ferry timetable",
        body=(
            "The council approved the new harbour ferry timetable on Monday, the mayor said.\n\n"
            "The ferry will run every 20 minutes from the harbour from April, the operator said."
        ),
    )
    page = render(copydesk.audit(article), "html")
    section = page[page.index("How copydesk read this article") :]
    section = section[: section.index("</details>")]
    text = re.sub(r"<[^>]+>", " ", section)
    assert "What the article is about, by its most telling words:" in text
    assert "of what the headline says" in text
    # None of the model's field names leaks into the reader's page.
    for internal in ("Typical similarity", "Topic words", "Start", "Named share", "Body peak tone"):
        assert internal not in text


def test_figures_a_custom_check_adds_are_still_shown() -> None:
    from copydesk.report.figures import in_words

    words, rest = in_words("focus", {"topic_words": ["ferry"], "my_figure": 3})
    assert words and rest == {"my_figure": 3}
    assert in_words("clarity", {"x": 1}) == ([], {"x": 1})
