"""Event mentions (one coded event in one article) and their grouping into cross-article events.

As in GDELT's event/mention split, the same happening reported by several articles is one event:
mentions share an ``event_id`` only when their source, target, PLOVER type and modality agree,
their dates lie within ``EVENT_WINDOW_DAYS`` of each other, and their sentences say the same thing
(``same_report``: word overlap with the event's first sentence); without a target on either side
the sentences must agree more, since the key alone then says little. The ``events`` row carries
the counts.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from eventwire.dates import coerce_date, coerce_datetime
from eventwire.model import Event, stable_id

# Wire copies of one happening are dated by their own publication when no date is stated, so
# reports of the same strike drift by a day or two; a week would merge distinct repeated events.
EVENT_WINDOW_DAYS = 2
# Share of the shorter sentence's content words the two sentences must share to be one report
# (overlap coefficient), with a target and without one on both sides. Chosen on the development
# part of the hand-labelled mention pairs (benchmarks/identity) for merge precision >= 0.95.
SAME_REPORT_OVERLAP = 0.6
SAME_REPORT_OVERLAP_NO_TARGET = 0.7
# Words are compared by their first letters, so inflections and derivations meet ("Ukraine" and
# "Ukrainian", "strike" and "struck" do not, "missiles" and "missile" do).
STEM = 5
WORD = re.compile(r"[^\W\d_]{3,}")
# Function words and reporting verbs: they make unrelated sentences look alike.
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "with",
        "this",
        "from",
        "have",
        "has",
        "had",
        "was",
        "were",
        "are",
        "been",
        "will",
        "would",
        "could",
        "should",
        "said",
        "says",
        "say",
        "told",
        "also",
        "not",
        "but",
        "its",
        "his",
        "her",
        "their",
        "they",
        "them",
        "she",
        "him",
        "who",
        "which",
        "what",
        "when",
        "where",
        "than",
        "then",
        "into",
        "over",
        "after",
        "before",
        "about",
        "there",
        "more",
        "other",
        "some",
        "such",
        "only",
        "just",
        "while",
        "during",
        "against",
        "between",
        "under",
        "because",
        "being",
        "one",
        "two",
        "new",
        "last",
        "first",
        "year",
        "years",
        "week",
        "day",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "according",
        "statement",
    ]
)


def event_key(source: str | None, target: str | None, event_type: str, modality: str) -> str:
    return "|".join([(source or "").upper(), (target or "").strip().lower(), event_type, modality])


@lru_cache(maxsize=4096)
def content_words(sentence: str | None) -> frozenset[str]:
    return frozenset(w[:STEM] for w in WORD.findall((sentence or "").lower()) if w not in STOPWORDS)


def overlap(a: str | None, b: str | None) -> float:
    """Shared content words over the shorter sentence's (0 when either has none)."""
    wa, wb = content_words(a), content_words(b)
    return len(wa & wb) / min(len(wa), len(wb)) if wa and wb else 0.0


def same_report(a: str | None, b: str | None, has_target: bool) -> bool:
    """Do two sentences with the same event key say the same thing?"""
    return overlap(a, b) >= (SAME_REPORT_OVERLAP if has_target else SAME_REPORT_OVERLAP_NO_TARGET)


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
                "source_person": src.person.name if src.person else None,
                "target_person": tgt.person.name if tgt and tgt.person else None,
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
                    src.code or src.name, (tgt.code or tgt.name) if tgt else None, ev.plover_type, modality(ev)
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


# event key -> (event date, event id, the event's first sentence), by date
StoredEvents = dict[str, list[tuple[date | None, str, str | None]]]


def _has_target(mention: dict[str, Any]) -> bool:
    return bool(mention.get("target_code") or mention.get("target_name"))


def assign_event_ids(mentions: list[dict[str, Any]], stored: StoredEvents) -> tuple[set[str], set[str]]:
    """Give each mention (in write order) the id of the event it reports, or a new one.

    A mention joins the first event of this batch with its key, a date within the window and a
    sentence that says the same (``same_report``), else the first such stored event (``stored``:
    the events as they were before this batch), else starts a new event. Returns the event ids of
    the mentions, and those of them that were already stored.
    """
    seen: list[tuple[str, Any, str, str | None]] = []  # (key, date, event id, the event's first sentence)
    ids: set[str] = set()
    existing: set[str] = set()
    for m in mentions:
        key, day, sentence, target = m["event_key"], m["event_date"], m.get("sentence"), _has_target(m)
        event_id = next(
            (eid for k, d, eid, first in seen if k == key and near(d, day) and same_report(first, sentence, target)),
            None,
        )
        if event_id is None:
            event_id = next(
                (eid for d, eid, first in stored.get(key, ()) if near(d, day) and same_report(first, sentence, target)),
                None,
            )
            if event_id is not None:
                existing.add(event_id)
        if event_id is None:
            event_id = stable_id(key, str(day), m["mention_id"], prefix="e_")
        first = next((f for _, _, eid, f in seen if eid == event_id), None)
        if first is None:
            first = next((f for _, eid, f in stored.get(key, ()) if eid == event_id), sentence)
        seen.append((key, day, event_id, first))  # every mention's date extends the window
        m["event_id"] = event_id
        ids.add(event_id)
    return ids, existing


