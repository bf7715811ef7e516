"""Persons and codes apart: an event side names the person behind it (name, id) next to its code and
the code's name, through the pipeline, the store, Parquet, the API, the exports and the dashboard;
a code-level actor (a country, a body) has no person."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import httpx
import pandas as pd
import pyarrow.parquet as pq
import pytest
from playwright.sync_api import expect

from browser_support import chromium, watch_page
from eventwire import IngestOptions, Store, analyze, ingest
from eventwire.api.settings import ServerSettings
from eventwire.batch.records import annotation_rows, document_from_rows, to_table
from eventwire.ingestion import reannotate
from eventwire.pipeline import PipelineConfig
from eventwire.store import queries
from eventwire.store.export import GDELT_COLUMNS, export_to_file
from eventwire.store.schema import LATEST_VERSION, MIGRATIONS
from test_api_server import running_server

PUTIN = "Russian President Vladimir Putin threatened Ukraine on Monday."
RUSSIA = "Russia threatened Ukraine on Tuesday."
PESKOV = "Kremlin spokesman Dmitry Peskov criticized NATO on Wednesday."
MCCAIN = "Senator John McCain accused the UN Security Council of failing Syria."
# Sides are what these tests are about: every event, whatever its confidence.
EVERY_EVENT = PipelineConfig(min_confidence=0.0)
TEXTS = {"putin": PUTIN, "russia": RUSSIA, "peskov": PESKOV, "mccain": MCCAIN}


def _ingest(store: Store, folder: Path, texts: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    summary = ingest([str(folder / f"{name}.txt") for name in texts], store, IngestOptions(min_confidence=0.0))
    assert summary.ingested == len(texts) and not summary.failures


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("persons")
    with Store(folder / "persons.duckdb") as store:
        _ingest(store, folder / "texts", TEXTS)
    return folder / "persons.duckdb"


@pytest.fixture()
def api(store_path: Path) -> Iterator[str]:
    with running_server(ServerSettings(db=store_path, annotate=False)) as url:
        yield url


def _by_sentence(items: list[dict], text: str) -> dict:
    return next(e for e in items if e["sentence"] == text)


def test_pipeline_keeps_the_person_apart_from_the_code():
    putin = analyze(PUTIN, config=EVERY_EVENT).events[0].source
    assert (putin.code, putin.name) == ("RUSGOV", "Russia (government)")
    assert putin.person is not None and putin.person.name == "Vladimir Putin" and putin.person.actor_id
    assert putin.actor == putin.person
    russia = analyze(RUSSIA, config=EVERY_EVENT).events[0]
    assert (russia.source.code, russia.source.name, russia.source.person) == ("RUS", "Russia", None)
    assert russia.target is not None and russia.target.person is None and russia.target.code == "UKR"


def test_store_keeps_person_name_and_id_beside_the_code(store_path: Path):
    with Store(store_path, read_only=True) as store:
        events = queries.list_events(store, queries.EventFilter(), limit=50)
        putin = _by_sentence(events, PUTIN)
        assert putin["source_code"] == "RUSGOV" and putin["source_name"] == "Russia (government)"
        assert putin["source_person"] == "Vladimir Putin" and putin["source_actor_id"]
        assert putin["target_person"] is None and putin["target_name"] == "Ukraine"
        russia = _by_sentence(events, RUSSIA)
        assert (russia["source_code"], russia["source_name"], russia["source_person"]) == ("RUS", "Russia", None)
        mccain = _by_sentence(events, MCCAIN)
        assert mccain["source_person"] == "John McCain" and mccain["source_code"].startswith("USA")
        assert mccain["target_name"] == "UN Security Council" and mccain["target_person"] is None
        mentions = store.query("SELECT source_person, source_actor_id FROM event_mentions WHERE sentence = ?", [PUTIN])
        assert mentions == [{"source_person": "Vladimir Putin", "source_actor_id": putin["source_actor_id"]}]
        # A person's name finds the events they are behind; the code's name still finds them all.
        found = queries.list_events(store, queries.EventFilter(actor="Putin"))
        assert [e["sentence"] for e in found] == [PUTIN]
        assert len(queries.list_events(store, queries.EventFilter(actor="RUS"))) == 3


def test_api_event_sides_carry_code_name_and_person_or_null(api: str):
    items = httpx.get(api + "/events", params={"limit": 50}, timeout=30).json()["items"]
    putin = _by_sentence(items, PUTIN)
    assert putin["source"]["code"] == "RUSGOV" and putin["source"]["name"] == "Russia (government)"
    person = putin["source"]["person"]
    assert person["name"] == "Vladimir Putin" and person["id"]
    assert putin["target"] == {"code": "UKR", "name": "Ukraine", "person": None}
    assert (putin["source_code"], putin["source_name"]) == ("RUSGOV", "Russia (government)")  # flat fields stay
    russia = _by_sentence(items, RUSSIA)
    assert russia["source"] == {"code": "RUS", "name": "Russia", "person": None}
    peskov = _by_sentence(items, PESKOV)
    assert peskov["source"]["person"]["name"] == "Dmitry Peskov" and peskov["source"]["code"] == "RUSGOV"
    assert peskov["target"]["person"] is None and peskov["target"]["name"] == "NATO"
    detail = httpx.get(api + f"/events/{putin['event_id']}", timeout=30).json()
    assert detail["source"]["person"] == person
    assert detail["mentions"][0]["source"]["person"] == person
    assert detail["mentions"][0]["source_person"] == "Vladimir Putin"
    only = httpx.get(api + "/events", params={"actor": "Peskov"}, timeout=30).json()
    assert [e["sentence"] for e in only["items"]] == [PESKOV]


def test_exports_carry_the_person_and_gdelt_names_the_person_or_the_code(store_path: Path, tmp_path: Path):
    with Store(store_path, read_only=True) as store:
        export_to_file(store, "events", "csv", tmp_path / "e.csv")
        export_to_file(store, "events", "jsonl", tmp_path / "e.jsonl")
        export_to_file(store, "events", "parquet", tmp_path / "e.parquet")
        export_to_file(store, "mentions", "csv", tmp_path / "m.csv")
        export_to_file(store, "events", "gdelt", tmp_path / "e.export.CSV")
    csv_rows = pd.read_csv(tmp_path / "e.csv", keep_default_na=False).set_index("sentence")
    assert csv_rows.loc[PUTIN, "source_person"] == "Vladimir Putin" and csv_rows.loc[PUTIN, "source_code"] == "RUSGOV"
    assert csv_rows.loc[RUSSIA, "source_person"] == "" and csv_rows.loc[RUSSIA, "source_name"] == "Russia"
    jsonl = {r["sentence"]: r for r in map(json.loads, (tmp_path / "e.jsonl").read_text().splitlines())}
    assert jsonl[PESKOV]["source_person"] == "Dmitry Peskov" and jsonl[PESKOV]["target_person"] is None
    assert jsonl[PESKOV]["source_actor_id"] == csv_rows.loc[PESKOV, "source_actor_id"]
    parquet = {r["sentence"]: r for r in pq.read_table(tmp_path / "e.parquet").to_pylist()}
    assert parquet[MCCAIN]["source_person"] == "John McCain" and parquet[RUSSIA]["source_person"] is None
    mentions = pd.read_csv(tmp_path / "m.csv", keep_default_na=False).set_index("sentence")
    assert mentions.loc[PUTIN, "source_person"] == "Vladimir Putin"
    gdelt = pd.read_csv(
        tmp_path / "e.export.CSV", sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=str, keep_default_na=False
    )
    names = set(zip(gdelt["Actor1Code"], gdelt["Actor1Name"], gdelt["Actor2Name"], strict=True))
    assert ("RUSGOV", "Vladimir Putin", "Ukraine") in names
    assert ("RUS", "Russia", "Ukraine") in names
    assert ("RUSGOV", "Dmitry Peskov", "NATO") in names


def test_parquet_rows_rebuild_the_person_and_old_rows_have_none():
    document = analyze(PUTIN)
    tables = annotation_rows(document.article, document)
    rows = to_table("event_mentions", tables["event_mentions"]).to_pylist()
    assert rows[0]["source_person"] == "Vladimir Putin"
    rebuilt = document_from_rows(document.article, {"event_mentions": rows})
    assert rebuilt.events[0].source == document.events[0].source
    old = [{k: v for k, v in row.items() if k not in ("source_person", "target_person")} for row in rows]
    source = document_from_rows(document.article, {"event_mentions": old}).events[0].source
    assert source.person is None and source.actor == document.events[0].source.actor


def test_older_store_migrates_gets_person_columns_and_new_events_fill_them(tmp_path: Path):
    path = tmp_path / "v4.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)")
    for version, description, sql in MIGRATIONS[:4]:
        con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, description])
    con.execute(
        "INSERT INTO event_mentions (mention_id, event_id, article_id, source_code, source_name, source_actor_id, "
        "target_code, target_name, target_actor_id, cameo_code, event_key) VALUES "
        "('m_old', 'e_old', 'a_old', 'USAGOV', 'United States (government)', 'donald-trump', 'CHN', 'China', 'CHN', "
        "'111', 'USAGOV|chn|ACCUSE|real')"
    )
    con.execute(
        "INSERT INTO events (event_id, event_key, source_code, source_name, target_code, target_name, cameo_code) "
        "VALUES ('e_old', 'USAGOV|chn|ACCUSE|real', 'USAGOV', 'United States (government)', 'CHN', 'China', '111')"
    )
    con.close()
    with Store(path) as store:
        assert store.schema_version() == LATEST_VERSION
        old = queries.event_detail(store, "e_old")
        assert old is not None and old["source_actor_id"] == "donald-trump" and old["target_actor_id"] == "CHN"
        assert old["source_person"] is None and old["mentions"][0]["source_person"] is None
        _ingest(store, tmp_path / "texts", {"putin": PUTIN})
        new = _by_sentence(queries.list_events(store, queries.EventFilter()), PUTIN)
        assert new["source_person"] == "Vladimir Putin" and new["source_code"] == "RUSGOV"
    with Store(path) as store:  # opening again applies nothing twice
        assert store.schema_version() == LATEST_VERSION


def test_annotate_redoes_events_stored_by_the_previous_events_stage(tmp_path: Path):
    """A migrated store's rows have no person; the events stage's new version makes them outdated."""
    with Store(tmp_path / "old.duckdb") as store:
        _ingest(store, tmp_path / "texts", {"putin": PUTIN})
        store.con.execute("UPDATE event_mentions SET source_person = NULL")
        store.con.execute("UPDATE events SET source_person = NULL")
        store.con.execute("UPDATE annotation_runs SET annotator = replace(annotator, 'events.v3', 'events.v2')")
        assert reannotate(store, IngestOptions(min_confidence=0.0)) == 1
        assert reannotate(store, IngestOptions(min_confidence=0.0)) == 0
        event = _by_sentence(queries.list_events(store, queries.EventFilter()), PUTIN)
        assert event["source_person"] == "Vladimir Putin"


def test_dashboard_shows_the_person_with_the_code(api: str):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        problems = watch_page(page, api)
        page.goto(api + "/")
        putin = page.locator("#events-table tbody tr", has_text="Vladimir Putin threatened")
        source = putin.locator("td").nth(1)
        expect(source).to_contain_text("Vladimir Putin")
        expect(source.locator(".code")).to_have_text("RUSGOV · Russia (government)")
        russia = page.locator("#events-table tbody tr", has_text="Russia threatened").locator("td").nth(1)
        expect(russia).to_have_text("RussiaRUS")
        putin.click()
        expect(page.locator("#event-summary")).to_contain_text("Vladimir Putin · RUSGOV")
        assert not problems, problems
