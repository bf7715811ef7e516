"""Event coding: political events (source, action, target) with CAMEO and PLOVER codes.

``code_events`` runs the default coder; other coders are found by versioned name through
:func:`get_coder`. The built-in dependency-parse coder is registered here like any plugin.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc

from eventwire.coding.base import Coder, coder_names, get_coder, register_coder
from eventwire.coding.defaults import DEFAULT_CODER, make_dependency_coder
from eventwire.model import ActorMention, Event, Quote, Timex

__all__ = ["DEFAULT_CODER", "Coder", "code_events", "coder_names", "get_coder", "register_coder"]

register_coder(DEFAULT_CODER, make_dependency_coder)


def code_events(
    doc: Doc,
    actors: Sequence[ActorMention],
    quotes: Sequence[Quote] = (),
    timexes: Sequence[Timex] = (),
    published: date | None = None,
    allow_unresolved: bool = False,
) -> list[Event]:
    """Code the political events of a parsed, actor-annotated document.

    Args:
        doc: the spaCy parse of the article text (offsets of all inputs point into ``doc.text``).
        actors: resolved actor mentions.
        quotes: attributed speech; events inside one are flagged ``reported``.
        timexes: normalised time expressions; a full date in the event's sentence sets its date.
        published: publication date, the event date when the sentence names none.
        allow_unresolved: keep events whose source is not a resolved actor (code None).
    Returns:
        Events in text order, coded by the default coder.
    """
    return get_coder(DEFAULT_CODER).code(doc, actors, quotes, timexes, published, allow_unresolved)
