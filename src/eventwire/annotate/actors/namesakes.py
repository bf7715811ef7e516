"""Foreign namesakes: a common name matched to a minor figure of a country the story never names,
and a country's name that is also a US state's in a US story.

The open data holds tens of thousands of legislators, judges and former officials. "Tracy Martin"
in a Florida story is not New Zealand's legislator of that name, nor "George Will" an Austrian
deputy, nor "retired Gen. John Allen" a New Zealand diplomat. A reader takes such a match only when
the story gives the country a reason to be there. Only legislators, judges, former officials and
private persons are doubted, and only in a story that clearly belongs to another country:
governments, commanders, candidates and businesspeople are named across borders.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.match import SCORES
from eventwire.annotate.actors.organisations import leading_country
from eventwire.annotate.actors.text import normalise, split_code
from eventwire.model import ActorMention

# Sectors of the many minor figures the open data lists: a match to them needs support.
DOUBTFUL_SECTORS = frozenset({"LEG", "JUD", "ELI", "CVL"})
# Roles that make a person named across borders whatever their role on the day.
PROMINENT_SECTORS = frozenset({"GOV", "MIL", "OPP"})
# Mentions of its leading country that make a story clearly that country's.
LEAD_MENTIONS = 3
# Ways a mention reads a person from the table (by name, near spelling, surname, apposition).
NAME_METHODS = frozenset({"dictionary", "fuzzy", "coref", "apposition"})
# Ways a mention names, in full, a person the table lacks (by a title, an apposition, the story).
UNLISTED_METHODS = frozenset({"title", "apposition", "context"})


def _minor(mention: ActorMention, dictionary: ActorDictionary) -> bool:
    """A person the table knows only in doubtful roles: one who ever governed, commanded or ran
    for office ("President Obama" as an Illinois senator in 2000, Senator Sanders in a Rome story),
    or whom the hand-kept supplement follows, is named across borders."""
    record = dictionary.by_id.get(mention.actor.actor_id)
    if record is None or record.kind != "person" or record.curated:
        return False
    return not any(split_code(role.code)[1] in PROMINENT_SECTORS for role in record.roles)


def named_in_full(mentions: list[ActorMention], dictionary: ActorDictionary) -> None:
    """A lone surname after the story named, in full, someone the table lacks under it is that
    person, not the table's person or place of another country ("Slepian's lawyer, Glenn Edward Murray, …
    Murray said" is the lawyer, not an Australian Murray), in place."""
    named: dict[str, ActorMention] = {}
    for mention in sorted(mentions, key=lambda m: m.start):
        words = mention.text.split()
        if mention.method in UNLISTED_METHODS and len(words) > 1 and not dictionary.is_person(mention.actor):
            if words[-1][:1].isupper() and mention.actor.country:
                named[normalise(words[-1])] = mention
            continue
        if mention.method != "dictionary" or len(words) != 1 or not _person_or_place(mention, dictionary):
            continue
        full = named.get(normalise(words[0]))
        if full is not None and full.actor.country != mention.actor.country:
            mention.actor, mention.method, mention.score = full.actor, "coref", SCORES["coref"]


def _person_or_place(mention: ActorMention, dictionary: ActorDictionary) -> bool:
    """A person of the table, or a place it lists under a word other than the country's name ("Murray")."""
    if dictionary.is_person(mention.actor):
        return True
    record = dictionary.by_id.get(mention.actor.actor_id)
    return record is not None and record.kind == "country" and normalise(mention.text) != normalise(record.name)


def drop_foreign_namesakes(
    mentions: list[ActorMention],
    places: list[tuple[int, int, str | None]],
    home: str | None,
    dictionary: ActorDictionary,
) -> list[ActorMention]:
    """``mentions`` without persons of a country that nothing else in the story names (no country,
    place, body, dateline or office holder of it), in a story led by another country."""
    support: Counter[str] = Counter()
    for m in mentions:
        if m.actor.country and (m.actor.sector not in DOUBTFUL_SECTORS or not dictionary.is_person(m.actor)):
            support[m.actor.country] += 1
    for _, _, code in places:
        if code:
            support[code[:3]] += 1
    if home:
        support[home] += 2
    if not support:
        return mentions
    ranked = support.most_common(2)
    if ranked[0][1] < LEAD_MENTIONS or (len(ranked) > 1 and ranked[0][1] <= ranked[1][1]):
        return mentions
    leader = ranked[0][0]
    doubtful = {
        m.actor.actor_id
        for m in mentions
        if m.method in NAME_METHODS
        and m.actor.country
        and m.actor.country != leader
        and m.actor.country not in support
        and m.actor.sector in DOUBTFUL_SECTORS
        and _minor(m, dictionary)
    }
    return [m for m in mentions if m.actor.actor_id not in doubtful]


def home_namesakes(
    mentions: list[ActorMention],
    places: list[tuple[int, int, str | None]],
    home: str | None,
    dictionary: ActorDictionary,
    when: date | None,
) -> None:
    """Give a name that bodies of several countries share the one of the story's country (the
    dateline's, else the leading one), in place: "ABC" is ABC News in a US story and the Australian
    broadcaster in an Australian one, "the Times" The New York Times in a US story. Persons are left
    to ``drop_foreign_namesakes``."""
    leader: list[str | None] = [home] if home else []  # the leading country, found when first needed
    for mention in mentions:
        if mention.method != "dictionary":
            continue
        indices = dictionary.aliases.get(normalise(mention.text), ())
        if len(indices) < 2:
            continue
        if not leader:
            leader.append(leading_country(mentions, places))
        if leader[0] is None:
            return
        if mention.actor.country == leader[0]:
            continue
        local = [
            record
            for record in (dictionary.records[i] for i in indices)
            if record.kind == "org" and split_code(record.code_on(when) or "")[0] == leader[0]
        ]
        if len(local) == 1:
            mention.actor = dictionary.actor(local[0], when) or mention.actor


# A country's name that is also a US state's, with the words that place a story in the country.
STATE_NAMESAKES = {"georgia": ("GEO", ("tbilisi", "georgian", "abkhazia", "ossetia"))}


def state_namesakes(
    text: str,
    mentions: list[ActorMention],
    places: list[tuple[int, int, str]],
    home: str | None,
    dictionary: ActorDictionary,
) -> list[tuple[int, int, str]]:
    """``places`` (and ``mentions``, in place) with a country name that is also a US state read as
    the state in a story the United States leads and that has no word of the country itself
    ("the state's Republican governor" after "in Georgia" is the US state's, not Tbilisi's;
    "Georgia lawmakers" are US legislators)."""

    def state(start: int, end: int, country: str | None) -> bool:
        first = normalise(text[start:end]).removeprefix("the ").split(" ")[0]
        namesake = STATE_NAMESAKES.get(first)
        return namesake is not None and country == namesake[0] and not any(w in lowered for w in namesake[1])

    lowered = text.lower()
    if not any(name in lowered for name in STATE_NAMESAKES):
        return places
    if (home or leading_country(mentions, places)) != "USA":
        return places
    for mention in mentions:
        if state(mention.start, mention.end, mention.actor.country) and not dictionary.is_person(mention.actor):
            mention.actor = dictionary.composite("USA" + (mention.actor.sector or ""))
    return [(s, e, "USA" if state(s, e, split_code(c)[0]) else c) for s, e, c in places]
