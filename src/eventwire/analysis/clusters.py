"""Story clusters: the articles that tell the same story, with one headline to stand for them.

Two stored articles belong to one story when they report the same events (Jaccard overlap of
their event sets); the near-duplicate copies the store linked to an article (syndicated wire
copies, mirrors) travel with it. Clusters are the connected components of those links.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from eventwire.model import stable_id
from eventwire.store import aggregates
from eventwire.store.database import Store

# Two reports of one story share most of their coded events; one shared event among many is a
# background reference (the war both mention), not the same story.
MIN_EVENT_JACCARD = 0.3

CLUSTER_COLUMNS = [
    "cluster_id",
    "headline",
    "representative_id",
    "size",
    "copies",
    "article_ids",
    "sites",
    "shared_events",
    "first_published",
    "last_published",
]


class _Components:
    """Union-find over article ids."""

    def __init__(self, ids: list[str]):
        self.parent = {i: i for i in ids}

    def find(self, x: str) -> str:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def story_clusters(
    store: Store,
    since: date | None = None,
    until: date | None = None,
    min_size: int = 1,
    min_jaccard: float = MIN_EVENT_JACCARD,
) -> pd.DataFrame:
    """One row per story: its articles, copies, representative headline and time span, biggest first.

    The representative is the article most linked to the others (shared-event links plus copies),
    then the one with most events, then the earliest published.
    """
    articles, pairs, copies = aggregates.cluster_inputs(store, since, until)
    if articles.empty:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    events = dict(zip(articles["id"], articles["events"], strict=True))
    components = _Components(list(articles["id"]))
    links = dict.fromkeys(articles["id"], 0)
    shared_by_root: dict[str, int] = {}
    for a, b, shared in pairs.itertuples(index=False):
        union_size = events[a] + events[b] - shared
        if union_size and shared / union_size >= min_jaccard:
            components.union(a, b)
            links[a] += 1
            links[b] += 1
    for a, b, shared in pairs.itertuples(index=False):
        if components.find(a) == components.find(b):
            root = components.find(a)
            shared_by_root[root] = shared_by_root.get(root, 0) + int(shared)
    articles = articles.assign(
        root=[components.find(i) for i in articles["id"]],
        score=[links[i] for i in articles["id"]] + articles["copies"],
        order_published=articles["published"].fillna(pd.Timestamp.max),
    )
    ranked = articles.sort_values(
        ["root", "score", "events", "order_published", "id"], ascending=[True, False, False, True, True]
    )
    out = []
    for root, group in ranked.groupby("root", sort=False):
        if len(group) < min_size:
            continue
        best = group.iloc[0]
        published = group["published"].dropna()
        out.append(
            {
                "cluster_id": stable_id(*sorted(group["id"]), prefix="c_"),
                "headline": _headline(best["title"]),
                "representative_id": best["id"],
                "size": len(group),
                "copies": int(group["copies"].sum()),
                "article_ids": list(group["id"]),
                "sites": sorted({s for s in group["site"] if isinstance(s, str)}),
                "shared_events": shared_by_root.get(root, 0),
                "first_published": published.min() if not published.empty else None,
                "last_published": published.max() if not published.empty else None,
            }
        )
    if not out:
        return pd.DataFrame(columns=CLUSTER_COLUMNS)
    df = pd.DataFrame(out, columns=CLUSTER_COLUMNS)
    return df.sort_values(["size", "copies", "cluster_id"], ascending=[False, False, True]).reset_index(drop=True)


def _headline(title: object) -> str:
    """The title, or "(untitled)": pandas gives a missing title as None or NaN (which is truthy)."""
    return title.strip() if isinstance(title, str) and title.strip() else "(untitled)"


def cluster_copies(store: Store, article_ids: list[str]) -> pd.DataFrame:
    """The near-duplicate copies linked to the given articles (what a cluster's ``copies`` counts)."""
    _, _, copies = aggregates.cluster_inputs(store)
    return copies[copies["article_id"].isin(article_ids)].reset_index(drop=True)
