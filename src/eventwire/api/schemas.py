"""Response shapes of the REST API (they document /docs and /openapi.json)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, model_validator


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


# The store keeps UTC timestamps without a zone; the API states the zone (RFC 3339 date-time).
UtcDateTime = Annotated[datetime, AfterValidator(_utc)]


class Open(BaseModel):
    """A record that may carry more fields than listed (annotation tables grow with the schema)."""

    model_config = ConfigDict(extra="allow")


class PersonOut(BaseModel):
    """The person behind an event side, from the actor dictionary (``id`` is its actor id)."""

    id: str | None = None
    name: str


class SideOut(BaseModel):
    """One side of an event: its CAMEO code, the code's name ("Russia (government)"), and the person
    ("Vladimir Putin") or null for a code-level actor (a country, a body). An unresolved side has no
    code and its text as the name."""

    code: str | None = None
    name: str | None = None
    person: PersonOut | None = None


def _side(row: dict[str, Any], side: str) -> dict[str, Any] | None:
    code, name, person = row.get(f"{side}_code"), row.get(f"{side}_name"), row.get(f"{side}_person")
    if code is None and name is None:
        return None
    found = {"id": row.get(f"{side}_actor_id"), "name": person} if person is not None else None
    return {"code": code, "name": name, "person": found}


class Sides(BaseModel):
    """``source`` and ``target`` as objects built from the store's flat side columns (which stay)."""

    source: SideOut | None = None
    target: SideOut | None = None

    @model_validator(mode="before")
    @classmethod
    def _nest_sides(cls, data: Any) -> Any:
        if isinstance(data, dict) and "source" not in data:
            data = {**data, "source": _side(data, "source"), "target": _side(data, "target")}
        return data


class EventOut(Sides):
    event_id: str
    event_date: date | None = None
    source_code: str | None = None
    source_name: str | None = None
    target_code: str | None = None
    target_name: str | None = None
    cameo_code: str | None = None
    root_code: str | None = None
    plover_type: str | None = None
    plover_mode: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    negated: bool | None = None
    hypothetical: bool | None = None
    future: bool | None = None
    reported: bool | None = None
    location_name: str | None = None
    location_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    confidence: float | None = None
    num_mentions: int | None = None
    num_sources: int | None = None
    num_articles: int | None = None
    first_article_id: str | None = None
    sentence: str | None = None


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventOut]


class MentionOut(Sides, Open):
    """One report of an event in one article, with character offsets into that article's text."""

    mention_id: str
    event_id: str
    article_id: str | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None
    action_start: int | None = None
    action_end: int | None = None
    source_start: int | None = None
    source_end: int | None = None
    target_start: int | None = None
    target_end: int | None = None


class EventDetail(EventOut):
    mentions: list[MentionOut]


class ArticleSummary(BaseModel):
    id: str
    title: str | None = None
    site: str | None = None
    url: str | None = None
    published: UtcDateTime | None = None
    ingested: UtcDateTime | None = None
    source_kind: str | None = None
    chars: int
    event_mentions: int


class ArticlePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[ArticleSummary]


class ArticleDetail(Open):
    id: str
    title: str | None = None
    url: str | None = None
    text: str
    published: UtcDateTime | None = None
    annotations: dict[str, list[Open]]
    event_mentions: list[MentionOut]
    duplicates: list[Open]


class QuoteOut(Open):
    """``speaker`` is the mention at the cue ("He"); ``speaker_ref`` what a pronoun speaker refers to
    ("Dmitry Peskov"), null for a named speaker; ``speaker_code`` the actor of the two."""

    article_id: str
    start: int
    end: int
    kind: str | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_ref: str | None = None
    speaker_ref_start: int | None = None
    speaker_ref_end: int | None = None
    speaker_code: str | None = None
    cue: str | None = None
    content: str | None = None


class QuotePage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[QuoteOut]


class ActorOut(BaseModel):
    code: str
    name: str | None = None
    events_as_source: int
    events_as_target: int
    events: int
    goldstein_mean: float | None = None
    mentions: int


class TimelineRow(BaseModel):
    direction: str
    period: date
    events: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_sum: float
    goldstein_mean: float | None = None


class AlertOut(BaseModel):
    dyad: str
    actor_a: str
    actor_b: str
    period: date
    events: int
    index: float
    baseline_mean: float | None = None
    baseline_std: float | None = None
    z: float | None = None
    reason: str


class TimelineOut(BaseModel):
    source: str
    target: str | None
    freq: str
    rows: list[TimelineRow]
    alerts: list[AlertOut]


class NetworkOut(BaseModel):
    nodes: list[Open]
    edges: list[Open]


class ClusterOut(BaseModel):
    cluster_id: str
    headline: str
    representative_id: str
    size: int
    copies: int
    article_ids: list[str]
    sites: list[str]
    shared_events: int
    first_published: UtcDateTime | None = None
    last_published: UtcDateTime | None = None


class JobOut(BaseModel):
    id: str
    kind: str
    item: str
    status: str
    submitted: UtcDateTime
    finished: UtcDateTime | None = None
    result: dict[str, Any] | None = None
    error: str | None = None


class ServerInfo(BaseModel):
    version: str
    database: str
    events: int
    articles: int
    reads_need_token: bool
    writes: str  # "token" | "anonymous" | "disabled"
    watching: list[str]
    pending_writes: int
