"""A token bucket per writer for POST /ingest: each ingest runs the whole pipeline on the one writer
thread, so one client posting in a loop would otherwise starve everyone else's writes. Writers with
the token share the token's bucket; anonymous writers (loopback, ``--allow-anonymous-writes``) have
one per address."""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict

from fastapi import HTTPException, Request

from eventwire.api.security import bearer, token_matches

# Clients remembered at once; the least recently seen is forgotten first (it starts full again).
MAX_CLIENTS = 10_000


class TokenBucket:
    """``burst`` requests at once, refilled at ``per_minute``; ``take`` says how long to wait when empty."""

    def __init__(self, per_minute: float, burst: int, clock=time.monotonic):
        self.rate = per_minute / 60.0
        self.burst = burst
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()

    def take(self, client: str) -> float:
        """Take one token for ``client``: 0 when allowed, else the seconds until a token is back."""
        now = self.clock()
        with self._lock:
            tokens, last = self._buckets.pop(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - last) * self.rate)
            wait = 0.0
            if tokens >= 1:
                tokens -= 1
            else:
                wait = (1 - tokens) / self.rate if self.rate > 0 else math.inf
            self._buckets[client] = (tokens, now)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
        return wait


def client_key(request: Request) -> str:
    """Whose budget a write spends: the token's when it carries the server's token, else the address.

    Runs after the token check, so only a holder of the token reaches its bucket: others cannot
    drain it, and a holder moving between addresses does not get a fresh bucket each time.
    """
    token = request.app.state.settings.token
    if token and token_matches(token, bearer(request)):
        return "token"
    return "address:" + (request.client.host if request.client else "unknown")


async def check_ingest_rate(request: Request) -> None:
    """FastAPI dependency: 429 with Retry-After once the writer's bucket is empty."""
    wait = request.app.state.ingest_limiter.take(client_key(request))
    if wait > 0:
        retry = str(math.ceil(wait)) if math.isfinite(wait) else "3600"
        raise HTTPException(429, "too many ingest requests; retry later", {"Retry-After": retry})
