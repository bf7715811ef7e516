"""SQL over a batch run's Parquet output, without loading it: DuckDB views named after the tables.

Each table (articles, sentences, entities, actor_mentions, quotes, timexes, event_mentions,
failures) is a view over the files of the completed partitions only, so a query never sees half
a partition, even while the run is going or after it was killed. ``events`` is what the store
would hold for these articles: mentions get their event ids from the store's own grouping
(``store.events.EventGrouper``, replayed in input order in ingest's batches) and are aggregated by
the store's own SQL (``store.events.events_select``). The output is not deduplicated:
syndicated copies are separate articles until ``eventwire load`` decides which copy is first.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.batch.output import OutputDir
from eventwire.batch.records import SCHEMAS, TABLES
from eventwire.ingestion import BATCH_SIZE
from eventwire.store.events import EventGrouper, events_select

VIEWS = (*TABLES, "events")
# A statement that names the events view needs the event ids; others skip computing them.
NAMES_EVENTS = re.compile(r"\bevents\b", re.IGNORECASE)


def _partition_of(path: str) -> str:
    return posixpath.basename(path)[:-8].rsplit("-", 1)[-1]


def _parquet(files: list[str], rows: bool = False) -> str:
    listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
    return f"read_parquet([{listed}]{', filename = true, file_row_number = true' if rows else ''})"


def _event_ids(con: duckdb.DuckDBPyConnection, articles: list[str], mentions: list[str]) -> pa.Table:
    """Each mention's event id, keyed by (filename, file_row_number), as a store would assign it.

    Articles are replayed in input order (partition, then item) in ingest's batches of
    ``BATCH_SIZE``; each batch's mentions, in article and mention order, go through the store's
    grouping.
    """
    by_article: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    found = con.execute(
        "SELECT filename, file_row_number, article_id, mention_id, event_key, event_date, published, sentence, "
        f"target_code, target_name FROM {_parquet(mentions, rows=True)} ORDER BY filename, file_row_number"
    ).fetchall()
    names = ("filename", "row", "article_id", "mention_id", "event_key", "event_date", "published", "sentence")
    for *fields, target_code, target_name in found:
        mention = dict(zip(names, fields, strict=True)) | {"target_code": target_code, "target_name": target_name}
        filename, article_id = mention["filename"], mention["article_id"]
        by_article[(_partition_of(filename), article_id)].append(mention)
    order = con.execute(f"SELECT partition, id FROM {_parquet(articles, rows=True)} ORDER BY filename, seq").fetchall()
    grouper = EventGrouper()
    assigned: list[dict[str, Any]] = []
    for start in range(0, len(order), BATCH_SIZE):
        batch = [m for key in order[start : start + BATCH_SIZE] for m in by_article.pop(tuple(key), [])]
        grouper.add_batch(batch)
        assigned += batch
    return pa.Table.from_pylist(
        [{"filename": m["filename"], "file_row_number": m["row"], "event_id": m["event_id"]} for m in assigned],
        schema=pa.schema([("filename", pa.string()), ("file_row_number", pa.int64()), ("event_id", pa.string())]),
    )


def _create_events_view(con: duckdb.DuckDBPyConnection, articles: list[str], mentions: list[str]) -> None:
    """``events``: the store's aggregation over the mentions with the ids the store would give them."""
    if articles and mentions:
        con.register("_event_ids", _event_ids(con, articles, mentions))
        with_ids = (
            "(SELECT m.* EXCLUDE (filename, file_row_number), i.event_id "
            f"FROM {_parquet(mentions, rows=True)} m JOIN _event_ids i USING (filename, file_row_number))"
        )
    else:
        with_ids = "(SELECT *, CAST(NULL AS VARCHAR) AS event_id FROM event_mentions)"
    con.execute(f"CREATE VIEW events AS {events_select(with_ids)}")


def completed_files(out: OutputDir, table: str, done: set[str]) -> list[str]:
    """The table's files that belong to completed partitions, in partition order."""
    directory = out.path(table)
    if not out.fs.exists(directory):
        return []
    files = []
    for path in sorted(out.fs.ls(directory, detail=False)):
        name = posixpath.basename(path)
        if name.startswith("part-") and name.endswith(".parquet") and _partition_of(name) in done:
            files.append(path if out.is_local else out.fs.unstrip_protocol(path))
    return files


def connect_batch(out_url: str, events: bool = True) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table of the batch output in ``out_url``.

    ``events=False`` leaves out the ``events`` view, which reads every mention to group them.
    """
    out = OutputDir(out_url)
    done = out.done_ids()
    con = duckdb.connect()
    if not out.is_local:
        con.register_filesystem(out.fs)
    files = {table: completed_files(out, table, done) for table in TABLES}
    for table in TABLES:
        if files[table]:
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM {_parquet(files[table])}")
        else:
            empty = pa.Table.from_pylist([], schema=SCHEMAS[table])
            con.register(f"_empty_{table}", empty)
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _empty_{table}")
    if events:
        _create_events_view(con, files["articles"], files["event_mentions"])
    return con


def query_batch(out_url: str, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
    """Run one SQL statement over the batch output; returns (column names, rows)."""
    con = connect_batch(out_url, events=bool(NAMES_EVENTS.search(sql)))
    try:
        cursor = con.execute(sql, params or [])
        columns = [d[0] for d in cursor.description] if cursor.description else []
        return columns, cursor.fetchall()
    finally:
        con.close()
