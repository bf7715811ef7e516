"""Times counted from well-known events ("the 1,000th day since Russia's invasion").

The events and their dates are a curated table shipped in ``data/anchor_events.json``; each
entry names its source. An event phrase only anchors texts dated on or after the event.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from eventwire.annotate.timex.lexicon import APOS, ORDINAL, UNIT_PLURAL, B, parse_ordinal
from eventwire.annotate.timex.quantities import QUANTITY, amount_of, unit_name
from eventwire.annotate.timex.state import Ctx, Found, Rule, compile_rule
from eventwire.annotate.timex.values import Point, duration_value, shift
from eventwire.paths import DATA_DIR

ANCHOR_FILE = DATA_DIR / "anchor_events.json"
# Nouns for an ongoing event that "its 1,000th day" or "the 100th day of the war" can refer to.
ONGOING_NOUNS = r"(?:war|conflict|invasion|fighting|offensive|occupation|siege|crisis|pandemic|operation|campaign)"


@dataclass(frozen=True, slots=True)
class AnchorEvent:
    id: str
    label: str
    date: date
    keywords: tuple[str, ...]
    patterns: tuple[re.Pattern, ...]
    date_names: tuple[re.Pattern, ...]
    standalone: tuple[str, ...]
    source: str


def _regex(pattern: str) -> str:
    return pattern.replace("'", APOS).replace(" ", r"\s+")


@lru_cache(maxsize=1)
def load_anchor_events() -> tuple[AnchorEvent, ...]:
    """The shipped anchor-event table, parsed once per process."""
    raw = json.loads(ANCHOR_FILE.read_text(encoding="utf-8"))
    events = []
    for entry in raw["events"]:
        events.append(
            AnchorEvent(
                id=entry["id"],
                label=entry["label"],
                date=date.fromisoformat(entry["date"]),
                keywords=tuple(entry["keywords"]),
                patterns=tuple(re.compile(_regex(p), re.I) for p in entry["patterns"]),
                date_names=tuple(re.compile(_regex(p), re.I) for p in entry.get("date_names", ())),
                standalone=tuple(entry.get("standalone", ())),
                source=entry["source"],
            )
        )
    return tuple(events)


@lru_cache(maxsize=1)
def _anchor_alternation() -> str:
    return "(?:" + "|".join(p.pattern for event in load_anchor_events() for p in event.patterns) + ")"


def anchor_mentions(text: str, dct: date | None) -> list[tuple[int, int, str, date]]:
    """(start, end, event id, event date) of every anchor-event phrase in ``text``, in order."""
    found = []
    lower = text.lower()
    for event in load_anchor_events():
        if (dct is not None and event.date > dct) or not any(k in lower for k in event.keywords):
            continue
        for pattern in event.patterns:
            found.extend((m.start(), m.end(), event.id, event.date) for m in pattern.finditer(text))
    return sorted(found)


def _event_at(c: Ctx, start: int) -> tuple[str, date] | None:
    for s, _, event_id, when in c.anchor_spans:
        if s == start:
            return event_id, when
    return None


def _last_event_before(c: Ctx) -> tuple[str, date] | None:
    before = [(s, event_id, when) for s, e, event_id, when in c.anchor_spans if e <= c.start]
    if before:
        _, event_id, when = before[-1]
        return event_id, when
    return None


def _nth_unit(event: tuple[str, date], n: int, unit: str, c: Ctx) -> Found:
    event_id, when = event
    c.last_anchor = event_id
    base = Point(when, "day")
    if unit == "anniversary":
        return c.date(shift(base, n, "year", "day"), f"anchor:{event_id}")
    # The first day of an event is the event day itself: the n-th day is n - 1 days on.
    gran = {"day": "day", "week": "week", "month": "month", "year": "year"}[unit]
    return c.date(shift(base, n - 1, unit, gran), f"anchor:{event_id}")


def _anchor_ordinal(m: re.Match, c: Ctx) -> Found | None:
    n = parse_ordinal(m.group("n"))
    event = _event_at(c, m.start("anchor"))
    if not n or n < 1 or event is None:
        return None
    return _nth_unit(event, n, m.group("unit").lower(), c)


def _ongoing_ordinal(m: re.Match, c: Ctx) -> Found | None:
    """ "its 1,000th day", "the 100th day of the war": counted from the last event the text named."""
    n = parse_ordinal(m.group("n"))
    event = _last_event_before(c)
    if not n or n < 1 or event is None:
        return None
    return _nth_unit(event, n, m.group("unit").lower(), c)


def _anchor_offset(m: re.Match, c: Ctx) -> Found | None:
    event = _event_at(c, m.start("anchor"))
    if event is None:
        return None
    event_id, when = event
    c.last_anchor = event_id
    unit = unit_name(m.group("unit"))
    amount = amount_of(m.group("q"))
    signal = m.group("sig").lower()
    if signal == "since" or amount is None:
        return Found("DURATION", duration_value(amount, unit), f"anchor:{event_id}", end=m.end("dur"))
    sign = -1 if signal in ("before", "prior to", "ahead of") else 1
    return c.date(shift(Point(when, "day"), sign * amount, unit), f"anchor:{event_id}")


def _standalone(m: re.Match, c: Ctx) -> Found | None:
    for event in load_anchor_events():
        if m.group(0) in event.standalone and (c.dct is None or event.date <= c.dct):
            c.last_anchor = event.id
            return c.date(Point(event.date, "day"), f"anchor:{event.id}")
    return None


def anchor_rules() -> list[Rule]:
    """Rules over anchor-event phrases; built from the table so that edits to it take effect."""
    alternation = _anchor_alternation()
    standalone = sorted({name for event in load_anchor_events() for name in event.standalone}, key=len, reverse=True)
    rules = [
        compile_rule(
            "anchor_ordinal",
            rf"{B}(?:the|its|their|this|a)\s+(?P<n>{ORDINAL})\s+(?P<unit>day|week|month|year|anniversary)\s+"
            rf"(?:since|of|after|following|into)\s+(?P<anchor>{alternation})",
            _anchor_ordinal,
            triggers=("anchor",),
        ),
        compile_rule(
            "ongoing_ordinal",
            rf"{B}(?:its|their)\s+(?P<n>{ORDINAL})\s+(?P<unit>day|week|month|year)(?!\w)",
            _ongoing_ordinal,
            triggers=("unit",),
        ),
        compile_rule(
            "ongoing_ordinal_of",
            rf"{B}the\s+(?P<n>{ORDINAL})\s+(?P<unit>day|week|month|year)\s+of\s+the\s+{ONGOING_NOUNS}(?!\w)",
            _ongoing_ordinal,
            triggers=("unit",),
        ),
        compile_rule(
            "anchor_offset",
            rf"{B}(?P<dur>(?:(?:about|around|nearly|almost|some|more\s+than|less\s+than|just|only)\s+)?(?P<q>{QUANTITY})[-\s]+(?P<unit>{UNIT_PLURAL}))\s+"
            rf"(?P<sig>before|after|following|since|into|prior\s+to|ahead\s+of)\s+(?P<anchor>{alternation})",
            _anchor_offset,
            triggers=("anchor",),
        ),
    ]
    if standalone:
        names = "|".join(re.escape(s) for s in standalone)
        rules.append(compile_rule("anchor_name", rf"(?<![\w/])(?:{names})(?![\w/])", _standalone))
    return rules
