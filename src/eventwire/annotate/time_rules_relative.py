"""Rules for relative expressions: yesterday, last week, three days ago, in two weeks, two months before …

Deictic expressions ("last week") count from the document date; narrative ones ("two days later",
"the next day") from the reference time, the last date the text mentioned.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.annotate.time_context import FUTURE, PAST, PRESENT
from eventwire.annotate.time_lexicon import (
    APOS,
    DAY_NUMBER,
    MONTH_ANY,
    MONTHS,
    NUMBER,
    PARTS_OF_DAY,
    SEASONS,
    UNIT_PLURAL,
    VAGUE,
    VAGUE_QUANTITIES,
    WEEKDAYS,
    B,
    month_number,
    parse_number,
)
from eventwire.annotate.time_rules_calendar import day_point, weekday_point
from eventwire.annotate.time_state import Ctx, Found, Rule, compile_rule
from eventwire.annotate.time_values import Point, duration_value, shift

DAY_OFFSETS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2,
}  # fmt: skip
REF_WORDS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF", "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "present": "PRESENT_REF", "the present": "PRESENT_REF",
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
UNIT_GRAN = {"week": "week", "weekend": "weekend", "month": "month", "quarter": "quarter", "year": "year",
             "fiscal year": "year", "decade": "decade", "century": "century", "day": "day"}  # fmt: skip
SET_ADVERBS = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "fortnightly": "P2W", "monthly": "P1M",
    "bimonthly": "P2M", "yearly": "P1Y", "annually": "P1Y", "biannually": "P6M",
    "semiannually": "P6M", "hourly": "PT1H",
}  # fmt: skip
# A superlative before "in two years" makes it a span ("the highest level in two years"), not a date ahead.
SUPERLATIVE_BEFORE = re.compile(r"\b(?:\w+est|first|most|least|best|worst|biggest|only)\b(?:\W+\w+){0,6}\W+$", re.I)
# Money or a count right before "a year"/"per day" makes it a rate (a SET), not a duration.
RATE_BEFORE = re.compile(
    r"(?:\d|%|\bdollars?|\bcents?|\beuros?|\bpounds?|\btimes|\btwice|\bonce|\bthrice|\bbarrels|\btons|\bpeople)\S*\s*$",
    re.I,
)
DURATION_MODS = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|over(?!\s+(?:the|its|their|his|her|our|these|those)\b)|more\s+than|less\s+than|fewer\s+than|at\s+least|"
    r"at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|under|just|only|barely|within|another|an\s+additional|"
    r"a\s+further|upwards\s+of|close\s+to|well\s+over|well\s+under|the\s+better\s+part\s+of)"
)
DURATION_DETERMINERS = (
    r"(?:(?:the|its|their|his|her|our|these|those)\s+)?(?:(?:past|last|next|first|final|coming|previous|preceding|following|"
    r"remaining|latest|initial|ensuing|same|entire|whole|full|additional|further|subsequent)\s+)?"
)
QUANTITY = rf"(?:{NUMBER}|{VAGUE}|a|an|a\s+couple\s+of|a\s+dozen|dozens\s+of)"
# "the quarter ended Sept. 30": the date that closes the period.
_ENDED = re.compile(r"\s+(?:that\s+|which\s+)?(?:ended|ending|ends|through)\s+", re.I)
# A clock time without a day belongs to the date mentioned just before it, if that is this close.
CLOCK_REF_WINDOW = 300
UNIT_ADJECTIVES = r"(?:(?:more|additional|long|straight|consecutive|successive|full|trading|business|working|calendar|school|court)[-\s]+)"


def _unit(word: str) -> str:
    word = word.lower().replace("-", " ").split()[-1]
    if word.startswith("centur"):
        return "century"
    if word.startswith("millenni"):
        return "millennium"
    return word[:-1] if word.endswith("s") else word


def _amount(text: str | None) -> float | None:
    """Number in a quantity phrase; None for vague ones ("several"); 1 for "a"/"an"."""
    if text is None:
        return 1.0
    lower = re.sub(r"\s+", " ", text.lower())
    if lower in VAGUE_QUANTITIES:
        return None
    if lower in ("a couple of",):
        return 2.0
    if lower in ("a dozen",):
        return 12.0
    if lower == "dozens of":
        return None
    return parse_number(lower)


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


def _check_ref_word(m: re.Match, c: Ctx) -> bool:
    after = c.text[m.end() : m.end() + 6]
    word = m.group("w").lower()
    if word == "now" and re.match(r"-\w|\s+(?:that|on\b)", after):
        return False
    return not (word.endswith("future") and re.match(r"\s+of\b", after))


def _weekend_point(c: Ctx, step: int | None) -> Point | None:
    if c.today is None:
        return None
    saturday = c.dct + timedelta(days=5 - c.dct.weekday())
    if step is None:
        tense = c.tense()
        if tense == PAST and c.dct.weekday() < 5:
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


def _mirrored(c: Ctx, mirror: Point) -> Found:
    """The compared period one year back; it does not become the reference time."""
    found = c.date(shift(mirror, -1, "year", mirror.gran), f"ref:{mirror.value}")
    found.point = None
    return found


def _ago(m: re.Match, c: Ctx) -> Found | None:
    unit = _unit(m.group("unit"))
    amount = _amount(m.group("q"))
    if amount is None:
        return Found("DATE", "PAST_REF", "dct")
    if unit == "year" and amount == 1 and (mirror := c.recent_comparable()) is not None:
        return _mirrored(c, mirror)
    if c.today is None:
        return c.date(None, "dct", "day")
    return c.date(shift(c.today, -amount, unit), "dct")


def _from_now(m: re.Match, c: Ctx) -> Found | None:
    amount = _amount(m.group("q"))
    if amount is None:
        return Found("DATE", "FUTURE_REF", "dct")
    return c.date(shift(c.today, amount, _unit(m.group("unit"))) if c.today else None, "dct")


def _later_earlier(m: re.Match, c: Ctx) -> Found | None:
    unit = _unit(m.group("unit"))
    amount = _amount(m.group("q"))
    word = m.group("dir").lower()
    sign = -1 if word in ("earlier", "before", "previously") else 1
    base, anchor = c.reference()
    if amount is None:
        return Found("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor)
    if unit == "year" and amount == 1 and sign < 0 and (mirror := c.recent_comparable()) is not None:
        return _mirrored(c, mirror)
    return c.date(shift(base, sign * amount, unit) if base else None, anchor)


def _before_after(m: re.Match, c: Ctx) -> Found | None:
    """ "two months before X": X's date when known; the DCT + N when X is still ahead; else a duration."""
    unit = _unit(m.group("unit"))
    amount = _amount(m.group("q"))
    signal = m.group("sig").lower()
    following = c.following(m.end("sig")) if c.following else None
    sign = -1 if signal in ("before", "prior to", "ahead of") else 1
    if amount is not None and following is not None and following.point is not None:
        return c.date(shift(following.point, sign * amount, unit), following.anchor or "absolute")
    if amount is not None and sign < 0 and c.today is not None:
        after = c.tenses.tense_after(m.end("sig"))
        if after is None:
            after = c.tense()
        if after in (FUTURE, PRESENT):
            return c.date(shift(c.today, amount, unit), "dct")
    return Found("DURATION", duration_value(amount, unit), "absolute", end=m.end("dur"))


