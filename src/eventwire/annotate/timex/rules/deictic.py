"""Rules for expressions that point from now or from the last date mentioned: "yesterday", "last week",
"this month", "now", "the next day", "that year", "the year-ago quarter", "the quarter".

Deictic expressions count from the document date; narrative ones ("the next day") from the
reference time, the last date the text mentioned.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.annotate.timex.context import PAST
from eventwire.annotate.timex.lexicon import (
    PARTS_OF_DAY,
    B,
)
from eventwire.annotate.timex.state import Ctx, Found, Rule, compile_rule
from eventwire.annotate.timex.values import Point, duration_value, shift

# Days from the document date.
DAY_OFFSETS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2,
}  # fmt: skip

# Words for the present, past and future as such (TIMEX3 PRESENT_REF, PAST_REF, FUTURE_REF).
REF_WORDS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF", "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "current": "PRESENT_REF", "these days": "PRESENT_REF", "present": "PRESENT_REF", "the present": "PRESENT_REF",
    "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF", "the future": "FUTURE_REF", "the near future": "FUTURE_REF",
    "the distant future": "FUTURE_REF", "the foreseeable future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF", "the longer term": "FUTURE_REF",
    "as soon as possible": "FUTURE_REF",
}  # fmt: skip

# Relative words before a unit, as a step from the DCT; "anaphoric" ones step from the reference time.
STEP_WORDS = {
    "this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1, "the past": -1,
    "the last": -1, "this past": -1, "next": 1, "coming": 1, "the next": 1, "the coming": 1, "this coming": 1,
}  # fmt: skip

ANAPHORIC_STEPS = {
    "the following": 1,
    "the previous": -1,
    "the preceding": -1,
    "the prior": -1,
    "that": 0,
    "the same": 0,
    "that same": 0,
}

# Unit word -> granularity of the period it names.
UNIT_GRAN = {"week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter", "year": "year",
             "fiscal year": "year", "decade": "decade", "century": "century", "day": "day"}  # fmt: skip


def _deictic_day(m: re.Match, c: Ctx) -> Found | None:
    word = re.sub(r"\s+", " ", m.group("w").lower())
    point = shift(c.today, DAY_OFFSETS[word], "day") if c.today else None
    pod = m.group("pod") or ("night" if word == "tonight" else None)
    if pod:
        code = PARTS_OF_DAY[pod.lower()]
        return Found("TIME", f"{point.value if point else 'XXXX-XX-XX'}T{code}", "dct" if point else None, point)
    return c.date(point, "dct")


def _part_of_day(m: re.Match, c: Ctx) -> Found | None:
    offset = -1 if m.group("rel").lower() in ("last", "yesterday") else 1 if m.group("rel").lower() == "tomorrow" else 0
    point = shift(c.today, offset, "day") if c.today else None
    code = PARTS_OF_DAY[m.group("pod").lower()]
    return Found("TIME", f"{point.value if point else 'XXXX-XX-XX'}T{code}", "dct" if point else None, point)


def _ref_word(m: re.Match, c: Ctx) -> Found | None:
    return Found("DATE", REF_WORDS[re.sub(r"\s+", " ", m.group("w").lower())], "dct")


# "current account", "current affairs": uses of "current" that do not mean "now".
_NOT_TEMPORAL_CURRENT = re.compile(
    r"\s+(?:accounts?|affairs|assets|liabilities|events|ratio|sea|flow|speed|strength)\b", re.I
)


def _check_ref_word(m: re.Match, c: Ctx) -> bool:
    after = c.text[m.end() : m.end() + 6]
    word = m.group("w").lower()
    if word == "now" and re.match(r"-\w|\s+(?:that|on\b)", after):
        return False
    if word == "current" and (not m.group("w").islower() or _NOT_TEMPORAL_CURRENT.match(c.text, m.end())):
        return False
    return not (word.endswith("future") and re.match(r"\s+of\b", after))


def _weekend_point(c: Ctx, step: int | None) -> Point | None:
    if c.today is None:
        return None
    saturday = c.dct + timedelta(days=5 - c.dct.weekday())
    if step is None:
        tense = c.tense()
        if tense in (PAST, None) and c.dct.weekday() < 5:
            saturday -= timedelta(days=7)
    else:
        saturday += timedelta(days=7 * step)
    return Point(saturday, "weekend")


def _rel_unit(m: re.Match, c: Ctx) -> Found | None:
    rel = re.sub(r"\s+", " ", m.group("rel").lower())
    unit = re.sub(r"\s+", " ", m.group("unit").lower())
    gran = UNIT_GRAN[unit]
    if rel in ANAPHORIC_STEPS:
        base, anchor = c.reference()
        step = ANAPHORIC_STEPS[rel]
        same = c.last_of(gran)
        if same is not None:
            base, anchor = same, f"ref:{same.value}"
    else:
        base, anchor, step = c.today, "dct", STEP_WORDS[rel]
        if rel.startswith("the ") and step and unit in ("decade", "century"):
            return Found("DURATION", duration_value(1, unit), "absolute")
    if unit == "weekend":
        if rel in ANAPHORIC_STEPS:
            return c.date(base.at("weekend") if base else None, anchor, "weekend")
        return c.date(_weekend_point(c, None if rel == "this" else step), "dct", "weekend")
    if unit == "day":  # "the next day", "the previous day": a narrative step from the reference time
        base, anchor = c.reference()
        return c.date(shift(base, step, "day") if base else None, anchor)
    if base is None:
        return c.date(None, anchor, gran)
    point = shift(base.at(gran), step, "year" if unit == "fiscal year" else unit, gran)
    return c.date(point, anchor, gran)


def _mod_the_unit(m: re.Match, c: Ctx) -> Found | None:
    gran = UNIT_GRAN[m.group("unit").lower()]
    return c.date(c.today.at(gran) if c.today else None, "dct", gran)


def _anaphoric(m: re.Match, c: Ctx) -> Found | None:
    rel = re.sub(r"\s+", " ", (m.groupdict().get("rel") or "").lower())
    what = (m.group("what") or m.groupdict().get("bare")).lower()
    base, anchor = c.reference()
    step = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1, "the prior": -1}.get(rel, 0)
    if m.groupdict().get("ba"):
        step = -1 if m.group("ba").lower() == "before" else 1
        following = c.following(m.end()) if c.following else None
        if following is not None and following.point is not None:  # "the day before last Tuesday"
            gran = UNIT_GRAN[what]
            found = c.date(shift(following.point.at(gran), step, what, gran), following.anchor or "absolute", gran)
            found.end = following.end
            return found
    if base is None:
        return c.date(None, anchor, "day")
    if what in PARTS_OF_DAY:
        point = shift(base, step, "day")
        return Found("TIME", f"{point.value}T{PARTS_OF_DAY[what]}", anchor, point)
    gran = UNIT_GRAN[what]
    return c.date(shift(base.at(gran), step, what, gran), anchor, gran)


def _year_back(m: re.Match, c: Ctx) -> Found | None:
    """ "year-earlier", "the year-ago quarter": the period just compared, one year back."""
    phrase = m.group(0).lower()
    hint = next((g for g in ("quarter", "month", "week") if g in phrase), None)
    mirror = c.recent_comparable(hint)
    if mirror is not None:
        return c.year_before(mirror)
    return c.date(shift(c.today.at("year"), -1, "year") if c.today else None, "dct", "year")


# "the quarter ended Sept. 30": the date that closes the period.
_ENDED = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|through)\s+", re.I)


def _quarter_ref(m: re.Match, c: Ctx) -> Found | None:
    """ "the quarter": the quarter ending on the date that follows ("the quarter ended Sept. 30"), the
    last completed one for "the latest quarter", else the quarter last mentioned."""
    which = re.sub(r"\s+", " ", (m.group("which") or "").lower())
    if c.today is None:
        return Found("DATE", "XXXX-QX", None)
    if m.group("latest"):  # "the latest period": the quarter being reported on
        last = c.last_of("quarter")
        if last is not None:
            return c.date(last, f"ref:{last.value}")
        which = "latest"
    ended = _ENDED.match(c.text, m.end())
    following = c.following(ended.end()) if ended and c.following else None
    if following is not None and following.point is not None:
        return c.date(following.point.at("quarter"), following.anchor or "absolute")
    if which == "current":
        return c.date(c.today.at("quarter"), "dct")
    completed = shift(c.today.at("quarter"), -1, "quarter")
    if which in ("latest", "most recent", "recent"):
        return c.date(completed, "dct")
    last = c.last_of("quarter")
    if last is not None:
        step = -1 if which in ("previous", "prior", "preceding") else 0
        return c.date(shift(last, step, "quarter"), f"ref:{last.value}")
    return c.date(completed, "dct")


def _year_period(m: re.Match, c: Ctx) -> Found | None:
    """ "the 1988 quarter": the quarter last spoken of, in the year named; else that year."""
    year = int(m.group("year"))
    last = c.last_of("quarter") or c.last_of("half")
    if last is not None:
        found = c.date(Point(last.day.replace(year=year, day=1), last.gran), f"ref:{last.value}")
        found.point = None
        return found
    return c.date(Point(date(year, 1, 1), "year"), "absolute")


DEICTIC_RULES: list[Rule] = [
    compile_rule(
        "deictic_day",
        rf"{B}(?:(?:early|late|earlier|later)\s+)?(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)"
        rf"(?:\s+(?P<pod>morning|afternoon|evening|night))?(?!\w)",
        _deictic_day,
        triggers=("deictic",),
    ),
    compile_rule(
        "part_of_day",
        rf"{B}(?:(?:early|late)\s+)?(?P<rel>this|last|yesterday|tomorrow)\s+(?P<pod>morning|afternoon|evening|night)(?!\w)",
        _part_of_day,
        triggers=("deictic",),
    ),
    compile_rule(
        "ref_word",
        rf"{B}(?P<w>right\s+now|just\s+now|now|currently|current|nowadays|these\s+days|(?<=at\s)present|recently|lately|"
        rf"the\s+past|the\s+(?:near|distant|foreseeable)\s+future|the\s+future|the\s+(?:near|short|long|longer)\s+term|as\s+soon\s+as\s+possible)(?![\w-])",
        _ref_word,
        _check_ref_word,
        triggers=("ref",),
    ),
    compile_rule(
        "rel_unit",
        rf"{B}(?:(?:the\s+)?(?:early|earlier|late|later|mid|middle)(?:-|\s+)|(?:the\s+)?(?:end|beginning|start|middle|rest|remainder)\s+of\s+)?"
        r"(?P<rel>this\s+past|this\s+coming|the\s+(?:past|last|next|coming|current|following|previous|preceding|prior|same)|this|last|next|past|coming|current|previous|that\s+same|that)\s+"
        r"(?P<unit>day|week|weekend|month|quarter|year|fiscal\s+year|decade|century)(?:\s+or\s+so)?(?![\w-])",
        _rel_unit,
        triggers=("unit",),
    ),
    compile_rule(
        "the_weekend",
        r"(?<![\w-])the\s+weekend(?![\w-])",
        lambda m, c: c.date(_weekend_point(c, None), "dct", "weekend"),
        triggers=("unit",),
    ),
    compile_rule(
        "mod_the_unit",
        r"(?<![\w-])(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|rest|remainder|turn)\s+of\s+the\s+"
        r"(?P<unit>year|month|week|quarter|decade|century)(?![\w-])",
        _mod_the_unit,
        triggers=("unit",),
    ),
    compile_rule(
        "unit_end",
        r"(?<![\w-])(?:the\s+)?(?P<unit>year|month|quarter)(?:[-\s]|['’]s\s+)end(?![\w-])",
        _mod_the_unit,
        triggers=("unit",),
    ),
]

# Narrative references and comparisons; tried after the clock rules.
REFERENCE_RULES: list[Rule] = [
    compile_rule(
        "anaphoric",
        r"(?<![\w-])(?:(?:earlier|later|early|late)\s+)?(?P<rel>that\s+same|that|the\s+same|the\s+next|the\s+following|the\s+previous|the\s+preceding|the\s+prior)\s+"
        r"(?P<what>day|morning|afternoon|evening|night)(?![\w-])",
        _anaphoric,
        triggers=("unit", "deictic"),
    ),
    compile_rule(
        "day_before_after",
        r"(?<![\w-])(?:the\s+(?P<what>day|week)|(?<!\b[Aa]\s)(?<!\bone\s)(?P<bare>day))\s+(?P<ba>before|after)(?!\s+(?:yesterday|tomorrow))(?![\w-])",
        _anaphoric,
        triggers=("unit",),
    ),
    compile_rule(
        "year_back",
        r"(?<![\w-])(?:the\s+)?(?:comparable\s+|corresponding\s+|same\s+)?(?:year[-\s]earlier|year[-\s]ago|prior[-\s]year|year[-\s]before)"
        r"(?:\s+(?:first|second|third|fourth|fiscal)?\s*(?:quarter|period|month|week))?(?![\w-])",
        _year_back,
        triggers=("unit",),
    ),
    compile_rule(
        "year_ago_period",
        r"(?<![\w-])(?:last\s+year['’]s\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)|the\s+(?:same|corresponding|comparable)\s+"
        r"(?:quarter|period)\s+(?:of\s+)?(?:last\s+year|a\s+year\s+(?:ago|earlier)))(?![\w-])",
        _year_back,
        triggers=("unit",),
    ),
    compile_rule(
        "year_period",
        r"(?<![\w-])the\s+(?P<year>1\d{3}|20\d\d)\s+(?:period|quarter)(?![\w-])",
        _year_period,
        triggers=("digit",),
    ),
    compile_rule(
        "quarter_ref",
        r"(?<![\w-])(?:the|that|its|this)\s+(?:(?:(?P<which>latest|current|most\s+recent|recent|previous|prior|preceding|same|comparable|fiscal)\s+)?quarter"
        r"|(?P<latest>latest|most\s+recent)\s+period)(?![\w-])",
        _quarter_ref,
        lambda m, c: m.group(0).islower() or m.group(0)[0].isupper() and m.group(0)[1:].islower(),
        triggers=("unit",),
    ),
]
