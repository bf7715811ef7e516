"""The write jobs the server runs on its writer thread: ingest pasted text, a URL, an upload, a feed.

Each returns a function of the store, so it runs where the store may be written, and each goes
through the real ingest pipeline (extraction, dedup, annotation, event coding, one transaction).
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from eventwire.api.settings import ServerSettings
from eventwire.model import Failure, RawDoc, stable_id
from eventwire.store.database import Store

SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def _options(settings: ServerSettings, allow_private: bool) -> Any:
    """Ingest options from the server's settings; only URL fetches and feeds may reach private addresses."""
    from eventwire.ingestion import IngestOptions
    from eventwire.sources.fetch import FetchSettings

    fetch = FetchSettings(
        timeout=settings.fetch_timeout, max_bytes=settings.max_fetch_bytes, allow_private=allow_private
    )
    return IngestOptions.from_settings(settings, fetch)


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
    """An uploaded file is read like the same file on disk (HTML, text, feed, WARC, JSONL), as
    untrusted web content: its feed items' local links are refused (``allow_local_links`` stays off).

    Items, reasons and errors name the upload (``upload:NAME``), never the temporary file.
    """
    name = SAFE_NAME.sub("_", Path(filename or "upload").name).lstrip(".") or "upload"
    label = f"upload:{name}"

    def run(store: Store) -> dict:
        from eventwire.ingestion import ingest_raw
        from eventwire.sources import read_sources

        options = _options(settings, False)
        with tempfile.TemporaryDirectory(prefix="eventwire-upload-") as tmp:
            path = Path(tmp) / name
            path.write_bytes(content)
            try:
                raws = _named(read_sources([str(path)], fetch=options.fetch), str(path), tmp, label)
                return ingest_raw(raws, store, options).to_dict()
            except Exception as exc:
                raise type(exc)(_hide(str(exc), str(path), tmp, label)) from None

    return run


def _hide(text: str, path: str, folder: str, label: str) -> str:
    return text.replace(path, label).replace(folder, "upload") if text else text


def _named(raws: Iterator[RawDoc | Failure], path: str, folder: str, label: str) -> Iterator[RawDoc | Failure]:
    """The upload's items with the temporary path replaced by the upload's name."""
    for raw in raws:
        raw.item = _hide(raw.item, path, folder, label)
        if isinstance(raw, Failure):
            raw.reason = _hide(raw.reason, path, folder, label)
        else:
            raw.metadata = {
                k: _hide(v, path, folder, label) if isinstance(v, str) else v for k, v in raw.metadata.items()
            }
        yield raw


def feed_poller(settings: ServerSettings) -> Callable[[Store, str], dict]:
    """One conditional-GET poll of a feed: only items not seen before are ingested."""

    def poll(store: Store, url: str) -> dict:
        from eventwire.ingestion import poll_and_ingest

        return {"feed": url, **poll_and_ingest(url, store, _options(settings, settings.allow_private_fetch)).to_dict()}

    return poll
