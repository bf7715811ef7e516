"""eventwire: an auditable, structured record of political events from raw news."""

import logging

from eventwire.model import Actor, Article, Document, Event, Quote, Timex

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Document",
    "Event",
    "Quote",
    "Timex",
    "__version__",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
