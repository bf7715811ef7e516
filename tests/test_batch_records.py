"""Articles and Documents survive the trip through Parquet rows unchanged."""

from __future__ import annotations

from datetime import date, datetime

import pyarrow.parquet as pq
import pytest

from eventwire.batch.records import (
    ANNOTATION_TABLES,
    SCHEMAS,
    annotation_rows,
    article_from_row,
    article_row,
    document_from_rows,
    failure_from_row,
    failure_row,
    to_table,
)
from eventwire.dedup import fingerprint
from eventwire.model import (
    Actor,
    ActorMention,
    Article,
    Document,
    Entity,
    Event,
    EventActor,
    Failure,
    Place,
    Quote,
    Sentence,
    Span,
    Timex,
)
from eventwire.store.database import Store

TEXT = (
    "Germany's foreign minister met his French counterpart in Paris on Monday. "
    '"We will talk again," Vogel said. Protesters gathered outside the embassy.'
) * 3
PUBLISHED = datetime(2024, 11, 19, 8, 30)  # naive: UTC, as every Article keeps it

GERMANY = Actor("deu_gov", "Germany", "DEU", "GOV", "DEUGOV", "Q183")
FRANCE = Actor("fra", "France", "FRA", None, "FRA", None)


def _span(text: str, fragment: str) -> Span:
    start = text.index(fragment)
    return Span(start, start + len(fragment), fragment)


def _document() -> Document:
    vogel = _span(TEXT, "Vogel")
    return Document(
        Article(text=TEXT, title="Ministers meet", published=PUBLISHED, id="a_1"),
        sentences=[Sentence(0, 73), Sentence(74, 105)],
        entities=[Entity(0, 7, "Germany", "GPE"), Entity(vogel.start, vogel.end, "Vogel", "PERSON")],
        actors=[
            ActorMention(0, 7, "Germany", GERMANY, "dictionary", 1.0),
            ActorMention(56, 62, "French", FRANCE, "adjective", 0.8),
        ],
        quotes=[
            Quote(74, 105, _span(TEXT, "We will talk again"), "direct", vogel, _span(TEXT, "said"), GERMANY),
            Quote(10, 20, Span(10, 20, TEXT[10:20]), "indirect"),
            Quote(
                36,
                73,
                Span(40, 73, TEXT[40:73]),
                "indirect",
                speaker=_span(TEXT, "his"),
                cue=_span(TEXT, "met"),
                speaker_actor=GERMANY,
                speaker_ref=_span(TEXT, "Germany's foreign minister"),
            ),
        ],
        timexes=[Timex(66, 75, "on Monday", "DATE", "2024-11-18", "dct"), Timex(0, 3, "now", "DATE", None)],
        events=[
            Event(
                source=EventActor("DEUGOV", "Germany", Span(0, 7, "Germany"), GERMANY),
                target=EventActor("FRA", "French counterpart", Span(56, 74, TEXT[56:74]), FRANCE),
                action=_span(TEXT, "met"),
                sentence=Span(0, 73, TEXT[0:73]),
                cameo_code="040",
                root_code="04",
                plover_type="CONSULT",
                plover_mode="visit",
                plover_context=["diplomatic", "economic"],
                goldstein=1.0,
                quad_class=1,
                reported=True,
                speaker="Vogel",
                event_date=date(2024, 11, 18),
                location=Place("Paris", "FRA", 48.85, 2.35, _span(TEXT, "Paris")),
                confidence=0.9,
                coder="dependency.v1",
                id="ev1",
            ),
            Event(
                source=EventActor(None, "Protesters"),
                target=None,
                action=_span(TEXT, "gathered"),
                sentence=Span(106, 150, TEXT[106:150]),
                cameo_code="141",
                root_code="14",
                plover_type="PROTEST",
                negated=True,
                hypothetical=True,
                future=True,
            ),
        ],
    )


