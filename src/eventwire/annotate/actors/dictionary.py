"""The actor dictionary at run time: records with dated roles, alias and agent indexes, search.

It is loaded once per process from the artifact scripts/build_actors.py writes
(``data/actors.json.gz``): alias keys there are already normalised with ``actor_text.normalise``.
"""

from __future__ import annotations

import gc
import gzip
import json
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from functools import lru_cache
from pathlib import Path

from eventwire.annotate.actors.petrarch import (
    NULL_CODE,
    ActorEntry,
    DatedCode,
    read_actor_dictionary,
    read_agent_dictionary,
)
from eventwire.annotate.actors.text import NON_ACTOR_ROLES, composite_name, normalise, split_code
from eventwire.model import Actor
from eventwire.paths import DATA_DIR

DEFAULT_PATH = DATA_DIR / "actors.json.gz"
# When an alias names several records, prefer specific actors over the countries that list the
# same name among their synonyms ("Guam" is Guam before it is the United States).
KIND_RANK = {"person": 0, "org": 0, "capital": 1, "country": 2}
SEARCH_RANKS = 4
# How many times more persons of one country than of any other a surname must name to stand for
# that country ("Bush": two US presidents against one Caymanian politician).
SURNAME_LEAD = 2
# Spellings remembered by the fuzzy matcher before the cache starts over (bounds memory on long runs).
FUZZY_CACHE_SIZE = 50_000


class ActorRecord:
    """One dictionary actor; ``roles`` are its codes in priority order (dated first match wins).

    Roles are parsed from the stored lists on first use: most records are never looked at by a
    process, so loading skips ~40k date conversions.
    """

    __slots__ = ("_raw", "_roles", "actor_id", "curated", "kind", "name", "wikidata")

    def __init__(
        self, actor_id: str, name: str, kind: str, wikidata: str | None, roles: list | tuple, curated: bool = False
    ) -> None:
        self.actor_id = actor_id
        self.name = name
        self.kind = kind
        self.wikidata = wikidata
        self.curated = curated  # from the hand-kept supplement: someone in the news
        self._raw = roles
        self._roles: tuple[DatedCode, ...] | None = None

    def __repr__(self) -> str:
        return f"ActorRecord({self.actor_id!r}, {self.name!r}, {self.kind!r})"

    @property
    def roles(self) -> tuple[DatedCode, ...]:
        if self._roles is None:
            self._roles = tuple(
                role if isinstance(role, DatedCode) else
                DatedCode(role[0], date.fromisoformat(role[1]) if role[1] else None,
                          date.fromisoformat(role[2]) if role[2] else None)
                for role in self._raw
            )  # fmt: skip
        return self._roles

    def _raw_codes(self) -> tuple[DatedCode, ...] | list:
        """Codes without parsing dates (the first item of each stored role), for scans over all records."""
        return self._roles if self._roles is not None else [DatedCode(r[0]) for r in self._raw]

    def has_role_on(self, when: date) -> bool:
        return any(not r.is_default and r.applies(when) for r in self.roles)

    def code_on(self, when: date | None) -> str | None:
        """The code valid on ``when`` (today if None): first matching dated role, else the default.

        With neither, a person is an elite (ELI) of the country of the nearest role in time, as
        the Phoenix files code former office holders; an organisation keeps its nearest code.
        """
        when = when or date.today()
        for role in self.roles:
            if not role.is_default and role.applies(when):
                return None if role.code == NULL_CODE else role.code
        for role in self.roles:
            if role.is_default:
                return None if role.code == NULL_CODE else role.code
        dated = [r for r in self.roles if r.code != NULL_CODE]
        if not dated:
            return None
        ended = [r for r in dated if r.end is not None and r.end < when]
        nearest = max(ended, key=lambda r: r.end) if ended else min(dated, key=lambda r: r.start or date.min)
        country, _ = split_code(nearest.code)
        return country + "ELI" if self.kind == "person" and country else nearest.code


