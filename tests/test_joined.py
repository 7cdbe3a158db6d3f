"""kinds/joined.py: the literal prefilter never changes what the joined patterns find."""

from __future__ import annotations

import pickle

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from copydesk import load_rules
from copydesk.kinds.joined import Joined, required_literals


def _plain(patterns: list[str]) -> regex.Pattern[str]:
    return regex.compile("|".join(f"(?:{p})" for p in patterns), regex.V0 | regex.IGNORECASE)


def _spans(matches: list[regex.Match[str]]) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def test_required_literals_of_simple_constructions() -> None:
    assert required_literals(r"\bnot\s+(?:true|genuine)\b") == {"true", "genuine"}
    assert required_literals(r"\b(?:is|was)\s+(?:a\s+)?(?:hoax|prank)\b") == {"hoax", "prank"}
    # An optional word is not required; a repeated one is.
    assert required_literals(r"\bsaid(?:\s+again)?") == {"said"}
    assert required_literals(r"(?:very\s+)+loudly") == {"loudly"}
    # Nothing but classes and repetitions: no literal to look for.
    assert required_literals(r"\w+\s+\d{4}") is None
    assert required_literals(r"(?:ab|)c") is None


def test_lists_that_only_run_whole() -> None:
    # A global flag or a group reference: always the whole alternation. Regex-only
    # braces (fuzzy matching): that pattern has no literal and is always searched.
    assert required_literals("(?:hoax){e<=1}") is None
    lists = (["(?x) no \\s+ proof", "hoax"], [r"(\w+) \1", "hoax"], ["(?f:fi)le", "hoax"],
             ["(?:hoax){e<=1}", "prank"])
    for patterns in lists:
        joined = Joined(patterns)
        assert joined.single == [] or "{e<=1}" in patterns[0]
        text = "It was no proof of a hoax, a hoaxx, a \ufb01le or a prank prank."
        assert _spans(joined.finditer(text, 1.0)) == _spans(list(_plain(patterns).finditer(text)))


def test_a_sentence_without_the_literals_is_not_searched() -> None:
    joined = Joined([r"\bis\s+a\s+hoax\b", r"\bno\s+evidence\b"])
    assert joined.finditer("The ferry left the harbour at noon on Tuesday.", 1.0) == []
    found = joined.finditer("Officials said there was no evidence that the ferry sank.", 1.0)
    assert [m.group() for m in found] == ["no evidence"]


def test_letters_that_fold_to_ascii_still_match() -> None:
    # The Kelvin sign matches "k" and the long s matches "s" when case is ignored.
    patterns = [r"\bjoke\b", r"\bfalse\b"]
    joined = Joined(patterns)
    for text in ("The whole thing was a jo\u212ae.", "That claim is fal\u017fe."):
        assert _spans(joined.finditer(text, 1.0)) == _spans(list(_plain(patterns).finditer(text)))
        assert joined.finditer(text, 1.0)


def test_joined_patterns_pickle_with_their_prefilter() -> None:
    joined = Joined([r"\bdenied\s+reports\b", r"\bnot\s+true\b"])
    copy = pickle.loads(pickle.dumps(joined))
    assert copy.literals == joined.literals
    assert copy.search("She denied reports of a sale.", 1.0) is not None


def _shipped_lists() -> list[list[str]]:
    lists: list[list[str]] = []
    for rule in load_rules().rules:
        for field in ("patterns", "self_patterns", "allegation_patterns", "settled_patterns",
                      "settled_support_patterns"):
            value = getattr(rule, field, None)
            if getattr(rule, "kind", None) == "headline" and value:
                lists.append(value)
        for status in getattr(rule, "statuses", None) or []:
            lists.extend(p for p in (status.headline, status.supports, status.contradicts) if p)
    return lists


_LISTS = _shipped_lists()
# Words of the shipped constructions and ordinary filler, so that generated sentences
# hold whole matches, near misses and pieces of literals inside other words.
_WORDS = (
    "the claim is was not no a an hoax fake false true did didn't never actually denied deny "
    "reports that evidence proof this story whole thing turned out to be alive unrelated "
    "linked could be verified confirmed allegedly according unconfirmed but for because "
    "nope sorry myth satire joke earlier president hidden believe fact check council said "
    "on Monday ferry harbour , . : ? ' DENIED NOT-TRUE jo\u212ae fal\u017fe"
).split()


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(_LISTS), st.lists(st.sampled_from(_WORDS), max_size=18))
def test_prefiltered_matches_are_the_joined_regexs(patterns: list[str], words: list[str]) -> None:
    text = " ".join(words)
    joined = Joined(patterns)
    plain = _plain(patterns)
    assert _spans(joined.finditer(text, 5.0)) == _spans(list(plain.finditer(text)))
    found, expected = joined.search(text, 5.0), plain.search(text)
    assert (found and found.span()) == (expected and expected.span())


_PATTERN_RULES = [rule for rule in load_rules().rules if rule.kind == "pattern"]
_RULE_WORDS = (
    "you won't believe what happened next this is why here are 10 things we I my "
    "sources said according to people familiar with the matter only time will tell "
    "it remains to be seen at the end of the day NYSE: ABC ticker ! ? … Shocking"
).split()


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(_PATTERN_RULES),
    st.lists(st.sampled_from(_RULE_WORDS + _WORDS), max_size=24),
    st.integers(0, 30),
    st.integers(0, 200),
)
def test_pattern_rules_find_what_their_plain_regex_finds(rule, words: list[str], pos: int, span: int) -> None:  # type: ignore[no-untyped-def]
    text = " ".join(words)
    flags = regex.V0 | (regex.IGNORECASE if rule.ignore_case else 0)
    plain = regex.compile("|".join(f"(?:{p})" for p in rule.patterns), flags)
    joined = Joined(rule.patterns, ignore_case=rule.ignore_case)
    end = min(len(text), pos + span)
    assert _spans(joined.finditer(text, 5.0, pos, end)) == _spans(list(plain.finditer(text, pos, end)))
