"""Which claims need a source: the kinds of statement a reader cannot take on trust.

Most sentences of a news story with no source in reach are narration, background or
what the reporter saw ("The bridge reopened on Monday", "Mr Lund has run the firm
since 2009"); an editor asks "who says so?" only of some kinds of claim:
accusations and wrongdoing, causes, predictions, records and superlatives, what
somebody thinks or feels, and contested facts. The pack names each kind with the
words that mark it (the ``claim_cues`` lexicon); :class:`ClaimClassifier` says which
kind, if any, a claim sentence is. The writer speaking for themselves ("I doubt it",
"we were not convinced") is signed opinion, not a claim that needs another source.
"""

from __future__ import annotations

from copydesk.analysis.attribution.lexicon import Lexicon

# The writer's own voice: first-person words outside any quotation.
_FIRST_PERSON = frozenset("i we my our me us".split())


class ClaimClassifier:
    """Finds the first cue of a kind of claim that needs a source, for one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for name, phrase in sorted(lexicon.claim_cues):
            self._by_first.setdefault(phrase[0], []).append((phrase, name))
        for phrases in self._by_first.values():
            phrases.sort(key=lambda p: -len(p[0]))  # the longest phrase speaks first

    def kind(self, words: list[str], quoted: bool) -> str | None:
        """The kind of claim ``words`` (one sentence's tokens) makes that needs a source.

        ``quoted`` says the sentence holds a quotation, so first-person words may be
        the speaker's rather than the writer's.
        """
        first = self._by_first
        if not first or first.keys().isdisjoint(words):
            return None
        if not quoted and not _FIRST_PERSON.isdisjoint(words):
            return None
        n = len(words)
        for j, w in enumerate(words):
            for phrase, name in first.get(w, ()):
                if j + len(phrase) <= n and all(
                    p == "*" or p == words[j + k] for k, p in enumerate(phrase) if k
                ):
                    return name
        return None
