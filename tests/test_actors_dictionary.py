"""The shipped actor dictionary: size, loading, dated roles, lookup and search."""

from __future__ import annotations

import csv
import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.annotate.actors.dictionary import DEFAULT_PATH, load_actor_dictionary
from eventwire.annotate.actors.petrarch import DatedCode
from eventwire.annotate.actors.resolve import search_actors
from eventwire.annotate.actors.text import compose_code, normalise, split_code, text_units
from eventwire.paths import DATA_DIR

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dictionary():
    return load_actor_dictionary()


@pytest.fixture(scope="module")
def build_script():
    spec = importlib.util.spec_from_file_location("build_actors", ROOT / "scripts" / "build_actors.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_actors_dictionary_artifact_is_small_and_cached(dictionary):
    # the open-data office holders and legislators make it ~100k actors; it must stay a few MB
    assert DEFAULT_PATH.stat().st_size < 5_000_000
    assert load_actor_dictionary() is dictionary
    assert len(dictionary.records) > 80000
    assert len(dictionary.agents) > 4000


def test_actors_dictionary_normalisation():
    assert normalise("VLADIMIR_PUTIN_") == normalise("Vladimir Putin") == "vladimir putin"
    assert normalise("U.S.") == "us"
    assert normalise("Volker Türk") == "volker turk"
    assert [u for _, _, u in text_units("Russia’s Secretary-General")] == ["russia", "'s", "secretary", "general"]
    assert normalise("Gideon Sa'ar") == "gideon sa'ar"


def test_actors_dictionary_codes():
    assert split_code("RUSGOV") == ("RUS", "GOV")
    assert split_code("IGOWSTNAT") == (None, "IGO")
    assert split_code("USAGOVLEG") == ("USA", "GOV")
    assert split_code("PSEREBHMS") == ("PSE", "REB")
    assert split_code("WAFREB") == (None, "REB")  # a region, not a country
    assert split_code("MUS") == ("MUS", None)  # Mauritius
    assert compose_code("UKR", "MIL") == "UKRMIL"
    assert compose_code("SCGSRB", "COP") == "SCGSRBCOP"  # a member state
    assert compose_code("RUSGOV", "JRN") == "RUSGOV"
    assert compose_code("IGOWSTNAT", "GOV") == "IGOWSTNAT"


@pytest.mark.parametrize(
    ("name", "when", "code"),
    [
        ("Jens Stoltenberg", date(2020, 6, 1), "IGOWSTNAT"),
        ("Jens Stoltenberg", date(2024, 11, 19), "NORELI"),
        ("Jens Stoltenberg", date(2025, 3, 1), "NORGOV"),
        ("Jens Stoltenberg", date(2008, 1, 1), "NORGOV"),  # Phoenix role before the supplement's
        ("Mark Rutte", date(2024, 11, 19), "IGOWSTNAT"),
        ("Joe Biden", date(2024, 11, 19), "USAGOV"),
        ("Joe Biden", date(2025, 2, 1), "USAELI"),
        ("Donald Trump", date(2024, 11, 19), "USAOPP"),
        ("Donald Trump", date(2025, 1, 20), "USAGOV"),
        ("Donald Trump", date(2019, 1, 1), "USAGOV"),
        ("Bashar al-Assad", date(2024, 1, 1), "SYRGOV"),
        ("Bashar al-Assad", date(2025, 1, 1), "SYRELI"),
        ("Dmitry Peskov", date(2024, 11, 19), "RUSGOV"),
        ("Lukashenko", date(2024, 11, 19), "BLRGOV"),
        ("Kremlin", None, "RUSGOV"),
        ("Moscow", None, "RUSGOV"),
        ("Belarus", date(2024, 11, 19), "BLR"),
        ("Belarus", date(1990, 1, 1), "BLR"),  # a Soviet republic is coded as the republic
        ("Soviet Union", date(2016, 9, 6), "RUS"),  # a union gone is coded as its continuing state
        ("Soviet", date(1985, 1, 1), "RUS"),
        ("NATO", None, "IGOWSTNAT"),
        ("Chris Dodd", date(2016, 6, 1), "USAELI"),  # former members of Congress, by the name news uses
        ("Joe Lieberman", date(2016, 6, 1), "USAELI"),
        ("Ted Kennedy", date(2016, 6, 1), "USAELI"),  # though another Edward Kennedy sits in a legislature
        ("Angus King", date(2016, 6, 1), "USALEG"),  # a surname that is an agent word is still a name
        ("Samantha Power", date(2016, 6, 1), "USAGOV"),
        ("Julie Bishop", date(2016, 6, 1), "AUSGOV"),
        ("SBU", date(2024, 11, 19), "UKRSPY"),  # parties to today's conflicts
        ("Tatmadaw", date(2024, 11, 19), "MMRMIL"),
        ("TPLF", date(2021, 6, 1), "ETHREB"),
        ("M23", date(2025, 1, 27), "CODREB"),
    ],
)
def test_actors_dictionary_lookup_by_date(dictionary, name, when, code):
    actor = dictionary.lookup(name, when)
    assert actor is not None and actor.cameo_code == code


def test_actors_dictionary_record_fallback_after_last_role(dictionary):
    record = dictionary.by_id["yevgeny-prigozhin"]
    assert record.code_on(date(2023, 1, 1)) == "RUSMIL"
    assert record.code_on(date(2024, 1, 1)) == "RUSELI"  # a person after their last dated role


def test_actors_dictionary_wikidata_and_names(dictionary):
    putin = dictionary.lookup("Putin", date(2024, 11, 19))
    assert (putin.name, putin.wikidata_id, putin.country, putin.sector) == ("Vladimir Putin", "Q7747", "RUS", "GOV")
    assert dictionary.lookup("Russia").wikidata_id == "Q159"
    assert dictionary.lookup("Kyiv").name == "Ukraine (government)"


def test_actors_dictionary_search(dictionary):
    names = [a.name for a in dictionary.search("Peskov")]
    assert names[0] == "Dmitry Peskov"
    by_code = dictionary.search("IGOWSTNAT", limit=50)
    assert any(a.actor_id == "nato" for a in by_code)
    assert all(any(r.code == "IGOWSTNAT" for r in dictionary.by_id[a.actor_id].roles) for a in by_code[:10])
    assert dictionary.search("") == []
    assert len(search_actors(None, limit=7)) == 7
    assert search_actors("zelensk", limit=3)[0].actor_id == "volodymyr-zelenskyy"


def test_actors_dictionary_supplement_rows_are_well_formed():
    files = sorted((DATA_DIR / "supplement").glob("*.csv"))
    assert [f.name for f in files] == [
        "civic.csv",
        "companies.csv",
        "history.csv",
        "institutions.csv",
        "leaders.csv",
        "media.csv",
        "us_politics.csv",
    ]
    rows = [row for f in files for row in csv.DictReader(f.open(encoding="utf-8"))]
    assert len(rows) > 5000
    for row in rows:
        assert row["kind"] in {"agent", "country", "org", "person"}
        assert row["code"]
        start = date.fromisoformat(row["start"]) if row["start"] else None
        end = date.fromisoformat(row["end"]) if row["end"] else None
        assert start is None or end is None or start <= end, row
        assert not row["wikidata"] or row["wikidata"][1:].isdigit()


def test_actors_dictionary_every_supplement_actor_is_found_by_its_name(dictionary):
    files = sorted((DATA_DIR / "supplement").glob("*.csv"))
    names = {row["name"] for f in files for row in csv.DictReader(f.open(encoding="utf-8")) if row["kind"] != "agent"}
    lost = sorted(name for name in names if not dictionary.aliases.get(normalise(name)))
    assert not lost, lost[:20]


def test_actors_dictionary_build_helpers(build_script):
    supplement = [DatedCode("IGOWSTNAT", date(2014, 10, 1), date(2024, 10, 1))]
    phoenix = [DatedCode("NORGOV", date(2005, 10, 17), None), DatedCode("NORELI")]
    merged = build_script.merge_roles(supplement, phoenix)
    assert merged == [supplement[0], DatedCode("NORGOV", date(2005, 10, 17), date(2014, 9, 30)), DatedCode("NORELI")]
    assert build_script.alias_variants("LIBERATION TIGERS OF TAMIL EELAM (LTTE)") == [
        "LIBERATION TIGERS OF TAMIL EELAM (LTTE)",
        "LIBERATION TIGERS OF TAMIL EELAM",
        "LTTE",
    ]
    assert build_script.alias_variants("ACME CORP (CHINA)") == ["ACME CORP (CHINA)", "ACME CORP"]
    agents = {"administration", "king", "power"}
    record = {"kind": "person", "names": ["Barack Obama", "Obama", "Obama administration", "The Obama administration"]}
    assert build_script.alias_keys(record, agents) == ["barack obama", "obama"]
    assert build_script.alias_keys({"kind": "person", "names": ["Angus King", "King"]}, agents) == ["angus king"]
    assert [build_script.iso_code(c) for c in ("SUNGOV", "SUNRUSLEG", "YUGBIH", "TMP", "USAGOV")] == [
        "RUSGOV",
        "RUSLEG",
        "BIH",
        "TLS",
        "USAGOV",
    ]
