"""Find the parts of actor phrases in text: dictionary names and agent words.

``find_items`` scans the text's units once, longest dictionary alias or agent phrase first
(names: "Vladimir Putin", "Kremlin", "Ukrainian"; agents: "armed forces", "spokesperson"), and
keeps a name only where it reads as one (capitalised, not part of another name, not a place where
something happened). ``actor_groups`` then joins the parts into phrases.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Doc, Token

from eventwire.annotate.actors.dictionary import ActorDictionary, ActorRecord
from eventwire.annotate.actors.headlines import in_headline
from eventwire.annotate.actors.places import (
    LOCATIVE_PREPS,
    PLACE_KINDS,
    PLACE_NOUNS,
    acts_as_place,
    medium,
    named_for,
    owns_nothing,
    part_of_a_name,
    place_like,
    where,
)
from eventwire.annotate.actors.text import POSSESSIVE, normalise_unit, split_code, text_units

# Words allowed between the parts of one actor phrase ("Russia's new President", "former Prime
# Minister", "Mr Putin"); "of" (or "of the") only joins an agent to a following country.
LINKERS = frozenset(
    {POSSESSIVE, "new", "former", "ex", "acting", "then", "top", "senior", "outgoing", "incoming",
     "interim", "deputy", "mr", "mrs", "ms", "dr", "sir", "of"}
)  # fmt: skip
FORMER_WORDS = frozenset({"former", "ex"})
# A demonym after these words names an ethnic group, not the state ("ethnic Albanians in Serbia").
ETHNIC_WORDS = frozenset({"ethnic"})
ETHNIC_ROLE = "CVL"
# Text allowed between units of one phrase: spaces and apostrophes, or one hyphen ("Secretary-
# General"); a spaced dash ("WASHINGTON -- President") separates phrases. After an initial or an
# abbreviation its full stop may stand in the gap too ("Joseph R. Biden Jr.").
GAP_PATTERN = re.compile(r"[\s'’]*|-")
ABBREVIATION_GAP = re.compile(r"\.\s*")
ABBREVIATIONS = frozenset(
    {"jr", "sr", "st", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "gov", "sen", "rep", "pres"}
)
# Capitalised words before a country that name a part of it, not another name ("South Lebanon").
DIRECTION_WORDS = frozenset(
    {"north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "northeast",
     "northwest", "southeast", "southwest", "northeastern", "northwestern", "southeastern", "southwestern"}
)  # fmt: skip
# Word parts a name is hyphenated to when the word is about something else: a leaning or time
# before it ("pro-Israel", "post-Soviet"; "anti-Trump" names its target), a likeness after it ("Reagan-like",
# "Trump-isms"), or Americans of that origin ("Cuban-Americans" are Americans).
HYPHEN_PREFIX = re.compile(r"(?<![A-Za-z])(?:pro|post|pre|non|neo)-$", re.IGNORECASE)
HYPHEN_SUFFIX = re.compile(r"-(?:like|esque|isms?|ists?|ites?|style|era|mania|[Aa]mericans?)\b")
# A capitalised word right before a prefix-like word: the prefix is a name's last word ("Post-ABC").
NAME_BEFORE = re.compile(r"[A-Z]\w*\s$")
NAME_BEFORE_REACH = 100
# Seats of government named by their building: under "in"/"at" the building, not the office.
SEAT_BUILDINGS = frozenset(
    {"white house", "kremlin", "pentagon", "capitol", "downing street", "elysee", "elysee palace", "blue house",
     "oval office", "zhongnanhai", "quirinale", "chigi palace"}
)  # fmt: skip
# Acts an agent word before them is the actor of ("media scrutiny", "police raids", "army shelling",
# "a court order").
OWNED_ACTS = frozenset(
    {"scrutiny", "attack", "criticism", "pressure", "crackdown", "raid", "strike", "shelling", "airstrike",
     "investigation", "probe", "inquiry", "offensive", "operation", "assault", "bias", "coverage", "sanction",
     "order", "ruling", "edict", "injunction", "verdict", "statement", "communique", "announcement", "decree",
     "decision"}
)  # fmt: skip
# Agent words that name no actor on their own: voters (a vote by the public is no event, so
# they are no source or target, guidelines §1.1) and the delegates a primary awards (a
# government's envoys are its "delegation"), and an abstract noun with no determiner or
# modifier ("met with opposition", "a lack of leadership", "had good intelligence"; "the opposition"
# and "US intelligence" are actors).
NO_ACTOR_WORDS = frozenset({"voter", "voters", "electorate", "delegate", "delegates"})
ABSTRACT_WORDS = frozenset({"opposition", "leadership", "intelligence"})
# Prepositions before a bare "government" that make it office held ("in government").
HELD_PREPS = frozenset({"in", "into"})
# What an administration runs when the word is the running, not a government ("of the law").
RUN_THINGS = frozenset(
    {"law", "laws", "justice", "oath", "test", "tests", "exam", "vaccine", "vaccines", "drug", "drugs",
     "medicine", "medicines", "fund", "funds"}
)  # fmt: skip
# The role of plain civilians: a named private person is no political actor (guidelines §7.5 list
# named persons in political, legal, social-movement, media or business roles only).
PLAIN_CIVILIAN = "CVL"
# Possessives of the writer or the reader: a company after one is their account or product.
WRITER_POSSESSIVES = frozenset({"our", "your", "my"})
# Entities whose inner country names are part of another name ("RBC Ukraine", "Jordan Peterson").
NAME_ENTITY_LABELS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})
# Single-word aliases this short must be written in capitals to count ("US", "UN" but not "us").
SHORT_ALIAS_CHARS = 3
# Sectors a lone agent word may stand for ("protesters", "troops", "companies"); others need a country.
GENERIC_SECTORS = frozenset(
    {"GOV", "MIL", "REB", "OPP", "PTY", "COP", "CVL", "REF", "LEG", "JUD", "UAF", "SPY", "CRM", "ELI", "BUS", "JRN",
     "EDU", "LAB"}
)  # fmt: skip
TENTATIVE = "tentative"
# Confidence recorded with each way of resolving a mention.
SCORES = {
    "dictionary": 1.0,
    "title": 1.0,
    "metonymy": 0.9,
    "coref": 0.9,
    "apposition": 0.9,
    "context": 0.7,
    "relation": 0.7,
    "generic": 0.5,
}


@dataclass(slots=True)
class Unit:
    start: int
    end: int
    key: str
    token: Token | None = None


@dataclass(slots=True)
class Item:
    """A dictionary hit over units ``first..last``: an actor alias, an agent phrase, a blocker or a
    place read as where something happened."""

    first: int
    last: int
    kind: str  # "actor" | "agent" | "block" | "location"
    record: ActorRecord | None = None
    role: str | None = None
    weak: bool = False
    complement: bool = False
    tentative: bool = False


# Marks a place name read as where something happened (not an actor, nor is any part of it).
LOCATION = Item(-1, -1, "location")


def doc_units(doc: Doc, text: str) -> list[Unit]:
    """The units of ``text`` (= ``doc.text``), each with the token it starts in."""
    tokens = list(doc)
    starts = [t.idx for t in tokens]
    return [Unit(s, e, k, tokens[bisect_right(starts, s) - 1]) for s, e, k in text_units(text)]


def plain_units(text: str) -> list[Unit]:
    return [Unit(s, e, k) for s, e, k in text_units(text)]


def joined(text: str, units: list[Unit], first: int, last: int) -> bool:
    """True when units first..last are written as one phrase (no comma, no sentence break)."""
    for i in range(first, last):
        start, end = units[i].end, units[i + 1].start
        if GAP_PATTERN.fullmatch(text, start, end):
            continue
        key = units[i].key
        if not ((len(key) == 1 or key in ABBREVIATIONS) and ABBREVIATION_GAP.fullmatch(text, start, end)):
            return False
    return True


def _candidates(keys: list[str], i: int, prefixes: frozenset[str]) -> list[tuple[int, str]]:
    """(last unit, key) of every dictionary prefix starting at unit ``i``, shortest first. A
    possessive may also be read as a plain "s" ("People's Republic" is listed as "Peoples Republic")."""
    found: list[tuple[int, str]] = []
    active = [keys[i]]
    j = i
    while active:
        found.extend((j, key) for key in active)
        j += 1
        if j >= len(keys):
            break
        extended = [key + " " + keys[j] for key in active]
        if keys[j] == POSSESSIVE:
            extended += [key + "s" for key in active]
        active = [key for key in extended if key in prefixes]
    return found


def find_items(text: str, units: list[Unit], dictionary: ActorDictionary, when: date | None) -> list[Item]:
    """Longest-first dictionary hits, left to right, without overlaps."""
    items: list[Item] = []
    keys = [u.key for u in units]
    i, n = 0, len(units)
    while i < n:
        item = None
        if keys[i] in dictionary.prefixes:
            for last, key in reversed(_candidates(keys, i, dictionary.prefixes)):
                item = _actor_item(text, units, i, last, key, dictionary, when, items)
                if item is LOCATION:
                    # "in Kansas City": a place (kept as context for sector-only mentions), and so is any part of it
                    item = Item(i, last, "location", record=dictionary.choose(dictionary.aliases[key], when))
                    break
                if (
                    item is None
                    and key in dictionary.agents
                    and keys[last] != POSSESSIVE
                    and joined(text, units, i, last)
                ):
                    role = None if _no_actor(key, units[last].token) else dictionary.agent_role(key)
                    if role == PLAIN_CIVILIAN and _titles_name(units[last].token):
                        role = None  # "tattoo artist Jane Roe": a named private person is no actor
                    item = Item(i, last, "agent" if role else "block", role=role, weak=_modifier(units[last].token))
                if item is not None:
                    break
        if item is None:
            i += 1
            continue
        items.append(item)
        i = item.last + 1
    confirmed = {id(i.record) for i in items if i.kind == "actor" and not i.tentative}
    return [i for i in items if not i.tentative or id(i.record) in confirmed]


def _actor_item(
    text: str,
    units: list[Unit],
    first: int,
    last: int,
    key: str,
    dictionary: ActorDictionary,
    when: date | None,
    items: list[Item],
) -> Item | None:
    """The actor alias ``key`` over units first..last, if it is one and reads as a name here."""
    indices = dictionary.aliases.get(key)
    if indices is None or not joined(text, units, first, last):
        return None
    item = Item(first, last, "actor", record=dictionary.choose(indices, when))
    valid = _valid_name(text, units, item, key, dictionary)
    if valid == LOCATION:
        return LOCATION
    if not valid or _after_other_name(text, units, item, items):
        return None
    item.tentative = valid == TENTATIVE
    if item.record.kind == "country" and first > 0 and units[first - 1].key in ETHNIC_WORDS:
        # "ethnic Albanians" are civilians of wherever they live, not the state: a sector word
        item.kind, item.role, item.record = "agent", ETHNIC_ROLE, None
        item.weak = _modifier(units[last].token)
    return item


def _after_other_name(text: str, units: list[Unit], item: Item, items: list[Item]) -> bool:
    """A country or city right after an unmatched proper noun belongs to that name ("RBC Ukraine",
    "Radio Free Europe"), not to the state. A capitalised direction names a part of the country
    ("South Lebanon", "Western Cambodia"), and a demonym is no part of a name ("Radical French
    farmers", "Young Algerians")."""
    if item.record.kind not in PLACE_KINDS or item.first == 0:
        return False
    token = units[item.first - 1].token
    if token is None or token.pos_ != "PROPN" or (items and items[-1].last == item.first - 1):
        return False
    if units[item.first - 1].key in DIRECTION_WORDS:
        return False
    name = units[item.first].token
    if name is not None and (name.pos_ == "ADJ" or name.ent_type_ == "NORP"):
        return False
    return joined(text, units, item.first - 1, item.first)


def _no_actor(key: str, token: Token | None) -> bool:
    """An agent word read as no actor in a text: a place ("the city"), voters, an abstract noun
    standing bare or only described ("opposition by Congress", "fierce opposition", "in government"),
    a platform ("posted on social media") or the running of a thing ("the fair administration of the
    law"; "the administration of President Obama" is one). A phrase given as an actor
    (``resolve_text``, no parse: "Iraqi towns") keeps its agent reading: it is some act's target,
    the towns' civilians."""
    if token is None:
        return False
    if key in PLACE_NOUNS or key in NO_ACTOR_WORDS:
        return True
    doc = token.doc
    if key == "media" and token.i > 0 and doc[token.i - 1].lower_ == "social":
        return True
    if key == "administration":
        after = [t.lower_ for t in doc[token.i + 1 : token.i + 4]]
        thing = after[2:3] if after[1:2] == ["the"] else after[1:2]  # "of the law", "of justice"
        if after[:1] == ["of"] and thing and thing[0] in RUN_THINGS:
            return True
    if key == "government" and token.n_lefts == 0 and token.dep_ == "pobj" and token.head.lower_ in HELD_PREPS:
        return True  # "a voice in government": holding office, not a government
    return key in ABSTRACT_WORDS and token.dep_ != "compound" and all(map(_describes_only, token.lefts))


def _describes_only(token: Token) -> bool:
    """A word before an abstract noun that only says how it is ("fierce opposition", "steady,
    experienced leadership"), not whose ("the opposition", "Syrian opposition")."""
    if token.dep_ in ("punct", "cc"):
        return True
    plain = not token.ent_type_ and (token.text.islower() or bool(token.is_sent_start))
    return token.dep_ in ("amod", "advmod") and token.pos_ in ("ADJ", "ADV") and plain


def _titles_name(token: Token | None) -> bool:
    """A word right before a person's name that it describes ("artist Zashay Tastas")."""
    if token is None or token.i + 1 >= len(token.doc):
        return False
    after = token.doc[token.i + 1]
    return after.ent_type_ == "PERSON" and after.ent_iob_ == "B"


def _modifier(token: Token | None) -> bool:
    """An agent word used as a modifier ("military capacity", "government-run"), not as a head;
    modifying an act of its own it stays the act's actor ("media scrutiny", "police raids")."""
    if token is None:
        return False
    if token.dep_ in ("compound", "amod") and token.head.i > token.i:
        return token.head.lemma_.lower() not in OWNED_ACTS
    if token.pos_ not in ("NOUN", "PROPN"):
        return True
    doc = token.doc  # "delegate-rich", "police-heavy": the word and a hyphen open an adjective
    return token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].pos_ in ("ADJ", "VERB")


