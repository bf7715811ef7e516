"""Join actor phrase parts into groups and decide which actor each group names.

``group_items`` joins neighbouring dictionary hits that form one noun phrase: a title and a name
("President Joe Biden"), a country or organisation and an agent ("Ukrainian armed forces",
"Kremlin spokesperson Dmitry Peskov"), a person and an agent ("the Biden administration"), an
agent and "of" a country ("the president of Armenia"; "King Hassan of Morocco"), a possessive
("NATO's Stoltenberg"). ``group_actor`` gives a group's actor: a person's role on the date,
unless the title in the text names another country or organisation; a country/organisation with
the agent's sector; agents alone as a sector without a country.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.match import FORMER_WORDS, GENERIC_SECTORS, LINKERS, Item, Unit, joined
from eventwire.annotate.actors.text import POSSESSIVE, compose_code, split_code
from eventwire.model import Actor

# Words before a title that say its holder holds the office now, whatever the table says.
ACTING_WORDS = frozenset({"acting", "interim"})
# Title words looked back over for "former" ("former Deputy Secretary of State …").
MAX_TITLE_WORDS = 5
# Role words that, owned by a person, name whom that person appointed ("Obama's nominee").
APPOINTEE_WORDS = frozenset({"nominee", "nominees", "pick", "appointee", "appointees"})


@dataclass(slots=True)
class Group:
    items: list[Item] = field(default_factory=list)
    former: bool = False
    acting: bool = False


@dataclass(slots=True)
class Resolved:
    """A group's actor with its character span and how it was found."""

    start: int
    end: int
    actor: Actor
    method: str
    person: Item | None = None


def _can_join(group: Group, item: Item, gap: list[str], units: list[Unit]) -> bool:
    """Whether ``item`` continues the phrase of ``group`` across the linker words ``gap``."""
    last = group.items[-1]
    if any(k not in LINKERS and not (k == "the" and gap[:1] == ["of"]) for k in gap):
        return False
    has_person = any(i.kind == "actor" and i.record.kind == "person" for i in group.items)
    if "of" in gap:
        # "the president of Armenia"; "King Hassan of Morocco": a titled person's country
        titled_person = last.kind == "actor" and last.record.kind == "person" and group.items[0].kind == "agent"
        item.complement = (
            gap[0] == "of" and item.kind == "actor" and item.record.kind != "person"
            and ((last.kind == "agent" and not has_person) or titled_person)
        )  # fmt: skip
        return item.complement
    if last.kind == "agent":
        return item.kind == "agent" or (
            item.record.kind in ("person", "org") and not (has_person and item.record.kind == "person")
        )
    if item.kind == "agent":
        return True
    if item.record.kind != "person" or has_person:
        return False
    if last.record.kind == "country" and POSSESSIVE not in gap:
        token = units[last.last].token
        return token is not None and token.pos_ == "ADJ"  # "Russian Vladimir Putin", not "Russia Putin"
    return True


def group_items(text: str, units: list[Unit], items: list[Item]) -> list[Group]:
    """Join neighbouring items that form one actor phrase (see the module docstring)."""
    groups: list[Group] = []
    previous: Item | None = None
    for item in items:
        if item.kind in ("block", "location"):
            previous = None
            continue
        if previous is not None and groups:
            gap = [u.key for u in units[previous.last + 1 : item.first]]
            if joined(text, units, previous.last, item.first) and _can_join(groups[-1], item, gap, units):
                groups[-1].items.append(item)
                groups[-1].former |= any(k in FORMER_WORDS for k in gap)
                previous = item
                continue
        item.complement = False
        acting = item.first > 0 and units[item.first - 1].key in ACTING_WORDS
        groups.append(Group([item], former=_former_before(text, units, item), acting=acting))
        previous = item
    return groups


def _former_before(text: str, units: list[Unit], item: Item) -> bool:
    """ "former" right before the phrase, or before the capitalised title words that open it
    ("former Secretary of State Antony Blinken", where only "State Antony Blinken" was matched)."""
    for back in range(item.first - 1, max(-1, item.first - 1 - MAX_TITLE_WORDS), -1):
        unit = units[back]
        if unit.key in FORMER_WORDS:
            return True
        if not (text[unit.start].isupper() or unit.key in ("of", "the", "-")):
            return False
    return False


