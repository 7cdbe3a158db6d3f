"""Readability (textstat's formulas, see readability.py) and tone (VADER), measured for every article.

Measuring is separate from judging: these are figures; a rule turns a figure into a
finding. Tone is scored sentence by sentence, because one VADER call over a whole
article is slow and drowns a loaded headline in a long body.
"""

from __future__ import annotations

import string
from functools import lru_cache
from statistics import fmean
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

_PUNCTUATION = string.punctuation  # what VADER strips from a word's ends


# Why copydesk overrides VADER's internals instead of calling SentimentIntensityAnalyzer
# as shipped (measured 2026-12-02, issue 14): the scores are the same (the 877-article
# digest is byte-identical with stock VADER; test_fast_paths compares the two on
# generated text), and scoring the 8,057 distinct fnc1-dev body sentences takes
# ~18-28 us a sentence instead of ~40-72 us, about half. That is ~0.4-0.6 ms of a
# ~15 ms first-pass audit (2.5-4%): kept, since the audit must not get slower and the
# version is pinned. Most of it is the two checks below that lower-case the whole
# sentence on every call; the word loop gives a further ~5 us a sentence.
@lru_cache(maxsize=1)
def _vader() -> Any:
    from vaderSentiment import vaderSentiment as vs

    class FastSentiText(vs.SentiText):  # type: ignore[misc]
        def _words_and_emoticons(self) -> list[str]:
            # VADER's, with its per-word helper inlined: a token loses its ASCII
            # punctuation unless that leaves two characters or fewer (an emoticon).
            return [w if len(s := w.strip(_PUNCTUATION)) <= 2 else s for w in self.text.split()]

    class FastAnalyzer(vs.SentimentIntensityAnalyzer):  # type: ignore[misc]
        """VADER 3.3.2 (pinned) with shortcuts that leave every score unchanged.

        ``polarity_scores`` first rebuilds the text character by character to replace
        emojis; a sentence without any emoji comes out of that loop as itself, stripped.
        Its word loop then calls ``sentiment_valence`` for every word, which appends 0
        at once for a word outside the lexicon, as most words are; and its "but" check
        lower-cases the sentence again. Those were most of the cost of scoring a
        sentence; the rest is VADER's own code, called as is.
        """

        def __init__(self) -> None:
            super().__init__()
            self._emoji_chars = frozenset(self.emojis)

        def may_score(self, text: str) -> bool:
            """False when VADER would score ``text`` 0: no emoji and no lexicon word.

            VADER's words are the whitespace-split tokens, each stripped of ASCII
            punctuation unless that leaves two characters or fewer; testing both forms
            of every token is a superset of them. A word outside the lexicon scores 0
            whatever surrounds it, and a sum of 0 gives a compound of 0. About a third
            of news sentences have no lexicon word.
            """
            if not self._emoji_chars.isdisjoint(text):
                return True
            words = text.lower().split()
            lexicon = self.lexicon.keys()
            return not (
                lexicon.isdisjoint(words)
                and lexicon.isdisjoint([w.strip(_PUNCTUATION) for w in words])
            )

        def polarity_scores(self, text: str) -> dict[str, float]:
            if not self._emoji_chars.isdisjoint(text):
                return super().polarity_scores(text)  # type: ignore[no-any-return]
            text = text.strip()
            sentitext = FastSentiText(text)
            words = sentitext.words_and_emoticons
            lows = [w.lower() for w in words]
            lexicon, boosters = self.lexicon, vs.BOOSTER_DICT
            last = len(words) - 1
            sentiments: list[float] = []
            for i, low in enumerate(lows):
                if (
                    low not in lexicon
                    or low in boosters
                    or (i < last and low == "kind" and lows[i + 1] == "of")
                ):
                    sentiments.append(0)
                else:
                    sentiments = self.sentiment_valence(0, sentitext, words[i], i, sentiments)
            if "but" in lows:  # _but_check changes nothing without one
                sentiments = self._but_check(words, sentiments)
            return self.score_valence(sentiments, text)  # type: ignore[no-any-return]

        @staticmethod
        def _special_idioms_check(valence: float, words: list[str], i: int) -> float:
            # VADER's own check, lower-casing only the six words it reads: VADER lower-
            # cases the whole sentence on every call (once per sentiment word).
            def low(k: int) -> str:
                return str(words[k]).lower()

            w3, w2, w1, w0 = low(i - 3), low(i - 2), low(i - 1), low(i)
            twoone, threetwoone, threetwo = f"{w2} {w1}", f"{w3} {w2} {w1}", f"{w3} {w2}"
            special, boosters = vs.SPECIAL_CASES, vs.BOOSTER_DICT
            for seq in (f"{w1} {w0}", f"{w2} {w1} {w0}", twoone, threetwoone, threetwo):
                if seq in special:
                    valence = special[seq]
                    break
            if len(words) - 1 > i:
                zeroone = f"{w0} {low(i + 1)}"
                if zeroone in special:
                    valence = special[zeroone]
            if len(words) - 1 > i + 1:
                zeroonetwo = f"{w0} {low(i + 1)} {low(i + 2)}"
                if zeroonetwo in special:
                    valence = special[zeroonetwo]
            for n_gram in (threetwoone, threetwo, twoone):
                if n_gram in boosters:
                    valence = valence + boosters[n_gram]
            return valence

        @staticmethod
        def _negation_check(valence: float, words: list[str], start_i: int, i: int) -> float:
            # VADER's own check, lower-casing only the three words it reads instead of
            # the whole sentence (it runs up to three times per sentiment word).
            def low(k: int) -> str:
                return str(words[k]).lower()

            def negated(word: str) -> bool:
                # vs.negated([word]) for a lower-cased word: VADER scans its whole
                # NEGATE list on every call.
                return word in negate or "n't" in word

            if start_i == 0 and negated(low(i - (start_i + 1))):
                valence = valence * vs.N_SCALAR
            if start_i == 1:
                if low(i - 2) == "never" and (low(i - 1) == "so" or low(i - 1) == "this"):
                    valence = valence * 1.25
                elif low(i - 2) == "without" and low(i - 1) == "doubt":
                    valence = valence
                elif negated(low(i - (start_i + 1))):
                    valence = valence * vs.N_SCALAR
            if start_i == 2:
                if (
                    (low(i - 3) == "never" and (low(i - 2) == "so" or low(i - 2) == "this"))
                    or (low(i - 1) == "so" or low(i - 1) == "this")
                ):
                    valence = valence * 1.25
                elif low(i - 3) == "without" and (low(i - 2) == "doubt" or low(i - 1) == "doubt"):
                    valence = valence
                elif negated(low(i - (start_i + 1))):
                    valence = valence * vs.N_SCALAR
            return valence

    negate = frozenset(vs.NEGATE)
    return FastAnalyzer()


