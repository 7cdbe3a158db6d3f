"""Every built-in rule kind. Importing a module registers its checkers (``@kind``).

A new kind is one module with a model and a checker, and one line here; see
docs/architecture.md. The ``attribution`` family has one module per check.
"""

from copydesk.kinds import (  # noqa: F401
    boilerplate,
    coherence,
    headline,
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
