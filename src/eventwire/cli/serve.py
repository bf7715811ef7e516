"""`eventwire serve`: the REST API and the dashboard, optionally watching feeds while serving."""

from __future__ import annotations

import threading
import webbrowser
from typing import Annotated

import typer

from eventwire.cli import serving
from eventwire.cli.common import DbOption, check_annotation, default_db, duration_option, err_console
from eventwire.settings import load_settings, option_help


def serve_cli(
    db: DbOption = default_db(),
    host: Annotated[str | None, typer.Option(help=option_help("host"))] = None,
    port: Annotated[int | None, typer.Option(min=0, max=65535, help=option_help("port"))] = None,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the dashboard in a browser.")] = False,
    watch: Annotated[
        list[str] | None, typer.Option("--watch", help="Feed URL to poll while serving (repeatable).")
    ] = None,
    every: Annotated[str, typer.Option(help="Polling interval for --watch, e.g. 30s, 15m, 1h.")] = "15m",
    allow_anonymous_writes: Annotated[bool | None, typer.Option(help=option_help("allow_anonymous_writes"))] = None,
    public_reads: Annotated[bool | None, typer.Option(help=option_help("public_reads"))] = None,
    allow_private: Annotated[bool | None, typer.Option(help=option_help("allow_private"))] = None,
    annotate: Annotated[bool | None, typer.Option(help=option_help("annotate"))] = None,
    max_body_mb: Annotated[float | None, typer.Option(min=0.01, help=option_help("max_body_mb"))] = None,
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

    effective = load_settings(
        db=db,
        host=host,
        port=port,
        allow_anonymous_writes=allow_anonymous_writes,
        public_reads=public_reads,
        allow_private=allow_private,
        annotate=annotate,
        max_body_mb=max_body_mb,
    )
    settings = ServerSettings.from_settings(
        effective, watch=list(watch or []), watch_every=duration_option(every, "--every")
    )
    problems = settings.problems()
    if problems:
        for p in problems:
            err_console.print(f"[red]error[/red]: {p}")
        raise typer.Exit(2)
    if settings.annotate:
        check_annotation(effective)
    try:
        store = Store(settings.db)
    except Exception as exc:  # duckdb: the file is locked by another process, or unreadable
        reason = str(exc).splitlines()[0]
        if serving.is_lock_error(exc):
            reason = f"it is held by {serving.held_by(settings.db)}"
        err_console.print(f"[red]error[/red]: cannot open database {settings.db}: {reason}")
        raise typer.Exit(2) from exc
    config = uvicorn.Config(
        create_app(settings, store), host=settings.host, port=settings.port, log_level="info", access_log=False
    )
    server = uvicorn.Server(config)

    def when_ready() -> None:
        """Tell the other commands where the store is served (see cli/serving.py); open the browser."""
        while not server.started and not server.should_exit:
            threading.Event().wait(0.1)
        if server.started:
            host = settings.host
            bound = server.servers[0].sockets[0].getsockname()[1] if server.servers else settings.port
            url = f"http://{'[' + host + ']' if ':' in host else host}:{bound}/"
            serving.announce(settings.db, url)
            if open_browser:
                webbrowser.open(url)

    threading.Thread(target=when_ready, daemon=True).start()
    try:
        server.run()
    finally:
        serving.retire(settings.db)
        store.close()
