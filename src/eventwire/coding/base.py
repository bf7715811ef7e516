"""The Coder protocol and the registry of coders by versioned name.

Stored events record the coder's name, so a name must always produce the same output: change a
coder's behaviour by registering a new version, not by editing a released one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Protocol, runtime_checkable

from spacy.tokens import Doc

from eventwire.model import ActorMention, Event, Quote, Timex


@runtime_checkable
class Coder(Protocol):
    """Anything that turns a parsed, actor-annotated document into events."""

    name: str

    def code(
        self,
        doc: Doc,
        actors: Sequence[ActorMention],
        quotes: Sequence[Quote] = (),
        timexes: Sequence[Timex] = (),
        published: date | None = None,
        allow_unresolved: bool = False,
    ) -> list[Event]: ...


_FACTORIES: dict[str, Callable[[], Coder]] = {}
_INSTANCES: dict[str, Coder] = {}


def register_coder(name: str, factory: Callable[[], Coder]) -> None:
    """Register ``factory`` (called once, on first use) under the versioned ``name``."""
    if name in _FACTORIES and _FACTORIES[name] is not factory:
        raise ValueError(f"a coder is already registered as {name!r}")
    _FACTORIES[name] = factory


def coder_names() -> list[str]:
    return sorted(_FACTORIES)


def get_coder(name: str) -> Coder:
    """The coder registered as ``name`` (built once per process)."""
    if name not in _INSTANCES:
        try:
            factory = _FACTORIES[name]
        except KeyError:
            raise KeyError(f"unknown coder {name!r}; registered: {', '.join(coder_names())}") from None
        _INSTANCES[name] = factory()
    return _INSTANCES[name]