def _in_units(m: re.Match, c: Ctx) -> Found | None:
    unit = _unit(m.group("unit"))
    amount = _amount(m.group("q"))
    sentence_start, _ = c.tenses.sentence(c.start)
    if amount is None or SUPERLATIVE_BEFORE.search(c.text[sentence_start : m.start()]) or c.tense() == PAST:
        return Found("DURATION", duration_value(amount, unit), "absolute")
    return c.date(shift(c.today, amount, unit) if c.today else None, "dct")


def _duration(m: re.Match, c: Ctx) -> Found | None:
    unit = _unit(m.group("unit"))
    quantity = m.group("q").lower()
    amount = _amount(quantity)
    if quantity in ("a", "an") and RATE_BEFORE.search(c.preceding_text(24)):
        return Found("SET", duration_value(1, unit), "absolute")
    return Found("DURATION", duration_value(amount, unit), "absolute")


def _check_duration(m: re.Match, c: Ctx) -> bool:
    if m.group(0).lower().endswith("old"):  # an age ("6-year-old"), not a period of time
        return False
    return _check_quantity(m, c)


def _check_quantity(m: re.Match, c: Ctx) -> bool:
    """Refuse quantities that are not spans of time: "a second time", "a quarter of the votes", "1988 quarter"."""
    unit = _unit(m.group("unit"))
    quantity = m.group("q").lower()
    if re.fullmatch(r"1\d{3}|20\d\d", quantity) and not m.group("unit").lower().endswith("s"):
        return False  # "the 1988 quarter": a year, not 1,988 quarters
    if unit in ("second", "quarter") and quantity in ("a", "an", "one", "some", "several"):
        return False
    return not (unit == "quarter" and re.match(r"\s+of\s+(?!\d|fiscal|the\s+(?:year|fiscal))", c.text[m.end() :]))


