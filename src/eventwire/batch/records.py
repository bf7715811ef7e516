"""Articles and Documents as Parquet rows, and back again without loss.

The annotation tables carry the store's own columns (``store.rows.document_rows`` and
``store.events.mention_rows``), so a query over batch output reads like a query over the store.
Where the store flattens something a reload needs (the full speaker actor of a quote, an event's
actors, span texts, stated date and location), extra columns keep it, and ``document_from_rows``
rebuilds the exact ``Document``: loading goes through the store's normal write path.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pyarrow as pa

from eventwire.dedup import Fingerprint
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
    to_plain,
)
from eventwire.store.events import mention_rows
from eventwire.store.rows import document_rows

STR, INT, FLOAT, BOOL = pa.string(), pa.int32(), pa.float64(), pa.bool_()
# Times are kept in UTC; naive times count as UTC, as the store does.
UTC_TIME = pa.timestamp("us", tz="UTC")
ACTOR = pa.struct(
    [
        ("actor_id", STR),
        ("name", STR),
        ("country", STR),
        ("sector", STR),
        ("cameo_code", STR),
        ("wikidata_id", STR),
    ]
)


def _fields(*names: str, kind: pa.DataType = STR) -> list[tuple[str, pa.DataType]]:
    return [(n, kind) for n in names]


def _span_fields(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(f"{prefix}_start", INT), (f"{prefix}_end", INT), (prefix, STR)]


OFFSETS = [("article_id", STR), ("start", INT), ("end", INT)]

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("partition", STR),
            ("seq", INT),
            *_fields("id", "url", "canonical_url", "title", "text"),
            ("published", UTC_TIME),
            ("fetched", UTC_TIME),
            *_fields("site", "author", "language", "source_kind", "item"),
            ("raw", pa.binary()),
            ("text_hash", STR),
            ("minhash", pa.binary()),
            ("bands", pa.list_(STR)),
            ("annotator", STR),
        ]
    ),
    "sentences": pa.schema(OFFSETS),
    "entities": pa.schema([*OFFSETS, *_fields("text", "label")]),
    "actor_mentions": pa.schema(
        [
            *OFFSETS,
            *_fields("text", "actor_id", "name", "country", "sector", "cameo_code", "wikidata_id", "method"),
            ("score", FLOAT),
        ]
    ),
    "quotes": pa.schema(
        [
            *OFFSETS,
            ("kind", STR),
            *_span_fields("content"),
            *_span_fields("speaker"),
            *_span_fields("cue"),
            *_fields("speaker_actor_id", "speaker_code"),
            *_span_fields("speaker_ref"),
            ("speaker_actor", ACTOR),
        ]
    ),
    "timexes": pa.schema([*OFFSETS, *_fields("text", "type", "value", "anchor")]),
    "event_mentions": pa.schema(
        [
            *_fields("mention_id", "article_id", "site"),
            ("published", pa.timestamp("us")),
            ("event_date", pa.date32()),
            *_fields("source_code", "source_name", "source_actor_id", "source_person"),
            ("source_start", INT),
            ("source_end", INT),
            *_fields("target_code", "target_name", "target_actor_id", "target_person"),
            ("target_start", INT),
            ("target_end", INT),
            *_span_fields("action"),
            ("action_text", STR),
            *_span_fields("sentence"),
            *_fields("cameo_code", "root_code", "plover_type", "plover_mode"),
            ("plover_context", pa.list_(STR)),
            ("goldstein", FLOAT),
            ("quad_class", INT),
            *_fields("negated", "hypothetical", "future", "reported", kind=BOOL),
            *_fields("speaker", "location_name", "location_country"),
            ("lat", FLOAT),
            ("lon", FLOAT),
            ("confidence", FLOAT),
            *_fields("coder", "event_key"),
            ("start", INT),
            # Beyond the store's columns: what rebuilding the Event needs.
            ("event_ref", STR),
            ("stated_date", pa.date32()),
            *_fields("source_text", "target_text"),
            ("source_actor", ACTOR),
            ("target_actor", ACTOR),
            ("location", STR),
        ]
    ),
    "failures": pa.schema([("partition", STR), ("seq", INT), *_fields("item", "reason", "stage")]),
}
# The order annotation tables are written and read in; "articles" and "failures" come first.
TABLES = tuple(SCHEMAS)
ANNOTATION_TABLES = ("sentences", "entities", "actor_mentions", "quotes", "timexes", "event_mentions")


def _actor(actor: Actor | None) -> dict[str, Any] | None:
    return actor.to_dict() if actor is not None else None


def _from_actor(data: dict[str, Any] | None) -> Actor | None:
    return Actor(**data) if data is not None else None


def article_row(partition: str, seq: int, article: Article, fp: Fingerprint, annotator: str) -> dict[str, Any]:
    row = {name: getattr(article, name) for name in SCHEMAS["articles"].names if hasattr(Article, name)}
    row.update(
        partition=partition,
        seq=seq,
        raw=article.raw,
        text_hash=fp.text_hash,
        minhash=fp.signature_bytes(),
        bands=list(fp.bands),
        annotator=annotator,
    )
    return row


def failure_row(partition: str, seq: int, failure: Failure) -> dict[str, Any]:
    return {"partition": partition, "seq": seq, "item": failure.item, "reason": failure.reason, "stage": failure.stage}


def annotation_rows(article: Article, doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Rows of every annotation table for one annotated article."""
    tables = document_rows(article.id, doc)
    for row, quote in zip(tables["quotes"], doc.quotes, strict=True):
        row["speaker_actor"] = _actor(quote.speaker_actor)
    mentions = mention_rows(article.id, article.site, article.published, doc.events)
    for row, event in zip(mentions, doc.events, strict=True):
        del row["event_id"]
        row.update(
            event_ref=event.id,
            stated_date=event.event_date,
            source_text=event.source.span.text if event.source.span else None,
            target_text=event.target.span.text if event.target and event.target.span else None,
            source_actor=_actor(event.source.actor),
            target_actor=_actor(event.target.actor if event.target else None),
            location=json.dumps(to_plain(event.location), sort_keys=True) if event.location is not None else None,
        )
    tables["event_mentions"] = mentions
    return tables


