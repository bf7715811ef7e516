"""Turn the inputs of a run into its ordered list of partitions.

Inputs are walked in order; documents read on the way are staged in groups of the partition size,
and each WARC/JSONL container is scanned for cut points (by ``scan``, which the driver runs on the
cluster so many archives are scanned at once). The order of partitions is the order of the
inputs, which is the order the loader replays them in, so "first copy wins" matches ingest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from eventwire.batch.inputs import Container, walk_inputs
from eventwire.batch.output import OutputDir
from eventwire.batch.partitions import Partition, Slice
from eventwire.batch.staging import write_staged
from eventwire.model import Failure, RawDoc, stable_id
from eventwire.sources.fetch import FetchSettings

ScanMany = Callable[[list[Container]], list[list[Slice]]]


@dataclass(slots=True)
class _Staged:
    slice: Slice


def plan_partitions(
    inputs: list[str], size: int, settings: FetchSettings, out: OutputDir, scan_many: ScanMany
) -> list[Partition]:
    """Stage documents, scan containers, and return every partition in input order.

    Args:
        inputs: what the user named (paths, globs, directories, fsspec URLs, http(s) URLs, "-").
        size: items per partition.
        settings: size limits and fetch options, as for ingest.
        out: the output directory (staged documents are written there).
        scan_many: scans containers into slices, preserving their order.
    """
    slots: list[_Staged | Container] = []
    buffer: list[RawDoc | Failure] = []

    def flush() -> None:
        if not buffer:
            return
        ordinal = sum(isinstance(s, _Staged) for s in slots)
        digest = stable_id(*(item.item for item in buffer))
        staged = Slice(f"staged/{digest}", "staged", "documents", start=ordinal, count=len(buffer))
        write_staged(out, staged.placed(0, size).id, buffer)
        slots.append(_Staged(staged))
        buffer.clear()

    for thing in walk_inputs(inputs, settings):
        if isinstance(thing, Container):
            flush()
            slots.append(thing)
            continue
        buffer.append(thing)
        if len(buffer) >= size:
            flush()
    flush()
    scanned = iter(scan_many([s for s in slots if isinstance(s, Container)]))
    partitions: list[Partition] = []
    for slot in slots:
        pieces = [slot.slice] if isinstance(slot, _Staged) else next(scanned)
        for piece in pieces:
            partitions.append(piece.placed(len(partitions), size))
    return partitions
