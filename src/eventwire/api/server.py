"""Run the app with uvicorn in a background thread (benchmarks, tests, notebooks)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

import uvicorn
from fastapi import FastAPI

from eventwire.api import create_app
from eventwire.api.settings import ServerSettings
from eventwire.store.database import Store

START_TIMEOUT_SECONDS = 20


def serve_in_background(settings: ServerSettings, store: Store | None = None) -> AbstractContextManager[str]:
    """Serve ``create_app(settings, store)`` on 127.0.0.1 and a free port; yields the base URL."""
    return serve_app(create_app(settings, store))


@contextmanager
def serve_app(app: FastAPI) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 and a free port; yields the base URL."""
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="eventwire-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            server.should_exit = True
            raise RuntimeError("the server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(START_TIMEOUT_SECONDS)
