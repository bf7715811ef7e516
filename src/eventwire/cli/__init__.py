"""The `eventwire` command line: each command parses its arguments, calls the library, prints."""

from __future__ import annotations

import typer

from eventwire.cli import browse, ingest, report

app = typer.Typer(
    name="eventwire",
    help="Turn raw news into an auditable record of political events.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

app.command("ingest")(ingest.ingest_cli)
app.command("watch")(ingest.watch_cli)
app.command("annotate")(ingest.annotate_cli)
app.command("articles")(browse.articles_cli)
app.command("show")(browse.show_cli)
app.command("stats")(browse.stats_cli)
app.command("actors")(browse.actors_cli)
app.command("quotes")(browse.quotes_cli)
app.command("analyze")(report.analyze_cli)


def main() -> None:
    app()
