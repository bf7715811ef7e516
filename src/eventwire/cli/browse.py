"""Read-only commands: `articles`, `stats`, `actors`, `quotes` (`show` is in show.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from eventwire.cli.common import (
    WHEN_FORMS,
    DbOption,
    JsonOption,
    default_db,
    filters_text,
    open_read_store,
    print_json,
    print_table,
    when_option,
)


def articles_cli(
    db: DbOption = default_db(),
    since: Annotated[str | None, typer.Option(help=f"Published since ({WHEN_FORMS}).")] = None,
    site: Annotated[str | None, typer.Option(help="Only articles whose site contains this.")] = None,
    search: Annotated[str | None, typer.Option(help="Text or title contains this.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Most rows to print.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List stored articles, newest first; `eventwire show ID` opens one."""
    first = when_option(since, "--since")
    with open_read_store(db) as store:
        rows = store.articles(since=first, site=site, search=search, limit=limit)
    if as_json:
        print_json(rows)
        return
    given = filters_text(since=since, site=site, search=search)
    empty = f"no articles match {given}" if given else "no articles in the store (run `eventwire ingest`)"
    print_table(rows, "articles", ["id", "published", "title"], empty=empty)


def stats_cli(db: DbOption = default_db(), as_json: JsonOption = False) -> None:
    """Counts of everything in the store."""
    with open_read_store(db) as store:
        stats = store.stats()
        failures = store.failures(limit=20)
    if as_json:
        print_json({**stats, "recent_failures": failures})
        return
    print_table([{"table": k, "rows": v} for k, v in stats["counts"].items()], f"eventwire store {stats['database']}")
    print_table([{"kind": k, "articles": v} for k, v in stats["by_kind"].items()], "articles by source kind")
    print_table([{"site": k, "articles": v} for k, v in stats["by_site"].items()], "top sites")
    if failures:
        print_table(failures, "recent ingest failures", ["item", "stage", "reason", "attempts"])


def actors_cli(
    db: DbOption = default_db(),
    search: Annotated[str | None, typer.Option(help="Name or code (prefix) to look for.")] = None,
    dictionary: Annotated[bool, typer.Option("--dictionary", help="Search the built-in actor table instead.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=5000, help="Most rows to print.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """The actors in the store's events with their counts, most active first (--dictionary: the built-in table)."""
    if dictionary:
        from eventwire.annotate.actors import search_actors

        entries = [a.to_dict() for a in search_actors(search, limit=limit)]
        if as_json:
            print_json(entries)
            return
        print_table(entries, "actor dictionary", empty=f"no dictionary entry matches {search!r}")
        return
    from eventwire.store.queries import list_actors

    with open_read_store(db) as store:
        rows = list_actors(store, search, limit)
    if as_json:
        print_json(rows)
        return
    empty = f"no actor in the store matches {search!r} (--dictionary searches the built-in table)"
    print_table(rows, "actors", ["code", "name", "events", "events_as_source", "events_as_target"], empty=empty)


def quotes_cli(
    db: DbOption = default_db(),
    speaker: Annotated[str | None, typer.Option(help="Speaker name or actor code contains this.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Most rows to print.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Quotes and reported speech, by speaker; the article id opens the quote in context (`eventwire show`)."""
    with open_read_store(db) as store:
        rows = store.quotes(speaker=speaker, limit=limit)
    if as_json:
        print_json(rows)
        return
    for row in rows:
        row["who"] = row.get("speaker_ref") or row.get("speaker")
    empty = f"no quotes match --speaker {speaker}" if speaker else "no quotes in the store"
    print_table(rows, "quotes", ["article_id", "who", "speaker_code", "content"], empty=empty)
