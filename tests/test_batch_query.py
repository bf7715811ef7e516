"""Querying batch output in place: only completed partitions, events grouped like the store groups them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import fsspec
import pytest

from eventwire.batch.output import OutputDir
from eventwire.batch.partitions import Partition
from eventwire.batch.query import query_batch
from eventwire.batch.records import TABLES, annotation_rows, article_row
from eventwire.batch.worker import write_partition
from eventwire.dedup import fingerprint
from eventwire.model import Article, Document, Event, EventActor, Span

SENTENCE = "Russia attacked Ukraine."


def _article(n: int, published: datetime | None, event_dates: list[date | None]) -> tuple[Article, Document]:
    text = f"{SENTENCE} Story {n}."
    article = Article(text, url=f"https://example.org/{n}", published=published, site=f"site{n % 2}")
    events = [
        Event(
            source=EventActor("RUS", "Russia", Span(0, 6, "Russia")),
            target=EventActor("UKR", "Ukraine", Span(16, 23, "Ukraine")),
            action=Span(7, 15, "attacked"),
            sentence=Span(0, len(SENTENCE), SENTENCE),
            cameo_code="190",
            root_code="19",
            plover_type="ASSAULT",
            event_date=day,
            id=f"ev{k}",
        )
        for k, day in enumerate(event_dates)
    ]
    return article, Document(article, events=events)


def _write(out: OutputDir, index: int, stories: list[tuple[Article, Document]], done: bool) -> None:
    partition = Partition(index, f"p_test{index}", "memory", "staged", "documents", count=len(stories))
    tables: dict[str, list] = {name: [] for name in TABLES}
    for seq, (article, document) in enumerate(stories):
        tables["articles"].append(article_row(partition.id, seq, article, fingerprint(article.text), "v"))
        for name, rows in annotation_rows(article, document).items():
            tables[name].extend(rows)
    write_partition(out, partition, tables)
    if done:
        out.write_bytes(out.marker_path(partition.id), b"{}")


@pytest.fixture()
def memory_out():
    url = "memory://batch-query-test"
    yield OutputDir(url)
    fsspec.filesystem("memory").rm("/batch-query-test", recursive=True)


def test_batch_query_sees_only_completed_partitions_on_any_filesystem(memory_out):
    day = datetime(2024, 11, 19, tzinfo=UTC)
    _write(memory_out, 0, [_article(0, day, [date(2024, 11, 19)])], done=True)
    _write(memory_out, 1, [_article(1, day, [date(2024, 11, 19)])], done=False)
    _, rows = query_batch(memory_out.url, "SELECT count(*) FROM articles")
    assert rows == [(1,)]
    _, rows = query_batch(memory_out.url, "SELECT count(*) FROM event_mentions")
    assert rows == [(1,)]
    _, rows = query_batch(memory_out.url, "SELECT count(*) FROM failures")
    assert rows == [(0,)]
    memory_out.write_bytes(memory_out.marker_path("p_test1"), b"{}")
    _, rows = query_batch(memory_out.url, "SELECT count(*), count(DISTINCT partition) FROM articles")
    assert rows == [(2, 2)]


def test_batch_query_events_view_groups_mentions_within_the_window(memory_out):
    day = datetime(2024, 11, 19, tzinfo=UTC)
    stories = [
        _article(0, day, [date(2024, 11, 19)]),
        _article(1, day, [date(2024, 11, 20)]),  # a day later: the same event
        _article(2, day, [date(2024, 11, 22)]),  # chained: within two days of the previous mention
        _article(3, day, [date(2024, 12, 1)]),  # nine days later: another event
        _article(4, None, [None]),  # undated mentions group together
        _article(5, None, [None]),
    ]
    _write(memory_out, 0, stories, done=True)
    columns, rows = query_batch(
        memory_out.url,
        "SELECT event_date, num_mentions, num_articles, num_sources, source_code, target_code, plover_type "
        "FROM events ORDER BY event_date NULLS LAST",
    )
    assert columns[0] == "event_date"
    assert rows == [
        (date(2024, 11, 19), 3, 3, 2, "RUS", "UKR", "ASSAULT"),
        (date(2024, 12, 1), 1, 1, 1, "RUS", "UKR", "ASSAULT"),
        (None, 2, 2, 2, "RUS", "UKR", "ASSAULT"),
    ]
