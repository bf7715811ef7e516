"""Source readers by kind: the built-in containers register here as plug-in readers do.

A reader turns the bytes of one input of its ``kind`` into RawDocs (and Failures, never raising
for bad input). Plug-ins add kinds through the ``eventwire.readers`` entry-point group; their
``suffixes`` let ``read_sources`` recognise their files by name.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from eventwire.model import Failure, RawDoc
from eventwire.registry import readers
from eventwire.sources.feeds import FeedSource, read_feed
from eventwire.sources.fetch import FetchSettings
from eventwire.sources.jsonl import read_jsonl
from eventwire.sources.warc import read_warc


@dataclass(slots=True)
class ReadContext:
    """What a reader may use besides the bytes: limits, the run's seen paths, where the bytes came from."""

    fetch: FetchSettings
    source: FeedSource
    seen: set[str] = field(default_factory=set)
    read_url: Callable[[str], Iterator[RawDoc | Failure]] | None = None


@dataclass(frozen=True, slots=True)
class Reader:
    """Reads inputs of one ``kind``; ``stream`` reads a large file without loading it whole."""

    kind: str
    read: Callable[[bytes, str, ReadContext], Iterator[RawDoc | Failure]]
    suffixes: tuple[str, ...] = ()
    stream: Callable[[BinaryIO, str, ReadContext], Iterator[RawDoc | Failure]] | None = None


def reader_for(kind: str) -> Reader | None:
    """The newest registered reader of ``kind`` (None for documents: html and text)."""
    found = [e for e in readers.entries() if _kind(e.name) == kind]
    return max(found, key=lambda e: e.version).factory() if found else None


def registered_kinds() -> tuple[str, ...]:
    return tuple(dict.fromkeys(_kind(e.name) for e in readers.entries()))


def kind_from_suffix(name: str) -> str | None:
    """A plug-in reader's kind when ``name`` ends in one of its suffixes."""
    lowered = name.lower()
    for entry in readers.entries():
        reader = entry.factory()
        if any(lowered.endswith(s) for s in reader.suffixes):
            return reader.kind
    return None


def _kind(name: str) -> str:
    """``eventwire.warc.v1`` → ``warc``; a plug-in's ``acme.readers.csvnews.v1`` → ``csvnews``."""
    return name.rsplit(".", 2)[-2]


def _stream_warc(stream: BinaryIO, item: str, context: ReadContext) -> Iterator[RawDoc | Failure]:
    return read_warc(stream, item, context.fetch.max_bytes)


def _stream_jsonl(stream: BinaryIO, item: str, context: ReadContext) -> Iterator[RawDoc | Failure]:
    return read_jsonl(stream, item, context.fetch.max_bytes)


@readers.register("eventwire.warc.v1")
def warc_reader() -> Reader:
    """Web archives (.warc, .warc.gz): one document per HTML response record."""
    return Reader("warc", lambda c, i, x: _stream_warc(io.BytesIO(c), i, x), stream=_stream_warc)


@readers.register("eventwire.jsonl.v1")
def jsonl_reader() -> Reader:
    """JSON lines: one document per line with text or html and optional metadata."""
    return Reader("jsonl", lambda c, i, x: _stream_jsonl(io.BytesIO(c), i, x), stream=_stream_jsonl)


def _read_feed(content: bytes, item: str, context: ReadContext) -> Iterator[RawDoc | Failure]:
    return read_feed(content, context.source, context.fetch, context.seen)


@readers.register("eventwire.feed.v1")
def feed_reader() -> Reader:
    """RSS and Atom feeds: full-content items, or the pages they link to."""
    return Reader("feed", _read_feed)


def _read_url_list(content: bytes, item: str, context: ReadContext) -> Iterator[RawDoc | Failure]:
    lines = (line.strip() for line in content.decode("utf-8", "replace").splitlines())
    for url in (line for line in lines if line and not line.startswith("#")):
        if context.read_url is not None:
            yield from context.read_url(url)


@readers.register("eventwire.url.v1")
def url_list_reader() -> Reader:
    """Lists of URLs, one per line (blank lines and # comments skipped); each page is fetched."""
    return Reader("url", _read_url_list)
