"""Analysis over the store, as pandas DataFrames: dyad timelines, escalation alerts, the actor
network and story clusters."""

from eventwire.analysis.clusters import story_clusters
from eventwire.analysis.escalation import AlertRule, alerts, escalation_index, find_alerts
from eventwire.analysis.network import ActorNetwork, actor_network
from eventwire.analysis.timeline import dyad_timeline, parse_dyad

__all__ = [
    "ActorNetwork",
    "AlertRule",
    "actor_network",
    "alerts",
    "dyad_timeline",
    "escalation_index",
    "find_alerts",
    "parse_dyad",
    "story_clusters",
]
