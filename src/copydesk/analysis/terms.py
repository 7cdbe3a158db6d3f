"""Term statistics shared by the headline and focus dimensions.

What a passage is *about* is carried by its content words, names and numbers, and a rare
word says more than a common one. This module turns text into weighted terms, matched
through inflection, with background English frequencies shipped in the package
(``data/wordfreq_en.tsv.gz``, from the wordfreq project, CC BY-SA 4.0): nothing is fitted
per article, so a check behaves the same on a short article as on a long one.

API
---
Word level (pure functions, cached):

- ``zipf(word) -> float``: Zipf frequency of a lower-case word (log10 of occurrences per
  billion words: "the" 7.73, "backlash" about 3.4); ``UNKNOWN_ZIPF`` (1.5) when the word is
  not among the 100k most frequent. The table loads lazily: a binary search over the
  sorted text for the first few thousand lookups, then a dict (``load_seconds()`` tells).
- ``informativeness(word) -> float``: surprisal in log10 units, ``9 - zipf`` (rarer = more
  informative): about 1.3 for "the", 5.6 for "backlash", 7.5 for an unknown word.
- ``weight(word) -> float``: the weight a content word gets in term vectors:
  ``max(0, informativeness - WEIGHT_FLOOR)`` (floor 2: a word as common as "said" weighs
  next to nothing, a name or a rare noun 3 to 5.5), and 0 for stopwords.
- ``number_weight(stem)``: a number's weight by how specific it is: 1.0 for one digit,
  2.0 for two, 2.5 for a year, ``NUMBER_WEIGHT`` (3.0) for more.
- ``stem(word) -> str``: light suffix-stripping normaliser so inflections and spelling
  variants meet: labour/labor, workers/worker, condemned/condemns/condemnation ->
  "condemn", denied/denies -> "deny", organised/organized, Russian/Russians -> "russia"
  (nationality words meet their country), and informal or headline words meet the plain
  word (mom -> mother, cops -> police, decapitated -> behead). Compare stems with stems.
- ``is_stopword(word) -> bool``; ``STOPWORDS``.
- ``number_value(text) -> float | None``: "1,200" -> 1200, "3.5" -> 3.5, "five" -> 5;
  ``number_stem(text)``: the canonical stem of a number token ("111,800" -> "111800",
  "$1M" -> "1000000").
- ``prefix_match(a, b) -> bool``: two stems that share a long prefix (derivations the
  stemmer leaves apart: "administrat"/"administr").

Text level:

- ``terms_of(text, offset=0) -> list[Term]``: content-word terms of a plain string (offsets
  into that string, plus ``offset``). A ``Term`` is a named tuple: ``stem``, ``word``
  (lower-case surface), ``start``/``end``, ``weight``, ``capitalized`` and ``initial``
  (first word of the span). Numbers are single terms with canonical stems ("2.4 million"
  -> "2400000", "2nd"/"second" -> "2", "three" -> "3"). A hyphenated compound also yields
  a weightless term for its joined form ("cat-calling" also meets "catcalling"), so it
  matches the solid spelling; weightless terms only help matching.
- ``numbers_in(text, offset=0) -> list[NumberMention]``: numbers with their value and span
  ("$1.2 billion", "35,000", "five", "40%"); years stay numbers too.
- ``names_in(text, offset=0, title_case=None) -> list[Name]``: capitalised word sequences
  that read as names ("North Korean", "Sergei Shoigu", "Bank of England"): a capitalised
  word counts when it is not sentence-initial, or when it is sentence-initial but not a
  common lower-case word. In a Title Case line (a headline) capitals say nothing, so a word
  counts only when its lower-case form is rare, an acronym, or listed in ``PLACE_WORDS``
  (countries, nationalities, capitals). ``is_title_case(text)`` tells which case applies.
- ``Bag``: the terms of one span: ``terms``, ``weights`` (stem -> max weight), ``counts``
  (stem -> occurrences), ``extra`` (weightless stems), ``stems`` (all stems, for
  matching), ``total`` (sum of weights of distinct stems); ``bag_of(terms)``.
  ``coverage(query, target)`` = share of the query's weight whose stems the target has
  (prefix matches count half); ``cosine(a, b)`` = weighted cosine.

Article level (via ``ctx.analysis(article_terms)``, computed once per article):

- ``ArticleTerms`` with ``headline: Bag | None``, ``headings: list[Bag]`` (aligned with
  ``ctx.doc.headings``), ``sentences: list[Bag]`` (aligned with ``ctx.doc.sentences``),
  ``paragraphs: list[Bag]`` (aligned with ``ctx.doc.paragraphs``), ``body: Bag`` (all body
  sentences, boilerplate paragraphs excluded: call it in phase 1, after boilerplate
  detection), ``sentence_frequency: Counter[stem]`` (number of body sentences containing
  the stem), ``body_stems: set[str]``.

Offsets in a ``Term`` built by ``article_terms`` are ORIGINAL offsets (ready for findings).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from copydesk.speed.sortedtable import SortedTable

if TYPE_CHECKING:
    from copydesk.analysis.context import Context

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

# A word missing from the 100k list is rarer than the rarest listed (about 1.9).
UNKNOWN_ZIPF = 1.5
# Words at Zipf >= 7 ("the", "and") carry nothing about a topic and words near 6 ("said",
# "people") next to nothing; the floor makes their weight small rather than cutting them
# out, so a headline made of plain words still has something to match.
WEIGHT_FLOOR = 2.0
# A number of three or more digits is as specific as a fairly rare word.
NUMBER_WEIGHT = 3.0

# ---------------------------------------------------------------- frequencies

def _zipf_value(field: str) -> float:
    return int(field) / 100.0


_FREQUENCIES = SortedTable("data/wordfreq_en.tsv.gz", _zipf_value)


def load_seconds() -> float:
    """Seconds the frequency table took to load (0 before first use)."""
    return _FREQUENCIES.load_seconds


@lru_cache(maxsize=65536)
def zipf(word: str) -> float:
    """Zipf frequency of a word (case-insensitive); ``UNKNOWN_ZIPF`` when unlisted."""
    found = _FREQUENCIES.get(word.lower())
    return UNKNOWN_ZIPF if found is None else found


def informativeness(word: str) -> float:
    """Surprisal of the word in log10 units: 9 - Zipf (rarer = more informative)."""
    return 9.0 - zipf(word)


@lru_cache(maxsize=65536)
def weight(word: str) -> float:
    w = word.lower()
    if w.isdigit():
        return NUMBER_WEIGHT
    if is_stopword(w) or len(w) < 2:
        return 0.0
    return max(0.0, informativeness(w) - WEIGHT_FLOOR)


# ---------------------------------------------------------------- stopwords


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


STOPWORDS = _wordset(
    """a about above across after afterwards again against all almost alone along already
    also although always am among amongst an and another any anybody anyhow anyone anything
    anyway anywhere are around as at be became because become becomes becoming been before
    beforehand behind being below beside besides between beyond both but by can cannot could
    did do does doing done down due during each either else elsewhere enough etc even ever
    every everybody everyone everything everywhere except few for former formerly from
    further had has have having he hence her here hereafter hereby herein hers herself him
    himself his how however i if in indeed into is it its itself just last latter latterly
    least less let like made make many may me meanwhile might mine more moreover most mostly
    much must my myself namely neither never nevertheless next no nobody none noone nor not
    nothing now nowhere of off often on once one only onto or other others otherwise our
    ours ourselves out over own per perhaps please quite rather re really same seem seemed
    seeming seems several she should since so some somehow someone something sometime
    sometimes somewhere still such than that the their theirs them themselves then thence
    there thereafter thereby therefore therein thereupon these they this those though
    through throughout thru thus to together too toward towards under until up upon us very
    via was we well were what whatever when whence whenever where whereafter whereas whereby
    wherein whereupon wherever whether which while whither who whoever whole whom whose why
    will with within without would yet you your yours yourself yourselves s t d ll m re ve
    don didn doesn isn wasn weren aren hasn haven hadn won wouldn couldn shouldn
    mr mrs ms dr says said say saying told tell tells according get gets got getting go goes
    going went gone come comes came take takes took put puts new news report reports
    reported reportedly year years day days time times week weeks month months today
    yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday""")


def is_stopword(word: str) -> bool:
    return word.lower() in STOPWORDS


# ---------------------------------------------------------------- stemming

# British spellings that would otherwise keep the two varieties apart.
_BRITISH_ENDINGS: tuple[tuple[str, str], ...] = (
    ("isations", "izations"),
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("ysed", "yzed"),
    ("ysing", "yzing"),
    ("yse", "yze"),
    ("ourable", "orable"),
    ("oured", "ored"),
    ("ouring", "oring"),
    ("ours", "ors"),
    ("our", "or"),
    ("tres", "ters"),
    ("tre", "ter"),
    ("lled", "led"),
    ("lling", "ling"),
)
_BRITISH_WORDS = {
    "defence": "defense",
    "defences": "defenses",
    "offence": "offense",
    "offences": "offenses",
    "licence": "license",
    "licences": "licenses",
    "pretence": "pretense",
    "catalogue": "catalog",
    "dialogue": "dialog",
    "analogue": "analog",
    "programme": "program",
    "programmes": "programs",
    "grey": "gray",
    "tyre": "tire",
    "tyres": "tires",
    "kerb": "curb",
    "cheque": "check",
    "jewellery": "jewelry",
    "aluminium": "aluminum",
    "plough": "plow",
    "sceptic": "skeptic",
    "sceptical": "skeptical",
    "manoeuvre": "maneuver",
    "paediatric": "pediatric",
    "foetus": "fetus",
}
# The endings above also end ordinary words; spell out the ones that must not change.
_NOT_BRITISH = _wordset(
    """four hour hours your yours tour tours pour pours sour flour devour detour contour
    scour our ours odour odours armour
    rise rises raise raised raises praise praised wise noise poise cruise cruised
    premise premises promise promised promises exercise exercised exercises
    expertise franchise franchised surprise surprised surprises compromise compromised
    enterprise enterprises otherwise concise precise disguise disguised
    advise advised advises revise revised supervise supervised televise televised
    demise chastise merchandise despise despised
    genre genres acre acres massacre massacres mediocre lucre ogre
    filled killed spilled drilled skilled thrilled chilled grilled stalled called
    rolled polled pulled installed controlled enrolled fulfilled swelled smelled
    filling killing spilling drilling thrilling stalling calling rolling polling
    pulling installing controlling enrolling fulfilling swelling smelling""")
# Exceptions and irregulars: stemmed form given directly.
_IRREGULAR = {
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "people",
    "mice": "mouse",
    "feet": "foot",
    "teeth": "tooth",
    "geese": "goose",
    "lives": "life",
    "wives": "wife",
    "knives": "knife",
    "thieves": "thief",
    "leaves": "leaf",
    "analyses": "analysis",
    "crises": "crisis",
    "theses": "thesis",
    "news": "news",
    "data": "data",
    "media": "media",
    "criteria": "criterion",
    "phenomena": "phenomenon",
    "was": "was",
    "has": "has",
    "is": "is",
    "its": "its",
    "this": "this",
    "us": "us",
    "bus": "bus",
    "gas": "gas",
    "yes": "yes",
    "killed": "kill",
    "used": "use",
    "using": "use",
    "dying": "die",
    "died": "die",
    "dies": "die",
    "lying": "lie",
    "tying": "tie",
    "fled": "flee",
    "flees": "flee",
    "fleeing": "flee",
    "agreed": "agree",
    "agrees": "agree",
    "agreeing": "agree",
    "agreement": "agreement",
    "seized": "seize",
    "seizes": "seize",
    "seizing": "seize",
    "seizure": "seize",
    "caught": "catch",
    "bought": "buy",
    "brought": "bring",
    "thought": "think",
    "sought": "seek",
    "taught": "teach",
    "fought": "fight",
    "won": "win",
    "lost": "lose",
    "lose": "lose",
    "losing": "lose",
    "loses": "lose",
    "left": "left",
    "led": "lead",
    "held": "hold",
    "told": "tell",
    "sold": "sell",
    "found": "find",
    "met": "meet",
    "sent": "send",
    "spent": "spend",
    "built": "build",
    "struck": "strike",
    "stole": "steal",
    "stolen": "steal",
    "shot": "shoot",
    "hit": "hit",
    "ran": "run",
    "running": "run",
    "began": "begin",
    "begun": "begin",
    "beginning": "begin",
    "chose": "choose",
    "chosen": "choose",
    "wrote": "write",
    "written": "write",
    "drove": "drive",
    "driven": "drive",
    "gave": "give",
    "given": "give",
    "knew": "know",
    "known": "know",
    "grew": "grow",
    "grown": "grow",
    "threw": "throw",
    "thrown": "throw",
    "flew": "fly",
    "flown": "fly",
    "arose": "arise",
    "arisen": "arise",
    "fell": "fall",
    "fallen": "fall",
    "broke": "break",
    "broken": "break",
    "spoke": "speak",
    "spoken": "speak",
    "hid": "hide",
    "hidden": "hide",
    "bit": "bite",
    "bitten": "bite",
}
# Nationality words meet their country ("Russian workers" supports "Russia"): a reader
# takes them as the same fact. Looked up after the plural is stripped.
_DEMONYMS = {
    "american": "america", "russian": "russia", "korean": "korea", "ukrainian": "ukraine",
    "chinese": "china", "iranian": "iran", "iraqi": "iraq", "israeli": "israel",
    "syrian": "syria", "british": "britain", "briton": "britain", "french": "france",
    "german": "germany", "italian": "italy", "japanese": "japan", "indian": "india",
    "pakistani": "pakistan", "afghan": "afghanistan", "egyptian": "egypt",
    "turkish": "turkey", "mexican": "mexico", "canadian": "canada",
    "australian": "australia", "brazilian": "brazil", "palestinian": "palestine",
    "spanish": "spain", "swedish": "sweden", "dutch": "netherlands", "greek": "greece",
    "cuban": "cuba", "european": "europe", "african": "africa", "asian": "asia",
    "slovak": "slovakia", "slovakian": "slovakia", "lebanese": "lebanon",
    "libyan": "libya", "yemeni": "yemen", "venezuelan": "venezuela",
    "nigerian": "nigeria", "kenyan": "kenya", "belgian": "belgium", "irish": "ireland",
    "scottish": "scotland", "welsh": "wales", "norwegian": "norway", "danish": "denmark",
    "finnish": "finland", "swiss": "switzerland", "austrian": "austria",
    "hungarian": "hungary", "romanian": "romania", "serbian": "serbia",
    "vietnamese": "vietnam", "thai": "thailand", "filipino": "philippines",
    "indonesian": "indonesia", "qatari": "qatar", "kuwaiti": "kuwait",
    "jordanian": "jordan", "belarusian": "belarus", "georgian": "georgia",
    "armenian": "armenia", "taiwanese": "taiwan", "colombian": "colombia",
    "argentine": "argentina", "argentinian": "argentina", "chilean": "chile",
    "peruvian": "peru", "saudi": "saudi", "somali": "somalia", "ethiopian": "ethiopia",
    "sudanese": "sudan", "algerian": "algeria", "moroccan": "morocco",
    "tunisian": "tunisia", "portuguese": "portugal", "czech": "czechia",
    "bulgarian": "bulgaria", "croatian": "croatia", "bosnian": "bosnia",
    "estonian": "estonia", "latvian": "latvia", "lithuanian": "lithuania",
    "moldovan": "moldova", "kazakh": "kazakhstan", "uzbek": "uzbekistan",
    "bangladeshi": "bangladesh", "nepalese": "nepal", "malaysian": "malaysia",
    "singaporean": "singapore", "zimbabwean": "zimbabwe", "ugandan": "uganda",
    "ghanaian": "ghana", "congolese": "congo", "haitian": "haiti",
}
_VOWEL = re.compile(r"[aeiouy]")
_DOUBLE_KEEP = frozenset("lsz")
# Derivational suffixes stripped once (after inflection), longest first, with the
# replacement; a stem must keep at least _MIN_DERIVED letters.
_DERIVATIONAL: tuple[tuple[str, str], ...] = (
    ("izations", ""),
    ("ization", ""),
    ("ational", "ate"),
    ("fulness", ""),
    ("iveness", ""),
    ("ousness", ""),
    ("ically", "ic"),
    ("ations", ""),
    ("itions", ""),
    ("ation", ""),
    ("ition", ""),
    ("ments", ""),
    ("ment", ""),
    ("ness", ""),
    ("ably", ""),
    ("ibly", ""),
    ("ally", "al"),
    ("fully", ""),
    ("ful", ""),
    ("able", ""),
    ("ible", ""),
    ("ity", ""),
    ("ly", ""),
)
_DERIVATIONAL_SUFFIXES = tuple(suffix for suffix, _ in _DERIVATIONAL)
_MIN_DERIVED = 4
_KEEP_DERIVED = _wordset(
    """nation nations station stations ration rations notion motion potion lotion
    cement comment comments moment moments element elements segment segments
    document documents implement fragment ferment torment lament garment pigment
    apartment department government governments parliament tournament cement
    witness business harness ability city cities unity entity identity quality
    family reply supply apply italy only early likely daily really family rally
    july tally belly jelly holly bully folly fully truly ugly""")

# Inflectional ending patterns (regex) handled in order.
_ENDS_CVC = re.compile(r"[^aeiou][aeiouy][^aeiouwxy]$")


# Headlinese and informal words meet the plain word a body uses ("cops" in the headline,
# "police" in the text). Only pairs that keep their meaning in news copy; ambiguous
# headline words ("row", "bid", "eyes") are left alone.
_SYNONYM_PAIRS = (
    ("mom", "mother"), ("mum", "mother"), ("mommy", "mother"), ("dad", "father"),
    ("daddy", "father"), ("kid", "child"), ("tot", "child"), ("toddler", "child"),
    ("cop", "police"), ("guy", "man"), ("bloke", "man"), ("teen", "teenager"),
    ("doc", "doctor"), ("medic", "doctor"), ("boob", "breast"), ("pic", "picture"),
    ("photo", "picture"), ("vid", "video"), ("probe", "investigation"),
    ("investigate", "investigation"), ("quit", "resign"), ("axe", "cut"),
    ("hike", "increase"), ("nab", "arrest"), ("wed", "marry"), ("jail", "prison"),
    ("blaze", "fire"), ("quake", "earthquake"), ("chopper", "helicopter"),
    ("boffin", "scientist"), ("prez", "president"), ("mull", "consider"),
    ("vow", "pledge"), ("slay", "kill"), ("slaying", "killing"), ("decapitate", "behead"),
    ("corpse", "body"), ("smartphone", "phone"),
    ("cellphone", "phone"), ("mobile", "phone"), ("automobile", "car"),
    ("airliner", "plane"), ("aircraft", "plane"), ("jet", "plane"), ("airplane", "plane"),
    ("fake", "hoax"),
)


@lru_cache(maxsize=1)
def _synonym_stems() -> dict[str, str]:
    return {_stem_raw(a): _stem_raw(b) for a, b in _SYNONYM_PAIRS}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light stem: spelling variant, inflection, derivation, then headlinese -> plain."""
    raw = _stem_raw(word)
    return _synonym_stems().get(raw, raw)


