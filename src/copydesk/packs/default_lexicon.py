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
from copydesk.packs.loader import RuleSet


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The merged word lists of the default pack's attribution rules.

    Kept with the default rule set in the start-up snapshot (``copydesk.speed``):
    parsing the YAML and merging the lists again cost ~0.2 s of every start-up.
    """
    # Imported here: the speed boundary builds engines, and engines read this.
    from copydesk.speed import cached_rules, derived

    def build(rules: RuleSet) -> Lexicon:
        return lexicon_of(rules.rules)

    return derived(cached_rules(), "attribution.default_lexicon", build)
