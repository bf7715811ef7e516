"""Read queries behind the API and the exploring commands: events, articles, quotes, actors.

The aggregates (timelines, dyads, network, clusters) are in ``store.aggregates``.

Every function takes a ``Store`` and reads through a per-thread cursor of its connection, so a
server can answer many requests at once while its single writer thread commits batches on the
store's own connection (DuckDB's MVCC gives each read a consistent snapshot).
"""

from __future__ import annotations

import threading
import weakref
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import pandas as pd

from eventwire.store.database import ARTICLE_COLUMNS, Store, article_filter, contains, starts_with
from eventwire.store.rows import ANNOTATION_TABLES

EVENT_COLUMNS = (
    "event_id, event_date, source_code, source_name, source_actor_id, source_person, "
    "target_code, target_name, target_actor_id, target_person, cameo_code, root_code, "
    "plover_type, plover_mode, goldstein, quad_class, negated, hypothetical, future, reported, "
    "location_name, location_country, lat, lon, confidence, num_mentions, num_sources, num_articles, "
    "first_article_id, sentence"
)
# Public sort keys → columns; a leading "-" sorts descending. Only these reach the SQL text.
EVENT_SORTS = {
    "date": "event_date",
    "goldstein": "goldstein",
    "mentions": "num_mentions",
    "sources": "num_sources",
    "articles": "num_articles",
    "root": "root_code",
    "source": "source_code",
    "target": "target_code",
}
FLAGS = ("negated", "hypothetical", "future", "reported")

_local = threading.local()
_cursor_lock = threading.Lock()


def cursor(store: Store) -> duckdb.DuckDBPyConnection:
    """This thread's read cursor on ``store`` (created once per thread, as DuckDB requires)."""
    cursors = thread_cursors()
    cur = cursors.get(store)
    if cur is None:
        with _cursor_lock:
            cur = cursors[store] = store.con.cursor()
    return cur


def thread_cursors() -> weakref.WeakKeyDictionary:
    """This thread's cursors by store (what a query timeout interrupts)."""
    cursors = getattr(_local, "cursors", None)
    if cursors is None:
        cursors = _local.cursors = weakref.WeakKeyDictionary()
    return cursors


def rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = cursor(store).execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def frame(store: Store, sql: str, params: list[Any] | None = None) -> pd.DataFrame:
    return cursor(store).execute(sql, params or []).df()


def scalar(store: Store, sql: str, params: list[Any] | None = None) -> Any:
    return cursor(store).execute(sql, params or []).fetchone()[0]


# -- events --------------------------------------------------------------------------------------


@dataclass(slots=True)
class EventFilter:
    """What to select from ``events``; every field is optional and they combine with AND."""

    actor: str | None = None  # CAMEO code prefix or name fragment, on either side
    dyad: tuple[str, str] | None = None  # (source, target), directed
    plover_type: str | None = None
    root_code: str | None = None
    quad_class: int | None = None
    since: date | None = None
    until: date | None = None
    min_goldstein: float | None = None
    max_goldstein: float | None = None
    negated: bool | None = None
    hypothetical: bool | None = None
    future: bool | None = None
    reported: bool | None = None
    text: str | None = None
    article_id: str | None = None


def actor_clause(code_col: str, name_col: str, value: str) -> tuple[str, list[Any]]:
    """Match an actor by CAMEO code prefix (``RUS`` covers ``RUSGOV``) or by a fragment of its name."""
    return f"({code_col} LIKE ? ESCAPE '!' OR {name_col} ILIKE ? ESCAPE '!')", [
        starts_with(value.strip().upper()),
        contains(value.strip()),
    ]


def side_clause(side: str, value: str) -> tuple[str, list[Any]]:
    """Events whose ``side`` (source or target) is the actor: ``actor_clause`` on its code and the
    code's name, or a fragment of the person's name ("Putin" finds RUSGOV events he is behind)."""
    value = value.strip()
    return (
        f"({side}_code LIKE ? ESCAPE '!' OR {side}_name ILIKE ? ESCAPE '!' OR {side}_person ILIKE ? ESCAPE '!')",
        [starts_with(value.upper()), contains(value), contains(value)],
    )