def _stem_raw(word: str) -> str:
    w = word.lower()
    if not w.isalpha() or len(w) <= 2:
        return w
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    w = _americanise(w)

    # Plurals and third person.
    if w.endswith("sses"):
        w = w[:-2]
    elif w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith(("ches", "shes", "xes", "zzes")) and len(w) > 4:
        w = w[:-2]
    elif (w.endswith("s") and not w.endswith(("ss", "us", "is", "ys")) and len(w) > 3) or (
        w.endswith("ys") and len(w) > 3
    ):
        w = w[:-1]

    if w in _DEMONYMS:
        w = _DEMONYMS[w]
        return w[:-1] if w.endswith("e") and len(w) > 3 else w

    # Past tense and participles.
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("eed"):
        pass  # "proceed", "speed": the e's belong to the word
    elif w.endswith("ed") and len(w) > 4 and _VOWEL.search(w[:-2]):
        w = _after_suffix(w[:-2])
    elif w.endswith("ing") and len(w) > 5 and _VOWEL.search(w[:-3]):
        w = _after_suffix(w[:-3])

    # Derivational suffixes, at most two ("internationally" -> "international" -> "internat").
    for _ in range(2):
        # Most words end in none of the suffixes: one C-level endswith() settles it.
        if w in _KEEP_DERIVED or not w.endswith(_DERIVATIONAL_SUFFIXES):
            break
        for suffix, repl in _DERIVATIONAL:
            if w.endswith(suffix) and len(w) - len(suffix) >= _MIN_DERIVED:
                w = w[: -len(suffix)] + repl
                break
        else:
            break
    # Final silent e: "cause"/"caused" -> "caus"; "make"/"making" -> "mak".
    if w.endswith("e") and len(w) > 3 and not w.endswith(("ee", "ie", "ye")):
        w = w[:-1]
    return w


