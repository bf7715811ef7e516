"""Country context for sector-only actor mentions ("police", "the rebels", "officials").

A lone agent word names a sector without saying whose. As PETRARCH does with agents, and as a
reader does, it takes the country the text gives it, nearest evidence first:

1. its own noun phrase: a country modifier not written right before it ("Irish nationalist
   guerrillas"), a country after "in"/"from"/"of" ("rebels in the Ivory Coast", "soldiers from
   Gondor", "militias in Tripoli"), or the modifier of the noun it is coordinated with ("Danish
   media and government");
2. its sentence, when the sentence names one country only (places count: "In Ankara, the cabinet
   met");
3. for state institutions in a sentence naming no country: the story's dateline country
   ("WASHINGTON —"), else the document's dominant country, when one country clearly leads the
   document's mentions. An agent owned by a name the table lacks ("the Smith administration",
   "Marine Interdiction agents") takes no country from its sentence, only this one, and only
   where the sentence names no other country. A datelined story's head of government ("the president", "the
   administration") takes the dateline's country before the sentence's.

A mention that gets a country this way has method ``context``; one that gets none stays generic.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.strings import hash_string
from spacy.tokens import Doc

from eventwire.annotate.actors.backrefs import named
from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.match import GENERIC_SECTORS, PLAIN_CIVILIAN, SCORES
from eventwire.annotate.actors.phrase_tree import CONJ_ID, ParseTree
from eventwire.annotate.actors.places import DEMONYM_ENDINGS
from eventwire.annotate.actors.text import split_code
from eventwire.model import Actor, ActorMention

# Sector words that name states as a kind ("non-nuclear states", "other governments"): one takes a
# country only from its own noun phrase ("the states of the region" stays unresolved too).
STATE_WORDS = frozenset({"state", "states", "nation", "nations", "country", "countries", "governments", "powers"})
# Sectors whose members a story quantifies within one country's politics ("both candidates", "both
# parties"): such words do not make them several countries'.
ONE_COUNTRY_SECTORS = frozenset({"OPP", "PTY"})
# Role nouns of one office of one state, whatever the story's country: the body they stand for.
ONE_OFFICE_BODIES = {hash_string(word): "Holy See" for word in ("pope", "popes", "pontiff", "pontiffs")}
US = "USA"
# Federal states: "federal" on a role noun names the one of them a story names.
FEDERATIONS = frozenset(
    {"USA", "CAN", "MEX", "BRA", "ARG", "VEN", "DEU", "AUT", "CHE", "BEL", "RUS", "IND", "PAK", "NPL", "MYS", "AUS",
     "NGA", "ETH", "SOM", "SDN", "SSD", "IRQ", "ARE", "BIH", "COM", "FSM", "KNA"}
)  # fmt: skip
STATE_WORD_IDS = frozenset(hash_string(word) for word in STATE_WORDS)
# How far after an agent phrase's country its coordinated countries are looked for.
MAX_LIST_TOKENS = 12
# A document's leading country must have at least this many mentions (and more than any other)
# to lend itself to sector mentions in sentences that name no country.
DOMINANT_MIN_MENTIONS = 2
# Sectors a country is looked for: every sector a lone agent word may stand for.
CONTEXT_SECTORS = GENERIC_SECTORS
# Of business, media, education and labour roles, only their institutions take a country from the
# story ("companies", "universities", "the media", "reporters", "unions"): investors, students,
# economists or a website are people or things of any country, and stay generic.
NON_STATE_SECTORS = frozenset({"BUS", "JRN", "EDU", "LAB"})
# The datelined story's own head of government and elected officials: "WASHINGTON — The president
# said … China" is the US president though the sentence names China only, and so is "the senator";
# the army or police of a sentence naming one country are that country's ("SEOUL — … North Korea …
# the army").
HOME_ROLE_IDS = frozenset(
    hash_string(word)
    for word in ("president", "administration", "government", "cabinet", "minister", "premier", "chancellor",
                 "senator", "congressman", "congresswoman", "lawmaker", "legislator", "governor", "mayor", "leadership")
)  # fmt: skip
# State institutions, the story's domestic politics and its business, media and education
# institutions (``NON_STATE_BODY_IDS``): a mention of one in a sentence naming no country belongs
# to the document's country ("the cabinet met late", "the former president said", "the
# candidates", "companies"); rebels, civilians or armed groups there are as often foreign.
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "LEG", "JUD", "SPY", "ELI", "OPP", "PTY", "BUS", "JRN", "EDU", "LAB"})
# How a private person's country is guessed (the story's, a demonym's): such a person is no anchor.
GUESSED_METHODS = frozenset({"context", "coref"})
# News outlets a datelined story names without an owner ("a newspaper reported"): the dateline's.
OUTLET_IDS = frozenset(
    hash_string(word) for word in ("newspaper", "newspapers", "paper", "daily", "weekly", "television", "radio")
)
# Endings of demonyms naming people: the singular ones and their plurals ("Iraqis", "Libyan",
# "Britons", "Chinese").
PEOPLE_ENDINGS = (*DEMONYM_ENDINGS, "ans", "is", "ons")
# A family's members take a country only from their own phrase ("Kenyan relatives", "relatives in
# Miami"): a place the sentence names is as often where their kin is ("with Gonzalez in Cuba, the
# relatives …").
KIN_ENDINGS = ("relatives", "relative", "kin", "kinsmen", "family members", "family member")
# Cities that seat international bodies, with the codes of the bodies there: a story filed there
# about one of them has its officials as that body's, not the host country's.
SEATS = {
    "brussels": ("IGOWSTNAT", "IGOEUREEC"),
    "geneva": ("IGOUNO", "NGOICRC", "IGOWTO"),
    "vienna": ("IGOUNOIAE", "IGOOPEC", "IGOOSCE"),
    "the hague": ("IGOICC", "IGOUNOICJ"),
    "strasbourg": ("IGOCOE", "IGOEUREEC"),
    "new york": ("IGOUNO",),
}
# The role nouns a body at its seat has: its officials and spokespeople, not ministers.
SEAT_ROLE_IDS = frozenset(
    hash_string(word)
    for word in ("official", "officials", "spokesman", "spokeswoman", "spokesperson", "spokespeople", "diplomat",
                 "diplomats", "source", "sources")
)  # fmt: skip
# Protesters and activists in a sentence naming no country protest in the story's country.
HOME_CIVIL_CODES = frozenset({"CVLOPP"})


@dataclass(slots=True)
class Anchor:
    """An actor named in the text (a mention or a place name). ``base`` is the code a sector is
    added to: the country, or the whole code of a member state (``SCGMNE``); ``actor`` is set for a
    transnational actor (no country), which only lends itself to sectors in its own noun phrase
    ("the U.N. war crimes court")."""

    start: int
    end: int
    country: str | None
    base: str | None
    token: int
    actor: Actor | None = None
    place: bool = False
    people: bool = False  # a demonym naming people ("five Iraqis", "the Libyan"), not the state


def add_context(
    doc: Doc,
    mentions: list[ActorMention],
    places: list[tuple[int, int, str]],
    dictionary: ActorDictionary,
    dateline: str | None = None,
    seat: Actor | None = None,
) -> None:
    """Give generic mentions (method ``generic``) a country from their context, and the countries
    listed after an agent and "of" that agent ("the ambassadors of Arnor, Osgiliath and Gondor"),
    in place. ``seat`` is the body a story filed from its seat is about (``seat_body``)."""
    generic = [m for m in mentions if m.method == "generic" and m.actor.sector in CONTEXT_SECTORS]
    listing = [m for m in mentions if m.method == "title" and m.actor.sector and " of " in m.text]
    if not generic and not listing:
        return
    tree = ParseTree(doc)
    for mention in listing:
        _share_agent(tree, mention, mentions, dictionary)
    if generic:
        _contextualise(tree, generic, mentions, places, dictionary, dateline, seat)


def _share_agent(
    tree: ParseTree, owner: ActorMention, mentions: list[ActorMention], dictionary: ActorDictionary
) -> None:
    """Countries coordinated with the one an agent phrase ends in ("the ambassadors of Arnor,
    Osgiliath and Gondor") take the agent too: each is one of the phrase's actors."""
    listed = {tree.last_token(owner.end)}
    for token in range(min(listed) + 1, min(min(listed) + MAX_LIST_TOKENS, len(tree.starts))):
        if tree.dep(token) == CONJ_ID and tree.head(token) in listed:
            listed.add(token)
    if len(listed) == 1:
        return
    for mention in mentions:
        actor = mention.actor
        if (
            mention.method == "dictionary"
            and actor.sector is None
            and actor.country
            and mention.start > owner.end
            and tree.last_token(mention.end) in listed
        ):
            mention.actor = dictionary.composite(actor.cameo_code + owner.actor.sector)
            mention.method = "title"


def _contextualise(
    tree: ParseTree,
    generic: list[ActorMention],
    mentions: list[ActorMention],
    places: list[tuple[int, int, str]],
    dictionary: ActorDictionary,
    dateline: str | None,
    seat: Actor | None = None,
) -> None:
    anchors = _anchors(tree, mentions, places)
    by_sentence: dict[int, list[Anchor]] = {}
    for anchor in anchors:
        by_sentence.setdefault(tree.sentence(anchor.token), []).append(anchor)
    dominant: list[Anchor | None] = []  # found when first needed
    for mention in generic:
        head = tree.last_token(mention.end)
        body = ONE_OFFICE_BODIES.get(tree.lower(head))
        if body is not None and (actor := dictionary.lookup(body)) is not None:
            mention.actor, mention.method, mention.score = actor, "context", SCORES["context"]
            continue  # "the pope" in a US story is the Holy See's
        if mention.actor.sector in NON_STATE_SECTORS and not tree.body_word(head):
            continue
        sentence = by_sentence.get(tree.sentence(head), [])
        plain = mention.actor.cameo_code == PLAIN_CIVILIAN
        people = plain and not tree.proper(head)  # generic people ("victims"), not a people ("Kurds")
        if people and tree.beside_the_act(head):
            continue  # "prayers are with the victims": people an act is with or about, no side of it
        kin = people and mention.text.lower().endswith(KIN_ENDINGS)
        anchor = _phrase_anchor(tree, head, sentence)
        if anchor is None and tree.us_party(head):
            # "the Democratic presidential candidate" in a story that names the United States
            anchor = next((a for a in anchors if a.base == US), None)
        if anchor is None and tree.federal(head):
            # "a federal court" in a story whose only federation is the United States
            federations = [a for a in anchors if a.country in FEDERATIONS and a.base == a.country]
            if len({a.country for a in federations}) == 1:
                anchor = federations[0]
        if people and anchor is not None and head not in (tree.head(anchor.token), tree.head(tree.head(anchor.token))):
            continue  # generic people take a country only from a word on them ("Syrian civilians")
        owner = tree.non_state_owner(head, tree.last_token(mention.start + 1)) if anchor is None else None
        if anchor is not None and anchor.actor is not None:
            mention.actor = anchor.actor
        elif owner is not None:
            mention.actor = dictionary.generic(owner)
        else:
            several = tree.several(head) and mention.actor.sector not in ONE_COUNTRY_SECTORS
            # "State" with a capital inside a sentence is the story's state department or the state
            # itself ("IG report: State was inaccurate", "the departments of State and Defense")
            the_state = mention.text == "State" and not tree.opens_sentence(head)
            if anchor is None and ((tree.lower(head) in STATE_WORD_IDS and not the_state) or several):
                continue
            owned = anchor is None and tree.named_owner(head, tree.last_token(mention.start + 1))
            # "our military" in a quote is the speaker's: the story's country, before the sentence's
            home_first = (
                dateline is not None and (_home_role(tree, mention, head) or tree.lower(head) in OUTLET_IDS)
            ) or tree.ours(head)
            if anchor is None and not home_first and not owned and not kin:
                # plain civilians belong to where they are, not to the state the sentence is about;
                # protesters and activists ("CVLOPP") too where the sentence names one place, else
                # to the state it is about
                named_places = [a for a in sentence if a.base and a.place]
                candidates = named_places if plain else [a for a in sentence if a.base]
                if dateline is not None and not plain:
                    # people named by a demonym ("expelled five Iraqis") lend no state to a datelined
                    # story's officials or newspapers
                    candidates = [a for a in candidates if not a.people]
                if mention.actor.sector == "CVL" and len({a.country for a in named_places}) == 1:
                    candidates = named_places
                if people:
                    # generic people ("victims", "families") are where the sentence says something
                    # happened ("killed three civilians in Gaza"), not of a place named beside them
                    candidates = [a for a in candidates if tree.locative(a.token)]
                # one country, its territories included ("the United States, Puerto Rico and Guam")
                if len({a.country for a in candidates}) == 1:
                    anchor = next((a for a in candidates if a.base == a.country), candidates[0])
            base = anchor.base if anchor is not None else None
            if anchor is None and (
                mention.actor.sector in STATE_SECTORS or mention.actor.cameo_code in HOME_CIVIL_CODES
            ):
                if not dominant:
                    dominant.append(_dominant(anchors))
                home = dateline or (dominant[0].country if dominant[0] is not None else None)
                named = {a.country for a in sentence if a.base and not (dateline and a.people)}
                if seat is not None and not named and tree.lower(head) in SEAT_ROLE_IDS:
                    mention.actor, mention.method, mention.score = seat, "context", SCORES["context"]
                    continue  # "BRUSSELS — NATO … The official said": the alliance's official
                # an agency's agents owned by a name the table lacks ("Marine Interdiction agents")
                # are the story's country's only where the sentence names no other
                if home_first or not named or (owned and named == {home}):
                    base = dateline or (dominant[0].base if dominant[0] is not None else None)
            if base is None:
                continue
            mention.actor = dictionary.composite(base + mention.actor.cameo_code)
        mention.method, mention.score = "context", SCORES["context"]


def seat_body(city: str | None, mentions: list[ActorMention]) -> Actor | None:
    """The international body a story filed from its seat is about: the story's first named actor,
    when it is a body seated in the dateline's city ("BRUSSELS — NATO has decided …")."""
    prefixes = SEATS.get((city or "").lower())
    if not prefixes:
        return None
    first = min((m for m in mentions if named(m)), key=lambda m: m.start, default=None)
    if first is None or not first.actor.cameo_code.startswith(prefixes):
        return None
    return first.actor


def _demonym(mention: ActorMention) -> bool:
    """A country's people's word ("Iraqis", "Libyan"), not the country's name ("Iraq", "the U.S.")."""
    written = mention.text.lower().removeprefix("the ").replace(".", "")
    name = (mention.actor.name or "").lower().replace(".", "")
    return written != name and not name.startswith(written) and written.endswith(PEOPLE_ENDINGS)


def _home_role(tree: ParseTree, mention: ActorMention, head: int) -> bool:
    """The story's own head of government or elected official: a role noun ("the president") or a
    name under such a title and no country ("Foreign Minister Don McKinnon" under a Wellington
    dateline; a foreign one is written "Australian Foreign Minister …")."""
    if tree.lower(head) in HOME_ROLE_IDS:
        return True
    return tree.proper(head) and any(hash_string(word) in HOME_ROLE_IDS for word in mention.text.lower().split())


def _anchors(tree: ParseTree, mentions: list[ActorMention], places: list[tuple[int, int, str]]) -> list[Anchor]:
    anchors = []
    for m in mentions:
        actor = m.actor
        if not named(m) or not actor.cameo_code:
            continue
        if actor.sector == PLAIN_CIVILIAN and m.method in GUESSED_METHODS:
            continue  # a private person's country is itself a guess from the story: it lends none
        country = actor.country
        if country is None:  # a transnational actor lends itself only within its noun phrase
            anchors.append(Anchor(m.start, m.end, None, None, tree.last_token(m.end), actor))
            continue
        base = country if actor.sector else actor.cameo_code
        token = tree.last_token(m.end)
        place = m.method == "metonymy" or tree.locative(token)
        people = m.method == "dictionary" and actor.sector is None and not tree.modifier(token) and _demonym(m)
        anchors.append(Anchor(m.start, m.end, country, base, token, None, place, people))
    for start, end, code in places:
        country, sector = split_code(code)
        if country is not None:
            base = country if sector else code
            anchors.append(Anchor(start, end, country, base, tree.last_token(end), None, True))
    return anchors


def _dominant(anchors: list[Anchor]) -> Anchor | None:
    """The first mention of the country most mentioned, if it clearly leads."""
    counts: dict[str, int] = {}
    for anchor in anchors:
        if anchor.base:
            counts[anchor.base] = counts.get(anchor.base, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < DOMINANT_MIN_MENTIONS or (len(ranked) > 1 and ranked[1] == ranked[0]):
        return None
    return next(a for a in anchors if counts.get(a.base) == ranked[0])


def _phrase_anchor(tree: ParseTree, head: int, sentence: list[Anchor]) -> Anchor | None:
    """An anchor inside the noun phrase of ``head`` (or of the noun ``head`` is coordinated with,
    when the anchor modifies that noun from the left)."""
    targets = [head]
    if tree.dep(head) == CONJ_ID and tree.head(head) < head:
        targets.append(tree.head(head))
    for target in targets:
        for anchor in sentence:
            if target != head and anchor.token > target:
                continue
            if tree.attached(anchor.token, target) or (target != head and anchor.token == target):
                return anchor  # the second: the coordinated noun is itself the anchor ("Danish media")
    return None
