"""Server settings and the access policy they imply.

Policy (see docs/architecture.md): reads are open when the server listens on a loopback address
and need the bearer token otherwise (unless ``public_reads``); writes always need the token
``EVENTWIRE_TOKEN``, except on loopback with ``allow_anonymous_writes``. With no token, a
non-loopback server refuses to start rather than serve the store to the network unguarded.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass, field
from pathlib import Path

# A pasted article or an uploaded HTML page is far below this; a WARC upload is the large case.
MAX_BODY_BYTES = 25 * 1024 * 1024
# POST /ingest per client: a burst of this many, then this many per minute (each runs the pipeline).
INGEST_BURST = 10
INGEST_PER_MINUTE = 30.0
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
    db: Path = Path("eventwire.duckdb")
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = field(default_factory=lambda: os.environ.get("EVENTWIRE_TOKEN") or None)
    allow_anonymous_writes: bool = False
    public_reads: bool = False
    max_body_bytes: int = MAX_BODY_BYTES
    watch: list[str] = field(default_factory=list)
    watch_every: float = 15 * 60.0
    allow_private_fetch: bool = False  # let POST /ingest and --watch fetch loopback/private addresses
    annotate: bool = True
    ingest_burst: int = INGEST_BURST
    ingest_per_minute: float = INGEST_PER_MINUTE

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
