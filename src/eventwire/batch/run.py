"""The driver of a batch run: plan once, then run every partition not yet done on a Dask cluster.

1. The output directory's manifest is read; a run over other inputs or settings is refused.
2. Without a manifest the run is planned (documents staged, web archives downloaded by the driver
   into the output directory, containers scanned on the cluster) and the manifest is written
   before any partition starts.
3. Partitions with a completion marker are skipped; leftovers of interrupted writes are removed.
4. The rest are submitted in input order; the manifest is updated as they finish.

Killing the driver, a worker or the whole cluster loses at most the partitions in flight: running
the same command again finishes the job, and every partition's files exist exactly once.
"""

from __future__ import annotations

import logging
import os
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from distributed import Client, Future, LocalCluster, as_completed

from eventwire.batch.inputs import (
    DEFAULT_ARCHIVE_TIMEOUT,
    DEFAULT_MAX_ARCHIVE_BYTES,
    Container,
    download_archive,
    is_web,
)
from eventwire.batch.manifest import Manifest, read_manifest
from eventwire.batch.output import OutputDir
from eventwire.batch.partitions import Partition, Slice, failed_input, scan_container
from eventwire.batch.plan import ScanMany, plan_partitions
from eventwire.batch.worker import PipelinePlugin, TaskSettings, process_partition
from eventwire.errors import ManifestMismatch
from eventwire.model import Failure
from eventwire.pipeline import DEFAULT_CODER, PipelineConfig
from eventwire.sources.fetch import FetchSettings

# Items per partition: ~200 news articles are ~1 MB of text and a few minutes of one core; small
# enough that partitions balance across workers and a crash loses little, large enough that the
# per-task overhead (scheduling, opening the input, writing eight Parquet files) stays negligible.
DEFAULT_PARTITION_SIZE = 200
# The manifest is rewritten at most this often while results arrive (and always at the end).
MANIFEST_SAVE_SECONDS = 2.0
VERSIONED_PACKAGES = ("eventwire", "spacy", "dask", "distributed", "pyarrow", "duckdb", "warcio")

# (outcome, partition, detail): "planned" (no partition; detail has the count), "skipped", "done", "failed"
ProgressCallback = Callable[[str, Partition | None, dict[str, Any]], None]


@dataclass(slots=True)
class BatchOptions:
    partition_size: int = DEFAULT_PARTITION_SIZE
    workers: int | None = None  # LocalCluster workers; None: one per core
    scheduler: str | None = None  # an existing scheduler's address instead of a LocalCluster
    model: str | None = None
    allow_unresolved: bool = False  # keep events whose source actor could not be resolved
    coder: str = DEFAULT_CODER
    fetch: FetchSettings = field(default_factory=FetchSettings)
    article_time_budget: float = 0.0  # seconds per article; 0: none
    # Web archives (http(s) WARC/JSONL URLs) are downloaded whole while planning, under these
    # limits instead of the page limits. Not among ``settings()``: a resumed run never downloads.
    max_archive_bytes: int = DEFAULT_MAX_ARCHIVE_BYTES
    archive_timeout: float = DEFAULT_ARCHIVE_TIMEOUT

    def settings(self) -> dict[str, Any]:
        """What changes the output; a resumed run must use the same."""
        return {
            "model": self.model or os.environ.get("EVENTWIRE_MODEL"),
            "allow_unresolved": self.allow_unresolved,
            "coder": self.coder,
            "max_bytes": self.fetch.max_bytes,
            "max_decompressed": self.fetch.max_decompressed,
        }

    @property
    def pipeline(self) -> PipelineConfig:
        """The annotation pipeline these options ask for, as ingest builds it (same field names)."""
        return PipelineConfig.from_settings(self)

    def task(self) -> TaskSettings:
        return TaskSettings(self.fetch, self.pipeline)


@dataclass(slots=True)
class BatchSummary:
    out: str
    status: str
    partitions: int
    processed: int
    skipped: int
    failed: int
    counts: dict[str, int]
    seconds: float
    errors: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def package_versions() -> dict[str, str]:
    found = {}
    for name in VERSIONED_PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            continue
    return found


@contextmanager
def open_client(options: BatchOptions) -> Iterator[Client]:
    """A client of the given scheduler, or of a LocalCluster: one process per worker, one thread each."""
    if options.scheduler:
        with Client(options.scheduler) as client:
            yield client
        return
    workers = options.workers or os.cpu_count() or 1
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def _scanner(client: Client, out: OutputDir, options: BatchOptions) -> ScanMany:
    """Scan containers on the cluster; web archives are downloaded here first (local files are
    already being scanned meanwhile), and one that cannot be becomes a failed item."""
    size, settings = options.partition_size, options.fetch

    def submit(container: Container) -> Future:
        args = (container.url, container.kind, size, settings, container.location)
        return client.submit(scan_container, *args, pure=False)

    def scan_many(containers: list[Container]) -> list[list[Slice]]:
        planned: list[Future | list[Slice] | None] = [None if is_web(c.url) else submit(c) for c in containers]
        for n, container in enumerate(containers):
            if planned[n] is None:
                found = download_archive(container, out, settings, options.max_archive_bytes, options.archive_timeout)
                planned[n] = failed_input(out, found, size) if isinstance(found, Failure) else submit(found)
        futures = [p for p in planned if isinstance(p, Future)]
        scanned = iter(client.gather(futures))
        return [next(scanned) if isinstance(p, Future) else p for p in planned]

    return scan_many


