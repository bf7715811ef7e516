"""``read_sources``: anything the user points at, as a stream of RawDoc | Failure.

1. Each source is classified: "-" (stdin), an http(s) URL, a file:// URL, or a local path, directory
   or glob (expanded to files, recursively and sorted).
2. Each file or body is classified by ``detect.detect_kind`` unless the caller forces a kind.
3. Containers (feeds, WARC, JSONL) are opened by their readers; documents become one RawDoc.
Nothing raises for bad input: each problem is a Failure naming the item, and reading goes on.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit
from urllib.request import url2pathname

from eventwire.errors import FetchError, InputError
from eventwire.model import ARCHIVE_KINDS, DOCUMENT_KINDS, SOURCE_KINDS, Failure, RawDoc, unexpected_reason
from eventwire.sources.detect import (
    GZIP_MAGIC,
    SNIFF_BYTES,
    binary_reason,
    detect_kind,
    strip_gz,
    unsupported_reason,
)
from eventwire.sources.documents import fetched_doc, result_kind
from eventwire.sources.feeds import FeedSource
from eventwire.sources.fetch import FetchSettings, fetch_url
from eventwire.sources.files import (
    check_text,
    expand_source,
    gunzip_capped,
    is_glob,
    open_checked,
    read_blob,
    sniff_head,
)
from eventwire.sources.readers import ReadContext, kind_from_suffix, reader_for, registered_kinds

STDIN_ITEM = "<stdin>"

Item = TypeVar("Item")


def _sniff_head(path: Path) -> bytes:
    """The first bytes of a file, decompressed when it is gzipped (without failing on truncation)."""
    with open_checked(path) as stream:
        return sniff_head(stream)


def sniffed_kind(name: str, head: bytes) -> str:
    """The kind of a file from its name and first bytes (gunzipped), as ``read_path`` decides it.

    Raises:
        InputError: the file is empty, binary, or structured but of no readable kind (a sitemap).
    """
    if not head.strip():
        check_text(head)
    plugin_kind = kind_from_suffix(strip_gz(name)[0])
    if plugin_kind is not None:
        return plugin_kind
    reason = binary_reason(head) or unsupported_reason(head)
    if reason:
        raise InputError(reason)
    return detect_kind(strip_gz(name)[0], head)


def local_files(source: str, seen: set[str]) -> Iterator[Path | Failure]:
    """The files a local source (path, file:// URL, directory or glob) names, each once per run.

    ``seen`` holds the resolved paths already read and is updated; a source naming nothing gives
    one Failure.
    """
    if urlsplit(source).scheme.lower() == "file":
        source = url2pathname(urlsplit(source).path)
    paths = expand_source(source)
    if paths is None:
        yield Failure(source, "glob matched no files" if is_glob(source) else "no such file or directory")
        return
    for path in paths:
        key = str(path.resolve())
        if key in seen:
            continue
        seen.add(key)
        yield path


def _context(source: FeedSource, settings: FetchSettings, seen: set[str]) -> ReadContext:
    return ReadContext(settings, source, seen, lambda url: read_url(url, None, settings, seen))


def _read_body(
    content: bytes, item: str, kind: str, source: FeedSource, settings: FetchSettings, seen: set[str]
) -> Iterator[RawDoc | Failure]:
    """Dispatch bytes already in memory (stdin, a fetched body, a small file) to the kind's reader."""
    reader = reader_for(kind)
    if reader is None:
        yield RawDoc(item=item, content=content, kind=kind, url=source.url)
    else:
        yield from reader.read(content, item, _context(source, settings, seen))


def read_url(url: str, kind: str | None, settings: FetchSettings, seen: set[str]) -> Iterator[RawDoc | Failure]:
    """Fetch an http(s) URL and read what comes back (a page, a feed, a WARC …)."""
    try:
        result = fetch_url(url, settings)
        body_kind = kind if kind and kind != "url" else result_kind(result)
        if result.content.startswith(GZIP_MAGIC) and body_kind not in ARCHIVE_KINDS:
            # A gzipped file served as-is (not Content-Encoding, which httpx already undid).
            result.content = gunzip_capped(result.content, settings.max_decompressed)
            body_kind = kind if kind and kind != "url" else result_kind(result)
        check_text(result.content[:SNIFF_BYTES])
    except FetchError as exc:
        yield Failure(url, exc.reason)
        return
    except InputError as exc:
        yield Failure(url, f"unusable response: {exc}")
        return
    if body_kind in DOCUMENT_KINDS:
        yield fetched_doc(url, result, body_kind)
        return
    yield from _read_body(result.content, url, body_kind, FeedSource(item=url, url=result.url), settings, seen)


def read_path(path: Path, kind: str | None, settings: FetchSettings, seen: set[str]) -> Iterator[RawDoc | Failure]:
    """Read one local file of any kind."""
    item = str(path)
    try:
        head = _sniff_head(path)
        if kind is None:
            kind = sniffed_kind(path.name, head)
        elif not head.strip():
            check_text(head)
        reader = reader_for(kind)
        if reader is not None and reader.stream is not None:
            with open_checked(path) as stream:
                yield from reader.stream(stream, item, _context(FeedSource(item=item), settings, seen))
            return
        content = read_blob(path, settings.max_bytes, settings.max_decompressed)
    except InputError as exc:
        yield Failure(item, str(exc))
        return
    source = FeedSource(item=item, local_dir=path.parent if settings.allow_local_links else None)
    yield from _read_body(content, item, kind, source, settings, seen)


def _read_stdin(kind: str | None, settings: FetchSettings, seen: set[str]) -> Iterator[RawDoc | Failure]:
    try:
        content = sys.stdin.buffer.read(settings.max_decompressed + 1)
        if len(content) > settings.max_decompressed:
            raise InputError(f"standard input too large: over {settings.max_decompressed} bytes")
        check_text(content)
    except (InputError, OSError) as exc:
        yield Failure(STDIN_ITEM, str(exc))
        return
    kind = kind or detect_kind(None, content[:SNIFF_BYTES])
    yield from _read_body(content, STDIN_ITEM, kind, _stdin_source(settings), settings, seen)


def _stdin_source(settings: FetchSettings) -> FeedSource:
    return FeedSource(item=STDIN_ITEM, local_dir=Path.cwd() if settings.allow_local_links else None)


def _read_source(source: str, kind: str | None, settings: FetchSettings, seen: set[str]) -> Iterator[RawDoc | Failure]:
    if source == "-":
        yield from _read_stdin(kind, settings, seen)
        return
    if urlsplit(source).scheme.lower() in ("http", "https"):
        yield from read_url(source, kind, settings, seen)
        return
    for path in local_files(source, seen):
        if isinstance(path, Failure):
            yield path
        else:
            yield from guarded(read_path(path, kind, settings, seen), str(path))


def guarded(items: Iterator[Item], item: str) -> Iterator[Item | Failure]:
    """Turn an unexpected exception inside one input into a Failure, so later inputs are still read."""
    try:
        yield from items
    except Exception as exc:  # bad input must never stop the run
        yield Failure(item, unexpected_reason(exc))


def read_sources(
    sources: Sequence[str], kind: str | None = None, fetch: FetchSettings | None = None
) -> Iterator[RawDoc | Failure]:
    """Read every source into RawDocs, with a Failure for each item that cannot be read.

    Args:
        sources: files, directories (recursive), globs, "-" for stdin, http(s) or file:// URLs;
            feeds, WARC (.warc/.warc.gz), JSONL, HTML and text are recognised by content and name.
        kind: force one kind for every source (one of ``model.SOURCE_KINDS``; "url" for files
            listing URLs, one per line); None detects it per item.
        fetch: limits for network access and file sizes; None uses FetchSettings() defaults.
    Returns:
        A lazy iterator; each local file is read at most once per call (a page linked from a
        feed in the same run is not read again).
    Raises:
        ValueError: ``kind`` is not one of the kinds above (checked before anything is read).
    """
    kinds = tuple(dict.fromkeys((*SOURCE_KINDS, *registered_kinds())))
    if kind is not None and kind not in kinds:
        raise ValueError(f"unknown source kind {kind!r}; expected one of {', '.join(kinds)}")
    if isinstance(sources, str):
        sources = [sources]
    return _read_all(list(sources), kind, fetch or FetchSettings())


def _read_all(sources: list[str], kind: str | None, settings: FetchSettings) -> Iterator[RawDoc | Failure]:
    seen: set[str] = set()
    for source in sources:
        yield from guarded(_read_source(source, kind, settings, seen), source)
