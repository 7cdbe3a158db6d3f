"""Term statistics: frequencies, stemming, numbers, names, bags and per-article terms."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk.analysis import terms as T
from copydesk.analysis.context import Context
from copydesk.parse.article import Article


def test_frequency_table_loads_quickly_and_ranks_words() -> None:
    t0 = time.perf_counter()
    T.zipf("the")
    assert time.perf_counter() - t0 < 2.0
    assert T.zipf("the") > 7.0
    assert T.zipf("backlash") < T.zipf("said") < T.zipf("the")
    assert T.zipf("qzxvlorptag") == T.UNKNOWN_ZIPF
    assert T.informativeness("backlash") > T.informativeness("government")


def test_weights_favour_rare_content_words() -> None:
    assert T.weight("the") == 0.0
    assert T.weight("said") == 0.0  # a stopword here: reporting verbs say nothing of a topic
    assert T.weight("backlash") > T.weight("deal") > 0.0
    assert T.weight("shoigu") > T.weight("backlash")


def test_stem_meets_inflections_spellings_and_nationalities() -> None:
    pairs = [
        ("labour", "labor"),
        ("workers", "worker"),
        ("condemned", "condemnation"),
        ("condemns", "condemning"),
        ("denied", "denies"),
        ("organised", "organized"),
        ("centre", "center"),
        ("defence", "defense"),
        ("Russian", "Russia"),
        ("Koreans", "Korea"),
        ("internationally", "international"),
        ("stopped", "stopping"),
        ("parties", "party"),
        ("moms", "mother"),
        ("cops", "police"),
        ("decapitated", "beheaded"),
    ]
    for a, b in pairs:
        assert T.stem(a) == T.stem(b), (a, b, T.stem(a), T.stem(b))
    # Words that must stay apart.
    assert T.stem("news") != T.stem("new")
    # A country is not its adjective: "national" news is not news about a nation.
    assert T.stem("nation") != T.stem("national")
    assert T.stem("national") == T.stem("nationals")
    assert T.stem("four") == "four"


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=18))
@settings(max_examples=300, deadline=None)
def test_stem_is_lower_case_and_never_empty(word: str) -> None:
    out = T.stem(word)
    assert out and out == out.lower()
    assert T.stem(word.upper()) == out


def test_numbers_have_values_and_canonical_stems() -> None:
    found = T.numbers_in("They paid $1.2 billion for 35,000 tonnes, up 40% in five years.")
    assert [n.value for n in found] == [1.2e9, 35000, 40, 5]
    assert found[2].percent
    assert T.number_value("2.4 million") == 2.4e6
    assert T.number_value("twenty") == 20
    stems = [t.stem for t in T.terms_of("About 111,800 jobs, $1M, the 2nd round, three bids")]
    assert "111800" in stems and "1000000" in stems and "2" in stems and "3" in stems
    assert T.number_weight("7") < T.number_weight("42") < T.number_weight("2019")
    assert T.number_weight("2019") < T.number_weight("15000")


def test_terms_keep_offsets_and_drop_clitics() -> None:
    text = "Korea's envoy met O'Brien after the cat-calling row."
    found = T.terms_of(text, offset=10)
    words = {t.word: t for t in found}
    korea = words["korea"]
    assert text[korea.start - 10 : korea.end - 10] == "Korea"
    assert korea.capitalized and korea.initial
    assert "obrien" in words
    joined = [t for t in found if t.weight == 0.0]
    assert joined and joined[0].stem == T.stem("catcalling")
    assert all(t.word not in T.STOPWORDS for t in found)


def test_names_in_sentence_case_and_title_case() -> None:
    text = "The deal, signed by Sergei Volkov in Pyongyang, drew criticism from the Bank of England."
    names = [n.text for n in T.names_in(text)]
    assert names == ["Sergei Volkov", "Pyongyang", "Bank of England"]
    title = "Russia Faces International Backlash Over North Korean Labor Deal"
    assert T.is_title_case(title)
    assert [n.text for n in T.names_in(title)] == ["Russia", "North Korean"]


def test_sentence_opening_adverbs_are_not_names() -> None:
    text = "Evidently, the mayor left. Notably absent was Connolly. Connolly, the treasurer, stayed."
    found = [n.text for n in T.names_in(text)]
    # An adverb made from a common word names nothing; a surname ending in -ly still does,
    # at the start of a sentence too.
    assert found == ["Connolly", "Connolly"]


def test_bags_coverage_and_cosine() -> None:
    query = T.bag_of(T.terms_of("Miners strike over pension cuts"))
    same = T.bag_of(T.terms_of("The miners went on strike over cuts to their pensions."))
    other = T.bag_of(T.terms_of("A bakery opened on the high street."))
    assert T.coverage(query, same) == 1.0
    assert T.coverage(query, other) == 0.0
    assert T.cosine(query, same) > 0.5 > T.cosine(query, other)
    assert T.coverage(T.Bag(), same) == 0.0


@given(st.text(max_size=120), st.text(max_size=200))
@settings(max_examples=150, deadline=None)
def test_coverage_and_cosine_stay_in_range(a: str, b: str) -> None:
    qa, qb = T.bag_of(T.terms_of(a)), T.bag_of(T.terms_of(b))
    assert 0.0 <= T.coverage(qa, qb) <= 1.0
    assert 0.0 <= T.cosine(qa, qb) <= 1.0 + 1e-9


def test_article_terms_align_with_the_document() -> None:
    text = (
        "# Dam Plan Approved\n\n"
        "The council approved the dam plan on Monday. It will flood two valleys.\n\n"
        "## Reactions\n\n"
        "Farmers in the valley said they would appeal.\n"
    )
    ctx = Context(Article.from_text(text))
    at = ctx.analysis(T.article_terms)
    doc = ctx.doc
    assert at.headline is not None and "dam" in at.headline.stems
    assert len(at.sentences) == len(doc.sentences)
    assert len(at.paragraphs) == len(doc.paragraphs)
    assert len(at.headings) == len(doc.headings) == 1
    assert T.stem("valleys") in at.body_stems
    assert at.sentence_frequency[T.stem("valley")] == 2
    for bag in at.sentences:
        for t in bag.terms:
            if t.weight > 0 and t.word.isalpha():
                assert text[t.start : t.end].lower() == t.word
    # Computed once per article.
    assert ctx.analysis(T.article_terms) is at
