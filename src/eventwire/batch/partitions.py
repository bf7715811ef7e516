"""Partitions: deterministic slices of the input that a worker reads lazily, one at a time.

A partition is one of
- ``records``: a byte range of a WARC whose records are separately gzipped (or not gzipped at
  all), starting at a record boundary — read by seeking, so no worker reads the whole archive;
- ``lines``: a byte range of an uncompressed JSONL file, starting at a line boundary;
- ``stream``: items ``start … start+count`` of a container that cannot be entered in the middle
  (a WARC gzipped as one stream, a gzipped JSONL, a damaged archive), read from its beginning;
- ``staged``: documents the driver read (HTML, text, feed items), stored in the output directory.

Items are named exactly as ``eventwire ingest`` names them (``file.warc.gz#record-7``,
``file.jsonl#L12``), and a partition's id is a hash of what it covers, so the same inputs and
partition size always give the same partitions. A web archive's partitions are named by its URL
and read from its download in the output directory, so workers never touch the network.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from itertools import islice
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from eventwire.batch.inputs import download_location, is_web, open_input
from eventwire.batch.output import OutputDir
from eventwire.batch.staging import read_staged, write_staged
from eventwire.model import Failure, RawDoc, stable_id
from eventwire.sources.detect import GZIP_MAGIC
from eventwire.sources.fetch import FetchSettings
from eventwire.sources.jsonl import read_jsonl
from eventwire.sources.warc import DAMAGE_ERRORS, read_warc

PARTITION_FORMAT = "eventwire-batch-partition.v1"
# Lines longer than this are read in pieces while scanning, so one huge line cannot exhaust memory.
SCAN_CHUNK = 1024 * 1024
READ_BUFFER = 1024 * 1024
NUMBERED_ITEM = re.compile(r"^(?P<base>.*#(?:record-|L))(?P<number>\d+)$")
# The WARC reader counts the records it read before damage; in a range that count starts late.
RECORDS_BEFORE_DAMAGE = re.compile(r"\((\d+) records(?= read before the damage)")


@dataclass(frozen=True, slots=True)
class Partition:
    index: int
    id: str
    source: str  # the container's path or URL; for "staged", the ids of the staged items' inputs
    mode: str  # records | lines | stream | staged
    kind: str  # warc | jsonl | documents
    start: int = 0  # byte offset (records, lines) or items skipped (stream)
    end: int | None = None  # byte offset after the range (records, lines)
    count: int = 0  # items (for records: response records) in the partition
    first: int = 1  # number of the first record or line, for item names

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Partition:
        return cls(**{name: data[name] for name in cls.__slots__})


def partition_id(*parts: object) -> str:
    return stable_id(PARTITION_FORMAT, *(str(p) for p in parts), prefix="p_")


@dataclass(frozen=True, slots=True)
class Slice:
    """A partition before it has its place in the run's order."""

    source: str
    mode: str
    kind: str
    start: int = 0
    end: int | None = None
    count: int = 0
    first: int = 1

    def placed(self, index: int, size: int) -> Partition:
        pid = partition_id(self.source, self.mode, self.kind, self.start, self.end, self.count, self.first, size)
        return Partition(index, pid, self.source, self.mode, self.kind, self.start, self.end, self.count, self.first)


class RangeStream(io.RawIOBase):
    """A read-only view of bytes ``start … end`` of a seekable stream, as if it were a whole file."""

    def __init__(self, stream: BinaryIO, start: int, end: int | None):
        self._stream = stream
        self._start = start
        self._end = end
        self._pos = 0
        stream.seek(start)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._pos

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_CUR:
            offset += self._pos
        elif whence == io.SEEK_END:
            if self._end is None:
                raise io.UnsupportedOperation("seek from the end of an open range")
            offset += self._end - self._start
        self._pos = max(0, offset)
        self._stream.seek(self._start + self._pos)
        return self._pos

    def readinto(self, buffer: Any) -> int:
        wanted = len(buffer)
        if self._end is not None:
            wanted = min(wanted, self._end - self._start - self._pos)
        if wanted <= 0:
            return 0
        data = self._stream.read(wanted)
        buffer[: len(data)] = data
        self._pos += len(data)
        return len(data)

    def close(self) -> None:
        self._stream.close()
        super().close()


def _renumbered(items: Iterator[RawDoc | Failure], item: str, first: int) -> Iterator[RawDoc | Failure]:
    """Give items read from a range the names they have in the whole file (record/line numbers)."""
    shift = first - 1
    for doc in items:
        match = NUMBERED_ITEM.match(doc.item)
        if match and shift and doc.item.startswith(item):
            doc.item = f"{match['base']}{int(match['number']) + shift}"
            if isinstance(doc, Failure):
                doc.reason = RECORDS_BEFORE_DAMAGE.sub(lambda m: f"({int(m[1]) + shift} records", doc.reason)
        yield doc


