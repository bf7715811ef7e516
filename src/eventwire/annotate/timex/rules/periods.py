"""Rules for recurring periods: quarters, halves, seasons, holidays and weekdays.

Which occurrence is meant follows from the document date and tense ("the third quarter" reported
in October is this year's; "met on Thursday" is the Thursday before the document date).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.annotate.timex.calendar import (
    YEAR_OR_SPELLED,
    capitalised,
    choose_occurrence,
    explicit_year,
    reported_period,
    weekday_point,
)
from eventwire.annotate.timex.lexicon import (
    APOS,
    HOLIDAYS,
    PART_OF_DAY,
    PARTS_OF_DAY,
    SEASON,
    SEASONS,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    B,
)
from eventwire.annotate.timex.state import Ctx, Found, Rule, compile_rule
from eventwire.annotate.timex.values import Point, holiday_date, season_point

# Ordinal -> quarter number; a "final" quarter is the fourth.
QUARTER_WORDS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "final": 4,
    "last": 4,
}


def _quarter(m: re.Match, c: Ctx) -> Found | None:
    groups = m.groupdict()
    q = int(groups["qn"]) if groups.get("qn") else QUARTER_WORDS[groups["q"].lower()]
    year_text = groups.get("y1") or groups.get("y2") or groups.get("y3")
    if year_text:
        year = int(year_text[-4:]) if len(year_text.strip("'’")) == 4 else 2000 + int(year_text.strip("'’"))
        return c.date(Point(date(year, 3 * q - 2, 1), "quarter"), "absolute")
    rel = (groups.get("rel") or "").lower()
    if c.dct and rel:
        year = c.dct.year + (
            -1 if any(w in rel for w in ("last", "previous", "prior", "past")) else 1 if "next" in rel else 0
        )
        return c.date(Point(date(year, 3 * q - 2, 1), "quarter"), "dct")
    point = reported_period(c, lambda y: Point(date(y, 3 * q - 2, 1), "quarter"))
    return c.date(point, "dct", "quarter") if point else Found("DATE", f"XXXX-Q{q}", None)


def _half(m: re.Match, c: Ctx) -> Found | None:
    h = 1 if m.group("h").lower() in ("first", "early") else 2
    year = explicit_year(m.group("y"))
    if year is not None:
        return c.date(Point(date(year, 6 * h - 5, 1), "half"), "absolute")
    if c.dct is None:
        return Found("DATE", f"XXXX-H{h}", None)
    if m.group("yrel"):
        year = c.dct.year + {"last": -1, "next": 1}.get(m.group("yrel").lower(), 0)
        return c.date(Point(date(year, 6 * h - 5, 1), "half"), "dct")
    return c.date(reported_period(c, lambda y: Point(date(y, 6 * h - 5, 1), "half")), "dct")


def _season(m: re.Match, c: Ctx) -> Found | None:
    code = SEASONS[m.group("s").lower()]
    year = explicit_year(m.group("y"))
    if year:
        return c.date(season_point(year, code), "absolute")
    point = choose_occurrence(c, lambda y: season_point(y, code), rel=m.group("rel"))
    return c.date(point, "dct") if point else Found("DATE", f"XXXX-{code}", None)


def _check_season(m: re.Match, c: Ctx) -> bool:
    if m.group("y") or (m.group("rel") and m.group("rel").lower() not in ("the",)):
        return True
    if m.group("s").lower() == "fall":
        return False
    before = c.preceding_text(12)
    return bool(re.search(r"\b(?:in|during|over|by|until|since|through|this|last|next)\s+(?:the\s+)?$", before, re.I))


def _holiday(m: re.Match, c: Ctx) -> Found | None:
    key = re.sub(r"\s+", " ", m.group("h").lower().replace("’", "'"))
    rule = HOLIDAYS.get(key)
    if rule is None:
        return None
    year = explicit_year(m.group("y"))
    if year:
        return c.date(Point(holiday_date(rule, year), "day"), "absolute")
    point = choose_occurrence(c, lambda y: Point(holiday_date(rule, y), "day"), rel=m.group("rel"))
    return c.date(point, "dct")


def _weekday(m: re.Match, c: Ctx) -> Found | None:
    weekday = WEEKDAYS[m.group("wd").lower()]
    rel = m.group("rel") or ""
    if m.group("wrel") and c.dct:
        week_shift = {"last": -7, "next": 7}.get(m.group("wrel").lower(), 0)
        point = Point(c.dct + timedelta(days=week_shift + (weekday - 1) - c.dct.weekday()), "day")
    else:
        point = weekday_point(c, weekday, rel, c.tense())
    pod = m.group("pod")
    if pod:
        code = PARTS_OF_DAY[pod.lower()]
        if point is None:
            return Found("TIME", f"XXXX-WXX-{weekday}T{code}", None)
        return Found("TIME", f"{point.value}T{code}", "dct", point)
    if point is None:
        return Found("DATE", f"XXXX-WXX-{weekday}", None)
    return c.date(point, "dct")


# Any holiday name of the table, longest first.
HOLIDAY = (
    "(?:"
    + "|".join(
        sorted((re.escape(h).replace("'", APOS).replace(r"\ ", r"\s+") for h in HOLIDAYS), key=len, reverse=True)
    )
    + ")"
)


PERIOD_RULES: list[Rule] = [
    compile_rule(
        "quarter",
        rf"{B}(?:(?P<y1>{YEAR})\s+|(?P<rel>this|last|next|the\s+current|the\s+previous|the\s+prior|the\s+past|the\s+same)\s+year{APOS}s\s+)?"
        rf"(?:(?:the|its|their|a)\s+)?(?:(?:fiscal|financial|calendar)(?:\s+year)?[-\s]+)?(?:(?P<y2>{YEAR})\s+)?"
        rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final)[-\s]+(?:fiscal\s+)?quarter"
        rf"(?:\s+(?:of\s+)?(?:(?:fiscal|the\s+year)\s+)?(?P<y3>{YEAR}))?(?!\w)",
        _quarter,
        triggers=("unit",),
    ),
    compile_rule(
        "quarter_code",
        rf"{B}Q(?P<qn>[1-4])(?:\s*|[-/])(?P<y1>{YEAR}|{APOS}\d\d)?(?!\w)",
        _quarter,
        lambda m, c: m.group(0).startswith("Q"),
    ),
    compile_rule("year_quarter", rf"{B}(?P<y1>{YEAR})[-\s]?Q(?P<qn>[1-4])(?!\w)", _quarter),
    compile_rule(
        "half",
        rf"{B}(?:the\s+)?(?P<h>first|second|last|latter)\s+half\s+of\s+(?:(?:the\s+)?(?:(?P<yrel>this|last|next)\s+)?year|(?P<y>{YEAR}))(?!\w)",
        _half,
        triggers=("half",),
    ),
    compile_rule(
        "season",
        rf"{B}(?:(?P<rel>this|last|next|this\s+past|this\s+coming|the\s+past|the\s+coming|(?:the\s+)?(?:early|late|mid)[-\s]*|the)\s+)?"
        rf"(?P<s>{SEASON})(?:\s+(?:of\s+)?(?P<y>{YEAR_OR_SPELLED}))?(?![\w-])",
        _season,
        _check_season,
        triggers=("season",),
    ),
    compile_rule(
        "holiday",
        rf"{B}(?:(?P<rel>last|next|this|this\s+past|this\s+coming)\s+)?(?P<h>{HOLIDAY})(?:,?\s+(?P<y>{YEAR}))?(?!\w)",
        _holiday,
        capitalised("h"),
        triggers=("holiday",),
    ),
    compile_rule(
        "weekday",
        rf"{B}(?:(?P<rel>last|next|this|this\s+past|this\s+coming|coming|past|(?:early|late|earlier|later)(?:\s+(?:on\s+)?(?:last|next|this))?)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PART_OF_DAY}))?(?:\s+(?P<wrel>last|next|this)\s+week)?(?!\w)",
        _weekday,
        capitalised("wd"),
        triggers=("weekday",),
    ),
]
