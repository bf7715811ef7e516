"""Exploring commands: `events`, `timeline`, `alerts`, `export`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from eventwire.cli.common import (
    WHEN_FORMS,
    DbOption,
    JsonOption,
    console,
    day_option,
    default_db,
    err_console,
    open_read_store,
    print_json,
    print_table,
)

FreqOption = Annotated[str, typer.Option(help="Period: day, week or month.")]
# Width of the longest bar in the terminal chart, in characters.
BAR_WIDTH = 40
MIN_BAR_WIDTH = 8
ALERT_MARK = " ▲ alert"
# What the timeline table's other columns and borders take, so the bars fit the terminal.
TIMELINE_TEXT_WIDTH = 66
QUAD_STYLES = {1: "green3", 2: "green4", 3: "orange3", 4: "red3"}
# Actor names longer than this are cut in tables (the JSON output keeps them whole).
NAME_CHARS = 40
# Below this terminal width the evidence column is left out rather than squeezing the actors.
EVIDENCE_MIN_WIDTH = 110
NAME_MIN_WIDTH = 12


def _dyad(text: str | None) -> tuple[str, str] | None:
    from eventwire.analysis.timeline import parse_dyad

    try:
        return parse_dyad(text) if text else None
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def _freq(freq: str) -> str:
    if freq not in ("day", "week", "month"):
        raise typer.BadParameter("--freq must be day, week or month")
    return freq


def events_cli(
    db: DbOption = default_db(),
    actor: Annotated[str | None, typer.Option(help="CAMEO code prefix or name, either side.")] = None,
    dyad: Annotated[str | None, typer.Option(help="SRC:TGT, e.g. RUS:UKR (directed).")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root code, 01-20.")] = None,
    since: Annotated[str | None, typer.Option(help=f"First event date ({WHEN_FORMS}).")] = None,
    until: Annotated[str | None, typer.Option(help=f"Last event date ({WHEN_FORMS}).")] = None,
    min_goldstein: Annotated[float | None, typer.Option(min=-10, max=10)] = None,
    max_goldstein: Annotated[float | None, typer.Option(min=-10, max=10)] = None,
    search: Annotated[str | None, typer.Option(help="Text in the sentence or actor names.")] = None,
    sort: Annotated[str, typer.Option(help="date, goldstein, mentions, articles…; prefix - for descending.")] = "-date",
    limit: Annotated[int, typer.Option(min=1, max=100_000)] = 50,
    as_json: JsonOption = False,
) -> None:
    """List coded events, newest first, with filters."""
    from eventwire.store import queries

    filters = queries.EventFilter(
        actor=actor,
        dyad=_dyad(dyad),
        plover_type=type_,
        root_code=root,
        since=day_option(since, "--since"),
        until=day_option(until, "--until"),
        min_goldstein=min_goldstein,
        max_goldstein=max_goldstein,
        text=search,
    )
    with open_read_store(db) as store:
        try:
            rows = queries.list_events(store, filters, sort, limit)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
    if as_json:
        print_json(rows)
        return
    print_events(rows)


def _actor(name: str | None, code: str | None) -> Text:
    """Name and code of a resolved actor; an unresolved phrase is dimmed and marked with a ?."""
    label = " ".join((name or "").split())
    if len(label) > NAME_CHARS:
        label = label[: NAME_CHARS - 1] + "…"
    if code:
        return Text(label or code) + Text(f"\n{code}", style="dim cyan") if label and label != code else Text(code)
    return Text(f"{label} ?", style="dim italic") if label else Text("—", style="dim")


def print_events(rows: list[dict]) -> None:
    """One line per event: date, who did what to whom, Goldstein, modality flags and the evidence."""
    if not rows:
        console.print("[dim]no events[/dim]")
        return
    table = Table(title=f"{len(rows)} events", title_justify="left", pad_edge=False, expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source", ratio=2, min_width=NAME_MIN_WIDTH, overflow="fold")
    table.add_column("action", no_wrap=True)
    table.add_column("target", ratio=2, min_width=NAME_MIN_WIDTH, overflow="fold")
    table.add_column("Gold.", justify="right", no_wrap=True)
    evidence = console.width >= EVIDENCE_MIN_WIDTH
    if evidence:
        table.add_column("evidence", ratio=4, no_wrap=True, overflow="ellipsis")
    for e in rows:
        gold = e.get("goldstein")
        flags = [f for f in ("negated", "hypothetical", "future") if e.get(f)]
        action = Text(f"{e.get('plover_type') or '?'} ") + Text(str(e.get("cameo_code") or ""), style="dim")
        if flags:
            action += Text(" " + ",".join(flags), style="yellow")
        table.add_row(
            str(e["event_date"]) if e.get("event_date") else Text("undated", style="dim italic"),
            _actor(e.get("source_name"), e.get("source_code")),
            action,
            _actor(e.get("target_name"), e.get("target_code")),
            Text("" if gold is None else f"{gold:+.1f}", style="red3" if (gold or 0) < 0 else "green3"),
            *([" ".join((e.get("sentence") or "").split())] if evidence else []),
        )
    console.print(table)
    console.print("[dim]? = target not resolved to an actor code; --json prints every field[/dim]")


def _bar(value: float, scale: float, style: str, bar_width: int = 40) -> Text:
    width = round(abs(value) / scale * bar_width) if scale else 0
    return Text("█" * width, style=style)


def timeline_cli(
    source: Annotated[str, typer.Argument(help="Actor A: CAMEO code prefix or name, e.g. RUS.")],
    target: Annotated[str | None, typer.Argument(help="Actor B (optional): both directions are shown.")] = None,
    db: DbOption = default_db(),
    freq: FreqOption = "week",
    since: Annotated[str | None, typer.Option(help=f"First date ({WHEN_FORMS}).")] = None,
    until: Annotated[str | None, typer.Option(help=f"Last date ({WHEN_FORMS}).")] = None,
    as_json: JsonOption = False,
) -> None:
    """A dyad's events per period as a terminal chart: Goldstein sum bars and counts by quad class."""
    from eventwire import analysis
    from eventwire.store import aggregates

    first, last = day_option(since, "--since"), day_option(until, "--until")
    with open_read_store(db) as store:
        df = analysis.dyad_timeline(store, source, target, _freq(freq), first, last)
        found = analysis.alerts(store, freq, dyad=(source, target)) if target else None
        undated = aggregates.undated_count(store, source, target)
    if as_json:
        print_json(df.assign(period=df["period"].dt.date).to_dict("records"))
        return
    left_out = f" ({undated} undated event{'s' if undated != 1 else ''} left out)" if undated else ""
    if df.empty:
        console.print(f"[dim]no dated events for this dyad{left_out}[/dim]")
        return
    alert_periods = set() if found is None or found.empty else set(found["period"])
    scale = float(df["goldstein_sum"].abs().max()) or 1.0
    mark_width = len(ALERT_MARK) if alert_periods else 0
    bar_width = max(MIN_BAR_WIDTH, min(BAR_WIDTH, console.width - TIMELINE_TEXT_WIDTH - mark_width))
    table = Table(title=f"{source} ↔ {target}" if target else f"{source}", show_lines=False)
    for col in ("period", "direction", "events", "q1 q2 q3 q4", "Goldstein", ""):
        table.add_column(col, justify="right" if col in ("events", "Goldstein") else "left")
    for row in df.itertuples(index=False):
        gold = float(row.goldstein_sum or 0)
        style = "red3" if gold < 0 else "green3"
        mark = Text(ALERT_MARK, style="bold red") if row.period in alert_periods else Text("")
        quads = Text(" ").join(Text(f"{getattr(row, f'q{q}'):>2}", style=QUAD_STYLES[q]) for q in (1, 2, 3, 4))
        table.add_row(
            str(row.period.date()),
            row.direction,
            str(row.events),
            quads,
            f"{gold:+.1f}",
            _bar(gold, scale, style, bar_width) + mark,
        )
    console.print(table)
    if left_out:
        console.print(f"[dim]{left_out.strip(' ()')}: no date was found in their text[/dim]")


