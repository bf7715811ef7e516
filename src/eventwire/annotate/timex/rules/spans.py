"""Rules for amounts of time: durations ("for three years"), offsets ("three days ago", "two months
later", "in two weeks", "two months before X") and sets ("every week", "daily").

Offsets count from the document date ("ago"), from the reference time ("later") or from the
expression that follows ("two days before Christmas").
"""

from __future__ import annotations

import re

from eventwire.annotate.timex.context import FUTURE, PRESENT
from eventwire.annotate.timex.lexicon import (
    APOS,
    MONTHS,
    NUMBER,
    PARTS_OF_DAY,
    SEASONS,
    UNIT_PLURAL,
    WEEKDAYS,
    B,
)
from eventwire.annotate.timex.quantities import (
    DURATION_DETERMINERS,
    DURATION_MODS,
    QUANTITY,
    UNIT_ADJECTIVES,
    amount_of,
    check_duration,
    check_quantity,
    unit_name,
)
from eventwire.annotate.timex.state import Ctx, Found, Rule, compile_rule
from eventwire.annotate.timex.values import duration_value, shift

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


def _ago(m: re.Match, c: Ctx) -> Found | None:
    unit = unit_name(m.group("unit"))
    amount = amount_of(m.group("q"))
    if amount is None:
        return Found("DATE", "PAST_REF", "dct")
    if unit == "year" and amount == 1 and (mirror := c.recent_comparable()) is not None:
        return c.year_before(mirror)
    if c.today is None:
        return c.date(None, "dct", "day")
    return c.date(shift(c.today, -amount, unit), "dct")


def _from_now(m: re.Match, c: Ctx) -> Found | None:
    amount = amount_of(m.group("q"))
    if amount is None:
        return Found("DATE", "FUTURE_REF", "dct")
    return c.date(shift(c.today, amount, unit_name(m.group("unit"))) if c.today else None, "dct")


def _later_earlier(m: re.Match, c: Ctx) -> Found | None:
    unit = unit_name(m.group("unit"))
    amount = amount_of(m.group("q"))
    word = m.group("dir").lower()
    sign = -1 if word in ("earlier", "before", "previously") else 1
    base, anchor = c.reference()
    if amount is None:
        return Found("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", anchor)
    if unit == "year" and amount == 1 and sign < 0 and (mirror := c.recent_comparable()) is not None:
        return c.year_before(mirror)
    return c.date(shift(base, sign * amount, unit) if base else None, anchor)


def _before_after(m: re.Match, c: Ctx) -> Found | None:
    """ "two months before X": counted back from X's date when X is a known date; the DCT + N when X is
    still ahead (the value is then X's time, as the main event is now); else a duration."""
    unit = unit_name(m.group("unit"))
    amount = amount_of(m.group("q"))
    signal = m.group("sig").lower()
    following = c.following(m.end("sig")) if c.following else None
    sign = -1 if signal in ("before", "prior to", "ahead of") else 1
    if amount is not None and following is not None and following.point is not None:
        return c.date(shift(following.point, sign * amount, unit), following.anchor or "absolute")
    if amount is not None and sign < 0 and c.today is not None:
        # "arrives two months before Biden hands over power": the later event is still ahead, so
        # it lies N units after the document date; with a noun ("before the vote") the main verb decides.
        is_clause, tense = c.tenses.clause_tense(m.start("sig"), m.end("sig"))
        if not is_clause:
            tense = c.tense()
        if tense in (FUTURE, PRESENT):
            return c.date(shift(c.today, amount, unit), "dct")
    return Found("DURATION", duration_value(amount, unit), "absolute", end=m.end("dur"))


def _in_units(m: re.Match, c: Ctx) -> Found | None:
    unit = unit_name(m.group("unit"))
    amount = amount_of(m.group("q"))
    sentence_start, _ = c.tenses.sentence(c.start)
    if (
        amount is None
        or SUPERLATIVE_BEFORE.search(c.text[sentence_start : m.start()])
        or c.tense() not in (FUTURE, PRESENT)
    ):
        return Found("DURATION", duration_value(amount, unit), "absolute")
    return c.date(shift(c.today, amount, unit) if c.today else None, "dct")


