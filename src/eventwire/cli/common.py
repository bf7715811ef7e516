"""What every command shares: the console, the database option, JSON output, error lines, dates."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from eventwire.dates import coerce_date, coerce_published, parse_duration, parse_when
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


def fail(message: str, code: int = 2) -> NoReturn:
    """Print one ``error: …`` line on standard error and exit with ``code``."""
    err_console.print(f"[red]error[/red]: {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


# Every --since/--until reads the same forms; see eventwire.dates.parse_when.
WHEN_FORMS = "ISO date, ISO date-time or look-back like 7d"


def when_option(text: str | None, name: str) -> datetime | None:
    """A ``--since``/``--until`` value as a naive UTC datetime (a look-back counts back from now)."""
    try:
        return parse_when(text)
    except ValueError as exc:
        fail(f"{name}: {exc}")


def day_option(text: str | None, name: str) -> date | None:
    """A ``--since``/``--until`` value for event dates: the day it names."""
    return coerce_date(when_option(text, name))


def duration_option(text: str, name: str) -> float:
    """An interval option such as ``--every 15m``, in seconds."""
    try:
        return parse_duration(text).total_seconds()
    except ValueError as exc:
        fail(f"{name}: {exc}")


def published_option(text: str | None, name: str) -> date | datetime | None:
    """A publication date: ISO only (a look-back makes no sense for when something was published)."""
    try:
        return coerce_published(text)
    except ValueError as exc:
        fail(f"{name}: {exc}")


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