def _after_suffix(base: str) -> str:
    """The stem left after -ed/-ing: undouble "stopp" -> "stop"; keep "add", "call"."""
    if (
        len(base) >= 4
        and base[-1] == base[-2]
        and base[-1] not in _DOUBLE_KEEP
        and base[-1] not in "aeiou"
    ):
        return base[:-1]
    return base


def _americanise(w: str) -> str:
    if w in _BRITISH_WORDS:
        return _BRITISH_WORDS[w]
    if w in _NOT_BRITISH or len(w) < 5:
        return w
    for ending, repl in _BRITISH_ENDINGS:
        if w.endswith(ending) and len(w) - len(ending) >= 3:
            return w[: -len(ending)] + repl
    return w


def prefix_match(a: str, b: str, minimum: int = 6) -> bool:
    """Stems that share a long prefix ("administr"/"administrat"): a weaker match."""
    if a == b:
        return True
    n = min(len(a), len(b))
    if n < minimum - 1:
        return False
    k = 0
    while k < n and a[k] == b[k]:
        k += 1
    return k >= minimum and k >= n - 1


# ---------------------------------------------------------------- numbers

_NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "thousand": 1000, "dozen": 12,
}
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "bn": 1e9, "b": 1e9, "mn": 1e6, "tn": 1e12,
}
_NUMBER = re.compile(
    r"(?<![\w.])[$£€]?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
    r"(?:\s?(hundred|thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?"
    r"(%|\s?percent\b|\s?per cent\b)?",
    re.IGNORECASE,
)
_NUMBER_WORD_RE = re.compile(
    r"\b(" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b"
    r"(?:\s(hundred|thousand|million|billion|trillion)\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class NumberMention:
    start: int
    end: int
    value: float
    text: str
    percent: bool = False


def number_value(text: str) -> float | None:
    """The value of one number written in digits or words; None if it is not one."""
    t = text.strip().lower()
    m = _NUMBER.fullmatch(t)
    if m:
        return _value(m.group(1), m.group(2))
    m = _NUMBER_WORD_RE.fullmatch(t)
    if m:
        return _NUMBER_WORDS[m.group(1).lower()] * _SCALES.get((m.group(2) or "").lower(), 1.0)
    return None


def _value(digits: str, scale: str | None) -> float:
    v = float(digits.replace(",", ""))
    if scale:
        v *= _SCALES[scale.lower()]
    return v


def numbers_in(text: str, offset: int = 0, words: bool = True) -> list[NumberMention]:
    """Numbers in ``text`` (digits, and number words unless ``words=False``)."""
    out: list[NumberMention] = []
    for m in _NUMBER.finditer(text):
        out.append(
            NumberMention(
                offset + m.start(),
                offset + m.end(),
                _value(m.group(1), m.group(2)),
                m.group(),
                bool(m.group(3)),
            )
        )
    if words:
        taken = [(n.start - offset, n.end - offset) for n in out]
        for m in _NUMBER_WORD_RE.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            word = m.group(1).lower()
            # "one" is a pronoun far more often than a count.
            if word == "one" and not m.group(2):
                continue
            value = _NUMBER_WORDS[word] * _SCALES.get((m.group(2) or "").lower(), 1.0)
            out.append(NumberMention(offset + m.start(), offset + m.end(), value, m.group()))
        out.sort(key=lambda n: n.start)
    return out


# ---------------------------------------------------------------- terms and names

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
# The same words, with the part before an apostrophe ("Korea" of "Korea's") as group 1.
_NAME_WORD = re.compile(r"([^\W_]+)(?:['’][^\W_]+)?")
# One token: a number (with its thousands separators, decimals and a scale word, so
# "111,800", "8.2" and "$1 million" stay whole), an ordinal ("2nd"), or a word.
_TOKEN = re.compile(
    r"(?P<num>(?<![\w.,])\d+(?:[.,]\d+)*"
    r"(?:\s?(?:million|billion|trillion|thousand|bn|mn|[kmb])\b)?(?![^\W_]))"
    r"|(?P<ord>\d+(?:st|nd|rd|th)\b)"
    r"|(?P<word>[^\W_]+(?:['’][^\W_]+)?)",
    re.IGNORECASE,
)
class Term(NamedTuple):
    """One content word, name part or number (a tuple: cheap to build by the thousand)."""

    stem: str
    word: str  # lower-case surface form
    start: int
    end: int
    weight: float  # 0 for a joined compound, which only helps matching
    capitalized: bool
    initial: bool  # first word of the span it was read from


# Anchored at a word start, with possessive runs: without both, a long run of letters
# with no hyphen is re-scanned from every position (quadratic time).
_COMPOUND = re.compile(r"(?<![^\W\d_])[^\W\d_]++(?:-[^\W\d_]++)+")
# Clitics split off a word; any other apostrophe is part of a name (O'Brien).
_CLITICS = frozenset({"s", "t", "ll", "re", "ve", "d", "m"})
_ORDINALS = {
    "first": "1", "second": "2", "third": "3", "fourth": "4", "fifth": "5", "sixth": "6",
    "seventh": "7", "eighth": "8", "ninth": "9", "tenth": "10",
}
_CARDINALS = {k: str(v) for k, v in _NUMBER_WORDS.items() if k not in {"zero", "one", "dozen"}}


def number_stem(text: str) -> str:
    """Canonical form of a number token: "111,800" -> "111800", "$1M" -> "1000000"."""
    m = _NUMBER.fullmatch(text.strip())
    if not m:
        return text.lower()
    value = _value(m.group(1), m.group(2))
    return str(int(value)) if value == int(value) else f"{value:g}"


def number_weight(stem_: str) -> float:
    """How specific a number is: "3" is everywhere, "2.4 million" or "15000" is not."""
    digits = stem_.replace(".", "")
    if len(digits) <= 1:
        return 1.0
    if len(digits) == 2:
        return 2.0
    if len(digits) == 4 and digits.isdigit() and 1900 <= int(digits) <= 2100:
        return 2.5  # a year: specific, but shared by every story of that year
    return NUMBER_WEIGHT


# A term as cached: a plain tuple with Term's fields. The collector stops tracking a
# plain tuple of strings and numbers, but never a named tuple: cached Terms were ~190
# tracked objects kept per article, and full collections rescanning them cost ~1 ms
# per article in a long batch. Callers get real Terms (built with offsets anyway).
_RawTerm = tuple[str, str, int, int, float, bool, bool]


@lru_cache(maxsize=32768)
def _terms_cached(text: str) -> tuple[_RawTerm, ...]:
    out: list[_RawTerm] = []
    first = True
    for m in _TOKEN.finditer(text):
        initial = first
        first = False
        # The three alternatives are each wholly one named group: lastgroup says which.
        kind = m.lastgroup
        if kind == "num":
            st = number_stem(m.group())
            nw = number_weight(st)
            out.append((st, m.group().lower(), m.start(), m.end(), nw, False, initial))
            continue
        if kind == "ord":
            st = str(int(m.group("ord")[:-2]))
            nw = number_weight(st)
            out.append((st, m.group().lower(), m.start(), m.end(), nw, False, initial))
            continue
        word = _word_term(m.group())
        if word is not None:
            start = m.start()
            out.append((word[0], word[1], start, start + word[2], word[3], word[4], initial))
    # "cat-calling" also matches "catcalling": the joined form is a weightless extra stem.
    # (Most sentences have no hyphen, and the scan costs as much as the token scan.)
    for m in _COMPOUND.finditer(text) if "-" in text else ():
        joined = m.group().replace("-", "").lower()
        if len(joined) >= 5:
            out.append((stem(joined), joined, m.start(), m.end(), 0.0, False, False))
    return tuple(out)


@lru_cache(maxsize=65536)
def _word_term(raw: str) -> tuple[str, str, int, float, bool] | None:
    """One word token as ``_TOKEN`` matched it: (stem, lower-case word, length of its
    span, weight, capitalised), or None when it is no term. Cached per word form: the
    steps below ran for every word of every sentence."""
    length = len(raw)
    if "'" in raw or "’" in raw:
        head, _, tail = raw.replace("’", "'").partition("'")
        # "Korea's" -> "Korea" (the span stops before the clitic); "O'Brien" stays whole.
        if tail.lower() in _CLITICS:
            raw, length = head, len(head)
        else:
            raw = head + tail
    low = raw.lower()
    if len(low) < 2 or low in STOPWORDS:
        return None
    if low in _ORDINALS or low in _CARDINALS:
        st = _ORDINALS.get(low) or _CARDINALS[low]
        return (st, low, length, min(weight(low), number_weight(st)), False)
    w = weight(low)
    if w <= 0.0:
        return None
    return (stem(low), low, length, w, raw[0].isupper())


def terms_of(text: str, offset: int = 0) -> list[Term]:
    """Content-word terms of ``text``; offsets shifted by ``offset``."""
    cached = _terms_cached(text)
    new = tuple.__new__
    if not offset:
        return [new(Term, t) for t in cached]
    return [new(Term, (t[0], t[1], t[2] + offset, t[3] + offset, t[4], t[5], t[6])) for t in cached]


# Countries, nationalities and capitals often named in news: in a Title Case headline,
# where capitals say nothing, these still read as names.
PLACE_WORDS = _wordset(
    """afghan afghanistan africa african albania algeria america american americans
    argentina argentine armenia asia asian athens australia australian austria
    baghdad bangladesh beijing belarus belgian belgium berlin brazil brazilian
    britain british brussels bulgaria cairo california canada canadian chile china
    chinese colombia congo cuba cuban cyprus czech damascus denmark dutch egypt
    egyptian england english ethiopia europe european finland france french gaza
    georgia german germany greece greek haiti hungary india indian indonesia iran
    iranian iraq iraqi ireland irish israel israeli italian italy japan japanese
    jerusalem jordan kabul kenya kiev kyiv korea korean kurdish kuwait lebanon libya
    london madrid mexican mexico moscow nato nigeria norway pakistan pakistani palestine
    palestinian paris philippines poland polish portugal pyongyang qatar romania rome
    russia russian russians saudi scotland seoul serbia slovakia slovak somalia spain
    spanish sudan sweden swedish switzerland syria syrian taiwan tehran texas thailand
    tokyo turkey turkish uk ukraine ukrainian un us usa venezuela vietnam washington
    yemen""")
_TITLE_WORD_MAX_ZIPF = 3.0  # a capitalised headline word rarer than this reads as a name
_VERB_ENDINGS = ("ed", "ing", "ly")
_CONNECTORS = frozenset({"of", "de", "la", "le", "da", "du", "van", "von", "bin", "al"})
# Titles before a person's name: in a Title Case headline the next word is a name.
_TITLES = _wordset(
    """mayor president minister senator sen governor gov king queen prince princess pope
    dr doctor judge general gen chancellor premier sheikh rep representative congressman
    congresswoman ambassador cardinal bishop rabbi imam sir lord lady professor prof
    chairman chairwoman ceo coach captain detective officer sergeant lt colonel col
    commissioner secretary spokesman spokeswoman mr mrs ms miss pm""")
# In a Title Case line these join the name that follows them ("North Korean", "New York").
_NAME_PREFIXES = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
     "new", "united", "saint", "san", "los", "las", "el", "sri", "hong", "saudi", "great"}
)


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    text: str
    stems: tuple[str, ...]


