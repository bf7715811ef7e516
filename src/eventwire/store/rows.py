"""Flatten model objects into table rows (column name → value), the one mapping the store uses."""

from __future__ import annotations

from typing import Any

from eventwire.model import Document, Span

ANNOTATION_TABLES = ("sentences", "entities", "actor_mentions", "quotes", "timexes")


def _span(prefix: str, span: Span | None) -> dict[str, Any]:
    if span is None:
        return {f"{prefix}_start": None, f"{prefix}_end": None, prefix: None}
    return {f"{prefix}_start": span.start, f"{prefix}_end": span.end, prefix: span.text}


def document_rows(article_id: str, doc: Document) -> dict[str, list[dict[str, Any]]]:
    """Rows for every annotation table, each carrying the article id and character offsets."""
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ANNOTATION_TABLES}
    for s in doc.sentences:
        rows["sentences"].append({"article_id": article_id, "start": s.start, "end": s.end})
    for e in doc.entities:
        rows["entities"].append(
            {"article_id": article_id, "start": e.start, "end": e.end, "text": e.text, "label": e.label}
        )
    for m in doc.actors:
        a = m.actor
        rows["actor_mentions"].append(
            {
                "article_id": article_id,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "actor_id": a.actor_id,
                "name": a.name,
                "country": a.country,
                "sector": a.sector,
                "cameo_code": a.cameo_code,
                "wikidata_id": a.wikidata_id,
                "method": m.method,
                "score": m.score,
            }
        )
    for q in doc.quotes:
        rows["quotes"].append(
            {
                "article_id": article_id,
                "start": q.start,
                "end": q.end,
                "kind": q.kind,
                **_span("content", q.content),
                **_span("speaker", q.speaker),
                **_span("cue", q.cue),
                "speaker_actor_id": q.speaker_actor.actor_id if q.speaker_actor else None,
                "speaker_code": q.speaker_actor.cameo_code if q.speaker_actor else None,
                **_span("speaker_ref", q.speaker_ref),
            }
        )
    for t in doc.timexes:
        rows["timexes"].append(
            {
                "article_id": article_id,
                "start": t.start,
                "end": t.end,
                "text": t.text,
                "type": t.type,
                "value": t.value,
                "anchor": t.anchor,
            }
        )
    return rows
