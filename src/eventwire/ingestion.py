"""Ingest: sources → articles → (annotations) → store, item by item, never stopping on a bad one.

Every item ends in exactly one of three outcomes — stored, duplicate (linked to the first
copy) or failed (recorded with a one-line reason) — reported through a callback so the CLI,
the API and ``watch`` share one code path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from eventwire.dedup import NEAR_DUPLICATE_JACCARD, Fingerprint, fingerprint, jaccard
from eventwire.extract import extract_or_fail
from eventwire.model import Article, Document, Failure, RawDoc, unexpected_reason
from eventwire.pipeline import (
    DEFAULT_CODER,
    DEFAULT_MIN_CONFIDENCE,
    PipelineConfig,
    analyze_many,
    annotator_version,
    submit_many,
)
from eventwire.sources import read_sources
from eventwire.sources.feeds import FeedState, poll_feed
from eventwire.sources.fetch import FetchSettings
from eventwire.store.database import Duplicate, PendingArticle, Store

# Articles are annotated and committed in batches: big enough for efficient ``nlp.pipe``, small
# enough that a crash loses little work (a batch is one transaction: all or nothing).
BATCH_SIZE = 32
# The ``stage`` of an ``ingest_failures`` row that is a warning on a stored article, not a failure.
WARNING_STAGE = "warning"


@dataclass(slots=True)
class IngestOptions:
    kind: str | None = None
    annotate: bool = True
    n_process: int = 1
    batch_size: int = BATCH_SIZE
    model: str | None = None
    allow_unresolved: bool = False
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    coder: str = DEFAULT_CODER
    fetch: FetchSettings = field(default_factory=FetchSettings)
    article_time_budget: float = 0.0  # seconds per article; 0: none

    @classmethod
    def from_settings(cls, settings: Any, fetch: FetchSettings, **extra: Any) -> IngestOptions:
        """Options from the annotation fields of a settings object (the CLI's or the server's)."""
        return cls(
            annotate=settings.annotate,
            batch_size=settings.batch_size,
            allow_unresolved=settings.allow_unresolved,
            min_confidence=settings.min_confidence,
            coder=settings.coder,
            fetch=fetch,
            article_time_budget=settings.article_time_budget,
            **extra,
        )

    @property
    def pipeline(self) -> PipelineConfig:
        """The annotation pipeline these options ask for (ingest and re-annotation share it)."""
        return PipelineConfig.from_settings(self)


@dataclass(slots=True)
class IngestSummary:
    ingested: int = 0
    duplicates: int = 0
    failed: int = 0
    failures: list[Failure] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    warnings: list[Failure] = field(default_factory=list)  # stored articles a stage left something out of

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
            "warnings": [{"article_id": w.item, "warning": w.reason} for w in self.warnings],
        }


ProgressCallback = Callable[[str, str, str], None]  # (outcome, item, detail)


class PendingBatch:
    """Articles waiting to be annotated and written, checked against each other for repeats."""

    def __init__(self) -> None:
        self.items: list[PendingArticle] = []
        self.duplicates: list[tuple[Article, Duplicate]] = []  # recorded when the batch is written

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


def _attach(batch: list[PendingArticle], documents: list[Document], options: IngestOptions) -> list[tuple]:
    """Give each pending article its document; returns ``(article, reason)`` for those annotation stopped."""
    version = annotator_version(options.pipeline)
    stopped = []
    for p, doc in zip(batch, documents, strict=True):
        if doc.failure is not None:
            stopped.append((p, doc.failure))
            continue
        p.document = doc
        p.annotator = version
    return stopped


def _annotate_each(batch: list[PendingArticle], options: IngestOptions) -> list[tuple[PendingArticle, str]]:
    """Annotate articles one by one in this process, so one that trips an annotator bug costs only itself."""
    failed = []
    for p in batch:
        try:
            documents = list(analyze_many([p.article], config=options.pipeline))
        except Exception as exc:  # a bug met on hostile text fails this article, not the run
            failed.append((p, unexpected_reason(exc)))
            continue
        failed += _attach([p], documents, options)
    return failed


class Annotation:
    """A batch being annotated: in worker processes (while the caller goes on) or right here."""

    def __init__(self, batch: list[PendingArticle], options: IngestOptions, pool: Executor | None) -> None:
        self.batch, self.options = batch, options
        items = [p.article for p in batch]
        self.futures: list[Future] = []
        self.documents: list | None = None
        self.error: Exception | None = None
        try:
            if pool is not None:
                self.futures = submit_many(pool, items, options.n_process, options.pipeline)
            else:
                self.documents = list(analyze_many(items, config=options.pipeline))
        except Exception as exc:
            self.error = exc

    def result(self) -> list[tuple[PendingArticle, str]]:
        """Wait for the documents and attach them; returns the articles that failed, with the reason."""
        try:
            if self.error is not None:
                raise self.error
            if self.documents is None:
                self.documents = [doc for future in self.futures for doc in future.result()]
        except Exception:
            return _annotate_each(self.batch, self.options)
        return _attach(self.batch, self.documents, self.options)


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
    """Work in batches of ``batch_size`` new articles: extract, check repeats, annotate, write.

    With worker processes, one batch is annotated by the workers while this process extracts and
    checks the next and then writes the previous one; articles not yet written are checked for
    repeats here, in the pending batches.
    """
    summary = IngestSummary()
    in_flight: tuple[PendingBatch, Annotation] | None = None

    def report(outcome: str, item: str, detail: str = "") -> None:
        if progress:
            progress(outcome, item, detail)

    def fail(failure: Failure) -> None:
        store.record_failure(failure)
        summary.failed += 1
        summary.failures.append(failure)
        report("failed", failure.item, failure.reason)

    def write(batch: PendingBatch, annotation: Annotation | None) -> None:
        if annotation is not None:
            for p, reason in annotation.result():
                batch.items.remove(p)
                fail(Failure(p.article.item or p.article.id, reason, "annotate"))
        store.write_batch(batch.items, batch.duplicates)
        for p in batch.items:
            summary.ingested += 1
            summary.article_ids.append(p.article.id)
            report("stored", p.article.item or p.article.id, p.article.title or "")
            summary.warnings += record_warnings(store, p.article.id, p.document)

    def fill(batch: PendingBatch, earlier: PendingBatch) -> None:
        """Take items until the batch holds ``batch_size`` new articles or the input ends."""
        while len(batch.items) < options.batch_size:
            group = list(islice(extracted, options.batch_size - len(batch.items)))
            if not group:
                return
            found = store.find_duplicates([(article, fp) for _, article, fp in group])
            for (raw_item, article, fp), dup in zip(group, found, strict=True):
                dup = dup or earlier.find_duplicate(article, fp) or batch.find_duplicate(article, fp)
                if dup:
                    batch.duplicates.append((article, dup))
                    summary.duplicates += 1
                    report("duplicate", raw_item, f"{dup.kind} of {dup.of}")
                else:
                    batch.items.append(PendingArticle(article, fp))

    extracted = _extracted(raws, fail)
    while True:
        batch = PendingBatch()
        fill(batch, in_flight[0] if in_flight else PendingBatch())
        if not batch.items and not batch.duplicates:
            break
        if not batch.items or not options.annotate:
            write(batch, None)
            continue
        started = (batch, Annotation(batch.items, options, pool))
        if in_flight:
            write(*in_flight)
        in_flight = started
        if pool is None:
            write(*in_flight)
            in_flight = None
    if in_flight:
        write(*in_flight)
    return summary


def record_warnings(store: Store, article_id: str, document: Document | None) -> list[Failure]:
    """Store what a stage left out of an article (``ingest_failures``, stage ``warning``, item = its id)."""
    warnings = [Failure(article_id, w, WARNING_STAGE) for w in (document.warnings if document else ())]
    for warning in warnings:
        store.record_failure(warning)
    return warnings


def _extracted(raws: Iterable[RawDoc | Failure], fail: Callable[[Failure], None]) -> Iterator[tuple]:
    """``(item, article, fingerprint)`` for every raw item that extracts; the others go to ``fail``."""
    for raw in raws:
        article = raw if isinstance(raw, Failure) else extract_or_fail(raw)
        if isinstance(article, Failure):
            fail(article)
            continue
        yield raw.item, article, fingerprint(article.text, article.canonical_url)


def ingest(
    sources: Sequence[str],
    store: Store,
    options: IngestOptions | None = None,
    progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Read every source (files, folders, globs, URLs, feeds, WARCs, ``-``) into the store."""
    options = options or IngestOptions()
    return ingest_raw(read_sources(sources, kind=options.kind, fetch=options.fetch), store, options, progress)