@lru_cache(maxsize=8192)
def compound(text: str) -> float:
    analyzer = _vader()
    if not analyzer.may_score(text):
        return 0.0
    return float(analyzer.polarity_scores(text)["compound"])


def sentence_tone(ctx: Context) -> list[float]:
    """VADER compound of each body sentence (boilerplate excluded), in order."""
    return [compound(ctx.text[s:e]) for s, e in ctx.body_sentences()]


def headline_tone(ctx: Context) -> float | None:
    if ctx.doc.headline is None:
        return None
    return compound(ctx.doc.slice(ctx.doc.headline))


def readability(ctx: Context) -> dict[str, Any]:
    from copydesk.analysis.readability import count_syllables, flesch_kincaid_grade, flesch_reading_ease

    sentences = ctx.body_sentences()
    words = ctx.body_word_count
    if not sentences or words == 0:
        return {
            "flesch_reading_ease": None,
            "flesch_kincaid_grade": None,
            "words": words,
            "sentences": len(sentences),
        }
    syllable_count = sum(count_syllables(ctx.text[s:e]) for s, e in sentences)
    n = len(sentences)
    return {
        "flesch_reading_ease": round(flesch_reading_ease(words, n, syllable_count), 2),
        "flesch_kincaid_grade": round(flesch_kincaid_grade(words, n, syllable_count), 2),
        "words": words,
        "sentences": n,
        "syllables_per_word": round(syllable_count / words, 3),
        "words_per_sentence": round(words / n, 2),
    }


def tone(ctx: Context) -> dict[str, Any]:
    scores = ctx.analysis(sentence_tone)
    return {
        "headline": ctx.analysis(headline_tone),
        "body_mean": round(fmean(scores), 4) if scores else None,
        "body_most_negative": min(scores) if scores else None,
        "body_most_positive": max(scores) if scores else None,
        "sentences": scores,
    }
