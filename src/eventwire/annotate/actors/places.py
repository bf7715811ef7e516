"""Country and city names that say where, not who (guidelines, docs/annotation.md §4.5, §7.5).

"in Ukraine", "Russian territory", "the Chinese economy", "US-made missiles" name no actor: the
place is where something happens, the adjective says whose land or market it is. Such names are
read as places (context for sector words: "police in Minsk"), not actor mentions. A place that an
act enters ("a strike into a border region inside Russian territory") is that act's target, so
its country stays, as a mention of the whole place phrase. A city or region name is an actor only
in an actor's slot (``acts_as_place``: "Islamabad blames", not "a North Carolina rally").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from eventwire.annotate.actors.dictionary import ActorRecord
from eventwire.annotate.actors.text import normalise, split_code
from eventwire.model import ActorMention

PLACE_KINDS = frozenset({"country", "capital"})
# Tags of a plural noun: a plural demonym names a people ("Americans").
PLURAL_TAGS = frozenset({"NNS", "NNPS"})
# Words after a person's name that make it the name of a place named for them ("the Harry Truman
# Library", "Trump Tower", "Ronald Reagan Washington National Airport" is left to the place table).
NAMED_FOR_WORDS = frozenset(
    {"library", "tower", "towers", "museum", "airport", "center", "centre", "memorial", "hospital", "stadium",
     "arena", "bridge", "street", "avenue", "boulevard", "highway", "park", "square", "hall", "building",
     "plaza", "hotel", "dam", "station", "school", "college", "university", "institute", "presidential"}
)  # fmt: skip
# A name under one of these prepositions is where something happened, not who did it.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "around", "inside", "across", "throughout", "within"})
# The preposition of a place an act goes into: the place is the act's target (§4.5).
ENTERED_PREPS = frozenset({"into"})
# Links from a name up to the name it is listed with or stands beside ("in the United States,
# Puerto Rico and Guam"; "in Fajardo, Puerto Rico"): a place under a locative preposition lends
# that reading to them.
LIST_DEPS = frozenset({"conj", "appos", "npadvmod"})
# Dependencies of a country word on the noun it modifies.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss"})
# Nouns a country or city word may modify without being an actor (§7.5: places used as locations,
# "Russian territory", "the Ukrainian border"; a country's economy, statistics or products are no
# act, policy or relation of it): places and parts of places, economic measures.
PLACE_NOUNS = frozenset(
    {"territory", "territories", "soil", "border", "borders", "borderland", "borderlands", "frontier", "region",
     "regions", "city", "cities", "town", "towns", "village", "villages", "neighborhood", "neighbourhood",
     "district", "districts", "province", "provinces", "airspace", "waters", "coast", "coastline", "land", "lands", "mainland",
     "countryside", "economy", "economies", "market", "markets", "stocks", "currency", "inflation", "gdp",
     "deaths", "population", "history", "culture", "language", "primary", "primaries", "caucus", "caucuses",
     "election", "elections", "capital", "capitals"}
)  # fmt: skip
# Verbs of coming and going: a country after their "from" is where someone comes from ("returning
# from St. Thomas", "fled from Syria"), not an actor (a threat or aid "from Russia" is).
MOTION_VERBS = frozenset(
    {"come", "return", "arrive", "flee", "travel", "fly", "sail", "migrate", "emigrate", "escape", "move",
     "relocate", "enter", "drive", "walk", "cross", "smuggle", "bring", "depart"}
)  # fmt: skip
# Nouns of a journey: a country after their "from" or "to" is where it starts or ends ("on the way
# from Cuba to the United States", "a sea voyage to the United States").
JOURNEY_NOUNS = frozenset(
    {"way", "journey", "voyage", "crossing", "trip", "flight", "route", "passage", "trek", "exodus", "return"}
)
# Nouns whose "with" names the country on the other side of them ("the border with Mexico").
BOUNDARY_NOUNS = frozenset({"border", "borders", "frontier", "boundary"})
# Nouns that make a sentence about sport: a country there is a national team, not an actor
# (guidelines §1.1: sports results and play are no political domain).
SPORT_NOUNS = frozenset(
    {"match", "matches", "fixture", "fixtures", "opponent", "opponents", "footballer", "footballers", "tournament",
     "qualifier", "qualifiers", "league", "championship", "kickoff", "striker", "midfielder", "goalkeeper",
     "squad", "scoreline", "semifinal", "semifinals", "quarterfinal", "quarterfinals"}
)  # fmt: skip
SPORT_PATTERN = re.compile(r"\b(?:" + "|".join(sorted(SPORT_NOUNS)) + r")\b", re.IGNORECASE)
# "-made", "-built" after a country word: where a product comes from ("US-made missiles").
ORIGIN_WORDS = frozenset({"made", "built", "manufactured", "produced", "designed", "born", "style"})
# A postal code before a city ("20354 Hamburg"); a year there is a date ("in 2014 Russia annexed").
POSTCODE = re.compile(r"\d{4,5}")
YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
# Nouns a country word can modify without owning an act, policy or relation (§7.5: whose people,
# things or ways they are, not an actor): "the American people", "American jobs", "a British
# accent", "American democracy". Any other common noun keeps the country as its actor ("Israeli
# tanks", "US mediation", "German goods"), as do agent words ("Russian troops").
OWNS_NOTHING_NOUNS = frozenset(
    {"people", "public", "politics", "political", "job", "jobs", "accent", "accents", "democracy", "history",
     "culture", "cuisine", "food", "dish", "dishes", "restaurant", "place", "recipe", "recipes", "education",
     "comedian", "actor", "actress", "singer", "author", "novelist", "artist", "musician", "style", "flag", "flags",
     "language", "values", "dream", "way", "life", "lifestyle", "society", "consumer", "consumers", "voter",
     "voters", "electorate", "taxpayers", "audience", "audiences", "fans", "viewers", "readers", "tourists",
     "cities", "landscape", "music", "film", "films", "movie", "movies", "literature", "art", "wine", "beer",
     "football", "soccer", "team", "politician", "plant", "plants", "factory", "factories"}
)  # fmt: skip
# What a country has that is no act, policy or relation of it, after its possessive.
POSSESSED_NOTHING_NOUNS = frozenset(
    {"past", "future", "hope", "hopes", "interest", "interests", "history", "lifestyle", "culture", "industry",
     "industries", "landscape", "top"}
)  # fmt: skip
# Verbs whose subject is in a state, not acting: a city or region there is a place ("California
# has seen a surge", "Texas is a big state").
STATIVE_VERBS = frozenset({"be", "have", "see", "become", "remain", "experience", "lie", "sit", "stand"})
# Verbs whose object region is a campaign's ground, not an actor ("Clinton won Ohio", "visited
# Missouri", "carried Florida").
CAMPAIGN_VERBS = frozenset({"win", "carry", "lose", "sweep", "take", "visit", "tour", "flip", "contest"})
# Verbs and nouns whose object place is what is talked about, not a side ("investigate Benghazi",
# "a report on Benghazi"; "attacked Benghazi" is a target).
TOPIC_VERBS = frozenset({"investigate", "probe", "examine", "discuss", "study", "review", "cover", "mention"})
TOPIC_NOUNS = frozenset(
    {"report", "hearing", "investigation", "probe", "inquiry", "book", "film", "documentary", "debate", "focus"}
)
# Prepositions whose object is an actor of the act: its agent or its target.
ACTOR_PREPS = frozenset({"by", "against", "with", "on"})
# Nouns a city or region name modifies to say where, even as an act's object: gatherings, laws
# and sites ("told a North Carolina rally", "struck down a Texas abortion law", "a Mexico plant").
VENUE_NOUNS = frozenset(
    {"rally", "rallies", "crowd", "crowds", "audience", "event", "events", "speech", "stop", "fundraiser",
     "law", "laws", "ordinance", "area", "areas", "plant", "plants", "factory", "factories", "office",
     "offices", "headquarters", "hotel", "stadium", "venue", "bakery", "store", "stores", "church"}
)  # fmt: skip
# Verbs of going somewhere: a place after their "to" is where someone goes ("relocated 1,400 jobs
# to Monterrey, Mexico", "if you've been to Mexico"), not an actor.
DESTINATION_VERBS = MOTION_VERBS | {"be", "shift", "outsource", "deport"}
# Verbs whose object country is the place someone leaves for good ("fleeing Cuba"), and verbs whose
# "for" names where someone goes ("leave for the United States").
FLIGHT_VERBS = frozenset({"flee", "escape"})
DEPARTURE_VERBS = frozenset({"leave", "depart", "head", "set", "sail"})
# What a platform's name modifies when it is the channel ("his Twitter account", "a Facebook group").
CHANNEL_NOUNS = frozenset(
    {"account", "accounts", "page", "pages", "feed", "post", "posts", "video", "videos", "group", "groups", "app",
     "site", "platform", "clip", "clips", "stock", "shares", "kerfuffle", "handle", "profile", "live", "channel"}
)  # fmt: skip
# Prepositions and verbs of a channel: a company after them is where something was said or shown.
CHANNEL_PREPS = frozenset({"on", "onto", "via", "through", "between"})
POSTING_VERBS = frozenset({"post", "upload", "take", "turn", "tweet", "share", "stream", "broadcast"})
# Endings of singular demonyms ("Cuban", "Chinese", "Turkish", "Iraqi").
DEMONYM_ENDINGS = ("an", "ese", "ish", "i")
# How far up a chain of place nouns ("region inside … territory") an entered place is looked for.
MAX_PLACE_STEPS = 3
# How far along a list ("in the US, Canada, Brazil, South Africa, and Venezuela") a place looks
# for the preposition that makes the whole list places.
MAX_LIST_STEPS = 8
# The dependency of a list's later items on its first ("Ohio, Florida and Illinois").
COORDINATED = frozenset({"conj"})


def list_head(token: Token, deps: frozenset[str] = COORDINATED) -> Token:
    """The word a list item hangs from through ``deps``: the list's first item ("Ohio" for
    "Florida" in "won Ohio, Florida and Illinois"), which stands in the sentence for all of them."""
    for _ in range(MAX_LIST_STEPS):
        if token.dep_ not in deps or token.head is token:
            break
        token = token.head
    return token


def place_like(record: ActorRecord) -> bool:
    """A country, capital or territory (an organisation record coded as a country without a
    sector: Puerto Rico, USAPRI)."""
    if record.kind in PLACE_KINDS:
        return True
    if record.kind != "org":
        return False
    code = record.code_on(None) or ""
    country, sector = split_code(code)
    return country is not None and sector is None and len(code) > len(country)


def where(token: Token) -> bool:
    """A country or city name that says where: under a locative preposition, or listed with or
    beside such a name ("in Ukraine", "throughout the United States, Puerto Rico and Guam"); a
    modifier of a place or economic noun ("Russian territory", "the Chinese economy") unless the
    place is entered; the origin of a product ("US-made")."""
    doc = token.doc
    if token.i + 2 < len(doc) and doc[token.i + 1].text == "-" and doc[token.i + 2].lower_ in ORIGIN_WORDS:
        return True
    if token.i > 0 and POSTCODE.fullmatch(doc[token.i - 1].text) and not YEAR.fullmatch(doc[token.i - 1].text):
        return True  # an address: "Dammtorstraße 29, 20354 Hamburg"
    if _place_modifier(token):
        return _entered(token.head) is None
    token = list_head(token, LIST_DEPS)
    if token.dep_ == "dobj" and (token.head.lemma_ == "enter" or token.head.lemma_ in FLIGHT_VERBS):
        return True  # "banned from entering the U.S.", "fleeing Cuba"
    if token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ in LOCATIVE_PREPS:
        return True
    if prep.lower_ == "of" and prep.head.lower_ == "out":
        return True  # "moved jobs out of the U.S."
    if prep.lower_ == "to" and prep.head.lemma_ in DESTINATION_VERBS:
        return True
    if prep.lower_ == "to" and prep.head.lower_ == "back" and prep.head.head.lemma_ in DESTINATION_VERBS | {"go"}:
        return True  # "fly back to Cuba", "go back to Cuba" (going to a country may be a visit: a target)
    if prep.lower_ in ("from", "to") and prep.head.pos_ == "NOUN" and prep.head.lemma_ in JOURNEY_NOUNS:
        return True
    if prep.lower_ == "for" and prep.head.lemma_ in DEPARTURE_VERBS:
        return True
    before = doc[prep.i - 1] if prep.i > 0 else None
    if prep.lower_ == "to" and before is not None and before.dep_ == "pobj" and before.head.lower_ == "from":
        return where(before)  # "from Cuba to the United States": the journey's end is as its start
    if prep.lower_ == "with" and (
        prep.head.lower_ in BOUNDARY_NOUNS or (before is not None and before.lower_ in BOUNDARY_NOUNS)
    ):
        return True
    # where someone comes from: after a verb of coming or going, or a person ("Jane Roe from Oslo")
    return prep.lower_ == "from" and (prep.head.lemma_ in MOTION_VERBS or prep.head.ent_type_ == "PERSON")


def named_for(last: Token) -> bool:
    """A person's name (ending in ``last``) that begins the name of a place named for them ("the
    Harry Truman Library", "Trump Tower"): the place, not the person."""
    doc = last.doc
    if last.i + 1 >= len(doc) or not last.whitespace_:
        return False
    after = doc[last.i + 1]
    return after.lower_ in NAMED_FOR_WORDS and after.text[:1].isupper()