def _valid_name(text: str, units: list[Unit], item: Item, key: str, dictionary: ActorDictionary) -> bool | str | Item:
    """Names are capitalised proper nouns; short aliases must be in capitals; a city under a
    locative preposition is a place (``LOCATION``), not an actor. A one-word name the tagger did not read as a
    proper noun is ``TENTATIVE``: kept only if the document names the same actor elsewhere."""
    start, end = units[item.first].start, units[item.last].end
    span = text[start:end]
    if span.islower() or (span[:4] in ("The ", "the ") and span[4:].islower()):
        return False  # "the foundation" opening a sentence is no name ("The Foundation" may be)
    if inside_a_word(text, start, end):
        return False
    status: bool | str = True
    if item.first == item.last:
        if len(key) <= SHORT_ALIAS_CHARS and not span.replace(".", "").isupper():
            return False
        token = units[item.first].token
        handle = start > 0 and text[start - 1] == "@"  # "stand up to the @NRA": an account is a name
        proper = token is None or token.pos_ == "PROPN" or bool(token.ent_type_) or handle
        if not proper and not (item.record.kind == "country" and token.pos_ in ("ADJ", "NOUN")):
            status = TENTATIVE
    if item.first == item.last and item.record.kind == "person" and _inside_longer_name(text, units, item, dictionary):
        return False
    last = units[item.last].token
    if item.record.kind == "person" and last is not None and named_for(last):
        return False
    token = _root(units, item)
    if token is not None and place_like(item.record) and where(token):
        return LOCATION
    if token is not None and item.record.kind in PLACE_KINDS:
        if part_of_a_name(token, item.record.name):
            return False  # "Chad Day", "Georgia Fowler", "…, Cuban said" (Mark Cuban)
        if owns_nothing(token, _agent_word(token.head, dictionary), item.record.kind == "capital"):
            return LOCATION
    if token is not None and item.record.kind == "org":
        if key.removeprefix("the ") in SEAT_BUILDINGS and token.dep_ == "pobj" and token.head.lower_ in LOCATIVE_PREPS:
            return LOCATION  # "residing in the White House", "her time at the Kremlin": the building
        first = units[item.first].token
        before = first.doc[first.i - 1].lower_ if first is not None and first.i > 0 else ""
        if before in ("a", "an") and token.dep_ not in ("compound", "amod", "nmod", "poss"):
            return False  # one of a kind, not the body: "a Catholic church" ("a White House aide" is)
        if before in WRITER_POSSESSIVES and split_code(item.record.code_on(None))[1] == "BUS":
            return False  # the writer's or reader's account on a platform: "our Twitter", "your Facebook"
        if item.first == item.last and token.ent_type_ == "PERSON" and dictionary.is_surname(token.lower_):
            return False  # "Judge Ford"; a one-word name no person bears is the body ("Gawker")
        if split_code(item.record.code_on(None))[1] == "BUS" and medium(token, _agent_word(token.head, dictionary)):
            return LOCATION
    if token is not None and key in dictionary.places and item.record.kind == "country" and not span.isupper():
        if token.ent_type_ == "PERSON":
            return False  # a city name the tagger reads as a person's ("Ariana")
        # a city or state acting ("Islamabad blames", "attacked Odesa port") is an actor; elsewhere
        # it is where things happen ("California has seen a surge", "a California victory"), and its
        # police or governor take its country from it as a place ("Chicago police"). A name in
        # capitals is the country's abbreviation ("USA"), whatever town shares it.
        return status if acts_as_place(token) else LOCATION
    return status


