"""Event mentions (one coded event in one article) and their grouping into cross-article events.

As in GDELT's event/mention split, the same happening reported by several articles is one event:
mentions with the same source, target, CAMEO root code and modality whose dates lie within
``EVENT_WINDOW_DAYS`` of each other share an ``event_id``; the ``events`` row carries the counts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from eventwire.dates import coerce_date, coerce_datetime
from eventwire.model import Event, stable_id

# Wire copies of one happening are dated by their own publication when no date is stated, so
# reports of the same strike drift by a day or two; a week would merge distinct repeated events.
EVENT_WINDOW_DAYS = 2


def event_key(source: str | None, target: str | None, root_code: str, modality: str) -> str:
    return "|".join([(source or "").upper(), (target or "").strip().lower(), root_code, modality])


def modality(event: Event) -> str:
    """Real, negated and hypothetical reports of an action are different events."""
    if event.negated:
        return "negated"
    if event.hypothetical:
        return "hypothetical"
    return "future" if event.future else "real"


def mention_rows(
    article_id: str, site: str | None, published: datetime | None, events: list[Event]
) -> list[dict[str, Any]]:
    """One row per coded event of an article, with all evidence offsets; ``event_id`` is set later."""
    published = coerce_datetime(published)
    rows = []
    for ev in events:
        src, tgt, loc = ev.source, ev.target, ev.location or {}
        rows.append(
            {
                "mention_id": stable_id(article_id, ev.id or f"{ev.action.start}:{ev.cameo_code}", prefix="m_"),
                "event_id": None,
                "article_id": article_id,
                "site": site,
                "published": published,
                "event_date": coerce_date(ev.event_date) or coerce_date(published),
                "source_code": src.code,
                "source_name": src.name,
                "source_actor_id": src.actor.actor_id if src.actor else None,
                "source_start": src.span.start if src.span else None,
                "source_end": src.span.end if src.span else None,
                "target_code": tgt.code if tgt else None,
                "target_name": tgt.name if tgt else None,
                "target_actor_id": tgt.actor.actor_id if tgt and tgt.actor else None,
                "target_start": tgt.span.start if tgt and tgt.span else None,
                "target_end": tgt.span.end if tgt and tgt.span else None,
                "action_start": ev.action.start,
                "action_end": ev.action.end,
                "action_text": ev.action.text,
                "sentence_start": ev.sentence.start,
                "sentence_end": ev.sentence.end,
                "sentence": ev.sentence.text,
                "cameo_code": ev.cameo_code,
                "root_code": ev.root_code,
                "plover_type": ev.plover_type,
                "plover_mode": ev.plover_mode,
                "plover_context": list(ev.plover_context),
                "goldstein": ev.goldstein,
                "quad_class": ev.quad_class,
                "negated": ev.negated,
                "hypothetical": ev.hypothetical,
                "future": ev.future,
                "reported": ev.reported,
                "speaker": ev.speaker,
                "location_name": loc.get("name"),
                "location_country": loc.get("country"),
                "lat": loc.get("lat"),
                "lon": loc.get("lon"),
                "confidence": ev.confidence,
                "coder": ev.coder,
                "event_key": event_key(
                    src.code or src.name, (tgt.code or tgt.name) if tgt else None, ev.root_code, modality(ev)
                ),
                "start": ev.sentence.start,
            }
        )
    return rows


# Recompute the events rows of the given ids from their mentions (``{mentions}``: the table, or
# the batch's rows); the first mention (earliest published, then article and mention id, so ties
# never depend on scan order) supplies the descriptive fields and breaks ties between equally
# common values; the counts come from all of them.
FIRST_MENTION = "(coalesce(published, TIMESTAMP '9999-01-01'), article_id, mention_id)"
REFRESH_EVENTS_TEMPLATE = """
INSERT INTO events
SELECT
    event_id,
    arg_min(event_key, {first}),
    min(event_date),
    arg_min(source_code, {first}),
    arg_min(source_name, {first}),
    arg_min(target_code, {first}),
    arg_min(target_name, {first}),
    mode(cameo_code ORDER BY {first}),
    arg_min(root_code, {first}),
    mode(plover_type ORDER BY {first}),
    mode(plover_mode ORDER BY {first}),
    avg(goldstein),
    arg_min(quad_class, {first}),
    bool_and(negated), bool_and(hypothetical), bool_and(future), bool_and(reported),
    mode(location_name ORDER BY {first}), mode(location_country ORDER BY {first}), avg(lat), avg(lon),
    max(confidence),
    count(*),
    count(DISTINCT coalesce(site, article_id)),
    count(DISTINCT article_id),
    arg_min(article_id, {first}),
    arg_min(sentence, {first})
FROM {mentions}
WHERE event_id IN (SELECT unnest(?::VARCHAR[]))
GROUP BY event_id
"""
REFRESH_EVENTS_SQL = REFRESH_EVENTS_TEMPLATE.replace("{first}", FIRST_MENTION)
# Events first seen in the batch being written have all their mentions in it: they are computed
# from the batch's rows (typed as event_mentions) instead of a scan of the whole table.
BATCH_MENTIONS = "((SELECT * FROM event_mentions LIMIT 0) UNION ALL BY NAME (SELECT * FROM batch_mentions))"
