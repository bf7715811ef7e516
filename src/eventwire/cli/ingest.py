"""`eventwire ingest`, `watch` and `annotate`: the commands that write to the store."""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import datetime
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire.cli import serving
from eventwire.cli.common import (
    WHEN_FORMS,
    CoderOption,
    DbOption,
    JsonOption,
    check_annotation,
    console,
    default_db,
    duration_option,
    err_console,
    fail,
    print_json,
    when_option,
)
from eventwire.ingestion import IngestOptions, IngestSummary, ingest, poll_and_ingest, reannotate
from eventwire.model import SOURCE_KINDS, Failure
from eventwire.settings import Settings, load_settings, option_help
from eventwire.sources.fetch import FetchSettings
from eventwire.store.database import Store


def _ingest_options(settings: Settings, kind: str | None = None) -> IngestOptions:
    fetch = FetchSettings(
        timeout=settings.fetch_timeout,
        max_bytes=settings.max_bytes,
        allow_private=settings.allow_private,
        allow_local_links=settings.allow_local_links,
    )
    return IngestOptions.from_settings(settings, fetch, kind=kind, n_process=settings.processes)


class _ProgressReporter:
    """A Rich progress display fed by the pipeline's per-item callback; errors print as one line each."""

    def __init__(self, progress: Progress, quiet: bool, verbose: bool = False):
        self.progress = progress
        self.task = progress.add_task("ingesting", total=None)
        self.quiet = quiet
        self.verbose = verbose
        self.counts = {"stored": 0, "duplicate": 0, "failed": 0}
        self.not_text = 0

    def __call__(self, outcome: str, item: str, detail: str) -> None:
        self.counts[outcome] = self.counts.get(outcome, 0) + 1
        if outcome == "failed" and detail.startswith(NOT_TEXT) and not self.verbose:
            self.not_text += 1  # a folder of icons or PDFs: one summary line, not one per file
        elif outcome == "failed":
            self.progress.console.print(f"[red]error[/red]: {escape(item)}: {escape(detail)}", highlight=False)
        c = self.counts
        self.progress.update(
            self.task,
            advance=1,
            description=f"stored {c['stored']} · duplicates {c['duplicate']} · failed {c['failed']}",
        )


# The reason the readers give for a file that is not text (an image, an archive, a PDF).
NOT_TEXT = "binary file"


def _not_text_line(count: int) -> None:
    if count:
        err_console.print(f"{count:,} skipped: not text; -v lists them (recorded in ingest_failures)")


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
        if serving.is_lock_error(exc):
            fail(f"database {db} is held by {serving.held_by(db)}; stop it first, or ingest through it")
        fail(f"cannot open database {db}: {str(exc).splitlines()[0]}")


def _ingest_through_server(db, sources: list[str], settings: Settings, as_json: bool) -> bool:
    """When `eventwire serve` holds ``db``, send the inputs to its writer; False when none does."""
    note = serving.server_for(db)
    if note is None or "-" in sources:
        return False
    err_console.print(f"{db} is served by pid {note['pid']}: ingesting through {note['url']}ingest", soft_wrap=True)
    stored, failures = serving.ingest_through(note, sources, settings.token)
    for line in failures:
        err_console.print(f"[red]error[/red]: {escape(line)}", highlight=False, soft_wrap=True)
    if as_json:
        print_json({"ingested": stored, "failed": len(failures), "failures": failures, "through": note["url"]})
    else:
        console.print(f"[bold]ingested[/bold] {stored}  [bold]failed[/bold] {len(failures)}  (through {note['url']})")
    if failures:
        raise typer.Exit(1)
    return True


