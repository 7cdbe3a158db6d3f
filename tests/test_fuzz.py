"""Hypothesis-driven fuzzing of parsing and auditing (the short mode CI runs).

The long, coverage-guided mode is fuzz/fuzz_audit.py (atheris). Inputs are built from
the pieces that break parsers: markup, quotes of every kind, abbreviations, numbers,
invisible and look-alike characters, and random Unicode.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copydesk
from copydesk.parse.article import Article

PIECES = [
    "# ", "## ", "**", "__", "*", "`", "```\n", "> ", "- ", "1. ", "| a | b |\n", "---\n",
    '"', "“", "”", "‘", "’", "'", "«", "»", "(", ")", "[", "](", "<!--", "-->", "<b>", "&amp;",
    "Mr.", "U.S.", "a.m.", "2.4", "15,000", "J. K.", "...", "?!", "!", ".", ",", ";", ":",
    " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u00a0", "\u200b", "\u00ad", "\u200d", "\ufeff",
    "\u0301", "\u202e", "е", "а", "ο", "ｒ", "🙂", "regime", "widespread", "sparked", "fears",
    "according to reports", "experts predict", "allegedly", "said", "Read More @ site.com",
    "The", "council", "Russia", "North Korea", "International", "Reactions",
    # The reader's view (issue 19): markup inside words, references, hyphens at a line
    # break, letter spacing, more look-alike scripts; and URLs, names, nesting.
    "</b>", '<span class="x">', "&#115;", "&#x73;", "&shy;", "&lt;", "wide-\n", "w i d e ",
    "w-i-d-e-", "\u0570", "\u0585", "\u13da", "\uabaa", "\u1d05", "\u0131", "\u0142",
    "https://example.com/a?b=c&d=e#f", "Mayor Anna Berg", "Alpha Beta Gamma", "> > > ", "    - ",
]

fuzz_text = st.one_of(
    st.lists(st.sampled_from(PIECES), max_size=120).map("".join),
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=5)), max_size=80).map("".join),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fuzz_text)
def test_parse_and_audit_never_crash(text: str) -> None:
    doc = Article.from_text(text).document
    for para in doc.paragraphs:
        assert 0 <= para.start <= para.end <= len(text)
    for s in doc.sentences:
        assert 0 <= s.start < s.end <= len(text)
    for q in doc.quotes:
        assert 0 <= q.start < q.end <= len(text)
    report = copydesk.audit(text)
    # Text the detector takes for another language is reported, not graded.
    if report.assessed:
        assert report.score is not None and 0 <= report.score <= 100
    else:
        assert report.score is None and report.article.language != "en"
    for f in report.findings:
        assert text[f.span.start : f.span.end] == f.excerpt
