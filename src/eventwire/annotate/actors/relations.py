"""Relatives and staff of a person are not that person: "the senator's son", "Trump's daughter
Ivanka", "a former aide to the governor", "an adviser to Putin", "a lawyer for Trump".

Without this reading the principal's name inside the phrase is the phrase's only actor, so the
son's acts and words become the senator's. The whole phrase is one mention (the guidelines keep
possessive affiliations and for/to phrases in the span, docs/annotation.md §4.1) and takes:

- a relative: their own table entry when named ("Ivanka" after "Trump's daughter" is Ivanka
  Trump), else a civilian of the principal's country (``CVL``), else an unresolved civilian;
- an aide, adviser, chief of staff or spokesperson of an office holder: the principal's code (they
  are government or legislature staff), never the principal; "former" makes them ELI;
- a lawyer for a person: a private professional of the principal's country (``BUS``, as the
  guidelines code consultants, §9 rule 5), never the principal's office.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import numpy
from spacy.attrs import LOWER
from spacy.strings import hash_string
from spacy.tokens import Doc, Token

from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.match import FORMER_WORDS, SCORES
from eventwire.annotate.actors.places import PLACE_KINDS
from eventwire.annotate.actors.text import normalise, split_code
from eventwire.model import Actor, ActorMention

KIN_WORDS = frozenset(
    {"son", "sons", "daughter", "daughters", "wife", "husband", "brother", "brothers", "sister", "sisters",
     "father", "mother", "nephew", "niece", "cousin", "uncle", "aunt", "grandson", "granddaughter", "widow",
     "stepson", "stepdaughter", "stepmother", "stepfather", "fiancee", "fiancée", "fiance", "fiancé",
     "children", "child", "spouse", "relative", "relatives", "family", "girlfriend", "boyfriend", "parents"}
)  # fmt: skip
# A family's members as a group: they live where the text places them ("his Miami relatives").
KIN_GROUPS = frozenset({"relatives", "relative", "kin", "family", "families"})
STAFF_WORDS = frozenset(
    {"aide", "aides", "adviser", "advisers", "advisor", "advisors", "spokesman", "spokeswoman", "spokesperson",
     "chief", "secretary", "assistant", "assistants", "staffer", "staffers", "deputy", "bodyguard", "bodyguards",
     "staff", "office"}
)  # fmt: skip
LAWYER_WORDS = frozenset({"lawyer", "lawyers", "attorney", "attorneys"})
# Nouns for one person's office: an owner that is a person though the table names no one.
PERSON_ROLES = frozenset(
    {"president", "senator", "governor", "mayor", "minister", "premier", "chancellor", "king", "queen", "prince",
     "princess", "leader", "congressman", "congresswoman", "lawmaker", "representative", "candidate", "nominee",
     "speaker", "ambassador", "judge", "general", "commander", "chairman", "chairwoman", "dictator", "monarch",
     "emperor", "emir", "sheikh", "ayatollah", "pope", "prosecutor", "envoy", "secretary", "mp", "senator-elect",
     "president-elect", "sheriff", "councilman", "councilwoman", "tycoon", "businessman", "billionaire"}
)  # fmt: skip
# Owners that are one person: an office, or someone's relative or staff ("the wife of Putin's spokesman").
OWNER_ROLES = PERSON_ROLES | KIN_WORDS | STAFF_WORDS | LAWYER_WORDS
ROLE_IDS = numpy.array([hash_string(w) for w in KIN_WORDS | STAFF_WORDS | LAWYER_WORDS], dtype=numpy.uint64)
# Prepositions whose object owns the role before them ("an adviser to Putin", "the wife of X").
OWNER_PREPS = frozenset({"to", "for", "of"})
OWNER_PRONOUNS = frozenset({"his", "her", "their", "my", "our", "your"})
RELATION_METHOD = "relation"
# A comma between a relative's noun and a name in apposition to it.
APPOSITION_GAP = re.compile(r"\s*,\s*")
# A generational suffix after a matched name: "Donald Trump Jr." is the son.
SUFFIX = re.compile(r",?\s(Jr|Sr)\b\.?")
# Sectors of agent words that are also first names ("Hunter"), never a title before a name.
NAME_LIKE_SECTORS = frozenset({"CVL", "AGR", "REL", "LAB"})


def relatives_and_staff(
    doc: Doc, text: str, mentions: list[ActorMention], dictionary: ActorDictionary, when: date | None
) -> list[ActorMention]:
    """``mentions`` with each relative or staff phrase of a person as one mention of its own
    (``text`` is ``doc.text``, which spaCy joins anew on every read)."""
    found: list[Relation] = []
    lowers = doc.to_array([LOWER])  # one array read: looking at every token's words costs a Token each
    for i in numpy.flatnonzero(numpy.isin(lowers, ROLE_IDS)).tolist():
        word = doc[i]
        if word.pos_ not in ("NOUN", "PROPN"):
            continue
        following = [t.lower_ for t in doc[i + 1 : i + 5] if t.text != "-"]
        if following[:1] == ["general"] or following[:2] in (["of", "state"], ["of", "defense"], ["of", "defence"]):
            continue  # "attorney general", "secretary of state": an office of its own
        more = 2 if following[:2] in (["of", "staff"], ["in", "law"]) else 0
        last = word
        while more:
            last = doc[last.i + 1]
            more -= last.text != "-"
        reading = _reading(doc, word, last, mentions, dictionary, when)
        if reading is not None and (reading.apposed or not _apposed_person(text, reading.end, mentions, dictionary)):
            found.append(reading)
    if not found:
        return _namesakes(text, mentions, dictionary, when)
    found.sort(key=lambda f: f.end - f.start)  # inner phrases first: "the wife of Putin's spokesman"
    for relation in found:
        start, end = relation.start, relation.end
        inside = [m for m in mentions if m.start < end and start < m.end]
        start = min([start] + [m.start for m in inside])
        end = max([end] + [m.end for m in inside])
        if relation.apposed is not None:  # "his son, Hunter Biden,": the same person, no second mention
            inside += [m for m in mentions if m.start < relation.apposed[1] and relation.apposed[0] < m.end]
        gone = {id(m) for m in inside}
        mentions = [m for m in mentions if id(m) not in gone]
        actor, method = relation.actor, relation.method
        mentions.append(ActorMention(start, end, text[start:end], actor, method, SCORES[method]))
        if relation.name and relation.principal:
            # the relative named again alone is still not the principal ("Hunter Biden denied …")
            for m in mentions:
                if m.text == relation.name and m.actor.actor_id == relation.principal:
                    m.actor, m.method, m.score = actor, method, SCORES[method]
    return _namesakes(text, mentions, dictionary, when)


@dataclass(slots=True)
class Relation:
    """A relative or staff phrase: its span, actor, the name it gives (if any), the span of a name
    apposed after a comma, and the principal's actor id."""

    start: int
    end: int
    actor: Actor
    method: str
    name: str | None = None
    apposed: tuple[int, int] | None = None
    principal: str | None = None