def owns_nothing(token: Token, agent_word: bool, capital: bool) -> bool:
    """A country word modifying a noun of its people, things or ways ("American jobs", "the
    British public"), or a capital modifying any common noun, which says where ("the Paris
    attacks", "a Mexico City recipe"); a country's past, future, hopes or interests
    ("America's recent past", "in Israel's interests") are no act of it ("Russia's resolve" is)."""
    head = token.head
    if head.i <= token.i or head.pos_ != "NOUN" or agent_word:
        return False
    if token.dep_ == "poss":
        return head.lower_ in POSSESSED_NOTHING_NOUNS
    if token.dep_ not in ("amod", "compound", "nmod"):
        return False
    if head.lower_ in PLACE_NOUNS or head.text[:1].isupper():
        return False  # a place phrase (``where`` reads it), or a people ("Bosnian Serbs")
    return capital or head.lower_ in OWNS_NOTHING_NOUNS


def medium(token: Token, agent_word: bool) -> bool:
    """A company named as the channel something went through, not as an actor: "on Twitter",
    "posted the clip to YouTube", "between Instagram and Facebook", "his Twitter account"."""
    head = token.head
    if (
        token.dep_ in ("amod", "compound", "nmod")
        and head.i > token.i
        and not agent_word
        and head.lower_ in CHANNEL_NOUNS
    ):
        return True
    token = list_head(token)
    if token.dep_ != "pobj":
        return False
    prep = token.head
    return prep.lower_ in CHANNEL_PREPS or (prep.lower_ == "to" and prep.head.lemma_ in POSTING_VERBS)


