"""A place as the target of a domestic action: "imposed a curfew in Algiers" targets Algeria.

CAMEO codes an action applied within a territory (a curfew, a blockade, fire at targets in a town)
with that territory's state as target when no actor is named. The place is looked for inside the
unresolved target phrase and in the predicate's locative phrases; it may be the source's own
country ("Serb forces killed three Albanians in southern Serbia": SRB → SRB).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc, Token

from eventwire.coding.places import lookup_place
from eventwire.coding.tree import entities
from eventwire.model import Actor, ActorMention

PLACE_ENTITY_LABELS = ("GPE", "LOC")
# Prepositions that locate an action ("in Baghdad", "across the West Bank").
LOCATIVE_PREPS = {"in", "inside", "at", "across", "throughout", "near", "outside", "around"}
# Tokens searched under one target phrase: a place deep inside a long phrase is not its location.
MAX_PHRASE_TOKENS = 16
PLACE_METHOD = "place"


def place_index(doc: Doc, text: str | None = None) -> dict[int, tuple[int, int, str]]:
    """Token index → (start char, end char, text) of the place entity covering it (once per doc);
    ``text`` is ``doc.text`` when the caller has it."""
    index: dict[int, tuple[int, int, str]] = {}
    text = doc.text if text is None else text
    for start, end, start_char, end_char, label in entities(doc):
        if label in PLACE_ENTITY_LABELS:
            place = (start_char, end_char, text[start_char:end_char])
            for i in range(start, end):
                index[i] = place
    return index


@lru_cache(maxsize=4096)
def place_actor(name: str) -> Actor | None:
    """The state a place name belongs to (a country, or the country of a known city)."""
    place = lookup_place(name)
    code = place.get("country") if place else None
    if not code:
        from eventwire.annotate.actors import resolve_text

        actor = resolve_text(name)
        if actor is None or actor.sector or not actor.cameo_code or len(actor.cameo_code) != 3:
            return None
        return Actor(actor.cameo_code, actor.name, actor.cameo_code, None, actor.cameo_code)
    return Actor(code, place["name"], code, None, code)


def _phrase_tokens(head: Token) -> list[Token]:
    tokens = [t for t in head.subtree if t.dep_ not in ("relcl", "advcl")]
    return tokens[:MAX_PHRASE_TOKENS]


def _locatives(verbs: Iterable[Token]) -> list[Token]:
    return [
        p
        for verb in verbs
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in LOCATIVE_PREPS
        for p in prep.children
        if p.dep_ == "pobj"
    ]


def place_target(
    heads: Iterable[Token],
    verbs: Iterable[Token],
    places: dict[int, tuple[int, int, str]],
    index: dict[int, ActorMention],
) -> ActorMention | None:
    """The state where the action happens, from the target phrases or the locative phrases."""
    for head in [*heads, *_locatives(verbs)]:
        for token in _phrase_tokens(head):
            mention = index.get(token.i)
            if mention is not None and mention.actor.sector is None and mention.actor.cameo_code:
                return mention  # a country-level actor, even the source's own country
            place = places.get(token.i)
            if place is not None:
                actor = place_actor(place[2])
                if actor is not None:
                    return ActorMention(place[0], place[1], place[2], actor, PLACE_METHOD)
    return None
