"""`eventwire batch`, `load` and `query`: the pipeline on a Dask cluster, into Parquet and back."""

from __future__ import annotations

from typing import Annotated, Any

import duckdb
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire.batch.load import load_batch
from eventwire.batch.partitions import Partition
from eventwire.batch.query import query_batch
from eventwire.batch.run import BatchOptions, run_batch
from eventwire.cli.common import (
    CoderOption,
    DbOption,
    JsonOption,
    check_annotation,
    console,
    default_db,
    err_console,
    print_json,
    print_table,
)
from eventwire.errors import IncompleteRun, ManifestMismatch
from eventwire.settings import load_settings, option_help
from eventwire.sources.fetch import FetchSettings
from eventwire.store.database import Store


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet,
    )


class _PartitionReporter:
    """Advances the bar per finished partition; a failed partition prints one line."""

    def __init__(self, progress: Progress):
        self.progress = progress
        self.task = progress.add_task("planning", total=None)
        self.articles = 0

    def __call__(self, outcome: str, partition: Partition | None, detail: dict[str, Any]) -> None:
        if outcome == "planned":
            self.progress.update(self.task, total=detail["partitions"], description="partitions")
            return
        if outcome == "failed" and partition is not None:
            self.progress.console.print(
                f"[red]error[/red]: partition {partition.index} ({partition.source}): {detail['error']}"
            )
        self.articles += detail.get("rows", {}).get("articles", 0)
        self.progress.update(self.task, advance=1, description=f"partitions · {self.articles} articles")


def batch_cli(
    inputs: Annotated[
        list[str], typer.Argument(help="WARC, JSONL, HTML or text files, folders, globs; local or fsspec URLs.")
    ],
    out: Annotated[
        str, typer.Option("--out", "-o", help="Output directory (local or fsspec URL); reuse it to resume.")
    ],
    scheduler: Annotated[str | None, typer.Option(help=option_help("scheduler"))] = None,
    workers: Annotated[int | None, typer.Option(min=1, help=option_help("workers"))] = None,
    partition_size: Annotated[
        int | None, typer.Option("--partition-size", min=1, help=option_help("partition_size"))
    ] = None,
    allow_unresolved: Annotated[bool | None, typer.Option(help=option_help("allow_unresolved"))] = None,
    coder: CoderOption = None,
    allow_private: Annotated[bool | None, typer.Option(help=option_help("allow_private"))] = None,
    max_bytes: Annotated[int | None, typer.Option(help=option_help("max_bytes"))] = None,
    max_archive_bytes: Annotated[int | None, typer.Option(help=option_help("max_archive_bytes"))] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Extract, annotate and code events on a Dask cluster into partitioned Parquet; exits 1 when anything failed.

    Each failed item (unreadable input, refused URL, bad record) prints one ``error: ITEM: REASON`` line.
    """
    if scheduler and workers:
        raise typer.BadParameter("--scheduler and --workers exclude each other")
    settings = load_settings(
        scheduler=scheduler,
        workers=workers,
        partition_size=partition_size,
        allow_unresolved=allow_unresolved,
        coder=coder,
        allow_private=allow_private,
        max_bytes=max_bytes,
        max_archive_bytes=max_archive_bytes,
    )
    check_annotation(settings, model=not settings.scheduler)  # a remote cluster's workers load their own model
    options = BatchOptions(
        partition_size=settings.partition_size,
        workers=None if settings.scheduler else settings.workers or None,
        scheduler=settings.scheduler,
        allow_unresolved=settings.allow_unresolved,
        article_time_budget=settings.article_time_budget,
        coder=settings.coder,
        fetch=FetchSettings(
            timeout=settings.fetch_timeout,
            max_bytes=settings.max_bytes,
            allow_private=settings.allow_private,
            allow_local_links=settings.allow_local_links,
        ),
        max_archive_bytes=settings.max_archive_bytes,
    )
    try:
        with _progress(quiet or as_json) as progress:
            summary = run_batch(inputs, out, options, _PartitionReporter(progress))
    except ManifestMismatch as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    if not as_json:
        _print_failed_items(out)
    if as_json:
        print_json(summary.to_dict())
    else:
        counts = summary.counts
        console.print(
            f"[bold]{summary.status}[/bold]: partitions {summary.processed} run, {summary.skipped} already done, "
            f"{summary.failed} failed · articles {counts.get('articles', 0)} · events "
            f"{counts.get('event_mentions', 0)} · failed items {counts.get('failures', 0)} · {summary.seconds:.1f} s"
        )
    if summary.failed or summary.counts.get("failures", 0):
        raise typer.Exit(1)


def _print_failed_items(out: str) -> None:
    """One line per failed item, as ``eventwire ingest`` prints them."""
    try:
        _, rows = query_batch(out, "SELECT item, reason FROM failures ORDER BY partition, seq")
    except duckdb.Error:  # no failures table: nothing failed
        return
    for item, reason in rows:
        err_console.print(f"[red]error[/red]: {item}: {reason}", highlight=False)


def load_cli(
    directory: Annotated[str, typer.Argument(help="A batch output directory (local or fsspec URL).")],
    db: DbOption = default_db(),
    partial: Annotated[bool, typer.Option(help="Load the finished partitions of an unfinished run.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Merge batch output into the store with ingest's dedup rules; exits 1 when any item had failed."""
    batch_size = load_settings().batch_size
    try:
        with Store(db) as store, _progress(quiet or as_json) as progress:
            task = progress.add_task("loading", total=None)
            summary = load_batch(
                directory,
                store,
                batch_size=batch_size,
                allow_partial=partial,
                progress=lambda *_: progress.advance(task),
            )
    except (FileNotFoundError, IncompleteRun) as exc:
        err_console.print(f"[red]error[/red]: {exc}")
        raise typer.Exit(2) from exc
    if as_json:
        print_json(summary.to_dict())
    else:
        console.print(
            f"[bold]ingested[/bold] {summary.ingested}  [bold]duplicates[/bold] {summary.duplicates}  "
            f"[bold]failed[/bold] {summary.failed}  (from {summary.partitions} partitions)"
        )
    if summary.failed:
        raise typer.Exit(1)


def query_cli(
    directory: Annotated[str, typer.Argument(help="A batch output directory (local or fsspec URL).")],
    sql: Annotated[str, typer.Argument(help="SQL over the views articles, entities, quotes, timexes, events, …")],
    as_json: JsonOption = False,
) -> None:
    """Query batch output in place with DuckDB; tables are views over the completed partitions."""
    try:
        columns, rows = query_batch(directory, sql)
    except duckdb.Error as exc:
        err_console.print(f"[red]error[/red]: {str(exc).splitlines()[0]}")
        raise typer.Exit(2) from exc
    records = [dict(zip(columns, row, strict=True)) for row in rows]
    if as_json:
        print_json(records)
    else:
        print_table(records, title="rows", columns=columns)