def _vague_plural(m: re.Match, c: Ctx) -> Found | None:
    return Found("DURATION", duration_value(None, _unit(m.group("unit"))), "absolute")


def _check_vague_plural(m: re.Match, c: Ctx) -> bool:
    if m.group("mod"):
        return True
    return bool(
        re.search(
            r"\b(?:for|within|over|after|during|took|take|takes|taken|lasted|last|lasts|spent|spend|than|in)\s+$",
            c.preceding_text(12),
            re.I,
        )
    )


def _set_every(m: re.Match, c: Ctx) -> Found | None:
    what = m.group("what").lower()
    amount = 2.0 if (m.group("q") or "").lower() == "other" else _amount(m.group("q"))
    if what.rstrip("s") in WEEKDAYS:
        return Found("SET", f"XXXX-WXX-{WEEKDAYS[what.rstrip('s')]}", "absolute")
    if what in MONTHS:
        return Found("SET", f"XXXX-{MONTHS[what]:02d}", "absolute")
    if what in SEASONS:
        return Found("SET", f"XXXX-{SEASONS[what]}", "absolute")
    if what in PARTS_OF_DAY:
        return Found("SET", f"XXXX-XX-XXT{PARTS_OF_DAY[what]}", "absolute")
    if what == "weekend":
        return Found("SET", "XXXX-WXX-WE", "absolute")
    return Found("SET", duration_value(amount or 1, _unit(what)), "absolute")


def _set_adverb(m: re.Match, c: Ctx) -> Found | None:
    return Found("SET", SET_ADVERBS[m.group("w").lower()], "absolute")


def _set_frequency(m: re.Match, c: Ctx) -> Found | None:
    return Found("SET", duration_value(1, _unit(m.group("unit"))), "absolute")


def _set_weekdays(m: re.Match, c: Ctx) -> Found | None:
    return Found("SET", f"XXXX-WXX-{WEEKDAYS[m.group('wd').lower()[:-1]]}", "absolute")


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
        found = day_point(c, month_number(month), int(re.sub(r"\D", "", m.group("dd"))), None)
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


def _anaphoric(m: re.Match, c: Ctx) -> Found | None:
    rel = re.sub(r"\s+", " ", (m.groupdict().get("rel") or "").lower())
    what = m.group("what").lower()
    base, anchor = c.reference()
    step = {"the next": 1, "the following": 1, "the previous": -1, "the preceding": -1, "the prior": -1}.get(rel, 0)
    if m.groupdict().get("ba"):
        step = -1 if m.group("ba").lower() == "before" else 1
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
        return _mirrored(c, mirror)
    return c.date(shift(c.today.at("year"), -1, "year") if c.today else None, "dct", "year")


def _quarter_ref(m: re.Match, c: Ctx) -> Found | None:
    """ "the quarter": the quarter ending on the date that follows ("the quarter ended Sept. 30"), the
    last completed one for "the latest quarter", else the quarter last mentioned."""
    which = re.sub(r"\s+", " ", (m.group("which") or "").lower())
    if c.today is None:
        return Found("DATE", "XXXX-QX", None)
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


