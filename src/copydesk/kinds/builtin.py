"""Every built-in rule kind. Importing a module registers its checkers (``@kind``).

This list is the whole registry: a new kind is one module with a model and a checker,
and one line here (see docs/architecture.md). The ``attribution`` and ``headline``
families have one module per check, dispatched on the rule's ``check:`` field.
"""

from copydesk.kinds import (  # noqa: F401
    boilerplate,
    coherence,
    lexicon,
    pattern,
)
from copydesk.kinds.attribution import (  # noqa: F401
    hedge,
    judgement,
    passive,
    reaction,
    unsourced_claim,
    unsourced_figure,
    vague_source,
)
from copydesk.kinds.headline import (  # noqa: F401
    all_caps,
    contested,
    figure_bound,
    heading_unsupported,
    intensity_gap,
    mismatch,
    missing_fact,
    thin_support,
    verdict,
)
