"""Ingest: sources → articles → (annotations) → store, item by item, never stopping on a bad one.

Every item ends in exactly one of three outcomes — stored, duplicate (linked to the first
copy) or failed (recorded with a one-line reason) — reported through a callback so the CLI,
the API and ``watch`` share one code path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime

from eventwire.annotate.document import analyze_many, annotator_version
from eventwire.dedup import NEAR_DUPLICATE_JACCARD, Fingerprint, fingerprint, jaccard
from eventwire.extract import ExtractionError, extract_raw
from eventwire.model import Article, Failure, RawDoc
from eventwire.sources import read_sources
from eventwire.sources.fetch import FetchSettings
from eventwire.store.database import Duplicate, PendingArticle, Store

# Articles are annotated and committed in batches: big enough for efficient ``nlp.pipe``, small
# enough that a crash loses little work (a batch is one transaction: all or nothing).
BATCH_SIZE = 32


@dataclass(slots=True)
class IngestOptions:
    kind: str | None = None
    annotate: bool = True
    n_process: int = 1
    batch_size: int = BATCH_SIZE
    model: str | None = None
    allow_unresolved: bool = False
    fetch: FetchSettings = field(default_factory=FetchSettings)


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.ingested + self.duplicates + self.failed

    def to_dict(self) -> dict:
        return {
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "failures": [{"item": f.item, "reason": f.reason, "stage": f.stage} for f in self.failures],
            "article_ids": self.article_ids,
        }


ProgressCallback = Callable[[str, str, str], None]  # (outcome, item, detail)


class PendingBatch:
    """Articles waiting to be annotated and written, checked against each other for repeats."""

    def __init__(self) -> None:
        self.items: list[PendingArticle] = []

    def find_duplicate(self, article: Article, fp: Fingerprint) -> Duplicate | None:
        for p in self.items:
            if p.article.id == article.id:
                return Duplicate(p.article.id, "same-article")
            if p.fingerprint.text_hash == fp.text_hash:
                return Duplicate(p.article.id, "exact-text")
            if fp.canonical_url and p.fingerprint.canonical_url == fp.canonical_url:
                return Duplicate(p.article.id, "canonical-url")
            if fp.signature is not None and p.fingerprint.signature is not None:
                sim = jaccard(fp.signature, p.fingerprint.signature)
                if sim >= NEAR_DUPLICATE_JACCARD:
                    return Duplicate(p.article.id, "near", sim)
        return None


def _unexpected(exc: Exception) -> str:
    return f"unexpected error: {type(exc).__name__}: {exc}".splitlines()[0]


def _annotate(
    batch: list[PendingArticle], options: IngestOptions, pool: Executor | None = None
) -> list[tuple[PendingArticle, Exception]]:
    """Annotate a batch in place; returns the articles whose annotation raised.

    When the batch fails, its articles are annotated one by one, so an article that trips an
    annotator bug costs only itself.
    """
    version = annotator_version(options.model)

    def run(items: list[PendingArticle], n_process: int) -> list:
        texts = ((p.article.text, p.article.published) for p in items)
        return list(
            analyze_many(
                texts,
                n_process=n_process,
                model=options.model,
                code=True,
                allow_unresolved=options.allow_unresolved,
                pool=pool if n_process > 1 else None,
                chunk_size=-(-len(items) // max(n_process, 1)),  # one chunk per worker
            )
        )

    failed: list[tuple[PendingArticle, Exception]] = []
    try:
        done = list(zip(batch, run(batch, options.n_process), strict=True))
    except Exception:
        done = []
        for p in batch:
            try:
                done.append((p, run([p], 1)[0]))
            except Exception as exc:  # a bug met on hostile text fails this article, not the run
                failed.append((p, exc))
    for p, doc in done:
        doc.article_id = p.article.id
        doc.title = p.article.title
        p.document = doc
        p.annotator = version
    return failed


def ingest_raw(
    raws: Iterable[RawDoc | Failure],
    store: Store,
    options: IngestOptions | None = None,
    progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Extract, deduplicate, annotate and store a stream of raw items."""
    options = options or IngestOptions()
    if options.annotate and options.n_process > 1:
        # Workers start once for the whole run (each loads the model), not once per batch.
        with ProcessPoolExecutor(max_workers=options.n_process) as pool:
            return _ingest_items(raws, store, options, progress, pool)
    return _ingest_items(raws, store, options, progress, None)


def _ingest_items(
    raws: Iterable[RawDoc | Failure],
    store: Store,
    options: IngestOptions,
    progress: ProgressCallback | None,
    pool: Executor | None,
) -> IngestSummary:
    summary = IngestSummary()
    batch = PendingBatch()

    def report(outcome: str, item: str, detail: str = "") -> None:
        if progress:
            progress(outcome, item, detail)

    def fail(failure: Failure) -> None:
        store.record_failure(failure)
        summary.failed += 1
        summary.failures.append(failure)
        report("failed", failure.item, failure.reason)

    def flush() -> None:
        if not batch.items:
            return
        if options.annotate:
            for p, exc in _annotate(batch.items, options, pool):
                batch.items.remove(p)
                fail(Failure(p.article.item or p.article.id, _unexpected(exc), "annotate"))
        store.write_batch(batch.items)
        for p in batch.items:
            summary.ingested += 1
            summary.article_ids.append(p.article.id)
            report("stored", p.article.item or p.article.id, p.article.title or "")
        batch.items = []

    for raw in raws:
        if isinstance(raw, Failure):
            fail(raw)
            continue
        try:
            article = extract_raw(raw)
        except ExtractionError as exc:
            fail(Failure(raw.item, str(exc), "extract"))
            continue
        except Exception as exc:  # an extractor bug met on hostile input fails this item, not the run
            fail(Failure(raw.item, _unexpected(exc), "extract"))
            continue
        fp = fingerprint(article.text, article.canonical_url)
        dup = store.find_duplicate(article, fp) or batch.find_duplicate(article, fp)
        if dup:
            store.record_duplicate(article, dup)
            summary.duplicates += 1
            report("duplicate", raw.item, f"{dup.kind} of {dup.of}")
            continue
        batch.items.append(PendingArticle(article, fp))
        if len(batch.items) >= options.batch_size:
            flush()
    flush()
    return summary


def ingest(
    sources: Sequence[str],
    store: Store,
    options: IngestOptions | None = None,
    progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Read every source (files, folders, globs, URLs, feeds, WARCs, ``-``) into the store."""
    options = options or IngestOptions()
    return ingest_raw(read_sources(sources, kind=options.kind, fetch=options.fetch), store, options, progress)


def reannotate(
    store: Store,
    everything: bool = False,
    since: datetime | None = None,
    n_process: int = 1,
    model: str | None = None,
    on_batch: Callable[[int], None] | None = None,
) -> int:
    """Annotate stored articles again after a model or rule upgrade; idempotent.

    Without ``everything`` only articles never annotated, or annotated by another annotator
    version, are redone. Each batch replaces its old annotations in one transaction.
    """
    version = annotator_version(model)
    ids = store.articles_to_annotate(None if everything else version, since)
    done = 0
    for start in range(0, len(ids), BATCH_SIZE):
        rows = store.article_texts(ids[start : start + BATCH_SIZE])
        docs = analyze_many(((r["text"], r["published"]) for r in rows), n_process=n_process, model=model, code=True)
        items = []
        for row, doc in zip(rows, docs, strict=True):
            doc.article_id, doc.title = row["id"], row["title"]
            items.append((row, doc))
        store.replace_annotations(items, version)
        done += len(items)
        if on_batch:
            on_batch(len(items))
    return done
