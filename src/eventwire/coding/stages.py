"""The built-in coder and the ``events`` stage that runs the configured coder.

Both register through ``eventwire.registry`` exactly as plug-ins do.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventwire.coding.base import Coder
from eventwire.model import Document
from eventwire.registry import coders, stages

DICTIONARY_CODER = "eventwire.dependency.v3"
LEARNED_CODER = "eventwire.learned.v2"
# The learned coder is the default; the dictionary coder stays registered for comparison
# (docs/models.md has both on the news gold standard).
DEFAULT_CODER = LEARNED_CODER
# Events under this calibrated confidence are not emitted by default: the threshold with the best
# out-of-fold F1 on news dev (scripts/train_event_model.py, docs/models.md); the
# ``min_confidence`` setting overrides it, 0 keeps everything.
DEFAULT_MIN_CONFIDENCE = 0.1


@coders.register(DICTIONARY_CODER)
def make_dependency_coder(config: Any) -> Coder:
    """Dictionary and dependency-parse coder (CAMEO verb patterns, PLOVER types, a type classifier)."""
    from eventwire.coding.defaults import dependency_coder

    return dependency_coder(DICTIONARY_CODER, bool(getattr(config, "allow_unresolved", False)))


@coders.register(LEARNED_CODER)
def make_learned_coder(config: Any) -> Coder:
    """Learned detection, typing and confidence over parse and actor candidates (docs/models.md)."""
    from eventwire.coding.defaults import dependency_coder
    from eventwire.coding.learned import LearnedCoder, load_event_model

    return LearnedCoder(
        LEARNED_CODER,
        dependency_coder(DICTIONARY_CODER),
        load_event_model(),
        float(getattr(config, "min_confidence", 0.0) or 0.0),
    )


@dataclass(frozen=True, slots=True)
class _CoderConfig:
    allow_unresolved: bool = False
    min_confidence: float = 0.0


@lru_cache(maxsize=16)
def coder_for(name: str | None, allow_unresolved: bool = False, min_confidence: float = 0.0) -> Coder:
    """The coder registered as ``name`` (or the default), built once per process and option."""
    return coders.get(name or DEFAULT_CODER).factory(_CoderConfig(allow_unresolved, min_confidence))


@dataclass(slots=True)
class EventStage:
    """Runs the configured coder over the annotated document."""

    coder: Coder
    name: str = "eventwire.events.v3"
    requires: tuple[str, ...] = ("parse", "actors", "quotes", "timexes")
    assigns: tuple[str, ...] = ("events",)

    @property
    def version(self) -> str:
        """The stage and coder names, and the confidence threshold when events are cut by one."""
        threshold = getattr(self.coder, "min_confidence", 0.0)
        return f"{self.name}[{self.coder.name}{f'>={threshold:g}' if threshold else ''}]"

    def __call__(self, document: Document) -> Document:
        document.events = self.coder(document)
        return document


@stages.register("eventwire.events.v3")
def make_events(config: Any) -> EventStage:
    """Political events from the configured coder (``coder`` setting)."""
    return EventStage(
        coder_for(config.coder, bool(config.allow_unresolved), float(getattr(config, "min_confidence", 0.0) or 0.0))
    )
