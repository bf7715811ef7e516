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

DEFAULT_CODER = "eventwire.dependency.v3"


@coders.register(DEFAULT_CODER)
def make_dependency_coder(config: Any) -> Coder:
    """Dictionary and dependency-parse coder (CAMEO verb patterns, PLOVER types, a type classifier)."""
    from eventwire.coding.defaults import dependency_coder

    return dependency_coder(DEFAULT_CODER, bool(getattr(config, "allow_unresolved", False)))


@dataclass(frozen=True, slots=True)
class _CoderConfig:
    allow_unresolved: bool = False


@lru_cache(maxsize=16)
def coder_for(name: str | None, allow_unresolved: bool = False) -> Coder:
    """The coder registered as ``name`` (or the default), built once per process and option."""
    return coders.get(name or DEFAULT_CODER).factory(_CoderConfig(allow_unresolved))


@dataclass(slots=True)
class EventStage:
    """Runs the configured coder over the annotated document."""

    coder: Coder
    name: str = "eventwire.events.v2"
    requires: tuple[str, ...] = ("parse", "actors", "quotes", "timexes")
    assigns: tuple[str, ...] = ("events",)

    @property
    def version(self) -> str:
        return f"{self.name}[{self.coder.name}]"

    def __call__(self, document: Document) -> Document:
        document.events = self.coder(document)
        return document


@stages.register("eventwire.events.v2")
def make_events(config: Any) -> EventStage:
    """Political events from the configured coder (``coder`` setting)."""
    return EventStage(coder_for(config.coder, bool(config.allow_unresolved)))
