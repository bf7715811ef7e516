"""Actors in today's news (issue 14), on hand-written sentences: the open-data actor table, roles by
date, role nouns, datelines and bylines, persons apart from codes."""

from __future__ import annotations

import csv
import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.annotate.actors import load_actor_dictionary, resolve_actors
from eventwire.annotate.parse.dateline import find_furniture
from eventwire.model import Article
from eventwire.paths import DATA_DIR
from eventwire.pipeline import get_pipeline

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def table_script():
    sys.path.insert(0, str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location("build_actor_table", ROOT / "scripts" / "build_actor_table.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def dictionary():
    return load_actor_dictionary()


@pytest.fixture(scope="module")
def pipeline():
    return get_pipeline(None)


def _actors(nlp, text, when):
    return {m.text: m.actor.cameo_code for m in resolve_actors(nlp(text), when)}


# 1. Open actor data ---------------------------------------------------------------------------


def test_actors_today_position_labels_become_sectors(table_script):
    sector = table_script.position_sector
    assert sector("Minister of Foreign Affairs") == "GOV"
    assert sector("Minister of the Army") == "GOV"
    assert sector("Chief of the General Staff") == "MIL"
    assert sector("Justice of the Supreme Court") == "JUD"
    assert sector("Speaker of the National Assembly") == "LEG"
    assert sector("ambassador to Japan") == "GOV"
    assert table_script.parse_date("2019", end=True) == date(2019, 12, 28)
    assert table_script.parse_date("2021-03-04") == date(2021, 3, 4)
    assert table_script.parse_date("") is None
    assert table_script.name_variants(["Patrick M. Shanahan"]) == ["Patrick Shanahan"]
    assert not table_script.distinctive("The Nation") and table_script.distinctive("Islamic State of Iraq")


def test_actors_today_open_data_people_have_dated_roles(dictionary):
    # a US senator (Congress data), a UK minister (IfG), a German chancellor (Wikidata leaders)
    assert dictionary.lookup("Bernie Sanders", date(2016, 6, 1)).cameo_code == "USALEG"
    assert dictionary.lookup("Keir Starmer", date(2022, 6, 1)).cameo_code == "GBROPP"
    assert dictionary.lookup("Keir Starmer", date(2025, 6, 1)).cameo_code == "GBRGOV"
    assert dictionary.lookup("Olaf Scholz", date(2022, 6, 1)).cameo_code == "DEUGOV"
    assert dictionary.lookup("Ofcom", date(2020, 1, 1)).cameo_code == "GBRGOV"


def test_actors_today_supplement_rows_name_their_source():
    files = sorted((DATA_DIR / "supplement").glob("*.csv"))
    rows = [r for f in files for r in csv.DictReader(f.open(encoding="utf-8")) if r["kind"] in ("person", "org")]
    assert rows and all(r["source"].startswith("https://") for r in rows)
    names = {r["name"] for r in rows}
    # G20 leaders, the parties to today's wars, IGOs, armed groups, news organisations; candidates,
    # journalists, agencies, unions and companies the open data lacks
    for name in ("Keir Starmer", "Friedrich Merz", "Claudia Sheinbaum", "Yahya Sinwar", "Rapid Support Forces",
                 "Wagner Group", "NATO", "Associated Press", "WikiLeaks", "Dmitry Peskov", "Huma Abedin",
                 "Carly Fiorina", "Rachel Maddow", "AFL-CIO", "United States Secret Service", "Apple Inc."):  # fmt: skip
        assert name in names, name


def test_actors_today_fuzzy_match_needs_someone_in_office(nlp):
    found = _actors(nlp, "Volodymir Zelenskyi spoke to Johnny Millsworth.", date(2024, 3, 1))
    assert found == {"Volodymir Zelenskyi": "UKRGOV"}


# 2. Roles by date; titles in the text win ------------------------------------------------------


@pytest.mark.parametrize(
    ("when", "text", "span", "code"),
    [
        (date(2016, 5, 10), "Donald Trump criticised Mexico.", "Donald Trump", "USAOPP"),  # candidate
        (date(2017, 5, 10), "Donald Trump criticised Mexico.", "Donald Trump", "USAGOV"),  # in office
        (date(2025, 6, 10), "Joe Biden criticised Russia.", "Joe Biden", "USAELI"),  # after office
        (date(2022, 6, 1), "Former Secretary of State Antony Blinken criticised Russia.",
         "State Antony Blinken", "USAELI"),
        (date(2024, 12, 1), "President-elect Donald Trump criticised Canada.", "President-elect Donald Trump",
         "USAELI"),
    ],
)  # fmt: skip
def test_actors_today_roles_by_date(nlp, when, text, span, code):
    assert _actors(nlp, text, when)[span] == code


# 3. Role nouns take their country from the text; non-state roles are no government ----------------


def test_actors_today_dateline_lends_its_country(nlp):
    found = _actors(nlp, "WASHINGTON — The president said on Monday that talks with China would resume.",
                    date(2024, 3, 1))  # fmt: skip
    assert found["president"] == "USAGOV"


def test_actors_today_story_country_for_state_role_nouns(nlp):
    text = (
        "Kenya's parliament passed the budget. Kenyan lawmakers cheered.\n\n"
        "The ministry said the money would reach the counties."
    )
    assert _actors(nlp, text, date(2024, 3, 1))["ministry"] == "KENGOV"


def test_actors_today_nearest_country_in_the_phrase(nlp):
    found = _actors(nlp, "WASHINGTON — Officials in Kenya said the talks had stalled.", date(2024, 3, 1))
    assert found["Officials"] == "KENGOV"


@pytest.mark.parametrize(
    ("text", "span", "sector"),
    [
        ("LONDON (Reuters) — The bank's chief executive said profits rose.", "chief executive", "BUS"),
        ("A spokesman for the newspaper declined to comment.", "spokesman", "MED"),
        ("A spokeswoman for the charity said aid was blocked.", "spokeswoman", "NGO"),
    ],
)
def test_actors_today_non_state_roles(nlp, text, span, sector):
    mention = next(m for m in resolve_actors(nlp(text), date(2024, 3, 1)) if m.text == span)
    assert mention.actor.sector == sector and mention.actor.country is None


# 4. Datelines and bylines ---------------------------------------------------------------------


def test_actors_today_furniture_is_found():
    text = "By Jane Doe and John Roe\n\nKABUL, Afghanistan (AP) — The envoy left.\n\nBy Tuesday, talks ended."
    found = [(f.kind, text[f.start : f.end].strip(), f.place) for f in find_furniture(text)]
    assert found == [
        ("byline", "By Jane Doe and John Roe", None),
        ("dateline", "KABUL, Afghanistan (AP) —", "Afghanistan"),
    ]
    assert [f.place for f in find_furniture("LONDON (Reuters) - Prices rose.")] == ["LONDON"]
    assert [f.city for f in find_furniture("Washington (CNN) — The Senate voted.")] == ["Washington"]
    assert find_furniture("U.S. - China talks resume.") == []


def test_actors_today_dateline_is_no_actor_or_source(pipeline):
    text = "KABUL, Afghanistan (AP) — The U.S. envoy accused Pakistan of sheltering militants on Tuesday."
    document = pipeline(Article(text=text, published="2024-03-01"))
    dateline_end = text.index("—") + 1
    assert all(m.start >= dateline_end for m in document.actors)
    assert [(m.text, m.actor.cameo_code) for m in document.actors][:2] == [
        ("The U.S. envoy", "USAGOV"),
        ("Pakistan", "PAK"),
    ]
    assert all(e.source is None or e.source.code != "AFGGOV" for e in document.events)


def test_actors_today_byline_is_no_speaker(pipeline):
    text = 'By Jane Doe\n\n"We will not leave," Doe said.\n\nBy JANE DOE\n\nSenators met on Monday.'
    document = pipeline(Article(text=text, published="2024-03-01"))
    assert all(q.speaker is None or q.speaker.start > text.index("\n") for q in document.quotes)
    assert not any(m.start < text.index("\n") for m in document.actors)


# 5. Persons and codes apart; names in proper case -----------------------------------------------


def test_actors_today_event_shows_person_and_code(pipeline):
    document = pipeline(Article(text="President Donald Trump accused China of stealing jobs.", published="2018-03-01"))
    source = document.events[0].source
    assert source.code == "USAGOV"
    assert source.name == "United States (government)"
    assert (source.actor.actor_id, source.actor.name) == ("donald-trump", "Donald Trump")


def test_actors_today_names_keep_proper_case(dictionary):
    assert dictionary.lookup("Security Council", date(2024, 3, 1)).name == "UN Security Council"
    assert dictionary.lookup("John McCain", date(2016, 3, 1)).name == "John McCain"
    assert dictionary.lookup("US Secretary of Defense", date(2016, 3, 1)).name.startswith("US Secretary")


def test_actors_today_institution_word_takes_the_story_country(nlp):
    found = _actors(nlp, "WASHINGTON — Congress passed the bill on Tuesday.", date(2024, 3, 1))
    assert found == {"Congress": "USALEG"}


def test_actors_today_role_noun_points_back_to_the_named_body(nlp):
    text = "NATO met in Brussels. The alliance warned Russia. The Washington Post said the newspaper would sue."
    found = _actors(nlp, text, date(2024, 3, 1))
    assert found["The alliance"] == "IGOWSTNAT"
    assert found["the newspaper"] == "USAMED"


def test_actors_today_capital_byline_after_headline_is_furniture():
    text = "Agents seize cocaine in San Juan. By U.S. CUSTOMS AND BORDER PROTECTION\n\nAgents found it."
    assert [(f.kind, text[f.start : f.end]) for f in find_furniture(text)] == [
        ("byline", "By U.S. CUSTOMS AND BORDER PROTECTION")
    ]
    # a sentence that starts with "By" and goes on in lower case is no byline
    assert find_furniture("Talks ended. By THE END of May they had resumed.") == []
