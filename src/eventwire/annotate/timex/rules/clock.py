"""Rules for clock times: "3 p.m.", "10:35 a.m. local time", "noon Saturday", "4 in the morning".

A time without a day takes the date mentioned just before it, else the document date.
"""

from __future__ import annotations

import re

from eventwire.annotate.timex.calendar import (
    day_point,
    weekday_point,
)
from eventwire.annotate.timex.lexicon import (
    APOS,
    DAY_NUMBER,
    MONTH_ANY,
    WEEKDAYS,
    B,
    month_number,
    parse_day,
)
from eventwire.annotate.timex.rules.deictic import DAY_OFFSETS
from eventwire.annotate.timex.state import Ctx, Found, Rule, compile_rule
from eventwire.annotate.timex.values import Point, shift

# A clock time without a day belongs to the date mentioned just before it, if that is this close.
CLOCK_REF_WINDOW = 300

# Hours said in words ("four in the morning").
WORD_HOURS = {
    w: i
    for i, w in enumerate(
        ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
    )
}


def _clock_day(m: re.Match, c: Ctx) -> Point | None:
    day = (m.groupdict().get("day") or "").lower()
    if day:
        if day in WEEKDAYS:
            return weekday_point(c, WEEKDAYS[day], "", c.tense())
        if day in DAY_OFFSETS:
            return shift(c.today, DAY_OFFSETS[day], "day") if c.today else None
    if month := m.groupdict().get("mon"):
        found = day_point(c, month_number(month), parse_day(m.group("dd")), None)
        return found.point if found else None
    if c.ref is not None and c.ref.gran in ("day", "time", "part") and c.start - c.ref_pos <= CLOCK_REF_WINDOW:
        return c.ref.at("day")
    return c.today


def _clock(m: re.Match, c: Ctx) -> Found | None:
    groups = m.groupdict()
    word = (groups.get("w") or "").lower()
    if word:
        hour, minute = (24, 0) if word == "midnight" else (12, 0)
    else:
        hour_text = groups["h"].lower()
        hour = WORD_HOURS.get(hour_text) if not hour_text.isdigit() else int(hour_text)
        minute = int(groups.get("mi") or 0)
        if hour is None or hour > 24:
            return None
        marker = (groups.get("ap") or groups.get("pod") or "").lower()
        if marker.startswith(("p", "afternoon", "evening", "night")) and hour < 12:
            hour += 12
        elif marker.startswith(("a", "morning")) and hour == 12:
            hour = 0
    point = _clock_day(m, c)
    day = point.value if point else "XXXX-XX-XX"
    return Found("TIME", f"{day}T{hour:02d}:{minute:02d}", "dct" if point else None, point)


CLOCK_RULES: list[Rule] = [
    compile_rule(
        "clock",
        rf"{B}(?:(?:about|around|approximately|roughly|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
        r"(?P<h>[01]?\d|2[0-4])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.\s?m\.?|[ap]m\b)"
        r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|local\s+time|\([^)]{1,12}\)))?"
        rf"(?:,?\s+(?:on\s+)?(?:(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow)|(?P<mon>{MONTH_ANY})\s*(?P<dd>{DAY_NUMBER})(?!\d)))?",
        _clock,
    ),
    compile_rule(
        "clock_24h",
        r"(?<![\w-])(?:at|by|from|until|till|around|about|before|after|since)\s+(?P<x>(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?!\d)"
        r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|local\s+time|hours|hrs))?)",
        _clock,
    ),
    compile_rule(
        "clock_word",
        rf"{B}(?:(?:about|around|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?(?P<w>noon|midnight|midday|mid-day)"
        r"(?:,?\s+(?:on\s+)?(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tomorrow))?(?!\w)",
        _clock,
        triggers=("clock",),
    ),
    compile_rule(
        "clock_oclock",
        rf"{B}(?P<h>\d{{1,2}}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o{APOS}clock)?\s+in\s+the\s+(?P<pod>morning|afternoon|evening)(?!\w)",
        _clock,
        triggers=("clock",),
    ),
    compile_rule(
        "clock_oclock_bare",
        r"(?<![\w-])(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock(?!\w)",
        _clock,
        triggers=("clock",),
    ),
]
