"""`eventwire ingest`, `watch` and `annotate`: the commands that write to the store."""

from __future__ import annotations

import time
from datetime import datetime
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire.cli.common import (
    WHEN_FORMS,
    DbOption,
    JsonOption,
    console,
    default_db,
    duration_option,
    err_console,
    fail,
    print_json,
    when_option,
)
from eventwire.model import SOURCE_KINDS
from eventwire.pipeline import IngestOptions, IngestSummary, ingest, poll_and_ingest, reannotate
from eventwire.sources.fetch import FetchSettings
from eventwire.store.database import Store


class _ProgressReporter:
    """A Rich progress display fed by the pipeline's per-item callback; errors print as one line each."""

    def __init__(self, progress: Progress, quiet: bool):
        self.progress = progress
        self.task = progress.add_task("ingesting", total=None)
        self.quiet = quiet
        self.counts = {"stored": 0, "duplicate": 0, "failed": 0}

    def __call__(self, outcome: str, item: str, detail: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        if outcome == "failed":
            self.progress.console.print(f"[red]error[/red]: {item}: {detail}", highlight=False, soft_wrap=True)
        c = self.counts
        self.progress.update(
            self.task,
            advance=1,
            description=f"stored {c['stored']} · duplicates {c['duplicate']} · failed {c['failed']}",
        )


def _progress(quiet: bool) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} items"),
        TimeElapsedColumn(),
        console=err_console,
        disable=quiet,
        transient=False,
    )


def _print_summary(summary: IngestSummary, as_json: bool) -> None:
    if as_json:
        print_json(summary.to_dict())
        return
    console.print(
        f"[bold]ingested[/bold] {summary.ingested}  [bold]duplicates[/bold] {summary.duplicates}  "
        f"[bold]failed[/bold] {summary.failed}"
    )


def _open_store(db) -> Store:
    try:
        return Store(db)
    except Exception as exc:  # duckdb raises IOException for a locked or unreadable file
        err_console.print(f"[red]error[/red]: cannot open database {db}: {str(exc).splitlines()[0]}")
        raise typer.Exit(2) from exc


def ingest_cli(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs, feeds, WARCs, or - for stdin.")],
    db: DbOption = default_db(),
    kind: Annotated[str | None, typer.Option(help=f"Force the input kind: {', '.join(SOURCE_KINDS)}.")] = None,
    annotate: Annotated[bool, typer.Option(help="Annotate (entities, actors, quotes, times) while ingesting.")] = True,
    n_process: Annotated[int, typer.Option("--n-process", min=1, help="Processes for annotation.")] = 1,
    allow_unresolved: Annotated[
        bool, typer.Option(help="Keep events whose source actor could not be resolved.")
    ] = False,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching loopback/private addresses.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds per HTTP request.")] = 15.0,
    max_bytes: Annotated[int, typer.Option(help="Largest page or file accepted, in bytes.")] = 10_000_000,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Read news from any source into the store; exits 1 when any item failed."""
    if kind and kind not in SOURCE_KINDS:
        fail(f"--kind must be one of {', '.join(SOURCE_KINDS)}, not {kind!r}")
    options = IngestOptions(
        kind=kind,
        annotate=annotate,
        n_process=n_process,
        allow_unresolved=allow_unresolved,
        fetch=FetchSettings(timeout=timeout, max_bytes=max_bytes, allow_private=allow_private),
    )
    with _open_store(db) as store, _progress(quiet or as_json) as progress:
        summary = ingest(sources, store, options, _ProgressReporter(progress, quiet))
    _print_summary(summary, as_json)
    if summary.failed:
        raise typer.Exit(1)


def watch_cli(
    feeds: Annotated[list[str], typer.Argument(help="Feed URLs (or files) to poll.")],
    db: DbOption = default_db(),
    every: Annotated[str, typer.Option(help="Polling interval, e.g. 30s, 15m, 1h.")] = "15m",
    iterations: Annotated[int, typer.Option(help="Stop after this many rounds (0 = forever).")] = 0,
    annotate: Annotated[bool, typer.Option(help="Annotate new articles.")] = True,
    allow_private: Annotated[bool, typer.Option(help="Allow fetching loopback/private addresses.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """Poll feeds with conditional GET and store only new items, until stopped."""
    interval = duration_option(every, "--every")
    settings = FetchSettings(allow_private=allow_private)
    options = IngestOptions(annotate=annotate, fetch=settings)
    failed = 0
    round_no = 0
    with _open_store(db) as store:
        while True:
            round_no += 1
            for url in feeds:
                summary = poll_and_ingest(url, store, options)
                failed += summary.failed
                for f in summary.failures:
                    err_console.print(f"[red]error[/red]: {f.item}: {f.reason}", highlight=False)
                if not quiet:
                    console.print(
                        f"{datetime.now():%H:%M:%S} {url}: new {summary.ingested}, "
                        f"duplicates {summary.duplicates}, failed {summary.failed}"
                    )
            if iterations and round_no >= iterations:
                break
            time.sleep(interval)
    if failed:
        raise typer.Exit(1)


def annotate_cli(
    db: DbOption = default_db(),
    all_: Annotated[bool, typer.Option("--all", help="Re-annotate every article.")] = False,
    since: Annotated[str | None, typer.Option(help=f"Only articles ingested since ({WHEN_FORMS}).")] = None,
    n_process: Annotated[int, typer.Option("--n-process", min=1)] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q")] = False,
) -> None:
    """(Re)annotate stored articles; without --all only those made by an older annotator or none."""

    first = when_option(since, "--since")
    with _open_store(db) as store, _progress(quiet) as progress:
        task = progress.add_task("annotating", total=None)
        done = reannotate(
            store,
            everything=all_,
            since=first,
            n_process=n_process,
            on_batch=lambda n: progress.update(task, advance=n),
        )
    console.print(f"[bold]annotated[/bold] {done}")
