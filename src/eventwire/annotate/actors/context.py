"""Country context for sector-only actor mentions ("police", "the rebels", "officials").

A lone agent word names a sector without saying whose. As PETRARCH does with agents, and as a
reader does, it takes the country the text gives it, nearest evidence first:

1. its own noun phrase: a country modifier not written right before it ("Irish nationalist
   guerrillas"), a country after "in"/"from"/"of" ("rebels in the Ivory Coast", "soldiers from
   Gondor", "militias in Tripoli"), or the modifier of the noun it is coordinated with ("Danish
   media and government");
2. its sentence, when the sentence names one country only (places count: "In Ankara, the cabinet
   met");
3. for state institutions in a sentence naming no country: the story's dateline country
   ("WASHINGTON —"), else the document's dominant country, when one country clearly leads the
   document's mentions. An agent owned by a name the table lacks ("the Smith administration",
   "Marine Interdiction agents") takes no country from its sentence, only this one, and only
   where the sentence names no other country. A datelined story's head of government ("the president", "the
   administration") takes the dateline's country before the sentence's.

A mention that gets a country this way has method ``context``; one that gets none stays generic.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

import numpy
from spacy import symbols
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LOWER, POS, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc

from eventwire.annotate.actors.backrefs import named
from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.match import GENERIC_SECTORS, SCORES
from eventwire.annotate.actors.places import LOCATIVE_PREPS
from eventwire.annotate.actors.text import split_code
from eventwire.model import Actor, ActorMention

# Prepositions after which an actor says whose a sector's members are ("police in Gaza", "a
# spokesperson for NATO").
CONTEXT_PREPS = frozenset({"in", "from", "of", "for"})
# Words that make a plural sector mention stand for several countries ("both governments", "foreign
# diplomats"): such a mention takes an actor only from its own noun phrase. Plain quantifiers do not
# ("other companies", "various officials" in a US story are American).
MANY_WORDS = frozenset(
    {"both", "foreign", "western", "international", "regional", "world", "global", "neighbouring", "neighboring",
     "allied", "european", "arab", "african"}
)  # fmt: skip
# Sector words that name states as a kind ("non-nuclear states", "other governments"): one takes a
# country only from its own noun phrase ("the states of the region" stays unresolved too).
STATE_WORDS = frozenset({"state", "states", "nation", "nations", "country", "countries", "governments", "powers"})
# How many words before a sector word are looked at for such a quantifier ("both rival governments").
MAX_QUANTIFIER_DISTANCE = 3
# Dependency labels that keep a word inside the noun phrase of the noun it modifies.
NP_LINKS = ("amod", "compound", "nmod", "poss", "npadvmod", "conj", "pobj", "prep")


def _label_id(label: str) -> int:
    """The integer spaCy stores for a dependency label: a symbol id, or the label's string hash."""
    return symbols.IDS.get(label) or hash_string(label)


