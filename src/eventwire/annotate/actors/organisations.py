"""Organisations the dictionary does not know, read from their names: "Breaking Belize News" is
media, "Xing AG" a company, "the Texas Retired Teachers Association" education, "Sweden's Public
Health Agency" government. The sector comes from the name's words; the country from a place in
the name (a country, or a city of the table's: "Bristol Crown Court"), else from the one country
its sentence names, else from the story's dateline. Without
a country the name stays unresolved: a sector alone names no actor code.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.match import SCORES
from eventwire.annotate.actors.text import normalise, split_code
from eventwire.model import Actor, ActorMention, SpanIndex

# Name words → the sector of the body they name, in the order they are tried (a teachers'
# association is education before it is an association; a health agency is government).
# Hospitals are left out: a hospital in the news is mostly a place ("taken to Mercy Hospital").
# fmt: off
SECTOR_WORDS = (
    ("EDU", frozenset({"university", "college", "school", "academy", "teachers", "students"})),
    ("JUD", frozenset({"court", "tribunal"})),
    ("GOV", frozenset({"ministry", "department", "agency", "commission", "authority", "bureau", "administration",
                       "presidential", "presidency", "cabinet"})),
    ("MED", frozenset({"news", "times", "post", "journal", "radio", "tv", "television", "tribune", "herald",
                       "gazette", "daily", "broadcasting", "newspaper", "magazine"})),
    ("LAB", frozenset({"union", "unions"})),
    ("BUS", frozenset({"inc", "corp", "corporation", "ltd", "plc", "llc", "ag", "gmbh", "company", "holdings",
                       "bank", "airlines", "airways", "motors", "technologies", "industries"})),
    ("NGO", frozenset({"foundation", "institute", "movement", "society", "association", "fund", "trust",
                       "project", "federation", "coalition"})),
)
# fmt: on
# Words of an international body's name: such a body has no one country. With a word for an
# institution of states it is an intergovernmental body ("Pan American Health Organization (PAHO)"
# → IGOPAHO, the guidelines' IGO plus the body's acronym); others (committees, federations) are
# as often non-governmental and stay unresolved.
INTERNATIONAL_WORDS = frozenset({"international", "world", "global", "pan", "inter", "united", "nations"})
INTERGOVERNMENTAL_WORDS = frozenset({"organization", "organisation", "agency", "bank", "fund", "court"})
WORD = re.compile(r"[^\W\d_]+")
ACRONYM_AFTER = re.compile(r"\s*\(([A-Z]{2,8})\)")
ORG_LABELS = frozenset({"ORG", "FAC"})
# Bodies that are, with nothing else to go by, the story's own country's: its agencies, schools,
# unions and charities ("the Public Health Agency" in a Swedish story). Companies and media are as
# often foreign.
DOMESTIC_SECTORS = frozenset({"GOV", "EDU", "NGO", "LAB"})
# A story's leading country has at least this many mentions, more than any other.
LEADING_MIN_MENTIONS = 2


def organisation_mentions(
    doc: Doc,
    ents: tuple[SpacySpan, ...],
    mentions: list[ActorMention],
    places: list[tuple[int, int, str]],
    dateline: str | None,
    dictionary: ActorDictionary,
) -> list[ActorMention]:
    """Mentions for organisation entities no mention covers whose name says their sector."""
    taken = SpanIndex(mentions, lambda m: (m.start, m.end))
    found: list[ActorMention] = []
    leading: list[str | None] | None = None  # found when first needed
    for ent in ents:
        if ent.label_ not in ORG_LABELS or taken.overlaps(ent.start_char, ent.end_char):
            continue
        words = set(WORD.findall(ent.text.lower()))
        start = ent.start_char + (4 if ent.text.lower().startswith("the ") else 0)
        if words & INTERNATIONAL_WORDS:
            if words & INTERGOVERNMENTAL_WORDS:
                found.append(_international_body(doc, ent, start))
            continue
        sector = next((code for code, names in SECTOR_WORDS if words & names), None)
        if sector is None:
            continue
        country = _country(doc, ent, mentions, places, dateline, dictionary)
        if country is None and sector in DOMESTIC_SECTORS:
            if leading is None:
                leading = [leading_country(mentions, places)]
            country = leading[0]
        if country is None:
            continue
        actor = dictionary.composite(country + sector)
        found.append(
            ActorMention(start, ent.end_char, ent.text[start - ent.start_char :], actor, "context", SCORES["context"])
        )
    return found


def _country(
    doc: Doc,
    ent: SpacySpan,
    mentions: list[ActorMention],
    places: list[tuple[int, int, str]],
    dateline: str | None,
    dictionary: ActorDictionary,
) -> str | None:
    """A place inside the name ("Texas …", "Sweden's …", "Breaking Belize News"), else the one
    country of the name's sentence, else the dateline's country."""
    inside = [code for start, end, code in places if ent.start_char <= start and end <= ent.end_char]
    inside += [m.actor.country for m in mentions if ent.start_char <= m.start and m.end <= ent.end_char]
    for word in ent.text.replace(".", " ").split():
        key = normalise(word)
        for index in dictionary.aliases.get(key, ()):
            record = dictionary.records[index]
            if record.kind == "country":
                inside.append(record.code_on(None))
    for token in ent:
        key = normalise(token.text)
        if token.pos_ == "PROPN" and not token.is_stop and key in dictionary.cities:
            inside.append(dictionary.cities[key])  # "Bristol Crown Court"
    countries = {split_code(code)[0] for code in inside if code}
    countries.discard(None)
    if len(countries) == 1:
        return countries.pop()
    if countries:
        return None
    sentence = ent.sent
    around = {split_code(code)[0] for start, end, code in places if sentence.start_char <= start < sentence.end_char}
    around |= {m.actor.country for m in mentions if sentence.start_char <= m.start < sentence.end_char}
    around.discard(None)
    if len(around) == 1:
        return around.pop()
    return dateline if not around else None


def _international_body(doc: Doc, ent: SpacySpan, start: int) -> ActorMention:
    """An intergovernmental body the dictionary lacks, coded IGO plus the acronym the text gives."""
    defined = ACRONYM_AFTER.match(ent.text_with_ws[-1:] + doc[ent.end : ent.end + 3].text)
    code = "IGO" + (defined.group(1) if defined else "")
    name = ent.text[start - ent.start_char :]
    return ActorMention(start, ent.end_char, name, Actor(code, name, None, "IGO", code), "context", SCORES["context"])


def leading_country(
    mentions: list[ActorMention],
    places: list[tuple[int, int, str]],
    min_mentions: int = LEADING_MIN_MENTIONS,
    margin: int = 1,
) -> str | None:
    """The country the story's mentions and places name most, if it clearly leads: at least
    ``min_mentions`` times, and ``margin`` more than any other."""
    counts: dict[str, int] = {}
    for country in [m.actor.country for m in mentions] + [split_code(code)[0] for _, _, code in places]:
        if country:
            counts[country] = counts.get(country, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < min_mentions or (len(ranked) > 1 and ranked[0][1] - ranked[1][1] < margin):
        return None
    return ranked[0][0]