_LETTERS = re.compile(r"[^\W\d_]+")


def is_title_case(text: str) -> bool:
    """Most content words capitalised (60% of those longer than three letters): Title Case.

    Sentence case capitalises only the first word and names, so even a name-heavy
    sentence-case line stays near half; Title Case with a few lower-case words
    ("iPhone", "with") stays above 60%.
    """
    words = [w for w in _LETTERS.findall(text) if len(w) > 3 and w.lower() not in STOPWORDS]
    if len(words) < 2:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= 0.6


def _all_caps_line(text: str) -> bool:
    # filter/map keep the per-character work in C (this runs for every sentence).
    letters = list(filter(str.isalpha, text))
    return len(letters) >= 8 and sum(map(str.isupper, letters)) / len(letters) > 0.8


def sentence_names(text: str, title_case: bool | None = None) -> tuple[Name, ...]:
    """``names_in(text, 0, title_case)``, cached by text and resolved casing: the headline
    checks and the topic analysis both read every sentence's names, parsed once."""
    if title_case is None:
        title_case = is_title_case(text) or _all_caps_line(text)
    return tuple(Name(*n) for n in _names_cached(text, title_case))


@lru_cache(maxsize=16384)
def _names_cached(text: str, title_case: bool) -> tuple[tuple[int, int, str, tuple[str, ...]], ...]:
    # Plain tuples, which the collector stops tracking (see _RawTerm).
    return tuple((n.start, n.end, n.text, n.stems) for n in names_in(text, 0, title_case))


