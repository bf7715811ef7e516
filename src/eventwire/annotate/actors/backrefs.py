"""Definite role nouns that point back to a named body: "the alliance" after NATO, "the newspaper"
after The New York Times, "the company" after a firm named earlier.

Such a noun names no sector of a country: it is the body the story named last, of its kind.
"""

from __future__ import annotations

import re

import numpy
from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.match import SCORES
from eventwire.model import ActorMention

# Head noun → the sectors of the bodies it refers back to.
BODIES = ("IGO", "NGO", "BUS", "MED", "LAB", "EDU")
BACK_NOUNS = {
    "alliance": ("IGO",), "bloc": ("IGO",), "organisation": BODIES, "organization": BODIES,
    "newspaper": ("MED",), "paper": ("MED",), "network": ("MED",), "broadcaster": ("MED",),
    "magazine": ("MED",), "daily": ("MED",), "outlet": ("MED",), "agency": ("MED",),
    "company": ("BUS",), "firm": ("BUS",), "group": ("BUS", "NGO"), "carrier": ("BUS",), "bank": ("BUS",),
    "lender": ("BUS",), "foundation": ("NGO",), "charity": ("NGO",), "union": ("LAB",), "federation": ("LAB",),
    "council": ("LAB", "IGO"), "bureau": ("COP", "SPY"), "committee": ("LEG",), "panel": ("LEG",),
    "subcommittee": ("LEG",), "court": ("JUD",), "tribunal": ("JUD",), "jury": ("JUD",), "party": ("PTY",),
    "department": ("GOV",), "ministry": ("GOV",),
}  # fmt: skip
# Back nouns of transnational bodies only, and the words that may describe them in between.
IGO_ONLY = ("IGO",)
ALLIANCE_WORDS = frozenset({"western", "military", "defence", "defense", "nation", "member", "atlantic", "-"})
# Determiners a campaign noun may have and still mean a candidate's campaign ("the campaign said",
# "his campaign"): in a story about a candidate it is that race's campaign, coded as candidates are.
CAMPAIGN_NOUNS = frozenset({"campaign", "campaigns"})
CAMPAIGN_DETERMINERS = frozenset({"the", "his", "her", "their"})
# Words that may stand between the determiner and the noun ("his presidential campaign").
CAMPAIGN_MODIFIERS = frozenset({"presidential", "own", "insurgent", "primary", "reelection", "re-election"})
# Where a campaign is the race itself, not the organisation acting: after these prepositions ("race
# slid into the campaign", "fair game in the campaign"), as the object of these verbs ("based his
# campaign on", "conducted his campaign"), or after "the course of".
CAMPAIGN_TIME_PREPS = frozenset({"in", "into", "during", "throughout", "through"})
CAMPAIGN_RUN_VERBS = frozenset({"base", "conduct", "run", "hype", "build", "center", "centre", "focus", "wage"})
CAMPAIGN_SPAN_NOUNS = frozenset({"course", "start", "end", "stage", "rest", "part"})
NOUN_IDS = numpy.array([hash_string(word) for word in (*BACK_NOUNS, *CAMPAIGN_NOUNS)], dtype=numpy.uint64)
# How a mention reads a role noun as a sector alone or with the story's country: a named body the
# noun points back to replaces that reading.
SECTOR_READINGS = frozenset({"generic", "context"})
# How far back (in characters) the named body may be: about a short story's length.
MAX_DISTANCE = 6000
# Epithets a race's coverage gives a candidate in place of the name ("the billionaire businessman",
# "the political neophyte"), and how far back (in characters) the person they describe may be.
EPITHETS = ("businessman", "businesswoman", "mogul", "tycoon", "billionaire", "neophyte", "newcomer", "outsider",
            "neurosurgeon", "surgeon", "entrepreneur", "developer", "star", "celebrity")  # fmt: skip
EPITHET_IDS = numpy.array([hash_string(word) for word in EPITHETS], dtype=numpy.uint64)
EPITHET_DISTANCE = 1500
# Dependencies of a noun said of another (predicate nominals, appositions): no mention of its own.
SAID_OF_DEPS = frozenset({"attr", "oprd", "appos"})
# Corporate suffixes a company's full name ends in: after "Carrier Corp." the story writes "Carrier".
CORPORATE_SUFFIXES = frozenset(
    {"corp", "corporation", "inc", "co", "company", "ltd", "llc", "plc", "group", "holdings", "ag", "sa", "nv"}
)


