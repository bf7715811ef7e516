"""Dates at the boundary: one way to read a date, a date-time or a look-back, everywhere.

Inside eventwire a publication time is a naive ``datetime`` in UTC (or a ``date`` when only the
day is known) and an event date is a ``date``. Everything that comes from a user (the library's
``published=``, CLI options, API parameters) passes through these functions first.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

LOOKBACK = re.compile(r"^(\d+)\s*([smhdw])$")
LOOKBACK_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def coerce_published(value: object) -> date | datetime | None:
    """A ``date``, a ``datetime`` (naive means UTC) or an ISO string, kept at the precision given.

    ``"2024-11-19"`` and ``date(2024, 11, 19)`` stay a day; ``"2024-11-19T08:00:00Z"`` becomes a
    naive UTC ``datetime``. Anything else raises ``ValueError`` naming the value.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _naive_utc(value)
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return date.fromisoformat(text) if len(text) == 10 else _naive_utc(datetime.fromisoformat(text))
        except ValueError:
            pass
    raise ValueError(f"not a date or ISO date-time: {value!r} (expected e.g. 2024-11-19 or 2024-11-19T08:00:00Z)")


def coerce_datetime(value: object) -> datetime | None:
    """Like :func:`coerce_published`, as a naive UTC ``datetime`` (a day becomes its midnight)."""
    found = coerce_published(value)
    if found is None or isinstance(found, datetime):
        return found
    return datetime.combine(found, datetime.min.time())


def coerce_date(value: object) -> date | None:
    """Like :func:`coerce_published`, as the day (a date-time gives its UTC day)."""
    found = coerce_published(value)
    return found.date() if isinstance(found, datetime) else found


def parse_duration(text: str) -> timedelta:
    """``30s``, ``15m``, ``2h``, ``7d``, ``2w`` → a ``timedelta``; anything else is a ``ValueError``."""
    match = LOOKBACK.match(text.strip().lower())
    if not match:
        raise ValueError(f"not a duration like 30s, 15m, 2h, 7d or 2w: {text!r}")
    return timedelta(**{LOOKBACK_UNITS[match.group(2)]: int(match.group(1))})


def parse_when(text: str | None, now: datetime | None = None) -> datetime | None:
    """A ``--since``/``--until`` value: an ISO date or date-time, or a look-back (``7d`` = 7 days ago)."""
    if text is None or not text.strip():
        return None
    if LOOKBACK.match(text.strip().lower()):
        return (now or datetime.now(UTC).replace(tzinfo=None)) - parse_duration(text)
    try:
        return coerce_datetime(text)
    except ValueError:
        raise ValueError(f"not an ISO date or a look-back like 7d: {text!r}") from None