def names_in(text: str, offset: int = 0, title_case: bool | None = None) -> list[Name]:
    """Capitalised sequences that read as names, as spans (offsets + ``offset``)."""
    if title_case is None:
        title_case = is_title_case(text) or _all_caps_line(text)
    names: list[Name] = []
    current: list[tuple[int, int, str]] = []
    pending: list[tuple[int, int, str]] = []  # connectors waiting for a following name

    def flush() -> None:
        if current:
            s, e = current[0][0], current[-1][1]
            stems = tuple(stem(w.lower()) for _, _, w in current if w.lower() not in _CONNECTORS)
            names.append(Name(offset + s, offset + e, text[s:e], stems))
        current.clear()
        pending.clear()

    prev_word: tuple[int, int, str] | None = None
    for m in _NAME_WORD.finditer(text):
        raw = m.group(1)
        low = raw.lower()
        is_name = False
        if raw[:1].isupper() and low.isalpha() and low not in STOPWORDS:
            if raw.isupper() and len(raw) > 2 and zipf(low) >= _TITLE_WORD_MAX_ZIPF:
                is_name = False  # an ordinary word in capitals ("SMALL"), not an acronym
            elif title_case:
                # Capitals say nothing here: a place word, a rare word that is not an
                # inflected verb ("Mauled"), an acronym, or the word after a title
                # ("Mayor Alvarez").
                is_name = (
                    low in PLACE_WORDS
                    or (zipf(low) < _TITLE_WORD_MAX_ZIPF and not low.endswith(_VERB_ENDINGS))
                    or zipf(low) == UNKNOWN_ZIPF
                    or (raw.isupper() and 2 <= len(raw) <= 5)
                    or (
                        prev_word is not None
                        and prev_word[2].lower() in _TITLES
                        and zipf(low) < 4.0
                        and not low.endswith(_VERB_ENDINGS)
                    )
                )
            elif _sentence_start(text, m.start()):
                is_name = low in PLACE_WORDS or zipf(low) < 4.0 or raw.isupper()
            else:
                is_name = True
        elif raw.isupper() and low in {"us", "un", "uk", "eu"}:
            is_name = True
        if is_name and title_case and not current and prev_word is not None:
            # Pull in a capitalised "North"/"New" standing right before the name.
            _, pe, pw = prev_word
            if pw.lower() in _NAME_PREFIXES and pw[:1].isupper() and text[pe:m.start()] == " ":
                current.append(prev_word)
        prev_word = (m.start(), m.start() + len(raw), raw)
        # flush() is a no-op while no name is open (``pending`` only fills while one is),
        # so it is called only when one is: most words are not names.
        if is_name:
            if current and pending:
                current.extend(pending)
            pending.clear()
            current.append(prev_word)
        elif current:
            if low in _CONNECTORS:
                # "Bank of England": a connector joins two capitalised parts of one name.
                pending.append(prev_word)
            else:
                flush()
        # Punctuation between words ends a name ("Moscow, Kyiv").
        if current:
            nxt = text[m.end() : m.end() + 1]
            if nxt and nxt in ",;:.!?()\"":
                flush()
    flush()
    return names