NP_LINK_IDS = frozenset(_label_id(label) for label in NP_LINKS)
PREP_ID, CONJ_ID, POBJ_ID = _label_id("prep"), _label_id("conj"), _label_id("pobj")
LOCATIVE_IDS = frozenset(hash_string(word) for word in LOCATIVE_PREPS)
# A name that owns a sector word: its dependency to the word and its entity types.
OWNER_DEP_IDS = frozenset(_label_id(label) for label in ("compound", "poss"))
OWNER_ENTITY_IDS = frozenset(_label_id(label) for label in ("PERSON", "ORG"))
PROPN_ID = symbols.PROPN
INT64_LIMIT, UINT64 = 2**63, 2**64
CONTEXT_PREP_IDS = frozenset(hash_string(word) for word in CONTEXT_PREPS)
# Prepositions whose object is a side of the act: its agent or its target.
SIDE_PREP_IDS = frozenset(hash_string(word) for word in ("by", "against", "on", "at", "to", "from"))
MANY_IDS = frozenset(hash_string(word) for word in MANY_WORDS)
# Sectors whose members a story quantifies within one country's politics ("both candidates", "both
# parties"): such words do not make them several countries'.
ONE_COUNTRY_SECTORS = frozenset({"OPP", "PTY"})
OUR_IDS = frozenset({hash_string("our")})
STATE_WORD_IDS = frozenset(hash_string(word) for word in STATE_WORDS)
# How far after an agent phrase's country its coordinated countries are looked for.
MAX_LIST_TOKENS = 12
# How far up the parse a country may sit below the sector word (country → "of" → … → head).
MAX_LINK_STEPS = 4
# A document's leading country must have at least this many mentions (and more than any other)
# to lend itself to sector mentions in sentences that name no country.
DOMINANT_MIN_MENTIONS = 2
# Sectors a country is looked for: every sector a lone agent word may stand for.
CONTEXT_SECTORS = GENERIC_SECTORS
# Of business, media, education and labour roles, only their institutions take a country from the
# story ("companies", "universities", "the media", "reporters", "unions"): investors, students,
# economists or a website are people or things of any country, and stay generic.
NON_STATE_SECTORS = frozenset({"BUS", "JRN", "EDU", "LAB"})
NON_STATE_BODY_IDS = frozenset(
    hash_string(word)
    for word in ("company", "companies", "firm", "firms", "corporation", "corporations", "media", "press",
                 "reporter", "reporters", "journalist", "journalists", "newspaper", "newspapers", "university",
                 "universities", "college", "colleges", "moderators", "union", "unions", "labor", "labour")
)  # fmt: skip
# Owners that make a role noun non-state ("the bank's chief executive", "a spokesman for the
# newspaper"): the role takes the owner's sector, never a government code.
NON_STATE_OWNERS = {
    "BUS": ("bank", "company", "firm", "corporation", "carrier", "airline", "insurer", "lender", "retailer",
            "manufacturer", "maker", "startup", "conglomerate", "giant", "business", "chain", "automaker",
            "exchange", "bank's", "club", "team", "league", "studio", "brand"),
    "MED": ("newspaper", "paper", "network", "broadcaster", "channel", "magazine", "outlet", "station",
            "tabloid", "website", "publication", "agency"),
    "NGO": ("charity", "foundation", "ngo", "nonprofit", "association", "institute",
            "university", "college", "school", "hospital"),
}  # fmt: skip
NON_STATE_IDS = {hash_string(word): sector for sector, words in NON_STATE_OWNERS.items() for word in words}
# Prepositions whose object owns the role before them ("a spokesman for Barclays", "chief of the bank").
OWNER_PREP_IDS = frozenset(hash_string(word) for word in ("for", "of", "at"))
ORG_ENTITY_ID = _label_id("ORG")
# Roles that only a business has: owned by an organisation name, they are its business role.
BUSINESS_ROLE_IDS = frozenset(
    hash_string(word)
    for word in ("executive", "ceo", "chairman", "chairwoman", "founder", "shareholders", "executives")
)
# The datelined story's own head of government and elected officials: "WASHINGTON — The president
# said … China" is the US president though the sentence names China only, and so is "the senator";
# the army or police of a sentence naming one country are that country's ("SEOUL — … North Korea …
# the army").
HOME_ROLE_IDS = frozenset(
    hash_string(word)
    for word in ("president", "administration", "government", "cabinet", "minister", "premier", "chancellor",
                 "senator", "congressman", "congresswoman", "lawmaker", "legislator", "governor", "mayor")
)  # fmt: skip
# State institutions, the story's domestic politics and its business, media and education
# institutions (``NON_STATE_BODY_IDS``): a mention of one in a sentence naming no country belongs
# to the document's country ("the cabinet met late", "the former president said", "the
# candidates", "companies"); rebels, civilians or armed groups there are as often foreign.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "ELI", "OPP", "PTY", "BUS", "JRN", "EDU", "LAB"})
# The code of plain civilians; protesters and activists in a sentence naming no country protest in
# the story's country.
PLAIN_CIVILIAN = "CVL"
HOME_CIVIL_CODES = frozenset({"CVLOPP"})


@dataclass(slots=True)
class Anchor:
    """An actor named in the text (a mention or a place name). ``base`` is the code a sector is
    added to: the country, or the whole code of a member state (``SCGMNE``); ``actor`` is set for a
    transnational actor (no country), which only lends itself to sectors in its own noun phrase
    ("the U.N. war crimes court")."""

    start: int
    end: int
    country: str | None
    base: str | None
    token: int
    actor: Actor | None = None
    place: bool = False


