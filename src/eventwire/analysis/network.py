"""The actor network: who acts on whom, how often, and how friendly (signed by mean Goldstein)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from eventwire.store import aggregates
from eventwire.store.database import Store


@dataclass(slots=True)
class ActorNetwork:
    """Directed, weighted, signed edges and the actors they connect."""

    nodes: pd.DataFrame  # code, name, out_weight, in_weight, weight, degree, goldstein_mean
    edges: pd.DataFrame  # source, target, names, weight (events), goldstein_mean/sum, sign, q1..q4

    def to_dict(self) -> dict:
        return {"nodes": self.nodes.to_dict("records"), "edges": self.edges.to_dict("records")}


def actor_network(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    actor: str | None = None,
    min_weight: int = 1,
    limit: int = 500,
) -> ActorNetwork:
    """Edges weighted by event count and signed by the mean Goldstein score of their events.

    ``actor`` keeps the edges touching that actor (its ego network); ``limit`` keeps the heaviest.
    """
    edges = aggregates.network_edges(store, since, until, actor, min_weight, limit)
    edges["sign"] = np.sign(edges["goldstein_mean"].fillna(0)).astype(int)
    if edges.empty:
        nodes = pd.DataFrame(columns=["code", "name", "out_weight", "in_weight", "weight", "degree", "goldstein_mean"])
        return ActorNetwork(nodes, edges)
    edges["goldstein_product"] = edges["goldstein_mean"].fillna(0) * edges["weight"]
    out = edges.groupby("source").agg(
        name=("source_name", "first"),
        out_weight=("weight", "sum"),
        out_degree=("target", "nunique"),
        g_out=("goldstein_product", "sum"),
    )
    inc = edges.groupby("target").agg(
        name=("target_name", "first"),
        in_weight=("weight", "sum"),
        in_degree=("source", "nunique"),
        g_in=("goldstein_product", "sum"),
    )
    nodes = out.join(inc, how="outer", lsuffix="_out", rsuffix="_in")
    nodes["name"] = nodes["name_out"].fillna(nodes["name_in"])
    nodes = nodes.fillna({"out_weight": 0, "in_weight": 0, "out_degree": 0, "in_degree": 0, "g_out": 0, "g_in": 0})
    nodes["weight"] = nodes["out_weight"] + nodes["in_weight"]
    nodes["degree"] = nodes["out_degree"] + nodes["in_degree"]
    nodes["goldstein_mean"] = (nodes["g_out"] + nodes["g_in"]) / nodes["weight"]
    nodes = nodes.rename_axis("code").reset_index()
    for col in ("out_weight", "in_weight", "weight", "degree"):
        nodes[col] = nodes[col].astype(int)
    nodes = nodes[["code", "name", "out_weight", "in_weight", "weight", "degree", "goldstein_mean"]]
    nodes = nodes.sort_values(["weight", "code"], ascending=[False, True]).reset_index(drop=True)
    return ActorNetwork(nodes, edges.drop(columns="goldstein_product"))
