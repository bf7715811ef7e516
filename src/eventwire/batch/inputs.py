"""Walk the inputs of a batch run in order: containers to partition, and documents read here.

Archives (WARC) and JSON Lines files are the bulk of a large run; they are listed here and cut
into partitions later, so their records are only read by the workers. Everything else (HTML and
text files, feeds, URL lists, web pages) is read right here by the same readers ``eventwire
ingest`` uses, with the same once-per-run bookkeeping (a page linked from a local feed is not read
again as a file), so both commands see the same items in the same order.

Local paths, globs and directories are expanded as ingest expands them; any other fsspec URL
(``s3://bucket/crawl/*.warc.gz``, ``gs://…``) is listed through fsspec.
"""

from __future__ import annotations

import posixpath
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlsplit
from urllib.request import url2pathname

import fsspec

from eventwire.model import Failure, RawDoc
from eventwire.sources import read_sources
from eventwire.sources.detect import GZIP_MAGIC, SNIFF_BYTES, binary_reason, detect_kind, kind_from_name, strip_gz
from eventwire.sources.feeds import FeedSource, read_feed
from eventwire.sources.fetch import FetchSettings
from eventwire.sources.files import CORPUS_DOC_STEMS, InputError, check_text, expand_source, gunzip_capped, is_glob
from eventwire.sources.reader import read_path, read_url

CONTAINER_KINDS = ("warc", "jsonl")
WEB_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class Container:
    """A WARC or JSONL file to be cut into partitions; ``url`` is a local path or an fsspec URL."""

    url: str
    kind: str


def is_remote(url: str) -> bool:
    """An fsspec URL other than a local path or file:// (s3://, gs://, https:// …)."""
    scheme = urlsplit(url).scheme.lower()
    return len(scheme) > 1 and scheme not in ("file", "local")


def open_input(url: str) -> BinaryIO:
    """A seekable binary stream over a local file or any fsspec URL."""
    if not is_remote(url):
        return open(url, "rb")  # noqa: SIM115 - the caller closes it
    return fsspec.open(url, "rb").open()


def sniff_head(stream: BinaryIO) -> bytes:
    """The first bytes of a stream, gunzipped when it is gzipped (tolerating a cut-off member)."""
    head = stream.read(SNIFF_BYTES * 8)
    if not head.startswith(GZIP_MAGIC):
        return head[:SNIFF_BYTES]
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data: {exc}") from exc


def _container_kind(url: str, name: str) -> str | None:
    """ "warc" or "jsonl" when the file is one, as ingest would decide; None for anything else."""
    try:
        with open_input(url) as stream:
            head = sniff_head(stream)
    except (OSError, InputError):
        return None
    if not head.strip() or binary_reason(head):
        return None
    kind = detect_kind(strip_gz(name)[0], head)
    return kind if kind in CONTAINER_KINDS else None


def _guarded(items: Iterator[RawDoc | Failure], item: str) -> Iterator[RawDoc | Failure]:
    """An unexpected error inside one input becomes a Failure, as in ingest."""
    try:
        yield from items
    except Exception as exc:  # bad input must never stop the run
        yield Failure(item, f"unexpected error: {type(exc).__name__}: {exc}".splitlines()[0])


def _skipped(name: str) -> bool:
    """Hidden files and corpus documentation are not articles (as in a local directory walk)."""
    return name.startswith(".") or name.split(".", 1)[0].lower() in CORPUS_DOC_STEMS


def expand_remote(url: str) -> list[str]:
    """The files an fsspec URL names: itself, a directory's files (recursive) or a glob's matches."""
    fs, path = fsspec.core.url_to_fs(url)
    if is_glob(path) and urlsplit(url).scheme.lower() not in WEB_SCHEMES:
        paths = sorted(fs.glob(path))
    elif urlsplit(url).scheme.lower() not in WEB_SCHEMES and fs.isdir(path):
        paths = sorted(p for p in fs.find(path) if not _skipped(posixpath.basename(p)))
    else:
        return [url]
    return [fs.unstrip_protocol(p) for p in paths]


def _read_remote_document(url: str, settings: FetchSettings, seen: set[str]) -> Iterator[RawDoc | Failure]:
    """A single document (or a feed) from object storage."""
    try:
        with open_input(url) as stream:
            content = stream.read(settings.max_bytes + 1)
        if len(content) > settings.max_bytes:
            raise InputError(f"file too large: over {settings.max_bytes} bytes")
        if content.startswith(GZIP_MAGIC):
            content = gunzip_capped(content, settings.max_decompressed)
        check_text(content)
    except (OSError, InputError) as exc:
        yield Failure(url, str(exc))
        return
    name = strip_gz(posixpath.basename(urlsplit(url).path))[0]
    kind = detect_kind(name, content[:SNIFF_BYTES])
    if kind == "feed":
        yield from read_feed(content, FeedSource(item=url), settings, seen)
    else:
        yield RawDoc(item=url, content=content, kind=kind)


def walk_inputs(inputs: list[str], settings: FetchSettings) -> Iterator[Container | RawDoc | Failure]:
    """Every input in order: a Container per WARC/JSONL file, else the items read from it."""
    seen: set[str] = set()
    for source in inputs:
        yield from _guarded(_walk_source(source, settings, seen), source)


def _walk_source(source: str, settings: FetchSettings, seen: set[str]) -> Iterator[Container | RawDoc | Failure]:
    if source == "-":
        yield from read_sources(["-"], fetch=settings)
        return
    scheme = urlsplit(source).scheme.lower()
    if scheme in WEB_SCHEMES:
        kind = kind_from_name(urlsplit(source).path)
        if kind in CONTAINER_KINDS:
            if source not in seen:  # an archive named twice is read once
                seen.add(source)
                yield Container(source, kind)
        else:
            yield from read_url(source, None, settings, seen)
        return
    if is_remote(source):
        for url in expand_remote(source):
            if url in seen:
                continue
            seen.add(url)
            kind = _container_kind(url, posixpath.basename(urlsplit(url).path))
            if kind:
                yield Container(url, kind)
            else:
                yield from _guarded(_read_remote_document(url, settings, seen), url)
        return
    if scheme == "file":
        source = url2pathname(urlsplit(source).path)
    paths = expand_source(source)
    if paths is None:
        yield Failure(source, "glob matched no files" if is_glob(source) else "no such file or directory")
        return
    for path in paths:
        key = str(Path(path).resolve())
        if key in seen:
            continue
        seen.add(key)
        kind = _container_kind(str(path), path.name)
        if kind:
            yield Container(str(path), kind)
        else:
            yield from _guarded(read_path(path, None, settings, seen), str(path))
