"""The learned event coder (``eventwire.learned.v2``): candidates from the parse and actors, a
trained event/no-event head and type head, calibrated confidence and article relevance."""

from __future__ import annotations

from eventwire.coding.learned.coder import LearnedCoder
from eventwire.coding.learned.model import EventModel, load_event_model

__all__ = ["EventModel", "LearnedCoder", "load_event_model"]
