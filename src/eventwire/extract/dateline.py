"""The date of a dateline at the top of a scraped text ("Updated 14 March 2023, 09:12 GMT").

Plain text has no markup for htmldate to read, but scraped articles often keep their dateline.
Only unambiguous forms are read: ISO dates, day-month-year and month-day-year with an English
month name, and dotted day.month.year; slashed dates (03/04/2023) are left alone.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
            ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
            ("oct", "october"), ("nov", "november"), ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
TIME = r"(?:[\s,]+(?:at\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?)?\s*(?P<tz>GMT|UTC|Z)?"
DATE_FORMS = (
    re.compile(r"\b(?P<year>\d{4})-(?P<mon>\d{1,2})-(?P<day>\d{1,2})(?:[T ](?P<hour>\d{1,2}):(?P<minute>\d{2}))?"),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + MONTH + r",?\s+(?P<year>\d{4})" + TIME, re.IGNORECASE),
    re.compile(r"\b" + MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + TIME, re.IGNORECASE),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mon>\d{1,2})\.(?P<year>\d{4})" + TIME),
)


def parse_dateline(line: str) -> datetime | None:
    """The first unambiguous date (with time when given) in ``line``; None when there is none."""
    for form in DATE_FORMS:
        match = form.search(line)
        if not match:
            continue
        parts = match.groupdict()
        month = int(parts["mon"]) if parts.get("mon") else MONTHS[parts["month"].lower()]
        hour = int(parts["hour"]) if parts.get("hour") else 0
        if parts.get("ampm"):
            hour = hour % 12 + (12 if parts["ampm"][0].lower() == "p" else 0)
        try:
            found = datetime(int(parts["year"]), month, int(parts["day"]), hour, int(parts.get("minute") or 0))
        except ValueError:
            continue
        return found.replace(tzinfo=UTC) if parts.get("tz") else found
    return None