RELATIVE_RULES: list[Rule] = [
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
        rf"{B}(?P<w>right\s+now|just\s+now|now|currently|nowadays|these\s+days|(?<=at\s)present|recently|lately|"
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
    compile_rule(
        "ago",
        rf"{B}(?:(?:about|around|nearly|almost|some|more\s+than|less\s+than|over|just|only|roughly|barely)\s+)?(?:(?P<q>{QUANTITY})[-\s]+)?"
        rf"{UNIT_ADJECTIVES}?(?P<unit>{UNIT_PLURAL})(?:\s+or\s+so)?\s+ago(?!\w)",
        _ago,
        triggers=("unit",),
    ),
    compile_rule(
        "from_now",
        rf"{B}(?P<q>{QUANTITY})[-\s]+(?P<unit>{UNIT_PLURAL})\s+(?:from\s+now|hence)(?!\w)",
        _from_now,
        triggers=("unit",),
    ),
    compile_rule(
        "later_earlier",
        rf"{B}(?:(?:about|around|nearly|almost|some|more\s+than|less\s+than|just|only|roughly|barely)\s+)?(?P<q>{QUANTITY})[-\s]+{UNIT_ADJECTIVES}?"
        rf"(?P<unit>{UNIT_PLURAL})\s+(?P<dir>later|earlier|afterwards?|previously|before(?=\s*[,.;:)]|\s*$)|after(?=\s*[,.;:)]|\s*$))(?!\w)",
        _later_earlier,
        triggers=("unit",),
    ),
    compile_rule(
        "before_after",
        rf"{B}(?P<dur>(?:(?:about|around|nearly|almost|some|more\s+than|less\s+than|just|only|roughly|barely)\s+)?(?P<q>{QUANTITY})[-\s]+{UNIT_ADJECTIVES}?"
        rf"(?P<unit>{UNIT_PLURAL}))\s+(?P<sig>before|ahead\s+of|prior\s+to)(?=\s+\S)",
        _before_after,
        triggers=("unit",),
    ),
    compile_rule(
        "in_units",
        rf"(?<![\w-])in\s+(?P<x>(?:just\s+|about\s+|another\s+)?(?P<q>{QUANTITY})[-\s]+(?P<unit>{UNIT_PLURAL}))(?:{APOS}s?\s+time)?(?!\w)",
        _in_units,
        _check_quantity,
        triggers=("unit",),
    ),
    compile_rule(
        "duration",
        rf"{B}(?:{DURATION_MODS}\s+)?{DURATION_DETERMINERS}(?P<q>{QUANTITY})(?:\s*(?:to|or|-|–)\s*(?P<q2>{NUMBER}))?[-\s]+"
        rf"{UNIT_ADJECTIVES}?(?P<unit>{UNIT_PLURAL})(?:[-\s](?:long|old))?(?:\s+or\s+so)?(?!\w)",
        _duration,
        _check_duration,
        triggers=("unit",),
    ),
    compile_rule(
        "vague_plural",
        r"(?<![\w-])(?:(?P<mod>recent|coming|past|next|previous|following|ensuing|early|final|the\s+(?:past|last|next|coming|previous|following|ensuing|early|final|recent))\s+)?"
        r"(?P<unit>(?:second|minute|hour|day|week|month|year|decade|centurie)s)(?:\s+ahead)?(?![\w-])",
        _vague_plural,
        _check_vague_plural,
        triggers=("unit",),
    ),
    compile_rule(
        "set_every",
        rf"{B}(?:every|each|per)\s+(?:(?P<q>other|{NUMBER})\s+)?(?P<what>(?:second|minute|hour|day|week|month|quarter|year|decade)s?|"
        r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|january|february|march|april|may|june|july|august|september|"
        r"october|november|december|spring|summer|autumn|fall|winter|morning|afternoon|evening|night|weekend)(?!\w)",
        _set_every,
        triggers=("set",),
    ),
    compile_rule(
        "set_adverb",
        r"(?<![\w-])(?P<w>daily|nightly|weekly|biweekly|fortnightly|monthly|bimonthly|yearly|annually|biannually|semiannually|hourly)(?![\w-])",
        _set_adverb,
        lambda m, c: m.group("w").islower(),
        triggers=("set",),
    ),
    compile_rule(
        "set_frequency",
        rf"{B}(?:once|twice|thrice|(?:{NUMBER})\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>second|minute|hour|day|week|month|year|decade)(?!\w)",
        _set_frequency,
        triggers=("set",),
    ),
    compile_rule(
        "set_weekdays",
        r"(?<![\w-])(?P<wd>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)(?!\w)",
        _set_weekdays,
        triggers=("weekday",),
    ),
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
    compile_rule(
        "anaphoric",
        r"(?<![\w-])(?:(?:earlier|later|early|late)\s+)?(?P<rel>that\s+same|that|the\s+same|the\s+next|the\s+following|the\s+previous|the\s+preceding|the\s+prior)\s+"
        r"(?P<what>day|morning|afternoon|evening|night)(?![\w-])",
        _anaphoric,
        triggers=("unit", "deictic"),
    ),
    compile_rule(
        "day_before_after",
        r"(?<![\w-])the\s+(?P<what>day)\s+(?P<ba>before|after)(?!\s+(?:yesterday|tomorrow))(?![\w-])",
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
        r"(?<![\w-])(?:the|that|its|this)\s+(?:(?P<which>latest|current|most\s+recent|recent|previous|prior|preceding|same|comparable|fiscal)\s+)?quarter(?![\w-])",
        _quarter_ref,
        lambda m, c: m.group(0).islower() or m.group(0)[0].isupper() and m.group(0)[1:].islower(),
        triggers=("unit",),
    ),
]
