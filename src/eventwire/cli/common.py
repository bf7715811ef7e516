"""What every command shares: the console, the database option, JSON output, error lines, dates."""

from __future__ import annotations

import json
import os
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

console = Console()
err_console = Console(stderr=True)

DEFAULT_DB = "eventwire.duckdb"

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="EVENTWIRE_DB", help="DuckDB file to use (env EVENTWIRE_DB).", show_default=True),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def default_db() -> Path:
    return Path(os.environ.get("EVENTWIRE_DB", DEFAULT_DB))


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
