"""`eventwire audit`: draw events for a hand audit, or score a filled-in audit sheet."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.common import (
    DbOption,
    JsonOption,
    console,
    default_db,
    err_console,
    open_read_store,
    print_json,
    print_table,
)


def audit_cli(
    db: DbOption = default_db(),
    sample: Annotated[int, typer.Option(min=1, help="Events to draw at random.")] = 100,
    seed: Annotated[int, typer.Option(help="Random seed: the same seed draws the same events.")] = 1,
    out: Annotated[Path | None, typer.Option(help="Write the audit sheet (CSV) here.")] = None,
    score: Annotated[Path | None, typer.Option(help="Score a filled-in audit sheet instead of drawing one.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Audit the store by hand: --out draws events with their evidence; --score reports precision per field."""
    from eventwire.analysis.audit import score_sheet, write_sheet

    if score is not None:
        try:
            figures = score_sheet(score)
        except (OSError, ValueError) as exc:
            err_console.print(f"[red]error[/red]: {score}: {exc}", highlight=False)
            raise typer.Exit(2) from exc
        if as_json:
            print_json(figures)
            return
        rows = [
            {"field": k, "judged": v["judged"], "right": v["right"], "precision": "—" if v["precision"] is None else f"{v['precision']:.3f}",
             "95% interval": f"{v['interval95'][0]:.3f}–{v['interval95'][1]:.3f}"}
            for k, v in figures.items() if isinstance(v, dict)
        ]  # fmt: skip
        print_table(rows, title=f"audit of {figures['events']} events")
        return
    if out is None:
        raise typer.BadParameter("give --out SHEET.csv to draw a sample, or --score SHEET.csv to score one")
    from eventwire.store.audit import sample_mentions

    with open_read_store(db) as store:
        rows = sample_mentions(store, sample, seed)
    try:
        written = write_sheet(rows, out)
    except ValueError as exc:
        err_console.print(f"[red]error[/red]: {db}: {exc}", highlight=False)
        raise typer.Exit(1) from exc
    console.print(
        f"wrote {written} events to {out}: fill in y/n in {', '.join(('type', 'source', 'target', 'flags'))}_right"
    )
