"""Timelines, escalation alerts, the actor network and story clusters on the hand-made news store."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from eventwire import analysis
from eventwire.analysis.escalation import AlertRule, find_alerts
from eventwire.store.database import Store
from test_analysis_store import SPIKE_DAY, START, news  # noqa: F401 - `news` is a fixture


@pytest.fixture()
def store(news):  # noqa: F811
    with Store(news.path, read_only=True) as s:
        yield s


def test_dyad_timeline_counts_both_directions_by_quad_class(store):
    weekly = analysis.dyad_timeline(store, "RUS", "UKR", freq="week")
    assert set(weekly["direction"]) == {"RUS→UKR", "UKR→RUS"}
    assert (weekly["period"].dt.dayofweek == 0).all()  # weeks start on Monday
    spike_week = weekly[(weekly["direction"] == "RUS→UKR") & (weekly["q4"] > 0)]
    assert len(spike_week) == 1
    row = spike_week.iloc[0]
    # three material-conflict events of the assault (the denied one does not count) plus one accusation
    assert (row["q4"], row["q3"], row["events"]) == (3, 1, 4)
    assert row["goldstein_sum"] == pytest.approx(-10 - 9 - 7 - 2)
    assert row["goldstein_mean"] == pytest.approx(row["goldstein_sum"] / row["events"])
    total = weekly[["q1", "q2", "q3", "q4"]].sum(axis=1)
    assert (total == weekly["events"]).all()


def test_dyad_timeline_fill_adds_quiet_days_and_single_actor_mode(store):
    daily = analysis.dyad_timeline(store, "RUS", "UKR", freq="day", fill=True)
    per_direction = daily.groupby("direction")["period"].agg(["min", "max", "count"])
    for _, row in per_direction.iterrows():
        assert row["count"] == (row["max"] - row["min"]).days + 1
    assert (daily.loc[daily["events"] == 0, "goldstein_sum"] == 0).all()
    usa = analysis.dyad_timeline(store, "USA", freq="month")
    assert set(usa["direction"]) == {"USA→*"}
    assert usa["q2"].sum() == usa["events"].sum() > 0


def test_escalation_alert_fires_on_the_assault_day_only(store):
    found = analysis.alerts(store)
    assert list(found["dyad"]) == ["RUS:UKR"]
    alert = found.iloc[0]
    assert alert["period"] == pd.Timestamp(START + timedelta(days=SPIKE_DAY))
    assert alert["index"] == pytest.approx(26.0)
    assert alert["reason"] == "threshold+zscore"
    assert alert["z"] > 5
    quiet = analysis.alerts(store, until=START + timedelta(days=SPIKE_DAY - 1))
    assert quiet.empty


def test_escalation_threshold_and_zscore_rules_are_separate(store):
    index = analysis.escalation_index(store, dyad=("UKR", "RUS"))
    assert set(index["dyad"]) == {"RUS:UKR"}
    routine = index[index["period"] < pd.Timestamp(START + timedelta(days=SPIKE_DAY))]
    assert routine["index"].max() <= 4
    only_z = find_alerts(index, AlertRule(threshold=None, z_threshold=2.0))
    assert set(only_z["reason"]) == {"zscore"}
    only_level = find_alerts(index, AlertRule(threshold=3.0, z_threshold=None))
    assert set(only_level["reason"]) == {"threshold"}
    # a crossing is counted once: consecutive periods above the threshold give one alert
    crossings = only_level["period"].tolist()
    above = index.loc[index["index"] >= 3.0, "period"].tolist()
    assert len(crossings) <= len(above)
    prev = index.set_index("period")["index"].shift(1).fillna(0)
    assert all(prev[p] < 3.0 for p in crossings)


def test_actor_network_edges_are_weighted_and_signed(store):
    net = analysis.actor_network(store)
    edges = net.edges.set_index(["source", "target"])
    aid = edges.loc[("USAGOV", "UKRGOV")]
    assert aid["weight"] == 9 and aid["sign"] == 1 and aid["goldstein_mean"] == pytest.approx(7.4)
    hostile = edges.loc[("RUSGOV", "UKRGOV")]
    assert hostile["sign"] == -1 and hostile["weight"] == 17
    assert ("RUSMIL", "UKRCVL") in edges.index and edges.loc[("RUSMIL", "UKRCVL")]["weight"] == 1  # denial dropped
    nodes = net.nodes.set_index("code")
    assert nodes.loc["UKRGOV", "in_weight"] == edges.xs("UKRGOV", level="target")["weight"].sum()
    ego = analysis.actor_network(store, actor="USA")
    assert set(ego.edges["source"]) == {"USAGOV"}
    strong = analysis.actor_network(store, min_weight=10)
    assert (strong.edges["weight"] >= 10).all() and len(strong.edges) == 2


def test_story_clusters_group_reports_of_the_same_events_with_copies(store, news):  # noqa: F811
    clusters = analysis.story_clusters(store, min_size=2)
    assert len(clusters) == 1
    story = clusters.iloc[0]
    lead = news.article_titled("Russian forces launch heavy assault on Kharkiv")
    other = news.article_titled("Kharkiv under fire as Russia escalates")
    assert set(story["article_ids"]) == {lead.article.id, other.article.id}
    assert story["representative_id"] == lead.article.id  # it also has the syndicated copy
    assert story["headline"] == "Russian forces launch heavy assault on Kharkiv"
    assert story["copies"] == 1 and story["shared_events"] == 2
    everything = analysis.story_clusters(store)
    assert everything["size"].sum() == len(news.articles)
    strict = analysis.story_clusters(store, min_size=2, min_jaccard=0.9)
    assert strict.empty  # two of three events shared is below 0.9
