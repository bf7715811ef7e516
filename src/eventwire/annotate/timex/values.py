"""Calendar arithmetic and TIMEX3 value strings.

A ``Point`` is a calendar period at some granularity (a day, a week, a quarter …), held as a
representative ``date`` so that shifting ("two months before") is ordinary date arithmetic and
formatting is done once, here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from eventwire.annotate.timex.lexicon import SEASON_MONTH, UNITS

# Granularity a shifted point takes from the unit that shifted it ("two weeks ago" is a week).
UNIT_GRANULARITY = {
    "second": "day", "minute": "day", "hour": "day", "day": "day", "week": "week", "fortnight": "week",
    "month": "month", "quarter": "quarter", "year": "year", "decade": "year", "century": "year",
    "millennium": "year",
}  # fmt: skip
# Unit -> (relativedelta field, multiplier) for shifting dates.
UNIT_STEP = {
    "day": ("days", 1), "week": ("days", 7), "fortnight": ("days", 14), "month": ("months", 1),
    "quarter": ("months", 3), "year": ("years", 1), "decade": ("years", 10), "century": ("years", 100),
    "millennium": ("years", 1000), "hour": ("hours", 1), "minute": ("minutes", 1), "second": ("seconds", 1),
}  # fmt: skip
# A duration in a unit TIMEX3 has no letter for is written in years ("two decades" -> P20Y).
DURATION_AS_YEARS = {"decade": 10, "century": 100, "millennium": 1000}
# Fractional amounts go one unit down: "2 1/2 years" -> P2Y6M.
SMALLER_UNIT = {"year": ("month", 12), "month": ("day", 30), "week": ("day", 7), "day": ("hour", 24),
                "hour": ("minute", 60), "minute": ("second", 60), "quarter": ("month", 3)}  # fmt: skip
UNKNOWN_VALUES = {
    "century": "XX", "decade": "XXX", "year": "XXXX", "half": "XXXX-HX", "quarter": "XXXX-QX",
    "season": "XXXX-XX", "month": "XXXX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX-WE",
    "day": "XXXX-XX-XX", "time": "XXXX-XX-XXTXX:XX", "part": "XXXX-XX-XX",
}  # fmt: skip


# News mostly reports what has happened: with no tense to go by, an occurrence ahead of the
# document date must be this many days nearer than the one behind it to be chosen.
FUTURE_PENALTY_DAYS = 45


@dataclass(frozen=True, slots=True)
class Point:
    """A calendar period: ``day`` lies inside it, ``gran`` says how wide it is.

    ``extra`` holds what the date cannot: the season code, the part of day ("MO") or "HH:MM".
    """

    day: date
    gran: str
    extra: str = ""

    @property
    def start(self) -> date:
        d = self.day
        if self.gran in ("day", "time", "part"):
            return d
        if self.gran in ("week", "weekend"):
            return d - timedelta(days=d.weekday() - (5 if self.gran == "weekend" else 0))
        if self.gran == "month":
            return d.replace(day=1)
        if self.gran == "quarter":
            return date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
        if self.gran == "half":
            return date(d.year, 1 if d.month <= 6 else 7, 1)
        if self.gran == "season":
            return d.replace(day=1) - relativedelta(months=1)
        if self.gran == "decade":
            return date(d.year - d.year % 10, 1, 1)
        if self.gran == "century":
            return date(max(1, d.year - d.year % 100), 1, 1)
        return date(d.year, 1, 1)

    @property
    def end(self) -> date:
        span = {"week": 6, "weekend": 1}
        if self.gran in span:
            return self.start + timedelta(days=span[self.gran])
        months = {"month": 1, "quarter": 3, "half": 6, "season": 3, "year": 12, "decade": 120, "century": 1200}
        if self.gran in months:
            return self.start + relativedelta(months=months[self.gran], days=-1)
        return self.day

    @property
    def value(self) -> str:
        d, g = self.day, self.gran
        if g == "century":
            return f"{d.year // 100:02d}"
        if g == "decade":
            return f"{d.year // 10:03d}"
        if g == "year":
            return f"{d.year:04d}"
        if g == "half":
            return f"{d.year:04d}-H{1 if d.month <= 6 else 2}"
        if g == "quarter":
            return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
        if g == "season":
            return f"{d.year:04d}-{self.extra}"
        if g == "month":
            return f"{d.year:04d}-{d.month:02d}"
        if g in ("week", "weekend"):
            iso = (d if g == "week" else self.start).isocalendar()
            return f"{iso[0]:04d}-W{iso[1]:02d}" + ("-WE" if g == "weekend" else "")
        if g == "time":
            return f"{d.isoformat()}T{self.extra}"
        if g == "part":
            return f"{d.isoformat()}T{self.extra}"
        return d.isoformat()

    def at(self, gran: str, extra: str = "") -> Point:
        return Point(self.day, gran, extra)


def season_point(year: int, code: str) -> Point:
    return Point(date(year, SEASON_MONTH[code], 15), "season", code)


def shift(point: Point, amount: float, unit: str, gran: str | None = None) -> Point:
    """``point`` moved by ``amount`` units; granularity ``gran`` (default: the unit's own)."""
    while amount != int(amount) and unit in SMALLER_UNIT:
        unit, factor = SMALLER_UNIT[unit]
        amount *= factor
    field, step = UNIT_STEP[unit]
    moved = point.day + relativedelta(**{field: int(round(amount * step))})
    if isinstance(moved, datetime):
        moved = moved.date()
    new_gran = gran or UNIT_GRANULARITY.get(unit, "day")
    extra = point.extra if new_gran == point.gran else ""
    if new_gran == "season" and not extra:
        extra = point.extra
    return Point(moved, new_gran, extra)


def duration_value(amount: float | None, unit: str) -> str:
    """TIMEX3 duration: (3, "year") -> "P3Y", (None, "day") -> "PXD", (1.5, "hour") -> "PT1H30M"."""
    if unit in DURATION_AS_YEARS:
        unit, amount = "year", None if amount is None else amount * DURATION_AS_YEARS[unit]
    if unit == "fortnight":
        unit, amount = "week", None if amount is None else amount * 2
    letter = UNITS[unit]
    time_part = unit in ("hour", "minute", "second")
    prefix = "PT" if time_part else "P"
    if amount is None:
        return f"{prefix}X{letter}"
    whole = math.floor(amount)
    rest = amount - whole
    text = f"{whole}{letter}" if whole else ""
    if rest and unit in SMALLER_UNIT:
        smaller, factor = SMALLER_UNIT[unit]
        sub = round(rest * factor)
        if sub:
            sub_letter = UNITS[smaller]
            if smaller in ("hour", "minute", "second") and not time_part:
                return f"{prefix}{text}T{sub}{sub_letter}"
            text += f"{sub}{sub_letter}"
    return f"{prefix}{text or '0' + letter}"


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The ``n``-th (1-based; -1 = last) ``weekday`` (1 = Monday) of a month."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - 1 - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year, month, 1) + relativedelta(months=1, days=-1)
    return last - timedelta(days=(last.weekday() - (weekday - 1)) % 7)


def holiday_date(rule: tuple, year: int) -> date:
    kind = rule[0]
    if kind == "fixed":
        return date(year, rule[1], rule[2])
    if kind == "nth":
        return nth_weekday(year, rule[1], rule[2], rule[3])
    if kind == "easter":
        return easter(year) + timedelta(days=rule[1])
    # US general elections: the Tuesday after the first Monday in November.
    return nth_weekday(year, 11, 1, 1) + timedelta(days=1)


def pick(candidates: list[Point], dct: date, direction: str | None, slack: int = 0) -> Point:
    """The occurrence of a recurring period meant relative to ``dct``.

    ``direction`` "past": the latest one starting on or before ``dct`` (+``slack`` days);
    "future": the earliest one ending on or after ``dct`` (−``slack``); otherwise the nearest,
    where with no direction at all (None, not "present") an occurrence ahead counts as further.
    """
    if direction == "past":
        before = [c for c in candidates if c.start <= dct + timedelta(days=slack)]
        if before:
            return max(before, key=lambda c: c.start)
    elif direction == "future":
        after = [c for c in candidates if c.end >= dct - timedelta(days=slack)]
        if after:
            return min(after, key=lambda c: c.start)

    def distance(c: Point) -> int:
        if c.start <= dct <= c.end:
            return 0
        ahead = FUTURE_PENALTY_DAYS if c.start > dct and direction is None else 0
        return min(abs((c.start - dct).days), abs((c.end - dct).days)) + ahead

    return min(candidates, key=distance)


def replace_year(point: Point, year: int) -> Point:
    day = point.day
    try:
        return replace(point, day=day.replace(year=year))
    except ValueError:  # 29 February
        return replace(point, day=day.replace(year=year, day=28))
