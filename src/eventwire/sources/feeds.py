"""Feeds: turning RSS/Atom items into RawDocs, and polling a feed URL with conditional GET.

An item with full content becomes an HTML (or text) RawDoc by itself; an item with only a link is
read from that link: a fetched page, or a local file only when the feed is a local file read with
``allow_local_links`` (the CLI's ``--allow-local-links``). Any other feed (fetched, uploaded, piped)
is untrusted web content: a link naming a path on this machine is refused without looking at it,
so the reason is the same whether or not the file exists.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit
from urllib.request import url2pathname

from eventwire.dates import coerce_datetime
from eventwire.errors import FetchError, InputError
from eventwire.model import Failure, RawDoc
from eventwire.sources.documents import fetch_document, read_document_file
from eventwire.sources.feedparse import FeedEntry, ParsedFeed, parse_feed, wrap_fragment
from eventwire.sources.fetch import FetchSettings, fetch_url
from eventwire.sources.files import check_text

log = logging.getLogger(__name__)

# Ids remembered per feed. Feeds show their latest 10-100 items, so a few thousand ids cover
# months of history while keeping the stored state small.
MAX_SEEN_IDS = 5000
# One reason for every local link, existing or not, so a refusal tells nothing about the disk.
LOCAL_LINK_REFUSED = (
    "refused: the feed item links to a local file (only a local feed read with --allow-local-links may)"
)


@dataclass(slots=True)
class FeedSource:
    """Where a feed came from: a local file (its directory resolves relative links) or a URL."""

    item: str
    local_dir: Path | None = None
    url: str | None = None


def entry_metadata(entry: FeedEntry, feed: ParsedFeed, source: FeedSource) -> dict[str, Any]:
    metadata = {
        "title": entry.title,
        "published": entry.published,
        "author": entry.author,
        "site": feed.title,
        "feed": source.url or source.item,
        "feed_entry_id": entry.entry_id,
        "link": entry.link,
    }
    return {key: value for key, value in metadata.items() if value}


def _absolute_http(link: str | None, base: str | None) -> str | None:
    if not link:
        return None
    try:
        absolute = urljoin(base, link) if base else link
        return absolute if urlsplit(absolute).scheme in ("http", "https") else None
    except ValueError:  # "http://[::1" and other links urllib cannot split
        return None


def _linked_doc(
    entry: FeedEntry,
    item: str,
    source: FeedSource,
    metadata: dict,
    settings: FetchSettings,
    seen_paths: set[str] | None,
) -> RawDoc | Failure | None:
    """Read an item's link; None when it names a local file this run has already read."""
    link = (entry.link or "").strip()
    try:
        target = urljoin(source.url, link) if source.url else link
        parts = urlsplit(target)
    except ValueError:
        return Failure(item, f"invalid link {link!r} in feed item")
    if parts.scheme in ("http", "https"):
        return fetch_document(target, settings, metadata)
    if parts.scheme not in ("", "file") or (parts.scheme == "" and parts.netloc):
        return Failure(item, f"unsupported link {link!r} in feed item")
    if source.local_dir is None:
        return Failure(item, LOCAL_LINK_REFUSED)
    if parts.scheme == "file":
        # feedparser rewrites "file:///a/b" as "file://a/b"; a file URL's host is never meant here.
        host = "" if parts.netloc in ("", "localhost") else "/" + parts.netloc
        local = Path(url2pathname(host + parts.path))
    else:
        local = Path(unquote(parts.path))
    path = Path(os.path.normpath(source.local_dir / local))
    if seen_paths is not None:
        key = str(path.resolve())
        if key in seen_paths:
            return None
        seen_paths.add(key)
    # The linked page names its own site; the feed's title is kept apart.
    if "site" in metadata:
        metadata["feed_title"] = metadata.pop("site")
    return read_document_file(path, settings, metadata)