def prepare(inputs: list[str], out: OutputDir, options: BatchOptions, client: Client) -> Manifest:
    """The run's manifest: read back when resuming, else planned now and saved."""
    manifest = read_manifest(out)
    if manifest is not None:
        differences = manifest.differences(inputs, options.partition_size, options.settings())
        if differences:
            raise ManifestMismatch(f"{out.url} holds another run: {'; '.join(differences)}; use another --out")
        return manifest
    partitions = plan_partitions(inputs, options.partition_size, options.fetch, out, _scanner(client, out, options))
    manifest = Manifest(inputs, options.partition_size, options.settings(), partitions, versions=package_versions())
    manifest.save(out)
    return manifest


def run_batch(
    inputs: list[str], out_url: str, options: BatchOptions | None = None, progress: ProgressCallback | None = None
) -> BatchSummary:
    """Run extract → annotate → code events over ``inputs`` on a Dask cluster into ``out_url``.

    Args:
        inputs: files, directories, globs, object-store URLs (s3://, gs://), http(s) URLs (pages,
            feeds, URL lists, WARC/JSONL archives; all fetched with the fetcher's checks), "-".
        out_url: the output directory (local path or fsspec URL), reused to resume.
        options: partition size, cluster, model and size limits.
        progress: called once with ("planned", None, {"partitions": n}), then per partition with
            ("skipped" | "done" | "failed", partition, detail).
    Returns:
        What happened, with row counts over all completed partitions.
    Raises:
        ManifestMismatch: ``out_url`` holds a run over other inputs or settings.
    """
    options = options or BatchOptions()
    started = time.perf_counter()
    out = OutputDir(out_url)
    with open_client(options) as client:
        client.register_plugin(PipelinePlugin(options.pipeline))
        manifest = prepare(inputs, out, options, client)
        if progress:
            progress("planned", None, {"partitions": len(manifest.partitions)})
        out.remove_temporaries()
        done = out.done_ids()
        skipped = 0
        for partition in manifest.partitions:
            if partition.id in done:
                if partition.id not in manifest.results:
                    manifest.results[partition.id] = out.read_json(out.marker_path(partition.id))
                skipped += 1
                if progress:
                    progress("skipped", partition, manifest.results[partition.id])
        todo = [p for p in manifest.partitions if p.id not in done]
        manifest.status = "running"
        manifest.save(out)
        processed = _run_partitions(client, todo, out, options, manifest, progress)
    manifest.status = "complete" if len(manifest.results) == len(manifest.partitions) else "incomplete"
    annotators = sorted({r.get("annotator", "") for r in manifest.results.values()} - {""})
    if annotators:
        manifest.versions["annotator"] = ", ".join(annotators)
    manifest.save(out)
    return BatchSummary(
        out=out_url,
        status=manifest.status,
        partitions=len(manifest.partitions),
        processed=processed,
        skipped=skipped,
        failed=len(manifest.errors),
        counts=manifest.counts(),
        seconds=round(time.perf_counter() - started, 2),
        errors=dict(manifest.errors),
    )


def _run_partitions(
    client: Client,
    todo: list[Partition],
    out: OutputDir,
    options: BatchOptions,
    manifest: Manifest,
    progress: ProgressCallback | None,
) -> int:
    """Submit partitions (earlier ones first) and record each result; returns how many succeeded."""
    run_token = uuid.uuid4().hex[:8]
    futures = {
        client.submit(
            process_partition,
            partition,
            out.url,
            options.task(),
            key=f"eventwire-partition-{partition.id}-{run_token}",
            priority=len(todo) - n,
            pure=False,
        ): partition
        for n, partition in enumerate(todo)
    }
    processed = 0
    last_save = time.monotonic()
    for future in as_completed(futures):
        partition = futures[future]
        if future.status == "finished":
            result = future.result()
            manifest.results[partition.id] = result
            manifest.errors.pop(partition.id, None)
            processed += 1
            outcome, detail = "done", result
        else:
            error = f"{type(future.exception()).__name__}: {future.exception()}".splitlines()[0]
            manifest.errors[partition.id] = error
            outcome, detail = "failed", {"error": error}
        future.release()
        if progress:
            progress(outcome, partition, detail)
        if time.monotonic() - last_save >= MANIFEST_SAVE_SECONDS:
            manifest.save(out)
            last_save = time.monotonic()
    return processed
