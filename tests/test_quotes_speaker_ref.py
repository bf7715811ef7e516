"""A pronoun speaker keeps its evidence end to end: ``speaker`` is the mention at the cue ("He"),
``speaker_ref`` the name it refers to, ``speaker_actor`` that person's actor; annotated with the
real model, written to a real store, read back through the queries, the HTTP API, the exports and
the batch records."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pyarrow.parquet as pq
import pytest

from eventwire.api.settings import ServerSettings
from eventwire.batch.records import annotation_rows, document_from_rows, to_table
from eventwire.dedup import fingerprint
from eventwire.model import Article, Document
from eventwire.store import queries
from eventwire.store.database import PendingArticle, Store
from eventwire.store.export import export_to_file, export_to_stream
from test_api_server import running_server

TEXT = (
    "Kremlin spokesman Dmitry Peskov spoke to reporters in Moscow on Tuesday. "
    "He said Ukraine had attacked Russian troops near Kursk. "
    '"We will not stay silent," Peskov added.'
)
PUBLISHED = datetime(2024, 11, 19, 9, 0, tzinfo=UTC)
HE = TEXT.index("He said")
NAME = "Kremlin spokesman Dmitry Peskov"


@pytest.fixture(scope="module")
def annotated(nlp) -> tuple[Article, Document]:
    from eventwire.pipeline import get_pipeline

    article = Article(TEXT, title="Peskov on Kursk", url="https://news.example/peskov", published=PUBLISHED)
    return article, get_pipeline()(article)


@pytest.fixture(scope="module")
def store_path(annotated, tmp_path_factory) -> Path:
    article, document = annotated
    path = tmp_path_factory.mktemp("speaker-ref") / "quotes.duckdb"
    with Store(path) as store:
        store.write_batch([PendingArticle(article, fingerprint(TEXT, article.url), document, "test")])
    return path


def test_pronoun_speaker_is_the_mention_and_refers_to_the_named_person(annotated):
    _, document = annotated
    he, named = document.quotes
    assert (he.speaker.start, he.speaker.end, he.speaker.text) == (HE, HE + 2, "He")
    assert (he.speaker_ref.start, he.speaker_ref.end, he.speaker_ref.text) == (0, len(NAME), NAME)
    assert he.speaker_actor.actor_id == "dmitry-peskov"
    assert he.start == HE and he.content.text == "Ukraine had attacked Russian troops near Kursk"
    assert named.speaker.text == "Peskov" and named.speaker_ref is None
    assert named.speaker_actor.actor_id == "dmitry-peskov"
    # An event reported in the pronoun's words names whom the pronoun refers to.
    assert [(e.reported, e.speaker) for e in document.events] == [(True, NAME)]


def _pronoun_row(rows: list[dict]) -> dict:
    return next(r for r in rows if r["speaker"] == "He")


def test_store_queries_carry_speaker_and_speaker_ref(store_path):
    with Store(store_path, read_only=True) as store:
        page, total = queries.list_quotes(store, speaker="Dmitry Peskov")  # found through speaker_ref
        assert total == 1
        row = page[0]
        assert (row["speaker"], row["speaker_start"], row["speaker_end"]) == ("He", HE, HE + 2)
        assert (row["speaker_ref"], row["speaker_ref_start"], row["speaker_ref_end"]) == (NAME, 0, len(NAME))
        assert row["speaker_actor_id"] == "dmitry-peskov"
        everything, _ = queries.list_quotes(store)
        assert [r["speaker"] for r in everything] == ["He", "Peskov"]  # grouped by whom "He" refers to
        detail = queries.article_detail(store, _article_id(store))
        stored = _pronoun_row(detail["annotations"]["quotes"])
        assert TEXT[stored["speaker_start"] : stored["speaker_end"]] == "He"
        assert TEXT[stored["speaker_ref_start"] : stored["speaker_ref_end"]] == stored["speaker_ref"] == NAME
        assert [r["speaker_ref"] for r in store.quotes(speaker="Kremlin")] == [NAME]


def _article_id(store: Store) -> str:
    return store.query("SELECT id FROM articles")[0]["id"]


def test_exports_carry_speaker_and_speaker_ref(store_path, tmp_path):
    with Store(store_path, read_only=True) as store:
        export_to_file(store, "quotes", "csv", tmp_path / "q.csv")
        export_to_file(store, "quotes", "parquet", tmp_path / "q.parquet")
        buffer = io.BytesIO()
        export_to_stream(store, "quotes", "jsonl", buffer)
    csv_rows = list(csv.DictReader((tmp_path / "q.csv").open(encoding="utf-8")))
    parquet_rows = pq.read_table(tmp_path / "q.parquet").to_pylist()
    jsonl_rows = [json.loads(line) for line in buffer.getvalue().decode().splitlines()]
    for rows in (csv_rows, parquet_rows, jsonl_rows):
        row = _pronoun_row(rows)
        assert row["speaker_ref"] == NAME
        assert int(row["speaker_start"]) == HE and int(row["speaker_ref_end"]) == len(NAME)
        named = next(r for r in rows if r["speaker"] == "Peskov")
        assert named["speaker_ref"] in (None, "")  # csv writes a null as an empty field


def test_api_quotes_and_article_carry_speaker_and_speaker_ref(store_path):
    with running_server(ServerSettings(db=store_path, annotate=False)) as url:
        page = httpx.get(url + "/quotes", params={"speaker": "Peskov"}, timeout=30).json()
        assert page["total"] == 2
        row = _pronoun_row(page["items"])
        assert (row["speaker"], row["speaker_start"], row["speaker_end"]) == ("He", HE, HE + 2)
        assert (row["speaker_ref"], row["speaker_ref_start"], row["speaker_ref_end"]) == (NAME, 0, len(NAME))
        assert row["speaker_actor_id"] == "dmitry-peskov"
        article = httpx.get(url + f"/articles/{row['article_id']}", timeout=30).json()
        assert _pronoun_row(article["annotations"]["quotes"])["speaker_ref"] == NAME
        exported = httpx.get(url + "/export", params={"what": "quotes", "format": "jsonl"}, timeout=30)
        assert _pronoun_row([json.loads(line) for line in exported.text.splitlines()])["speaker_ref"] == NAME


def test_batch_records_keep_speaker_and_speaker_ref(annotated, tmp_path):
    article, document = annotated
    quotes = annotation_rows(article, document)["quotes"]
    pq.write_table(to_table("quotes", quotes), tmp_path / "quotes.parquet")
    read_back = pq.read_table(tmp_path / "quotes.parquet").to_pylist()
    assert _pronoun_row(read_back)["speaker_ref"] == NAME
    assert document_from_rows(article, {"quotes": read_back}).quotes == document.quotes