def to_table(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMAS[name])


def article_from_row(row: dict[str, Any]) -> tuple[Article, Fingerprint]:
    """The Article and its fingerprint as the worker computed them."""
    article = Article(**{name: row[name] for name in row if name in Article.__slots__})
    minhash = row["minhash"]
    signature = None if minhash is None else np.frombuffer(minhash, dtype="<u4").astype(np.uint32)
    return article, Fingerprint(row["text_hash"], article.canonical_url, signature, list(row["bands"] or []))


def failure_from_row(row: dict[str, Any]) -> Failure:
    return Failure(row["item"], row["reason"], row["stage"])


def _span(row: dict[str, Any], prefix: str, text_column: str | None = None) -> Span | None:
    start = row[f"{prefix}_start"]
    if start is None:
        return None
    return Span(start, row[f"{prefix}_end"], row[text_column or prefix])


def _event_actor(row: dict[str, Any], side: str) -> EventActor | None:
    if row[f"{side}_name"] is None:
        return None
    actor = _from_actor(row[f"{side}_actor"])
    # Batch output written before events kept the person has no such column: no person, as in a
    # store migrated from then.
    person = actor if row.get(f"{side}_person") is not None else None
    return EventActor(
        code=row[f"{side}_code"],
        name=row[f"{side}_name"],
        span=_span(row, side, f"{side}_text"),
        actor=actor,
        person=person,
    )


def _event(row: dict[str, Any]) -> Event:
    source = _event_actor(row, "source")
    assert source is not None, "an event always has a source"
    return Event(
        source=source,
        target=_event_actor(row, "target"),
        action=Span(row["action_start"], row["action_end"], row["action_text"]),
        sentence=Span(row["sentence_start"], row["sentence_end"], row["sentence"]),
        cameo_code=row["cameo_code"],
        root_code=row["root_code"],
        plover_type=row["plover_type"],
        plover_mode=row["plover_mode"],
        plover_context=list(row["plover_context"] or []),
        goldstein=row["goldstein"],
        quad_class=row["quad_class"],
        negated=row["negated"],
        hypothetical=row["hypothetical"],
        future=row["future"],
        reported=row["reported"],
        speaker=row["speaker"],
        event_date=row["stated_date"],
        location=Place.from_dict(json.loads(row["location"])) if row["location"] is not None else None,
        confidence=row["confidence"],
        coder=row["coder"],
        id=row["event_ref"],
    )


def _quote(row: dict[str, Any]) -> Quote:
    content = _span(row, "content")
    assert content is not None, "a quote always has content"
    return Quote(
        start=row["start"],
        end=row["end"],
        content=content,
        kind=row["kind"],
        speaker=_span(row, "speaker"),
        cue=_span(row, "cue"),
        speaker_actor=_from_actor(row["speaker_actor"]),
        # Batch output written before quotes kept speaker_ref has no such columns.
        speaker_ref=_span(row, "speaker_ref") if "speaker_ref_start" in row else None,
    )


def _actor_mention(row: dict[str, Any]) -> ActorMention:
    actor = Actor(**{name: row[name] for name in Actor.__slots__})
    return ActorMention(row["start"], row["end"], row["text"], actor, row["method"], row["score"])


def document_from_rows(article: Article, tables: dict[str, list[dict[str, Any]]]) -> Document:
    """Rebuild the Document of ``article`` from its rows in each annotation table (in written order)."""
    return Document(
        article,
        sentences=[Sentence(r["start"], r["end"]) for r in tables.get("sentences", [])],
        entities=[Entity(r["start"], r["end"], r["text"], r["label"]) for r in tables.get("entities", [])],
        actors=[_actor_mention(r) for r in tables.get("actor_mentions", [])],
        quotes=[_quote(r) for r in tables.get("quotes", [])],
        timexes=[
            Timex(r["start"], r["end"], r["text"], r["type"], r["value"], r["anchor"])
            for r in tables.get("timexes", [])
        ],
        events=[_event(r) for r in tables.get("event_mentions", [])],
    )
