"""Rules for dates and calendar years: "November 19, 2024", "19 Nov", "2024-11-19", "March 2022", "in 2023",
decades ("the 1990s") and centuries ("the 20th century").
"""

from __future__ import annotations

import re
from datetime import date

from eventwire.annotate.timex.calendar import (
    MOD,
    SPELLED_YEAR,
    TWO_DIGIT_YEAR_AHEAD,
    WEEKDAY_PREFIX,
    YEAR_OR_SPELLED,
    capitalised_month,
    choose_occurrence,
    day_point,
    explicit_year,
    safe_date,
    spelled_year,
)
from eventwire.annotate.timex.lexicon import (
    APOS,
    DAY_NUMBER,
    MONTH_ANY,
    MONTH_FULL,
    ORDINAL,
    SMALL_NUMBERS,
    TENS,
    YEAR,
    B,
    month_number,
    parse_day,
    parse_ordinal,
)
from eventwire.annotate.timex.state import Ctx, Found, Rule, compile_rule
from eventwire.annotate.timex.values import Point

# What follows a four-digit number that makes it a count, not a year: a percentage, a unit, or a
# plural noun ("2000 troops"; a year modifies singular nouns: "the 1996 law").
NOT_YEAR_AFTER = re.compile(
    r"\s*(?:%|percent|per\s*cent|km|kg|mph|[-–]\s*(?:mile|km|meter|metre|foot|page|point|member|strong|year|day)\b|"
    r"(?:men|women|people|children|feet|sq)\b|[a-z]+[^su\W]s\b)"
)

# Signs, numbering words and model names before a number that make it not a year ("$2000", "Boeing 747").
NOT_YEAR_BEFORE = re.compile(
    r"(?:[$€£#]|\bNo\.|\bnumber|\bRoom|\broute|\bFlight|\bBoeing|\bAirbus|\bsee|\bpage|\bp\.)\s*$", re.I
)

# Prepositions that make a bare four-digit number a year even where the parse thinks it a count.
YEAR_PREPOSITION = re.compile(
    r"\b(?:in|since|by|until|till|from|before|after|during|through|early|late|mid|fiscal|year|circa)\s+$",
    re.I,
)

# "the 1992 protests", "its 1989 results": a determiner before the number makes it a year.
YEAR_DETERMINER = re.compile(r"(?:\b(?:the|its|their|his|her|our|this|that)|['’]s)\s+$", re.I)

# The plural noun after a number, skipping names and common modifiers ("1990 BellSouth earnings").
YEAR_PLURAL_HEAD = re.compile(r"\s+(?:[A-Z][\w.&-]*\s+){0,2}(?:operating\s+|net\s+|annual\s+)?([a-z]+s)\b")

# Plural nouns that a year commonly qualifies ("1990 earnings", "2000 Olympics").
PLURALS_AFTER_YEARS = {
    "earnings", "results", "sales", "profits", "revenues", "elections", "olympics", "games", "protests", "talks",
    "accords", "figures", "levels", "prices", "rates", "estimates", "forecasts", "budgets", "taxes", "returns",
    "finals", "championships", "polls", "riots", "attacks", "negotiations", "agreements",
}  # fmt: skip


def _month_day(m: re.Match, c: Ctx) -> Found | None:
    month = month_number(m.group("mon"))
    day = parse_day(m.group("day"))
    return day_point(c, month, day, explicit_year(m.group("year")))


def _numeric_date(m: re.Match, c: Ctx) -> Found | None:
    groups = m.groupdict()
    year = int(groups["y"])
    if year < 100:
        pivot = (c.dct.year if c.dct else 2000) % 100 + TWO_DIGIT_YEAR_AHEAD
        year += 2000 if year <= pivot else 1900
    a, b = int(groups["a"]), int(groups["b"])
    month, day = (a, b) if groups.get("order") != "dmy" and a <= 12 else (b, a)
    d = safe_date(year, month, day)
    return c.date(Point(d, "day"), "absolute") if d else None


