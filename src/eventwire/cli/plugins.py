"""`eventwire coders`: what can code events here, built-in or installed as a plug-in."""

from __future__ import annotations

from rich.table import Table

from eventwire.cli.common import JsonOption, console, print_json


def coders_cli(as_json: JsonOption = False) -> None:
    """List the registered event coders: name, version, where from, and what each does."""
    from eventwire.pipeline import DEFAULT_CODER
    from eventwire.registry import coders

    rows = [
        {
            "name": e.name,
            "version": e.version,
            "default": e.name == DEFAULT_CODER,
            "from": e.plugin or "eventwire",
            "description": e.description,
        }
        for e in coders.entries()
    ]
    if as_json:
        print_json(rows)
        return
    table = Table(title="coders")
    table.add_column("name", no_wrap=True)  # names are typed back into --coder: never broken
    table.add_column("v")
    table.add_column("default")
    table.add_column("from", overflow="fold")
    table.add_column("description", overflow="fold")
    for r in rows:
        table.add_row(r["name"], str(r["version"]), "yes" if r["default"] else "", r["from"], r["description"])
    console.print(table)
