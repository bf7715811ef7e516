"""Short names a story uses for a body it named in full. An acronym it defines: "U.S. Customs and
Border Protection (CBP)", "Japanese company Showa Denko K.K. (SDK)"; the acronym's other uses
("entry to CBP", "SDK announced", a headline before the definition) are the actor of the phrase it
was defined after. A full name without its country word: "Customs and Border Protection
announced" after "U.S. Customs and Border Protection".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.match import SCORES
from eventwire.model import ActorMention, SpanIndex

# An acronym in parentheses: capitals (and digits) only, two to eight of them.
DEFINITION = re.compile(r"\(([A-Z][A-Z0-9&]{1,7})\)")


def defined_acronyms(
    doc: Doc,
    text: str,
    mentions: list[ActorMention],
    datelines: list[tuple[int, int]],
    dictionary: ActorDictionary,
) -> list[ActorMention]:
    """Mentions for the other uses of acronyms defined right after an actor's phrase. The phrase
    is the noun phrase the parenthesis follows; its last actor mention is the acronym's actor. In a
    dateline ("AUSTIN (KXAN) —") the parenthesis names the outlet: the media of the place's country."""
    named = [m for m in mentions if m.method != "generic" and m.actor.cameo_code]
    if not named or "(" not in text:
        return []
    by_span = SpanIndex(named, lambda m: (m.start, m.end))
    actors = {}
    for match in DEFINITION.finditer(text):
        paren = doc.char_span(match.start(), match.start() + 1, alignment_mode="expand")
        if paren is None or paren.start == 0:
            continue
        last = doc[paren.start - 1]
        phrase_start = min(last.left_edge.idx, last.idx)
        found = by_span.overlapping(phrase_start, last.idx + len(last))
        if not found or match.group(1) in actors:
            continue
        actor = max(found, key=lambda m: m.end).actor
        if actor.country and any(start <= match.start() < end for start, end in datelines):
            actor = dictionary.composite(actor.country + "MED")
        actors[match.group(1)] = (match.start(1), actor)
    if not actors:
        return []
    taken = SpanIndex(mentions, lambda m: (m.start, m.end))
    uses = []
    for acronym, (defined_at, actor) in actors.items():
        for use in re.finditer(rf"\b{re.escape(acronym)}\b", text):
            start, end = use.span()
            if start == defined_at or taken.overlaps(start, end):
                continue  # the definition itself belongs to the phrase it follows
            uses.append(ActorMention(start, end, acronym, actor, "coref", SCORES["coref"]))
    return uses


def country_dropped(text: str, mentions: list[ActorMention], dictionary: ActorDictionary) -> list[ActorMention]:
    """Mentions for a body's name written again without the country word that opened it
    ("Customs and Border Protection" after "U.S. Customs and Border Protection")."""
    short: dict[str, ActorMention] = {}
    for mention in mentions:
        if mention.method not in ("dictionary", "title") or not mention.actor.sector:
            continue
        first, _, rest = mention.text.partition(" ")
        if len(rest.split()) < 2 or not rest[:1].isupper():
            continue
        if dictionary.countries_named(first):
            short.setdefault(rest, mention)
    if not short:
        return []
    taken = SpanIndex(mentions, lambda m: (m.start, m.end))
    found = []
    for rest, mention in short.items():
        for use in re.finditer(rf"\b{re.escape(rest)}\b", text):
            start, end = use.span()
            if not taken.overlaps(start, end):
                found.append(ActorMention(start, end, rest, mention.actor, "coref", SCORES["coref"]))
                taken.add(found[-1])
    return found
