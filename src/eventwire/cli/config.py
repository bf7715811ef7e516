"""`eventwire config`: the effective settings, their values and where each came from."""

from __future__ import annotations

from typing import Any

from rich.markup import escape
from rich.table import Table

from eventwire.cli.common import JsonOption, console, print_json
from eventwire.settings import SETTINGS_FILE, Settings, format_value, load_settings, setting_specs

HIDDEN = "<hidden>"


def describe(settings: Settings) -> list[dict[str, Any]]:
    """One row per setting: name, value (secrets hidden when set), origin, variable and help."""
    rows = []
    for name, spec in setting_specs().items():
        value = getattr(settings, name)
        shown = HIDDEN if spec.secret and value is not None else value
        rows.append(
            {"setting": name, "value": shown, "origin": settings.origin(name), "env": spec.env, "help": spec.help}
        )
    return rows


def config_cli(as_json: JsonOption = False) -> None:
    """Show every setting's effective value and whether it came from the default, the environment or a flag.

    Defaults live in eventwire/settings.toml; EVENTWIRE_<NAME> overrides one; a command's flag overrides both.
    """
    rows = describe(load_settings())
    if as_json:
        print_json({r["setting"]: {k: v for k, v in r.items() if k != "setting"} for r in rows})
        return
    table = Table(title="settings", caption=f"defaults: {SETTINGS_FILE}; EVENTWIRE_<NAME> overrides one")
    table.add_column("setting", no_wrap=True)
    table.add_column("value", overflow="fold")
    table.add_column("from", no_wrap=True)
    for r in rows:
        origin = r["origin"] if r["origin"] == "default" else f"[bold]{r['origin']}[/bold]"
        if r["value"] is None:
            value = "[dim]not set[/dim]"
        else:
            value = escape(r["value"] if r["value"] == HIDDEN else format_value(r["value"]))
        table.add_row(r["setting"], value, origin)
    console.print(table)
