"""Merge a batch run's Parquet output into a DuckDB store, exactly as ingest would have stored it.

Partitions are replayed in input order and, inside each, in item order; every article goes
through the same steps as in ``pipeline.ingest_raw``: ``Store.find_duplicate`` against stored
articles, the pending batch's check against articles not yet written, repeats recorded with
their batch, ``write_batch`` every ``BATCH_SIZE`` accepted articles, ``record_failure`` for failed
items. So "first copy wins" picks the same copy, event grouping sees the same batches, and a store
loaded from a batch run equals one filled by ``eventwire ingest`` over the same inputs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pyarrow.parquet as pq

from eventwire.batch.manifest import read_manifest
from eventwire.batch.output import OutputDir
from eventwire.batch.partitions import Partition
from eventwire.batch.records import ANNOTATION_TABLES, article_from_row, document_from_rows, failure_from_row
from eventwire.errors import IncompleteRun
from eventwire.ingestion import BATCH_SIZE, PendingBatch
from eventwire.store.database import PendingArticle, Store

ProgressCallback = Callable[[str, str, str], None]  # (outcome, item, detail), as in ingest


@dataclass(slots=True)
class LoadSummary:
    partitions: int = 0
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    article_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


def read_table(out: OutputDir, table: str, partition: Partition) -> list[dict[str, Any]]:
    with out.fs.open(out.table_path(table, partition), "rb") as stream:
        return pq.read_table(stream).to_pylist()


def _by_article(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        grouped.setdefault(row["article_id"], []).append(row)
    return grouped


def load_batch(
    out_url: str,
    store: Store,
    allow_partial: bool = False,
    progress: ProgressCallback | None = None,
    batch_size: int = BATCH_SIZE,
) -> LoadSummary:
    """Load every completed partition of the run in ``out_url`` into ``store``, in input order.

    Args:
        out_url: a batch output directory (local path or fsspec URL).
        store: the store to merge into (may already hold articles; they win over repeats).
        allow_partial: load the completed partitions of an unfinished run instead of refusing.
        progress: called with ("stored" | "duplicate" | "failed", item, detail) per item.
        batch_size: articles per write transaction; ingest's size keeps event grouping identical.
    Raises:
        FileNotFoundError: no manifest in ``out_url``.
        IncompleteRun: some partitions are not done and ``allow_partial`` is False.
    """
    out = OutputDir(out_url)
    manifest = read_manifest(out)
    if manifest is None:
        raise FileNotFoundError(f"no batch manifest in {out_url}")
    done = out.done_ids()
    missing = [p for p in manifest.partitions if p.id not in done]
    if missing and not allow_partial:
        raise IncompleteRun(
            f"{len(missing)} of {len(manifest.partitions)} partitions are not done; "
            "run the same batch command again to finish them"
        )
    summary = LoadSummary()
    batch = PendingBatch()

    def report(outcome: str, item: str, detail: str = "") -> None:
        if progress:
            progress(outcome, item, detail)

    def flush() -> None:
        if not batch.items and not batch.duplicates:
            return
        store.write_batch(batch.items, batch.duplicates)
        for pending in batch.items:
            summary.ingested += 1
            summary.article_ids.append(pending.article.id)
            report("stored", pending.article.item or pending.article.id, pending.article.title or "")
        batch.items, batch.duplicates = [], []

    for partition in manifest.partitions:
        if partition.id not in done:
            continue
        summary.partitions += 1
        annotations = {name: _by_article(read_table(out, name, partition)) for name in ANNOTATION_TABLES}
        entries = [(r["seq"], "failure", r) for r in read_table(out, "failures", partition)]
        entries += [(r["seq"], "article", r) for r in read_table(out, "articles", partition)]
        for _, what, row in sorted(entries, key=lambda entry: entry[0]):
            if what == "failure":
                failure = failure_from_row(row)
                store.record_failure(failure)
                summary.failed += 1
                report("failed", failure.item, failure.reason)
                continue
            article, fp = article_from_row(row)
            dup = store.find_duplicate(article, fp) or batch.find_duplicate(article, fp)
            if dup:
                batch.duplicates.append((article, dup))
                summary.duplicates += 1
                report("duplicate", article.item or article.id, f"{dup.kind} of {dup.of}")
                continue
            rows = {name: annotations[name].get(article.id, []) for name in ANNOTATION_TABLES}
            document = document_from_rows(article, rows)
            batch.items.append(PendingArticle(article, fp, document, row["annotator"]))
            if len(batch.items) >= batch_size:
                flush()
    flush()
    return summary