class ActorDictionary:
    """Alias → records, agent phrase → role code, and the place names among the aliases."""

    def __init__(
        self,
        records: list[ActorRecord],
        aliases: dict[str, list[int]],
        agents: dict[str, str],
        places: frozenset[str],
        countries: dict[str, str],
        cities: dict[str, str] | None = None,
    ) -> None:
        self.records = records
        self.aliases = aliases
        self.agents = agents
        self.places = places
        self.countries = countries
        self.cities = cities or {}
        self.prefixes = _prefixes(aliases, agents)
        self.by_id = {r.actor_id: r for r in records}
        self.fuzzy_cache: dict[tuple[str, tuple[str, ...]], tuple[str, float] | None] = {}
        self._fuzzy_blocks: dict[tuple[str, str, int], list[str]] | None = None
        self._surnames: dict[str, set[int]] | None = None
        self._body_names: dict[str, str] | None = None

    @classmethod
    def from_file(cls, path: str | Path) -> ActorDictionary:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        entries = data["actors"]
        records = [
            ActorRecord(actor_id, name, kind, wikidata, roles, bool(curated))
            for actor_id, name, kind, wikidata, _, roles, *curated in entries
        ]
        aliases: dict[str, list[int]] = {}
        for index, entry in enumerate(entries):
            for key in entry[4]:
                indices = aliases.get(key)
                if indices is None:
                    aliases[key] = [index]
                else:
                    indices.append(index)
        return cls(
            records,
            aliases,
            dict(data["agents"]),
            frozenset(data["places"]),
            dict(data["countries"]),
            dict(data.get("cities", {})),
        )

    @classmethod
    def from_petrarch(cls, actor_files: Iterable[str | Path], agent_files: Iterable[str | Path]) -> ActorDictionary:
        """A dictionary read from PETRARCH-format actor and agent files (one's own, or a test
        suite's), so that the resolver can run with them. PETRARCH does not say what an entry
        is: a bare three-letter country-like code makes a country, dated codes a person, anything
        else an organisation."""
        records: list[ActorRecord] = []
        aliases: dict[str, list[int]] = {}
        for path in actor_files:
            for entry in read_actor_dictionary(path):
                key = normalise(entry.names[0])
                records.append(
                    ActorRecord(key.replace(" ", "-"), entry.names[0].title(), _petrarch_kind(entry), None, entry.codes)
                )
                for name in entry.names:
                    indices = aliases.setdefault(normalise(name), [])
                    if len(records) - 1 not in indices:
                        indices.append(len(records) - 1)
        agents = {
            normalise(n): entry.code
            for path in agent_files
            for entry in read_agent_dictionary(path)
            for n in entry.names
        }
        return cls(records, aliases, agents, frozenset(), {})

    def choose(self, indices: list[int], when: date | None) -> ActorRecord:
        """The record an ambiguous alias means on ``when``: one with a role then, specific first."""
        if len(indices) == 1:
            return self.records[indices[0]]
        day = when or date.today()
        best = min(
            indices,
            key=lambda i: (not self.records[i].has_role_on(day), KIND_RANK.get(self.records[i].kind, 1), i),
        )
        return self.records[best]

    def actor(self, record: ActorRecord, when: date | None, code: str | None = None) -> Actor | None:
        """``record`` as a model Actor on ``when`` (or with ``code`` imposed); None if it has no code."""
        code = code or record.code_on(when)
        if code is None:
            return None
        country, sector = split_code(code)
        return Actor(record.actor_id, record.name, country, sector, code, record.wikidata)

    def composite(self, code: str) -> Actor:
        """A country-and-sector actor with no dictionary record of its own (``UKRMIL``)."""
        country, sector = split_code(code)
        name = self.countries.get(country or "", country or code)
        return Actor(code, composite_name(name, sector), country, sector, code)

    def body_name(self, code: str) -> str | None:
        """The name of the first organisation whose own code is ``code`` (IGOWSTNAT → NATO)."""
        if self._body_names is None:
            names: dict[str, str] = {}
            for record in self.records:
                if record.kind == "org":
                    for role in record._raw_codes():
                        names.setdefault(role.code, record.name)
            self._body_names = names
        return self._body_names.get(code)

    def generic(self, role: str) -> Actor:
        """A sector without a country ("protesters" → OPP)."""
        _, sector = split_code(role)
        sector = sector or role[:3]
        return Actor(f"generic:{role}", composite_name("unspecified", sector).strip(), None, sector, role)

    def agent_role(self, key: str) -> str | None:
        """The role code (``GOV``, ``CVLOPP``…) of an agent phrase; None for non-actor words."""
        code = self.agents.get(key)
        if code is None:
            return None
        role = code.replace("~", "").strip()
        return None if role[:3] in NON_ACTOR_ROLES else role

    def lookup(self, text: str, when: date | None = None) -> Actor | None:
        """The actor whose alias is exactly ``text`` (any case, accents, dots), as of ``when``."""
        indices = self.aliases.get(normalise(text))
        if not indices:
            return None
        return self.actor(self.choose(indices, when), when)

    def countries_named(self, word: str) -> list[str]:
        """The codes of the countries ``word`` names as a country's name or its people's word
        ("Cuban" → CUB), not as a city's or a person's; several for a shared word ("Congo")."""
        return [
            self.records[index].code_on(None)
            for index in self.aliases.get(normalise(word), ())
            if self.records[index].kind == "country"
        ]

    def search(self, query: str, limit: int = 20) -> list[Actor]:
        """Actors matching ``query``, best first: same id or name; holding the code today; having
        held the code or a name starting with the query; a name containing it."""
        key = normalise(query)
        code = query.strip().upper()
        if not key:
            return []
        ranked: list[set[int]] = [set() for _ in range(SEARCH_RANKS)]
        for index, record in enumerate(self.records):
            if record.actor_id.upper() == code:
                ranked[0].add(index)
            elif any(r.code == code for r in record._raw_codes()):
                ranked[1 if record.code_on(None) == code else 2].add(index)
        for alias, indices in self.aliases.items():
            if alias == key:
                ranked[0].update(indices)
            elif alias.startswith(key):
                ranked[2].update(indices)
            elif key in alias:
                ranked[3].update(indices)
        found: list[Actor] = []
        seen: set[int] = set()
        for group in ranked:
            for index in sorted(group, key=lambda i: (KIND_RANK.get(self.records[i].kind, 1), self.records[i].name)):
                if index in seen:
                    continue
                seen.add(index)
                actor = self.actor(self.records[index], None)
                if actor is not None:
                    found.append(actor)
                if len(found) >= limit:
                    return found
        return found

    def office_holder(self, surname: str, sector: str, when: date | None) -> ActorRecord | None:
        """The one person called ``surname`` who holds a dated role in ``sector`` on ``when``
        ("President Mugabe"): a title plus a surname names the office holder of the day."""
        return self._sole_holder(surname, when, lambda code: split_code(code)[1] == sector)

    def is_surname(self, word: str) -> bool:
        """Whether some person of the table has ``word`` (lower case) as the last word of a name."""
        return word in self._surname_index()

    def serving(self, surname: str, country: str, when: date | None) -> ActorRecord | None:
        """The one person called ``surname`` who holds a dated role of ``country`` on ``when``, a
        former official's aside ("Rubio" in a 2016 US story): in a story of that country the surname
        alone names them."""
        return self._sole_holder(surname, when, lambda code: code[:3] == country and not code.endswith("ELI"))

    def _sole_holder(self, surname: str, when: date | None, fits: Callable[[str], bool]) -> ActorRecord | None:
        """The one person called ``surname`` holding, on ``when``, a dated role whose code ``fits``;
        of several, the one the hand-kept supplement lists (Ted Cruz, not a state legislator Cruz)."""
        day = when or date.today()
        hits = [
            i
            for i in self._surname_index().get(surname, ())
            if any(not r.is_default and r.applies(day) and fits(r.code) for r in self.records[i].roles)
        ]
        if len(hits) > 1:
            hits = [i for i in hits if self.records[i].curated]  # the one the news follows, if one is
        return self.records[hits[0]] if len(hits) == 1 else None

    def is_person(self, actor: Actor) -> bool:
        """Whether ``actor`` is a person of the table (not a body, a country or a code-level actor)."""
        record = self.by_id.get(actor.actor_id)
        return record is not None and record.kind == "person"

    def surname_country(self, surname: str, sector: str) -> str | None:
        """The country most persons called ``surname`` served in ``sector`` ("Bush", GOV → USA),
        when it clearly leads: "the Bush administration" is that country's government whichever
        Bush it was. None when no such person or no clear leader."""
        by_country: dict[str, int] = {}
        for i in self._surname_index().get(surname, ()):
            served = {split_code(r.code) for r in self.records[i].roles if r.code != NULL_CODE}
            for country in {country for country, role in served if country and role == sector}:
                by_country[country] = by_country.get(country, 0) + 1
        ranked = sorted(by_country.items(), key=lambda item: -item[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] < SURNAME_LEAD * ranked[1][1]):
            return None
        return ranked[0][0]

    def _surname_index(self) -> dict[str, set[int]]:
        """Last word of a person's multi-word alias → the persons with that alias."""
        if self._surnames is None:
            surnames: dict[str, set[int]] = {}
            for alias, indices in self.aliases.items():
                words = alias.split()
                if len(words) > 1:
                    for i in indices:
                        if self.records[i].kind == "person":
                            surnames.setdefault(words[-1], set()).add(i)
            self._surnames = surnames
        return self._surnames

    def fuzzy_blocks(self) -> dict[tuple[str, str, int], list[str]]:
        """Multi-word aliases by (kind: person or org, first three letters of the last word, words)."""
        if self._fuzzy_blocks is None:
            blocks: dict[tuple[str, str, int], list[str]] = {}
            for alias, indices in self.aliases.items():
                words = alias.split()
                if len(words) > 1:
                    for kind in {self.records[i].kind for i in indices} & {"person", "org"}:
                        blocks.setdefault((kind, words[-1][:3], len(words)), []).append(alias)
            self._fuzzy_blocks = blocks
        return self._fuzzy_blocks


