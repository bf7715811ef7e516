"""The REST API and dashboard server: ``create_app(settings, store)`` builds the FastAPI app.

The app owns the store for its lifetime: one writer thread runs every write (POST /ingest, the
feed watcher), request handlers read through per-thread cursors. OpenAPI is at /openapi.json and
browsable at /docs, served without any CDN.
"""

from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

import eventwire
from eventwire.api.cache import GenerationCache
from eventwire.api.jobs import feed_poller
from eventwire.api.limits import install_handlers
from eventwire.api.ratelimit import TokenBucket
from eventwire.api.routes import analysis, articles, events, export, ingest, pages
from eventwire.api.security import GuardMiddleware
from eventwire.api.settings import ServerSettings
from eventwire.api.writer import FeedWatcher, StoreWriter
from eventwire.settings import load_settings
from eventwire.store.database import Store

log = logging.getLogger(__name__)
LOOPBACK_NAMES = ["127.0.0.1", "localhost", "::1", "[::1]"]


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return "invalid request: " + "; ".join(parts)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in exc.errors()]
        return JSONResponse({"detail": errors, "message": _validation_message(exc)}, status_code=422)

    @app.exception_handler(ValueError)
    async def invalid_value(request: Request, exc: ValueError) -> JSONResponse:
        message = str(exc).splitlines()[0] if str(exc) else "invalid value"
        errors = [{"loc": ["query"], "msg": message, "type": "value_error"}]
        return JSONResponse({"detail": errors, "message": f"invalid request: {message}"}, status_code=422)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("error answering %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal server error"}, status_code=500)


def create_app(settings: ServerSettings | None = None, store: Store | None = None) -> FastAPI:
    """The API + dashboard app. Without ``store`` it opens ``settings.db`` on startup and closes it on exit.

    Without ``settings`` it runs with the effective settings (``settings.toml``, then ``EVENTWIRE_*``).
    """
    settings = settings or ServerSettings.from_settings(load_settings())

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        opened = store or Store(settings.db)
        # Reads are bounded: DuckDB's memory (spilling or failing past it), one query's time (limits.py).
        opened.con.execute(f"SET memory_limit = '{int(settings.db_memory_mb)}MB'")
        writer = StoreWriter(opened)
        watcher = None
        if settings.watch:
            poll = feed_poller(settings)
            watcher = FeedWatcher(writer, settings.watch, settings.watch_every, poll)
            watcher.start()
        app.state.store, app.state.writer, app.state.watcher = opened, writer, watcher
        app.state.cache = GenerationCache()
        try:
            yield
        finally:
            if watcher:
                watcher.stop()
            writer.close()
            if store is None:
                opened.close()

    app = FastAPI(
        title="eventwire",
        version=eventwire.__version__,
        description="Political events coded from news, each with its evidence. Reads are GET; writes need a bearer token.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.ingest_limiter = TokenBucket(settings.ingest_per_minute, settings.ingest_burst)
    app.state.heavy_gate = asyncio.Semaphore(settings.heavy_requests)
    _install_error_handlers(app)
    install_handlers(app)
    if settings.loopback:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=LOOPBACK_NAMES)
    app.add_middleware(GuardMiddleware, max_body_bytes=settings.max_body_bytes)
    for module in (events, articles, analysis, export, ingest, pages):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=pages.STATIC), name="static")
    assets = pages.swagger_assets()
    if assets:
        app.mount("/docs-assets", StaticFiles(directory=assets), name="docs-assets")
    return app
