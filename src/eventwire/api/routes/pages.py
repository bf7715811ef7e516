"""The dashboard page, the offline API docs page and /info."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse

import eventwire
from eventwire.api.deps import ReadAccess, store_of
from eventwire.api.schemas import ServerInfo
from eventwire.store import queries

WEB = Path(__file__).resolve().parents[2] / "web"
TEMPLATES = WEB / "templates"
STATIC = WEB / "static"

router = APIRouter()


def swagger_assets() -> Path | None:
    """Swagger UI's files as shipped by the ``swagger-ui-py`` package, when it is installed."""
    try:
        path = Path(str(resources.files("swagger_ui") / "static"))
    except ModuleNotFoundError:
        return None
    return path if (path / "swagger-ui-bundle.js").is_file() else None


@router.get("/", include_in_schema=False)
async def dashboard() -> FileResponse:  # async: the page is served from the event loop, never queued behind reads
    return FileResponse(TEMPLATES / "index.html", media_type="text/html; charset=utf-8")


@router.get("/docs", include_in_schema=False)
def docs() -> FileResponse:
    page = "docs.html" if swagger_assets() else "docs-plain.html"
    return FileResponse(TEMPLATES / page, media_type="text/html; charset=utf-8")


@router.get("/info", response_model=ServerInfo, tags=["server"], dependencies=[ReadAccess], summary="Server status")
def info(request: Request) -> dict:
    settings = request.app.state.settings
    store = store_of(request)
    writes = "token" if settings.token else ("anonymous" if settings.anonymous_writes else "disabled")
    return {
        "version": eventwire.__version__,
        "database": Path(store.path).name,  # the file's name only: no server paths in answers
        "events": queries.scalar(store, "SELECT count(*) FROM events"),
        "articles": queries.scalar(store, "SELECT count(*) FROM articles"),
        "reads_need_token": settings.reads_need_token,
        "writes": writes,
        "watching": settings.watch,
        "pending_writes": request.app.state.writer.pending(),
    }
