"""Single documents (an HTML page or a plain text) read from a path or fetched from a URL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from eventwire.errors import FetchError, InputError
from eventwire.model import ARCHIVE_KINDS, DOCUMENT_KINDS, Failure, RawDoc
from eventwire.sources.detect import detect_kind
from eventwire.sources.fetch import FetchResult, FetchSettings, fetch_url
from eventwire.sources.files import check_text, read_blob

# Media types whose bodies are documents rather than containers.
HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_MEDIA_TYPES = frozenset({"text/plain", "text/markdown"})
FEED_MEDIA_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+xml"}
)


def read_document_file(path: Path, settings: FetchSettings, metadata: dict | None = None) -> RawDoc | Failure:
    """A local HTML or text file as one RawDoc (used for files linked from a feed)."""
    item = str(path)
    try:
        content = read_blob(path, settings.max_bytes, settings.max_decompressed)
    except InputError as exc:
        return Failure(item, str(exc))
    kind = detect_kind(path.name, content[:8192])
    if kind not in DOCUMENT_KINDS:
        return Failure(item, f"linked file is a {kind} file, not an article")
    return RawDoc(item=item, content=content, kind=kind, metadata=dict(metadata or {}))


def result_kind(result: FetchResult) -> str:
    """The kind of a fetched body: the media type when it is decisive, else content sniffing."""
    media = result.content_type
    if media in FEED_MEDIA_TYPES:
        return "feed"
    sniffed = detect_kind(result.url.split("?", 1)[0], result.content[:8192])
    if media in HTML_MEDIA_TYPES and sniffed != "feed":
        return "html"
    if media in TEXT_MEDIA_TYPES and sniffed not in ("feed", *ARCHIVE_KINDS):
        return "text"
    return sniffed


def fetched_doc(url: str, result: FetchResult, kind: str, metadata: dict | None = None) -> RawDoc:
    """The RawDoc for a fetched body (the caller has decided its kind)."""
    extra = {"http_status": result.status, "encoding": result.encoding, "content_type": result.content_type}
    if result.url != url:
        extra["requested_url"] = url
    return RawDoc(
        item=url,
        content=result.content,
        kind=kind,
        url=result.url,
        fetched=datetime.now(UTC),
        metadata={**(metadata or {}), **{k: v for k, v in extra.items() if v}},
        container="url",
    )


def fetch_document(url: str, settings: FetchSettings, metadata: dict | None = None) -> RawDoc | Failure:
    """Fetch one article page (an HTML or text URL, e.g. a feed item's link)."""
    try:
        result = fetch_url(url, settings)
        check_text(result.content)
    except FetchError as exc:
        return Failure(url, exc.reason)
    except InputError as exc:
        return Failure(url, f"unusable response: {exc}")
    kind = result_kind(result)
    if kind not in DOCUMENT_KINDS:
        return Failure(url, f"linked URL is a {kind}, not an article")
    return fetched_doc(url, result, kind, metadata)
