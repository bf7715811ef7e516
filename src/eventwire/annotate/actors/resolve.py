"""Actor resolution: entity mentions and noun phrases → canonical political actors (CAMEO codes).

``resolve_actors`` runs on every parsed document:
(1) dictionary and agent hits are found (``actor_match``), grouped into actor phrases and
    resolved on the article's date (``actor_groups``); a person named by surname alone takes the
    actor of the document's full mention ("Putin" after "Russian President Vladimir Putin");
(2) person and organisation entities still unresolved are read as names (``actor_names``): a
    surname the document introduced, a title before a name the dictionary lacks, a spelling
    variant (conservative fuzzy match), a surname owning an agent ("the Bush administration");
(3) sector-only mentions ("police", "the rebels") take a country from their noun phrase, sentence
    or document, and countries listed after an agent share it (``actor_context``);
(4) a person in apposition to an office takes that office (``actor_names``); an office said of
    someone ("X was mayor", "running for president") is no mention of its own (``predicates``);
(5) a relative, aide or lawyer of a person is one mention apart from that person ("the senator's
    son", "an adviser to Putin": ``relations``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date

from spacy.tokens import Doc

from eventwire.annotate.actors.acronyms import country_dropped, defined_acronyms
from eventwire.annotate.actors.armed import armed_groups
from eventwire.annotate.actors.backrefs import back_references, candidate_epithets, company_short_names, short_names
from eventwire.annotate.actors.context import add_context, seat_body
from eventwire.annotate.actors.dictionary import ActorDictionary, load_actor_dictionary
from eventwire.annotate.actors.groups import Group, Resolved, group_actor, group_items
from eventwire.annotate.actors.match import (
    NAME_ENTITY_LABELS,
    SCORES,
    Unit,
    doc_units,
    find_items,
    plain_units,
)
from eventwire.annotate.actors.names import (
    appositions,
    body_titles,
    fuzzy_record,
    name_mentions,
    paired_titles,
    role_surnames,
)
from eventwire.annotate.actors.namesakes import (
    drop_foreign_namesakes,
    home_namesakes,
    named_in_full,
    state_namesakes,
)
from eventwire.annotate.actors.organisations import leading_country, organisation_mentions, site_mentions
from eventwire.annotate.actors.places import PLACE_KINDS, entered_places, home_people, sport_teams
from eventwire.annotate.actors.predicates import predicate_offices
from eventwire.annotate.actors.relations import relatives_and_staff
from eventwire.annotate.actors.text import normalise, split_code
from eventwire.annotate.parse.dateline import Furniture, find_furniture, inside
from eventwire.model import Actor, ActorMention, Quote, SpanIndex

__all__ = [
    "ActorDictionary",
    "code_name",
    "link_speakers",
    "load_actor_dictionary",
    "person_of",
    "resolve_actors",
    "resolve_text",
    "search_actors",
]

# Words that end the head of a short actor phrase: what follows qualifies it ("refugees from
# Liberia", "King Hassan of Morocco").
PHRASE_BREAKS = frozenset(
    {"of", "in", "from", "at", "for", "to", "with", "by", "on", "against", "near", "who", "which", "that", "fleeing"}
)
# "State" before "of" and no actor names a condition, not a government ("a state of emergency",
# "the state of the economy"); "the State of Israel" is resolved as one phrase before this is read.
ABSTRACT_STATE = re.compile(r"[Ss]tate of\b")
# A comma or "and" inside an entity: a list of names, not one name.
LIST_GAP = re.compile(r",|\band\b")
# Lower-case words inside personal names ("Omar al-Bashir", "Ursula von der Leyen").
NAME_PARTICLES = frozenset(
    {"al", "el", "bin", "ibn", "ben", "abu", "de", "da", "di", "van", "von", "der", "la", "le", "du"}
)


def resolve_actors(doc: Doc, when: date | None = None, dictionary: ActorDictionary | None = None) -> list[ActorMention]:
    """Actor mentions of a parsed document, with char offsets into ``doc.text``.

    Args:
        doc: a spaCy Doc with POS, dependencies and entities.
        when: the article's date; roles in the dictionary are chosen as of this day (today if None).
        dictionary: an ActorDictionary (default: the shipped one, loaded once).
    Returns:
        ActorMentions sorted by start offset, not overlapping.
    """
    dictionary = dictionary or load_actor_dictionary()
    text = doc.text
    units = doc_units(doc, text)
    items = find_items(text, units, dictionary, when)
    ents = doc.ents  # spaCy builds the entity spans anew on every access: read them once
    entities = [(e.start_char, e.end_char, e.label_) for e in ents]
    entity_starts = [s for s, _, _ in entities]
    resolved: list[Resolved] = []
    for group in group_items(text, units, items):
        found = group_actor(group, units, dictionary, when)
        if found is None:
            continue
        # entities do not overlap: only the last one starting before the group can contain it
        at = bisect_right(entity_starts, found.start) - 1
        name = entities[at] if at >= 0 and entities[at][1] >= found.end else None
        if name is None or name[2] not in NAME_ENTITY_LABELS or _whole_institution(text, name, found):
            resolved.append(found)
        elif found.method != "generic" and not _inside_other_name(text, units, group, found, name):
            resolved.append(found)  # a generic word inside a name is no actor: "King" in "Martin Luther King"
    _share_person_actors(resolved)
    mentions = [
        ActorMention(r.start, r.end, text[r.start : r.end], r.actor, r.method, SCORES[r.method])
        for r in resolved
        if not (r.method == "generic" and ABSTRACT_STATE.match(text, r.start))
    ]
    furniture = find_furniture(text)
    home = dateline_country(furniture, dictionary, when)
    publishers = frozenset(f.agency for f in furniture if f.agency)
    extra = name_mentions(doc, ents, text, resolved, units, mentions, dictionary, when, home, publishers)
    if extra:
        # a title resolved with the name after it replaces its generic reading ("President" → GOV)
        added = SpanIndex(extra, lambda x: (x.start, x.end))
        # and a demonym describing a private person joins the person's mention ("British expert …")
        mentions = [m for m in mentions if not (_absorbed(m) and added.overlaps(m.start, m.end))]
        mentions = _join_country_titles(text, mentions, extra, dictionary)
    mentions += extra
    places = [(units[i.first].start, units[i.last].end, i.record.code_on(when)) for i in items if i.kind == "location"]
    places += city_places(ents, mentions, places, dictionary)
    mentions += organisation_mentions(doc, ents, mentions, places, home, dictionary)
    mentions += site_mentions(doc, mentions, places, home, dictionary)
    datelines = [(f.start, f.end) for f in furniture if f.kind == "dateline"]
    mentions += defined_acronyms(doc, text, mentions, datelines, dictionary)
    mentions += country_dropped(text, mentions, dictionary)
    if furniture:
        mentions = [m for m in mentions if not inside(furniture, m.start, m.end)]
        places = [p for p in places if not inside(furniture, p[0], p[1])]
    places = state_namesakes(text, mentions, places, home, dictionary)
    city = next((f.city for f in furniture if f.kind == "dateline"), None)
    add_context(doc, mentions, places, dictionary, home, seat_body(city, mentions))
    armed_groups(doc, mentions, places, dictionary, home)
    mentions += [m for m in appositions(doc, ents, mentions, dictionary) if not inside(furniture, m.start, m.end)]
    mentions = predicate_offices(doc, mentions)
    mentions += body_titles(doc, ents, mentions)
    mentions += role_surnames(doc, text, mentions)
    entered_places(doc, mentions)
    mentions = sport_teams(doc, text, mentions)
    home_namesakes(mentions, places, home, dictionary, when)
    short_names(mentions)
    mentions = company_short_names(text, mentions)
    mentions = back_references(doc, mentions, dictionary)
    mentions = candidate_epithets(doc, mentions, dictionary)
    named_in_full(mentions, dictionary)
    mentions = drop_foreign_namesakes(mentions, places, home, dictionary)
    mentions = home_people(doc, mentions, home or leading_country(mentions, places))
    mentions = relatives_and_staff(doc, text, mentions, dictionary, when)
    mentions = paired_titles(text, mentions)
    mentions.sort(key=lambda m: m.start)
    return mentions


def _absorbed(mention: ActorMention) -> bool:
    """A mention a name found later may take in: a generic title, or a bare country word."""
    return mention.method == "generic" or (mention.method == "dictionary" and mention.actor.sector is None)


def city_places(
    ents: tuple, mentions: list[ActorMention], places: list[tuple[int, int, str]], dictionary: ActorDictionary
) -> list[tuple[int, int, str]]:
    """Cities the tagger found that the actor table does not list ("Bristol", "Raleigh"), as
    places of their country: they tell whose "the court" or "the council" it is."""
    taken = SpanIndex([(m.start, m.end) for m in mentions] + [(s, e) for s, e, _ in places])
    return [
        (ent.start_char, ent.end_char, country)
        for ent in ents
        if ent.label_ == "GPE"
        and not taken.overlaps(ent.start_char, ent.end_char)
        and (country := dictionary.cities.get(normalise(ent.text))) is not None
    ]


def dateline_country(furniture: list[Furniture], dictionary: ActorDictionary, when: date | None) -> str | None:
    """The country of the story's dateline: its region or country ("KABUL, Afghanistan"), a
    capital, or a large city ("NEW YORK"); None when there is no dateline or the place is unknown."""
    for item in furniture:
        if item.kind != "dateline":
            continue
        for place in (item.place, item.city):
            key = normalise(place or "")
            if key in dictionary.cities:
                return dictionary.cities[key]
            for index in dictionary.aliases.get(key, ()):
                record = dictionary.records[index]
                if record.kind in PLACE_KINDS:
                    country, _ = split_code(record.code_on(when))
                    if country:
                        return country
    return None


def _whole_institution(text: str, name: tuple[int, int, str], found: Resolved) -> bool:
    """An organisation name that is only an institution word ("Congress", "the Senate"): the
    institution itself, whose country the context gives, not a word inside someone's name."""
    start, end, label = name
    return label == "ORG" and text[start:end].removeprefix("the ").strip() == text[found.start : found.end]


