"""Placing calendar names in time: which year "Nov. 19" or "in March" means, which Thursday "on Thursday" means.

A name without a year is placed relative to the document date, in the direction the governing
verb's tense points; shared by the date, period and clock rules.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventwire.annotate.timex.context import FUTURE, PAST, PRESENT
from eventwire.annotate.timex.lexicon import (
    AMBIGUOUS_MONTHS,
    SMALL,
    WEEKDAY,
    YEAR,
    parse_number,
)
from eventwire.annotate.timex.state import Ctx, Found
from eventwire.annotate.timex.values import Point, pick

# Modifiers that narrow a period without changing its TIMEX3 value ("late 2023", "the end of March").
MOD = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle|close|rest|remainder|turn|first\s+half|second\s+half|"
    r"latter\s+half|last\s+half|early\s+part|later\s+part|latter\s+part|bulk)\s+of\s+|"
    r"(?:the\s+)?(?:early|earlier|late|later|mid|middle)(?:-|\s+))"
)

# Years said in words, as broadcast transcripts have them ("nineteen ninety-six").
SPELLED_YEAR = rf"(?:nineteen[-\s]+(?:hundred|(?:{SMALL})))"

# A past-tense sentence may still name a date a little ahead ("the vote was set for Dec. 5").
PAST_SLACK_DAYS = 31

# A future-tense sentence may still name a day just gone ("will review the Nov. 12 vote").
FUTURE_SLACK_DAYS = 7

# With no tense, a weekday this many days nearer ahead than behind is still taken as the one behind.
WEEKDAY_PAST_BIAS_DAYS = 2
# A future-tense quarter or half means the next one only when it begins within this many days.
UPCOMING_PERIOD_DAYS = 183

# Two-digit years up to this many years past the document year are read as this century.
TWO_DIGIT_YEAR_AHEAD = 10

YEAR_OR_SPELLED = rf"(?:{YEAR}|{SPELLED_YEAR})"

# "Friday, Oct. 23": a weekday before a date is part of the expression.
WEEKDAY_PREFIX = rf"(?:{WEEKDAY},?\s+(?:the\s+)?)"


# After a bare "March", words that make it the noun ("March for Life") rather than the month.
_NOUN_MARCH = re.compile(r"\s+(?:for|of|on|against|to|through|from)\s+(?![\d\s])", re.I)


_MONTH_PREPOSITION = re.compile(
    r"\b(?:in|since|until|till|by|during|through|from|before|after|last|next|this|early|late|mid)\s+$", re.I
)


def capitalised_month(m: re.Match, c: Ctx) -> bool:
    """A standalone "may"/"march" must be capitalised and not start a sentence to be a month."""
    word = m.group("mon")
    if word.lower().rstrip(".") in AMBIGUOUS_MONTHS:
        if not word[0].isupper():
            return False
        start = m.start("mon")
        sent_start, _ = c.tenses.sentence(start)
        if c.text[sent_start:start].strip() == "" and word.lower() == "may":
            return False
        noun_like = word.lower() == "march" and m.start() == m.start("mon") and m.end() == m.end("mon")
        if noun_like and _NOUN_MARCH.match(c.text, m.end()) and not _MONTH_PREPOSITION.search(c.preceding_text(12)):
            return False  # "the March for Life", "a March of the Mothers": the noun
    return True


def capitalised(group: str):
    def check(m: re.Match, c: Ctx) -> bool:
        return m.group(group)[0].isupper()

    return check


def explicit_year(text: str | None) -> int | None:
    if not text:
        return None
    text = text.strip()
    if text.isdigit():
        return int(text)
    return spelled_year(text)


def spelled_year(text: str) -> int | None:
    words = text.lower().replace("-", " ").split()
    if words and words[0] == "nineteen":
        rest = words[1:]
        if rest == ["hundred"]:
            return 1900
        value = parse_number(" ".join(rest))
        return 1900 + int(value) if value is not None and value < 100 else None
    value = parse_number(" ".join(w for w in words if w not in ("the", "year")))
    return int(value) if value and 1000 <= value <= 2100 else None


def choose_occurrence(c: Ctx, make, slack_past: int = 0, slack_future: int = 0, rel: str | None = None) -> Point | None:
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


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def day_point(c: Ctx, month: int, day: int, year: int | None) -> Found | None:
    if year is not None:
        d = safe_date(year, month, day)
        return c.date(Point(d, "day"), "absolute") if d else None
    if safe_date(2000, month, day) is None:
        return None
    anchored = anchor_with_date(c, month, day)
    if anchored:
        return anchored
    if c.dct is None:
        return Found("DATE", f"XXXX-{month:02d}-{day:02d}", None)

    def make(y: int) -> Point | None:
        d = safe_date(y, month, day)
        return Point(d, "day") if d else None

    return c.date(choose_occurrence(c, make, PAST_SLACK_DAYS, FUTURE_SLACK_DAYS), "dct")


def anchor_with_date(c: Ctx, month: int, day: int) -> Found | None:
    """ "the October 7 attack": a day-month inside a known event's name takes the event's year."""
    for start, end, event_id, when in c.anchor_spans:
        if start <= c.start and c.end <= end and (when.month, when.day) == (month, day):
            c.last_anchor = event_id
            return c.date(Point(when, "day"), f"anchor:{event_id}")
    return None


def reported_period(c: Ctx, make) -> Point | None:
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
    elif tense == PRESENT:
        days = back if -back <= ahead else ahead
    else:  # nothing to go by: news mostly reports the days just past
        days = back if -back <= ahead + WEEKDAY_PAST_BIAS_DAYS else ahead
    return Point(c.dct + timedelta(days=days), "day")
