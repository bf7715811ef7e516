"""Exploring commands: `events`, `timeline`, `alerts`, `export`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from eventwire.cli.common import (
    WHEN_FORMS,
    DbOption,
    JsonOption,
    choice,
    console,
    day_option,
    default_db,
    err_console,
    fail,
    filters_text,
    open_read_store,
    print_json,
    print_table,
)
from eventwire.settings import load_settings, option_help

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
# Narrow terminals show ids by their first characters (`eventwire show` takes a unique prefix).
SHORT_ID = 10


FREQS = ("day", "week", "month")
# How many of the store's actor codes an "unknown actor" line lists.
SHOWN_CODES = 12


def _dyad(text: str | None, name: str = "--dyad") -> tuple[str, str] | None:
    from eventwire.analysis.timeline import parse_dyad

    if text is None:
        return None
    try:
        if text.count(":") != 1:
            raise ValueError(f"dyad {text!r} must look like SRC:TGT, e.g. RUS:UKR")
        return parse_dyad(text)
    except ValueError as exc:
        fail(f"{name}: {exc}")


def _freq(freq: str) -> str:
    return choice(freq, FREQS, "--freq")


def check_actors(store, values: dict[str, str | None]) -> None:
    """Each actor given (code prefix or name) must name someone in the store: else one line with the choices."""
    from eventwire.store import queries

    for name, value in values.items():
        if not value:
            continue
        clause, params = queries.either_actor_clause(value)
        if queries.scalar(store, f"SELECT count(*) FROM events WHERE {clause}", params):
            continue
        codes = queries.rows(
            store,
            "SELECT code, count(*) AS n FROM (SELECT source_code AS code FROM events UNION ALL "
            "SELECT target_code FROM events) WHERE code IS NOT NULL GROUP BY code ORDER BY n DESC, code LIMIT ?",
            [SHOWN_CODES],
        )
        known = ", ".join(r["code"] for r in codes) or "none (the store has no events)"
        fail(f"{name}: no actor {value!r} in the store's events; most frequent codes: {known} (see `eventwire actors`)")


def check_event_filters(type_: str | None, root: str | None) -> tuple[str | None, str | None]:
    """A PLOVER type and CAMEO root code checked against the ontology (case-insensitive)."""
    from eventwire.coding.ontology import PLOVER_TYPES, QUAD_CLASS_BY_ROOT

    root_code = None
    if root is not None:
        root_code = root.strip().zfill(2)
        if root_code not in QUAD_CLASS_BY_ROOT:
            fail(f"--root: unknown CAMEO root code {root!r}; choose one of 01-20")
    return choice(type_, PLOVER_TYPES, "--type"), root_code


def events_cli(
    db: DbOption = default_db(),
    actor: Annotated[str | None, typer.Option(help="CAMEO code prefix or name, either side.")] = None,
    dyad: Annotated[str | None, typer.Option(help="SRC:TGT, e.g. RUS:UKR (directed).")] = None,
    type_: Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. ASSAULT.")] = None,
    root: Annotated[str | None, typer.Option(help="CAMEO root code, 01-20.")] = None,
    since: Annotated[str | None, typer.Option(help=f"First event date ({WHEN_FORMS}).")] = None,
    until: Annotated[str | None, typer.Option(help=f"Last event date ({WHEN_FORMS}).")] = None,
    min_goldstein: Annotated[
        float | None, typer.Option(min=-10, max=10, help="Lowest Goldstein score, -10 to 10.")
    ] = None,
    max_goldstein: Annotated[
        float | None, typer.Option(min=-10, max=10, help="Highest Goldstein score, -10 to 10.")
    ] = None,
    search: Annotated[str | None, typer.Option(help="Text in the sentence or actor names.")] = None,
    sort: Annotated[str, typer.Option(help="date, goldstein, mentions, articles…; prefix - for descending.")] = "-date",
    limit: Annotated[int, typer.Option(min=1, max=100_000, help="Most rows to print.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """List coded events, newest first, with filters; each row's id opens its proof in `eventwire show`."""
    from eventwire.store import queries

    plover_type, root_code = check_event_filters(type_, root)
    pair = _dyad(dyad)
    filters = queries.EventFilter(
        actor=actor,
        dyad=pair,
        plover_type=plover_type,
        root_code=root_code,
        since=day_option(since, "--since"),
        until=day_option(until, "--until"),
        min_goldstein=min_goldstein,
        max_goldstein=max_goldstein,
        text=search,
    )
    with open_read_store(db) as store:
        check_actors(store, {"--actor": actor, "--dyad source": pair and pair[0], "--dyad target": pair and pair[1]})
        try:
            rows = queries.list_events(store, filters, sort, limit)
        except ValueError as exc:
            fail(f"--sort: {exc}")
    if as_json:
        print_json(rows)
        return
    given = filters_text(
        actor=actor, dyad=dyad, type=type_, root=root, since=since, until=until, search=search,
        min_goldstein=min_goldstein, max_goldstein=max_goldstein,
    )  # fmt: skip
    print_events(rows, f"no events match {given}" if given else "no events in the store")


