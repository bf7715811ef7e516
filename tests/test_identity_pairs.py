"""The event-identity pairs: strata hold what they promise, the draw is seeded, the data keeps no text."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from benchmarks.identity.draw_pairs import NEAR_DAYS, STRATA, draw, packet_row, pair_row
from benchmarks.identity.pairs import PAIRS_PATH, load_pairs

DAY = date(2016, 9, 12)


def mention(n: int, article: str, event: str, type_: str, source: str, target: str, day: int) -> dict:
    return {
        "mention_id": f"m{n}", "article_id": article, "event_id": event, "plover_type": type_,
        "source_key": source, "target_key": target, "source_code": source or None, "source_name": source,
        "target_code": target.upper() or None, "target_name": target or None,
        "event_date": DAY + timedelta(days=day), "published": DAY + timedelta(days=day), "path": f"{article}.txt",
        "sentence": f"sentence {n}", "action_text": "met", "plover_mode": None, "sentence_start": 0,
        "sentence_end": 10, "action_start": 0, "action_end": 3, "source_start": None, "source_end": None,
        "target_start": None, "target_end": None, "cameo_code": "040", "root_code": "04", "negated": False,
        "hypothetical": False, "future": False, "reported": False,
    }  # fmt: skip


@pytest.fixture(scope="module")
def mentions() -> list[dict]:
    rows = []
    n = 0
    for article in range(12):
        for event, (type_, source, target) in enumerate(
            [("CONSULT", "USAELI", "usaopp"), ("ACCUSE", "USAOPP", ""), ("CONSULT", "USAOPP", "")]
        ):
            n += 1
            # events 0 and 1 are grouped across articles 0-5; the rest are separate events
            grouped = article < 6 and event < 2
            event_id = f"e{event}" if grouped else f"e{event}_{article}"
            rows.append(mention(n, f"a{article}", event_id, type_, source, target, article % 5))
    return rows


def test_strata_hold_their_conditions(mentions) -> None:
    pairs = draw(mentions, sizes={"merged": 6, "same_dyad": 6, "no_target": 6, "random": 6})
    assert {p["stratum"] for p in pairs} == set(STRATA)
    for p in pairs:
        a, b = p["a"], p["b"]
        assert a["article_id"] != b["article_id"]
        assert a["plover_type"] == b["plover_type"]
        assert p["merged_now"] == (a["event_id"] == b["event_id"])
        days = abs((a["event_date"] - b["event_date"]).days)
        if p["stratum"] == "merged":
            assert p["merged_now"]
        if p["stratum"] == "same_dyad":
            assert not p["merged_now"] and a["target_key"] and days <= NEAR_DAYS
            assert (a["source_key"], a["target_key"]) == (b["source_key"], b["target_key"])
        if p["stratum"] == "no_target":
            assert a["source_key"] == b["source_key"] and not a["target_key"] and not b["target_key"]
            assert days <= NEAR_DAYS
    keys = [tuple(sorted((p["a"]["mention_id"], p["b"]["mention_id"]))) for p in pairs]
    assert len(keys) == len(set(keys))
    assert sorted(p["pid"] for p in pairs) == [f"p{i:03d}" for i in range(1, len(pairs) + 1)]


def test_draw_is_seeded(mentions) -> None:
    def ids(seed: int) -> list[tuple]:
        return [(p["pid"], p["a"]["mention_id"], p["b"]["mention_id"]) for p in draw(mentions, seed)]

    assert ids(1) == ids(1)
    assert ids(1) != ids(2)


def test_pair_rows_keep_offsets_not_text_and_packet_rows_are_blank(mentions) -> None:
    pair = draw(mentions, sizes={"merged": 1})[0]
    row = json.dumps(pair_row(pair, "coder.v1"))
    assert "sentence 1" not in row and '"sentence_start"' in row
    packet = packet_row(pair)
    assert packet["label"] == "" and packet["a"]["sentence"].startswith("sentence ")
    assert "stratum" not in packet and "merged_now" not in packet


def test_stored_pairs_fit_the_shared_texts() -> None:
    pairs = load_pairs(PAIRS_PATH)
    assert len(pairs) >= 200
    assert all(p["a"]["path"] != p["b"]["path"] for p in pairs)
    assert all(p["a"]["sentence"] and p["a"]["action"] for p in pairs)
    assert sum(p["split"] == "test" for p in pairs) >= 150