def add_context(
    doc: Doc,
    mentions: list[ActorMention],
    places: list[tuple[int, int, str]],
    dictionary: ActorDictionary,
    dateline: str | None = None,
) -> None:
    """Give generic mentions (method ``generic``) a country from their context, and the countries
    listed after an agent and "of" that agent ("the ambassadors of Arnor, Osgiliath and Gondor"),
    in place."""
    generic = [m for m in mentions if m.method == "generic" and m.actor.sector in CONTEXT_SECTORS]
    listing = [m for m in mentions if m.method == "title" and m.actor.sector and " of " in m.text]
    if not generic and not listing:
        return
    tree = _Tree(doc)
    for mention in listing:
        _share_agent(tree, mention, mentions, dictionary)
    if generic:
        _contextualise(tree, generic, mentions, places, dictionary, dateline)


def _share_agent(tree: _Tree, owner: ActorMention, mentions: list[ActorMention], dictionary: ActorDictionary) -> None:
    """Countries coordinated with the one an agent phrase ends in ("the ambassadors of Arnor,
    Osgiliath and Gondor") take the agent too: each is one of the phrase's actors."""
    listed = {tree.last_token(owner.end)}
    for token in range(min(listed) + 1, min(min(listed) + MAX_LIST_TOKENS, len(tree.starts))):
        if tree.dep(token) == CONJ_ID and tree.head(token) in listed:
            listed.add(token)
    if len(listed) == 1:
        return
    for mention in mentions:
        actor = mention.actor
        if (
            mention.method == "dictionary"
            and actor.sector is None
            and actor.country
            and mention.start > owner.end
            and tree.last_token(mention.end) in listed
        ):
            mention.actor = dictionary.composite(actor.cameo_code + owner.actor.sector)
            mention.method = "title"


def _contextualise(
    tree: _Tree,
    generic: list[ActorMention],
    mentions: list[ActorMention],
    places: list[tuple[int, int, str]],
    dictionary: ActorDictionary,
    dateline: str | None,
) -> None:
    anchors = _anchors(tree, mentions, places)
    by_sentence: dict[int, list[Anchor]] = {}
    for anchor in anchors:
        by_sentence.setdefault(tree.sentence(anchor.token), []).append(anchor)
    dominant: list[Anchor | None] = []  # found when first needed
    for mention in generic:
        head = tree.last_token(mention.end)
        if mention.actor.sector in NON_STATE_SECTORS and not tree.body_word(head):
            continue
        sentence = by_sentence.get(tree.sentence(head), [])
        if mention.actor.cameo_code == PLAIN_CIVILIAN and not tree.proper(head) and tree.beside_the_act(head):
            continue  # "prayers are with the victims": people an act is with or about, no side of it
        anchor = _phrase_anchor(tree, head, sentence)
        if (
            anchor is not None
            and mention.actor.cameo_code == PLAIN_CIVILIAN
            and not tree.proper(head)
            and head not in (tree.head(anchor.token), tree.head(tree.head(anchor.token)))
        ):
            continue  # generic people take a country only from a word on them ("Syrian civilians")
        owner = tree.non_state_owner(head, tree.last_token(mention.start + 1)) if anchor is None else None
        if anchor is not None and anchor.actor is not None:
            mention.actor = anchor.actor
        elif owner is not None:
            mention.actor = dictionary.generic(owner)
        else:
            several = tree.several(head) and mention.actor.sector not in ONE_COUNTRY_SECTORS
            if anchor is None and (tree.lower(head) in STATE_WORD_IDS or several):
                continue
            owned = anchor is None and tree.named_owner(head, tree.last_token(mention.start + 1))
            # "our military" in a quote is the speaker's: the story's country, before the sentence's
            home_first = (dateline is not None and tree.lower(head) in HOME_ROLE_IDS) or tree.ours(head)
            if anchor is None and not home_first and not owned:
                # plain civilians belong to where they are, not to the state the sentence is about;
                # protesters and activists ("CVLOPP") too where the sentence names one place, else
                # to the state it is about
                places = [a for a in sentence if a.base and a.place]
                candidates = places if mention.actor.cameo_code == PLAIN_CIVILIAN else [a for a in sentence if a.base]
                if mention.actor.sector == "CVL" and len({a.country for a in places}) == 1:
                    candidates = places
                if mention.actor.cameo_code == PLAIN_CIVILIAN and not tree.proper(head):
                    # generic people ("victims", "families") are where the sentence says something
                    # happened ("killed three civilians in Gaza"), not of a place named beside them
                    candidates = [a for a in candidates if tree.locative(a.token)]
                # one country, its territories included ("the United States, Puerto Rico and Guam")
                if len({a.country for a in candidates}) == 1:
                    anchor = next((a for a in candidates if a.base == a.country), candidates[0])
            base = anchor.base if anchor is not None else None
            if anchor is None and (
                mention.actor.sector in STATE_SECTORS or mention.actor.cameo_code in HOME_CIVIL_CODES
            ):
                if not dominant:
                    dominant.append(_dominant(anchors))
                home = dateline or (dominant[0].country if dominant[0] is not None else None)
                named = {a.country for a in sentence if a.base}
                # an agency's agents owned by a name the table lacks ("Marine Interdiction agents")
                # are the story's country's only where the sentence names no other
                if home_first or not named or (owned and named == {home}):
                    base = dateline or (dominant[0].base if dominant[0] is not None else None)
            if base is None:
                continue
            mention.actor = dictionary.composite(base + mention.actor.cameo_code)
        mention.method, mention.score = "context", SCORES["context"]