def ingest_cli(
    sources: Annotated[list[str], typer.Argument(help="Files, folders, globs, URLs, feeds, WARCs, or - for stdin.")],
    db: DbOption = default_db(),
    kind: Annotated[str | None, typer.Option(help=f"Force the input kind: {', '.join(SOURCE_KINDS)}.")] = None,
    annotate: Annotated[bool | None, typer.Option(help=option_help("annotate"))] = None,
    n_process: Annotated[int | None, typer.Option("--n-process", min=1, help=option_help("processes"))] = None,
    allow_unresolved: Annotated[bool | None, typer.Option(help=option_help("allow_unresolved"))] = None,
    coder: CoderOption = None,
    min_confidence: Annotated[float | None, typer.Option(help=option_help("min_confidence"))] = None,
    all_events: Annotated[bool, typer.Option("--all", help="Store every event, whatever its confidence.")] = False,
    allow_private: Annotated[bool | None, typer.Option(help=option_help("allow_private"))] = None,
    allow_local_links: Annotated[
        bool | None, typer.Option("--allow-local-links", help=option_help("allow_local_links"))
    ] = None,
    timeout: Annotated[float | None, typer.Option(help=option_help("fetch_timeout"))] = None,
    max_bytes: Annotated[int | None, typer.Option(help=option_help("max_bytes"))] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="One line per skipped non-text file too.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Read news from any source into the store; exits 1 when any item failed."""
    if kind and kind not in SOURCE_KINDS:
        fail(f"--kind must be one of {', '.join(SOURCE_KINDS)}, not {kind!r}")
    settings = load_settings(
        db=db,
        annotate=annotate,
        processes=n_process,
        allow_unresolved=allow_unresolved,
        coder=coder,
        min_confidence=0.0 if all_events else min_confidence,
        allow_private=allow_private,
        allow_local_links=allow_local_links,
        fetch_timeout=timeout,
        max_bytes=max_bytes,
    )
    if settings.annotate:
        check_annotation(settings)
    options = _ingest_options(settings, kind)
    if _ingest_through_server(db, sources, settings, as_json):
        return
    with _open_store(db) as store, _progress(quiet or as_json) as progress:
        reporter = _ProgressReporter(progress, quiet, verbose)
        summary = ingest(sources, store, options, reporter)
    _not_text_line(reporter.not_text)
    _print_summary(summary, as_json)
    if summary.failed:
        raise typer.Exit(1)


def watch_cli(
    feeds: Annotated[list[str], typer.Argument(help="Feed URLs (or files) to poll.")],
    db: DbOption = default_db(),
    every: Annotated[str, typer.Option(help="Polling interval, e.g. 30s, 15m, 1h.")] = "15m",
    iterations: Annotated[int, typer.Option(help="Stop after this many rounds (0 = forever).")] = 0,
    annotate: Annotated[bool | None, typer.Option(help=option_help("annotate"))] = None,
    allow_private: Annotated[bool | None, typer.Option(help=option_help("allow_private"))] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No line per polling round.")] = False,
) -> None:
    """Poll feeds with conditional GET and store only new items, until stopped."""
    interval = duration_option(every, "--every")
    settings = load_settings(db=db, annotate=annotate, allow_private=allow_private)
    if settings.annotate:
        check_annotation(settings)
    options = _ingest_options(replace(settings, processes=1))  # a round brings a few items: no worker pool
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
    n_process: Annotated[int | None, typer.Option("--n-process", min=1, help=option_help("processes"))] = None,
    allow_unresolved: Annotated[bool | None, typer.Option(help=option_help("allow_unresolved"))] = None,
    coder: CoderOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """(Re)annotate stored articles; without --all only those made by another pipeline version or none."""
    first = when_option(since, "--since")
    settings = load_settings(db=db, processes=n_process, allow_unresolved=allow_unresolved, coder=coder)
    check_annotation(settings)
    options = _ingest_options(settings)
    failures: list[Failure] = []

    def failed(failure: Failure) -> None:
        failures.append(failure)
        progress.console.print(f"[red]error[/red]: {failure.item}: {failure.reason}", highlight=False, soft_wrap=True)

    with _open_store(db) as store, _progress(quiet) as progress:
        task = progress.add_task("annotating", total=None)
        done = reannotate(
            store,
            options,
            everything=all_,
            since=first,
            on_batch=lambda n: progress.update(task, advance=n),
            on_failure=failed,
        )
    console.print(f"[bold]annotated[/bold] {done}  [bold]failed[/bold] {len(failures)}")
    if failures:
        raise typer.Exit(1)