def _petrarch_kind(entry: ActorEntry) -> str:
    if any(not code.is_default for code in entry.codes):
        return "person"
    code = entry.code_on(None) or (entry.codes[0].code if entry.codes else "")
    country, sector = split_code(code)
    return "country" if len(code) == 3 and country == code and sector is None else "org"


def _prefixes(*tables: dict) -> frozenset[str]:
    """Every key of the tables and every word-prefix of one ("united", "united states", …): the
    scanner extends a phrase only while it is still the start of some name."""
    found: set[str] = set()
    for table in tables:
        found.update(table)
        for key in table:
            cut = key.find(" ")
            while cut != -1:  # the key up to each space is one of its word-prefixes
                found.add(key[:cut])
                cut = key.find(" ", cut + 1)
    return frozenset(found)


@contextmanager
def paused_gc() -> Iterator[None]:
    """Cyclic garbage collection paused while a large table of new objects is built: in a process
    that already holds a parsing model, collections triggered by the allocations would walk that
    heap again and again, doubling the load time, though the new objects are all kept."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@lru_cache(maxsize=4)
def _load(path: Path) -> ActorDictionary:
    with paused_gc():
        return ActorDictionary.from_file(path)


def load_actor_dictionary(path: str | Path | None = None) -> ActorDictionary:
    """The actor dictionary at ``path`` (default: the shipped one), loaded once per process."""
    return _load(Path(path) if path is not None else DEFAULT_PATH)
