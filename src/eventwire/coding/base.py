"""The Coder interface: a ``Document`` (parsed, with actors, quotes and times) in, events out.

Coders are registered by versioned name in ``eventwire.registry.coders``; stored events record the
coder's name, so a name must always produce the same output: change a coder's behaviour by
registering a new version, not by editing a released one.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Protocol, runtime_checkable

from eventwire.dates import coerce_date
from eventwire.model import Document, Event

# How far into the text a story's own date is looked for when it has no publication date.
LEAD_CHARS = 1000
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@runtime_checkable
class Coder(Protocol):
    """Anything that turns an annotated document into events (it may read ``document.parse``)."""

    name: str

    def __call__(self, document: Document) -> list[Event]: ...


def reference_date(document: Document) -> date | None:
    """The day undated events are dated to: the publication date, else the story's lead date.

    News leads state the day of the news ("On the 1,000th day since the invasion, …"), so a story
    without a publication date dates its events to the first full date in its opening.
    """
    published = coerce_date(document.published)
    if published is not None:
        return published
    for timex in document.timexes:
        if timex.start > LEAD_CHARS:
            break
        if timex.type == "DATE" and FULL_DATE.fullmatch(timex.value or ""):
            return date.fromisoformat(timex.value)
    return None
