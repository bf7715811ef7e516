"""`eventwire serve`: the REST API and the dashboard, optionally watching feeds while serving."""

from __future__ import annotations

import threading
import webbrowser
from typing import Annotated

import typer

from eventwire.cli.common import DbOption, default_db, duration_option, err_console


def serve_cli(
    db: DbOption = default_db(),
    host: Annotated[str, typer.Option(help="Address to listen on; non-loopback needs EVENTWIRE_TOKEN.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port (0 picks a free one).")] = 8000,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the dashboard in a browser.")] = False,
    watch: Annotated[
        list[str] | None, typer.Option("--watch", help="Feed URL to poll while serving (repeatable).")
    ] = None,
    every: Annotated[str, typer.Option(help="Polling interval for --watch, e.g. 30s, 15m, 1h.")] = "15m",
    allow_anonymous_writes: Annotated[
        bool, typer.Option(help="On loopback without EVENTWIRE_TOKEN, let anyone who can reach the port ingest.")
    ] = False,
    public_reads: Annotated[
        bool, typer.Option(help="On a non-loopback address, serve reads without the token.")
    ] = False,
    allow_private: Annotated[
        bool, typer.Option(help="Let ingest and --watch fetch loopback/private addresses.")
    ] = False,
    annotate: Annotated[bool, typer.Option(help="Annotate and code events for ingested articles.")] = True,
    max_body_mb: Annotated[float, typer.Option(min=0.01, help="Largest request body accepted, in MB.")] = 25.0,
) -> None:
    """Serve the REST API (OpenAPI at /docs) and the dashboard at /; the server owns the store.

    Reads are open on loopback; writes (POST /ingest) need the bearer token EVENTWIRE_TOKEN, or
    --allow-anonymous-writes on loopback. Ingestion from POST /ingest and --watch runs inside the
    server through its single writer thread, so no other process may open the database meanwhile.
    """
    import uvicorn

    from eventwire.api import create_app
    from eventwire.api.settings import ServerSettings
    from eventwire.store.database import Store

    settings = ServerSettings(
        db=db,
        host=host,
        port=port,
        allow_anonymous_writes=allow_anonymous_writes,
        public_reads=public_reads,
        max_body_bytes=int(max_body_mb * 1024 * 1024),
        watch=list(watch or []),
        watch_every=duration_option(every, "--every"),
        allow_private_fetch=allow_private,
        annotate=annotate,
    )
    problems = settings.problems()
    if problems:
        for p in problems:
            err_console.print(f"[red]error[/red]: {p}")
        raise typer.Exit(2)
    try:
        store = Store(db)
    except Exception as exc:  # duckdb: the file is locked by another process, or unreadable
        err_console.print(f"[red]error[/red]: cannot open database {db}: {str(exc).splitlines()[0]}")
        raise typer.Exit(2) from exc
    config = uvicorn.Config(create_app(settings, store), host=host, port=port, log_level="info", access_log=False)
    server = uvicorn.Server(config)
    if open_browser:

        def open_when_ready() -> None:
            while not server.started and not server.should_exit:
                threading.Event().wait(0.1)
            if server.started:
                bound = server.servers[0].sockets[0].getsockname()[1] if server.servers else port
                webbrowser.open(f"http://{'[' + host + ']' if ':' in host else host}:{bound}/")

        threading.Thread(target=open_when_ready, daemon=True).start()
    try:
        server.run()
    finally:
        store.close()