def back_references(doc: Doc, mentions: list[ActorMention], dictionary: ActorDictionary) -> list[ActorMention]:
    """``mentions`` with "the <noun>" (``BACK_NOUNS``) taking the actor of the nearest earlier
    mention of one of the noun's sectors (a person's code only), in place of the noun's sector reading
    ("newspaper" read as the story country's media); a noun inside a name's mention, or with other
    modifiers ("the new company", "a bank"), is left alone. "The campaign" or "his campaign" after a
    candidate is a candidate's campaign of that country (code only: no person)."""
    bodies = sorted((m for m in mentions if m.actor.sector and named(m)), key=lambda m: m.start)
    if not bodies:
        return mentions
    found: list[ActorMention] = []
    replaced: set[int] = set()
    lowers = doc.to_array([LOWER])
    for i in numpy.flatnonzero(numpy.isin(lowers, NOUN_IDS)).tolist():  # the few tokens that are such nouns
        token = doc[i]
        campaign = token.lower_ in CAMPAIGN_NOUNS
        sectors = ("OPP",) if campaign else BACK_NOUNS.get(token.lower_)
        singular = token.tag_ == "NN" or (token.tag_ == "NNP" and token.text[1:].islower())  # "the Department"
        if sectors is None or token.pos_ not in ("NOUN", "PROPN") or (not singular and not campaign):
            continue
        left = list(token.lefts)
        gap = 1
        if campaign:
            if len(left) == 2 and left[-1].lower_ in CAMPAIGN_MODIFIERS and left[-1].i == token.i - 1:
                left, gap = left[:-1], 2
            if _race_itself(token):
                continue
        openers = CAMPAIGN_DETERMINERS if campaign else ("the",)
        if sectors == IGO_ONLY and left and left[0].lower_ == "the":
            gap = token.i - left[0].i  # "the Western alliance", "the 16-nation bloc": still the one named
            if not all(_describes(t) for t in doc[left[0].i + 1 : token.i]):
                continue
            left = left[:1]
        if len(left) != 1 or left[0].lower_ not in openers or left[0].i != token.i - gap:
            continue
        start, end = left[0].idx, token.idx + len(token)
        inside = [m for m in mentions if m.start < end and start < m.end]
        if any(m.method not in SECTOR_READINGS for m in inside):
            continue
        earlier = [m for m in bodies if m.end <= start and start - m.end <= MAX_DISTANCE and m.actor.sector in sectors]
        if not earlier:
            continue
        actor = earlier[-1].actor
        if campaign:
            if not actor.country:
                continue
            actor = dictionary.composite(actor.country + "OPP")
        elif dictionary.is_person(actor):
            actor = dictionary.composite(actor.cameo_code)  # "the bureau" after James Comey is the FBI's code
        found.append(ActorMention(start, end, doc[left[0].i : token.i + 1].text, actor, "coref", SCORES["coref"]))
        replaced.update(id(m) for m in inside)
    return [m for m in mentions if id(m) not in replaced] + found


def _describes(token: Token) -> bool:
    """A word between "the" and an alliance's noun that describes it ("Western", "military",
    "16-nation"), not one that names another body ("the African Union bloc")."""
    return (
        token.pos_ in ("ADJ", "NUM", "PUNCT")
        or token.lower_ in ALLIANCE_WORDS
        or token.ent_type_ in ("NORP", "CARDINAL")
    )


def _race_itself(token: Token) -> bool:
    """A campaign noun that is the race, not the organisation that acts in it."""
    head = token.head
    if token.dep_ == "pobj":
        return head.lower_ in CAMPAIGN_TIME_PREPS or (head.lower_ == "of" and head.head.lower_ in CAMPAIGN_SPAN_NOUNS)
    return token.dep_ == "dobj" and head.lemma_ in CAMPAIGN_RUN_VERBS


def named(mention: ActorMention) -> bool:
    """A mention that names its actor: found by name, or a capitalised name whose country came from
    context ("Bristol Crown Court"), not a role noun read as a sector."""
    if mention.method not in SECTOR_READINGS:
        return True
    return bool(mention.actor.country) and mention.text.split()[-1][:1].isupper()


