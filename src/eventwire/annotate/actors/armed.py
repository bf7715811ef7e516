"""Armed groups that cross borders ("ISIS", "al-Qaeda", their leaders), coded as the insurgents of
the country the story places them in.

The Phoenix files give such groups a transnational code (``IMGMUSISI``); the guidelines (§7.2 REB,
INS, CRM) code an insurgent, jihadist or terrorist group by the country where the story says it
operates, and give no code when the story says none. A group gets one code in a story: the one
country named as a place in the sentences that mention it ("ISIS seized large areas of Iraq" →
IRQINS everywhere in that story; a town does not count); with none there, the one country
other than its own that the story names (a US story about ISIS that names only Iraq abroad); with
several ("in Syria and Iraq"), or none, it keeps its name and sector but no country.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.organisations import leading_country
from eventwire.annotate.actors.places import LOCATIVE_PREPS
from eventwire.annotate.actors.text import split_code
from eventwire.model import Actor, ActorMention

TRANSNATIONAL_ARMED = "IMG"
ARMED_SECTOR = "INS"
# Prepositions whose country object is a place the group is in ("areas of Iraq", "across Syria").
PLACE_PREPS = frozenset(LOCATIVE_PREPS | {"of", "across", "throughout"})
# How many steps up the parse a place may sit below the group's clause.
MAX_STEPS = 5


def armed_groups(
    doc: Doc,
    mentions: list[ActorMention],
    places: list[tuple[int, int, str]],
    dictionary: ActorDictionary,
    home: str | None,
) -> None:
    """Give transnational armed groups the code of the one country the story places them in, or that a
    demonym on the group's own phrase gives ("Saudi terrorist Osama bin Laden"), in place.
    Countries count, not towns: an attack in a city abroad does not make the group that country's.
    ``home`` is the dateline's country; without one, the story's leading country is the group's own."""
    groups = [m for m in mentions if (m.actor.cameo_code or "").startswith(TRANSNATIONAL_ARMED)]
    if not groups:
        return
    home = home or leading_country(mentions, places)
    countries: dict[str, set[str]] = {}
    text = doc.text  # spaCy joins it anew on every read
    for group in groups:
        span = doc.char_span(group.start, group.end, alignment_mode="expand")
        if span is None:
            continue
        found = countries.setdefault(group.actor.actor_id, set())
        words = group.text.split()
        if len(words) > 2 and _country_name(words[0], dictionary):
            found.add(dictionary.lookup(words[0]).country)  # "Saudi terrorist Osama bin Laden": said whose
        sentence = span.sent
        inside = range(sentence.start_char, sentence.end_char)
        for start, end, code in places:
            named = start in inside and _country_name(text[start:end], dictionary)
            if named and _beside(doc, start, end, span.root):
                found.add(split_code(code)[0])
        for mention in mentions:
            if (
                mention.start in inside
                and _named_place(doc, mention)
                and _beside(doc, mention.start, mention.end, span.root)
            ):
                found.add(mention.actor.country)
    abroad = _abroad(text, mentions, places, dictionary, home) if home else set()
    for group in groups:
        where = countries.get(group.actor.actor_id, set()) - {None} or abroad
        country = next(iter(where)) if len(where) == 1 else None
        actor = group.actor
        group.actor = Actor(
            actor.actor_id, actor.name, country, ARMED_SECTOR, (country or "") + ARMED_SECTOR, actor.wikidata_id
        )


def _abroad(
    text: str, mentions: list[ActorMention], places: list[tuple[int, int, str]], dictionary: ActorDictionary, home: str
) -> set[str]:
    """The countries other than the story's own that it names, as actors or places."""
    named = {m.actor.country for m in mentions if m.actor.sector is None and m.actor.country}
    named |= {split_code(code)[0] for start, end, code in places if _country_name(text[start:end], dictionary)}
    return named - {home, None}


def _country_name(text: str, dictionary: ActorDictionary) -> bool:
    actor = dictionary.lookup(text)
    return actor is not None and actor.sector is None and actor.cameo_code == actor.country


def _named_place(doc: Doc, mention: ActorMention) -> bool:
    """A country named as a place: its name under a place preposition ("areas of Iraq", "in Syria")."""
    if mention.actor.sector is not None or not mention.actor.country:
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    root = span.root if span is not None else None
    while root is not None and root.dep_ == "conj" and root.head.i < root.i:
        root = root.head  # "in Syria and Iraq": Iraq is a place too
    return root is not None and root.dep_ == "pobj" and root.head.lower_ in PLACE_PREPS


def _beside(doc: Doc, start: int, end: int, group: Token) -> bool:
    """A place in the group's own clause: the place's phrase hangs, within a few steps, on the group or
    on the word the group depends on ("ISIS seized large areas of Iraq"), not on another part of the
    sentence ("… the contributions of Muslims in America")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.sent != group.sent:
        return False
    targets = {group.i, group.head.i}
    token = span.root
    for _ in range(MAX_STEPS):
        if token.i in targets:
            return True
        if token.head.i == token.i:
            return False
        token = token.head
    return token.i in targets
