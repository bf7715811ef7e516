"""Event mentions (one coded event in one article) and their grouping into cross-article events.

As in GDELT's event/mention split, the same happening reported by several articles is one event:
mentions with the same source, target, CAMEO root code and modality whose dates lie within
``EVENT_WINDOW_DAYS`` of each other share an ``event_id``; the ``events`` row carries the counts.
"""

from __future__ import annotations

from datetime import date, datetime
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
        src, tgt, loc = ev.source, ev.target, ev.location
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
                "location_name": loc.name if loc else None,
                "location_country": loc.country if loc else None,
                "lat": loc.lat if loc else None,
                "lon": loc.lon if loc else None,
                "confidence": ev.confidence,
                "coder": ev.coder,
                "event_key": event_key(
                    src.code or src.name, (tgt.code or tgt.name) if tgt else None, ev.root_code, modality(ev)
                ),
                "start": ev.sentence.start,
            }
        )
    return rows


def near(a: date | None, b: date | None) -> bool:
    """Two event dates within the grouping window (two unknown dates count as the same)."""
    if a is None or b is None:
        return a is b
    return abs((a - b).days) <= EVENT_WINDOW_DAYS


StoredEvents = dict[str, list[tuple[date | None, str]]]  # event key -> (event date, event id), by date


def assign_event_ids(mentions: list[dict[str, Any]], stored: StoredEvents) -> tuple[set[str], set[str]]:
    """Give each mention (in write order) the id of an event with its key and a nearby date.

    A mention joins the first mention of this batch with its key and a date within the window,
    else the first stored event (``stored``: the events as they were before this batch) whose
    date is within the window, else starts a new event. Returns the event ids of the mentions,
    and those of them that were already stored.
    """
    seen: list[tuple[str, Any, str]] = []
    existing: set[str] = set()
    for m in mentions:
        key, day = m["event_key"], m["event_date"]
        event_id = next((eid for k, d, eid in seen if k == key and near(d, day)), None)
        if event_id is None:
            event_id = next((eid for d, eid in stored.get(key, ()) if near(d, day)), None)
            if event_id is not None:
                existing.add(event_id)
        if event_id is None:
            event_id = stable_id(key, str(day), m["mention_id"], prefix="e_")
        m["event_id"] = event_id
        seen.append((key, day, event_id))
    return {eid for _, _, eid in seen}, existing


def _by_date(item: tuple[date | None, str]) -> tuple:
    return (item[0] is None, item[0] or date.min, item[1])


# How the store lists the stored events of some keys for ``assign_event_ids`` (the order is
# ``_by_date``'s: by date, undated last, then by id).
STORED_EVENTS_SQL = (
    "SELECT event_key, event_date, event_id FROM events WHERE event_key IN (SELECT unnest(?::VARCHAR[])) "
    "ORDER BY event_date NULLS LAST, event_id"
)


class EventGrouper:
    """The store's grouping replayed in memory: batches of mentions in write order get the event
    ids a store would give them, written batch by batch (the batch output's ``events`` view uses it)."""

    def __init__(self) -> None:
        self.events: dict[str, dict[str, date | None]] = {}  # event key -> {event id: earliest date}

    def add_batch(self, mentions: list[dict[str, Any]]) -> None:
        """Set ``event_id`` on each of a batch's mentions, as ``Store.write_batch`` would."""
        stored: StoredEvents = {}
        for key in {m["event_key"] for m in mentions}:
            found = [(day, event_id) for event_id, day in self.events.get(key, {}).items()]
            stored[key] = sorted(found, key=_by_date)
        assign_event_ids(mentions, stored)
        for m in mentions:
            events = self.events.setdefault(m["event_key"], {})
            day, new = events.get(m["event_id"], m["event_date"]), m["event_date"]
            events[m["event_id"]] = new if day is None or (new is not None and new < day) else day


# The one aggregation of mentions into ``events`` rows, with the store's column names: over
# ``{mentions}`` (the table, the batch's rows, or batch output with assigned ids) grouped by event
# id. The first mention (earliest published, then article and mention id, so ties never depend on
# scan order) supplies the descriptive fields and breaks ties between equally common values; the
# counts come from all of them.
FIRST_MENTION = "(coalesce(published, TIMESTAMP '9999-01-01'), article_id, mention_id)"
EVENTS_SELECT_TEMPLATE = """
SELECT
    event_id,
    arg_min(event_key, {first}) AS event_key,
    min(event_date) AS event_date,
    arg_min(source_code, {first}) AS source_code,
    arg_min(source_name, {first}) AS source_name,
    arg_min(target_code, {first}) AS target_code,
    arg_min(target_name, {first}) AS target_name,
    mode(cameo_code ORDER BY {first}) AS cameo_code,
    arg_min(root_code, {first}) AS root_code,
    mode(plover_type ORDER BY {first}) AS plover_type,
    mode(plover_mode ORDER BY {first}) AS plover_mode,
    avg(goldstein) AS goldstein,
    arg_min(quad_class, {first}) AS quad_class,
    bool_and(negated) AS negated,
    bool_and(hypothetical) AS hypothetical,
    bool_and(future) AS future,
    bool_and(reported) AS reported,
    mode(location_name ORDER BY {first}) AS location_name,
    mode(location_country ORDER BY {first}) AS location_country,
    avg(lat) AS lat,
    avg(lon) AS lon,
    max(confidence) AS confidence,
    CAST(count(*) AS INTEGER) AS num_mentions,
    CAST(count(DISTINCT coalesce(site, article_id)) AS INTEGER) AS num_sources,
    CAST(count(DISTINCT article_id) AS INTEGER) AS num_articles,
    arg_min(article_id, {first}) AS first_article_id,
    arg_min(sentence, {first}) AS sentence
FROM {mentions}
{where}
GROUP BY event_id
"""


def events_select(mentions: str, where: str = "") -> str:
    """The ``SELECT`` that aggregates the mentions in ``mentions`` (a table or subquery) into events."""
    return (
        EVENTS_SELECT_TEMPLATE.replace("{first}", FIRST_MENTION)
        .replace("{mentions}", mentions)
        .replace("{where}", where)
    )


# Recompute the events rows of the given ids from their mentions (``{mentions}``: the table, or
# the batch's rows).
REFRESH_EVENTS_SQL = "INSERT INTO events" + events_select(
    "{mentions}", "WHERE event_id IN (SELECT unnest(?::VARCHAR[]))"
)
# Events first seen in the batch being written have all their mentions in it: they are computed
# from the batch's rows (typed as event_mentions) instead of a scan of the whole table.
BATCH_MENTIONS = "((SELECT * FROM event_mentions LIMIT 0) UNION ALL BY NAME (SELECT * FROM batch_mentions))"
