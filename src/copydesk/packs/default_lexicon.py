"""The default pack's attribution word lists, for the audits of every rule set.

The attribution analysis reads its reporting verbs, titles, vague groups ... from the
``lexicon`` blocks of the ``attribution`` rules, and the default pack's lists stay in
force whatever the packs in use (a newsroom pack adds to them). The engine builds
them here, once, and hands them to every article's context; the analysis itself
never loads a pack.
"""

from __future__ import annotations

from functools import lru_cache

from copydesk.analysis.attribution import Lexicon
from copydesk.kinds.attribution.base import lexicon_of
from copydesk.packs.loader import load_rules


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The merged word lists of the default pack's attribution rules.

    Read through the pack loader, whose result is cached and which uses the wheel's
    pre-parsed pack: parsing the YAML again here cost ~0.2 s of every start-up.
    """
    rules = load_rules()
    cached = rules.derived.get("attribution.default_lexicon")
    if isinstance(cached, Lexicon):
        return cached  # from the snapshot (~17 ms to compile)
    merged = lexicon_of(rules.rules)
    rules.derived["attribution.default_lexicon"] = merged
    return merged
