"""The one error extraction raises for input it cannot turn into an article."""

from __future__ import annotations


class ExtractionError(ValueError):
    """Input that yields no article: ``reason`` is a one-line, human-readable cause.

    A ValueError so callers that already treat bad values as skippable keep working.
    """

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
