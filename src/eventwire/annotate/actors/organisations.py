"""Organisations the dictionary does not know, read from their names: "Breaking Belize News" is
media, "Xing AG" a company, "the Texas Retired Teachers Association" education, "Sweden's Public
Health Agency" government. The sector comes from the name's words; the country from a place in
the name (a country, or a city of the table's: "Bristol Crown Court"), else from the one country
its sentence names, else from the story's dateline. Without
a country the name stays unresolved: a sector alone names no actor code.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
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
# Heads of a legislature's name ("the Missouri Senate"); "House" only alone or after a place.
CHAMBER_WORDS = frozenset({"senate", "legislature", "parliament", "congress", "assembly"})
# Trades a name is introduced with ("internet firm Foursquare") → the sector of the body it names.
TRADE_NOUNS = {
    **dict.fromkeys(
        (
            "firm",
            "company",
            "startup",
            "retailer",
            "maker",
            "manufacturer",
            "chain",
            "bank",
            "lender",
            "insurer",
            "airline",
            "conglomerate",
            "website",
            "site",
            "marketplace",
            "platform",
            "app",
            "subsidiary",
        ),
        "BUS",
    ),
    **dict.fromkeys(("newspaper", "paper", "broadcaster", "channel", "magazine", "tabloid", "blog", "outlet"), "MED"),
    **dict.fromkeys(("charity", "nonprofit", "non-profit"), "NGO"),
}  # fmt: skip
# Trades only a body has (never a person: "bomb maker", "paper" may be): a name after one is that
# body even when the tagger read it as a person's.
BODY_TRADES = frozenset({"firm", "company", "startup", "retailer", "website", "site", "platform", "bank", "airline",
                         "chain", "newspaper", "magazine", "tabloid", "charity", "broadcaster"})  # fmt: skip
# A website's address: a capitalised name and a domain ("GunBroker.com"); its name's words
# ("Breaking", "Belize", "News") say whether it is a news site.
SITE_NAME = re.compile(r"\b(?:www\.)?([A-Z][A-Za-z0-9-]*[A-Za-z0-9])\.(com|net|org|co\.uk|info|io|tv)\b")
SITE_DOMAIN = re.compile(r"\.(?:com|net|org|co\.uk|info|io|tv)\b")
MAX_SITE_NAME = 60
CAMEL_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])")
MEDIA_NAME_WORDS = frozenset(
    {"news", "times", "post", "journal", "radio", "tv", "daily", "herald", "tribune", "gazette"}
)
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
    """Mentions for organisation entities no mention covers whose name or trade says their sector."""
    taken = SpanIndex(mentions, lambda m: (m.start, m.end))
    found: list[ActorMention] = []
    leading: list[str | None] | None = None  # found when first needed
    for ent in ents:
        if taken.overlaps(ent.start_char, ent.end_char):
            continue
        start = ent.start_char + (4 if ent.text.lower().startswith("the ") else 0)
        if ent.label_ == "PERSON":
            # a name the tagger took for a person's, introduced with a trade only a body has
            # ("the online retailer Zappix"): that body
            sector = _trade(doc, ent) if ent.start and doc[ent.start - 1].lower_ in BODY_TRADES else None
            traded = True
        elif ent.label_ in ORG_LABELS:
            words = set(WORD.findall(ent.text.lower()))
            if words & INTERNATIONAL_WORDS:
                if words & INTERGOVERNMENTAL_WORDS:
                    found.append(_international_body(doc, ent, start))
                continue
            sector = next((code for code, names in SECTOR_WORDS if words & names), None)
            if sector is None and _chamber(ent):
                sector = "LEG"
            traded = sector is None
            sector = sector or _trade(doc, ent)
        else:
            continue
        if sector is None:
            continue
        country = _country(doc, ent, mentions, places, dateline, dictionary)
        if country is None and (sector in DOMESTIC_SECTORS or traded):
            # a body introduced with its trade is one the story is about: its country's
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


def _chamber(ent: SpacySpan) -> bool:
    """A legislature or its chamber named by the head of the name ("the Missouri Senate"; "House"
    alone or after a place: "the House passed it", not "the Opera House"), not a name modifying
    another noun ("Senate seats", "the 2010 Senate election")."""
    root = ent.root
    if root.dep_ in ("compound", "amod", "nmod") and not (ent.start <= root.head.i < ent.end):
        return False
    if root.lower_ in CHAMBER_WORDS:
        return True
    words = [t for t in ent if t.lower_ != "the"]
    if root.text != "House" or words[-1].i != root.i:
        return False
    return all(t.ent_type_ == "GPE" or t.lower_ in ("state", "u.s.", "us") for t in words[:-1])


def _trade(doc: Doc, ent: SpacySpan) -> str | None:
    """The sector of the trade a name is introduced with ("internet firm Foursquare", "the gun-selling
    website GunBroker.com", "parent company United Gun Group"): the noun right before the name,
    of which the name is the apposition or which compounds with it."""
    if ent.start == 0:
        return None
    before = doc[ent.start - 1]
    if before.pos_ != "NOUN" or not (ent.root.head.i == before.i or before.head.i in range(ent.start, ent.end)):
        return None
    return TRADE_NOUNS.get(before.lower_)


def site_mentions(
    doc: Doc,
    mentions: list[ActorMention],
    places: list[tuple[int, int, str]],
    dateline: str | None,
    dictionary: ActorDictionary,
) -> list[ActorMention]:
    """Mentions for websites named by their address ("GunBroker.com", "BreakingBelizeNews.com"): the
    body the table knows under the name before the domain, else a news site (MED), an ".org"
    (NGO) or a business (BUS) of the dateline's or the story's leading country."""
    taken = SpanIndex(mentions, lambda m: (m.start, m.end))
    found: list[ActorMention] = []
    leading: list[str | None] = []  # found when first needed
    text = doc.text  # spaCy joins it anew on every read
    for domain in SITE_DOMAIN.finditer(text):  # found by the domain, then the name before it
        window = max(0, domain.start() - MAX_SITE_NAME)
        match = SITE_NAME.search(text, window, domain.end())
        if match is None or match.end() != domain.end():
            continue
        token = doc.char_span(match.start(), match.end())
        token = token[0] if token is not None and len(token) == 1 else None
        site = SITE_NAME.fullmatch(token.text) if token is not None else None
        if site is None or taken.overlaps(token.idx, token.idx + len(token)) or _imperative(token):
            continue
        stem, domain = site.group(1), site.group(2).lower()
        known = dictionary.lookup(stem)
        if known is not None and known.country is not None:
            found.append(
                ActorMention(token.idx, token.idx + len(token), token.text, known, "dictionary", SCORES["dictionary"])
            )
            continue
        words = {w.lower() for w in CAMEL_WORD.findall(stem)}
        sector = "MED" if words & MEDIA_NAME_WORDS else "NGO" if domain == "org" else "BUS"
        if dateline is None and not leading:
            leading.append(leading_country(mentions, places))
        country = dateline or leading[0]
        if country is not None:
            actor = dictionary.composite(country + sector)
            found.append(
                ActorMention(token.idx, token.idx + len(token), token.text, actor, "context", SCORES["context"])
            )
    return found


def _imperative(token: Token) -> bool:
    """A site in an instruction to the reader ("Visit X.com for more", "Follow us at X.com"): furniture."""
    root = token.sent.root
    return root.i == token.sent.start and root.tag_ == "VB"


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
        inside += dictionary.countries_named(word)
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
