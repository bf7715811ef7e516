"""What the route modules share: the store, request guards, the event filter parameters, DataFrame output."""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

import pandas as pd
from fastapi import Depends, Query, Request
from pydantic import BeforeValidator, WithJsonSchema
from pydantic_core import PydanticCustomError

from eventwire.analysis.timeline import parse_dyad
from eventwire.api.security import check_read, check_write
from eventwire.dates import coerce_date, parse_when
from eventwire.store.database import Store
from eventwire.store.queries import EventFilter

T = TypeVar("T")
ReadAccess = Depends(check_read)
WriteAccess = Depends(check_write)

# Bounds of what one request may ask for: a page is for a screen, an export for everything.
MAX_PAGE = 1000
MAX_OFFSET = 10_000_000
Text = Annotated[str | None, Query(max_length=200)]


def _when(value: object) -> datetime | None:
    """``since``/``until``: an ISO date or date-time, or a look-back such as ``7d`` (read as CLI options are)."""
    if value is None or isinstance(value, date):
        return value
    try:
        return parse_when(str(value))
    except ValueError as exc:  # a 422 naming the parameter (its loc) and the value
        raise PydanticCustomError("date_value", "{reason}", {"reason": str(exc)}) from None


def _day(value: object) -> date | None:
    return coerce_date(_when(value))


WHEN_SCHEMA = WithJsonSchema({"type": "string", "examples": ["2024-11-19", "2024-11-19T08:00:00Z", "7d"]})
# The query parameters every date filter takes: the same forms as the CLI's --since/--until.
Since = Annotated[
    date | None,
    BeforeValidator(_day),
    WHEN_SCHEMA,
    Query(description="first date: YYYY-MM-DD, an ISO date-time or a look-back such as 7d"),
]
Until = Annotated[
    date | None,
    BeforeValidator(_day),
    WHEN_SCHEMA,
    Query(description="last date: YYYY-MM-DD, an ISO date-time or a look-back such as 7d"),
]
SinceTime = Annotated[
    datetime | None,
    BeforeValidator(_when),
    WHEN_SCHEMA,
    Query(description="from this time: YYYY-MM-DD, an ISO date-time or a look-back such as 6h"),
]


def store_of(request: Request) -> Store:
    return request.app.state.store


def cached(request: Request, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, or its answer from earlier in the same store write generation."""
    state = request.app.state
    return state.cache.get(key, state.writer.generation, compute)


def dyad_param(value: str | None) -> tuple[str, str] | None:
    return parse_dyad(value) if value else None


def event_filter(
    actor: Annotated[str | None, Query(max_length=100, description="CAMEO code prefix or name, either side")] = None,
    dyad: Annotated[str | None, Query(max_length=201, description="SRC:TGT, directed, e.g. RUS:UKR")] = None,
    type: Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. ASSAULT")] = None,
    root: Annotated[str | None, Query(pattern=r"^\d{1,2}$", description="CAMEO root code, 01-20")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4)] = None,
    since: Since = None,
    until: Until = None,
    min_goldstein: Annotated[float | None, Query(ge=-10, le=10)] = None,
    max_goldstein: Annotated[float | None, Query(ge=-10, le=10)] = None,
    negated: bool | None = None,
    hypothetical: bool | None = None,
    future: bool | None = None,
    reported: bool | None = None,
    q: Annotated[str | None, Query(max_length=200, description="text in the sentence or actor names")] = None,
    article_id: Annotated[str | None, Query(max_length=100)] = None,
) -> EventFilter:
    return EventFilter(
        actor=actor or None,
        dyad=dyad_param(dyad),
        plover_type=type or None,
        root_code=root,
        quad_class=quad_class,
        since=since,
        until=until,
        min_goldstein=min_goldstein,
        max_goldstein=max_goldstein,
        negated=negated,
        hypothetical=hypothetical,
        future=future,
        reported=reported,
        text=q or None,
        article_id=article_id or None,
    )


def records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """DataFrame rows as JSON-ready dicts: NaN/NaT → None, numpy scalars → Python, midnight → date.

    Column-wise conversion: a timeline of thousands of periods serialises in a few milliseconds.
    """
    out = {}
    for col in df.columns:
        series = df[col]
        if pd.api.types.is_datetime64_any_dtype(series):
            present = series.dropna()
            values = series.dt.date if (present == present.dt.normalize()).all() else series.dt.to_pydatetime()
            out[col] = [None if pd.isna(t) else v for t, v in zip(series, values, strict=True)]
        elif pd.api.types.is_float_dtype(series):
            out[col] = [None if math.isnan(v) else v for v in series.tolist()]
        elif pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
            out[col] = series.tolist()
        else:
            out[col] = [None if v is None or (isinstance(v, float) and math.isnan(v)) else v for v in series.tolist()]
    return [dict(zip(out, row, strict=True)) for row in zip(*out.values(), strict=True)] if out else []