def _inside_other_name(text: str, units: list[Unit], group: Group, found: Resolved, name: tuple[int, int, str]) -> bool:
    """A bare country/city, or a one-word organisation name, inside a longer name of something else
    (``name``: "RBC Ukraine", "Jordan Peterson", "Moscow Times", "Palestinian Liberation
    Organization"); a country or organisation opening the name modifies it ("U.S. Missile
    Approval", "Hamas Political Bureau") and stays."""
    items = group.items
    if not all(i.kind == "actor" and i.record.kind in PLACE_KINDS for i in items) and not (
        len(items) == 1
        and items[0].kind == "actor"
        and items[0].record.kind == "org"
        and items[0].first == items[0].last
    ):
        return False
    start, end, label = name
    first_name = label == "PERSON" and getattr(units[items[0].first].token, "tag_", "") == "NNP"
    opening = (
        not first_name  # "Jordan Peterson"; a demonym is none ("Bosnian Serbs", a person to the tagger)
        and items[0].record.kind in ("country", "org")
        and text[start : found.start].strip().lower() in ("", "the")
    )
    if opening or (start, end) == (found.start, found.end):
        return False
    # a list the tagger read as one name ("Arnor, Osgiliath and Gondor") is no name
    return not LIST_GAP.search(text, start, end)