def _duration(m: re.Match, c: Ctx) -> Found | None:
    unit = unit_name(m.group("unit"))
    quantity = m.group("q").lower()
    amount = amount_of(quantity)
    if amount is not None and m.group("half"):  # "a minute and a half"
        amount += 0.5
    if quantity in ("a", "an") and RATE_BEFORE.search(c.preceding_text(24)):
        return Found("SET", duration_value(1, unit), "absolute")
    return Found("DURATION", duration_value(amount, unit), "absolute")


def _vague_plural(m: re.Match, c: Ctx) -> Found | None:
    return Found("DURATION", duration_value(None, unit_name(m.group("unit"))), "absolute")


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
    amount = 2.0 if (m.group("q") or "").lower() == "other" else amount_of(m.group("q"))
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
    return Found("SET", duration_value(amount or 1, unit_name(what)), "absolute")


def _set_adverb(m: re.Match, c: Ctx) -> Found | None:
    return Found("SET", SET_ADVERBS[m.group("w").lower()], "absolute")


def _set_frequency(m: re.Match, c: Ctx) -> Found | None:
    return Found("SET", duration_value(1, unit_name(m.group("unit"))), "absolute")


def _set_weekdays(m: re.Match, c: Ctx) -> Found | None:
    return Found("SET", f"XXXX-WXX-{WEEKDAYS[m.group('wd').lower()[:-1]]}", "absolute")


SPAN_RULES: list[Rule] = [
    compile_rule(
        "ago",
        rf"{B}(?:(?:about|around|nearly|almost|some|more\s+than|less\s+than|over|just|only|roughly|barely)\s+)?(?:(?P<q>{QUANTITY})[-\s]+)?"
        rf"{UNIT_ADJECTIVES}?(?P<unit>{UNIT_PLURAL})(?:\s+or\s+so)?\s+ago(?!\w)",
        _ago,
        triggers=("ago",),
    ),
    compile_rule(
        "from_now",
        rf"{B}(?P<q>{QUANTITY})[-\s]+(?P<unit>{UNIT_PLURAL})\s+(?:from\s+now|hence)(?!\w)",
        _from_now,
        triggers=("hence",),
    ),
    compile_rule(
        "later_earlier",
        rf"{B}(?:(?:about|around|nearly|almost|some|more\s+than|less\s+than|just|only|roughly|barely)\s+)?(?P<q>{QUANTITY})[-\s]+{UNIT_ADJECTIVES}?"
        rf"(?P<unit>{UNIT_PLURAL})\s+(?P<dir>later|earlier|afterwards?|previously|before(?=\s*[,.;:)]|\s*$)|after(?=\s*[,.;:)]|\s*$))(?!\w)",
        _later_earlier,
        triggers=("later",),
    ),
    compile_rule(
        "before_after",
        rf"{B}(?P<dur>(?:(?:about|around|nearly|almost|some|more\s+than|less\s+than|just|only|roughly|barely)\s+)?(?P<q>{QUANTITY})[-\s]+{UNIT_ADJECTIVES}?"
        rf"(?P<unit>{UNIT_PLURAL}))\s+(?P<sig>before|ahead\s+of|prior\s+to)(?=\s+\S)",
        _before_after,
        triggers=("before",),
    ),
    compile_rule(
        "in_units",
        rf"(?<![\w-])in\s+(?P<x>(?:just\s+|about\s+|another\s+)?(?P<q>{QUANTITY})[-\s]+(?P<unit>{UNIT_PLURAL}))(?:{APOS}s?\s+time)?(?!\w)",
        _in_units,
        check_quantity,
        triggers=("unit",),
    ),
    compile_rule(
        "duration",
        rf"{B}(?:{DURATION_MODS}\s+)?{DURATION_DETERMINERS}(?P<q>{QUANTITY})(?:\s*(?:to|or|-|–)\s*(?P<q2>{NUMBER}))?[-\s]+"
        rf"{UNIT_ADJECTIVES}?(?P<unit>{UNIT_PLURAL})(?P<half>\s+and\s+a\s+half)?(?:[-\s](?:long|old))?(?:\s+or\s+so)?(?!\w)",
        _duration,
        check_duration,
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
]
