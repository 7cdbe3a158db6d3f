"""Every built-in rule kind. Importing a module registers its checkers (``@kind``).

A new kind is one module with a model and a checker, and one line here; see
docs/architecture.md.
"""

from copydesk.kinds import (  # noqa: F401
    attribution,
    boilerplate,
    coherence,
    lexicon,
    pattern,
)
from copydesk.kinds.headline import (  # noqa: F401
    all_caps,
    contested,
    heading_unsupported,
    intensity_gap,
    mismatch,
    missing_fact,
    thin_support,
)
