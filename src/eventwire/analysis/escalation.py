"""Escalation index per dyad and the alerts it raises.

The index of a dyad in a period is its net hostility: minus the sum of the Goldstein scores of
all events between the two actors, in either direction. Quiet periods count as 0, so a burst of
fighting after weeks of talks stands out twice: by its level (a fixed threshold) and by its
surprise (a z-score against the dyad's own trailing window).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from eventwire.analysis.timeline import PERIOD_STEPS
from eventwire.store import aggregates
from eventwire.store.database import Store

# Net hostility worth a look on its own: two material-conflict events at the bottom of the
# Goldstein scale (-10 each) in one period, or a handful of threats and protests.
INDEX_THRESHOLD = 20.0
# A period two standard deviations above the dyad's recent mean is unusual for that dyad.
Z_THRESHOLD = 2.0
# Trailing periods the z-score compares with (two weeks of days, a quarter of weeks).
WINDOW = 14
# Fewer periods of history than this give no z-score: a dyad's first days are all "surprising".
MIN_HISTORY = 5
# A floor on the trailing standard deviation, in Goldstein points: a dyad that was silent for
# weeks (std 0) would otherwise turn any single statement into an infinite z-score.
MIN_STD = 2.0

INDEX_COLUMNS = [
    "dyad",
    "actor_a",
    "actor_b",
    "period",
    "events",
    "q3",
    "q4",
    "goldstein_sum",
    "index",
    "baseline_mean",
    "baseline_std",
    "z",
]


@dataclass(slots=True)
class AlertRule:
    threshold: float | None = INDEX_THRESHOLD
    z_threshold: float | None = Z_THRESHOLD
    window: int = WINDOW
    min_history: int = MIN_HISTORY
    # No alert from a handful of events or a dyad first seen days ago: there is no baseline yet
    # (settings alert_min_events and alert_baseline_days).
    min_events: int = 1
    baseline_days: int = 0


def settings_rule(**overrides) -> AlertRule:
    """The alert rule with the minimum events and baseline days of the effective settings."""
    from eventwire.settings import get_setting

    values = {"min_events": get_setting("alert_min_events"), "baseline_days": get_setting("alert_baseline_days")}
    return AlertRule(**{**values, **{k: v for k, v in overrides.items() if v is not None}})


def _series(df: pd.DataFrame, freq: str) -> pd.DataFrame:
    """One zero-filled calendar per dyad, from its first period to the last period seen anywhere."""
    df = df.assign(period=pd.to_datetime(df["period"]), dyad=df["actor_a"] + ":" + df["actor_b"])
    end = df["period"].max()
    counts = ["events", "q1", "q2", "q3", "q4"]
    parts = []
    for dyad, part in df.groupby("dyad", sort=True):
        calendar = pd.date_range(part["period"].min(), end, freq=PERIOD_STEPS[freq])
        part = part.set_index("period").reindex(calendar)
        part[counts] = part[counts].fillna(0).astype(int)
        part["goldstein_sum"] = part["goldstein_sum"].fillna(0.0)
        part["dyad"] = dyad
        part[["actor_a", "actor_b"]] = dyad.split(":", 1)
        parts.append(part.rename_axis("period").reset_index())
    return pd.concat(parts, ignore_index=True)


def escalation_index(
    store: Store,
    freq: str = "day",
    since: date | None = None,
    until: date | None = None,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    window: int = WINDOW,
    min_history: int = MIN_HISTORY,
    level: str = "country",
) -> pd.DataFrame:
    """The index per dyad and period, with the trailing-window mean, std and z-score of each period.

    ``level="country"`` counts RUSMIL→UKRCVL as RUS:UKR; ``"actor"`` keeps whole CAMEO codes.
    """
    df = aggregates.dyad_periods(store, freq, since, until, actor, level)
    if dyad:
        a, b = (s.strip().upper() for s in dyad)
        keep = (df["actor_a"].str.startswith(a) & df["actor_b"].str.startswith(b)) | (
            df["actor_a"].str.startswith(b) & df["actor_b"].str.startswith(a)
        )
        df = df[keep]
    if df.empty:
        return pd.DataFrame(columns=INDEX_COLUMNS)
    df = _series(df, freq)
    df["index"] = -df["goldstein_sum"].astype(float)
    grouped = df.groupby("dyad", sort=False)["index"]
    trailing = grouped.transform(lambda s: s.shift(1).rolling(window, min_periods=min_history).mean())
    spread = grouped.transform(lambda s: s.shift(1).rolling(window, min_periods=min_history).std(ddof=0))
    df["baseline_mean"] = trailing
    df["baseline_std"] = spread
    df["z"] = (df["index"] - trailing) / np.maximum(spread.fillna(0), MIN_STD)
    df.loc[trailing.isna(), "z"] = np.nan
    return df.reindex(columns=INDEX_COLUMNS).sort_values(["dyad", "period"]).reset_index(drop=True)


def find_alerts(index: pd.DataFrame, rule: AlertRule | None = None) -> pd.DataFrame:
    """Periods where the index crosses the threshold upwards or its z-score reaches the z threshold."""
    rule = rule or AlertRule()
    if index.empty:
        return index.assign(reason=pd.Series(dtype=str))
    previous = index.groupby("dyad", sort=False)["index"].shift(1).fillna(0)
    first_seen = index.groupby("dyad", sort=False)["period"].transform("min")
    history_days = (pd.to_datetime(index["period"]) - pd.to_datetime(first_seen)).dt.days
    active = (index["events"] >= max(rule.min_events, 1)) & (index["index"] > 0) & (history_days >= rule.baseline_days)
    crossed = active & False
    if rule.threshold is not None:
        crossed = active & (index["index"] >= rule.threshold) & (previous < rule.threshold)
    surprising = active & False
    if rule.z_threshold is not None:
        surprising = active & (index["z"] >= rule.z_threshold)
    out = index[crossed | surprising].copy()
    both = crossed & surprising
    out["reason"] = np.where(both[out.index], "threshold+zscore", np.where(crossed[out.index], "threshold", "zscore"))
    return out.sort_values(["period", "index"], ascending=[True, False]).reset_index(drop=True)


def alerts(
    store: Store,
    freq: str = "day",
    since: date | None = None,
    until: date | None = None,
    actor: str | None = None,
    dyad: tuple[str, str] | None = None,
    rule: AlertRule | None = None,
    level: str = "country",
) -> pd.DataFrame:
    """Escalation alerts of every dyad (or one actor's, or one dyad's), oldest first."""
    rule = rule or settings_rule()
    index = escalation_index(store, freq, None, until, actor, dyad, rule.window, rule.min_history, level)
    found = find_alerts(index, rule)
    if since is not None and not found.empty:
        found = found[found["period"] >= pd.Timestamp(since)].reset_index(drop=True)
    return found
