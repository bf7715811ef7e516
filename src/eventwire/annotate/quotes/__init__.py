"""Quotations and reported speech with their cues and speakers."""

from eventwire.annotate.quotes.find import find_local_quotes, find_quotes, resolve_speakers

__all__ = ["find_local_quotes", "find_quotes", "resolve_speakers"]