def _namesakes(
    text: str, mentions: list[ActorMention], dictionary: ActorDictionary, when: date | None
) -> list[ActorMention]:
    """Namesakes of a person are someone else: "Donald Trump Jr." (the table matched "Donald Trump"
    and has no entry with the suffix) is a relative, a civilian of the person's country; in
    "Hunter Biden" the first name is no title ("hunter" is an agent word) and names a person the
    table lacks, so no actor."""
    kept = []
    for mention in mentions:
        actor = mention.actor
        if mention.method in ("dictionary", "title", "coref") and dictionary.is_person(actor):
            suffix = SUFFIX.match(text, mention.end)
            if suffix is not None:
                own = dictionary.lookup(f"{mention.text} {suffix.group(1)}.", when)
                if own is None or own.actor_id != actor.actor_id:
                    code = f"{actor.country}CVL" if actor.country else None
                    mention.end = suffix.end()
                    mention.text = text[mention.start : mention.end]
                    mention.actor = dictionary.composite(code) if code else dictionary.generic("CVL")
                    mention.method = RELATION_METHOD if code else "generic"
                    mention.score = SCORES[mention.method]
            elif mention.method == "title" and _first_name_agent(mention.text, actor, dictionary):
                continue
        kept.append(mention)
    return kept


def _first_name_agent(written: str, actor: Actor, dictionary: ActorDictionary) -> bool:
    """A two-word name whose first word the agent table reads as a civilian role ("Hunter Biden"),
    unlike the person's own first name."""
    words = written.split()
    if len(words) != 2 or not words[0][:1].isupper() or words[0] == actor.name.split()[0]:
        return False
    role = dictionary.agent_role(words[0].lower())
    return role is not None and role[:3] in NAME_LIKE_SECTORS


