"""Definite role nouns that point back to a named body: "the alliance" after NATO, "the newspaper"
after The New York Times, "the company" after a firm named earlier.

Such a noun names no sector of a country: it is the body the story named last, of its kind.
"""

from __future__ import annotations

from spacy.tokens import Doc

from eventwire.annotate.actors.match import SCORES
from eventwire.model import ActorMention

# Head noun → the sector of the body it refers back to.
BACK_NOUNS = {
    "alliance": "IGO", "bloc": "IGO", "organisation": "IGO", "organization": "IGO",
    "newspaper": "MED", "paper": "MED", "network": "MED", "broadcaster": "MED", "magazine": "MED",
    "daily": "MED", "outlet": "MED", "agency": "MED",
    "company": "BUS", "firm": "BUS", "group": "BUS", "carrier": "BUS", "bank": "BUS", "lender": "BUS",
}  # fmt: skip
# How a mention reads a role noun as a sector alone or with the story's country: a named body the
# noun points back to replaces that reading.
SECTOR_READINGS = frozenset({"generic", "context"})
# How far back (in characters) the named body may be: about a short story's length.
MAX_DISTANCE = 6000


def back_references(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` with "the <noun>" (``BACK_NOUNS``) taking the actor of the nearest earlier
    mention whose sector is the noun's, in place of the noun's sector reading ("newspaper" read as
    the story country's media); a noun inside a name's mention, or with other modifiers ("the new
    company", "a bank"), is left alone."""
    bodies = sorted((m for m in mentions if m.method not in SECTOR_READINGS and m.actor.sector), key=lambda m: m.start)
    if not bodies:
        return mentions
    found: list[ActorMention] = []
    replaced: set[int] = set()
    for token in doc:
        sector = BACK_NOUNS.get(token.lower_)
        if sector is None or token.pos_ != "NOUN" or token.tag_ != "NN":
            continue
        left = list(token.lefts)
        if len(left) != 1 or left[0].lower_ != "the" or left[0].i != token.i - 1:
            continue
        start, end = left[0].idx, token.idx + len(token)
        inside = [m for m in mentions if m.start < end and start < m.end]
        if any(m.method not in SECTOR_READINGS for m in inside):
            continue
        earlier = [m for m in bodies if m.end <= start and start - m.end <= MAX_DISTANCE and m.actor.sector == sector]
        if earlier:
            actor = earlier[-1].actor
            found.append(ActorMention(start, end, doc.text[start:end], actor, "coref", SCORES["coref"]))
            replaced.update(id(m) for m in inside)
    return [m for m in mentions if id(m) not in replaced] + found
