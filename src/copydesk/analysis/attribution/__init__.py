"""Who says so? Claims and their sources, sentence by sentence, computed once per article.

For every body sentence this analysis decides whether it is a claim (states a fact,
a figure, an event, a judgement or a prediction) and what backs it:

- ``named``: a reporting verb ("said", "according to", "estimated", ...) tied to a
  named person, a title, an organisation or a document, or a direct quotation with
  its speaker. A pronoun or a definite reference ("the ministry") carries the named
  source of an earlier sentence over; a named source in a paragraph also covers
  the paragraph's other sentences that have no source of their own (wire style:
  "The ministry said 40 people died. Most were civilians.").
- ``vague``: the source is a group nobody can check ("experts", "officials",
  "critics", "reports", "many", "some"), an agentless passive ("it is believed",
  "is said to"), or a reaction whose only reacting party is such a group.
- ``none``.

No heavy NLP: capitalised word sequences, title, organisation and document words,
and reporting verbs on either side of the source. All word lists come from the
rule pack (the ``lexicon`` blocks of the ``attribution`` rules), so the linguistics
is data; this package only holds the logic. The result also carries the reactions
with nobody who reacts, the agentless passives and the figures of each sentence,
which the ``attribution`` rule kind turns into findings, and the article's sourcing
profile for the report (:mod:`.profile`).

The analysis never loads a rule pack: it is handed a :class:`Lexicon`. The attribution
rule kind builds one from its rules' ``lexicon`` blocks (on top of the default pack's);
other analyses read :func:`sentence_sources`, which uses the lists the engine puts on
the context (``Context.attribution_lexicon``). When the lists are the same the work is
shared.

Modules, in the order the analysis uses them: ``lexicon`` (the word lists),
``grammar`` (closed-class words), ``sentence`` (one sentence as tokens), ``sources``
(reporting verbs and who they belong to), ``cues`` (agentless passives, reactions),
``numbers`` (the figures a sentence states), ``analyzer`` (the per-article walk),
``results`` (what it finds) and ``profile`` (the figures the report publishes).
"""

from copydesk.analysis.attribution.analyzer import SourceAnalyzer, analyzer_for, sentence_sources
from copydesk.analysis.attribution.lexicon import Lexicon
from copydesk.analysis.attribution.profile import attribution_figures, sourcing_profile
from copydesk.analysis.attribution.results import Attribution, Cue, SentenceAttribution, Source

__all__ = [
    "Attribution",
    "Cue",
    "Lexicon",
    "SentenceAttribution",
    "Source",
    "SourceAnalyzer",
    "analyzer_for",
    "attribution_figures",
    "sentence_sources",
    "sourcing_profile",
]
