"""Stemming: the light normaliser that lets inflections and spelling variants meet.

``stem(word) -> str`` strips suffixes so labour/labor, workers/worker,
condemned/condemns/condemnation -> "condemn", denied/denies -> "deny",
organised/organized meet; nationality words meet their country (Russian/Russians ->
"russia"), and informal or headline words meet the plain word (mom -> mother, cops ->
police, decapitated -> behead). Compare stems with stems.

``prefix_match(a, b) -> bool``: two stems that share a long prefix (derivations the
stemmer leaves apart: "administrat"/"administr").
"""

from __future__ import annotations

import re
from functools import lru_cache

from copydesk.analysis.terms.words import wordset

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
_NOT_BRITISH = wordset(
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
    pulling installing controlling enrolling fulfilling swelling smelling"""
)
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
    "american": "america",
    "russian": "russia",
    "korean": "korea",
    "ukrainian": "ukraine",
    "chinese": "china",
    "iranian": "iran",
    "iraqi": "iraq",
    "israeli": "israel",
    "syrian": "syria",
    "british": "britain",
    "briton": "britain",
    "french": "france",
    "german": "germany",
    "italian": "italy",
    "japanese": "japan",
    "indian": "india",
    "pakistani": "pakistan",
    "afghan": "afghanistan",
    "egyptian": "egypt",
    "turkish": "turkey",
    "mexican": "mexico",
    "canadian": "canada",
    "australian": "australia",
    "brazilian": "brazil",
    "palestinian": "palestine",
    "spanish": "spain",
    "swedish": "sweden",
    "dutch": "netherlands",
    "greek": "greece",
    "cuban": "cuba",
    "european": "europe",
    "african": "africa",
    "asian": "asia",
    "slovak": "slovakia",
    "slovakian": "slovakia",
    "lebanese": "lebanon",
    "libyan": "libya",
    "yemeni": "yemen",
    "venezuelan": "venezuela",
    "nigerian": "nigeria",
    "kenyan": "kenya",
    "belgian": "belgium",
    "irish": "ireland",
    "scottish": "scotland",
    "welsh": "wales",
    "norwegian": "norway",
    "danish": "denmark",
    "finnish": "finland",
    "swiss": "switzerland",
    "austrian": "austria",
    "hungarian": "hungary",
    "romanian": "romania",
    "serbian": "serbia",
    "vietnamese": "vietnam",
    "thai": "thailand",
    "filipino": "philippines",
    "indonesian": "indonesia",
    "qatari": "qatar",
    "kuwaiti": "kuwait",
    "jordanian": "jordan",
    "belarusian": "belarus",
    "georgian": "georgia",
    "armenian": "armenia",
    "taiwanese": "taiwan",
    "colombian": "colombia",
    "argentine": "argentina",
    "argentinian": "argentina",
    "chilean": "chile",
    "peruvian": "peru",
    "saudi": "saudi",
    "somali": "somalia",
    "ethiopian": "ethiopia",
    "sudanese": "sudan",
    "algerian": "algeria",
    "moroccan": "morocco",
    "tunisian": "tunisia",
    "portuguese": "portugal",
    "czech": "czechia",
    "bulgarian": "bulgaria",
    "croatian": "croatia",
    "bosnian": "bosnia",
    "estonian": "estonia",
    "latvian": "latvia",
    "lithuanian": "lithuania",
    "moldovan": "moldova",
    "kazakh": "kazakhstan",
    "uzbek": "uzbekistan",
    "bangladeshi": "bangladesh",
    "nepalese": "nepal",
    "malaysian": "malaysia",
    "singaporean": "singapore",
    "zimbabwean": "zimbabwe",
    "ugandan": "uganda",
    "ghanaian": "ghana",
    "congolese": "congo",
    "haitian": "haiti",
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
_KEEP_DERIVED = wordset(
    """nation nations station stations ration rations notion motion potion lotion
    cement comment comments moment moments element elements segment segments
    document documents implement fragment ferment torment lament garment pigment
    apartment department government governments parliament tournament cement
    witness business harness ability city cities unity entity identity quality
    family reply supply apply italy only early likely daily really family rally
    july tally belly jelly holly bully folly fully truly ugly"""
)


# Headlinese and informal words meet the plain word a body uses ("cops" in the headline,
# "police" in the text). Only pairs that keep their meaning in news copy; ambiguous
# headline words ("row", "bid", "eyes") are left alone.
_SYNONYM_PAIRS = (
    ("mom", "mother"),
    ("mum", "mother"),
    ("mommy", "mother"),
    ("dad", "father"),
    ("daddy", "father"),
    ("kid", "child"),
    ("tot", "child"),
    ("toddler", "child"),
    ("cop", "police"),
    ("guy", "man"),
    ("bloke", "man"),
    ("teen", "teenager"),
    ("doc", "doctor"),
    ("medic", "doctor"),
    ("boob", "breast"),
    ("pic", "picture"),
    ("photo", "picture"),
    ("vid", "video"),
    ("probe", "investigation"),
    ("investigate", "investigation"),
    ("quit", "resign"),
    ("axe", "cut"),
    ("hike", "increase"),
    ("nab", "arrest"),
    ("wed", "marry"),
    ("jail", "prison"),
    ("blaze", "fire"),
    ("quake", "earthquake"),
    ("chopper", "helicopter"),
    ("boffin", "scientist"),
    ("prez", "president"),
    ("mull", "consider"),
    ("vow", "pledge"),
    ("slay", "kill"),
    ("slaying", "killing"),
    ("decapitate", "behead"),
    ("corpse", "body"),
    ("smartphone", "phone"),
    ("cellphone", "phone"),
    ("mobile", "phone"),
    ("automobile", "car"),
    ("airliner", "plane"),
    ("aircraft", "plane"),
    ("jet", "plane"),
    ("airplane", "plane"),
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
    if len(base) >= 4 and base[-1] == base[-2] and base[-1] not in _DOUBLE_KEEP and base[-1] not in "aeiou":
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