def short_names(mentions: list[ActorMention]) -> None:
    """A body written short after its full name ("the Times" after "The New York Times", "the
    Journal" after "The Wall Street Journal") is that body, whatever other body the short form
    names in the table (The Times of London), in place."""
    bodies = [m for m in mentions if named(m) and m.actor.sector and len(m.text.split()) > 2]
    for mention in mentions:
        words = mention.text.lower().split()
        if len(words) != 2 or words[0] != "the" or not mention.text[4:5].isupper():
            continue
        earlier = [
            b for b in bodies
            if b.end <= mention.start and b.actor.actor_id != mention.actor.actor_id
            and b.text.lower().split()[-1] == words[1]
        ]  # fmt: skip
        if earlier:
            mention.actor, mention.method, mention.score = earlier[-1].actor, "coref", SCORES["coref"]


def company_short_names(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` with a company written without its corporate suffix after its full name
    ("Carrier Corp." … "Carrier", "Apple Inc." … "Apple's case") taken as that company: in place of
    a sector reading of the same word ("carrier" as a warship), or as a new mention where none was."""
    shorts: dict[str, tuple[int, ActorMention]] = {}
    for body in sorted((m for m in mentions if m.method not in SECTOR_READINGS), key=lambda m: m.start):
        words = body.text.split()
        if body.actor.sector == "BUS" and len(words) > 1 and words[-1].lower().rstrip(".") in CORPORATE_SUFFIXES:
            short = " ".join(words[:-1])
            shorts.setdefault(short, (body.end, body))
    if not shorts:
        return mentions
    found: list[ActorMention] = []
    replaced: set[int] = set()
    for short, (after, body) in shorts.items():
        for match in re.finditer(rf"\b{re.escape(short)}\b(?![-\w]| [A-Z])", text[after : after + MAX_DISTANCE]):
            start, end = after + match.start(), after + match.end()
            inside = [m for m in mentions if m.start < end and start < m.end]
            if any(m.method not in SECTOR_READINGS or (m.start, m.end) != (start, end) for m in inside):
                continue  # part of another name, or a longer phrase
            found.append(ActorMention(start, end, short, body.actor, "coref", SCORES["coref"]))
            replaced.update(id(m) for m in inside)
    return [m for m in mentions if id(m) not in replaced] + found


def candidate_epithets(doc: Doc, mentions: list[ActorMention], dictionary: ActorDictionary) -> list[ActorMention]:
    """``mentions`` with a definite epithet of a person ("the billionaire businessman", "the political
    neophyte", "the retired neurosurgeon") coded as the candidate it describes, when the person the
    story named last before it is a candidate: a race's coverage calls candidates so. Code only: the
    epithet does not say which candidate, only what kind of actor it is."""
    persons = sorted((m for m in mentions if dictionary.is_person(m.actor)), key=lambda m: m.start)
    if not persons:
        return mentions
    found: list[ActorMention] = []
    replaced: set[int] = set()
    lowers = doc.to_array([LOWER])
    for i in numpy.flatnonzero(numpy.isin(lowers, EPITHET_IDS)).tolist():
        token = doc[i]
        if token.tag_ != "NN" or (i + 1 < len(doc) and doc[i + 1].pos_ == "PROPN"):
            continue  # a plural, or a title before a name ("businessman Donald Trump")
        if token.dep_ in SAID_OF_DEPS or (token.dep_ == "pobj" and token.head.lower_ == "as"):
            continue  # said of someone, not someone: "he is the businessman who", "X, the tycoon"
        left = list(token.lefts)
        if not left or left[0].lower_ != "the" or any(t.pos_ == "PROPN" or t.i >= i for t in left):
            continue
        start, end = left[0].idx, token.idx + len(token)
        inside = [m for m in mentions if m.start < end and start < m.end]
        if any(m.method not in SECTOR_READINGS for m in inside):
            continue
        earlier = [m for m in persons if m.end <= start and start - m.end <= EPITHET_DISTANCE]
        if not earlier or earlier[-1].actor.sector != "OPP" or not earlier[-1].actor.country:
            continue
        actor = dictionary.composite(earlier[-1].actor.country + "OPP")
        found.append(ActorMention(start, end, doc.text[start:end], actor, "coref", SCORES["coref"]))
        replaced.update(id(m) for m in inside)
    return [m for m in mentions if id(m) not in replaced] + found