def _actor(name: str | None, code: str | None, person: str | None = None) -> Text:
    """Name and code of a resolved actor (the person's name over the code when the side names one);
    an unresolved phrase is dimmed and marked with a ?."""
    label = " ".join((person or name or "").split())
    if len(label) > NAME_CHARS:
        label = label[: NAME_CHARS - 1] + "…"
    if code:
        return Text(label or code) + Text(f"\n{code}", style="dim cyan") if label and label != code else Text(code)
    return Text(f"{label} ?", style="dim italic") if label else Text("—", style="dim")


def print_events(rows: list[dict], empty: str = "no events") -> None:
    """One line per event: id, date, who did what to whom, Goldstein, modality flags and the evidence."""
    if not rows:
        console.print(f"[dim]{escape(empty)}[/dim]")
        return
    wide = console.width >= EVIDENCE_MIN_WIDTH
    table = Table(title=f"{len(rows)} events", title_justify="left", pad_edge=False, expand=True)
    table.add_column("id", no_wrap=True, style="cyan")
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
            e["event_id"] if wide else e["event_id"][:SHORT_ID],
            str(e["event_date"]) if e.get("event_date") else Text("undated", style="dim italic"),
            _actor(e.get("source_name"), e.get("source_code"), e.get("source_person")),
            action,
            _actor(e.get("target_name"), e.get("target_code"), e.get("target_person")),
            Text("" if gold is None else f"{gold:+.1f}", style="red3" if (gold or 0) < 0 else "green3"),
            *([" ".join((e.get("sentence") or "").split())] if evidence else []),
        )
    console.print(table)
    console.print(
        "[dim]? = not resolved to an actor code; `eventwire show ID` opens an event's proof; --json: every field[/dim]"
    )


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
    freq = _freq(freq)
    with open_read_store(db) as store:
        check_actors(store, {"actor A": source, "actor B": target})
        df = analysis.dyad_timeline(store, source, target, freq, first, last)
        found = analysis.alerts(store, freq, dyad=(source, target)) if target else None
        undated = aggregates.undated_count(store, source, target)
    if as_json:
        print_json(df.assign(period=df["period"].dt.date).to_dict("records"))
        return
    left_out = f" ({undated} undated event{'s' if undated != 1 else ''} left out)" if undated else ""
    if df.empty:
        window = filters_text(since=since, until=until)
        console.print(f"[dim]no dated events for {source} {target or ''} {window}{left_out}[/dim]")
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
    min_events: Annotated[int | None, typer.Option(min=1, help=option_help("alert_min_events"))] = None,
    baseline_days: Annotated[int | None, typer.Option(min=0, help=option_help("alert_baseline_days"))] = None,
    level: Annotated[str, typer.Option(help="country (RUSMIL counts as RUS) or actor (whole codes).")] = "country",
    as_json: JsonOption = False,
) -> None:
    """Escalation alerts: dyads whose net hostility crossed the threshold or jumped against their own past."""
    from eventwire import analysis

    level = choice(level, ("country", "actor"), "--level")
    settings = load_settings(alert_min_events=min_events, alert_baseline_days=baseline_days)
    rule = analysis.escalation.AlertRule(
        threshold,
        z,
        window,
        min(analysis.escalation.MIN_HISTORY, window),
        settings.alert_min_events,
        settings.alert_baseline_days,
    )
    first, freq, pair = day_option(since, "--since"), _freq(freq), _dyad(dyad)
    with open_read_store(db) as store:
        check_actors(store, {"--actor": actor, "--dyad source": pair and pair[0], "--dyad target": pair and pair[1]})
        found = analysis.alerts(store, freq, first, None, actor, pair, rule, level)
    rows = found.assign(period=found["period"].dt.date).round(2).to_dict("records") if not found.empty else []
    if as_json:
        print_json(rows)
        return
    rule_text = f"at least {rule.min_events} events in a period and {rule.baseline_days} days of history"
    print_table(
        rows,
        "alerts",
        ["period", "dyad", "events", "index", "baseline_mean", "z", "reason"],
        empty=f"no alerts ({filters_text(actor=actor, dyad=dyad, since=since)} needs {rule_text})".replace("( ", "("),
    )


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

    what = choice(what, export.WHATS, "--what")
    format_ = choice(format_, export.FORMATS, "--format")
    pair = _dyad(dyad)
    filters = queries.EventFilter(
        actor=actor, dyad=pair, since=day_option(since, "--since"), until=day_option(until, "--until")
    )
    if format_ == "parquet" and out is None:
        fail("--format parquet needs --out FILE")
    with open_read_store(db) as store:
        check_actors(store, {"--actor": actor, "--dyad source": pair and pair[0], "--dyad target": pair and pair[1]})
        try:
            if out is None:
                count = export.export_to_stream(store, what, format_, event_filter=filters)
            else:
                count = export.export_to_file(store, what, format_, out, filters)
        except ValueError as exc:
            fail(str(exc))
    given = filters_text(actor=actor, dyad=dyad, since=since, until=until)
    note = f" (nothing matches {given})" if count == 0 and given else ""
    err_console.print(f"exported {count} {what}" + (f" to {out}" if out else "") + note, soft_wrap=True)
