"""Rules for calendar names: dates, months, years, decades, centuries, quarters, seasons, holidays, weekdays.

A name without a year ("Nov. 19", "in March", "on Thursday") is placed relative to the document
date, in the direction the governing verb's tense points.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.annotate.time_context import FUTURE, PAST
from eventwire.annotate.time_lexicon import (
    AMBIGUOUS_MONTHS,
    APOS,
    DAY_NUMBER,
    HOLIDAYS,
    MONTH_ANY,
    MONTH_FULL,
    ORDINAL,
    PART_OF_DAY,
    PARTS_OF_DAY,
    SEASON,
    SEASONS,
    SMALL,
    SMALL_NUMBERS,
    TENS,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    B,
    month_number,
    parse_number,
    parse_ordinal,
)
from eventwire.annotate.time_state import Ctx, Found, Rule, compile_rule
from eventwire.annotate.time_values import Point, holiday_date, pick, season_point

# Modifiers that narrow a period without changing its TIMEX3 value ("late 2023", "the end of March").
MOD = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|rest|remainder|turn|first\s+half|second\s+half|"
    r"latter\s+half|last\s+half|early\s+part|later\s+part|latter\s+part|bulk)\s+of\s+|"
    r"(?:the\s+)?(?:early|earlier|late|later|mid|middle)(?:-|\s+))"
)
SPELLED_YEAR = rf"(?:nineteen[-\s]+(?:hundred|(?:{SMALL})))"
# A past-tense sentence may still name a date a little ahead ("the vote was set for Dec. 5").
PAST_SLACK_DAYS = 31
FUTURE_SLACK_DAYS = 7
# A future-tense quarter or half means the next one only when it begins within this many days.
UPCOMING_PERIOD_DAYS = 183
# Two-digit years up to this many years past the document year are read as this century.
TWO_DIGIT_YEAR_AHEAD = 10
# What follows a four-digit number that makes it a count, not a year: a percentage, a unit, or a
# plural noun ("2000 troops"; a year modifies singular nouns: "the 1996 law").
NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|km|kg|mph|[-–]\s*(?:mile|km|meter|metre|foot|page|point|member|strong|year|day)\b|"
    r"(?:men|women|people|children|feet|sq)\b|[a-z]+[^su\W]s\b)"
)
NOT_YEAR_BEFORE = re.compile(
    r"(?:[$€£#]|\bNo\.|\bnumber|\bRoom|\broute|\bFlight|\bBoeing|\bAirbus|\bsee|\bpage|\bp\.)\s*$", re.I
)
# Prepositions that make a bare four-digit number a year even where the parse thinks it a count.
YEAR_PREPOSITION = re.compile(
    r"\b(?:in|since|by|until|till|from|before|after|during|through|early|late|mid|fiscal|year|circa)\s+$",
    re.I,
)


def _capitalised_month(m: re.Match, c: Ctx) -> bool:
    """A standalone "may"/"march" must be capitalised and not start a sentence to be a month."""
    word = m.group("mon")
    if word.lower().rstrip(".") in AMBIGUOUS_MONTHS:
        if not word[0].isupper():
            return False
        start = m.start("mon")
        sent_start, _ = c.tenses.sentence(start)
        if c.text[sent_start:start].strip() == "" and word.lower() == "may":
            return False
    return True


def _explicit_year(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip()
    if text.isdigit():
        return int(text)
    return _spelled_year(text)


def _spelled_year(text: str) -> int | None:
    words = text.lower().replace("-", " ").split()
    if words and words[0] == "nineteen":
        rest = words[1:]
        if rest == ["hundred"]:
            return 1900
        value = parse_number(" ".join(rest))
        return 1900 + int(value) if value is not None and value < 100 else None
    value = parse_number(" ".join(w for w in words if w not in ("the", "year")))
    return int(value) if value and 1000 <= value <= 2100 else None


def _choose(c: Ctx, make, slack_past: int = 0, slack_future: int = 0, rel: str | None = None) -> Point | None:
    """The occurrence of ``make(year)`` meant relative to the DCT: by ``rel`` (last/next/this) or tense."""
    if c.dct is None:
        return None
    candidates = [p for p in (make(y) for y in (c.dct.year - 1, c.dct.year, c.dct.year + 1)) if p is not None]
    if not candidates:
        return None
    rel = (rel or "").lower().split()
    if rel and rel[-1] in ("last", "past", "previous"):
        earlier = [p for p in candidates if p.end < c.dct]
        return max(earlier, key=lambda p: p.start) if earlier else candidates[0]
    if rel and rel[-1] in ("next", "coming"):
        later = [p for p in candidates if p.start > c.dct]
        return min(later, key=lambda p: p.start) if later else candidates[-1]
    if rel and rel[-1] == "this":
        return next((p for p in candidates if p.start.year == c.dct.year), candidates[1])
    tense = c.tense()
    slack = slack_past if tense == PAST else slack_future
    return pick(candidates, c.dct, tense, slack)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_point(c: Ctx, month: int, day: int, year: int | None) -> Found | None:
    if year is not None:
        d = _safe_date(year, month, day)
        return c.date(Point(d, "day"), "absolute") if d else None
    if _safe_date(2000, month, day) is None:
        return None
    anchored = _anchor_with_date(c, month, day)
    if anchored:
        return anchored
    if c.dct is None:
        return Found("DATE", f"XXXX-{month:02d}-{day:02d}", None)

    def make(y: int) -> Point | None:
        d = _safe_date(y, month, day)
        return Point(d, "day") if d else None

    return c.date(_choose(c, make, PAST_SLACK_DAYS, FUTURE_SLACK_DAYS), "dct")


def _anchor_with_date(c: Ctx, month: int, day: int) -> Found | None:
    """ "the October 7 attack": a day-month inside a known event's name takes the event's year."""
    for start, end, event_id, when in c.anchor_spans:
        if start <= c.start and c.end <= end and (when.month, when.day) == (month, day):
            c.last_anchor = event_id
            return c.date(Point(when, "day"), f"anchor:{event_id}")
    return None


def _month_day(m: re.Match, c: Ctx) -> Found | None:
    month = month_number(m.group("mon"))
    day = int(re.sub(r"\D", "", m.group("day")))
    return day_point(c, month, day, _explicit_year(m.group("year")))


def _numeric_date(m: re.Match, c: Ctx) -> Found | None:
    groups = m.groupdict()
    year = int(groups["y"])
    if year < 100:
        pivot = (c.dct.year if c.dct else 2000) % 100 + TWO_DIGIT_YEAR_AHEAD
        year += 2000 if year <= pivot else 1900
    a, b = int(groups["a"]), int(groups["b"])
    month, day = (a, b) if groups.get("order") != "dmy" and a <= 12 else (b, a)
    d = _safe_date(year, month, day)
    return c.date(Point(d, "day"), "absolute") if d else None


def _iso_date(m: re.Match, c: Ctx) -> Found | None:
    d = _safe_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    if d is None:
        return None
    if m.group("h"):
        return Found("TIME", f"{d.isoformat()}T{m.group('h')}:{m.group('mi')}", "absolute", Point(d, "day"))
    return c.date(Point(d, "day"), "absolute")


def _month_year(m: re.Match, c: Ctx) -> Found | None:
    year = _explicit_year(m.group("year"))
    return c.date(Point(date(year, month_number(m.group("mon")), 1), "month"), "absolute") if year else None


def _month_alone(m: re.Match, c: Ctx) -> Found | None:
    month = month_number(m.group("mon"))
    yrel = (m.group("yrel") or "").lower()
    if yrel and c.dct:
        year = c.dct.year + {"last": -1, "next": 1}.get(yrel, 0)
        return c.date(Point(date(year, month, 1), "month"), "dct")
    point = _choose(c, lambda y: Point(date(y, month, 1), "month"), rel=m.group("rel"))
    return c.date(point, "dct", "month") if point else Found("DATE", f"XXXX-{month:02d}", None)


def _year(m: re.Match, c: Ctx) -> Found | None:
    return c.date(Point(date(int(m.group("year")), 1, 1), "year"), "absolute")


def _check_year(m: re.Match, c: Ctx) -> bool:
    start, end = m.start("year"), m.end("year")
    after = c.text[end : end + 30]
    before = c.text[max(0, start - 12) : start]
    if NOT_YEAR_BEFORE.search(before) or re.match(r"\s*(?:[-–/:]\s*\d|\.\d|,\d{3})", after):
        return False
    if m.group("mod") or m.group("fy") or YEAR_PREPOSITION.search(before):
        return True
    doc = c.tenses.doc
    if doc is not None:
        span = doc.char_span(start, end)
        if span is not None and len(span) == 1:
            token = span[0]
            if token.ent_type_ in ("MONEY", "QUANTITY", "PERCENT"):
                return False
            if token.dep_ == "nummod" and token.head.i > token.i:
                return token.head.tag_ not in ("NNS", "NNPS")
    return not NOT_YEAR_AFTER.match(after)


def _spelled(m: re.Match, c: Ctx) -> Found | None:
    year = _spelled_year(m.group("y"))
    return c.date(Point(date(year, 1, 1), "year"), "absolute") if year else None


def _decade(m: re.Match, c: Ctx) -> Found | None:
    text = m.group("dec").lower()
    digits = re.sub(r"\D", "", text)
    if len(digits) == 4:
        year = int(digits)
    elif len(digits) == 2:
        century = 1900 if not c.dct or int(digits) > c.dct.year % 100 else 2000
        year = century + int(digits)
    else:
        word = text.split()[-1].rstrip("s").replace("ie", "y")
        year = 1900 + TENS.get(word, 0)
        if year == 1900:
            return None
    return c.date(Point(date(year, 1, 1), "decade"), "absolute")


def _century(m: re.Match, c: Ctx) -> Found | None:
    n = parse_ordinal(m.group("ord"))
    if not n or n < 1 or n > 21:
        return None
    return Found("DATE", f"{n - 1:02d}", "absolute", Point(date(max(1, (n - 1) * 100), 1, 1), "century"))


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
    point = _reported_period(c, lambda y: Point(date(y, 3 * q - 2, 1), "quarter"))
    return c.date(point, "dct", "quarter") if point else Found("DATE", f"XXXX-Q{q}", None)


def _reported_period(c: Ctx, make) -> Point | None:
    """Quarters and halves are reported once begun: the latest one that has started, or in a
    future-tense clause the next one when it starts soon ("expects first-quarter sales to rise")."""
    if c.dct is None:
        return None
    candidates = [make(y) for y in (c.dct.year - 1, c.dct.year, c.dct.year + 1)]
    started = max((p for p in candidates if p.start <= c.dct), key=lambda p: p.start)
    upcoming = min((p for p in candidates if p.start > c.dct), key=lambda p: p.start)
    if c.tense() == FUTURE and (upcoming.start - c.dct).days <= UPCOMING_PERIOD_DAYS:
        return upcoming
    return started


def _half(m: re.Match, c: Ctx) -> Found | None:
    h = 1 if m.group("h").lower() in ("first", "early") else 2
    year = _explicit_year(m.group("y"))
    if year is not None:
        return c.date(Point(date(year, 6 * h - 5, 1), "half"), "absolute")
    if c.dct is None:
        return Found("DATE", f"XXXX-H{h}", None)
    if m.group("yrel"):
        year = c.dct.year + {"last": -1, "next": 1}.get(m.group("yrel").lower(), 0)
        return c.date(Point(date(year, 6 * h - 5, 1), "half"), "dct")
    return c.date(_reported_period(c, lambda y: Point(date(y, 6 * h - 5, 1), "half")), "dct")


def _season(m: re.Match, c: Ctx) -> Found | None:
    code = SEASONS[m.group("s").lower()]
    year = _explicit_year(m.group("y"))
    if year:
        return c.date(season_point(year, code), "absolute")
    point = _choose(c, lambda y: season_point(y, code), rel=m.group("rel"))
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
    year = _explicit_year(m.group("y"))
    if year:
        return c.date(Point(holiday_date(rule, year), "day"), "absolute")
    point = _choose(c, lambda y: Point(holiday_date(rule, y), "day"), rel=m.group("rel"))
    return c.date(point, "dct")


def weekday_point(c: Ctx, weekday: int, rel: str, tense: str | None) -> Point | None:
    if c.dct is None:
        return None
    delta = (weekday - 1) - c.dct.weekday()  # -6..6 within the DCT's week
    back, ahead = (delta % 7) - 7 if delta % 7 else 0, delta % 7
    rel = rel.lower().split()[-1] if rel else ""
    if rel in ("last", "past", "previous"):
        days = back or -7
    elif rel in ("next", "coming"):
        days = ahead or 7
    elif rel == "this":
        days = delta
    elif tense == PAST:
        days = back
    elif tense == FUTURE:
        days = ahead
    else:
        days = back if -back <= ahead else ahead
    return Point(c.dct + timedelta(days=days), "day")


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


def _capitalised(group: str):
    def check(m: re.Match, c: Ctx) -> bool:
        return m.group(group)[0].isupper()

    return check


YEAR_OR_SPELLED = rf"(?:{YEAR}|{SPELLED_YEAR})"
HOLIDAY = (
    "(?:"
    + "|".join(
        sorted((re.escape(h).replace("'", APOS).replace(r"\ ", r"\s+") for h in HOLIDAYS), key=len, reverse=True)
    )
    + ")"
)
WEEKDAY_PREFIX = rf"(?:{WEEKDAY},?\s+(?:the\s+)?)"
SMALL_WORDS = "|".join(SMALL_NUMBERS)


def _week_of(m: re.Match, c: Ctx) -> Found | None:
    found = _month_day(m, c)
    if found is None or found.point is None:
        return found
    return c.date(found.point.at("week"), found.anchor or "absolute")


CALENDAR_RULES: list[Rule] = [
    compile_rule(
        "week_of",
        rf"{B}the\s+week\s+of\s+(?P<mon>{MONTH_ANY})\s*(?P<day>{DAY_NUMBER})(?:,?\s+(?P<year>{YEAR}))?(?!\w)",
        _week_of,
        _capitalised_month,
        triggers=("month",),
    ),
    compile_rule(
        "iso_date",
        rf"{B}(?P<y>{YEAR})-(?P<mo>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?:T(?P<h>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::\d\d)?)?(?![\d-])",
        _iso_date,
    ),
    compile_rule("slash_date", rf"{B}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})(?![\d/])", _numeric_date),
    compile_rule(
        "dotted_date", rf"{B}(?P<a>\d{{1,2}})\.(?P<b>\d{{1,2}})\.(?P<y>{YEAR})(?![\d.])(?P<order>)", _numeric_date
    ),
    compile_rule(
        "month_day",
        rf"{B}{WEEKDAY_PREFIX}?(?P<mon>{MONTH_ANY})\s*(?P<day>{DAY_NUMBER})(?![\d:,.]\d|\s*(?:%|percent))"
        rf"(?:(?:,\s*|\s+)(?P<year>{YEAR_OR_SPELLED})(?!\d))?(?!\w)",
        _month_day,
        _capitalised_month,
        triggers=("month",),
    ),
    compile_rule(
        "day_month",
        rf"{B}{WEEKDAY_PREFIX}?(?:the\s+)?(?P<day>{DAY_NUMBER})(?:\s+of)?\s+(?P<mon>{MONTH_ANY})(?:,?\s+(?P<year>{YEAR})(?!\d))?(?!\w)",
        _month_day,
        _capitalised_month,
        triggers=("month",),
    ),
    compile_rule(
        "month_year",
        rf"{B}{MOD}?(?P<mon>{MONTH_ANY})(?:\s+of|,)?\s+(?P<year>{YEAR_OR_SPELLED})(?![\w-])",
        _month_year,
        _capitalised_month,
        triggers=("month",),
    ),
    compile_rule(
        "month",
        rf"{B}(?:(?P<rel>last|next|this|this\s+past|this\s+coming|(?:the\s+)?(?:early|late|mid|middle)[-\s]*)\s*|{MOD})?"
        rf"(?P<mon>{MONTH_FULL}|Sept\.)(?:\s+(?P<yrel>last|this|next)\s+year)?(?![\w-])",
        _month_alone,
        _capitalised_month,
        triggers=("month",),
    ),
    compile_rule(
        "year",
        rf"{B}(?P<mod>{MOD})?(?:(?P<fy>fiscal(?:\s+year)?|FY)\s*)?(?P<year>{YEAR})(?![\w%]|[.,]\d)",
        _year,
        _check_year,
    ),
    compile_rule("spelled_year", rf"{B}(?P<y>{SPELLED_YEAR})(?!\w)", _spelled, triggers=("spelled",)),
    compile_rule(
        "the_year_spelled",
        rf"{B}the\s+year\s+(?P<y>two\s+thousand(?:\s+(?:and\s+)?(?:{SMALL_WORDS}))?)(?!\w)",
        _spelled,
        triggers=("spelled",),
    ),
    compile_rule(
        "decade",
        rf"{B}{MOD}?(?:the\s+)?(?P<dec>(?:1\d|20)\d0{APOS}?s|{APOS}\d0s|(?:nineteen[-\s]+)?(?:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))(?!\w)",
        _decade,
        triggers=("decade", "digit"),
    ),
    compile_rule(
        "century", rf"{B}{MOD}?(?:the\s+)?(?P<ord>{ORDINAL})[-\s]+century(?!\w)", _century, triggers=("century",)
    ),
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
        _capitalised("h"),
        triggers=("holiday",),
    ),
    compile_rule(
        "weekday",
        rf"{B}(?:(?P<rel>last|next|this|this\s+past|this\s+coming|coming|past|(?:early|late|earlier|later)(?:\s+(?:on\s+)?(?:last|next|this))?)\s+)?"
        rf"(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PART_OF_DAY}))?(?:\s+(?P<wrel>last|next|this)\s+week)?(?!\w)",
        _weekday,
        _capitalised("wd"),
        triggers=("weekday",),
    ),
]
