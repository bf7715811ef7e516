"""Event identity across articles: one event only when key, date window and the sentences agree."""

from __future__ import annotations

from datetime import date

from benchmarks.identity.evaluate import evaluate
from eventwire.store.events import assign_event_ids, overlap, same_report


def _mention(n: int, sentence: str, day: date, target: str | None = "RUS") -> dict:
    key = f"UKRMIL|{(target or '').lower()}|ASSAULT|real"
    return {"mention_id": f"m{n}", "event_key": key, "event_date": day, "sentence": sentence, "target_code": target}


def test_reports_that_say_the_same_thing_are_one_event() -> None:
    strike = "Ukrainian forces struck an ammunition depot in Russia's Bryansk region with missiles, officials said."
    copy = "Ukrainian forces struck an ammunition depot in the Bryansk region of Russia with missiles on Tuesday."
    other = "Ukraine's drones hit an oil refinery near Rostov overnight."
    mentions = [
        _mention(1, strike, date(2024, 11, 19)),
        _mention(2, copy, date(2024, 11, 20)),
        _mention(3, other, date(2024, 11, 20)),
    ]
    assign_event_ids(mentions, {})
    assert mentions[0]["event_id"] == mentions[1]["event_id"] != mentions[2]["event_id"]
    assert overlap(strike, copy) > overlap(strike, other)


def test_same_words_too_far_apart_in_time_are_two_events() -> None:
    strike = "Ukrainian forces struck an ammunition depot in Russia's Bryansk region with missiles."
    mentions = [_mention(1, strike, date(2024, 11, 19)), _mention(2, strike, date(2024, 11, 29))]
    assign_event_ids(mentions, {})
    assert mentions[0]["event_id"] != mentions[1]["event_id"]


def test_no_target_on_both_sides_needs_stronger_agreement() -> None:
    a = "The army said its forces launched strikes on several villages near the border on Monday."
    b = "Its forces launched strikes on three villages, the army said, citing no losses among its troops."
    score = overlap(a, b)
    assert same_report(a, b, has_target=True) is (score >= 0.6)
    assert 0.6 <= score < 0.7 and not same_report(a, b, has_target=False)
    mentions = [_mention(1, a, date(2024, 11, 18), None), _mention(2, b, date(2024, 11, 18), None)]
    assign_event_ids(mentions, {})
    assert mentions[0]["event_id"] != mentions[1]["event_id"]


def test_stored_events_are_joined_only_by_a_matching_report() -> None:
    strike = "Ukrainian forces struck an ammunition depot in Russia's Bryansk region with missiles."
    stored = {"UKRMIL|rus|ASSAULT|real": [(date(2024, 11, 19), "e_old", strike)]}
    mentions = [_mention(1, strike.replace("struck", "hit and struck"), date(2024, 11, 19)),
                _mention(2, "Ukraine shelled Kursk.", date(2024, 11, 19))]  # fmt: skip
    ids, existing = assign_event_ids(mentions, stored)
    assert mentions[0]["event_id"] == "e_old" and existing == {"e_old"}
    assert mentions[1]["event_id"] != "e_old" and len(ids) == 2


def test_merge_precision_on_hand_labelled_pairs() -> None:
    figures = evaluate()
    assert figures["all"]["pairs"] >= 150
    assert figures["all"]["merge_precision"] >= 0.95 and figures["all"]["merged"] >= 3
    assert figures["all"]["earlier_merge_precision"] < 0.5  # the grouping by key and date alone
