"""`eventwire analyze`: the whole pipeline on one article, no store, a readable report."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from eventwire.cli.common import (
    CoderOption,
    JsonOption,
    check_annotation,
    console,
    err_console,
    print_json,
    published_option,
)
from eventwire.dates import coerce_date
from eventwire.model import SOURCE_KINDS, Document, Event, Failure
from eventwire.settings import load_settings, option_help


def _flags(ev: Event) -> str:
    names = ("negated", "hypothetical", "future", "reported")
    return ", ".join(n for n in names if getattr(ev, n))


def _side(name: str, code: str | None) -> str:
    return f"[bold]{escape(name)}[/bold] [cyan]\\[{code or 'generic'}][/cyan]"


def print_events(doc: Document) -> None:
    """One block per event: the coded triple and its labels on one line, the evidence sentence below."""
    console.rule(f"events ({len(doc.events)})")
    for n, ev in enumerate(doc.events, 1):
        target = _side(ev.target.name, ev.target.code) if ev.target else "—"
        plover = ev.plover_type + (f"/{ev.plover_mode}" if ev.plover_mode else "")
        goldstein = f" {ev.goldstein:+.1f}" if ev.goldstein is not None else ""
        flags = _flags(ev) + (f" by {ev.speaker}" if ev.speaker else "")
        when = ev.event_date.isoformat() if ev.event_date else "undated"
        console.print(
            f"{n:>2}. {_side(ev.source.name, ev.source.code)} —[magenta]{escape(ev.action.text)}[/magenta]→ {target}"
            f"  [yellow]{plover}[/yellow] CAMEO {ev.cameo_code}{goldstein}  {when}"
            + (f"  [red]{flags}[/red]" if flags else ""),
            highlight=False,
        )
        console.print(f"    [dim]“{escape(ev.sentence.text)}”[/dim]", highlight=False)


def print_report(doc: Document) -> None:
    """Title, date and site; actors; events; quotes by speaker; resolved dates."""
    article = doc.article
    meta = " · ".join(str(x) for x in (coerce_date(article.published), article.site, article.url) if x)
    console.print(Panel(meta or "(no metadata)", title=article.title or "(untitled)"))
    actors: dict[str, list[str]] = {}
    for m in doc.actors:
        key = (
            f"{m.actor.name} [{m.actor.cameo_code or m.actor.actor_id}] {m.actor.country or ''} {m.actor.sector or ''}"
        )
        actors.setdefault(key, []).append(m.text)
    table = Table(title="actors")
    table.add_column("actor")
    table.add_column("mentions", overflow="fold")
    for key, mentions in actors.items():
        table.add_row(key, ", ".join(sorted(set(mentions))))
    console.print(table)
    print_events(doc)
    quotes = Table(title="quotes by speaker", show_lines=True)
    for col in ("speaker", "kind", "cue", "content"):
        quotes.add_column(col, overflow="fold")
    for q in sorted(doc.quotes, key=lambda q: (q.resolved_speaker.text if q.resolved_speaker else "", q.start)):
        speaker = q.speaker.text if q.speaker else "?"
        if q.speaker_ref:
            speaker += f" → {q.speaker_ref.text}"
        if q.speaker_actor:
            speaker += f" [{q.speaker_actor.cameo_code or q.speaker_actor.actor_id}]"
        quotes.add_row(speaker, q.kind, q.cue.text if q.cue else "", q.content.text)
    console.print(quotes)
    times = Table(title="dates")
    for col in ("expression", "type", "value"):
        times.add_column(col)
    for t in doc.timexes:
        times.add_row(t.text, t.type, t.value or "")
    console.print(times)


def analyze_cli(
    source: Annotated[str, typer.Argument(help="A file, a URL, or - for stdin.")],
    kind: Annotated[str | None, typer.Option(help=f"Force the input kind: {', '.join(SOURCE_KINDS)}.")] = None,
    allow_private: Annotated[bool | None, typer.Option(help=option_help("allow_private"))] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date (ISO date or date-time) when the source does not carry one.")
    ] = None,
    coder: CoderOption = None,
    min_confidence: Annotated[float | None, typer.Option(help=option_help("min_confidence"))] = None,
    all_events: Annotated[bool, typer.Option("--all", help="Every event, whatever its confidence.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Run the whole pipeline on one article without touching a store, and show what it found."""
    from eventwire.extract import ExtractionError, extract_raw
    from eventwire.pipeline import PipelineConfig, get_pipeline
    from eventwire.sources import read_sources
    from eventwire.sources.fetch import FetchSettings

    stated = published_option(published, "--published")
    settings = load_settings(
        allow_private=allow_private, coder=coder, min_confidence=0.0 if all_events else min_confidence
    )
    check_annotation(settings)
    fetch = FetchSettings(
        timeout=settings.fetch_timeout, max_bytes=settings.max_bytes, allow_private=settings.allow_private
    )
    first = next(iter(read_sources([source], kind=kind, fetch=fetch)), None)
    if first is None or isinstance(first, Failure):
        reason = first.reason if first else "nothing to read"
        err_console.print(f"[red]error[/red]: {source}: {reason}", highlight=False)
        raise typer.Exit(1)
    try:
        article = extract_raw(first)
    except ExtractionError as exc:
        err_console.print(f"[red]error[/red]: {first.item}: {exc}", highlight=False)
        raise typer.Exit(1) from exc
    if stated is not None and article.published is None:
        article.published = stated
    doc = get_pipeline(PipelineConfig(coder=settings.coder, min_confidence=settings.min_confidence))(article)
    if as_json:
        print_json({"article": article.to_dict(), "document": doc})
    else:
        print_report(doc)
