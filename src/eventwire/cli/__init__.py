"""The `eventwire` command line: each command parses its arguments, calls the library, prints."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from typer.core import TyperGroup

from eventwire.cli import audit, batch, browse, config, explore, ingest, plugins, report, serve, show
from eventwire.cli.common import err_console
from eventwire.errors import EventwireError


class Commands(TyperGroup):
    """The command group: any project error ends a command with one ``error: <message>`` line, no traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except EventwireError as exc:
            err_console.print(f"[red]error[/red]: {escape(str(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    name="eventwire",
    cls=Commands,
    help="Turn raw news into an auditable record of political events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMANDS = {
    "ingest": ingest.ingest_cli,
    "watch": ingest.watch_cli,
    "annotate": ingest.annotate_cli,
    "analyze": report.analyze_cli,
    "coders": plugins.coders_cli,
    "articles": browse.articles_cli,
    "show": show.show_cli,
    "stats": browse.stats_cli,
    "actors": browse.actors_cli,
    "quotes": browse.quotes_cli,
    "events": explore.events_cli,
    "timeline": explore.timeline_cli,
    "alerts": explore.alerts_cli,
    "export": explore.export_cli,
    "audit": audit.audit_cli,
    "serve": serve.serve_cli,
    "batch": batch.batch_cli,
    "load": batch.load_cli,
    "query": batch.query_cli,
    "config": config.config_cli,
}
for name, command in COMMANDS.items():
    app.command(name)(command)


def _version(value: bool) -> None:
    if value:
        from eventwire import __version__

        typer.echo(f"eventwire {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn raw news into an auditable record of political events."""


def main() -> None:
    app()
