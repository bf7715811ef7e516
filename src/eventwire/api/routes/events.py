"""/events and /events/{id}."""

from __future__ import annotations

from dataclasses import astuple
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from eventwire.api.deps import MAX_OFFSET, MAX_PAGE, ReadAccess, cached, event_filter, store_of
from eventwire.api.limits import BoundedRoute
from eventwire.api.schemas import EventDetail, EventPage
from eventwire.store import queries

router = APIRouter(tags=["events"], dependencies=[ReadAccess], route_class=BoundedRoute)


@router.get("/events", response_model=EventPage, summary="Coded events, filtered, sorted and paged")
def list_events(
    request: Request,
    filters: Annotated[queries.EventFilter, Depends(event_filter)],
    sort: Annotated[
        str,
        Query(pattern=r"^-?[a-z]+$", description=f"one of {', '.join(queries.EVENT_SORTS)}; prefix - for descending"),
    ] = "-date",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> dict:
    store = store_of(request)
    items = queries.list_events(store, filters, sort, limit, offset)
    # Paging through one filter asks for the same total again: counted once per write generation.
    total = cached(request, ("events-total", astuple(filters)), lambda: queries.count_events(store, filters))
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/events/{event_id}", response_model=EventDetail, summary="One event with all its mentions and evidence")
def get_event(request: Request, event_id: Annotated[str, Path(max_length=100)]) -> dict:
    found = queries.event_detail(store_of(request), event_id)
    if found is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return found