def _sentence_start(text: str, pos: int) -> bool:
    i = pos - 1
    while i >= 0 and text[i] in " \t\"'“‘([":
        i -= 1
    return i < 0 or text[i] in ".!?\n:—"


# ---------------------------------------------------------------- bags


@dataclass(slots=True)
class Bag:
    """The terms of one span with per-stem weights and counts."""

    terms: list[Term] = field(default_factory=list)
    weights: dict[str, float] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    # Stems that only help matching (joined compounds), with no weight of their own.
    extra: set[str] = field(default_factory=set)

    @property
    def stems(self) -> set[str]:
        return set(self.weights) | self.extra

    @property
    def total(self) -> float:
        return sum(self.weights.values())

    def add(self, terms: Iterable[Term]) -> None:
        own, counts, weights, extra = self.terms, self.counts, self.weights, self.extra
        for t in terms:
            own.append(t)
            st, w = t.stem, t.weight
            if w <= 0.0:
                extra.add(st)
                continue
            counts[st] += 1
            if w > weights.get(st, 0.0):
                weights[st] = w


    def merge(self, other: Bag) -> None:
        """``self.add(other.terms)``, from the other bag's totals: the same weights, counts
        and key order (each bag records stems in order of first occurrence), with one
        step per stem instead of per term."""
        self.terms.extend(other.terms)
        weights, counts = self.weights, self.counts
        for st, w in other.weights.items():
            if w > weights.get(st, 0.0):
                weights[st] = w
            counts[st] += other.counts[st]
        if other.extra:
            # Term by term, as add() does: a set's iteration order depends on insertion order.
            self.extra.update(t.stem for t in other.terms if t.weight <= 0.0)


