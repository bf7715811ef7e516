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

from eventwire.model import RawDoc, stable_id
from eventwire.store.database import Store

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _options(annotate: bool, allow_private: bool) -> Any:
    from eventwire.pipeline import IngestOptions
    from eventwire.sources.fetch import FetchSettings

    return IngestOptions(annotate=annotate, fetch=FetchSettings(allow_private=allow_private))


def text_job(text: str, title: str | None, url: str | None, annotate: bool) -> Callable[[Store], dict]:
    def run(store: Store) -> dict:
        from eventwire.pipeline import ingest_raw

        raw = RawDoc(
            item=f"pasted:{stable_id(text, prefix='')}",
            content=text.encode("utf-8"),
            kind="text",
            url=url,
            fetched=datetime.now(UTC),
            metadata={"title": title} if title else {},
        )
        return ingest_raw([raw], store, _options(annotate, False)).to_dict()

    return run


def url_job(url: str, annotate: bool, allow_private: bool) -> Callable[[Store], dict]:
    def run(store: Store) -> dict:
        from eventwire.pipeline import ingest

        return ingest([url], store, _options(annotate, allow_private)).to_dict()

    return run


def upload_job(filename: str, content: bytes, annotate: bool) -> Callable[[Store], dict]:
    """An uploaded file is read like the same file on disk (HTML, text, feed, WARC, JSONL)."""
    name = SAFE_NAME.sub("_", Path(filename or "upload").name).lstrip(".") or "upload"

    def run(store: Store) -> dict:
        from eventwire.pipeline import ingest

        with tempfile.TemporaryDirectory(prefix="eventwire-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(content)
            return ingest([str(path)], store, _options(annotate, False)).to_dict()

    return run


def feed_poller(annotate: bool, allow_private: bool) -> Callable[[Store, str], dict]:
    """One conditional-GET poll of a feed: only items not seen before are ingested."""

    def poll(store: Store, url: str) -> dict:
        from eventwire.pipeline import poll_and_ingest

        return {"feed": url, **poll_and_ingest(url, store, _options(annotate, allow_private)).to_dict()}

    return poll
