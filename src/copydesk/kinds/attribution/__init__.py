"""Rule kind ``attribution``: who says so? Findings from the per-article source analysis.

Each rule names a ``check``, and each check is one module here with its own model:

- ``vague_source``: a claim pinned on a group nobody can check ("experts predict",
  "according to reports", "critics say");
- ``passive``: attribution with the agent left out ("it is believed", "is said to");
- ``reaction``: a reaction with nobody who reacts ("has sparked fears", "raised
  concerns among international leaders");
- ``hedge``: words from the rule's ``terms`` that hide or soften the source
  ("allegedly", "reportedly"; "may", "possibly");
- ``judgement``: the rule's ``terms`` used as a verdict in the outlet's own voice
  ("an apparent violation", "a clear breach");
- ``unsourced_figure``: a sentence stating a number with no source in it or in its
  paragraph;
- ``unsourced_claim``: a claim sentence with no source at all and no other
  attribution finding, so the score follows the share of unsourced claims.

The checks share one analysis (:mod:`copydesk.analysis.attribution`) and one
checker, :class:`~copydesk.kinds.attribution.family.AttributionChecker`, because
they depend on each other (``family.py`` says how). The rest: ``base.py`` (what
every attribution rule has), ``lexicon.py`` (the word lists a rule may carry),
``cues.py`` and ``terms.py`` (what the cue checks and the term checks share).
``copydesk.kinds.builtin`` imports every check module, which registers it.
"""
