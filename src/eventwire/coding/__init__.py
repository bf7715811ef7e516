"""Event coding: political events (source, action, target) with CAMEO and PLOVER codes.

Coders are found by versioned name in ``eventwire.registry.coders``; the built-in dependency-parse
coder registers there like any plug-in (``eventwire.coding.stages``).
"""

from __future__ import annotations

from eventwire.coding.base import Coder, reference_date
from eventwire.model import Document, Event

__all__ = ["Coder", "code_events", "get_coder", "reference_date"]


def get_coder(name: str | None = None, allow_unresolved: bool = False) -> Coder:
    """The coder registered as ``name`` (the default coder when None), built once per process."""
    from eventwire.coding.stages import coder_for

    return coder_for(name, allow_unresolved)


def code_events(document: Document, coder: str | None = None) -> list[Event]:
    """Events of an annotated document (it needs ``parse``, ``actors``, ``quotes``, ``timexes``).

    Args:
        document: the article with its parse and annotations; offsets point into its text.
        coder: a registered coder name; the default coder when None.
    Returns:
        Events in text order.
    """
    return get_coder(coder)(document)
