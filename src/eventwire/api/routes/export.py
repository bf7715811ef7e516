"""GET /export: a whole table (optionally filtered events) as a file download."""

from __future__ import annotations

import os
import tempfile
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from eventwire.api.deps import ReadAccess, event_filter, store_of
from eventwire.api.limits import BoundedRoute, heavy_slot
from eventwire.store import export as exports
from eventwire.store.queries import EventFilter

router = APIRouter(tags=["export"], dependencies=[ReadAccess, Depends(heavy_slot)], route_class=BoundedRoute)


@router.get(
    "/export",
    response_class=FileResponse,
    summary="Download events, mentions, quotes or articles as csv, jsonl, parquet or GDELT 2.0 (tab-separated)",
)
def export(
    request: Request,
    filters: Annotated[EventFilter, Depends(event_filter)],
    what: Literal["events", "mentions", "quotes", "articles"] = "events",
    format: Literal["csv", "jsonl", "parquet", "gdelt"] = "csv",
) -> FileResponse:
    if format == "gdelt" and what != "events":
        raise ValueError("the gdelt format holds events only (what=events)")
    fd, path = tempfile.mkstemp(prefix="eventwire-export-", suffix=exports.SUFFIXES[format])
    os.close(fd)
    try:
        exports.export_to_file(store_of(request), what, format, path, filters)
    except Exception:
        os.unlink(path)
        raise
    return FileResponse(
        path,
        media_type=exports.MEDIA_TYPES[format],
        filename=f"eventwire-{what}{exports.SUFFIXES[format]}",
        background=BackgroundTask(os.unlink, path),
    )
