"""The output directory of a batch run: layout, atomic writes and per-partition completion markers.

Layout (``DIR`` is a local path or any fsspec URL)::

    DIR/manifest.json                      inputs, settings, versions, the partition plan, status, counts
    DIR/<table>/part-<index>-<id>.parquet  one file per table per partition (articles, entities, …)
    DIR/_partitions/<id>.json              written last by the worker: the partition is complete
    DIR/_staged/<id>.parquet               documents read by the driver (HTML, text, feed items)

A partition's files are written under a temporary name and renamed, then its marker is written, so
a file under its final name is always whole and a marker means every table of that partition is.
The markers, not the manifest, are the truth about completion: the manifest is the driver's view,
rewritten as results arrive, and can lag behind when the driver is killed.
"""

from __future__ import annotations

import json
import posixpath
import uuid
from typing import TYPE_CHECKING, Any

import fsspec
from fsspec.implementations.local import LocalFileSystem

if TYPE_CHECKING:
    from eventwire.batch.partitions import Partition

MANIFEST_NAME = "manifest.json"
MARKER_DIR = "_partitions"
STAGED_DIR = "_staged"
TMP_SUFFIX = ".tmp"


class OutputDir:
    """Paths and atomic writes inside one output directory, local or remote."""

    def __init__(self, url: str):
        self.url = url
        self.fs, self.root = fsspec.core.url_to_fs(url)
        self.root = self.root.rstrip("/") or "/"

    @property
    def is_local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    def path(self, *parts: str) -> str:
        return posixpath.join(self.root, *parts)

    def table_path(self, table: str, partition: Partition) -> str:
        return self.path(table, f"part-{partition.index:05d}-{partition.id}.parquet")

    def marker_path(self, partition_id: str) -> str:
        return self.path(MARKER_DIR, f"{partition_id}.json")

    def staged_path(self, partition_id: str) -> str:
        return self.path(STAGED_DIR, f"{partition_id}.parquet")

    def temp_path(self, final: str) -> str:
        """A hidden sibling name: readers globbing ``*.parquet`` never see a half-written file."""
        head, name = posixpath.split(final)
        return posixpath.join(head, f".{name}.{uuid.uuid4().hex}{TMP_SUFFIX}")

    def publish(self, temp: str, final: str) -> None:
        """Move a finished file to its final name (an atomic rename on local and POSIX filesystems)."""
        self.fs.mv(temp, final)

    def write_bytes(self, final: str, data: bytes) -> None:
        self.fs.makedirs(posixpath.dirname(final), exist_ok=True)
        temp = self.temp_path(final)
        with self.fs.open(temp, "wb") as out:
            out.write(data)
        self.publish(temp, final)

    def read_json(self, path: str) -> Any:
        with self.fs.open(path, "rb") as stream:
            return json.loads(stream.read())

    def exists(self, path: str) -> bool:
        return self.fs.exists(path)

    def done_ids(self) -> set[str]:
        """Ids of partitions whose marker exists."""
        marker_dir = self.path(MARKER_DIR)
        if not self.fs.exists(marker_dir):
            return set()
        names = (posixpath.basename(p) for p in self.fs.ls(marker_dir, detail=False))
        return {n[: -len(".json")] for n in names if n.endswith(".json")}

    def remove_temporaries(self) -> int:
        """Delete leftovers of interrupted writes; returns how many there were."""
        if not self.fs.exists(self.root):
            return 0
        leftovers = [p for p in self.fs.find(self.root) if posixpath.basename(p).endswith(TMP_SUFFIX)]
        for path in leftovers:
            self.fs.rm(path)
        return len(leftovers)
