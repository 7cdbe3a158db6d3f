"""The closed-class words the attribution analysis walks by: grammar, not pack data.

Determiners, modals, clause words and the punctuation that ends a noun phrase are
English grammar no newsroom would tune, so they live in code; everything a style
guide might change (reporting verbs, titles, vague groups) comes from the pack's
``lexicon`` blocks instead (see :class:`~copydesk.analysis.attribution.lexicon.Lexicon`).
"""

from __future__ import annotations

import re

# Words that end a noun phrase when walking away from a reporting verb.
STOP = frozenset(
    """that which who whom whose but or while when whereas because since although though if
    as so than then where whether after before until unless to is are was were be been being
    has have had will would can could may might should must shall do does did not never
    also this these those it its there here what how why says said say told tell tells
    asked according with without by from into onto about against between through during
    under over upon among amid across toward towards like per via despite however
    meanwhile instead yet still just even only""".split()
)
# Allowed between a subject and its verb: "has also said", "on Tuesday said".
SKIP_BEFORE_VERB = frozenset(
    """has have had did does do also previously later earlier repeatedly recently once further again publicly
    privately separately already still now then first last yesterday today tonight
    not never too on monday tuesday wednesday thursday friday saturday sunday""".split()
)
MODALS = frozenset("could would can may might should must shall will".split())
QUANTIFIERS = frozenset("some many several most few certain various numerous other others".split())
# Verbs that may follow their source after a comma or a quotation: '"...," said Smith'.
INVERSION = frozenset(
    "said says added adds wrote writes asked asks explained noted continued recalled insisted".split()
)
PRONOUN_SUBJECTS = frozenset("he she they it we i".split())
POSSESSIVES = frozenset("his her their its our my your this that these those".split())
AFFILIATION = frozenset("for of at from in with on".split())
CUT_BEFORE = frozenset(
    "over about against because after before during since until regarding concerning".split()
)
# Before a verb of saying these make it a noun, an adjective or an infinitive.
NOUN_MARKERS = frozenset("of in for with at by from to into about most more least less very".split())
DEGREE = frozenset("most more least less very".split())
DETERMINERS = frozenset("the a an this that these those his her their its our my your".split())
DEFINITE = frozenset("the this that these those his her their its".split())
# Capitalised at the start of a sentence or heading without naming anyone.
FUNCTION_CAPS = frozenset(
    """the a an in on at of for and or but to by from with as this that these those
    it its he she they we i his her their our according after before while when some
    many most several few other others all both each one""".split()
)
# Abbreviated honorifics: they always stand before a name, even when a sentence
# splitter cut the text at their full stop ("said Dr. | Ana Lund, a surgeon").
HONORIFICS = frozenset("dr mr mrs ms mx prof sen rep gov gen col lt sgt capt cmdr supt rev fr".split())
BE = frozenset("is are was were be been being s".split())  # "s": it's
HAVE = frozenset("has have had".split())
# Punctuation in a gap that ends a noun phrase (a hyphen inside a compound does not).
CLAUSE_PUNCT = re.compile(r"[,;:()\[\]\"—!?]|\s-\s|\.\s")
DEMONYM_SUFFIXES = ("an", "ese", "ish", "ern", "ic", "i")
