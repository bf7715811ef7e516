"""JSON Lines: one article per line, ``{"url", "title", "text", "published"}``.

A line may carry ``html`` instead of ``text`` (then the RawDoc is kind "html"). ``author`` and
``site`` are passed on as metadata when present. A bad line is a Failure named ``path#L<n>``; the
other lines are still read.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from eventwire.model import Failure, RawDoc
from eventwire.sources.detect import GZIP_MAGIC

METADATA_FIELDS = ("title", "published", "author", "site")
# JSON may escape lone UTF-16 surrogates ("\ud800"); no encoder downstream accepts them.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _clean(value: str) -> str:
    return LONE_SURROGATE.sub("\ufffd", value)


def _line_doc(line: bytes, item: str) -> RawDoc | Failure:
    try:
        record = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return Failure(item, f"bad JSON line: {exc}")
    if not isinstance(record, dict):
        return Failure(item, f"bad JSON line: expected an object, got {type(record).__name__}")
    kind, body = "text", record.get("text")
    if body is None and record.get("html") is not None:
        kind, body = "html", record.get("html")
    if not isinstance(body, str):
        return Failure(item, "bad JSON line: no string 'text' (or 'html') field")
    if not body.strip():
        return Failure(item, "empty text in JSON line")
    url = record.get("url")
    metadata = {key: _clean(record[key]) for key in METADATA_FIELDS if isinstance(record.get(key), str) and record[key]}
    return RawDoc(
        item=item,
        content=_clean(body).encode("utf-8"),
        kind=kind,
        url=_clean(url) if isinstance(url, str) and url else None,
        metadata=metadata,
        container="jsonl",
    )


def read_jsonl(stream: BinaryIO, item: str, max_line_bytes: int) -> Iterator[RawDoc | Failure]:
    """Yield one RawDoc or Failure per non-blank line of a (gzipped) JSONL stream.

    Args:
        stream: a seekable binary stream at the start of the data.
        item: the file's name; lines are named ``item#L<n>`` (1-based).
        max_line_bytes: longer lines become a Failure.
    """
    head = stream.read(2)
    stream.seek(0)
    lines: BinaryIO = gzip.GzipFile(fileobj=stream) if head == GZIP_MAGIC else stream  # type: ignore[assignment]
    number = 0
    try:
        while True:
            line = lines.readline(max_line_bytes + 1)
            if not line:
                return
            number += 1
            line_item = f"{item}#L{number}"
            if len(line) > max_line_bytes and not line.endswith(b"\n"):
                yield Failure(line_item, f"JSON line too long: over {max_line_bytes} bytes")
                while line and not line.endswith(b"\n"):
                    line = lines.readline(max_line_bytes + 1)
                continue
            if line.strip():
                yield _line_doc(line, line_item)
    except (EOFError, OSError, zlib.error) as exc:
        yield Failure(f"{item}#L{number + 1}", f"truncated or corrupt JSONL data: {exc}")
