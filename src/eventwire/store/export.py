"""Exports of events, mentions, quotes and articles as CSV, JSON Lines, Parquet or GDELT 2.0 events.

DuckDB's ``COPY`` writes the files, so an export of millions of rows streams straight from the
store without passing through Python objects. The ``gdelt`` format is the GDELT 2.0 event table:
61 tab-separated columns, no header, in the codebook's order, so tools written for GDELT's
``*.export.CSV`` files read it unchanged; fields eventwire does not know are left empty.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

from eventwire.store.aggregates import NON_STATE_PREFIXES
from eventwire.store.database import ARTICLE_COLUMNS, Store
from eventwire.store.queries import EventFilter, cursor, event_where, scalar

WHATS = ("events", "mentions", "quotes", "articles")
FORMATS = ("csv", "jsonl", "parquet", "gdelt")
MEDIA_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "jsonl": "application/x-ndjson",
    "parquet": "application/vnd.apache.parquet",
    "gdelt": "text/tab-separated-values; charset=utf-8",
}
SUFFIXES = {"csv": ".csv", "jsonl": ".jsonl", "parquet": ".parquet", "gdelt": ".export.CSV"}

# GDELT calls an event a root event when it appears in an article's lead paragraph; the first
# ~500 characters are the lead of a typical news article.
LEAD_CHARS = 500

# GDELT 2.0 Event codebook, in file order (61 columns).
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *(f"Actor{n}{f}" for n in (1, 2) for f in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code",
    )),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"{g}Geo_{f}" for g in ("Actor1", "Actor2", "Action") for f in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID",
    )),
    "DATEADDED", "SOURCEURL",
)  # fmt: skip


# GDELT dates every event; one whose text gave no date takes its first report's date, as GDELT does.
GDELT_DAY = "coalesce(e.event_date, CAST(coalesce(a.published, a.ingested) AS DATE))"


def _clean(expr: str) -> str:
    """Tabs and line breaks would split a GDELT row."""
    return rf"trim(regexp_replace({expr}, '[\t\r\n]+', ' ', 'g'))"


def _actor_columns(side: str) -> list[str]:
    code = f"e.{side}_code"
    state = f"length({code}) >= 3 AND left({code}, 3) NOT IN ({', '.join(repr(p) for p in NON_STATE_PREFIXES)})"
    group = f"left({code}, 3) IN ({', '.join(repr(p) for p in NON_STATE_PREFIXES)})"
    return [
        code,
        # GDELT names only coded actors; an unresolved phrase ("the talks") would read as one. Its
        # codebook names a political leader by the leader's name and anything else by the country's
        # or body's name: the person when the side names one, else the code's name.
        f"CASE WHEN {code} IS NOT NULL THEN {_clean(f'coalesce(e.{side}_person, e.{side}_name)')} END",
        f"CASE WHEN {state} THEN left({code}, 3) END",
        f"CASE WHEN {group} THEN nullif(substr({code}, 4, 3), '') END",
        "NULL",
        "NULL",
        "NULL",
        f"CASE WHEN {group} THEN left({code}, 3) ELSE nullif(substr({code}, 4, 3), '') END",
        f"nullif(substr({code}, 7, 3), '')",
        f"nullif(substr({code}, 10, 3), '')",
    ]


def gdelt_sql(where: str) -> str:
    empty_geo = ["NULL"] * 8
    action_geo = [
        "CASE WHEN e.lat IS NOT NULL THEN 4 WHEN e.location_country IS NOT NULL THEN 1 END",
        _clean("e.location_name"),
        "e.location_country",
        "NULL",
        "NULL",
        "round(e.lat, 4)",
        "round(e.lon, 4)",
        "NULL",
    ]
    day = GDELT_DAY
    values = [
        # The id's hex digits as GDELT's integer id; an id that is not hex (a plug-in coder's, a
        # loaded store's) gets the digits of its MD5 instead of failing the whole export.
        "coalesce(TRY_CAST(('0x' || substr(e.event_id, 3, 15)) AS BIGINT), "
        "CAST(('0x' || substr(md5(e.event_id), 1, 15)) AS BIGINT))",
        f"strftime({day}, '%Y%m%d')",
        f"strftime({day}, '%Y%m')",
        f"year({day})",
        f"round(year({day}) + dayofyear({day}) / 365.0, 4)",
        *_actor_columns("source"),
        *_actor_columns("target"),
        "CASE WHEN lead.first_start < ? THEN 1 ELSE 0 END",
        "e.cameo_code",
        "left(e.cameo_code, 3)",
        "e.root_code",
        "e.quad_class",
        "e.goldstein",
        "e.num_mentions",
        "e.num_sources",
        "e.num_articles",
        "NULL",
        *empty_geo,
        *empty_geo,
        *action_geo,
        "strftime(a.ingested, '%Y%m%d%H%M%S')",
        # Where the event can be checked: the article's URL, else the file or item it was read from.
        "coalesce(a.url, a.canonical_url, a.item, a.id)",
    ]
    assert len(values) == len(GDELT_COLUMNS)
    select = ", ".join(f'{v} AS "{name}"' for v, name in zip(values, GDELT_COLUMNS, strict=True))
    return (
        f"SELECT {select} FROM events e "
        "LEFT JOIN (SELECT event_id, min(sentence_start) AS first_start FROM event_mentions GROUP BY event_id) lead "
        "ON lead.event_id = e.event_id LEFT JOIN articles a ON a.id = e.first_article_id "
        f"WHERE {where} ORDER BY {GDELT_DAY}, e.event_id"
    )


def export_query(what: str, fmt: str, event_filter: EventFilter | None = None) -> tuple[str, list[Any]]:
    """The SELECT an export runs; the event filter applies to events, gdelt and mentions."""
    if what not in WHATS:
        raise ValueError(f"cannot export {what!r}; choose one of {', '.join(WHATS)}")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if fmt == "gdelt" and what != "events":
        raise ValueError("the gdelt format holds events only (--what events)")
    where, params = event_where(event_filter or EventFilter())
    if fmt == "gdelt":
        qualified = where if where == "true" else f"e.event_id IN (SELECT event_id FROM events WHERE {where})"
        return gdelt_sql(qualified), [LEAD_CHARS, *params]
    if what == "events":
        return (
            f"SELECT e.* EXCLUDE (event_key), {EVENT_PROVENANCE} FROM events e "
            "LEFT JOIN articles a ON a.id = e.first_article_id "
            "LEFT JOIN (SELECT * FROM event_mentions QUALIFY row_number() OVER "
            "(PARTITION BY event_id, article_id ORDER BY sentence_start, mention_id) = 1) m "
            "ON m.event_id = e.event_id AND m.article_id = e.first_article_id "
            f"WHERE e.event_id IN (SELECT event_id FROM events WHERE {where}) ORDER BY e.event_date, e.event_id",
            params,
        )
    if what == "mentions":
        return (
            "SELECT m.* EXCLUDE (event_key, start), a.url AS article_url, a.item AS article_item, "
            "a.ingested AS article_ingested FROM event_mentions m LEFT JOIN articles a ON a.id = m.article_id "
            f"WHERE m.event_id IN (SELECT event_id FROM events WHERE {where}) ORDER BY m.event_id, m.mention_id",
            params,
        )
    if what == "quotes":
        return (
            "SELECT q.*, a.title AS article_title, a.url AS article_url, a.published FROM quotes q "
            "JOIN articles a ON a.id = q.article_id ORDER BY q.article_id, q.start",
            [],
        )
    cols = ", ".join([*ARTICLE_COLUMNS, "ingested"])
    return f"SELECT {cols} FROM articles ORDER BY published NULLS LAST, id", []


# What an exported event carries to its proof: the first article reporting it (id, URL or the item
# it was read from, ingest time) and the character offsets of its evidence in that article's text.
EVENT_PROVENANCE = ", ".join(
    [
        "e.first_article_id AS article_id",
        "coalesce(a.url, a.canonical_url) AS article_url",
        "a.item AS article_item",
        "a.ingested AS article_ingested",
        *(f"m.{side}_{edge}" for side in ("sentence", "source", "action", "target") for edge in ("start", "end")),
    ]
)


def _copy_options(fmt: str) -> str:
    if fmt == "csv":
        return "FORMAT csv, HEADER true"
    if fmt == "jsonl":
        return "FORMAT json"
    if fmt == "parquet":
        return "FORMAT parquet"
    return "FORMAT csv, DELIMITER '\t', HEADER false, QUOTE ''"


def export_to_file(store: Store, what: str, fmt: str, path: str | Path, event_filter: EventFilter | None = None) -> int:
    """Write the export to ``path``; returns the number of rows written."""
    sql, params = export_query(what, fmt, event_filter)
    count = scalar(store, f"SELECT count(*) FROM ({sql})", params)
    target = str(Path(path)).replace("'", "''")
    cursor(store).execute(f"COPY ({sql}) TO '{target}' ({_copy_options(fmt)})", params)
    return count


def export_to_stream(
    store: Store, what: str, fmt: str, stream: BinaryIO | None = None, event_filter: EventFilter | None = None
) -> int:
    """Write the export to a binary stream (standard output by default) through a temporary file."""
    stream = stream or sys.stdout.buffer
    fd, tmp = tempfile.mkstemp(suffix=SUFFIXES[fmt], prefix="eventwire-export-")
    os.close(fd)
    try:
        count = export_to_file(store, what, fmt, tmp, event_filter)
        with open(tmp, "rb") as f:
            shutil.copyfileobj(f, stream)
        stream.flush()
    finally:
        os.unlink(tmp)
    return count
