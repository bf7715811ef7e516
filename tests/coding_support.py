"""Run a coder on a parse with hand-made annotations, through the one Coder interface."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc

from eventwire.coding import get_coder
from eventwire.model import ActorMention, Article, Document, Event, Quote, Timex


def annotated(
    doc: Doc,
    actors: Sequence[ActorMention],
    quotes: Sequence[Quote] = (),
    timexes: Sequence[Timex] = (),
    published: date | None = None,
) -> Document:
    """A document whose parse and annotations are given (as the pipeline's stages would fill them)."""
    document = Document(Article(text=doc.text, published=published), parse=doc)
    document.actors, document.quotes, document.timexes = list(actors), list(quotes), list(timexes)
    return document


# The coding tests that use this helper test the dictionary coder's rules; the learned coder
# (the default) has its own tests in test_coding_learned.py.
DICTIONARY_CODER = "eventwire.dependency.v3"


def code_events(
    doc: Doc,
    actors: Sequence[ActorMention],
    quotes: Sequence[Quote] = (),
    timexes: Sequence[Timex] = (),
    published: date | None = None,
    allow_unresolved: bool = False,
    coder: str | None = DICTIONARY_CODER,
) -> list[Event]:
    return get_coder(coder, allow_unresolved)(annotated(doc, actors, quotes, timexes, published))
