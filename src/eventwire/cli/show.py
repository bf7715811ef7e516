"""`eventwire show ID`: one event or article with its proof, readable at 80 columns.

An article shows its text with each event's source, action and target and each date highlighted,
then its events, quotes and dates; an event shows who did what to whom and every sentence that
reports it, highlighted the same way. Ids are those printed by `events`, `quotes` and `articles`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from eventwire.cli.common import DbOption, JsonOption, cell_text, console, default_db, fail, open_read_store, print_json

STYLES = {"source": "bold cyan", "action": "bold red", "target": "bold magenta", "date": "bold green"}
LEGEND = Text.assemble(*((f" {role} ", style + " reverse") for role, style in STYLES.items()))
# How many candidates an ambiguous prefix lists.
CANDIDATES = 8


def _resolve(store, prefix: str) -> tuple[str, str]:
    """("event" | "article", full id) for an id or unique prefix; else one error line (with candidates)."""
    from eventwire.store.queries import rows

    like = [prefix.strip(), f"{prefix.strip()}%"]
    found = rows(
        store,
        "SELECT 'event' AS kind, event_id AS id FROM events WHERE event_id = ? OR event_id LIKE ? "
        "UNION ALL SELECT 'article', id FROM articles WHERE id = ? OR id LIKE ? ORDER BY id",
        like + like,
    )
    exact = [r for r in found if r["id"] == prefix.strip()]
    found = exact or found
    if not found:
        fail(f"no event or article id starts with {prefix!r} (ids are printed by `events`, `quotes`, `articles`)")
    if len(found) > 1:
        shown = ", ".join(r["id"] for r in found[:CANDIDATES]) + (", …" if len(found) > CANDIDATES else "")
        fail(f"{prefix!r} matches {len(found)} ids, give more characters: {shown}")
    return found[0]["kind"], found[0]["id"]


def _highlighted(text: str, spans: list[tuple[int | None, int | None, str]], offset: int = 0) -> Text:
    out = Text(text)
    for start, end, role in spans:
        if start is not None and end is not None and end > start:
            out.stylize(STYLES[role], start - offset, end - offset)
    return out


def _mention_spans(m: dict[str, Any]) -> list[tuple[int | None, int | None, str]]:
    return [(m.get(f"{role}_start"), m.get(f"{role}_end"), role) for role in ("source", "action", "target")]


def _who(row: dict[str, Any], role: str) -> str:
    """A side as "Russia (government) (RUSGOV)", or with its person "Vladimir Putin (RUSGOV · Russia (government))"."""
    name, code, person = row.get(f"{role}_name"), row.get(f"{role}_code"), row.get(f"{role}_person")
    if code and person:
        return f"{person} ({code} · {name})"
    return f"{name or '?'} ({code})" if code else f"{name or '—'}"


def show_event(event: dict[str, Any]) -> None:
    flags = ", ".join(f for f in ("negated", "hypothetical", "future") if event.get(f))
    head = Text.assemble(
        (_who(event, "source"), STYLES["source"]),
        " → ",
        (f"{event.get('plover_type') or '?'} {event.get('cameo_code') or ''}", STYLES["action"]),
        " → ",
        (_who(event, "target"), STYLES["target"]),
    )
    meta = Text(
        f"\ndate {event.get('event_date') or 'undated'} · Goldstein {event.get('goldstein')} · "
        f"{event.get('num_articles')} article(s), {event.get('num_mentions')} mention(s)"
        + (f" · {flags}" if flags else "")
        + (f" · place {event['location_name']}" if event.get("location_name") else "")
    )
    console.print(Panel(head + meta, title=event["event_id"], title_align="left"))
    for m in event["mentions"]:
        console.print(
            Text.assemble(
                (m["article_id"], "cyan"),
                f"  {m.get('published') or ''}  ",
                (m.get("article_title") or "", "bold"),
                f"\n{m.get('article_url') or ''}",
            )
        )
        console.print(_highlighted(m["sentence"] or "", _mention_spans(m), m.get("sentence_start") or 0))
        console.print(Text(f"offsets: sentence {m['sentence_start']}-{m['sentence_end']}", style="dim"))
    console.print(LEGEND, Text("  `eventwire show ARTICLE_ID` for the whole text", style="dim"))


def show_article(row: dict[str, Any], notes: dict[str, list[dict[str, Any]]]) -> None:
    meta = " · ".join(cell_text(row[k]) for k in ("id", "published", "site", "url", "item") if row.get(k))
    console.print(Panel(Text(meta), title=row.get("title") or "(untitled)", title_align="left"))
    spans = [span for m in notes["event_mentions"] for span in _mention_spans(m)]
    spans += [(t["start"], t["end"], "date") for t in notes["timexes"]]
    console.print(_highlighted(row["text"], spans), highlight=False)
    console.print(LEGEND)
    events = Table(title="events", title_justify="left", pad_edge=False, expand=True)
    for col, kw in (("id", {"no_wrap": True}), ("source", {"ratio": 1}), ("action", {"no_wrap": True})):
        events.add_column(col, **kw)
    events.add_column("target", ratio=1)
    events.add_column("offsets", no_wrap=True)
    for m in notes["event_mentions"]:
        events.add_row(
            Text(m["event_id"], style="cyan"),
            _who(m, "source"),
            f"{m.get('plover_type') or '?'} {m.get('cameo_code') or ''}",
            _who(m, "target"),
            f"{m.get('action_start')}-{m.get('action_end')}",
        )
    console.print(events if notes["event_mentions"] else Text("no events coded in this article", style="dim"))
    quotes = Table(title="quotes", title_justify="left", pad_edge=False, expand=True)
    quotes.add_column("speaker", ratio=1)
    quotes.add_column("content", ratio=3)
    quotes.add_column("offsets", no_wrap=True)
    for q in notes["quotes"]:
        who = q.get("speaker_ref") or q.get("speaker") or "?"
        quotes.add_row(
            who + (f" ({q['speaker_code']})" if q.get("speaker_code") else ""),
            q.get("content") or "",
            f"{q['start']}-{q['end']}",
        )
    console.print(quotes if notes["quotes"] else Text("no quotes in this article", style="dim"))
    dates = Table(title="dates", title_justify="left", pad_edge=False)
    for col in ("text", "type", "value", "offsets"):
        dates.add_column(col)
    for t in notes["timexes"]:
        dates.add_row(t.get("text") or "", t.get("type") or "", t.get("value") or "", f"{t['start']}-{t['end']}")
    console.print(dates if notes["timexes"] else Text("no dates in this article", style="dim"))


def show_cli(
    item_id: Annotated[str, typer.Argument(help="Event or article id, or a unique prefix of one.")],
    db: DbOption = default_db(),
    as_json: JsonOption = False,
) -> None:
    """Show one event or article with its proof: highlighted text, then events, quotes and dates."""
    from eventwire.store.queries import event_detail

    with open_read_store(db) as store:
        kind, full = _resolve(store, item_id)
        if kind == "event":
            event = event_detail(store, full)
        else:
            row = store.article(full)
            notes = store.annotations(full)
    if kind == "event":
        print_json(event) if as_json else show_event(event)
    elif as_json:
        print_json({**row, "annotations": notes})
    else:
        show_article(row, notes)
