"""SQL over a batch run's Parquet output, without loading it: DuckDB views named after the tables.

Each table (articles, sentences, entities, actor_mentions, quotes, timexes, event_mentions,
failures) is a view over the files of the completed partitions only, so a query never sees half
a partition, even while the run is going or after it was killed. ``events`` groups event
mentions across articles like the store does (same key, dates within ``EVENT_WINDOW_DAYS``,
chained by date). The output is not deduplicated: syndicated copies are separate articles until
``eventwire load`` decides which copy is first.
"""

from __future__ import annotations

import posixpath
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.batch.output import OutputDir
from eventwire.batch.records import SCHEMAS, TABLES
from eventwire.store.events import EVENT_WINDOW_DAYS

# Mentions of one event key are sorted by date; a gap wider than the store's window starts a new
# event. Descriptive fields come from the earliest published mention, as in the store.
EVENTS_VIEW_SQL = f"""
CREATE VIEW events AS
WITH marked AS (
    SELECT *,
        CASE
            WHEN lag(event_key) OVER w IS NULL THEN 1
            WHEN event_date IS NULL AND lag(event_date) OVER w IS NULL THEN 0
            WHEN event_date IS NULL OR lag(event_date) OVER w IS NULL THEN 1
            WHEN date_diff('day', lag(event_date) OVER w, event_date) <= {EVENT_WINDOW_DAYS} THEN 0
            ELSE 1
        END AS starts_event
    FROM event_mentions
    WINDOW w AS (PARTITION BY event_key ORDER BY event_date NULLS LAST, mention_id)
), numbered AS (
    SELECT *, sum(starts_event) OVER (
        PARTITION BY event_key ORDER BY event_date NULLS LAST, mention_id ROWS UNBOUNDED PRECEDING
    ) AS event_no
    FROM marked
)
SELECT
    'e_' || substr(md5(event_key || '|' || coalesce(CAST(min(event_date) AS VARCHAR), '')), 1, 16) AS event_id,
    event_key,
    min(event_date) AS event_date,
    arg_min(source_code, coalesce(published, TIMESTAMP '9999-01-01')) AS source_code,
    arg_min(source_name, coalesce(published, TIMESTAMP '9999-01-01')) AS source_name,
    arg_min(target_code, coalesce(published, TIMESTAMP '9999-01-01')) AS target_code,
    arg_min(target_name, coalesce(published, TIMESTAMP '9999-01-01')) AS target_name,
    mode(cameo_code) AS cameo_code,
    arg_min(root_code, coalesce(published, TIMESTAMP '9999-01-01')) AS root_code,
    mode(plover_type) AS plover_type,
    mode(plover_mode) AS plover_mode,
    avg(goldstein) AS goldstein,
    arg_min(quad_class, coalesce(published, TIMESTAMP '9999-01-01')) AS quad_class,
    bool_and(negated) AS negated,
    bool_and(hypothetical) AS hypothetical,
    bool_and(future) AS future,
    bool_and(reported) AS reported,
    mode(location_name) AS location_name,
    mode(location_country) AS location_country,
    max(confidence) AS confidence,
    count(*) AS num_mentions,
    count(DISTINCT coalesce(site, article_id)) AS num_sources,
    count(DISTINCT article_id) AS num_articles,
    arg_min(article_id, coalesce(published, TIMESTAMP '9999-01-01')) AS first_article_id,
    arg_min(sentence, coalesce(published, TIMESTAMP '9999-01-01')) AS sentence
FROM numbered
GROUP BY event_key, event_no
"""
VIEWS = (*TABLES, "events")


def completed_files(out: OutputDir, table: str, done: set[str]) -> list[str]:
    """The table's files that belong to completed partitions, in partition order."""
    directory = out.path(table)
    if not out.fs.exists(directory):
        return []
    files = []
    for path in sorted(out.fs.ls(directory, detail=False)):
        name = posixpath.basename(path)
        if name.startswith("part-") and name.endswith(".parquet") and name[:-8].rsplit("-", 1)[-1] in done:
            files.append(path if out.is_local else out.fs.unstrip_protocol(path))
    return files


def connect_batch(out_url: str) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with a view per table of the batch output in ``out_url``."""
    out = OutputDir(out_url)
    done = out.done_ids()
    con = duckdb.connect()
    if not out.is_local:
        con.register_filesystem(out.fs)
    for table in TABLES:
        files = completed_files(out, table, done)
        if files:
            listed = ", ".join("'" + f.replace("'", "''") + "'" for f in files)
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM read_parquet([{listed}])")
        else:
            empty = pa.Table.from_pylist([], schema=SCHEMAS[table])
            con.register(f"_empty_{table}", empty)
            con.execute(f"CREATE VIEW {table} AS SELECT * FROM _empty_{table}")
    con.execute(EVENTS_VIEW_SQL)
    return con


def query_batch(out_url: str, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
    """Run one SQL statement over the batch output; returns (column names, rows)."""
    con = connect_batch(out_url)
    try:
        cursor = con.execute(sql, params or [])
        columns = [d[0] for d in cursor.description] if cursor.description else []
        return columns, cursor.fetchall()
    finally:
        con.close()