def bag_of(terms: Iterable[Term]) -> Bag:
    bag = Bag()
    bag.add(terms)
    return bag


def coverage(query: Bag, target: Bag | set[str], prefix_credit: float = 0.5) -> float:
    """Share of the query's weight whose stems occur in the target (0 when query empty)."""
    total = query.total
    if total <= 0:
        return 0.0
    stems = target if isinstance(target, set) else target.stems
    got = 0.0
    for s, w in query.weights.items():
        if s in stems:
            got += w
        elif prefix_credit and len(s) >= 5 and any(prefix_match(s, o) for o in stems):
            got += w * prefix_credit
    return got / total


def cosine(a: Bag, b: Bag) -> float:
    """Cosine of two bags, each stem weighted by informativeness x (1 + log count)."""
    if not a.weights or not b.weights:
        return 0.0

    def vec(bag: Bag) -> dict[str, float]:
        return {s: w * (1.0 + math.log(bag.counts[s])) for s, w in bag.weights.items()}

    va, vb = vec(a), vec(b)
    dot = sum(v * vb[s] for s, v in va.items() if s in vb)
    if dot == 0.0:
        return 0.0
    na = math.sqrt(sum(v * v for v in va.values()))
    nb = math.sqrt(sum(v * v for v in vb.values()))
    return dot / (na * nb)


