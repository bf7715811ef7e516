"""What every command shares: the console, the database option, JSON output, error lines, dates."""

from __future__ import annotations

import json
import math
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

console = Console(emoji=False)
# Error lines never wrap: one line per problem, whatever the terminal width.
err_console = Console(stderr=True, emoji=False, soft_wrap=True)


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


def no_nan(value: Any) -> Any:
    """JSON has no NaN: a missing number (pandas gives NaN/NaT) becomes null."""
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: no_nan(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [no_nan(v) for v in value]
    return None if value.__class__.__name__ == "NaTType" else value


def print_json(data: Any) -> None:
    text = json.dumps(no_nan(to_plain(data)), ensure_ascii=False, indent=2, default=str, allow_nan=False)
    sys.stdout.write(text + "\n")


# Columns that never wrap in tables (an id cut in two cannot be pasted into `eventwire show`).
NO_WRAP = {"id", "article_id", "event_id", "published", "date", "period", "code", "speaker_code"}
# Free-text columns get the room that is left and are cut to one line with an ellipsis.
ELLIPSIS = {"title", "content", "sentence", "reason", "item"}


def print_table(
    rows: list[dict[str, Any]],
    title: str | None = None,
    columns: list[str] | None = None,
    empty: str | None = None,
) -> None:
    """A table that stays readable at 80 columns; ``empty`` says what matched nothing (and why)."""
    if not rows:
        what = title or "rows"
        console.print(f"[dim]{escape(empty or f'no {what}')}[/dim]")
        return
    columns = columns or list(rows[0].keys())
    table = Table(title=title, title_justify="left", show_lines=False, pad_edge=False)
    cells = [[cell_text(row.get(c)) for c in columns] for row in rows]
    widths = []
    for i, col in enumerate(columns):
        longest = max([len(col), *(len(r[i]) for r in cells)])
        widths.append(longest if col in NO_WRAP else min(longest, 24 if col not in ELLIPSIS else longest))
    # Free text gets what the fixed columns leave (3 characters of border per column).
    fixed = sum(w for w, c in zip(widths, columns, strict=True) if c not in ELLIPSIS) + 3 * len(columns) + 1
    free = [c for c in columns if c in ELLIPSIS]
    room = max(12, (console.width - fixed) // max(len(free), 1))
    for i, col in enumerate(columns):
        if col in NO_WRAP:
            table.add_column(col, no_wrap=True, min_width=widths[i])
        elif col in ELLIPSIS:
            table.add_column(col, no_wrap=True, overflow="ellipsis", max_width=room)
        else:
            table.add_column(col, overflow="fold", min_width=min(widths[i], 10), max_width=24)
    for row in cells:
        table.add_row(*row)
    console.print(table)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime) and not (value.hour or value.minute or value.second):
        return str(value.date())
    return " ".join(str(value).split())


def choice(value: str | None, choices: list[str] | tuple[str, ...], name: str) -> str | None:
    """``value`` matched case-insensitively against ``choices``; anything else is one error line listing them."""
    if value is None:
        return None
    for c in choices:
        if c.lower() == value.strip().lower():
            return c
    fail(f"{name}: unknown value {value!r}; choose one of {', '.join(choices)}")


def filters_text(**filters: Any) -> str:
    """The filters that were given, as they were typed (for "nothing matched" lines)."""
    return " ".join(f"--{k.replace('_', '-')} {v}" for k, v in filters.items() if v not in (None, False))


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
        from eventwire.cli import serving

        if not serving.is_lock_error(exc):
            fail(f"cannot open database {db}: {str(exc).splitlines()[0]}")
        try:
            return serving.snapshot(Path(db))
        except Exception as copy_exc:  # noqa: BLE001 - any failure ends in one line naming the holder
            fail(f"database {db} is held by {serving.held_by(Path(db))} and could not be copied: {copy_exc}")
