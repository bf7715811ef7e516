"""Answers that stay valid until the next write: cached per store write generation.

The server's writer thread counts the write jobs it has run (``StoreWriter.generation``). A full
aggregate such as GET /actors, or the total of a filtered event list (which the dashboard asks for
again on every page), is computed once per generation and then served from memory; the first
read after a write computes it afresh, so an answer is never staler than the last finished write.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

# Distinct (query, parameters) answers kept; filters typed by hand rarely repeat beyond this.
MAX_ENTRIES = 2048


class GenerationCache:
    """A bounded LRU map from a key to the value computed for it at one write generation."""

    def __init__(self, max_entries: int = MAX_ENTRIES):
        self.max_entries = max_entries
        self._entries: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, generation: int, compute: Callable[[], Any]) -> Any:
        with self._lock:
            found = self._entries.get(key)
            if found is not None and found[0] == generation:
                self._entries.move_to_end(key)
                return found[1]
        value = compute()  # outside the lock: two threads may compute one key once each, never block
        with self._lock:
            self._entries[key] = (generation, value)
            self._entries.move_to_end(key)
            while len(self._entries) > self.max_entries:
                self._entries.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._entries)