# ---------------------------------------------------------------- per article


@dataclass(slots=True)
class ArticleTerms:
    headline: Bag | None
    headings: list[Bag]
    sentences: list[Bag]
    paragraphs: list[Bag]
    body: Bag
    sentence_frequency: Counter[str]
    body_stems: set[str]


def _span_terms(ctx: Context, start: int, end: int) -> list[Term]:
    """Terms of an original span, read from the normalised text, with original offsets."""
    norm = ctx.norm
    n0, n1 = norm.to_normalized(start), norm.to_normalized(end)
    cached = _terms_cached(norm.text[n0:n1])
    # Terms are rebuilt with tuple.__new__, not _replace(): this runs for every term of
    # every article, and _replace goes through a dict of keywords.
    new = tuple.__new__
    if norm.starts is None:  # ASCII text: normalised offsets are original offsets
        return [new(Term, (t[0], t[1], t[2] + n0, t[3] + n0, t[4], t[5], t[6])) for t in cached]
    starts, ends = norm.starts, norm.ends
    assert ends is not None
    # norm.to_original inlined: a term is never empty.
    return [
        new(Term, (t[0], t[1], starts[n0 + t[2]], ends[n0 + t[3] - 1], t[4], t[5], t[6]))
        for t in cached
    ]


def article_terms(ctx: Context) -> ArticleTerms:
    """Term bags of the headline, each heading, sentence and paragraph (use ctx.analysis)."""
    doc = ctx.doc
    headline = bag_of(_span_terms(ctx, *doc.headline)) if doc.headline else None
    headings = [bag_of(_span_terms(ctx, s, e)) for s, e in doc.headings]
    sentences = [bag_of(_span_terms(ctx, s.start, s.end)) for s in doc.sentences]
    paragraphs: list[Bag] = []
    body = Bag()
    freq: Counter[str] = Counter()
    for p_index, para in enumerate(doc.paragraphs):
        bag = Bag()
        for i in para.sentences:
            bag.merge(sentences[i])
        paragraphs.append(bag)
        if p_index in ctx.boilerplate:
            continue
        # The paragraph's bag is its sentences merged in order: merging it gives the body
        # the same terms, weights, counts and key order in fewer steps.
        body.merge(bag)
        for i in para.sentences:
            freq.update(sentences[i].weights.keys())
    return ArticleTerms(headline, headings, sentences, paragraphs, body, freq, body.stems)
