"""The batch query's ``events`` view and the store hold identical events for the same articles.

Forty articles in three partitions, their events spread over a few keys and a fortnight (some
undated, some unpublished, ties in the voted fields, locations with coordinates), are written as
batch output; ``eventwire load`` puts them in a store through ingest's write path. Every column
of every event must agree, including ids that depend on where ingest's batches are cut.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from eventwire.batch.load import load_batch
from eventwire.batch.manifest import Manifest
from eventwire.batch.output import OutputDir
from eventwire.batch.partitions import Partition
from eventwire.batch.query import query_batch
from eventwire.batch.records import TABLES, annotation_rows, article_row
from eventwire.batch.worker import write_partition
from eventwire.dedup import fingerprint
from eventwire.ingestion import BATCH_SIZE
from eventwire.model import Article, Document, Event, EventActor, Place, Span
from eventwire.store.database import Store

ARTICLES = 40
PARTITION_SIZE = 15
DAY0 = date(2024, 11, 1)
# Thirty-six made-up words: random texts from them are never near-duplicates of each other.
WORDS = [a + b for a in ("bor", "tal", "cea", "con", "dro", "sum") for b in ("der", "ks", "fire", "voy", "ne", "mit")]
# (source, target, CAMEO code, root, PLOVER type, Goldstein, negated)
ACTIONS = [
    ("RUS", "UKR", "190", "19", "ASSAULT", -10.0, False),
    ("RUS", "UKR", "195", "19", "ASSAULT", -10.0, False),
    ("USA", "CHN", "040", "04", "CONSULT", 1.0, False),
    ("USA", "CHN", "043", "04", "CONSULT", 2.8, False),
    ("ISR", "LBN", "190", "19", "ASSAULT", -10.0, True),
]
PLACES = [None, Place("Kharkiv", "UKR", 49.99, 36.23), Place("Kyiv", "UKR")]


def _event(n: int, action: tuple, day: date | None, place: Place | None) -> Event:
    source, target, cameo, root, plover, goldstein, negated = action
    sentence = f"{source} acted against {target}."
    return Event(
        source=EventActor(source, source.title(), Span(0, 3, source)),
        target=EventActor(target, target.title(), Span(20, 23, target)),
        action=Span(4, 9, "acted"),
        sentence=Span(0, len(sentence), sentence),
        cameo_code=cameo,
        root_code=root,
        plover_type=plover,
        goldstein=goldstein,
        quad_class=4 if goldstein < 0 else 1,
        negated=negated,
        event_date=day,
        location=place,
        confidence=0.5 + (n % 5) / 10,
        id=f"ev{n}",
    )


def stories() -> list[tuple[Article, Document]]:
    """Random articles, plus a chain of one key across where ingest cuts its first batch."""
    rng = random.Random(7)
    chain = {BATCH_SIZE - 2: 0, BATCH_SIZE - 1: 2, BATCH_SIZE: 4}  # same key, two days apart
    out = []
    for i in range(ARTICLES):
        text = " ".join(rng.choice(WORDS) for _ in range(60)) + f" Report {i}."
        published = None if i % 9 == 4 else datetime(2024, 11, 1, 6) + timedelta(hours=rng.choice([0, 12, 24, 60]))
        article = Article(text, url=f"https://news{i % 4}.example/{i}", published=published, site=f"news{i % 4}")
        if i in chain:
            events = [_event(0, ACTIONS[0], DAY0 + timedelta(days=30 + chain[i]), PLACES[1])]
        else:
            events = [
                _event(
                    k,
                    rng.choice(ACTIONS),
                    None if rng.random() < 0.15 else DAY0 + timedelta(days=rng.randrange(14)),
                    rng.choice(PLACES),
                )
                for k in range(rng.choice([0, 1, 1, 2, 3]))
            ]
        out.append((article, Document(article, events=events)))
    return out


def write_run(out: OutputDir, items: list[tuple[Article, Document]]) -> None:
    partitions = []
    for index, start in enumerate(range(0, len(items), PARTITION_SIZE)):
        part = items[start : start + PARTITION_SIZE]
        partition = Partition(index, f"p_events{index}", "memory", "staged", "documents", count=len(part))
        tables: dict[str, list] = {name: [] for name in TABLES}
        for seq, (article, document) in enumerate(part):
            tables["articles"].append(article_row(partition.id, seq, article, fingerprint(article.text), "v"))
            for name, rows in annotation_rows(article, document).items():
                tables[name].extend(rows)
        write_partition(out, partition, tables)
        out.write_bytes(out.marker_path(partition.id), b"{}")
        partitions.append(partition)
    Manifest(inputs=["memory"], partition_size=PARTITION_SIZE, settings={}, partitions=partitions).save(out)


def store_events(db, out_url: str, batch_size: int = BATCH_SIZE) -> list[tuple]:
    with Store(db) as store:
        summary = load_batch(out_url, store, batch_size=batch_size)
        assert summary.ingested == ARTICLES and summary.duplicates == 0
        return store.con.execute("SELECT * FROM events ORDER BY event_id").fetchall()


@pytest.fixture()
def run_dir(tmp_path) -> str:
    out = OutputDir(str(tmp_path / "run"))
    write_run(out, stories())
    return out.url


def test_batch_query_and_store_give_identical_events(run_dir, tmp_path):
    columns, batch = query_batch(run_dir, "SELECT * FROM events ORDER BY event_id")
    stored = store_events(tmp_path / "loaded.duckdb", run_dir)
    with Store(tmp_path / "loaded.duckdb", read_only=True) as store:
        assert columns == [d[0] for d in store.con.execute("SELECT * FROM events LIMIT 0").description]
    assert len(batch) > 10 and any(row[columns.index("num_mentions")] > 1 for row in batch)
    assert batch == stored


def test_where_ingest_cuts_its_batches_changes_the_events_and_the_query_follows_it(run_dir, tmp_path):
    one_batch = store_events(tmp_path / "one.duckdb", run_dir, batch_size=ARTICLES)
    _, batch = query_batch(run_dir, "SELECT * FROM events ORDER BY event_id")
    assert batch != one_batch  # the chain across the first cut is one event only in a single batch
    _, chained = query_batch(
        run_dir, "SELECT event_date, num_mentions FROM events WHERE event_date >= ? ORDER BY 1", [date(2024, 12, 1)]
    )
    assert chained == [(date(2024, 12, 1), 2), (date(2024, 12, 5), 1)]
