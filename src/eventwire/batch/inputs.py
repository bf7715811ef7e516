"""Walk the inputs of a batch run in order: containers to partition, and documents read here.

Archives (WARC) and JSON Lines files are the bulk of a large run; they are listed here and cut
into partitions later, so their records are only read by the workers. Everything else (HTML and
text files, feeds, URL lists, web pages) is read right here by the same readers ``eventwire
ingest`` uses, with the same once-per-run bookkeeping (a page linked from a local feed is not read
again as a file), so both commands see the same items in the same order.

Local paths, globs and directories are expanded by the sources walker, as ingest expands them;
object-store URLs (``s3://bucket/crawl/*.warc.gz``, ``gs://…``) are listed through fsspec.
http(s) URLs never go through fsspec: pages, feeds and URL lists are fetched by ingest's fetcher,
and a WARC/JSONL URL is downloaded once by the driver (``download_archive``), with the same
address checks, into ``DIR/_downloads/`` where the workers read it like any other file.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO
from urllib.parse import urlsplit

import fsspec

from eventwire.batch.output import OutputDir
from eventwire.errors import FetchError, InputError
from eventwire.model import ARCHIVE_KINDS, Failure, RawDoc, stable_id
from eventwire.sources import read_sources
from eventwire.sources.detect import SNIFF_BYTES, detect_kind, kind_from_name, strip_gz
from eventwire.sources.feeds import FeedSource, read_feed
from eventwire.sources.fetch import FetchSettings, download_url
from eventwire.sources.files import is_glob, read_blob_stream, skipped_in_walk, sniff_head
from eventwire.sources.reader import guarded, local_files, read_path, read_url, sniffed_kind

WEB_SCHEMES = ("http", "https")
DOWNLOAD_DIR = "_downloads"
# A web archive is downloaded whole before it is cut, so its cap is far above the page cap:
# Common Crawl's WARC files are about 1 GB each; anything over this is more likely a mistake.
DEFAULT_MAX_ARCHIVE_BYTES = 4 * 1024**3
# The whole download of one archive; connecting and each read keep the page fetcher's timeout.
DEFAULT_ARCHIVE_TIMEOUT = 3600.0
# Characters kept from an archive's URL in its download's name (the rest become "_").
UNSAFE_NAME_CHARS = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME_CHARS = 80


@dataclass(frozen=True, slots=True)
class Container:
    """A WARC or JSONL file to be cut into partitions.

    ``url`` names it (items are ``url#record-N``, as ingest names them): a local path, an
    object-store URL or an http(s) URL. ``location`` is where its bytes are read when that is
    elsewhere: the download of a web archive.
    """

    url: str
    kind: str
    location: str | None = None


def is_web(url: str) -> bool:
    return urlsplit(url).scheme.lower() in WEB_SCHEMES


def is_remote(url: str) -> bool:
    """An fsspec URL other than a local path or file:// (s3://, gs://, https:// …)."""
    scheme = urlsplit(url).scheme.lower()
    return len(scheme) > 1 and scheme not in ("file", "local")


def _refuse_web(url: str) -> None:
    """http(s) reaches the network only through the fetcher's checks, never through fsspec."""
    if any(is_web(part) for part in url.split("::")):
        raise InputError("http(s) is read through eventwire's fetcher: give the http(s) URL itself")


def open_input(url: str) -> BinaryIO:
    """A seekable binary stream over a local file or an object-store URL (never http(s))."""
    if not is_remote(url):
        return open(url, "rb")  # noqa: SIM115 - the caller closes it
    _refuse_web(url)
    return fsspec.open(url, "rb").open()


def _container_kind(url: str, name: str) -> str:
    """ "warc" or "jsonl" as ingest would decide; InputError with the reason for anything else."""
    try:
        with open_input(url) as stream:
            head = sniff_head(stream)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from exc
    kind = sniffed_kind(name, head)
    if kind not in ARCHIVE_KINDS:
        raise InputError(f"not a WARC or JSON Lines file (the content is {kind})")
    return kind


def _container_or_none(url: str, name: str) -> str | None:
    """The container kind, or None for a file the document readers should read (and judge)."""
    try:
        return _container_kind(url, name)
    except InputError:
        return None


def _download_path(out: OutputDir, url: str) -> str:
    name = UNSAFE_NAME_CHARS.sub("_", posixpath.basename(urlsplit(url).path))[-MAX_NAME_CHARS:]
    return out.path(DOWNLOAD_DIR, f"{stable_id(url)}-{name or 'archive'}")


def download_location(out: OutputDir, url: str) -> str:
    """Where a web archive's download lives in the output directory (a local path or fsspec URL)."""
    path = _download_path(out, url)
    return path if out.is_local else out.fs.unstrip_protocol(path)


def download_archive(
    container: Container, out: OutputDir, settings: FetchSettings, max_bytes: int, timeout: float
) -> Container | Failure:
    """Download a web archive into the output directory once, checked as every fetch is.

    A download is written under a temporary name and renamed when complete, so one under its
    final name is whole and is never fetched again (a run re-planned after an interrupted plan).

    Args:
        container: an http(s) WARC/JSONL URL.
        settings: the fetch settings (private-address switches, connect/read timeout, redirects).
        max_bytes: the largest archive accepted (on the wire and written).
        timeout: seconds for the whole download.
    Returns:
        The container with its ``location`` (and the kind its content shows), or a Failure
        with the one-line reason (refused address, HTTP error, too large, cut short …).
    """
    final = _download_path(out, container.url)
    if not out.exists(final):
        out.fs.makedirs(out.path(DOWNLOAD_DIR), exist_ok=True)
        temp = out.temp_path(final)
        try:
            with out.fs.open(temp, "wb") as sink:
                download_url(container.url, sink, settings, max_bytes, timeout, what="archive")
        except FetchError as exc:
            if out.exists(temp):
                out.fs.rm(temp)
            return Failure(container.url, exc.reason)
        out.publish(temp, final)
    location = download_location(out, container.url)
    try:
        kind = _container_kind(location, posixpath.basename(urlsplit(container.url).path))
    except InputError as exc:
        return Failure(container.url, f"unusable response: {exc}")
    return Container(container.url, kind, location)


def expand_remote(url: str) -> list[str]:
    """The files an object-store URL names: itself, a directory's files (recursive) or a glob's matches."""
    _refuse_web(url)
    fs, path = fsspec.core.url_to_fs(url)
    if is_glob(path):
        paths = sorted(fs.glob(path))
    elif fs.isdir(path):
        paths = sorted(p for p in fs.find(path) if not skipped_in_walk(posixpath.basename(p)))
    else:
        return [url]
    return [fs.unstrip_protocol(p) for p in paths]


def _read_remote_document(url: str, settings: FetchSettings, seen: set[str]) -> Iterator[RawDoc | Failure]:
    """A single document (or a feed) from object storage."""
    try:
        with open_input(url) as stream:
            content = read_blob_stream(stream, settings.max_bytes, settings.max_decompressed)
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
    """Every input in order: a Container per WARC/JSONL file, else the items read from it.

    A WARC/JSONL http(s) URL is a Container without ``location``: nothing is fetched here; the
    driver downloads it (``download_archive``) before it is cut.
    """
    seen: set[str] = set()
    for source in inputs:
        yield from guarded(_walk_source(source, settings, seen), source)


def _walk_source(source: str, settings: FetchSettings, seen: set[str]) -> Iterator[Container | RawDoc | Failure]:
    if source == "-":
        yield from read_sources(["-"], fetch=settings)
        return
    if is_web(source):
        kind = kind_from_name(urlsplit(source).path)
        if kind in ARCHIVE_KINDS:
            if source not in seen:  # an archive named twice is read once
                seen.add(source)
                yield Container(source, kind)
        else:
            yield from read_url(source, None, settings, seen)
        return
    if is_remote(source):
        try:
            urls = expand_remote(source)
        except (InputError, ImportError) as exc:  # ImportError: the store's fsspec library is missing
            yield Failure(source, str(exc).splitlines()[0])
            return
        for url in urls:
            if url in seen:
                continue
            seen.add(url)
            kind = _container_or_none(url, posixpath.basename(urlsplit(url).path))
            if kind:
                yield Container(url, kind)
            else:
                yield from guarded(_read_remote_document(url, settings, seen), url)
        return
    for path in local_files(source, seen):
        if isinstance(path, Failure):
            yield path
            continue
        kind = _container_or_none(str(path), path.name)
        if kind:
            yield Container(str(path), kind)
        else:
            yield from guarded(read_path(path, None, settings, seen), str(path))
