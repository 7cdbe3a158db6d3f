"""Term statistics shared by the headline and focus dimensions.

What a passage is *about* is carried by its content words, names and numbers, and a rare
word says more than a common one. The package turns text into weighted terms, matched
through inflection, in layers that each import only the ones above them:

- ``numbers``: number values, canonical stems and weights ("2.4 million" -> "2400000");
- ``words``: background frequencies (``zipf``), ``informativeness``, ``weight``, stopwords;
- ``stems``: the light stemmer (``stem``) and ``prefix_match``;
- ``tokens``: ``Term`` and ``terms_of``, the weighted terms of a string;
- ``names``: ``names_in``, ``sentence_names`` and ``is_title_case``;
- ``bags``: ``Bag``, ``coverage``, ``cosine`` and the per-article ``article_terms``.

Callers import from here; each module's docstring describes its part of the API.
"""

from copydesk.analysis.terms.bags import ArticleTerms, Bag, article_terms, bag_of, cosine, coverage
from copydesk.analysis.terms.names import PLACE_WORDS, Name, is_title_case, names_in, sentence_names
from copydesk.analysis.terms.numbers import (
    NUMBER_WEIGHT,
    NumberMention,
    number_stem,
    number_value,
    number_weight,
    numbers_in,
)
from copydesk.analysis.terms.stems import prefix_match, stem
from copydesk.analysis.terms.tokens import Term, terms_of
from copydesk.analysis.terms.words import (
    STOPWORDS,
    UNKNOWN_ZIPF,
    WEIGHT_FLOOR,
    informativeness,
    is_stopword,
    load_seconds,
    weight,
    zipf,
)

__all__ = [
    "NUMBER_WEIGHT",
    "PLACE_WORDS",
    "STOPWORDS",
    "UNKNOWN_ZIPF",
    "WEIGHT_FLOOR",
    "ArticleTerms",
    "Bag",
    "Name",
    "NumberMention",
    "Term",
    "article_terms",
    "bag_of",
    "cosine",
    "coverage",
    "informativeness",
    "is_stopword",
    "is_title_case",
    "load_seconds",
    "names_in",
    "number_stem",
    "number_value",
    "number_weight",
    "numbers_in",
    "prefix_match",
    "sentence_names",
    "stem",
    "terms_of",
    "weight",
    "zipf",
]