def _reading(
    doc: Doc, word: Token, last: Token, mentions: list[ActorMention], dictionary: ActorDictionary, when: date | None
) -> Relation | None:
    """The span and actor of the relation headed by ``word`` (ending at ``last``), or None when no
    person owns it."""
    owner, owner_end = _owner(word, last)
    if owner is None:
        return None
    pronoun = owner.lower_ in OWNER_PRONOUNS
    principal = None if pronoun else _mention_at(mentions, owner)
    person = principal is not None and dictionary.is_person(principal.actor)
    if not (pronoun or person or owner.lower_ in OWNER_ROLES or owner.ent_type_ == "PERSON"):
        return None  # a body's spokesman or lawyer ("a spokesman for the Kremlin") is read elsewhere
    kind = word.lower_
    if word.dep_ == "appos" and word.head.pos_ == "PROPN" and word.head.i < word.i:
        return None  # "Kushner, Trump's son-in-law": said of the name before it (predicates)
    if pronoun and kind not in KIN_WORDS:
        principal = _antecedent(doc, word, mentions, dictionary)
        if principal is None:
            return None  # "his spokesman": whose office, the pronoun does not say here
    lefts = [t for t in word.lefts if t.dep_ not in ("det", "punct")]
    first = min([word.i] + [t.left_edge.i for t in lefts])
    while first < word.i and doc[first].pos_ == "DET":
        first += 1
    name, apposed = _name_after(doc, last)
    if pronoun and name and kind not in KIN_WORDS:
        return None  # "her aide, Jake Sullivan": the name says who, and is read as a name
    end_token = max(last.i, owner_end, name[-1].i if name and not apposed else -1)
    start, end = doc[first].idx, doc[end_token].idx + len(doc[end_token])
    if principal is not None and not pronoun:
        start, end = min(start, principal.start), max(end, principal.end)
    base = principal.actor if principal is not None else None
    written = " ".join(t.text for t in name) if name else None
    names = (written, (name[0].idx, name[-1].idx + len(name[-1])) if apposed else None, base and base.actor_id)
    own = _own_entry(written, base, dictionary, when) if written else None
    if own is not None:
        return Relation(start, end, own, "dictionary", *names)
    former = any(t.lower_ in FORMER_WORDS for t in doc[first : word.i])
    country = base.country if base is not None else None
    if pronoun and base is None:
        country = _antecedent_country(doc, word, mentions, dictionary)
    if kind in KIN_GROUPS:
        country = _where_they_live(word, dictionary) or country
    if kind in KIN_WORDS:
        sector = "CVL"
    elif kind in LAWYER_WORDS:
        sector = "BUS"
    elif former:
        sector = "ELI"
    elif base is not None and base.sector:
        if not country:
            return Relation(start, end, dictionary.generic(base.cameo_code), "generic", *names)
        return Relation(start, end, dictionary.composite(base.cameo_code), RELATION_METHOD, *names)
    else:
        sector = "CVL" if country else None
        if sector is None:
            return None
    if country:
        return Relation(start, end, dictionary.composite(country + sector), RELATION_METHOD, *names)
    return Relation(start, end, dictionary.generic(sector), "generic", *names)


def _where_they_live(word: Token, dictionary: ActorDictionary) -> str | None:
    """The country of a place written on a relative's noun ("Elian's Miami relatives", "his
    relatives in Miami"): relatives live where the text places them, whoever's they are."""
    for token in word.children:
        if token.dep_ in ("compound", "nmod", "amod") and token.i < word.i and token.text[:1].isupper():
            place = token
        elif token.dep_ == "prep" and token.lower_ == "in":
            place = next((t for t in token.children if t.dep_ == "pobj"), None)
        else:
            continue
        if place is not None and (country := _place_country(normalise(place.text), dictionary)):
            return country
    return None


