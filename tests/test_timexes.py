"""Temporal expressions: recognition, TIMEX3 normalisation, tense direction, anchors, robustness."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from eventwire.annotate.timex.find import find_timexes
from eventwire.model import Timex

DCT = date(2024, 11, 19)  # a Tuesday; ISO week 47


def _find(text: str, nlp=None, dct: date | None = DCT) -> list[Timex]:
    doc = nlp(text) if nlp is not None else None
    found = find_timexes(text, dct, doc)
    for t in found:
        assert text[t.start : t.end] == t.text
    return found


def _one(text: str, phrase: str, nlp=None, dct: date | None = DCT) -> Timex:
    """The timex whose text contains ``phrase``."""
    hits = [t for t in _find(text, nlp, dct) if phrase in t.text]
    assert len(hits) == 1, f"{phrase!r} in {_find(text, nlp, dct)}"
    return hits[0]


@pytest.fixture(params=["parse", "no-parse"])
def parser(request, nlp):
    """Every behaviour must hold with the spaCy parse and with the cue-word fallback."""
    return nlp if request.param == "parse" else None


def test_timexes_seed_article(seed_text, parser):
    found = find_timexes(seed_text, DCT, parser(seed_text) if parser else None)
    thousandth = next(t for t in found if "1,000th day since" in t.text)
    assert (thousandth.type, thousandth.value) == ("DATE", "2024-11-19")
    assert thousandth.anchor == "anchor:ukr-invasion-2022"
    before = next(t for t in found if "two months" in t.text)
    assert before.value.startswith("2025-01")
    assert all(seed_text[t.start : t.end] == t.text for t in found)


def test_timexes_nth_day_counts_the_event_day_as_day_one():
    assert _one("It was the 1st day since Russia's invasion of Ukraine.", "1st day").value == "2022-02-24"
    assert _one("Kyiv marked the 100th day of Russia's full-scale invasion.", "100th day").value == "2022-06-03"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The minister met the envoy on Thursday.", "2024-11-14"),
        ("The minister will meet the envoy on Thursday.", "2024-11-21"),
        ("Officials said on Monday that the talks had failed.", "2024-11-18"),
        ("The summit is set to open on Friday in Geneva.", "2024-11-22"),
        ("The talks are on Thursday.", "2024-11-21"),
        ("Markets fell sharply last Tuesday.", "2024-11-12"),
        ("Voters go to the polls next Monday.", "2024-11-25"),
    ],
)
def test_timexes_weekday_direction_follows_tense(sentence, expected, parser):
    day = next(w for w in ("Monday", "Tuesday", "Thursday", "Friday") if w in sentence)
    assert _one(sentence, day, parser).value == expected


@pytest.mark.parametrize(
    ("sentence", "phrase", "type_", "value"),
    [
        ("He arrived yesterday.", "yesterday", "DATE", "2024-11-18"),
        ("She speaks today.", "today", "DATE", "2024-11-19"),
        ("They leave tomorrow.", "tomorrow", "DATE", "2024-11-20"),
        ("Prices rose last week.", "last week", "DATE", "2024-W46"),
        ("Sales fell this month.", "this month", "DATE", "2024-11"),
        ("Elections are due next year.", "next year", "DATE", "2025"),
        ("The deal was signed two months ago.", "two months ago", "DATE", "2024-09"),
        ("The village was shelled three days ago.", "three days ago", "DATE", "2024-11-16"),
        ("The report will be published in two weeks.", "two weeks", "DATE", "2024-W49"),
        ("A bridge was hit last night.", "last night", "TIME", "2024-11-18TNI"),
        ("We expect a deal this summer.", "this summer", "DATE", "2024-SU"),
        ("The ceasefire may hold for now.", "now", "DATE", "PRESENT_REF"),
        ("The pact was signed five years from now.", "five years from now", "DATE", "2029"),
    ],
)
def test_timexes_relative_to_the_document_date(sentence, phrase, type_, value, parser):
    timex = _one(sentence, phrase, parser)
    assert (timex.type, timex.value, timex.anchor) == (type_, value, "dct")


def test_timexes_narrative_offsets_count_from_the_last_date():
    text = "The offensive began on March 3, 2022. Two months later, the city fell. The next day, talks resumed."
    assert _one(text, "Two months later").value == "2022-05"
    assert _one(text, "Two months later").anchor == "ref:2022-03-03"
    assert _one(text, "The next day").value == "2022-05-04"


def test_timexes_before_an_event_in_the_past_is_a_duration(parser):
    timex = _one("He resigned two months before the election was held.", "two months", parser)
    assert (timex.type, timex.value, timex.text) == ("DURATION", "P2M", "two months")


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The war lasted for three years.", "three years", "P3Y"),
        ("It has been 1,000 days of war.", "1,000 days", "P1000D"),
        ("The talks went on for five hours.", "five hours", "PT5H"),
        ("He served 2 1/2 years in prison.", "2 1/2 years", "P2Y6M"),
        ("The siege lasted several weeks.", "several weeks", "PXW"),
        ("Fighting raged over the past two decades.", "the past two decades", "P20Y"),
        ("A 30-day truce was agreed.", "30-day", "P30D"),
    ],
)
def test_timexes_durations(sentence, phrase, value, parser):
    timex = _one(sentence, phrase, parser)
    assert (timex.type, timex.value, timex.text) == ("DURATION", value, phrase)


def test_timexes_ages_are_not_durations():
    assert _find("The 6-year-old boy and a 52-year-old man were hurt.") == []


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("Inspectors visit every week.", "every week", "P1W"),
        ("The ministry publishes figures daily.", "daily", "P1D"),
        ("The council meets twice a month.", "twice a month", "P1M"),
        ("They earn $500 a year.", "a year", "P1Y"),
        ("The market opens each Thursday.", "each Thursday", "XXXX-WXX-4"),
    ],
)
def test_timexes_sets(sentence, phrase, value):
    timex = _one(sentence, phrase)
    assert (timex.type, timex.value) == ("SET", value)


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The decree was signed on November 19, 2024.", "November 19, 2024", "2024-11-19"),
        ("It was signed on 19 Nov 2024 in Moscow.", "19 Nov 2024", "2024-11-19"),
        ("Published 2024-11-19 by the ministry.", "2024-11-19", "2024-11-19"),
        ("The strike came on Nov. 19.", "Nov. 19", "2024-11-19"),
        ("The vote is scheduled for Dec. 5.", "Dec. 5", "2024-12-05"),
        ("Exports grew in 2023.", "2023", "2023"),
        ("The dam burst in March 2022.", "March 2022", "2022-03"),
        ("The border was closed in March.", "March", "2024-03"),
        ("The border will reopen in March.", "March", "2025-03"),
        ("Unrest spread in the 1990s.", "the 1990s", "199"),
        ("The treaty shaped the 20th century.", "the 20th century", "19"),
        ("Output fell in the third quarter.", "the third quarter", "2024-Q3"),
        ("Output fell in Q3 2023.", "Q3 2023", "2023-Q3"),
        ("Protests were held in the winter of 2014.", "the winter of 2014", "2014-WI"),
        ("The truce collapsed on Christmas Day 2023.", "Christmas Day 2023", "2023-12-25"),
        ("Turnout was high on Election Day.", "Election Day", "2024-11-05"),
    ],
)
def test_timexes_calendar_names(sentence, phrase, value, parser):
    timex = _one(sentence, phrase, parser)
    assert (timex.type, timex.value, timex.text) == ("DATE", value, phrase)


def test_timexes_counts_and_modal_may_are_not_dates():
    assert _find("Some 2000 troops and 1500 tanks may move.") == []
    assert _one("The 1996 law was repealed.", "1996").value == "1996"


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The strike hit at 3 p.m.", "3 p.m.", "2024-11-19T15:00"),
        ("Sirens sounded at 10:35 a.m. local time.", "10:35 a.m. local time", "2024-11-19T10:35"),
        ("The curfew starts at midnight.", "midnight", "2024-11-19T24:00"),
        ("Shelling resumed Friday morning.", "Friday morning", "2024-11-15TMO"),
    ],
)
def test_timexes_times(sentence, phrase, value):
    timex = _one(sentence, phrase)
    assert (timex.type, timex.value, timex.text) == ("TIME", value, phrase)


def test_timexes_without_a_date_leave_relative_values_unknown():
    assert _one("He arrived yesterday.", "yesterday", dct=None).value == "XXXX-XX-XX"
    assert _one("It ended on Nov. 19.", "Nov. 19", dct=None).value == "XXXX-11-19"
    assert _one("It ended on November 19, 2024.", "November", dct=None).value == "2024-11-19"


def test_timexes_accepts_a_datetime_and_a_doc_of_another_text(nlp):
    found = find_timexes("He arrived yesterday.", datetime(2024, 11, 19, 8, 30), nlp("Unrelated text."))
    assert [t.value for t in found] == ["2024-11-18"]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t",
        "\x00\x01",
        "2024",
        "٢٠٢٤-١١-١٩ yesterday 👍",
        "Ｎｏｖ． １９",
        "e\u0301te\u0301 2023",
        "\u202eyadot\u202c",
        "a" * 5000,
    ],
)
def test_timexes_odd_text_does_not_crash(text):
    for t in find_timexes(text, DCT):
        assert text[t.start : t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


@pytest.mark.parametrize(
    ("text", "dct"),
    [
        ("The talks resume tomorrow.", date.max),
        ("Trade fell last year.", date.min),
        ("The ruins were built 3000 years ago.", DCT),
        ("It happened 999999999999 weeks ago.", DCT),
        ("Prices rose on Monday and will rise in March.", date.max),
    ],
)
def test_timexes_times_past_the_calendar_are_left_out(text, dct):
    for t in find_timexes(text, dct):
        assert text[t.start : t.end] == t.text
        assert t.value