def _join_country_titles(
    text: str, mentions: list[ActorMention], extra: list[ActorMention], dictionary: ActorDictionary
) -> list[ActorMention]:
    """A country word right before a title mention joins it when it is the office holder's country
    ("Rwandan" + "President Kagame"); before a title with a name the dictionary does not know, it
    is that office's country ("Serbian" + "President Vojislav Kostunica")."""
    by_end = {m.end: m for m in mentions if m.method == "dictionary" and m.actor.sector is None}
    for mention in extra:
        if mention.method not in ("title", "generic"):
            continue
        before = mention.start  # where the text before the mention ends, spaces left out (no copy of it)
        while before > 0 and text[before - 1].isspace():
            before -= 1
        previous = by_end.get(before)
        if previous is None or before == mention.start or previous.actor.country is None:
            continue
        if mention.method == "generic":
            mention.actor = dictionary.composite(previous.actor.cameo_code + mention.actor.cameo_code)
            mention.method, mention.score = "title", SCORES["title"]
        elif previous.actor.country != mention.actor.country:
            continue
        mention.start, mention.text = previous.start, text[previous.start : mention.end]
        mentions = [m for m in mentions if m is not previous]
    return mentions


def _share_person_actors(resolved: list[Resolved]) -> None:
    """Give surname-only mentions of a person the actor of the document's fullest mention of them."""
    best: dict[str, Resolved] = {}
    for r in resolved:
        if r.person is None:
            continue
        known = best.get(r.actor.actor_id)
        words = r.person.last - r.person.first
        if known is None or (r.method == "title", words) > (
            known.method == "title",
            known.person.last - known.person.first,
        ):
            best[r.actor.actor_id] = r
    for r in resolved:
        if r.person is not None and r.person.first == r.person.last and r.method == "dictionary":
            full = best.get(r.actor.actor_id)
            if full is not None and full is not r and full.actor != r.actor:
                r.actor, r.method = full.actor, "coref"


