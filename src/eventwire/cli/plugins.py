"""`eventwire coders`: what can code events here, built-in or installed as a plug-in."""

from __future__ import annotations

from eventwire.cli.common import JsonOption, print_json, print_table


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
    print_table([{**r, "default": "yes" if r["default"] else ""} for r in rows], title="coders")
