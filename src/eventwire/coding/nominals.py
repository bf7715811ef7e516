"""Event nouns: the code of a noun that names an event ("invasion" → invade → 192, "talks" →
consult), read when a light verb ("held talks", "launched an invasion") carries no event itself.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.coding.matching import Match, Matcher, split_code
from eventwire.coding.tree import tree_of

# Nominal endings and the verb endings they come from (negotiations → negotiate, invasion →
# invade, withdrawal → withdraw, admission → admit); the first stem the lexicon knows wins.
NOMINAL_SUFFIXES = (("ations", "ate"), ("ation", "ate"), ("ations", ""), ("ation", ""), ("ation", "e"),
                    ("ation", "y"), ("itions", "ite"), ("ition", "ite"), ("tions", "te"), ("tion", "te"),
                    ("tion", "e"), ("ions", ""), ("ion", ""), ("ion", "e"), ("sion", "de"), ("sion", "d"),
                    ("ssion", "t"), ("ulsion", "el"), ("ials", "y"), ("ial", "y"), ("als", ""), ("al", ""),
                    ("al", "e"), ("ure", "e"), ("ism", "ize"), ("ings", ""), ("ing", ""), ("ing", "e"),
                    ("ments", ""), ("ment", ""), ("s", ""), ("", ""))  # fmt: skip
# Event nouns whose meaning is not that of the verb spelled alike (CAMEO codebook): talks are
# consultations, not statements; a hunger or labour strike is a protest, not an attack; a
# hearing or inquiry into something investigates it.
EVENT_NOUN_CODES = {"talks": "040", "negotiations": "046", "negotiation": "046", "mediation": "045",
                    "demonstration": "141", "demonstrations": "141", "rally": "141", "rallies": "141",
                    "march": "141", "marches": "141", "protest": "140", "protests": "140", "sit-in": "144",
                    "walkout": "143", "invasion": "192", "offensive": "190", "ceasefire": "0871",
                    "truce": "0871", "withdrawal": "0874", "pullout": "0874", "pullback": "0874",
                    "sanctions": "163", "embargo": "163", "blockade": "1721", "crackdown": "175",
                    "curfew": "1723", "curfews": "1723", "hearing": "090", "hearings": "090", "inquiry": "090",
                    "inquest": "090", "probe": "090"}  # fmt: skip
# Modifiers that make a strike a protest: a hunger strike (CAMEO 142) or a labour strike (143).
STRIKE_NOUNS = {"strike", "strikes"}
HUNGER_STRIKE_CODE, LABOUR_STRIKE_CODE = "142", "143"
LABOUR_STRIKE_MODIFIERS = {"general", "labor", "labour", "national", "nationwide", "workers", "open-ended",
                           "indefinite", "warning", "day", "teachers"}  # fmt: skip

# Verbs whose CAMEO.2.0 block default contradicts the CAMEO codebook (negotiating is 046, not
# yielding 080; withdrawing forces is a military retreat 0874); used when no pattern matched.
VERB_CODE_OVERRIDES = {"negotiate": "046", "mediate": "045", "withdraw": "0874", "retreat": "0874",
                       "surrender": "0874", "demobilize": "0873", "demobilise": "0873", "rally": "141"}  # fmt: skip
# Quality of a code read off an object noun: below a verb's own code, above a block default.
QUALITY_NOMINAL = 0.7
# Statement codes (CAMEO 01x) are not events; their complement clauses are coded on their own.
STATEMENT_ROOT = "01"
# Block name of a light verb whose object is a statement ("issued a declaration"): no event.
STATEMENT_BLOCK = "STATEMENT"


def event_noun_code(matcher: Matcher, noun: Token) -> tuple[str, str | None, str] | None:
    """(code, reverse, block) of an eventive noun ("invasion" → invade → 192), else None."""
    word = noun.lower_
    if word in STRIKE_NOUNS:
        mods = {c.lower_ for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
        if "hunger" in mods:
            return HUNGER_STRIKE_CODE, None, "NOUN"
        if mods & LABOUR_STRIKE_MODIFIERS:
            return LABOUR_STRIKE_CODE, None, "NOUN"
    fixed = EVENT_NOUN_CODES.get(word) or EVENT_NOUN_CODES.get(noun.lemma_.lower())
    if fixed:
        return fixed, None, "NOUN"
    return _noun_stem_code(matcher, noun.lemma_.lower())


def _noun_stem_code(matcher: Matcher, lemma: str) -> tuple[str, str | None, str] | None:
    cache = matcher.noun_cache
    if lemma not in cache:
        cache[lemma] = None
        for suffix, repl in NOMINAL_SUFFIXES:
            if suffix and not lemma.endswith(suffix):
                continue
            stem = lemma[: len(lemma) - len(suffix)] + repl if suffix else lemma
            if len(stem) < 3:
                continue
            entries = [e for e in matcher.lexicon.verbs.get(stem, ()) if not (e.after or e.before)]
            found = None
            for entry in entries:
                code, reverse = split_code(entry.code or matcher.lexicon.blocks.get(entry.block))
                if stem in VERB_CODE_OVERRIDES:
                    code, reverse = VERB_CODE_OVERRIDES[stem], None
                if code:
                    found = (code, reverse, entry.block)
                    break
            if entries:
                cache[lemma] = found  # the first stem the lexicon knows decides, coded or not
                break
    return cache[lemma]


def nominal_match(matcher: Matcher, verb: Token) -> Match | None:
    """The code of the event noun governed by a light verb (or an unknown verb); a noun that
    names no event may carry one in a compound ("a mediation mission"). A statement noun
    ("issued a declaration") gives a match without a code: the verb names no event."""
    statement = False
    for obj in verb.children:
        if obj.dep_ not in ("dobj", "attr") or obj.pos_ != "NOUN":
            continue
        nouns = [obj, *(c for c in obj.children if c.dep_ == "compound" and c.pos_ == "NOUN")]
        for noun in nouns:
            found = event_noun_code(matcher, noun)
            if found is not None and not found[0].startswith(STATEMENT_ROOT):
                return Match(found[0], found[1], found[2], None, QUALITY_NOMINAL)
            statement |= found is not None and noun is obj
    return Match(None, None, STATEMENT_BLOCK, None, QUALITY_NOMINAL) if statement else None


# Aspectual verbs whose subject may be the event itself ("riots are continuing", "fighting
# resumed", "talks began"): without an object, that noun's event is the one going on.
ASPECTUAL_VERBS = {"continue", "begin", "start", "resume", "intensify", "escalate", "erupt", "persist", "spread"}


def subject_event_match(matcher: Matcher, verb: Token) -> Match | None:
    """The event named by the subject of an aspectual verb without an object, else None."""
    tree = tree_of(verb.doc)
    kids, deps = tree.kids[verb.i], tree.deps
    if tree.lemmas[verb.i].lower() not in ASPECTUAL_VERBS or any(deps[c] in ("dobj", "xcomp") for c in kids):
        return None
    for k in kids:
        if deps[k] == "nsubj" and tree.pos[k] == "NOUN":
            found = event_noun_code(matcher, verb.doc[k])
            if found is not None and not found[0].startswith(STATEMENT_ROOT):
                return Match(found[0], found[1], found[2], None, QUALITY_NOMINAL)
    return None