def either_actor_clause(value: str) -> tuple[str, list[Any]]:
    """Events whose source or target is the actor (``side_clause`` on both sides)."""
    src, p1 = side_clause("source", value)
    tgt, p2 = side_clause("target", value)
    return f"({src} OR {tgt})", [*p1, *p2]


def event_where(f: EventFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []

    def add(sql: str, *values: Any) -> None:
        where.append(sql)
        params.extend(values)

    if f.actor:
        clause, values = either_actor_clause(f.actor)
        add(clause, *values)
    if f.dyad:
        src, p1 = side_clause("source", f.dyad[0])
        tgt, p2 = side_clause("target", f.dyad[1])
        add(f"{src} AND {tgt}", *p1, *p2)
    if f.plover_type:
        add("plover_type = ?", f.plover_type.strip().upper())
    if f.root_code:
        add("root_code = ?", f.root_code.strip().zfill(2))
    if f.quad_class is not None:
        add("quad_class = ?", f.quad_class)
    if f.since:
        add("event_date >= ?", f.since)
    if f.until:
        add("event_date <= ?", f.until)
    if f.min_goldstein is not None:
        add("goldstein >= ?", f.min_goldstein)
    if f.max_goldstein is not None:
        add("goldstein <= ?", f.max_goldstein)
    for flag in FLAGS:
        value = getattr(f, flag)
        if value is not None:
            add(f"coalesce({flag}, false) = ?", value)
    if f.text:
        like = contains(f.text.strip())
        names = ("sentence", "source_name", "target_name", "source_person", "target_person")
        add("(" + " OR ".join(f"{name} ILIKE ? ESCAPE '!'" for name in names) + ")", *[like] * len(names))
    if f.article_id:
        add("event_id IN (SELECT event_id FROM event_mentions WHERE article_id = ?)", f.article_id)
    return (" AND ".join(where) or "true"), params


def order_by(sort: str, columns: dict[str, str] = EVENT_SORTS) -> str:
    """A whitelisted ORDER BY for a public sort key such as ``-date``; unknown keys raise ValueError."""
    key = sort.strip()
    desc = key.startswith("-")
    column = columns.get(key.lstrip("-+"))
    if column is None:
        raise ValueError(f"unknown sort key {key!r}; use one of {', '.join(sorted(columns))} (prefix - for descending)")
    return f"{column} {'DESC' if desc else 'ASC'} NULLS LAST, event_id"


def events_page_sql(f: EventFilter, sort: str = "-date") -> tuple[str, list[Any]]:
    where, params = event_where(f)
    return f"SELECT {EVENT_COLUMNS} FROM events WHERE {where} ORDER BY {order_by(sort)} LIMIT ? OFFSET ?", params


def list_events(store: Store, f: EventFilter, sort: str = "-date", limit: int = 50, offset: int = 0) -> list[dict]:
    sql, params = events_page_sql(f, sort)
    return rows(store, sql, [*params, limit, offset])


def count_events(store: Store, f: EventFilter) -> int:
    where, params = event_where(f)
    return scalar(store, f"SELECT count(*) FROM events WHERE {where}", params)


def events_frame(store: Store, f: EventFilter, sort: str = "-date", limit: int | None = None) -> pd.DataFrame:
    sql, params = events_page_sql(f, sort)
    return frame(store, sql, [*params, limit, 0])


def event_detail(store: Store, event_id: str) -> dict[str, Any] | None:
    """One event with every mention: the article, its sentence and all evidence offsets."""
    found = rows(store, f"SELECT {EVENT_COLUMNS} FROM events WHERE event_id = ?", [event_id])
    if not found:
        return None
    event = found[0]
    event["mentions"] = rows(
        store,
        "SELECT m.* EXCLUDE (event_key, start), a.title AS article_title, a.url AS article_url "
        "FROM event_mentions m LEFT JOIN articles a ON a.id = m.article_id "
        "WHERE m.event_id = ? ORDER BY m.published NULLS LAST, m.mention_id",
        [event_id],
    )
    return event


# -- articles ------------------------------------------------------------------------------------


def list_articles(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    site: str | None = None,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    cond, params = article_filter(since, until, site, search)
    page = rows(
        store,
        "SELECT id, title, site, url, published, ingested, source_kind, length(text) AS chars, "
        "(SELECT count(*) FROM event_mentions m WHERE m.article_id = articles.id) AS event_mentions "
        f"FROM articles WHERE {cond} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return page, scalar(store, f"SELECT count(*) FROM articles WHERE {cond}", params)


def article_detail(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article's text with every annotation (offsets into that text), its event mentions and copies."""
    cols = ", ".join([*ARTICLE_COLUMNS, "ingested"])
    found = rows(store, f"SELECT {cols} FROM articles WHERE id = ?", [article_id])
    if not found:
        return None
    article = found[0]
    article["annotations"] = {
        name: rows(
            store, f'SELECT * EXCLUDE (article_id) FROM "{name}" WHERE article_id = ? ORDER BY start', [article_id]
        )
        for name in ANNOTATION_TABLES
    }
    article["event_mentions"] = rows(
        store,
        "SELECT * EXCLUDE (article_id, event_key, start) FROM event_mentions WHERE article_id = ? "
        "ORDER BY sentence_start, action_start",
        [article_id],
    )
    article["duplicates"] = rows(
        store,
        "SELECT item, url, title, kind, similarity, seen_at FROM article_duplicates WHERE duplicate_of = ? "
        "ORDER BY seen_at",
        [article_id],
    )
    return article


# -- quotes and actors ---------------------------------------------------------------------------


def list_quotes(
    store: Store,
    speaker: str | None = None,
    article_id: str | None = None,
    search: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[list[dict[str, Any]], int]:
    """Quotes grouped by who speaks: a pronoun speaker's ``speaker_ref``, else its ``speaker``;
    ``speaker`` matches either mention or the speaker's actor code."""
    where, params = ["true"], []
    if speaker:
        where.append(
            "(q.speaker ILIKE ? ESCAPE '!' OR q.speaker_ref ILIKE ? ESCAPE '!' OR q.speaker_code ILIKE ? ESCAPE '!')"
        )
        params += [contains(speaker), contains(speaker), starts_with(speaker.strip().upper())]
    if article_id:
        where.append("q.article_id = ?")
        params.append(article_id)
    if search:
        where.append("q.content ILIKE ? ESCAPE '!'")
        params.append(contains(search))
    cond = " AND ".join(where)
    page = rows(
        store,
        'SELECT q.article_id, q.start, q."end", q.kind, q.speaker, q.speaker_start, q.speaker_end, '
        "q.speaker_ref, q.speaker_ref_start, q.speaker_ref_end, q.speaker_code, q.speaker_actor_id, q.cue, "
        "q.content, q.content_start, q.content_end, a.title AS article_title, a.published "
        f"FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {cond} "
        "ORDER BY coalesce(q.speaker_ref, q.speaker) NULLS LAST, a.published DESC NULLS LAST, q.article_id, q.start "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return page, scalar(store, f"SELECT count(*) FROM quotes q WHERE {cond}", params)


def list_actors(store: Store, search: str | None = None, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Actors seen in coded events (as source or target) with their counts, most active first."""
    where, params = "true", []
    if search:
        where, params = actor_clause("code", "name", search)
    return rows(
        store,
        "WITH sides AS ("
        "  SELECT source_code AS code, source_name AS name, 1 AS as_source, 0 AS as_target, goldstein FROM events"
        "  WHERE source_code IS NOT NULL"
        "  UNION ALL"
        "  SELECT target_code, target_name, 0, 1, goldstein FROM events WHERE target_code IS NOT NULL"
        "), actors AS ("
        "  SELECT code, mode(name) AS name, sum(as_source) AS events_as_source, sum(as_target) AS events_as_target,"
        "  count(*) AS events, avg(goldstein) AS goldstein_mean FROM sides GROUP BY code"
        ") "
        "SELECT a.*, coalesce(m.mentions, 0) AS mentions FROM actors a LEFT JOIN "
        "(SELECT cameo_code, count(*) AS mentions FROM actor_mentions GROUP BY cameo_code) m ON m.cameo_code = a.code "
        f"WHERE {where} ORDER BY events DESC, code LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
