"""WARC archives: each HTML response record becomes a RawDoc.

warcio reads damaged archives leniently (a cut-off record simply ends early), so truncation is
checked here: gzip members are decompressed by ``gzip`` (which notices a missing end of stream) and
each record's block must be as long as its Content-Length says. Records read before the damage are
kept; the damage itself becomes one Failure.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from datetime import datetime
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.limitreader import LimitReader

from eventwire.errors import TruncatedGzip, TruncatedRecord
from eventwire.model import Failure, RawDoc
from eventwire.sources.detect import GZIP_MAGIC

DRAIN_CHUNK = 1024 * 1024
HTML_TYPES = ("text/html", "application/xhtml+xml")

# Errors warcio and the decompressor raise on damaged input (warcio also trips over its own
# attributes on some malformed headers, hence AttributeError/TypeError; a Content-Length too big for an
# index overflows).
DAMAGE_ERRORS = (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, AttributeError, TypeError, OverflowError)


def _unread_bytes(stream: object) -> int:
    """Bytes the record's Content-Length promised but the archive did not contain."""
    while stream is not None and not isinstance(stream, LimitReader):
        stream = getattr(stream, "stream", None)
    return stream.limit if isinstance(stream, LimitReader) else 0


def _drain(stream: Any) -> None:
    """Consume the rest of a record without holding it in memory."""
    while stream.read(DRAIN_CHUNK):
        pass


def parse_warc_date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


class _GunzipStream:
    """Decompressed view of a gzipped archive that reports a cut-off member instead of EOF.

    warcio treats EOFError as a clean end of archive, which would hide truncation. Data decompressed
    before the cut is still returned, so the records before it stay readable.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._gzip = gzip.GzipFile(fileobj=stream)
        self._truncated = False

    def read(self, size: int = -1) -> bytes:
        if self._truncated:
            raise TruncatedGzip("gzip stream ends inside a record")
        wanted = size if size is not None and size >= 0 else DRAIN_CHUNK * 64
        parts: list[bytes] = []
        total = 0
        while total < wanted:
            try:
                piece = self._gzip.read1(wanted - total)
            except EOFError:
                self._truncated = True
                break
            if not piece:
                break
            parts.append(piece)
            total += len(piece)
        if self._truncated and not parts:
            raise TruncatedGzip("gzip stream ends inside a record")
        return b"".join(parts)

    def tell(self) -> int:
        return self._gzip.tell()

    def close(self) -> None:
        self._gzip.close()


def _open_archive(stream: BinaryIO) -> Any:
    """The uncompressed WARC stream; gzip is decompressed here so that truncation is noticed."""
    head = stream.read(2)
    stream.seek(0)
    return _GunzipStream(stream) if head == GZIP_MAGIC else stream


def read_warc(stream: BinaryIO, item: str, max_record_bytes: int) -> Iterator[RawDoc | Failure]:
    """Yield a RawDoc per HTML response record of a (gzipped) WARC, then a Failure if it is damaged.

    Args:
        stream: a seekable binary stream positioned at the start of the archive.
        item: the archive's name, used to name records as ``item#record-N``.
        max_record_bytes: records with a larger payload become a Failure and are skipped.
    """
    count = 0
    readable = 0
    try:
        for record in ArchiveIterator(_open_archive(stream), arc2warc=True):
            count += 1
            record_item = f"{item}#record-{count}"
            if record.rec_type is None:
                raise ArchiveLoadFailed("record without a WARC-Type header")
            doc = _record_doc(record, record_item, max_record_bytes)
            if _unread_bytes(record.raw_stream) > 0:
                raise TruncatedRecord(f"record {count} ends before its Content-Length")
            readable += 1
            if doc is not None:
                yield doc
    except (TruncatedRecord, TruncatedGzip, *DAMAGE_ERRORS) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        yield Failure(
            f"{item}#record-{readable + 1}",
            f"truncated or corrupt WARC ({readable} records read before the damage): {detail}",
        )


def _record_doc(record: Any, record_item: str, max_record_bytes: int) -> RawDoc | Failure | None:
    """The RawDoc for an HTML 2xx response record; None for every other record (consumed anyway)."""
    if record.rec_type != "response" or record.http_headers is None:
        _drain(record.raw_stream)
        return None
    http = record.http_headers
    content_type = (http.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
    status = http.get_statuscode() or ""
    if content_type not in HTML_TYPES or not status.startswith("2"):
        _drain(record.raw_stream)
        return None
    body = record.content_stream().read(max_record_bytes + 1)
    _drain(record.raw_stream)
    if len(body) > max_record_bytes:
        return Failure(record_item, f"WARC record too large: over {max_record_bytes} bytes")
    headers = record.rec_headers
    uri = headers.get_header("WARC-Target-URI")
    return RawDoc(
        item=record_item,
        content=body,
        kind="html",
        container="warc",
        url=uri,
        fetched=parse_warc_date(headers.get_header("WARC-Date")),
        metadata={
            "warc_record_id": headers.get_header("WARC-Record-ID"),
            "http_status": int(status[:3]) if status[:3].isdigit() else None,
            "content_type": http.get_header("Content-Type"),
        },
    )