def entry_doc(
    entry: FeedEntry,
    index: int,
    feed: ParsedFeed,
    source: FeedSource,
    settings: FetchSettings,
    seen_paths: set[str] | None = None,
) -> RawDoc | Failure | None:
    """The RawDoc for one feed item (``index`` is 1-based), a Failure, or None (already read)."""
    item = f"{source.item}#item-{index}"
    metadata = entry_metadata(entry, feed, source)
    if entry.has_full_content and entry.content:
        is_html = entry.content_type in ("text/html", "application/xhtml+xml")
        body = wrap_fragment(entry.content, entry.title) if is_html else entry.content
        return RawDoc(
            item=item,
            content=body.encode("utf-8"),
            kind="html" if is_html else "text",
            url=_absolute_http(entry.link, source.url),
            metadata=metadata,
            container="feed",
        )
    if entry.link:
        doc = _linked_doc(entry, item, source, metadata, settings, seen_paths)
        if isinstance(doc, RawDoc):
            doc.container = "feed"
        return doc
    return Failure(item, "feed item has neither content nor a link")


def read_feed(
    content: bytes, source: FeedSource, settings: FetchSettings, seen_paths: set[str] | None = None
) -> Iterator[RawDoc | Failure]:
    """Yield a RawDoc or Failure per item of a feed (or one Failure for an unusable feed)."""
    parsed = parse_feed(content, source.item)
    if isinstance(parsed, Failure):
        yield parsed
        return
    if parsed.warning:
        log.warning("%s: feed is not well-formed (%s); read %d items", source.item, parsed.warning, len(parsed.entries))
    for index, entry in enumerate(parsed.entries, start=1):
        doc = entry_doc(entry, index, parsed, source, settings, seen_paths)
        if isinstance(doc, Failure) and parsed.warning:
            doc.reason = f"{doc.reason} (malformed feed: {parsed.warning})"
        if doc is not None:
            yield doc


@dataclass(slots=True)
class FeedState:
    """What a poller remembers about one feed between polls (stored by the caller)."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    seen_ids: set[str] = field(default_factory=set)
    checked_at: datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "etag": self.etag,
            "last_modified": self.last_modified,
            "seen_ids": sorted(self.seen_ids),
            "checked_at": self.checked_at.isoformat() if self.checked_at else None,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FeedState:
        return cls(
            url=data["url"],
            etag=data.get("etag"),
            last_modified=data.get("last_modified"),
            seen_ids=set(data.get("seen_ids") or ()),
            checked_at=coerce_datetime(data.get("checked_at")),
        )


def _remembered(old: set[str], current: set[str]) -> set[str]:
    """Seen ids after a poll: everything still in the feed, plus older ids up to the cap."""
    room = max(MAX_SEEN_IDS - len(current), 0)
    return current | set(sorted(old - current)[:room])


def poll_feed(url: str, state: FeedState | None, settings: FetchSettings) -> tuple[list[RawDoc | Failure], FeedState]:
    """Fetch a feed if it changed and return the items not seen before, plus the new state.

    Sends If-None-Match / If-Modified-Since from ``state``; a 304 yields no items. Items whose
    document could not be read come back as Failures and are not remembered, so the next poll
    tries them again.
    """
    state = state or FeedState(url=url)
    now = datetime.now(UTC)
    headers = {}
    if state.etag:
        headers["If-None-Match"] = state.etag
    if state.last_modified:
        headers["If-Modified-Since"] = state.last_modified
    unchanged = FeedState(url, state.etag, state.last_modified, set(state.seen_ids), now)
    try:
        result = fetch_url(url, settings, headers=headers)
        if result.status == 304:
            return [], unchanged
        check_text(result.content)
    except FetchError as exc:
        return [Failure(url, exc.reason)], unchanged
    except InputError as exc:
        return [Failure(url, f"unusable feed response: {exc}")], unchanged
    parsed = parse_feed(result.content, url)
    if isinstance(parsed, Failure):
        return [parsed], unchanged
    source = FeedSource(item=url, url=result.url)
    items: list[RawDoc | Failure] = []
    current: set[str] = set()
    for index, entry in enumerate(parsed.entries, start=1):
        if entry.entry_id in state.seen_ids:
            current.add(entry.entry_id)
            continue
        doc = entry_doc(entry, index, parsed, source, settings)
        if doc is None:
            continue
        items.append(doc)
        if isinstance(doc, RawDoc):
            current.add(entry.entry_id)
    # After a failed item the validators are not updated: otherwise the next poll would get a 304
    # and never retry it.
    retry = any(isinstance(doc, Failure) for doc in items)
    new_state = FeedState(
        url=url,
        etag=state.etag if retry else result.etag,
        last_modified=state.last_modified if retry else result.last_modified,
        seen_ids=_remembered(state.seen_ids, current),
        checked_at=now,
    )
    return items, new_state