def part_of_a_name(token: Token, country_name: str) -> bool:
    """A country word that belongs to a person's name: a first name ("Chad Day", "Georgia
    Fowler") or a surname written as a demonym ("…, Cuban said" is Mark Cuban)."""
    return _in_person_name(token) or _surname_demonym(token, country_name)


def _surname_demonym(token: Token, country_name: str) -> bool:
    """A demonym standing alone as a singular subject is someone's surname: a country's people
    take a determiner or the plural ("a Cuban said", "Cubans say"), a state its own name."""
    text = token.text
    return (
        token.dep_ in ("nsubj", "nsubjpass")
        and text[:1].isupper()
        and not text.isupper()
        and text.endswith(DEMONYM_ENDINGS)
        and not country_name.endswith(text)  # "Pakistan", "Japan", "Iran" are the country's name
        and not any(c.dep_ in ("det", "amod", "compound", "poss") for c in token.children)
    )


def _in_person_name(token: Token) -> bool:
    """The token is a proper noun in a person's name of several words ("Chad Day"; a demonym
    stays a country: "Bosnian Serbs")."""
    if token.ent_type_ != "PERSON" or token.pos_ != "PROPN":
        return False
    doc = token.doc
    following = token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I"
    return token.ent_iob_ == "I" or following


def _place_modifier(token: Token) -> bool:
    return token.dep_ in MODIFIER_DEPS and token.head.lower_ in PLACE_NOUNS and token.head.i > token.i