class _Tree:
    """The parse as one array of token attributes, read by index: walking spaCy Token objects
    costs an object per step, and converting every column to lists costs more than the few
    cells a document's sector mentions look at."""

    __slots__ = ("_cells", "sentence_starts", "starts")

    def __init__(self, doc: Doc) -> None:
        self._cells = doc.to_array([HEAD, DEP, LOWER, ENT_TYPE, IDX, SENT_START, POS])
        self.starts = self._cells[:, 4].tolist()
        self.sentence_starts = numpy.flatnonzero(self._cells[:, 5] == 1).tolist()

    def sentence(self, token: int) -> int:
        return bisect_right(self.sentence_starts, token)

    def head(self, token: int) -> int:
        offset = int(self._cells[token, 0])
        return token + (offset - UINT64 if offset >= INT64_LIMIT else offset)  # negative offsets wrap around

    def dep(self, token: int) -> int:
        return int(self._cells[token, 1])

    def lower(self, token: int) -> int:
        return int(self._cells[token, 2])

    def last_token(self, end: int) -> int:
        """The token holding the last character before ``end`` (the head of a short English phrase)."""
        return bisect_right(self.starts, end - 1) - 1

    def body_word(self, head: int) -> bool:
        """A role noun naming a business, media, education or labour institution: the head
        ("companies", "unions") or the word before it ("labor groups", "media outlets")."""
        return self.lower(head) in NON_STATE_BODY_IDS or (head > 0 and self.lower(head - 1) in NON_STATE_BODY_IDS)

    def proper(self, token: int) -> bool:
        return int(self._cells[token, 6]) == PROPN_ID

    def ours(self, head: int) -> bool:
        """A sector word owned by "our" ("our military", "our first responders")."""
        return self._modified_by(head, OUR_IDS)

    def several(self, head: int) -> bool:
        """A sector mention quantified as several actors ("both governments", "foreign diplomats");
        a number is not ("three civilians" are as often of one country as soldiers are)."""
        return self._modified_by(head, MANY_IDS)

    def _modified_by(self, head: int, words: frozenset[int]) -> bool:
        """One of ``words`` among the few words before ``head`` that depend on it."""
        first = max(0, head - MAX_QUANTIFIER_DISTANCE)
        return any(self.head(i) == head and self.lower(i) in words for i in range(first, head))

    def named_owner(self, head: int, first: int) -> bool:
        """A sector word (mention from token ``first`` to ``head``) owned by a name before it that the
        dictionary does not know ("the Smith administration", "WHO Director-General Ingrid
        Solberg"): whose it is, is said, and it is not the sentence's country. A people or place
        name ("Shona rebels") is no owner."""
        for i in range(max(0, first - MAX_QUANTIFIER_DISTANCE), first):
            if self.head(i) != head or self.dep(i) not in OWNER_DEP_IDS:
                continue
            entity = int(self._cells[i, 3])
            if entity in OWNER_ENTITY_IDS or (entity == 0 and int(self._cells[i, 6]) == PROPN_ID):
                return True
        return False

    def non_state_owner(self, head: int, first: int) -> str | None:
        """The sector of a company, outlet or NGO owning the role noun from ``first`` to ``head``:
        a possessive or compound before it ("the bank's chief executive", "Barclays' chief executive")
        or the object of "for"/"of"/"at" after it ("a spokesman for the newspaper"). An organisation
        name no dictionary entry made a state actor makes a business role (executive, chairman) BUS."""
        owners = [i for i in range(max(0, first - MAX_QUANTIFIER_DISTANCE), first)
                  if self.head(i) == head and self.dep(i) in OWNER_DEP_IDS]  # fmt: skip
        for prep in range(head + 1, min(head + 3, len(self.starts))):
            if self.head(prep) == head and self.dep(prep) == PREP_ID and self.lower(prep) in OWNER_PREP_IDS:
                owners += [i for i in range(prep + 1, min(prep + 6, len(self.starts))) if self.head(i) == prep]
        for i in owners:
            sector = NON_STATE_IDS.get(self.lower(i))
            if sector is not None:
                return sector
            if int(self._cells[i, 3]) == ORG_ENTITY_ID and self.lower(head) in BUSINESS_ROLE_IDS:
                return "BUS"
        return None

    def beside_the_act(self, token: int) -> bool:
        """The object of a preposition other than an act's agent or target ("by", "against"):
        "prayers are with the victims", "a center that works with individuals"."""
        parent = self.head(token)
        return self.dep(token) == POBJ_ID and self.lower(parent) not in SIDE_PREP_IDS

    def locative(self, token: int) -> bool:
        """A name under a locative preposition ("in southeastern Serbia"): a place."""
        parent = self.head(token)
        return self.dep(token) == POBJ_ID and self.dep(parent) == PREP_ID and self.lower(parent) in LOCATIVE_IDS

    def attached(self, token: int, head: int) -> bool:
        """True when ``token`` sits in the noun phrase of ``head``: a chain of modifier links, with
        prepositions only among ``CONTEXT_PREPS``."""
        for _ in range(MAX_LINK_STEPS):
            parent, dep = self.head(token), self.dep(token)
            if dep not in NP_LINK_IDS or parent == token or (dep == CONJ_ID and parent == head):
                return False  # the last: a noun coordinated with the head is no part of its phrase
            if dep == PREP_ID and self.lower(token) not in CONTEXT_PREP_IDS:
                return False
            token = parent
            if token == head:
                return True
        return False


