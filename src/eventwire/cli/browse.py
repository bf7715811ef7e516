"""Read-only commands: `articles`, `show`, `stats`, `actors`, `quotes`."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.panel import Panel

from eventwire.cli.common import (
    WHEN_FORMS,
    DbOption,
    JsonOption,
    console,
    default_db,
    err_console,
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
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    as_json: JsonOption = False,
) -> None:
    """List stored articles, newest first."""
    first = when_option(since, "--since")
    with open_read_store(db) as store:
        rows = store.articles(since=first, site=site, search=search, limit=limit)
    if as_json:
        print_json(rows)
    else:
        print_table(rows, "articles", ["id", "published", "site", "title", "chars"])


def show_cli(
    article_id: Annotated[str, typer.Argument(help="Article id (a unique prefix is enough).")],
    db: DbOption = default_db(),
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, text and its annotations with offsets."""
    with open_read_store(db) as store:
        row = store.article(article_id)
        if row is None:
            err_console.print(f"[red]error[/red]: no article with id {article_id!r}")
            raise typer.Exit(1)
        annotations = store.annotations(row["id"])
    if as_json:
        print_json({**row, "annotations": annotations})
        return
    meta = "\n".join(
        f"[bold]{k}[/bold]: {row[k]}"
        for k in ("id", "url", "canonical_url", "site", "author", "published", "language", "source_kind", "item")
        if row.get(k)
    )
    console.print(Panel(meta, title=row.get("title") or "(untitled)"))
    console.print(row["text"], highlight=False)
    for name, rows in annotations.items():
        if rows:
            print_table(rows, name)


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
    search: Annotated[str | None, typer.Option(help="Name, alias or code to look for.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=5000)] = 50,
    as_json: JsonOption = False,
) -> None:
    """Show the actor dictionary (or the entries matching --search)."""
    from eventwire.annotate.actors import search_actors

    actors = search_actors(search, limit=limit)
    if as_json:
        print_json(actors)
    else:
        print_table([a.to_dict() for a in actors], "actors")


def quotes_cli(
    db: DbOption = default_db(),
    speaker: Annotated[str | None, typer.Option(help="Speaker name or actor code contains this.")] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    as_json: JsonOption = False,
) -> None:
    """Quotes and reported speech, by speaker."""
    with open_read_store(db) as store:
        rows = store.quotes(speaker=speaker, limit=limit)
    if as_json:
        print_json(rows)
    else:
        print_table(rows, "quotes", ["article_id", "speaker", "speaker_ref", "speaker_code", "kind", "cue", "content"])
