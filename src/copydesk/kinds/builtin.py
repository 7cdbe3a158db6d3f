"""Every built-in rule kind. Importing a module registers its checkers (``@kind``).

A new kind is one module with a model and a checker, and one line here; see
docs/architecture.md.
"""

from copydesk.kinds import (  # noqa: F401
    attribution,
    boilerplate,
    coherence,
    headline,
    lexicon,
    pattern,
)
