"""Article relevance: is this a political or conflict story at all?

Events are dropped from articles about sport, shopping, entertainment or science. A logistic
model over five article-level counts (political actor mentions, political and non-political
vocabulary) decides; its weights are fitted by scripts/train_event_model.py on the news dev
articles' topics.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

import numpy as np

from eventwire.model import ActorMention

_WORD = re.compile(r"[a-z]+")
POLITICAL_WORDS = frozenset(
    [
        "government",
        "minister",
        "ministry",
        "president",
        "presidential",
        "senate",
        "senator",
        "congress",
        "congressional",
        "parliament",
        "lawmakers",
        "election",
        "elections",
        "military",
        "troops",
        "army",
        "sanctions",
        "police",
        "court",
        "judge",
        "prosecutors",
        "party",
        "campaign",
        "policy",
        "war",
        "attack",
        "attacks",
        "forces",
        "officials",
        "official",
        "administration",
        "diplomat",
        "diplomats",
        "embassy",
        "treaty",
        "talks",
        "protest",
        "protesters",
        "rebels",
        "militants",
        "ceasefire",
        "nuclear",
        "missile",
        "missiles",
        "strike",
        "strikes",
        "security",
        "kremlin",
        "pentagon",
        "white",
        "republican",
        "republicans",
        "democrat",
        "democrats",
        "vote",
        "voters",
    ]
)
NON_POLITICAL_WORDS = frozenset(
    [
        "game",
        "games",
        "season",
        "team",
        "teams",
        "coach",
        "player",
        "players",
        "score",
        "scored",
        "goal",
        "goals",
        "match",
        "tournament",
        "league",
        "championship",
        "album",
        "film",
        "films",
        "movie",
        "movies",
        "song",
        "songs",
        "actor",
        "actress",
        "show",
        "shows",
        "episode",
        "series",
        "fans",
        "recipe",
        "recipes",
        "price",
        "prices",
        "sale",
        "sales",
        "shop",
        "shopping",
        "buy",
        "discount",
        "product",
        "products",
        "customers",
        "store",
        "study",
        "researchers",
        "scientists",
        "species",
        "patients",
        "cells",
        "app",
        "apps",
        "software",
        "device",
        "devices",
        "users",
        "iphone",
        "smartphone",
        "update",
        "features",
        "camera",
        "battery",
        "review",
        "install",
        "download",
        "website",
        "browser",
    ]
)
# Sectors that make an actor mention political (states, governments, forces, courts, parties …).
POLITICAL_SECTORS = frozenset({"", "GOV", "MIL", "LEG", "JUD", "COP", "SPY", "OPP", "PTY", "REB", "INS", "IGO"})


def article_features(text: str, actors: Sequence[ActorMention]) -> np.ndarray:
    """log1p(political mentions), political mentions, political and non-political words (per 100 words)."""
    words = _WORD.findall(text.lower())
    n = max(len(words), 1)
    political = sum(
        1 for m in actors if (m.actor.cameo_code or "")[3:6] in POLITICAL_SECTORS and m.actor.country is not None
    )
    pol_words = sum(w in POLITICAL_WORDS for w in words)
    non_words = sum(w in NON_POLITICAL_WORDS for w in words)
    return np.array(
        [math.log1p(political), 100 * political / n, 100 * pol_words / n, 100 * non_words / n, math.log1p(n)]
    )


def relevance(features: np.ndarray, weights: np.ndarray, bias: float) -> float:
    """The probability that the article is political news."""
    return float(1.0 / (1.0 + math.exp(-(float(features @ weights) + bias))))
