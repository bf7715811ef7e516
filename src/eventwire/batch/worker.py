"""What runs on a Dask worker: the model loaded once, and one partition processed end to end.

A partition task reads its items lazily, extracts each article, fingerprints it, annotates and
codes events in chunks (``analyze_many``, the same stages as ingest), and writes one Parquet file
per table. Memory is bounded by the partition size, whatever the size of the corpus. Duplicates
are not dropped here: which copy comes first is a property of the whole run, decided at load.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pyarrow.parquet as pq
from distributed import WorkerPlugin

from eventwire.batch.output import OutputDir
from eventwire.batch.partitions import Partition, read_partition
from eventwire.batch.records import TABLES, annotation_rows, article_row, failure_row, to_table
from eventwire.dedup import Fingerprint, fingerprint
from eventwire.extract import extract_or_fail
from eventwire.model import Article, Document, Failure, unexpected_reason
from eventwire.pipeline import PipelineConfig, analyze_many, annotator_version, get_pipeline
from eventwire.sources.fetch import FetchSettings

# Articles annotated together: the chunk analyze_many hands to nlp.pipe, small enough that the
# parsed spaCy Docs of one chunk are all that is held besides the partition's rows.
ANNOTATE_CHUNK = 64
PARQUET_COMPRESSION = "zstd"
WARM_UP_TEXT = "The French foreign minister met his German counterpart in Paris on Monday, officials said."


@dataclass(frozen=True, slots=True)
class TaskSettings:
    """What a partition task needs besides the partition: read limits and annotation options."""

    fetch: FetchSettings = field(default_factory=FetchSettings)
    pipeline: PipelineConfig = field(default_factory=PipelineConfig)


class PipelinePlugin(WorkerPlugin):
    """Builds the pipeline (model, dictionaries, coder) and the Parquet writer once per worker."""

    name = "eventwire-pipeline"
    idempotent = True

    def __init__(self, config: PipelineConfig | None = None):
        self.config = config

    def setup(self, worker: Any = None) -> None:
        get_pipeline(self.config)
        document = next(analyze_many([(WARM_UP_TEXT, None)], config=self.config))
        to_table("event_mentions", annotation_rows(Article(WARM_UP_TEXT), document)["event_mentions"])


def peak_rss_mb() -> float:
    """This process's peak resident set size, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _annotate(chunk: list[tuple[int, Article, Fingerprint]], task: TaskSettings) -> list[Document | str]:
    """Annotate a chunk (identical text and date once); an article that crashes or runs over the time
    budget gets an error string."""
    unique: dict[tuple[str, Any], int] = {}
    for _, article, _ in chunk:
        unique.setdefault((article.text, article.published), len(unique))
    try:
        docs: list[Document | str] = list(_analyze(unique, task))
    except Exception:  # find the article that broke the chunk; the others are kept
        docs = []
        for text, published in unique:
            try:
                docs.extend(_analyze([(text, published)], task))
            except Exception as exc:  # a bug met on hostile text fails this article, as in ingest
                docs.append(unexpected_reason(exc))
    docs = [doc.failure if isinstance(doc, Document) and doc.failure else doc for doc in docs]
    return [docs[unique[(a.text, a.published)]] for _, a, _ in chunk]


def _analyze(items: Any, task: TaskSettings) -> Iterator[Document]:
    return analyze_many(items, config=task.pipeline)


def process_partition(partition: Partition, out_url: str, task: TaskSettings) -> dict[str, Any]:
    """Read, extract, annotate and code one partition, write its tables, and mark it done.

    Returns a summary (row counts per table, seconds, CPU seconds, words, peak RSS) that the driver keeps
    in the manifest.
    """
    started, cpu_started = time.perf_counter(), time.process_time()
    out = OutputDir(out_url)
    version = annotator_version(task.pipeline)
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    chunk: list[tuple[int, Article, Fingerprint]] = []
    annotated_ids: set[str] = set()
    words = 0

    def flush() -> None:
        nonlocal words
        for (seq, article, fp), doc in zip(chunk, _annotate(chunk, task), strict=True):
            if isinstance(doc, str):
                tables["failures"].append(
                    failure_row(partition.id, seq, Failure(article.item or article.id, doc, "annotate"))
                )
                continue
            tables["articles"].append(article_row(partition.id, seq, article, fp, version))
            # Annotation rows are keyed by article id: a second copy of the same article (always a
            # duplicate at load) must not add its rows to the first one's.
            if article.id not in annotated_ids:
                annotated_ids.add(article.id)
                for name, rows in annotation_rows(article, doc).items():
                    tables[name].extend(rows)
                for warning in doc.warnings:
                    tables["failures"].append(failure_row(partition.id, seq, Failure(article.id, warning, "warning")))
            words += len(article.text.split())
        chunk.clear()

    for seq, raw in enumerate(read_partition(partition, out, task.fetch)):
        result = raw if isinstance(raw, Failure) else extract_or_fail(raw)
        if isinstance(result, Failure):
            tables["failures"].append(failure_row(partition.id, seq, result))
            continue
        chunk.append((seq, result, fingerprint(result.text, result.canonical_url)))
        if len(chunk) >= ANNOTATE_CHUNK:
            flush()
    flush()
    write_partition(out, partition, tables)
    summary = {
        "rows": {name: len(rows) for name, rows in tables.items()},
        "words": words,
        "seconds": round(time.perf_counter() - started, 3),
        "cpu_seconds": round(time.process_time() - cpu_started, 3),
        "annotator": version,
        "worker_pid": os.getpid(),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    out.write_bytes(out.marker_path(partition.id), json.dumps(summary).encode("utf-8"))
    return summary


def write_partition(out: OutputDir, partition: Partition, tables: dict[str, list[dict[str, Any]]]) -> None:
    """One Parquet file per table, each written under a temporary name and then renamed."""
    for name in TABLES:
        final = out.table_path(name, partition)
        out.fs.makedirs(out.path(name), exist_ok=True)
        temp = out.temp_path(final)
        with out.fs.open(temp, "wb") as stream:
            pq.write_table(to_table(name, tables[name]), stream, compression=PARQUET_COMPRESSION)
        out.publish(temp, final)
