"""Documents the driver read (HTML, text, feed items, fetched pages), kept for the workers.

They are written to ``DIR/_staged/<partition id>.parquet`` in groups of the partition size, so a
worker anywhere can read them, the driver never holds more than one group, and a resumed run does
not fetch anything again.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.batch.output import STAGED_DIR, OutputDir
from eventwire.batch.records import UTC_TIME
from eventwire.model import Failure, RawDoc

STAGED_SCHEMA = pa.schema(
    [
        ("item", pa.string()),
        ("kind", pa.string()),
        ("content", pa.binary()),
        ("url", pa.string()),
        ("fetched", UTC_TIME),
        ("metadata", pa.string()),
        ("container", pa.string()),
        ("reason", pa.string()),
        ("stage", pa.string()),
    ]
)
DATETIME_TAG = "__datetime__"


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return {DATETIME_TAG: value.isoformat()}
    raise TypeError(f"cannot stage metadata value of type {type(value).__name__}")


def _decode(obj: dict[str, Any]) -> Any:
    if set(obj) == {DATETIME_TAG}:
        return datetime.fromisoformat(obj[DATETIME_TAG])
    return obj


def _row(item: RawDoc | Failure) -> dict[str, Any]:
    if isinstance(item, Failure):
        return {"item": item.item, "reason": item.reason, "stage": item.stage}
    return {
        "item": item.item,
        "kind": item.kind,
        "content": item.content,
        "url": item.url,
        "fetched": item.fetched,
        "metadata": json.dumps(item.metadata, default=_encode),
        "container": item.container,
    }


def write_staged(out: OutputDir, partition_id: str, items: list[RawDoc | Failure]) -> None:
    final = out.staged_path(partition_id)
    out.fs.makedirs(out.path(STAGED_DIR), exist_ok=True)
    temp = out.temp_path(final)
    with out.fs.open(temp, "wb") as stream:
        pq.write_table(pa.Table.from_pylist([_row(i) for i in items], schema=STAGED_SCHEMA), stream)
    out.publish(temp, final)


def read_staged(out: OutputDir, partition_id: str) -> Iterator[RawDoc | Failure]:
    with out.fs.open(out.staged_path(partition_id), "rb") as stream:
        rows = pq.read_table(stream).to_pylist()
    for row in rows:
        if row["reason"] is not None:
            yield Failure(row["item"], row["reason"], row["stage"])
            continue
        yield RawDoc(
            item=row["item"],
            content=row["content"],
            kind=row["kind"],
            url=row["url"],
            fetched=row["fetched"],
            metadata=json.loads(row["metadata"], object_hook=_decode),
            container=row["container"],
        )