def _reader(kind: str) -> Callable[[BinaryIO, str, int], Iterator[RawDoc | Failure]]:
    return read_warc if kind == "warc" else read_jsonl


def container_location(source: str, out: OutputDir | None) -> str:
    """Where a container's bytes are read: the file itself, or a web archive's download in ``out``."""
    if not is_web(source):
        return source
    if out is None:
        raise ValueError(f"{source}: a web archive is read from its download in the output directory")
    return download_location(out, source)


def read_container_partition(
    partition: Partition, settings: FetchSettings, out: OutputDir | None = None
) -> Iterator[RawDoc | Failure]:
    """The items of a records, lines or stream partition, read lazily from its container."""
    reader = _reader(partition.kind)
    stream = open_input(container_location(partition.source, out))
    try:
        if partition.mode == "stream":
            items = reader(stream, partition.source, settings.max_bytes)
            yield from islice(items, partition.start, partition.start + partition.count)
            return
        view = io.BufferedReader(RangeStream(stream, partition.start, partition.end), READ_BUFFER)
        items = reader(view, partition.source, settings.max_bytes)  # type: ignore[arg-type]
        yield from _renumbered(items, partition.source, partition.first)
    finally:
        stream.close()


def read_partition(partition: Partition, out: OutputDir, settings: FetchSettings) -> Iterator[RawDoc | Failure]:
    """Every item of a partition, in order, read lazily."""
    if partition.mode == "staged":
        return read_staged(out, partition.id)
    return read_container_partition(partition, settings, out)


def failed_input(out: OutputDir, failure: Failure, size: int) -> list[Slice]:
    """An input that could not be opened (a refused or failed download) as one staged Failure item,
    recorded in the output like a missing file."""
    piece = Slice(f"staged/{stable_id(failure.item, failure.reason)}", "staged", "documents", count=1)
    write_staged(out, piece.placed(0, size).id, [failure])
    return [piece]


def _stream_slices(url: str, location: str, kind: str, size: int, settings: FetchSettings) -> list[Slice]:
    """Cut a container that must be read from its start into runs of ``size`` items."""
    with open_input(location) as stream:
        total = sum(1 for _ in _reader(kind)(stream, url, settings.max_bytes))
    return [Slice(url, "stream", kind, start=n, count=min(size, total - n)) for n in range(0, max(total, 1), size)]


def _warc_slices(url: str, location: str, size: int) -> list[Slice] | None:
    """Record-aligned byte ranges holding ``size`` response records each; None if not seekable."""
    slices: list[Slice] = []
    start, first, responses, number = 0, 1, 0, 0
    try:
        with open_input(location) as stream:
            records = ArchiveIterator(stream)
            for record in records:
                number += 1
                if responses >= size:
                    offset = records.get_record_offset()
                    slices.append(Slice(url, "records", "warc", start, offset, responses, first))
                    start, first, responses = offset, number, 0
                responses += record.rec_type == "response"
    except DAMAGE_ERRORS:
        return None
    slices.append(Slice(url, "records", "warc", start, None, responses, first))
    return slices


def _jsonl_slices(url: str, location: str, size: int) -> list[Slice] | None:
    """Line-aligned byte ranges of ``size`` lines each; None for gzipped files."""
    slices: list[Slice] = []
    with open_input(location) as stream:
        if stream.read(2) == GZIP_MAGIC:
            return None
        stream.seek(0)
        start, first, lines, offset = 0, 1, 0, 0
        while True:
            piece = stream.readline(SCAN_CHUNK)
            if not piece:
                break
            offset += len(piece)
            if piece.endswith(b"\n") or len(piece) < SCAN_CHUNK:
                lines += 1
                if lines == size:
                    slices.append(Slice(url, "lines", "jsonl", start, offset, lines, first))
                    start, first, lines = offset, first + lines, 0
    if lines or not slices:
        slices.append(Slice(url, "lines", "jsonl", start, None, lines, first))
    return slices


def scan_container(url: str, kind: str, size: int, settings: FetchSettings, location: str | None = None) -> list[Slice]:
    """The slices of one WARC or JSONL file (reads it once, keeping only the cut points).

    ``url`` names the slices; the bytes are read from ``location`` when given (a web archive's
    download), else from ``url``.
    """
    location = location or url
    slices = _warc_slices(url, location, size) if kind == "warc" else _jsonl_slices(url, location, size)
    return slices if slices is not None else _stream_slices(url, location, kind, size, settings)
