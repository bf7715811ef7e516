"""The manifest of a batch run (``DIR/manifest.json``): what it is over, how it is cut, how far it got.

It records the inputs, settings and package versions, the ordered partition plan, each finished
partition's summary (row counts, seconds, peak memory) and the last error of failed ones. A run
is resumed only over the same inputs and settings; completion itself is read from the markers
(see ``output``), since the manifest can lag behind when the driver is killed.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from eventwire.batch.output import MANIFEST_NAME, OutputDir
from eventwire.batch.partitions import Partition
from eventwire.errors import ManifestMismatch

MANIFEST_FORMAT = "eventwire-batch.v1"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(slots=True)
class Manifest:
    """What a run is over, how it is cut, and how far it got."""

    inputs: list[str]
    partition_size: int
    settings: dict[str, Any]
    partitions: list[Partition] = field(default_factory=list)
    status: str = "planned"  # planned | running | complete | incomplete
    results: dict[str, dict[str, Any]] = field(default_factory=dict)  # partition id → worker summary
    errors: dict[str, str] = field(default_factory=dict)  # partition id → last error
    versions: dict[str, str] = field(default_factory=dict)
    created: str = field(default_factory=_now)
    updated: str = field(default_factory=_now)

    def differences(self, inputs: list[str], partition_size: int, settings: dict[str, Any]) -> list[str]:
        """What differs from the run recorded here (empty when it is the same run)."""
        found = []
        if self.inputs != inputs:
            found.append(f"inputs {self.inputs} (now {inputs})")
        if self.partition_size != partition_size:
            found.append(f"partition size {self.partition_size} (now {partition_size})")
        for name in sorted(set(self.settings) | set(settings)):
            if self.settings.get(name) != settings.get(name):
                found.append(f"{name} {self.settings.get(name)!r} (now {settings.get(name)!r})")
        return found

    def counts(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for result in self.results.values():
            for name, value in result.get("rows", {}).items():
                totals[name] = totals.get(name, 0) + value
        return totals

    def to_dict(self) -> dict[str, Any]:
        done = sum(1 for p in self.partitions if p.id in self.results)
        return {
            "format": MANIFEST_FORMAT,
            "status": self.status,
            "created": self.created,
            "updated": self.updated,
            "inputs": self.inputs,
            "partition_size": self.partition_size,
            "settings": self.settings,
            "versions": self.versions,
            "progress": {"partitions": len(self.partitions), "done": done, "failed": len(self.errors)},
            "counts": self.counts(),
            "partitions": [
                {
                    **asdict(p),
                    "status": "done" if p.id in self.results else ("failed" if p.id in self.errors else "pending"),
                    **({"result": self.results[p.id]} if p.id in self.results else {}),
                    **({"error": self.errors[p.id]} if p.id in self.errors else {}),
                }
                for p in self.partitions
            ],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Manifest:
        if data.get("format") != MANIFEST_FORMAT:
            raise ManifestMismatch(f"not an eventwire batch manifest (format {data.get('format')!r})")
        partitions = [Partition.from_dict(p) for p in data["partitions"]]
        return cls(
            inputs=data["inputs"],
            partition_size=data["partition_size"],
            settings=data["settings"],
            partitions=partitions,
            status=data["status"],
            results={p["id"]: p["result"] for p in data["partitions"] if "result" in p},
            errors={p["id"]: p["error"] for p in data["partitions"] if "error" in p},
            versions=data.get("versions", {}),
            created=data["created"],
            updated=data["updated"],
        )

    def save(self, out: OutputDir) -> None:
        self.updated = _now()
        out.write_bytes(out.path(MANIFEST_NAME), json.dumps(self.to_dict(), indent=1, default=str).encode("utf-8"))


def read_manifest(out: OutputDir) -> Manifest | None:
    path = out.path(MANIFEST_NAME)
    if not out.exists(path):
        return None
    return Manifest.from_dict(out.read_json(path))
