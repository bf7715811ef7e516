"""/timeline, /alerts, /network, /clusters: the analysis layer's DataFrames as JSON."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from eventwire import analysis
from eventwire.analysis.escalation import INDEX_THRESHOLD, MIN_HISTORY, WINDOW, Z_THRESHOLD, settings_rule
from eventwire.api.deps import ReadAccess, Since, Until, dyad_param, records, store_of
from eventwire.api.limits import BoundedRoute, heavy_slot
from eventwire.api.schemas import AlertOut, ClusterOut, NetworkOut, TimelineOut

# Every route here is heavy: it takes a slot (503 when none is free) and its queries a time limit.
router = APIRouter(tags=["analysis"], dependencies=[ReadAccess, Depends(heavy_slot)], route_class=BoundedRoute)
Freq = Literal["day", "week", "month"]
# An answer is for a screen or a script: all alerts of a large store ran to 13 MB.
MAX_ALERTS = 10_000
Actor = Annotated[str, Query(min_length=1, max_length=100, pattern=r"\S")]
OptionalActor = Annotated[str | None, Query(max_length=100)]


@router.get("/timeline", response_model=TimelineOut, summary="A dyad's events per period, both directions")
def timeline(
    request: Request,
    source: Actor,
    target: OptionalActor = None,
    freq: Freq = "day",
    since: Since = None,
    until: Until = None,
    fill: Annotated[bool, Query(description="add zero rows for quiet periods")] = False,
    alerts: Annotated[bool, Query(description="also compute the dyad's escalation alerts")] = True,
) -> dict:
    store = store_of(request)
    rows = analysis.dyad_timeline(store, source, target or None, freq, since, until, fill)
    found = []
    if alerts and target:
        found = records(analysis.alerts(store, freq, since, until, dyad=(source, target)))
    return {"source": source, "target": target or None, "freq": freq, "rows": records(rows), "alerts": found}


@router.get("/alerts", response_model=list[AlertOut], summary="Escalation alerts per dyad")
def alerts(
    request: Request,
    actor: OptionalActor = None,
    dyad: Annotated[str | None, Query(max_length=201, description="SRC:TGT (either order)")] = None,
    freq: Freq = "day",
    since: Since = None,
    until: Until = None,
    threshold: Annotated[float | None, Query(ge=0, le=1e6)] = INDEX_THRESHOLD,
    z: Annotated[float | None, Query(ge=0, le=1000)] = Z_THRESHOLD,
    window: Annotated[int, Query(ge=2, le=365)] = WINDOW,
    min_history: Annotated[int, Query(ge=2, le=365)] = MIN_HISTORY,
    level: Literal["country", "actor"] = "country",
    limit: Annotated[int, Query(ge=1, le=MAX_ALERTS, description="the most recent alerts kept (oldest first)")] = 1000,
    response: Response = None,
) -> list[dict]:
    rule = settings_rule(threshold=threshold, z_threshold=z, window=window, min_history=min(min_history, window))
    found = analysis.alerts(store_of(request), freq, since, until, actor or None, dyad_param(dyad), rule, level)
    response.headers["X-Total-Count"] = str(len(found))
    return records(found.tail(limit))


@router.get("/network", response_model=NetworkOut, summary="Actor network: weighted (count), signed (Goldstein)")
def network(
    request: Request,
    actor: OptionalActor = None,
    since: Since = None,
    until: Until = None,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=5000)] = 300,
) -> dict:
    net = analysis.actor_network(store_of(request), since, until, actor or None, min_weight, limit)
    return {"nodes": records(net.nodes), "edges": records(net.edges)}


@router.get("/clusters", response_model=list[ClusterOut], summary="Story clusters with a representative headline")
def clusters(
    request: Request,
    since: Since = None,
    until: Until = None,
    min_size: Annotated[int, Query(ge=1, le=10_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=5000)] = 200,
) -> list[dict]:
    return records(analysis.story_clusters(store_of(request), since, until, min_size).head(limit))