def _by_date(item: tuple[date | None, str, str | None]) -> tuple:
    return (item[0] is None, item[0] or date.min, item[1])


# How the store lists the stored events of some keys for ``assign_event_ids`` (the order is
# ``_by_date``'s: by date, undated last, then by id).
STORED_EVENTS_SQL = (
    "SELECT event_key, event_date, event_id, sentence FROM events WHERE event_key IN (SELECT unnest(?::VARCHAR[])) "
    "ORDER BY event_date NULLS LAST, event_id"
)


class EventGrouper:
    """The store's grouping replayed in memory: batches of mentions in write order get the event
    ids a store would give them, written batch by batch (the batch output's ``events`` view uses it)."""

    def __init__(self) -> None:
        # event key -> {event id: (earliest date, (first mention's order, its sentence))}
        self.events: dict[str, dict[str, tuple[date | None, tuple]]] = {}

    def add_batch(self, mentions: list[dict[str, Any]]) -> None:
        """Set ``event_id`` on each of a batch's mentions, as ``Store.write_batch`` would."""
        stored: StoredEvents = {}
        for key in {m["event_key"] for m in mentions}:
            found = [(day, event_id, first[1]) for event_id, (day, first) in self.events.get(key, {}).items()]
            stored[key] = sorted(found, key=_by_date)
        assign_event_ids(mentions, stored)
        for m in mentions:
            events = self.events.setdefault(m["event_key"], {})
            mine = (_first_order(m), m.get("sentence"))
            day, first = events.get(m["event_id"], (m["event_date"], mine))
            new = m["event_date"]
            events[m["event_id"]] = (new if day is None or (new is not None and new < day) else day, min(first, mine))


def _first_order(mention: dict[str, Any]) -> tuple:
    """The order ``FIRST_MENTION`` gives in SQL: earliest published (undated last), article, mention."""
    published = mention.get("published")
    return (published is None, published or datetime.min, mention["article_id"], mention["mention_id"])


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
    round(avg(goldstein), 6) AS goldstein,
    arg_min(quad_class, {first}) AS quad_class,
    bool_and(negated) AS negated,
    bool_and(hypothetical) AS hypothetical,
    bool_and(future) AS future,
    bool_and(reported) AS reported,
    mode(location_name ORDER BY {first}) AS location_name,
    mode(location_country ORDER BY {first}) AS location_country,
    round(avg(lat), 6) AS lat,
    round(avg(lon), 6) AS lon,
    max(confidence) AS confidence,
    CAST(count(*) AS INTEGER) AS num_mentions,
    CAST(count(DISTINCT coalesce(site, article_id)) AS INTEGER) AS num_sources,
    CAST(count(DISTINCT article_id) AS INTEGER) AS num_articles,
    arg_min(article_id, {first}) AS first_article_id,
    arg_min(sentence, {first}) AS sentence,
    {side_persons}
FROM {mentions}
{where}
GROUP BY event_id
"""


def _side_person(side: str) -> str:
    """A side's actor id and person: the first mention naming a person gives both (so the id is the
    person's), else the first mention's actor id and no person. ``arg_min`` skips null values."""
    person_id = f"CASE WHEN {side}_person IS NOT NULL THEN {side}_actor_id END"
    return (
        f"coalesce(arg_min({person_id}, {{first}}), arg_min({side}_actor_id, {{first}})) AS {side}_actor_id, "
        f"arg_min({side}_person, {{first}}) AS {side}_person"
    )


# The person columns came with schema version 5, so they end the ``events`` row.
SIDE_PERSONS = ", ".join(_side_person(side) for side in ("source", "target"))


def events_select(mentions: str, where: str = "") -> str:
    """The ``SELECT`` that aggregates the mentions in ``mentions`` (a table or subquery) into events."""
    return (
        EVENTS_SELECT_TEMPLATE.replace("{side_persons}", SIDE_PERSONS)
        .replace("{first}", FIRST_MENTION)
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
