"""Server settings and the access policy they imply.

Policy (see docs/architecture.md): reads are open when the server listens on a loopback address
and need the bearer token otherwise (unless ``public_reads``); writes always need the token
``EVENTWIRE_TOKEN``, except on loopback with ``allow_anonymous_writes``. With no token, a
non-loopback server refuses to start rather than serve the store to the network unguarded.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.settings import Settings, default_settings, get_setting

# Defaults, with the reason for each in its help text, live in eventwire/settings.toml.
DEFAULTS = default_settings()
MB = 1024 * 1024
# Feeds are polled at most this often, whatever --every says, to stay polite to publishers.
MIN_WATCH_SECONDS = 1.0


def is_loopback(host: str) -> bool:
    if host in ("localhost", "localhost.localdomain"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(slots=True)
class ServerSettings:
    """What the server needs: the shipped defaults unless given; ``from_settings`` takes the effective ones."""

    db: Path = DEFAULTS.db
    host: str = DEFAULTS.host
    port: int = DEFAULTS.port
    token: str | None = field(default_factory=lambda: get_setting("token"))
    allow_anonymous_writes: bool = DEFAULTS.allow_anonymous_writes
    public_reads: bool = DEFAULTS.public_reads
    max_body_bytes: int = int(DEFAULTS.max_body_mb * MB)
    watch: list[str] = field(default_factory=list)
    watch_every: float = 15 * 60.0
    allow_private_fetch: bool = DEFAULTS.allow_private  # let POST /ingest and --watch fetch loopback/private addresses
    annotate: bool = DEFAULTS.annotate
    ingest_burst: int = DEFAULTS.ingest_burst
    ingest_per_minute: float = DEFAULTS.ingest_per_minute
    # What ingest (POST /ingest and the feed watcher) runs with: see ``eventwire.api.jobs``.
    coder: str = DEFAULTS.coder
    allow_unresolved: bool = DEFAULTS.allow_unresolved
    min_confidence: float = DEFAULTS.min_confidence
    batch_size: int = DEFAULTS.batch_size
    fetch_timeout: float = DEFAULTS.fetch_timeout
    max_fetch_bytes: int = DEFAULTS.max_bytes
    article_time_budget: float = DEFAULTS.article_time_budget
    # Bounded reads: heavy routes served at once, DuckDB's memory and one read query's time.
    heavy_requests: int = DEFAULTS.heavy_requests
    db_memory_mb: int = DEFAULTS.db_memory_mb
    query_timeout: float = DEFAULTS.query_timeout
    heavy_wait: float = 2.0  # seconds a heavy request may wait for a slot before its 503

    @classmethod
    def from_settings(cls, settings: Settings, **extra: Any) -> ServerSettings:
        """The server's part of ``settings``; ``extra`` sets what is not a setting (``watch``, ``watch_every``)."""
        return cls(
            db=settings.db,
            host=settings.host,
            port=settings.port,
            token=settings.token,
            allow_anonymous_writes=settings.allow_anonymous_writes,
            public_reads=settings.public_reads,
            max_body_bytes=int(settings.max_body_mb * MB),
            allow_private_fetch=settings.allow_private,
            annotate=settings.annotate,
            ingest_burst=settings.ingest_burst,
            ingest_per_minute=settings.ingest_per_minute,
            coder=settings.coder,
            allow_unresolved=settings.allow_unresolved,
            min_confidence=settings.min_confidence,
            batch_size=settings.batch_size,
            fetch_timeout=settings.fetch_timeout,
            max_fetch_bytes=settings.max_bytes,
            article_time_budget=settings.article_time_budget,
            heavy_requests=settings.heavy_requests,
            db_memory_mb=settings.db_memory_mb,
            query_timeout=settings.query_timeout,
            **extra,
        )

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    @property
    def reads_need_token(self) -> bool:
        return not self.loopback and not self.public_reads

    @property
    def anonymous_writes(self) -> bool:
        return self.allow_anonymous_writes and self.loopback and not self.token

    def problems(self) -> list[str]:
        """Reasons this configuration must not start."""
        out = []
        if self.reads_need_token and not self.token:
            out.append(
                f"listening on {self.host} (not loopback) needs EVENTWIRE_TOKEN, or --public-reads to serve reads openly"
            )
        if self.allow_anonymous_writes and not self.loopback:
            out.append("--allow-anonymous-writes is only allowed on a loopback address")
        if self.watch_every < MIN_WATCH_SECONDS:
            out.append(f"--every must be at least {MIN_WATCH_SECONDS:g} s")
        return out
