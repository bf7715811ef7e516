"""The project's exceptions: each says in one line what went wrong and, where it can, what to do."""

from __future__ import annotations


class EventwireError(Exception):
    """Base of the errors eventwire raises on purpose; the CLI prints them as one line."""


class RegistryError(EventwireError, LookupError):
    """An unknown or conflicting reader, stage or coder name, or a plug-in that failed to load."""


class PipelineError(EventwireError, ValueError):
    """A pipeline whose stages are out of order or need what no earlier stage provides."""