def _iso_date(m: re.Match, c: Ctx) -> Found | None:
    d = safe_date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    if d is None:
        return None
    if m.group("h"):
        return Found("TIME", f"{d.isoformat()}T{m.group('h')}:{m.group('mi')}", "absolute", Point(d, "day"))
    return c.date(Point(d, "day"), "absolute")


def _month_year(m: re.Match, c: Ctx) -> Found | None:
    year = explicit_year(m.group("year"))
    return c.date(Point(date(year, month_number(m.group("mon")), 1), "month"), "absolute") if year else None


def _month_alone(m: re.Match, c: Ctx) -> Found | None:
    month = month_number(m.group("mon"))
    yrel = (m.group("yrel") or "").lower()
    if yrel and c.dct:
        year = c.dct.year + {"last": -1, "next": 1}.get(yrel, 0)
        return c.date(Point(date(year, month, 1), "month"), "dct")
    point = choose_occurrence(c, lambda y: Point(date(y, month, 1), "month"), rel=m.group("rel"))
    return c.date(point, "dct", "month") if point else Found("DATE", f"XXXX-{month:02d}", None)


def _year(m: re.Match, c: Ctx) -> Found | None:
    return c.date(Point(date(int(m.group("year")), 1, 1), "year"), "absolute")


def _check_year(m: re.Match, c: Ctx) -> bool:
    start, end = m.start("year"), m.end("year")
    after = c.text[end : end + 30]
    before = c.text[max(0, start - 12) : start]
    if NOT_YEAR_BEFORE.search(before) or re.match(r"\s*(?:[-–/:]\s*\d|\.\d|,\d{3})", after):
        return False
    if m.group("mod") or m.group("fy") or YEAR_PREPOSITION.search(before) or YEAR_DETERMINER.search(before):
        return True
    plural = YEAR_PLURAL_HEAD.match(after)
    if plural and plural.group(1).lower() in PLURALS_AFTER_YEARS:
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
    year = spelled_year(m.group("y"))
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


def _week_of(m: re.Match, c: Ctx) -> Found | None:
    found = _month_day(m, c)
    if found is None or found.point is None:
        return found
    return c.date(found.point.at("week"), found.anchor or "absolute")


# Number words one to nineteen, for "the year two thousand and one".
SMALL_WORDS = "|".join(SMALL_NUMBERS)


DATE_RULES: list[Rule] = [
    compile_rule(
        "week_of",
        rf"{B}the\s+week\s+of\s+(?P<mon>{MONTH_ANY})\s*(?P<day>{DAY_NUMBER})(?:,?\s+(?P<year>{YEAR}))?(?!\w)",
        _week_of,
        capitalised_month,
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
        capitalised_month,
        triggers=("month",),
    ),
    compile_rule(
        "day_month",
        rf"{B}{WEEKDAY_PREFIX}?(?:the\s+)?(?P<day>{DAY_NUMBER})(?:\s+of)?\s+(?P<mon>{MONTH_ANY})(?:,?\s+(?P<year>{YEAR})(?!\d))?(?!\w)",
        _month_day,
        capitalised_month,
        triggers=("month",),
    ),
    compile_rule(
        "month_year",
        rf"{B}{MOD}?(?P<mon>{MONTH_ANY})(?:\s+of|,)?\s+(?P<year>{YEAR_OR_SPELLED})(?![\w-])",
        _month_year,
        capitalised_month,
        triggers=("month",),
    ),
    compile_rule(
        "month",
        rf"{B}(?:(?P<rel>last|next|this|this\s+past|this\s+coming|(?:the\s+)?(?:early|late|mid|middle)[-\s]*)\s*|{MOD})?"
        rf"(?P<mon>{MONTH_FULL}|Sept\.)(?:\s+(?P<yrel>last|this|next)\s+year)?(?![\w-])",
        _month_alone,
        capitalised_month,
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
]
