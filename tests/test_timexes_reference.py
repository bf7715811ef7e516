"""Narrative reference time and comparisons: "the next day", "a year earlier", "the quarter"."""

from __future__ import annotations

from datetime import date

from eventwire.annotate.timex.find import find_timexes

DCT = date(1989, 10, 27)


def _values(text: str, dct: date = DCT) -> dict[str, str]:
    return {t.text: t.value for t in find_timexes(text, dct)}


def test_timexes_narrative_steps_follow_the_last_date():
    values = _values("The plant closed on June 3, 1987. The following year it reopened. That day was sunny.")
    assert values["June 3, 1987"] == "1987-06-03"
    assert values["The following year"] == "1988"


def test_timexes_year_earlier_mirrors_the_quarter_compared():
    text = (
        "Net income rose 12% in the third quarter to $5 million from $4.4 million a year earlier. "
        "Sales fell in the year-ago quarter as well."
    )
    values = _values(text)
    assert values["the third quarter"] == "1989-Q3"
    assert values["a year earlier"] == "1988-Q3"
    assert values["the year-ago quarter"] == "1988-Q3"


def test_timexes_quarter_reference():
    values = _values("For the quarter ended Sept. 30, profit rose. Revenue in the quarter climbed.")
    assert values["the quarter"] == "1989-Q3"
    assert _values("Profit rose in the latest quarter.")["the latest quarter"] == "1989-Q3"
    assert _values("Profit will rise in the current quarter.")["the current quarter"] == "1989-Q4"


def test_timexes_reported_quarters_are_the_latest_begun():
    assert _values("It expects to report a loss for the third quarter.")["the third quarter"] == "1989-Q3"
    assert _values("It expects first-quarter sales to rise.")["first-quarter"] == "1990-Q1"
    assert _values("Fourth-quarter profit fell.", date(1990, 1, 15))["Fourth-quarter"] == "1989-Q4"


def test_timexes_clock_time_takes_the_date_just_mentioned():
    values = _values("On Nov. 6, 1989, trading halted at 5 p.m. EST.")
    assert values["5 p.m. EST"] == "1989-11-06T17:00"


def test_timexes_fractions_of_units():
    values = _values("The talks lasted a minute and a half, then two and a half hours.")
    assert values["a minute and a half"] == "PT1M30S"
    assert values["two and a half hours"] == "PT2H30M"


def test_timexes_due_dates_and_end_points_may_lie_ahead_of_a_past_verb(nlp):
    for doc in (None, "parse"):
        for text, phrase, value in (
            ("Directors authorized a split, payable Dec. 7.", "Dec. 7", "1989-12-07"),
            ("Lenders extended the loans through January.", "January", "1990-01"),
            ("The strike was called off in March.", "March", "1989-03"),
        ):
            parse = nlp(text) if doc else None
            assert {t.text: t.value for t in find_timexes(text, DCT, parse)}[phrase] == value, (text, doc)
