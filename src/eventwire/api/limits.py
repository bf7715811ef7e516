"""Bounded reads: a cap on heavy requests at once, a time limit on every read query, answers of 503.

A heavy route (alerts, network, export, timeline, clusters) can take seconds and hundreds of MB
on a large store; many at once used to take every worker thread and all memory, so that even
``GET /`` timed out. Heavy routes now take a slot first: a request waits for one briefly in the
event loop (no thread taken), then is refused with ``503`` and ``Retry-After``. Every read route's queries
are interrupted after ``query_timeout`` seconds, and DuckDB's memory is capped
(``db_memory_mb``): a query over either answers 503, the server stays up.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any

import duckdb
from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute

from eventwire.store import queries

# Seconds a refused client is told to wait before trying again.
RETRY_AFTER_SECONDS = 2


async def heavy_slot(request: Request) -> AsyncIterator[None]:
    """FastAPI dependency of heavy routes: one of ``heavy_requests`` slots, waited for up to
    ``heavy_wait`` seconds in the event loop (holding no thread), else 503."""
    gate: asyncio.Semaphore = request.app.state.heavy_gate
    try:
        await asyncio.wait_for(gate.acquire(), request.app.state.settings.heavy_wait)
    except TimeoutError:
        raise HTTPException(
            503, "busy: too many heavy requests at once; retry shortly", {"Retry-After": str(RETRY_AFTER_SECONDS)}
        ) from None
    try:
        yield
    finally:
        gate.release()


def _interrupt(cursors: Any) -> None:
    for cur in list(cursors.values()):
        with contextlib.suppress(duckdb.Error):  # a cursor closed meanwhile
            cur.interrupt()


def with_query_timeout(endpoint: Callable) -> Callable:
    """``endpoint`` with its thread's queries interrupted after the server's ``query_timeout``.

    Sync endpoints run in a worker thread, and each thread reads through its own cursors
    (``store.queries.cursor``): a timer interrupts those, in the thread the endpoint runs in.
    """
    if asyncio.iscoroutinefunction(endpoint):
        return endpoint

    @functools.wraps(endpoint)
    def run(*args: Any, **kwargs: Any) -> Any:
        request = kwargs.get("request")
        if not isinstance(request, Request):
            return endpoint(*args, **kwargs)
        queries.cursor(request.app.state.store)  # this thread's cursor exists before the timer starts
        timer = threading.Timer(request.app.state.settings.query_timeout, _interrupt, [queries.thread_cursors()])
        timer.daemon = True
        timer.start()
        try:
            return endpoint(*args, **kwargs)
        finally:
            timer.cancel()

    return run


class BoundedRoute(APIRoute):
    """A route whose queries have a time limit (see ``with_query_timeout``)."""

    def __init__(self, path: str, endpoint: Callable, **kwargs: Any) -> None:
        super().__init__(path, with_query_timeout(endpoint), **kwargs)


def install_handlers(app: Any) -> None:
    """Interrupted (over time) and out-of-memory queries answer 503, not 500."""

    @app.exception_handler(duckdb.InterruptException)
    async def interrupted(request: Request, exc: Exception) -> JSONResponse:
        seconds = request.app.state.settings.query_timeout
        return _busy(f"the query took longer than {seconds:g} s and was stopped; narrow it (dates, actor, limit)")

    @app.exception_handler(duckdb.OutOfMemoryException)
    async def out_of_memory(request: Request, exc: Exception) -> JSONResponse:
        return _busy("the query needed more memory than the server allows; narrow it (dates, actor, limit)")


def _busy(message: str) -> JSONResponse:
    return JSONResponse({"detail": message}, status_code=503, headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