def _entered(noun: Token) -> Token | None:
    """The outermost place noun of the phrase ``noun`` belongs to, if an act goes into it ("into
    a border region inside Russian territory" → region)."""
    for _ in range(MAX_PLACE_STEPS):
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ != "prep":
            return None
        if prep.lower_ in ENTERED_PREPS:
            return noun
        if prep.head.lower_ not in PLACE_NOUNS:
            return None
        noun = prep.head
    return None


def entered_places(doc: Doc, mentions: list[ActorMention]) -> None:
    """Widen a country word that modifies an entered place to the place phrase, which is the
    act's target ("strike into a border region inside Russian territory": "border region inside
    Russian territory", RUS), in place."""
    for mention in mentions:
        if mention.method != "dictionary" or mention.actor.sector is not None or not mention.actor.country:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or not _place_modifier(span[-1]):
            continue
        outer = _entered(span[-1].head)
        if outer is None:
            continue
        first = min((t for t in outer.lefts if t.dep_ in MODIFIER_DEPS), key=lambda t: t.i, default=outer)
        start = min(first.idx, mention.start)
        end = max(span[-1].head.idx + len(span[-1].head), mention.end)
        mention.text = doc.char_span(start, end, alignment_mode="expand").text
        mention.start, mention.end = start, end


