"""What every command shares: the console, the database option, JSON output, time parsing."""

from __future__ import annotations

import json
import re
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from eventwire.model import to_plain
from eventwire.settings import Settings, default_settings, get_setting, option_help, setting_specs

console = Console()
err_console = Console(stderr=True)


def _db_setting(ctx: typer.Context, param: typer.CallbackParam, value: Path) -> Path:
    """``--db`` when given, else the ``db`` setting (``$EVENTWIRE_DB`` or the shipped default)."""
    source = ctx.get_parameter_source(param.name)
    if source is None or source.name in ("DEFAULT", "DEFAULT_MAP"):  # by name: typer may vendor its own click
        return get_setting("db")
    return value


DbOption = Annotated[Path, typer.Option("--db", help=option_help("db"), callback=_db_setting, show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def default_db() -> Path:
    """The shipped default; when ``--db`` is not given its callback puts the ``db`` setting in its place."""
    return default_settings().db


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(to_plain(data), ensure_ascii=False, indent=2, default=str) + "\n")


def print_table(rows: list[dict[str, Any]], title: str | None = None, columns: list[str] | None = None) -> None:
    if not rows:
        console.print(f"[dim]no {title or 'rows'}[/dim]")
        return
    columns = columns or list(rows[0].keys())
    table = Table(title=title, show_lines=False)
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    console.print(table)


_RELATIVE = re.compile(r"^(\d+)\s*([smhdw])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def parse_duration(text: str) -> timedelta:
    """``15m``, ``2h``, ``1d`` → a timedelta."""
    m = _RELATIVE.match(text.strip().lower())
    if not m:
        raise typer.BadParameter(f"{text!r} is not a duration like 30s, 15m, 2h or 1d")
    return timedelta(**{_UNITS[m.group(2)]: int(m.group(1))})


def parse_since(text: str | None) -> datetime | None:
    """An ISO date/time, or a look-back such as ``7d`` meaning seven days ago."""
    if not text:
        return None
    if _RELATIVE.match(text.strip().lower()):
        return datetime.now(UTC).replace(tzinfo=None) - parse_duration(text)
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        try:
            value = datetime.combine(date.fromisoformat(text), datetime.min.time())
        except ValueError as exc:
            raise typer.BadParameter(f"{text!r} is neither an ISO date nor a look-back like 7d") from exc
    return value


def _check_coder(name: str | None) -> str | None:
    from eventwire.errors import RegistryError
    from eventwire.registry import coders

    if name is None:
        return None
    try:
        return coders.get(name).name
    except RegistryError as exc:
        raise typer.BadParameter(str(exc)) from exc


def check_annotation(settings: Settings, model: bool = True) -> None:
    """Before any work: the spaCy model (``ModelNotInstalled``) and the coder (``SettingsError``) must exist."""
    from eventwire.annotate.parse import require_model
    from eventwire.errors import RegistryError, SettingsError
    from eventwire.registry import coders

    if model:
        require_model(settings.model)
    try:
        coders.get(settings.coder)
    except RegistryError as exc:
        origin = settings.origin("coder")
        where = setting_specs()["coder"].env if origin == "env" else origin
        raise SettingsError(f"setting coder: {exc} (from {where})") from None


CoderOption = Annotated[str | None, typer.Option("--coder", help=option_help("coder"), callback=_check_coder)]


def open_read_store(db: Path):
    """The store at ``db`` opened for reading, or one error line and exit 2 (missing, locked, unreadable)."""
    from eventwire.store.database import Store

    if not Path(db).exists():
        err_console.print(f"[red]error[/red]: no database at {db} (run `eventwire ingest` first or pass --db)")
        raise typer.Exit(2)
    try:
        return Store(db, read_only=True)
    except Exception as exc:  # duckdb: locked by a writer (e.g. `eventwire serve`) or unreadable
        err_console.print(f"[red]error[/red]: cannot open database {db}: {str(exc).splitlines()[0]}")
        raise typer.Exit(2) from exc
