"""Versioned registries of source readers, pipeline stages and event coders.

Built-ins register here exactly as plug-ins do: each registry's built-in modules call
``register`` when imported, and installed packages add entries through the entry-point groups
``eventwire.readers``, ``eventwire.stages`` and ``eventwire.coders`` (each entry point names a
callable that registers, or a factory registered under the entry point's name).

Names carry their version (``eventwire.dependency.v3``): stored output records the name, so a
name must keep producing the same output. A lookup by the name without its version
(``eventwire.dependency`` or ``dependency``) takes the newest version.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

from eventwire.errors import RegistryError

VERSIONED = re.compile(r"^(?P<base>[\w.-]+?)\.v(?P<version>\d+)$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One registered factory: ``factory(settings)`` builds the reader, stage or coder."""

    name: str
    factory: Callable[..., Any]
    description: str
    plugin: str | None = None  # the distribution that registered it, for plug-ins

    @property
    def base(self) -> str:
        match = VERSIONED.match(self.name)
        return match.group("base") if match else self.name

    @property
    def version(self) -> int:
        match = VERSIONED.match(self.name)
        return int(match.group("version")) if match else 0


class Registry:
    """Factories of one kind by versioned name, filled by built-ins and entry points on first use."""

    def __init__(self, kind: str, group: str, builtins: tuple[str, ...]) -> None:
        self.kind, self.group, self.builtins = kind, group, builtins
        self._entries: dict[str, Entry] = {}
        self._loaded = False

    def register(
        self, name: str, factory: Callable[..., Any] | None = None, description: str | None = None
    ) -> Callable[..., Any]:
        """Register ``factory`` as ``name`` (usable as a decorator). A name is registered once."""

        def add(func: Callable[..., Any]) -> Callable[..., Any]:
            if not VERSIONED.match(name):
                raise RegistryError(f"{self.kind} name {name!r} must end in a version, like {name}.v1")
            old = self._entries.get(name)
            if old is not None and old.factory is not func:
                raise RegistryError(f"a {self.kind} is already registered as {name!r}")
            text = description or next(iter((func.__doc__ or "").strip().splitlines()), "")
            self._entries[name] = Entry(name, func, text, _current_plugin)
            return func

        return add(factory) if factory is not None else add

    def _load(self) -> None:
        if self._loaded:
            return
        self._loaded = True
        for module in self.builtins:
            importlib.import_module(module)
        load_entry_points(self)

    def entries(self) -> list[Entry]:
        self._load()
        return sorted(self._entries.values(), key=lambda e: (e.base, e.version))

    def names(self) -> list[str]:
        return [e.name for e in self.entries()]

    def get(self, name: str) -> Entry:
        """The entry named ``name``; without a version, the newest one of that name."""
        self._load()
        if name in self._entries:
            return self._entries[name]
        wanted = {name, f"eventwire.{name}"}
        matches = [e for e in self._entries.values() if e.base in wanted]
        if not matches:
            known = ", ".join(self.names()) or "none"
            raise RegistryError(f"unknown {self.kind} {name!r}; registered: {known}")
        return max(matches, key=lambda e: e.version)


_current_plugin: str | None = None


def load_entry_points(registry: Registry) -> None:
    """Import the entry points of ``registry.group``: each registers itself or is a factory."""
    global _current_plugin
    for point in entry_points(group=registry.group):
        _current_plugin = point.dist.name if point.dist else point.value
        try:
            loaded = point.load()
            if VERSIONED.match(point.name):
                registry.register(point.name, loaded)
            elif callable(loaded):
                loaded()
        except RegistryError:
            raise
        except Exception as exc:  # a broken plug-in must say so, not break every command silently
            raise RegistryError(f"plug-in {point.name!r} ({point.value}) failed to load: {exc}") from exc
        finally:
            _current_plugin = None


# Each registry with the modules whose import registers its built-ins.
readers = Registry("reader", "eventwire.readers", ("eventwire.sources.readers",))
stages = Registry("stage", "eventwire.stages", ("eventwire.annotate.stages", "eventwire.coding.stages"))
coders = Registry("coder", "eventwire.coders", ("eventwire.coding.stages",))
