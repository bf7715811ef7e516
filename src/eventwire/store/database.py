"""The embedded DuckDB store: the only module that talks to the database.

Writes go through ``write_batch``: one transaction holds a batch of articles together with all of
their annotations, so a crash leaves either the whole batch or none of it. Reads are typed query
methods returning plain dicts.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.dates import coerce_datetime
from eventwire.dedup import Fingerprint
from eventwire.model import Article, Document, Failure
from eventwire.store.duplicates import Duplicate, find_duplicates
from eventwire.store.events import (
    BATCH_MENTIONS,
    REFRESH_EVENTS_SQL,
    STORED_EVENTS_SQL,
    StoredEvents,
    assign_event_ids,
    mention_rows,
)
from eventwire.store.rows import ANNOTATION_TABLES, document_rows
from eventwire.store.schema import LATEST_VERSION, MIGRATIONS

ARTICLE_COLUMNS = (
    "id",
    "url",
    "canonical_url",
    "title",
    "text",
    "published",
    "fetched",
    "site",
    "author",
    "language",
    "source_kind",
    "item",
)


@dataclass(slots=True)
class PendingArticle:
    """An article accepted for storage, with its fingerprint and (optionally) its annotations."""

    article: Article
    fingerprint: Fingerprint
    document: Document | None = None
    annotator: str | None = None


def _escaped(value: str) -> str:
    return value.replace("!", "!!").replace("%", "!%").replace("_", "!_")


def contains(value: str) -> str:
    """A ``LIKE … ESCAPE '!'`` pattern matching ``value`` literally anywhere: ``%`` and ``_`` are not wildcards."""
    return f"%{_escaped(value)}%"


def article_filter(
    since: datetime | date | None, until: date | None, site: str | None, search: str | None
) -> tuple[str, list[Any]]:
    """The WHERE condition and parameters that pick articles by time, site and words, for every view
    that lists articles."""
    where, params = ["true"], []
    if since:
        where.append("coalesce(published, ingested) >= ?")
        params.append(since)
    if until:
        where.append("CAST(coalesce(published, ingested) AS DATE) <= ?")
        params.append(until)
    if site:
        where.append("site ILIKE ? ESCAPE '!'")
        params.append(contains(site))
    if search:
        where.append("(title ILIKE ? ESCAPE '!' OR text ILIKE ? ESCAPE '!')")
        params += [contains(search), contains(search)]
    return " AND ".join(where), params


def starts_with(value: str) -> str:
    """A ``LIKE … ESCAPE '!'`` pattern matching text that begins with ``value`` literally."""
    return _escaped(value) + "%"


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """A DuckDB file (or ``:memory:``) holding articles, annotations, events and ingest records."""

    def __init__(self, path: str | Path = "eventwire.duckdb", read_only: bool = False):
        self.path = str(path)
        self.read_only = read_only
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.migrate()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        """All statements inside commit together or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # -- schema -------------------------------------------------------------------------------

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
        ).fetchone()[0]
        if not exists:
            return 0
        return self.con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    def migrate(self, target: int = LATEST_VERSION) -> int:
        """Apply every migration newer than the database's version, up to ``target``."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)"
        )
        current = self.schema_version()
        for version, description, sql in MIGRATIONS:
            if current < version <= target:
                with self._transaction():
                    self.con.execute(sql)
                    self.con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [version, description, _now()])
        return self.schema_version()

    # -- dedup --------------------------------------------------------------------------------

    def find_duplicate(self, article: Article, fp: Fingerprint) -> Duplicate | None:
        """The stored article this one repeats, by id, text hash, canonical URL or MinHash bands."""
        return find_duplicates(self.con, [(article, fp)])[0]

    def find_duplicates(self, items: Sequence[tuple[Article, Fingerprint]]) -> list[Duplicate | None]:
        """``find_duplicate`` for a whole batch in two queries."""
        return find_duplicates(self.con, items)

    def record_duplicate(self, article: Article, dup: Duplicate) -> bool:
        """Link a repeated copy to the stored one; returns False when this link was already known."""
        if dup.kind == "same-article":
            return False
        item = article.item or article.url or article.id
        inserted = self.con.execute(
            "INSERT INTO article_duplicates VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING 1",
            [item, dup.of, article.url, article.title, dup.kind, dup.similarity, _now()],
        ).fetchall()
        return bool(inserted)

    # -- writes -------------------------------------------------------------------------------

    def record_failure(self, failure: Failure) -> None:
        now = _now()
        self.con.execute(
            "INSERT INTO ingest_failures VALUES (?, ?, ?, ?, ?, 1) ON CONFLICT (item, reason) DO UPDATE "
            "SET last_seen = excluded.last_seen, attempts = ingest_failures.attempts + 1",
            [failure.item, failure.reason, failure.stage, now, now],
        )

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        batch = pa.Table.from_pylist(rows)  # noqa: F841 - read by DuckDB's replacement scan
        self.con.execute(f'INSERT INTO "{table}" BY NAME SELECT * FROM batch')

    def write_batch(
        self, pending: Iterable[PendingArticle], duplicates: Iterable[tuple[Article, Duplicate]] = ()
    ) -> int:
        """Store articles with their fingerprints, annotations and events in one transaction.

        Links of repeated copies (``duplicates``) are recorded in the same transaction: one commit
        per batch instead of one per repeat.
        """
        pending, duplicates = list(pending), list(duplicates)
        if not pending and not duplicates:
            return 0
        now = _now()
        articles, bands, runs = [], [], []
        tables: dict[str, list[dict[str, Any]]] = {}
        for p in pending:
            a = p.article
            row = {c: getattr(a, c) for c in ARTICLE_COLUMNS}
            row.update(
                published=coerce_datetime(a.published),
                fetched=coerce_datetime(a.fetched),
                ingested=now,
                text_hash=p.fingerprint.text_hash,
                minhash=p.fingerprint.signature_bytes(),
                raw=zlib.compress(a.raw) if a.raw else None,
            )
            articles.append(row)
            bands.extend({"band": b, "article_id": a.id} for b in p.fingerprint.bands)
            if p.document is not None:
                runs.append({"article_id": a.id, "annotator": p.annotator or "", "annotated_at": now})
                self._collect(tables, a.id, a.site, a.published, p.document)
        with self._transaction():
            self._insert("articles", articles)
            self._insert("article_bands", bands)
            self._insert("annotation_runs", runs)
            self._write_tables(tables)
            for article, dup in duplicates:
                self.record_duplicate(article, dup)
        return len(pending)

    @staticmethod
    def _collect(tables, article_id: str, site: str | None, published: datetime | None, doc: Document) -> None:
        for name, rows in document_rows(article_id, doc).items():
            tables.setdefault(name, []).extend(rows)
        tables.setdefault("event_mentions", []).extend(mention_rows(article_id, site, published, doc.events))

    def _write_tables(self, tables: dict[str, list[dict[str, Any]]], touched: set[str] | None = None) -> None:
        """Insert annotation rows; event mentions first get their cross-article event ids."""
        mentions = tables.pop("event_mentions", [])
        ids, existing = self._assign_events(mentions)
        for name, rows in tables.items():
            self._insert(name, rows)
        self._insert("event_mentions", mentions)
        refresh = sorted(set(touched or ()) | existing)
        if refresh:
            self.con.execute("DELETE FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [refresh])
            self.con.execute(REFRESH_EVENTS_SQL.format(mentions="event_mentions"), [refresh])
        new = sorted(ids - set(refresh))
        if new:
            batch_mentions = pa.Table.from_pylist(mentions)  # noqa: F841 - read by DuckDB's replacement scan
            self.con.execute(REFRESH_EVENTS_SQL.format(mentions=BATCH_MENTIONS), [new])

    def _assign_events(self, mentions: list[dict[str, Any]]) -> tuple[set[str], set[str]]:
        """Give each mention the id of a stored or same-batch event with its key and a nearby date.

        Returns the event ids of the mentions, and those of them that were already stored.
        """
        stored: StoredEvents = {}
        keys = sorted({m["event_key"] for m in mentions})
        if keys:
            for key, day, event_id, sentence in self.con.execute(STORED_EVENTS_SQL, [keys]).fetchall():
                stored.setdefault(key, []).append((day, event_id, sentence))
        return assign_event_ids(mentions, stored)

    def replace_annotations(self, items: list[tuple[dict[str, Any], Document]], annotator: str) -> None:
        """Swap the annotations and events of stored articles (rows with id, site, published) for new ones."""
        now = _now()
        ids = [row["id"] for row, _ in items]
        tables: dict[str, list[dict[str, Any]]] = {}
        for row, doc in items:
            self._collect(tables, row["id"], row.get("site"), row.get("published"), doc)
        with self._transaction():
            stale = self.con.execute(
                "SELECT DISTINCT event_id FROM event_mentions WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
            ).fetchall()
            for name in (*ANNOTATION_TABLES, "event_mentions", "annotation_runs"):
                self.con.execute(f'DELETE FROM "{name}" WHERE article_id IN (SELECT unnest(?::VARCHAR[]))', [ids])
            self._insert(
                "annotation_runs", [{"article_id": i, "annotator": annotator, "annotated_at": now} for i in ids]
            )
            self._write_tables(tables, touched={r[0] for r in stale})

    # -- feed state ---------------------------------------------------------------------------

    def feed_state(self, url: str) -> dict[str, Any] | None:
        row = self.con.execute(
            "SELECT url, etag, last_modified, seen_ids, checked_at FROM feed_state WHERE url = ?", [url]
        ).fetchone()
        if not row:
            return None
        return {
            "url": row[0],
            "etag": row[1],
            "last_modified": row[2],
            "seen_ids": json.loads(row[3] or "[]"),
            "checked_at": row[4],
        }

    def save_feed_state(self, state: dict[str, Any]) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO feed_state VALUES (?, ?, ?, ?, ?)",
            [
                state["url"],
                state.get("etag"),
                state.get("last_modified"),
                json.dumps(sorted(state.get("seen_ids") or [])),
                coerce_datetime(state.get("checked_at")) or _now(),
            ],
        )

    # -- reads --------------------------------------------------------------------------------

    def query(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def articles(
        self,
        since: datetime | None = None,
        site: str | None = None,
        search: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        cond, params = article_filter(coerce_datetime(since) if since else None, None, site, search)
        sql = (
            "SELECT id, title, site, published, url, source_kind, length(text) AS chars FROM articles "
            f"WHERE {cond} ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?"
        )
        return self.query(sql, [*params, limit, offset])

    def article(self, article_id: str, raw: bool = False) -> dict[str, Any] | None:
        cols = ", ".join([*ARTICLE_COLUMNS, "ingested"] + (["raw"] if raw else []))
        rows = self.query(
            f"SELECT {cols} FROM articles WHERE id = ? OR id LIKE ? ESCAPE '!'", [article_id, starts_with(article_id)]
        )
        if len(rows) != 1:
            return None
        row = rows[0]
        if raw and row.get("raw") is not None:
            row["raw"] = zlib.decompress(row["raw"])
        return row

    def annotations(self, article_id: str) -> dict[str, list[dict[str, Any]]]:
        out = {}
        for name in (*ANNOTATION_TABLES, "event_mentions"):
            out[name] = self.query(
                f'SELECT * EXCLUDE (article_id) FROM "{name}" WHERE article_id = ? ORDER BY start', [article_id]
            )
        return out

    def articles_to_annotate(self, current_annotator: str | None, since: datetime | None = None) -> list[str]:
        """Ids of articles to (re)annotate: all, or those not made by ``current_annotator``."""
        sql = (
            "SELECT a.id FROM articles a LEFT JOIN annotation_runs r ON r.article_id = a.id "
            "WHERE (?::VARCHAR IS NULL OR r.annotator IS NULL OR r.annotator <> ?) "
            "AND (?::TIMESTAMP IS NULL OR a.ingested >= ?) ORDER BY a.id"
        )
        since = coerce_datetime(since)
        return [r[0] for r in self.con.execute(sql, [current_annotator, current_annotator, since, since]).fetchall()]

    def article_texts(self, ids: list[str]) -> list[dict[str, Any]]:
        rows = self.query(
            "SELECT id, text, title, published, site FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
        )
        order = {i: n for n, i in enumerate(ids)}
        return sorted(rows, key=lambda r: order[r["id"]])

    def quotes(self, speaker: str | None = None, limit: int = 50) -> list[dict[str, Any]]:
        where, params = "", []
        if speaker:
            where = (
                "WHERE speaker ILIKE ? ESCAPE '!' OR speaker_ref ILIKE ? ESCAPE '!' OR speaker_code ILIKE ? ESCAPE '!'"
            )
            params = [contains(speaker)] * 3
        return self.query(
            'SELECT article_id, start, "end", kind, speaker, speaker_ref, speaker_code, cue, content '
            f"FROM quotes {where} ORDER BY article_id, start LIMIT ?",
            [*params, limit],
        )

    def failures(self, limit: int = 100) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM ingest_failures ORDER BY last_seen DESC LIMIT ?", [limit])

    def counts(self) -> dict[str, int]:
        tables = [
            r[0]
            for r in self.con.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY table_name"
            ).fetchall()
        ]
        skip = {"schema_version", "article_bands", "feed_state"}
        return {t: self.con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables if t not in skip}

    def stats(self) -> dict[str, Any]:
        counts = self.counts()
        by_kind = self.query("SELECT source_kind, count(*) AS n FROM articles GROUP BY 1 ORDER BY 2 DESC")
        by_site = self.query(
            "SELECT coalesce(site, '(unknown)') AS site, count(*) AS n FROM articles GROUP BY 1 ORDER BY 2 DESC LIMIT 10"
        )
        span = self.con.execute("SELECT min(published), max(published) FROM articles").fetchone()
        return {
            "database": self.path,
            "schema_version": self.schema_version(),
            "counts": counts,
            "by_kind": {r["source_kind"]: r["n"] for r in by_kind},
            "by_site": {r["site"]: r["n"] for r in by_site},
            "published_from": span[0],
            "published_to": span[1],
        }