def _place_country(key: str, dictionary: ActorDictionary) -> str | None:
    """The country of a place name: a country, capital or state the table lists, else a city."""
    for index in dictionary.aliases.get(key, ()):
        record = dictionary.records[index]
        if record.kind in PLACE_KINDS:
            return split_code(record.code_on(None))[0]
    return dictionary.cities.get(key)


def _antecedent(
    doc: Doc, word: Token, mentions: list[ActorMention], dictionary: ActorDictionary
) -> ActorMention | None:
    """The person "his"/"her" stands for before a staff word ("Trump or his staff"): the persons
    named in this sentence and the one before it, when they all hold one code."""
    begin, end = _window(doc, word)
    persons = [m for m in mentions if begin <= m.start and m.end <= end and dictionary.is_person(m.actor)]
    return persons[-1] if persons and len({m.actor.cameo_code for m in persons}) == 1 else None


def _window(doc: Doc, word: Token) -> tuple[int, int]:
    """Where a pronoun's person may be named: from the sentence before ``word``'s to ``word``."""
    sentence = word.sent.start
    if sentence > 0:
        sentence = doc[sentence - 1].sent.start
    return doc[sentence].idx, word.idx


def _antecedent_country(doc: Doc, word: Token, mentions: list[ActorMention], dictionary: ActorDictionary) -> str | None:
    """The country of whoever "his"/"her" may stand for: the persons named in this sentence and the
    one before it, when they all share one country ("Senator Ted Cruz spoke. Her husband …")."""
    begin, end = _window(doc, word)
    countries = {
        m.actor.country for m in mentions if begin <= m.start and m.end <= end and dictionary.is_person(m.actor)
    }
    return countries.pop() if len(countries) == 1 else None


def _owner(word: Token, last: Token) -> tuple[Token | None, int]:
    """The person owning the role noun: its possessor ("the senator's son"), or the object of
    "to"/"for"/"of" after it ("an adviser to Putin"); with the last token of the owner's phrase."""
    for child in word.lefts:
        if child.dep_ == "poss":
            return child, word.i
    for head in (last, word):
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in OWNER_PREPS and child.i > last.i:
                objects = [c for c in child.rights if c.dep_ == "pobj"]
                if objects:
                    return objects[0], objects[0].right_edge.i
    return None, word.i


def _name_after(doc: Doc, last: Token) -> tuple[list[Token], bool]:
    """A proper name right after the role noun ("daughter Ivanka", "lawyer Michael Cohen"), or
    apposed after a comma ("his son, Hunter Biden,": True)."""
    at = last.i + 1
    apposed = at < len(doc) and doc[at].text == ","
    if apposed:
        at += 1
    name = []
    for token in doc[at : at + 4]:
        if token.pos_ != "PROPN" or token.ent_type_ not in ("PERSON", "", "ORG", "PRODUCT", "NORP"):
            break
        name.append(token)
    if apposed and name and (name[-1].i + 1 < len(doc) and doc[name[-1].i + 1].text not in (",", ".", ";")):
        return [], False  # "his wife, Tashfeen Malik and …": a list, not an apposition
    return name, apposed and bool(name)


def _own_entry(name: str, principal: Actor | None, dictionary: ActorDictionary, when: date | None) -> Actor | None:
    """The table's entry for a named relative or aide: the name as written, or a first name with
    the principal's surname ("Ivanka" after "Trump's daughter"); never the principal."""
    names = [name]
    if principal is not None and " " not in name and dictionary.is_person(principal):
        names.append(f"{name} {principal.name.split()[-1]}")
    for candidate in names:
        actor = dictionary.lookup(candidate, when)
        own = actor is not None and (principal is None or actor.actor_id != principal.actor_id)
        if own and dictionary.is_person(actor):
            return actor
    return None


def _apposed_person(text: str, end: int, mentions: list[ActorMention], dictionary: ActorDictionary) -> bool:
    """A person the table knows, apposed after the relative's noun with a title the relation did not
    take in ("her husband, former President Bill Clinton,"): the name is the mention, and the noun
    no second one."""
    gap = APPOSITION_GAP.match(text, end)
    if gap is None:
        return False
    return any(m.start == gap.end() and dictionary.is_person(m.actor) for m in mentions)


def _mention_at(mentions: list[ActorMention], token: Token) -> ActorMention | None:
    start, end = token.idx, token.idx + len(token)
    return next((m for m in mentions if m.start < end and start < m.end), None)
