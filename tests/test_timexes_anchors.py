"""The shipped anchor-event table and times counted from its events."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from eventwire.annotate.timex.anchors import ANCHOR_FILE, anchor_mentions, load_anchor_events
from eventwire.annotate.timex.find import find_timexes

DCT = date(2024, 11, 19)


def test_timexes_anchor_table_is_well_formed():
    raw = json.loads(ANCHOR_FILE.read_text(encoding="utf-8"))["events"]
    ids = [e["id"] for e in raw]
    assert len(ids) == len(set(ids))
    for entry in raw:
        assert re.fullmatch(r"[a-z0-9-]+", entry["id"])
        date.fromisoformat(entry["date"])
        assert entry["source"].startswith("https://")
        assert entry["patterns"] and entry["keywords"]
        assert all(k == k.lower() for k in entry["keywords"])
    events = load_anchor_events()
    assert {e.id: e.date for e in events}["ukr-invasion-2022"] == date(2022, 2, 24)
    assert {e.id: e.date for e in events}["hamas-attack-2023"] == date(2023, 10, 7)
    assert {e.id: e.date for e in events}["covid-pandemic-2020"] == date(2020, 3, 11)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("since Russia's full-scale invasion of Ukraine", "ukr-invasion-2022"),
        ("since Russia’s invasion", "ukr-invasion-2022"),
        ("after the October 7 attack", "hamas-attack-2023"),
        ("before Russia's annexation of Crimea", "crimea-annexation-2014"),
        ("since the start of the Covid-19 pandemic", "covid-pandemic-2020"),
        ("after the 9/11 attacks", "sept-11-2001"),
    ],
)
def test_timexes_anchor_phrases_are_found(text, event):
    assert [m[2] for m in anchor_mentions(text, DCT)] == [event]


def test_timexes_anchor_phrases_need_one_of_their_keywords():
    assert anchor_mentions("Crowds gathered in the square.", DCT) == []


@pytest.mark.parametrize(
    ("sentence", "phrase", "type_", "value", "event"),
    [
        ("Israel has been at war since the October 7 attack.", "October 7", "DATE", "2023-10-07", "hamas-attack-2023"),
        (
            "Two years after the annexation of Crimea, sanctions remained.",
            "Two years after",
            "DATE",
            "2016",
            "crimea-annexation-2014",
        ),
        ("Security changed after 9/11.", "9/11", "DATE", "2001-09-11", "sept-11-2001"),
        (
            "Three months into Russia's invasion of Ukraine, Kyiv held.",
            "Three months into",
            "DATE",
            "2022-05",
            "ukr-invasion-2022",
        ),
        (
            "It is 1,000 days since Russia's invasion of Ukraine.",
            "1,000 days",
            "DURATION",
            "P1000D",
            "ukr-invasion-2022",
        ),
        (
            "Schools shut a week before the start of the Covid pandemic.",
            "a week before",
            "DATE",
            "2020-W10",
            "covid-pandemic-2020",
        ),
        (
            "Kyiv marked the second anniversary of Russia's invasion.",
            "second anniversary",
            "DATE",
            "2024-02-24",
            "ukr-invasion-2022",
        ),
    ],
)
def test_timexes_counted_from_anchor_events(sentence, phrase, type_, value, event):
    hits = [t for t in find_timexes(sentence, DCT) if phrase in t.text]
    assert len(hits) == 1, find_timexes(sentence, DCT)
    assert (hits[0].type, hits[0].value, hits[0].anchor) == (type_, value, f"anchor:{event}")


def test_timexes_ongoing_event_counts_from_the_event_last_named():
    text = "Russia's invasion of Ukraine began the war. As the conflict drags into its 1,000th day, talks stall."
    hit = next(t for t in find_timexes(text, DCT) if "1,000th" in t.text)
    assert (hit.value, hit.anchor) == ("2024-11-19", "anchor:ukr-invasion-2022")
    assert [t.text for t in find_timexes("The firm marks its 100th day in office.", DCT)] == []


def test_timexes_anchor_event_is_ignored_before_it_happened():
    found = find_timexes("It was the 10th day since Russia's invasion of Ukraine.", date(2015, 1, 1))
    assert all(not (t.anchor or "").startswith("anchor:") for t in found)
