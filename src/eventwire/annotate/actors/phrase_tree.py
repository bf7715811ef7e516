"""The parse as arrays, and the questions the country context asks of it: what a sector word's
noun phrase holds, who owns it, whether it is quantified as several countries', where it stands
in its sentence. Read by index on one array of token attributes: walking spaCy Token objects costs
an object per step."""

from __future__ import annotations

from bisect import bisect_right

import numpy
from spacy import symbols
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LOWER, POS, SENT_START
from spacy.strings import hash_string
from spacy.tokens import Doc

from eventwire.annotate.actors.places import LOCATIVE_PREPS

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
# How many words before a sector word are looked at for such a quantifier ("both rival governments").
MAX_QUANTIFIER_DISTANCE = 3
# Dependency labels that keep a word inside the noun phrase of the noun it modifies.
NP_LINKS = ("amod", "compound", "nmod", "poss", "npadvmod", "conj", "pobj", "prep")


def label_id(label: str) -> int:
    """The integer spaCy stores for a dependency label: a symbol id, or the label's string hash."""
    return symbols.IDS.get(label) or hash_string(label)


NP_LINK_IDS = frozenset(label_id(label) for label in NP_LINKS)
PREP_ID, CONJ_ID, POBJ_ID = label_id("prep"), label_id("conj"), label_id("pobj")
LOCATIVE_IDS = frozenset(hash_string(word) for word in LOCATIVE_PREPS)
# A name that owns a sector word: its dependency to the word and its entity types.
OWNER_DEP_IDS = frozenset(label_id(label) for label in ("compound", "poss"))
MODIFIER_DEP_IDS = frozenset(label_id(label) for label in ("compound", "poss", "amod", "nmod"))
OWNER_ENTITY_IDS = frozenset(label_id(label) for label in ("PERSON", "ORG"))
PROPN_ID = symbols.PROPN
INT64_LIMIT, UINT64 = 2**63, 2**64
CONTEXT_PREP_IDS = frozenset(hash_string(word) for word in CONTEXT_PREPS)
# Prepositions whose object is a side of the act for plain people: its agent or its target, or
# someone it gives to or takes from; "with" is company here ("prayers are with the victims"),
# though a place or body after it is a side (``places.ACTOR_PREPS``: "talks with Russia").
SIDE_PREP_IDS = frozenset(hash_string(word) for word in ("by", "against", "on", "at", "to", "from"))
MANY_IDS = frozenset(hash_string(word) for word in MANY_WORDS)
# The US parties' words on a role noun ("the Democratic presidential candidate", "GOP senators").
US_PARTY_IDS = frozenset(hash_string(word) for word in ("democratic", "democrat", "republican", "gop"))
OUR_IDS = frozenset({hash_string("our")})
FEDERAL_IDS = frozenset({hash_string("federal")})
# How far up the parse a country may sit below the sector word (country → "of" → … → head).
MAX_LINK_STEPS = 4
# Business, media, education and labour institutions a role noun may name ("companies", "the media").
NON_STATE_BODY_IDS = frozenset(
    hash_string(word)
    for word in ("company", "companies", "firm", "firms", "corporation", "corporations", "media", "press",
                 "reporter", "reporters", "journalist", "journalists", "newspaper", "newspapers", "university",
                 "universities", "college", "colleges", "moderators", "host", "hosts", "anchor", "anchors",
                 "interviewer", "interviewers", "union", "unions", "labor", "labour")
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
ORG_ENTITY_ID = label_id("ORG")
# Roles that only a business has: owned by an organisation name, they are its business role.
BUSINESS_ROLE_IDS = frozenset(
    hash_string(word)
    for word in ("executive", "ceo", "chairman", "chairwoman", "founder", "shareholders", "executives")
)


class ParseTree:
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

    def modifier(self, token: int) -> bool:
        """A word that modifies the noun after it ("Libyan officials"), not a noun of its own."""
        return self.dep(token) in MODIFIER_DEP_IDS and self.head(token) > token

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

    def us_party(self, head: int) -> bool:
        """A sector word a US party's word modifies ("Republican lawmakers")."""
        return self._modified_by(head, US_PARTY_IDS)

    def federal(self, head: int) -> bool:
        """A sector word "federal" modifies ("a federal court", "federal agents")."""
        return self._modified_by(head, FEDERAL_IDS)

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

    def opens_sentence(self, token: int) -> bool:
        return int(self._cells[token, 5]) == 1

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