def alerts_cli(
    db: DbOption = default_db(),
    actor: Annotated[str | None, typer.Option(help="Only dyads involving this actor.")] = None,
    dyad: Annotated[str | None, typer.Option(help="Only this dyad, SRC:TGT (either order).")] = None,
    freq: FreqOption = "day",
    since: Annotated[str | None, typer.Option(help=f"Alerts from this date ({WHEN_FORMS}).")] = None,
    threshold: Annotated[float, typer.Option(help="Escalation index level that raises an alert.")] = 20.0,
    z: Annotated[float, typer.Option(help="z-score against the trailing window that raises an alert.")] = 2.0,
    window: Annotated[int, typer.Option(min=2, help="Trailing window, in periods.")] = 14,
    level: Annotated[str, typer.Option(help="country (RUSMIL counts as RUS) or actor (whole codes).")] = "country",
    as_json: JsonOption = False,
) -> None:
    """Escalation alerts: dyads whose net hostility crossed the threshold or jumped against their own past."""
    from eventwire import analysis

    if level not in ("country", "actor"):
        raise typer.BadParameter("--level must be country or actor")
    rule = analysis.AlertRule(threshold, z, window, min(analysis.escalation.MIN_HISTORY, window))
    first = day_option(since, "--since")
    with open_read_store(db) as store:
        found = analysis.alerts(store, _freq(freq), first, None, actor, _dyad(dyad), rule, level)
    rows = found.assign(period=found["period"].dt.date).round(2).to_dict("records") if not found.empty else []
    if as_json:
        print_json(rows)
    else:
        print_table(rows, "alerts", ["period", "dyad", "events", "index", "baseline_mean", "z", "reason"])


def export_cli(
    db: DbOption = default_db(),
    what: Annotated[str, typer.Option(help="events, mentions, quotes or articles.")] = "events",
    format_: Annotated[str, typer.Option("--format", help="csv, jsonl, parquet or gdelt (GDELT 2.0 events).")] = "csv",
    out: Annotated[Path | None, typer.Option(help="Output file (standard output when omitted).")] = None,
    actor: Annotated[str | None, typer.Option(help="Events involving this actor only.")] = None,
    dyad: Annotated[str | None, typer.Option(help="Events of this dyad only, SRC:TGT.")] = None,
    since: Annotated[str | None, typer.Option(help=f"Events from this date ({WHEN_FORMS}).")] = None,
    until: Annotated[str | None, typer.Option(help=f"Events up to this date ({WHEN_FORMS}).")] = None,
) -> None:
    """Export events, mentions, quotes or articles; `--format gdelt` writes GDELT 2.0's 61 columns."""
    from eventwire.store import export, queries

    filters = queries.EventFilter(
        actor=actor, dyad=_dyad(dyad), since=day_option(since, "--since"), until=day_option(until, "--until")
    )
    if format_ == "parquet" and out is None:
        raise typer.BadParameter("parquet needs --out FILE")
    with open_read_store(db) as store:
        try:
            if out is None:
                count = export.export_to_stream(store, what, format_, event_filter=filters)
            else:
                count = export.export_to_file(store, what, format_, out, filters)
        except ValueError as exc:
            raise typer.BadParameter(str(exc)) from exc
    err_console.print(f"exported {count} {what}" + (f" to {out}" if out else ""))