def inside_a_word(text: str, start: int, end: int) -> bool:
    """A name joined by a hyphen into a word about something else: "pro-Israel", "post-Soviet",
    "Reagan-like", "Trump-isms" ("Russian-backed", "Saudi-led" keep their actor)."""
    before = HYPHEN_PREFIX.search(text, max(0, start - 6), start)
    if (
        before is not None
        and text[before.start()].isupper()
        and NAME_BEFORE.search(text, max(0, before.start() - NAME_BEFORE_REACH), before.start())
    ):
        before = None  # "the Washington Post-ABC News poll": the last word of another name
    return before is not None or HYPHEN_SUFFIX.match(text, end) is not None


def _agent_word(token: Token, dictionary: ActorDictionary) -> bool:
    """An agent word makes a modifier and itself one actor ("Russian troops"); "people" is none."""
    return (dictionary.agent_role(token.lower_) or dictionary.agent_role(token.lemma_.lower())) is not None


def _root(units: list[Unit], item: Item) -> Token | None:
    """The token of the item's words that the rest hang on ("District" in "District of Columbia";
    "U.S." in "the U.S. market", whose article hangs on the noun after it)."""
    last = units[item.last].token
    if last is None or item.first == item.last:
        return last
    first = units[item.first].token
    for token in last.doc[first.i : last.i + 1]:
        if token.dep_ == "det" and token.i < last.i:
            continue
        if not first.i <= token.head.i <= last.i or token.head is token:
            return token
    return last