def _anchors(tree: _Tree, mentions: list[ActorMention], places: list[tuple[int, int, str]]) -> list[Anchor]:
    anchors = []
    for m in mentions:
        actor = m.actor
        if not named(m) or not actor.cameo_code:
            continue
        country = actor.country
        if country is None:  # a transnational actor lends itself only within its noun phrase
            anchors.append(Anchor(m.start, m.end, None, None, tree.last_token(m.end), actor))
            continue
        base = country if actor.sector else actor.cameo_code
        token = tree.last_token(m.end)
        place = m.method == "metonymy" or tree.locative(token)
        anchors.append(Anchor(m.start, m.end, country, base, token, None, place))
    for start, end, code in places:
        country, sector = split_code(code)
        if country is not None:
            base = country if sector else code
            anchors.append(Anchor(start, end, country, base, tree.last_token(end), None, True))
    return anchors


def _dominant(anchors: list[Anchor]) -> Anchor | None:
    """The first mention of the country most mentioned, if it clearly leads."""
    counts: dict[str, int] = {}
    for anchor in anchors:
        if anchor.base:
            counts[anchor.base] = counts.get(anchor.base, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < DOMINANT_MIN_MENTIONS or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return None
    return next(a for a in anchors if counts.get(a.base) == ranked[0])


def _phrase_anchor(tree: _Tree, head: int, sentence: list[Anchor]) -> Anchor | None:
    """An anchor inside the noun phrase of ``head`` (or of the noun ``head`` is coordinated with,
    when the anchor modifies that noun from the left)."""
    targets = [head]
    if tree.dep(head) == CONJ_ID and tree.head(head) < head:
        targets.append(tree.head(head))
    for target in targets:
        for anchor in sentence:
            if target != head and anchor.token > target:
                continue
            if tree.attached(anchor.token, target) or (target != head and anchor.token == target):
                return anchor  # the second: the coordinated noun is itself the anchor ("Danish media")
    return None
