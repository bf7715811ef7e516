"""Local inputs: expanding paths, directories and globs, and reading files under a size cap."""

from __future__ import annotations

import glob
import gzip
import io
import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import InputError
from eventwire.sources.detect import GZIP_MAGIC, SNIFF_BYTES, binary_reason

# Files that accompany a corpus without being part of it; walking a directory skips them, naming
# one explicitly still reads it.
CORPUS_DOC_STEMS = frozenset({"readme", "license", "licence", "notice", "changelog", "copying", "authors"})


def is_glob(source: str) -> bool:
    return any(ch in source for ch in "*?[")


def skipped_in_walk(name: str) -> bool:
    """Hidden files and corpus documentation are not articles (also for object-store listings)."""
    if name.startswith("."):
        return True
    return name.split(".", 1)[0].lower() in CORPUS_DOC_STEMS


def walk_directory(root: Path) -> Iterator[Path]:
    """Every file under ``root``, sorted, skipping hidden directories and corpus documentation."""
    for directory, subdirs, names in os.walk(root, onerror=None):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(names):
            path = Path(directory) / name
            if not skipped_in_walk(name):
                yield path


def expand_source(source: str) -> Iterator[Path] | None:
    """The files a local source names (a file, a directory, or a glob), or None if it names nothing."""
    path = Path(source).expanduser()
    if path.is_dir():
        return walk_directory(path)
    if path.exists() or path.is_symlink():
        return iter([path])
    if is_glob(source):
        matches = sorted(glob.glob(str(path), recursive=True))
        if not matches:
            return None
        return _expand_matches(matches)
    return None


def _expand_matches(matches: list[str]) -> Iterator[Path]:
    for match in matches:
        path = Path(match)
        if path.is_dir():
            yield from walk_directory(path)
        else:
            yield path


def open_checked(path: Path) -> BinaryIO:
    """Open a regular file for reading, with a one-line InputError for every way that can fail."""
    try:
        if not path.exists():
            raise InputError("no such file")
        if not path.is_file():
            raise InputError("not a regular file")
        return path.open("rb")
    except PermissionError as exc:
        raise InputError("permission denied") from exc
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}") from exc


def read_capped(stream: BinaryIO, limit: int, what: str = "file", truncate: bool = False) -> bytes:
    """Read at most ``limit`` bytes; InputError when there is more (unless ``truncate``)."""
    try:
        data = stream.read(limit if truncate else limit + 1)
    except OSError as exc:
        raise InputError(f"cannot read {what}: {exc.strerror or exc}") from exc
    if len(data) > limit:
        raise InputError(f"{what} too large: over {limit} bytes")
    return data


def gunzip_capped(data: bytes, limit: int) -> bytes:
    """Decompress (possibly multi-member) gzip data, refusing output over ``limit`` (gzip bombs)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
            out = stream.read(limit + 1)
    except EOFError as exc:
        raise InputError("truncated gzip data (unexpected end of stream)") from exc
    except (OSError, zlib.error) as exc:
        raise InputError(f"corrupt gzip data: {exc}") from exc
    if len(out) > limit:
        raise InputError(f"decompressed data too large: over {limit} bytes")
    return out


def sniff_head(stream: BinaryIO) -> bytes:
    """The first bytes of a stream, gunzipped when it is gzipped (tolerating a cut-off member)."""
    head = read_capped(stream, SNIFF_BYTES * 8, "file", truncate=True)
    if not head.startswith(GZIP_MAGIC):
        return head[:SNIFF_BYTES]
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, SNIFF_BYTES)
    except zlib.error as exc:
        raise InputError(f"corrupt gzip data: {exc}") from exc


def read_blob(path: Path, max_bytes: int, max_decompressed: int) -> bytes:
    """A whole small file (html, text, feed), gunzipped if needed, checked for binary content."""
    with open_checked(path) as stream:
        return read_blob_stream(stream, max_bytes, max_decompressed)


def read_blob_stream(stream: BinaryIO, max_bytes: int, max_decompressed: int) -> bytes:
    """``read_blob`` over an open stream (a local file or an object in a store)."""
    data = read_capped(stream, max_bytes)
    if data.startswith(GZIP_MAGIC):
        data = gunzip_capped(data, max_decompressed)
    check_text(data)
    return data


def check_text(data: bytes) -> None:
    """InputError unless ``data`` is non-empty, non-blank and not binary."""
    if not data:
        raise InputError("empty file")
    if not data.strip():
        raise InputError("empty file (only whitespace)")
    reason = binary_reason(data[:8192])
    if reason:
        raise InputError(reason)