def _title_code(items: list[Item], dictionary: ActorDictionary, when: date | None) -> str | None:
    """The code a title spells out: the last country/organisation, with the last agent's role."""
    orgs = [i for i in items if i.kind == "actor" and i.record.kind != "person"]
    if not orgs:
        return None
    base = orgs[-1].record.code_on(when)
    if base is None:
        return None
    agents = [i for i in items if i.kind == "agent"]
    if agents and orgs[-1].record.kind == "capital":
        base = split_code(base)[0] or base  # a capital lends its country: "Tehran's police" → IRNCOP
    return compose_code(base, agents[-1].role) if agents else base


def group_actor(group: Group, units: list[Unit], dictionary: ActorDictionary, when: date | None) -> Resolved | None:
    """The actor a group names, or None (a lone adjective-like agent, an unknown code)."""
    items = list(group.items)
    while len(items) > 1 and items[-1].kind == "agent" and items[-1].weak:
        items.pop()  # "Russia's military capacity" names Russia
    group = Group(items, group.former, group.acting)
    core = [i for i in items if not i.complement]
    head = core[-1]
    start, end = units[items[0].first].start, units[items[-1].last].end
    if head.kind == "actor" and head.record.kind == "person":
        base = dictionary.actor(head.record, when)
        title = _title_code([i for i in group.items if i is not head], dictionary, when)
        if title is not None and not group.former:
            title_country, _ = split_code(title)
            if (
                head.first == head.last
                and title_country
                and base is not None
                and base.country not in (None, title_country)
            ):
                # one name of another country's person: someone else, in the office the text names
                return Resolved(start, end, dictionary.composite(title), "title")
            if base is None or base.sector in (None, "ELI") or base.country != title_country:
                actor = dictionary.actor(head.record, when, code=title)
                return Resolved(start, end, actor, "title", head) if actor else None
        if base is None:
            return None
        titles = [i for i in group.items if i is not head and i.kind == "agent"]
        if titles and base.country and any(i.role[:3] == "ELI" for i in titles) and base.sector != "ELI":
            # "President-elect …": not yet in office, whatever the table says
            return Resolved(start, end, dictionary.actor(head.record, when, code=base.country + "ELI"), "title", head)
        if titles and base.country and group.acting and titles[-1].role[:3] != base.sector:
            # "acting Defense Secretary …" holds that office now
            code = base.country + titles[-1].role.replace("~", "")[:3]
            return Resolved(start, end, dictionary.actor(head.record, when, code=code), "title", head)
        if group.former and base.country and base.sector not in ("ELI", "OPP"):
            # the text says the person no longer holds office, whatever a stale dictionary says; a
            # candidate stays one ("former Florida Gov. Jeb Bush" in the 2016 race)
            base = dictionary.actor(head.record, when, code=base.country + "ELI")
        return Resolved(start, end, base, "title" if len(core) > 1 else "dictionary", head)
    if head.kind == "agent":
        role = head.role
        persons = [i for i in core if i.kind == "actor" and i.record.kind == "person"]
        if persons:
            person_actor = dictionary.actor(persons[-1].record, when)
            if person_actor is None:
                return None
            if person_actor.country is None:
                return Resolved(start, end, person_actor, "title")
            if units[head.last].key in APPOINTEE_WORDS:
                return None  # "Obama's nominee": someone a person named to an office, not a candidate
            return Resolved(start, end, dictionary.composite(person_actor.country + role), "title")
        title = _title_code(group.items, dictionary, when)
        if title is None:
            # agents only: the last one is the head ("Moslem forces", "army soldiers")
            if head.weak or role[:3] not in GENERIC_SECTORS:
                return None
            return Resolved(start, end, dictionary.generic(role), "generic")
        country, _ = split_code(title)
        if group.former and country:
            title = country + "ELI"
        org = [i for i in group.items if i.kind == "actor"][-1].record
        actor = dictionary.actor(org, when) if title == org.code_on(when) else dictionary.composite(title)
        return Resolved(start, end, actor, "title") if actor else None
    actor = dictionary.actor(head.record, when)
    if actor is None:
        return None
    return Resolved(start, end, actor, "metonymy" if head.record.kind == "capital" else "dictionary")