def resolve_text(text: str, when: date | None = None, dictionary: ActorDictionary | None = None) -> Actor | None:
    """The actor a short phrase names, without a parse ("Russian President", "Kremlin spokesperson
    Dmitry Peskov", "refugees fleeing the civil war in Liberia").

    The head of the phrase is its last actor phrase before a preposition or relative word; a head
    that is only a sector ("refugees") takes its country from the rest of the phrase.
    """
    dictionary = dictionary or load_actor_dictionary()
    units = plain_units(text)
    groups = group_items(text, units, find_items(text, units, dictionary, when))
    found = [(g, group_actor(g, units, dictionary, when)) for g in groups]
    found = [(g, r) for g, r in found if r is not None]
    if not found:
        words = [u.key for u in units if u.key != "the"]
        hit = fuzzy_record(" ".join(words), dictionary) if any(c.isupper() for c in text) else None
        return dictionary.actor(hit[0], when) if hit else None
    split = next((i for i, u in enumerate(units) if u.key in PHRASE_BREAKS), len(units))
    head = [(g, r) for g, r in found if g.items[0].first < split]
    group, result = head[-1] if head else found[0]
    if result.method != "generic":
        return result.actor
    holder = _titled_name(text, units, group.items[-1].last, result.actor.sector, dictionary, when)
    if holder is not None:
        return holder
    countries = [r for g, r in found if r.actor.country and g is not group]
    if countries:
        return dictionary.composite(countries[0].actor.country + result.actor.cameo_code)
    return result.actor


def _titled_name(
    text: str, units: list[Unit], last: int, sector: str | None, dictionary: ActorDictionary, when: date | None
) -> Actor | None:
    """The office holder named by the capitalised words after a title ("President Kagame")."""
    name = []
    for unit in units[last + 1 :]:
        if not text[unit.start].isupper() and unit.key not in NAME_PARTICLES:
            break
        name.append(unit.key)
    if not name or sector is None:
        return None
    record = dictionary.office_holder(name[-1], sector, when)
    return dictionary.actor(record, when) if record is not None else None


def link_speakers(quotes: list[Quote], mentions: list[ActorMention], doc: Doc | None = None) -> None:
    """Fill ``Quote.speaker_actor`` from the speaker's span: ``speaker_ref`` (what a pronoun speaker
    refers to, found by the quote stage's coreference) or else ``speaker``. The span takes the actor
    mention overlapping it most, or for a surname the document's person with that surname; a
    pronoun nobody resolved gets no actor."""
    person_ids = _person_ids(mentions)
    persons = [m for m in mentions if m.actor.actor_id in person_ids]
    by_span = SpanIndex(mentions, lambda m: (m.start, m.end))
    by_surname: dict[str, Actor] = {}
    for m in persons:
        words = normalise(m.text).split()
        if len(words) > 1:
            by_surname.setdefault(words[-1], m.actor)
    for quote in quotes:
        speaker = quote.resolved_speaker
        if speaker is None or quote.speaker_actor is not None:
            continue
        s, e = speaker.start, speaker.end
        overlapping = by_span.overlapping(s, e)
        if overlapping:
            quote.speaker_actor = max(overlapping, key=lambda m: (min(e, m.end) - max(s, m.start), m.score)).actor
            continue
        words = normalise(speaker.text).split()
        if words and words[-1] in by_surname:
            quote.speaker_actor = by_surname[words[-1]]


def _person_ids(mentions: list[ActorMention]) -> set[str]:
    dictionary = load_actor_dictionary()
    return {m.actor.actor_id for m in mentions if dictionary.is_person(m.actor)}


def code_name(actor: Actor) -> str:
    """The name of the actor's code, for views that show codes: a person's own name is not the
    name of the code it holds ("Donald Trump" is one USAGOV actor, "United States (government)"
    the code). Organisations, countries and composite actors keep their names."""
    dictionary = load_actor_dictionary()
    record = dictionary.by_id.get(actor.actor_id)
    if record is None or record.kind != "person" or not actor.cameo_code:
        return actor.name
    if actor.country is None:  # a transnational body's code: the body's name ("NATO")
        return dictionary.body_name(actor.cameo_code) or actor.cameo_code
    return dictionary.composite(actor.cameo_code).name


def person_of(actor: Actor | None) -> Actor | None:
    """The actor when it is a person, so views can show the person apart from the code; None for a
    code-level actor (a country, a body, a role noun's government)."""
    if actor is None:
        return None
    return actor if load_actor_dictionary().is_person(actor) else None


def search_actors(query: str | None, limit: int = 50) -> list[Actor]:
    """Actors for the CLI: matches of ``query`` (name, alias, id or code), or the first ``limit``
    actors by name when no query is given."""
    dictionary = load_actor_dictionary()
    if query:
        return dictionary.search(query, limit=limit)
    actors = []
    for record in sorted(dictionary.records, key=lambda r: r.name.lower()):
        actor = dictionary.actor(record, None)
        if actor is not None:
            actors.append(actor)
        if len(actors) >= limit:
            break
    return actors
