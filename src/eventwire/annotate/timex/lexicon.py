"""Word tables and regex building blocks for temporal expressions (English).

Kept apart from the rules so that a rule reads as a sentence of named parts, and so that the
same word lists drive both matching (regex fragments) and normalisation (lookup tables).
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
# Abbreviations are only trusted next to a day number ("Nov 19"), where they cannot be a word.
MONTH_ABBREVIATIONS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Month names that are also common English words; standalone they need a capital letter.
AMBIGUOUS_MONTHS = {"may", "march"}
WEEKDAYS = {"monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
# Middle month of each season: the date a season value is computed from.
SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}

SMALL_NUMBERS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1000}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "thirtieth": 30, "last": -1, "final": -1,
}  # fmt: skip
# Quantities that say "some number of": the value gets an X (PXY, "several years").
VAGUE_QUANTITIES = {"a few", "few", "several", "some", "many", "a number of", "dozens of", "hundreds of", "numerous"}

# Unit word -> TIMEX3 unit letter; time units go after the "T" of a duration.
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W2",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "millennium": "ML",
}  # fmt: skip
TIME_UNITS = {"second", "minute", "hour"}

# US-style holidays and a few international ones. Values: ("fixed", month, day),
# ("nth", month, weekday 1-7, n; n = -1 is the last) or ("easter", day offset).
HOLIDAYS = {
    "christmas day": ("fixed", 12, 25), "christmas eve": ("fixed", 12, 24), "christmas": ("fixed", 12, 25),
    "boxing day": ("fixed", 12, 26), "new year's eve": ("fixed", 12, 31), "new year's day": ("fixed", 1, 1),
    "halloween": ("fixed", 10, 31), "valentine's day": ("fixed", 2, 14), "veterans day": ("fixed", 11, 11),
    "armistice day": ("fixed", 11, 11), "remembrance day": ("fixed", 11, 11), "victory day": ("fixed", 5, 9),
    "bastille day": ("fixed", 7, 14), "may day": ("fixed", 5, 1), "thanksgiving day": ("nth", 11, 4, 4),
    "thanksgiving": ("nth", 11, 4, 4), "memorial day": ("nth", 5, 1, -1), "labor day": ("nth", 9, 1, 1),
    "martin luther king day": ("nth", 1, 1, 3), "martin luther king jr. day": ("nth", 1, 1, 3),
    "presidents' day": ("nth", 2, 1, 3), "mother's day": ("nth", 5, 7, 2), "father's day": ("nth", 6, 7, 3),
    "election day": ("election",), "easter sunday": ("easter", 0), "easter": ("easter", 0),
    "good friday": ("easter", -2), "easter monday": ("easter", 1),
}  # fmt: skip

# ---- regex fragments (compiled with re.IGNORECASE) ----
APOS = "['’]"
B = r"(?<![\w'’-])"  # left word boundary that also refuses hyphenated and elided words
E = r"(?![\w'’])"  # right word boundary


def _alternation(words) -> str:
    """A regex alternation, longest first so that "christmas eve" wins over "christmas"."""
    escaped = sorted((re.escape(w).replace("'", APOS).replace(r"\ ", r"\s+") for w in words), key=len, reverse=True)
    return "(?:" + "|".join(escaped) + ")"


MONTH_FULL = _alternation(MONTHS)
MONTH_ANY = r"(?:" + _alternation(MONTHS) + "|" + _alternation(MONTH_ABBREVIATIONS) + r"\.?)"
WEEKDAY = _alternation(WEEKDAYS)
SEASON = _alternation(SEASONS)
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
# Number words up to ninety-nine, factored by tens so that the regex engine does not try every
# compound at every position ("twenty-four", "twenty four", "seventeen").
SMALL = (
    "(?:(?:"
    + "|".join(TENS)
    + r")(?:[-\s](?:one|two|three|four|five|six|seven|eight|nine)(?![\w-]))?|"
    + _alternation(SMALL_NUMBERS)[3:]
)
NUMBER_WORDS = rf"(?:(?:{SMALL}|a)\s+(?:hundred|thousand)(?:\s+(?:and\s+)?{SMALL})?|{SMALL})"
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)"
FRACTION = r"(?:\s*(?:1/2|½)|\s+and\s+a\s+half)"
NUMBER = rf"(?:{DIGITS}|{NUMBER_WORDS}){FRACTION}?"
VAGUE = _alternation(VAGUE_QUANTITIES)
ORDINAL_WORD = _alternation(o for o in ORDINALS if o not in ("last", "final"))
ORDINAL = rf"(?:\d{{1,3}}(?:,\d{{3}})*(?:st|nd|rd|th)|{ORDINAL_WORD})"
UNIT = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|century|centurie|millenni(?:um|a))"
UNIT_PLURAL = rf"(?:{UNIT}s?)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)"
# A day of the month: "19", "19th", "nineteenth", "twenty-first".
DAY_NUMBER = (
    r"(?:(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?|(?:(?:twenty|thirty)-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth"
    r"|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)(?![\w-]))"
)
TIMEZONE = r"(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|local\s+time|(?:Moscow|Kyiv|Kiev|Washington|London|Beijing|Israel|Gaza)\s+time)"
CLOCK_AMPM = r"(?:[ap]\.\s?m\.?|[ap]m\b|[ap]\.m\b)"

_ORDINAL_SUFFIX = re.compile(r"(?<=\d)(?:st|nd|rd|th)$", re.I)


def month_number(word: str) -> int | None:
    """1-12 for a month name or abbreviation ("Sept.", "November"), else None."""
    key = word.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBREVIATIONS.get(key)


def parse_number(phrase: str) -> float | None:
    """The value of "1,000", "2.5", "twenty-four", "a hundred", "two thousand", "2 1/2", "one and a half"."""
    words = phrase.lower().replace("½", " 1/2").replace("-", " ").split()
    if not words:
        return None
    half = 0.0
    if words[-3:] == ["and", "a", "half"]:
        half, words = 0.5, words[:-3]
    elif words[-1] == "1/2":
        half, words = 0.5, words[:-1]
    if len(words) == 1 and re.fullmatch(r"\d[\d,]*(?:\.\d+)?", words[0]):
        return float(words[0].replace(",", "")) + half
    total = current = 0
    for word in words:
        if word in ("a", "an") and current == 0:
            current = 1
        elif word == "and":
            continue
        elif word in SMALL_NUMBERS:
            current += SMALL_NUMBERS[word]
        elif word in TENS:
            current += TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word == "dozen":
            current = max(current, 1) * 12
        else:
            return None
    return total + current + half


def parse_ordinal(word: str) -> int | None:
    """1 for "1st"/"first", 1000 for "1,000th", 24 for "twenty-fourth", -1 for "last"."""
    lower = word.lower()
    if "-" in lower and lower.split("-")[0] in TENS and lower.split("-")[1] in ORDINALS:
        return TENS[lower.split("-")[0]] + ORDINALS[lower.split("-")[1]]
    if lower in ORDINALS:
        return ORDINALS[lower]
    digits = _ORDINAL_SUFFIX.sub("", lower).replace(",", "")
    return int(digits) if digits.isdigit() else None


# Words that must occur near a match of a rule, by family. Rules only run in windows around
# their families' words, which keeps the per-document cost to a few narrow regex searches.
TRIGGER_FAMILIES = {
    "unit": {
        "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week", "weeks", "fortnight",
        "fortnights", "month", "months", "quarter", "quarters", "year", "years", "decade", "decades", "century",
        "centuries", "millennium", "millennia", "weekend", "weekends",
    },
    "month": set(MONTHS) | set(MONTH_ABBREVIATIONS),
    "weekday": set(WEEKDAYS) | {w + "s" for w in WEEKDAYS},
    "season": set(SEASONS),
    "holiday": {name.split()[0].split("'")[0] for name in HOLIDAYS},
    "deictic": {"today", "tonight", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night"},
    "ref": {"now", "currently", "current", "nowadays", "days", "present", "recently", "lately", "formerly", "previously", "past",
            "soon", "future", "term", "possible"},
    "decade": {"twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"},
    "century": {"century"},
    "half": {"half"},
    "clock": {"noon", "midnight", "midday", "mid", "clock", "morning", "afternoon", "evening"},
    "set": {"daily", "nightly", "weekly", "biweekly", "fortnightly", "monthly", "bimonthly", "quarterly", "yearly",
            "annually", "biannually", "semiannually", "hourly", "every", "each", "per", "once", "twice", "thrice",
            "times"},
    "spelled": {"nineteen", "thousand"},
    # Offsets: the word that turns an amount into a point ("three days ago", "two months before").
    "ago": {"ago"},
    "hence": {"now", "hence"},
    "later": {"later", "earlier", "afterwards", "afterward", "previously", "before", "after"},
    "before": {"before", "ahead", "prior"},
}  # fmt: skip
WORD_FAMILIES: dict[str, tuple[str, ...]] = {
    word: tuple(family for family, members in TRIGGER_FAMILIES.items() if word in members)
    for members in TRIGGER_FAMILIES.values()
    for word in members
}


def parse_day(text: str) -> int | None:
    """Day of the month from "19", "19th" or "nineteenth"."""
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else parse_ordinal(text)
