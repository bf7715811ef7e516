"""The write jobs the server runs on its writer thread: ingest pasted text, a URL, an upload, a feed.

Each returns a function of the store, so it runs where the store may be written, and each goes
through the real ingest pipeline (extraction, dedup, annotation, event coding, one transaction).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventwire.api.settings import ServerSettings
from eventwire.model import RawDoc, stable_id
from eventwire.store.database import Store

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _options(settings: ServerSettings, allow_private: bool) -> Any:
    """Ingest options from the server's settings; only URL fetches and feeds may reach private addresses."""
    from eventwire.ingestion import IngestOptions
    from eventwire.sources.fetch import FetchSettings

    fetch = FetchSettings(
        timeout=settings.fetch_timeout, max_bytes=settings.max_fetch_bytes, allow_private=allow_private
    )
    return IngestOptions(
        annotate=settings.annotate,
        batch_size=settings.batch_size,
        allow_unresolved=settings.allow_unresolved,
        coder=settings.coder,
        fetch=fetch,
    )


def text_job(text: str, title: str | None, url: str | None, settings: ServerSettings) -> Callable[[Store], dict]:
    def run(store: Store) -> dict:
        from eventwire.ingestion import ingest_raw

        raw = RawDoc(
            item=f"pasted:{stable_id(text, prefix='')}",
            content=text.encode("utf-8"),
            kind="text",
            url=url,
            fetched=datetime.now(UTC),
            metadata={"title": title} if title else {},
        )
        return ingest_raw([raw], store, _options(settings, False)).to_dict()

    return run


def url_job(url: str, settings: ServerSettings) -> Callable[[Store], dict]:
    def run(store: Store) -> dict:
        from eventwire.ingestion import ingest

        return ingest([url], store, _options(settings, settings.allow_private_fetch)).to_dict()

    return run


def upload_job(filename: str, content: bytes, settings: ServerSettings) -> Callable[[Store], dict]:
    """An uploaded file is read like the same file on disk (HTML, text, feed, WARC, JSONL)."""
    name = SAFE_NAME.sub("_", Path(filename or "upload").name).lstrip(".") or "upload"

    def run(store: Store) -> dict:
        from eventwire.ingestion import ingest

        with tempfile.TemporaryDirectory(prefix="eventwire-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(content)
            return ingest([str(path)], store, _options(settings, False)).to_dict()

    return run


def feed_poller(settings: ServerSettings) -> Callable[[Store, str], dict]:
    """One conditional-GET poll of a feed: only items not seen before are ingested."""

    def poll(store: Store, url: str) -> dict:
        from eventwire.ingestion import poll_and_ingest

        return {"feed": url, **poll_and_ingest(url, store, _options(settings, settings.allow_private_fetch)).to_dict()}

    return poll