def sport_teams(doc: Doc, text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` without the bare countries of sentences about sport ("a match against
    Dominica", "Guadeloupe will be the next opponents"): there they are national teams."""
    countries = [m for m in mentions if m.actor.sector is None and m.actor.country and m.method != "context"]
    if not countries:
        return mentions
    near = [m.start for m in countries]
    # cheap before reading tokens: a sport word within a long sentence's reach of a country
    words = [m.start() for m in SPORT_PATTERN.finditer(text) if any(abs(m.start() - c) < 400 for c in near)]
    sport = []
    for start in words:
        token = doc.char_span(start, start + 1, alignment_mode="expand")
        if token is not None and token[0].pos_ == "NOUN":
            sentence = token[0].sent
            sport.append((sentence.start_char, sentence.end_char))
    teams = {id(m) for m in countries if any(start <= m.start < end for start, end in sport)}
    return [m for m in mentions if id(m) not in teams] if teams else mentions


def home_people(doc: Doc, mentions: list[ActorMention], home: str | None) -> list[ActorMention]:
    """``mentions`` without the story's own people named by a plural demonym in a sentence that names
    no other country ("what Americans want" in a US story): generic people, listed only as an
    event's side (§7.5), not the state. Foreign peoples ("Mexicans"), or the home people beside
    another country, stay."""
    if home is None:
        return mentions
    dropped: set[int] = set()
    for mention in mentions:
        actor = mention.actor
        if actor.country != home or actor.sector is not None or " " in mention.text:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or span.root.tag_ not in PLURAL_TAGS or not mention.text.endswith("s"):
            continue
        sentence = span.sent
        countries = {m.actor.country for m in mentions if sentence.start_char <= m.start < sentence.end_char}
        if countries - {home, None}:
            continue
        if normalise(mention.text) != normalise(actor.name):  # "Philippines" is the state's own name
            dropped.add(id(mention))
    return [m for m in mentions if id(m) not in dropped]


def acts_as_place(token: Token) -> bool:
    """A city or region name in an actor's slot: the subject of a verb that is no state ("has
    seen", "is"), an object, the agent of a passive, or the modifier of an object ("attacked
    Odesa port") that is no venue and no other name."""
    token = list_head(token)  # a list acts as its first item does: "won Ohio, Florida and Illinois"
    dep = token.dep_
    if dep in ("nsubj", "nsubjpass"):
        return token.head.lemma_ not in STATIVE_VERBS
    if dep in ("dobj", "iobj"):
        return token.head.lemma_ not in CAMPAIGN_VERBS and token.head.lemma_ not in TOPIC_VERBS
    if dep == "pobj":
        prep = token.head
        return prep.lower_ in ACTOR_PREPS and not (prep.lower_ == "on" and prep.head.lemma_ in TOPIC_NOUNS)
    if dep in ("compound", "amod", "poss") and token.head.i > token.i:
        head = token.head
        if head.lower_ in VENUE_NOUNS or (dep != "poss" and head.pos_ == "PROPN"):
            return False  # where, or part of another name ("the Denver Broncos")
        return head.dep_ in ("dobj", "iobj") or (head.dep_ == "pobj" and head.head.lower_ in ACTOR_PREPS)
    return False
