"""The PETRARCH-2 dictionary readers on the real Phoenix files and PETRARCH's own validation suite."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from eventwire.annotate.actors.petrarch import (
    DatedCode,
    parse_code,
    parse_date,
    read_actor_dictionary,
    read_agent_dictionary,
    read_discards,
)
from eventwire.annotate.actors.text import normalise
from eventwire.errors import DateError


@pytest.fixture(scope="module")
def unit_dir(shared: Path) -> Path:
    return shared / "gold" / "events" / "petrarch_unit"


@pytest.fixture(scope="module")
def validate_actors(unit_dir: Path):
    return read_actor_dictionary(unit_dir / "PETR.Validate.actors.txt")


def _entry(entries, name: str):
    return next(e for e in entries if name in e.names)


def test_dictionaries_parse_date_forms():
    assert parse_date("000507") == date(2000, 5, 7)
    assert parse_date("300101") == date(2030, 1, 1)  # YY <= 30 means 20YY
    assert parse_date("310101") == date(1931, 1, 1)
    assert parse_date("19950601") == date(1995, 6, 1)
    assert parse_date("1920030320") == date(2003, 3, 20)  # a known typo: the last eight digits count
    with pytest.raises(DateError):
        parse_date("20100931")


def test_dictionaries_parse_code_restrictions():
    assert parse_code("RUSGOV >000507") == DatedCode("RUSGOV", date(2000, 5, 7), None)
    assert parse_code("HOB < 950601") == DatedCode("HOB", None, date(1995, 6, 1))
    assert parse_code("HOBGOV 19950601 - 19990815") == DatedCode("HOBGOV", date(1995, 6, 1), date(1999, 8, 15))
    assert parse_code("pse") == DatedCode("PSE")
    assert parse_code("ABC 990101-980101") is None  # end before start is rejected


def test_dictionaries_validate_actor_entries(validate_actors):
    gollum = _entry(validate_actors, "GOLLUM")
    assert gollum.names == ["GOLLUM", "SMEAGOL", "SLINKER", "STINKER"]
    assert [c.code for c in gollum.codes] == ["HOB", "HOBGOV", "HOBREB"]
    assert _entry(validate_actors, "UNITED NATIONS").names[-1] == "UN"
    assert _entry(validate_actors, "ENT").codes == [DatedCode("ENT")]
    # the multi-line XML comment at the top of the file is skipped, not read as actors
    assert not any(n.startswith(("#", "IMPORTANT")) for e in validate_actors for n in e.names)


def test_dictionaries_date_restrictions_match_petrarch_validation_records(unit_dir: Path, validate_actors):
    """Every actor named in a DATE validation record codes, on the record's date, to one of the
    record's expected source/target codes (first matching restriction wins, limits inclusive)."""
    root = ET.parse(unit_dir / "PETR.UnitTest.records.xml").getroot()
    records = [s for s in root.iter("Sentence") if s.get("category") == "DATE"]
    assert len(records) == 21
    checked = 0
    for record in records:
        when = parse_date(record.get("date"))
        text = f" {normalise(record.find('Text').text)} "
        expected = {v for e in record.iter("EventCoding") for v in (e.get("sourcecode"), e.get("targetcode"))}
        for entry in validate_actors:
            if any(f" {normalise(n)} " in text for n in entry.names):
                assert entry.code_on(when) in expected, (record.get("id"), entry.names[0])
                checked += 1
    assert checked >= 30


def test_dictionaries_phoenix_countries_putin(shared: Path):
    entries = read_actor_dictionary(shared / "ontology" / "actors" / "Phoenix.Countries.actors.txt")
    assert len(entries) > 15000
    putin = _entry(entries, "VLADIMIR PUTIN")
    assert "RUSSIAN PRESIDENT VLADIMIR PUTIN" in putin.names
    assert putin.code_on(date(2024, 11, 19)) == "RUSGOV"
    assert putin.code_on(date(1990, 1, 1)) == "RUSELI"
    assert putin.code_on(None) == "RUSELI"  # no date: the default code


def test_dictionaries_uncoded_primary_joins_next_entry(shared: Path):
    path = shared / "ontology" / "actors" / "Phoenix.International.actors.txt"
    merged = read_actor_dictionary(path)
    assert _entry(merged, "U.N.").codes == [DatedCode("IGOUNO")]
    assert "UN SECRETARY GENERAL" in _entry(merged, "U.N.").names
    separate = read_actor_dictionary(path, merge_uncoded=False)
    assert _entry(separate, "U.N.").codes == []


def test_dictionaries_validate_agents_substitutions_and_plurals(unit_dir: Path):
    agents = {n: a for a in read_agent_dictionary(unit_dir / "PETR.Validate.agents.txt") for n in a.names}
    assert agents["AMBASSADORS"].code == "~GOV"  # regular plural
    assert "ARMED FORCESES" not in agents and agents["ARMED FORCES"].role == "MIL"  # {} = no plural
    assert agents["ATTORNEYS GENERAL"].code == "~GOV"  # explicit plural
    assert agents["CONGRESSWOMEN"].role == "LEG"  # !PERSON! substitution
    assert agents["MINISTRIES OF SILLY WALKS"].role == "GOV"  # !MINST! substitution
    assert agents["HUMAN RIGHTS BODY"].prefix and agents["HUMAN RIGHTS BODY"].role == "NGO"
    assert agents["GOLDEN GEESE"].role == "GGS"


def test_dictionaries_phoenix_agents(shared: Path):
    agents = {
        n: a for a in read_agent_dictionary(shared / "ontology" / "actors" / "Phoenix.agents.txt") for n in a.names
    }
    assert agents["FOREIGN MINISTERS"].role == "GOV"
    assert agents["POLICEMEN"].role == "COP"
    assert agents["TROOPS"].role == "MIL"


def test_dictionaries_discards(unit_dir: Path):
    discards = {d.phrase: d for d in read_discards(unit_dir / "PETR.Validate.discards.txt")}
    assert discards["Manchester United"].story
    assert not discards["BASEBALL"].story
    assert discards["TYPHOON"].story
    assert "# ELH 04 Aug 2009" not in discards["TYPHOON"].phrase
