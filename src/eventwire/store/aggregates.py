"""Aggregate queries behind the analysis layer: dyad timelines, dyad periods, network edges, clusters.

They read through the same per-thread cursors as ``store.queries`` and return DataFrames; the
analysis layer (``eventwire.analysis``) turns them into indexes, alerts and graphs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd

from eventwire.store.database import Store
from eventwire.store.queries import cursor, either_actor_clause, frame, side_clause

# CAMEO actor codes start with a country (RUSGOV, UKRMIL) except for these groupings, whose
# members differ after the prefix (IGOUNO is the UN, IGOEUR the EU): they keep the whole code.
NON_STATE_PREFIXES = ("IGO", "NGO", "MNC", "NGM", "IMG", "UIS")
LEVELS = ("country", "actor")
# Aggregates (timelines, escalation, the network) count what happened: a denied, hypothetical or
# merely announced action stays listed as an event but adds nothing to a dyad's record.
REAL_EVENTS = "NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false) AND NOT coalesce(future, false)"
FREQUENCIES = ("day", "week", "month")

_QUAD_COUNTS = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS q{q}" for q in (1, 2, 3, 4))


def _period(freq: str) -> str:
    if freq not in FREQUENCIES:
        raise ValueError(f"unknown frequency {freq!r}; use one of {', '.join(FREQUENCIES)}")
    return f"CAST(date_trunc('{freq}', event_date) AS DATE)"


def _date_range(since: date | None, until: date | None) -> tuple[str, list[Any]]:
    return "(?::DATE IS NULL OR event_date >= ?) AND (?::DATE IS NULL OR event_date <= ?)", [since, since, until, until]


def timeline_sql(a: str, b: str | None, freq: str, since: date | None, until: date | None) -> tuple[str, list[Any]]:
    """Per period and direction (a→b, b→a; or a→any, any→a without b): counts by quad class, Goldstein."""
    out_a, pa = side_clause("source", a)
    in_a, pa2 = side_clause("target", a)
    if b:
        out_b, pb = side_clause("target", b)
        in_b, pb2 = side_clause("source", b)
        forward, backward = f"{out_a} AND {out_b}", f"{in_a} AND {in_b}"
        fparams, bparams = [*pa, *pb], [*pa2, *pb2]
        labels = [f"{a.upper()}→{b.upper()}", f"{b.upper()}→{a.upper()}"]
    else:
        forward, backward, fparams, bparams = out_a, in_a, pa, pa2
        labels = [f"{a.upper()}→*", f"*→{a.upper()}"]
    dates, dparams = _date_range(since, until)
    sql = (
        f"SELECT CASE WHEN {forward} THEN ? ELSE ? END AS direction, {_period(freq)} AS period, "
        f"count(*) AS events, {_QUAD_COUNTS}, sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean "
        f"FROM events WHERE event_date IS NOT NULL AND {REAL_EVENTS} AND (({forward}) OR ({backward})) AND {dates} "
        "GROUP BY ALL ORDER BY period, direction"
    )
    return sql, [*fparams, *labels, *fparams, *bparams, *dparams]


def timeline_frame(
    store: Store, a: str, b: str | None = None, freq: str = "day", since: date | None = None, until: date | None = None
) -> pd.DataFrame:
    sql, params = timeline_sql(a, b, freq, since, until)
    return frame(store, sql, params)


def actor_key(column: str, level: str) -> str:
    """SQL for the actor an event side counts as: its country (``level="country"``) or its whole code."""
    if level not in LEVELS:
        raise ValueError(f"unknown actor level {level!r}; use one of {', '.join(LEVELS)}")
    if level == "actor":
        return column
    prefixes = ", ".join(f"'{p}'" for p in NON_STATE_PREFIXES)
    return f"(CASE WHEN left({column}, 3) IN ({prefixes}) THEN {column} ELSE left({column}, 3) END)"


def dyad_periods(
    store: Store,
    freq: str = "day",
    since: date | None = None,
    until: date | None = None,
    actor: str | None = None,
    level: str = "country",
) -> pd.DataFrame:
    """Events per unordered dyad and period with Goldstein sums: the input of the escalation index."""
    src_key, tgt_key = actor_key("source_code", level), actor_key("target_code", level)
    dates, params = _date_range(since, until)
    where = (
        f"event_date IS NOT NULL AND source_code IS NOT NULL AND target_code IS NOT NULL AND {REAL_EVENTS} AND {dates}"
    )
    where, params = _touching(where, params, actor)
    return frame(
        store,
        f"SELECT least({src_key}, {tgt_key}) AS actor_a, greatest({src_key}, {tgt_key}) AS actor_b, "
        f"{_period(freq)} AS period, count(*) AS events, {_QUAD_COUNTS}, sum(goldstein) AS goldstein_sum "
        f"FROM events WHERE {where} AND {src_key} <> {tgt_key} GROUP BY ALL ORDER BY actor_a, actor_b, period",
        params,
    )


def network_edges(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    actor: str | None = None,
    min_weight: int = 1,
    limit: int = 500,
) -> pd.DataFrame:
    """Directed actor→actor edges: event count, Goldstein mean/sum, most frequent names."""
    dates, params = _date_range(since, until)
    where = f"source_code IS NOT NULL AND target_code IS NOT NULL AND source_code <> target_code AND {REAL_EVENTS} AND {dates}"
    where, params = _touching(where, params, actor)
    return frame(
        store,
        "SELECT source_code AS source, target_code AS target, mode(source_name) AS source_name, "
        "mode(target_name) AS target_name, count(*) AS weight, avg(goldstein) AS goldstein_mean, "
        f"sum(goldstein) AS goldstein_sum, {_QUAD_COUNTS} FROM events WHERE {where} "
        "GROUP BY source_code, target_code HAVING count(*) >= ? ORDER BY weight DESC, source, target LIMIT ?",
        [*params, min_weight, limit],
    )


def cluster_inputs(
    store: Store, since: date | None = None, until: date | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Articles (with event and copy counts), shared-event article pairs, and per-article event sets."""
    where = (
        "(?::DATE IS NULL OR CAST(coalesce(a.published, a.ingested) AS DATE) >= ?) AND "
        "(?::DATE IS NULL OR CAST(coalesce(a.published, a.ingested) AS DATE) <= ?)"
    )
    params = [since, since, until, until]
    articles = frame(
        store,
        "SELECT a.id, a.title, a.site, a.url, a.published, "
        "(SELECT count(DISTINCT event_id) FROM event_mentions m WHERE m.article_id = a.id) AS events, "
        "(SELECT count(*) FROM article_duplicates d WHERE d.duplicate_of = a.id) AS copies "
        f"FROM articles a WHERE {where} ORDER BY a.id",
        params,
    )
    pairs = frame(
        store,
        "WITH m AS (SELECT DISTINCT m.article_id, m.event_id FROM event_mentions m JOIN articles a "
        f"ON a.id = m.article_id WHERE {where}) "
        "SELECT x.article_id AS a, y.article_id AS b, count(*) AS shared FROM m x JOIN m y "
        "ON x.event_id = y.event_id AND x.article_id < y.article_id GROUP BY ALL",
        params,
    )
    copies = frame(
        store,
        "SELECT d.duplicate_of AS article_id, d.item, d.url, d.title, d.kind, d.similarity FROM article_duplicates d "
        f"JOIN articles a ON a.id = d.duplicate_of WHERE {where} ORDER BY d.seen_at",
        params,
    )
    return articles, pairs, copies


def undated_count(store: Store, a: str, b: str | None = None) -> int:
    """Events of the timeline's dyad (both directions) that have no date, so no place on a timeline."""
    out_a, pa = side_clause("source", a)
    in_a, pa2 = side_clause("target", a)
    if b:
        out_b, pb = side_clause("target", b)
        in_b, pb2 = side_clause("source", b)
        sides, params = f"({out_a} AND {out_b}) OR ({in_a} AND {in_b})", [*pa, *pb, *pa2, *pb2]
    else:
        sides, params = f"{out_a} OR {in_a}", [*pa, *pa2]
    sql = f"SELECT count(*) FROM events WHERE event_date IS NULL AND {REAL_EVENTS} AND ({sides})"
    return cursor(store).execute(sql, params).fetchone()[0]


def _touching(where: str, params: list[Any], actor: str | None) -> tuple[str, list[Any]]:
    """``where`` narrowed to events whose source or target is ``actor`` (unchanged without one)."""
    if not actor:
        return where, params
    clause, values = either_actor_clause(actor)
    return f"{where} AND {clause}", [*params, *values]
