"""Dyad timelines: what two actors did to each other, period by period, in both directions."""

from __future__ import annotations

from datetime import date

import pandas as pd

from eventwire.store import aggregates
from eventwire.store.database import Store

PERIOD_STEPS = {"day": "D", "week": "W-MON", "month": "MS"}
TIMELINE_COLUMNS = ["direction", "period", "events", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean"]


def parse_dyad(text: str) -> tuple[str, str]:
    """``SRC:TGT`` → (SRC, TGT); a missing side is an error, not a wildcard."""
    src, sep, tgt = text.partition(":")
    if not sep or not src.strip() or not tgt.strip():
        raise ValueError(f"dyad {text!r} must look like SRC:TGT, e.g. RUS:UKR")
    return src.strip(), tgt.strip()


def dyad_timeline(
    store: Store,
    source: str,
    target: str | None = None,
    freq: str = "day",
    since: date | None = None,
    until: date | None = None,
    fill: bool = False,
) -> pd.DataFrame:
    """Per ``freq`` period and direction: events, counts by quad class, Goldstein sum and mean.

    With ``target`` the two directions are ``SRC→TGT`` and ``TGT→SRC``; without it, everything the
    actor did (``SRC→*``) and everything done to it (``*→SRC``). ``fill`` adds zero rows for quiet
    periods so series line up on a calendar.
    """
    df = aggregates.timeline_frame(store, source, target, freq, since, until)
    df = df.reindex(columns=TIMELINE_COLUMNS)
    df["period"] = pd.to_datetime(df["period"])
    if fill and not df.empty:
        df = fill_periods(df, freq)
    return df.reset_index(drop=True)


def fill_periods(df: pd.DataFrame, freq: str) -> pd.DataFrame:
    """Zero rows for every period without events between the first and last period, per direction."""
    calendar = pd.date_range(df["period"].min(), df["period"].max(), freq=PERIOD_STEPS[freq])
    parts = []
    for direction, part in df.groupby("direction", sort=True):
        part = part.set_index("period").reindex(calendar)
        part["direction"] = direction
        counts = ["events", "q1", "q2", "q3", "q4", "goldstein_sum"]
        part[counts] = part[counts].fillna(0)
        part[["events", "q1", "q2", "q3", "q4"]] = part[["events", "q1", "q2", "q3", "q4"]].astype(int)
        parts.append(part.rename_axis("period").reset_index())
    return pd.concat(parts, ignore_index=True).reindex(columns=TIMELINE_COLUMNS).sort_values(["period", "direction"])