def poll_and_ingest(
    url: str,
    store: Store,
    options: IngestOptions | None = None,
    progress: ProgressCallback | None = None,
) -> IngestSummary:
    """Poll one feed with conditional GET, ingest only the items not seen before, save its state.

    The one polling step of ``eventwire watch`` and of the server's ``--watch``: the feed's ETag,
    Last-Modified and seen item ids live in the store, so a restart resumes where it left off.
    """
    options = options or IngestOptions()
    saved = store.feed_state(url)
    items, state = poll_feed(url, FeedState.from_dict(saved) if saved else None, options.fetch)
    summary = ingest_raw(items, store, options, progress)
    state.checked_at = datetime.now(UTC)
    store.save_feed_state(state.to_dict())
    return summary


def reannotate(
    store: Store,
    options: IngestOptions | None = None,
    everything: bool = False,
    since: datetime | None = None,
    on_batch: Callable[[int], None] | None = None,
    on_failure: Callable[[Failure], None] | None = None,
) -> int:
    """Annotate stored articles again after a model or rule upgrade; idempotent. Returns how many were.

    The pipeline is the one ingest builds from the same ``options`` (model, coder, processes,
    time budget). Without ``everything`` only articles never annotated, or annotated by another
    pipeline version, are redone. Each batch replaces its old annotations in one transaction. As
    in ingest, an article whose annotation raises or runs over the budget fails alone: it is
    recorded (``ingest_failures``, stage ``annotate``, item = its id), keeps its old
    annotations, and goes to ``on_failure``.
    """
    options = options or IngestOptions()
    version = annotator_version(options.pipeline)
    ids = store.articles_to_annotate(None if everything else version, since)
    done = 0
    for start in range(0, len(ids), options.batch_size):
        rows = store.article_texts(ids[start : start + options.batch_size])
        items, failed = _reannotated(rows, options)
        for failure in failed:
            store.record_failure(failure)
            if on_failure:
                on_failure(failure)
        store.replace_annotations(items, version)
        for row, doc in items:
            record_warnings(store, row["id"], doc)
        done += len(items)
        if on_batch:
            on_batch(len(items) + len(failed))
    return done


def _reannotated(rows: list[dict], options: IngestOptions) -> tuple[list[tuple[dict, Document]], list[Failure]]:
    """``(row, document)`` for the rows annotated, and a Failure for each that was not."""
    articles = [
        Article(text=r["text"], title=r["title"], published=r["published"], site=r["site"], id=r["id"]) for r in rows
    ]
    try:
        docs = list(analyze_many(articles, n_process=options.n_process, config=options.pipeline))
    except Exception:  # one article tripped a bug: redo them one by one so it fails alone
        docs = []
        for article in articles:
            try:
                docs += analyze_many([article], config=options.pipeline)
            except Exception as exc:
                docs.append(Document(article, failure=unexpected_reason(exc)))
    items, failed = [], []
    for row, doc in zip(rows, docs, strict=True):
        if doc.failure is None:
            items.append((row, doc))
        else:
            failed.append(Failure(row["id"], doc.failure, "annotate"))
    return items, failed