def _through_parquet(tmp_path, name, rows):
    path = tmp_path / f"{name}.parquet"
    pq.write_table(to_table(name, rows), path)
    return pq.read_table(path).to_pylist()


def test_batch_records_document_round_trip_is_lossless(tmp_path):
    article = Article(TEXT, title="Ministers meet", url="https://example.org/a", published=PUBLISHED, site="ex")
    document = _document()
    document.article = article
    tables = annotation_rows(article, document)
    assert set(tables) == set(ANNOTATION_TABLES)
    read_back = {name: _through_parquet(tmp_path, name, rows) for name, rows in tables.items()}
    rebuilt = document_from_rows(article, read_back)
    assert rebuilt == document
    assert read_back["event_mentions"][0]["plover_context"] == ["diplomatic", "economic"]
    assert read_back["quotes"][0]["speaker_actor"]["name"] == "Germany"
    pronoun = read_back["quotes"][2]
    assert (pronoun["speaker"], pronoun["speaker_ref"]) == ("his", "Germany's foreign minister")
    assert pronoun["speaker_ref_start"] == 0 and read_back["quotes"][0]["speaker_ref"] is None


def test_batch_records_quotes_written_before_speaker_ref_still_load(tmp_path):
    article = Article(TEXT, title="Ministers meet")
    document = _document()
    rows = annotation_rows(article, document)["quotes"]
    for row in rows:
        for column in ("speaker_ref_start", "speaker_ref_end", "speaker_ref"):
            del row[column]
    quotes = document_from_rows(article, {"quotes": rows}).quotes
    assert [q.speaker for q in quotes] == [q.speaker for q in document.quotes]
    assert all(q.speaker_ref is None for q in quotes)


def test_batch_records_article_and_fingerprint_round_trip(tmp_path):
    article = Article(
        TEXT,
        title="Ministers meet",
        url="https://example.org/a",
        canonical_url="https://example.org/a",
        published=datetime(2024, 11, 19, 8, 30),  # naive: taken as UTC
        fetched=PUBLISHED,
        site="ex",
        author="Staff",
        language="en",
        source_kind="html",
        item="crawl.warc.gz#record-4",
        raw=b"<html>...</html>",
    )
    fp = fingerprint(article.text, article.canonical_url)
    row = _through_parquet(tmp_path, "articles", [article_row("p_1", 3, article, fp, "annotator.v1")])[0]
    assert row["partition"] == "p_1" and row["seq"] == 3 and row["annotator"] == "annotator.v1"
    rebuilt, rebuilt_fp = article_from_row(row)
    assert rebuilt.published == PUBLISHED
    rebuilt.published = article.published
    assert rebuilt == article
    assert rebuilt_fp.text_hash == fp.text_hash and rebuilt_fp.bands == fp.bands
    assert (rebuilt_fp.signature == fp.signature).all()


def test_batch_records_short_text_has_no_signature(tmp_path):
    article = Article("Too short for shingles.", url="https://example.org/b")
    fp = fingerprint(article.text)
    row = _through_parquet(tmp_path, "articles", [article_row("p", 0, article, fp, "v")])[0]
    _, rebuilt_fp = article_from_row(row)
    assert rebuilt_fp.signature is None and rebuilt_fp.bands == []


def test_batch_records_failure_round_trip(tmp_path):
    failure = Failure("feed.xml#item-2", "no text could be extracted", "extract")
    row = _through_parquet(tmp_path, "failures", [failure_row("p", 5, failure)])[0]
    assert failure_from_row(row) == failure


@pytest.mark.parametrize("table", [*ANNOTATION_TABLES, "articles"])
def test_batch_records_tables_carry_every_store_column(table):
    with Store(":memory:") as store:
        columns = {r["column_name"] for r in store.query(f"DESCRIBE {table}")}
    skipped = {"event_id"} if table == "event_mentions" else {"ingested"} if table == "articles" else set()
    assert columns - skipped <= set(SCHEMAS[table].names)