def _title_word(key: str, dictionary: ActorDictionary) -> bool:
    return key in LINKERS or key in dictionary.agents


def _inside_longer_name(text: str, units: list[Unit], item: Item, dictionary: ActorDictionary) -> bool:
    """A one-word person alias inside another person's name ("Melania Trump", "Omar Hassan al-Bashir")."""
    token = units[item.first].token
    if token is None:
        neighbours = [j for j in (item.first - 1, item.last + 1) if 0 <= j < len(units)]
        return any(
            text[units[j].start].isupper()
            and joined(text, units, min(j, item.first), max(j, item.first))
            and not _title_word(units[j].key, dictionary)
            for j in neighbours
        )
    doc = token.doc
    before = doc[token.i - 1] if token.i > 0 else None
    if (
        before is not None
        and before.pos_ == "PROPN"
        and not _title_word(normalise_unit(before.text), dictionary)
        and not (before.is_sent_start and before.is_stop)  # a capitalised opener: "Beyond Trump's finances"
    ):
        return not in_headline(token)  # a headline's capitals join no names: "Ben Carson Slams Hillary"
    if token.ent_type_ != "PERSON":
        return False
    left, right = token.i, token.i
    while left > 0 and doc[left].ent_iob_ == "I":
        left -= 1
    while right + 1 < len(doc) and doc[right + 1].ent_iob_ == "I":
        right += 1
    longer = any(
        t.i != token.i
        and t.pos_ == "PROPN"
        and t.text[:1].isupper()
        and not _title_word(normalise_unit(t.text), dictionary)
        for t in doc[left : right + 1]
    )
    return longer and not in_headline(token)
