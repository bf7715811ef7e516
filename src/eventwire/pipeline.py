"""The annotation pipeline: an ``Article`` in, a ``Document`` with every annotation out.

A ``Pipeline`` is a list of named stages, each built by a registered factory from a
``PipelineConfig`` and declaring which ``Document`` fields it requires and which it assigns
(spaCy's component habit). The order is checked when the pipeline is built. ``analyze``,
``analyze_many``, ingest, batch workers, ``eventwire annotate`` and the tests all run pipelines
made here, so there is one wiring of the stages.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from itertools import islice
from typing import Protocol, runtime_checkable

from eventwire.coding.stages import DEFAULT_CODER, DEFAULT_MIN_CONFIDENCE
from eventwire.errors import OverTimeBudget, PipelineError
from eventwire.model import Article, Document
from eventwire.registry import stages as stage_registry

DEFAULT_STAGES = ("parse", "actors", "quotes", "speakers", "timexes", "events")
# What a document has before any stage runs.
ARTICLE_FIELDS = ("article", "text", "published", "title")
# Articles handed to a worker process at a time; large enough to amortise pickling.
CHUNK_SIZE = 64
BATCH_SIZE = 32

Item = Article | tuple[str, date | datetime | str | None]


@runtime_checkable
class Stage(Protocol):
    """One step of the pipeline: reads the fields in ``requires``, fills those in ``assigns``."""

    name: str  # the registered, versioned name
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, document: Document) -> Document: ...


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """The settings a pipeline is built from (hashable: one pipeline per config and process)."""

    model: str | None = None
    coder: str = DEFAULT_CODER
    allow_unresolved: bool = False
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    stages: tuple[str, ...] = DEFAULT_STAGES
    batch_size: int = BATCH_SIZE
    # Seconds one article may take; past it the article fails alone (``Document.failure``). 0: none.
    article_time_budget: float = 0.0

    @classmethod
    def from_settings(cls, settings: object) -> PipelineConfig:
        """The pipeline's section of a settings object (fields it lacks keep their defaults)."""
        names = [f.name for f in dataclasses.fields(cls)]
        given = {n: getattr(settings, n) for n in names if getattr(settings, n, None) is not None}
        if isinstance(given.get("stages"), list | str):
            stages = given["stages"]
            given["stages"] = tuple(stages.split(",") if isinstance(stages, str) else stages)
        return cls(**given)


class Pipeline:
    """Stages run in order over documents; built from a config with :meth:`from_config`."""

    def __init__(self, stages: Sequence[Stage], config: PipelineConfig | None = None) -> None:
        self.stages = list(stages)
        self.config = config or PipelineConfig()
        check_order(self.stages)

    @classmethod
    def from_config(cls, config: PipelineConfig | None = None) -> Pipeline:
        config = config or PipelineConfig()
        return cls([stage_registry.get(name).factory(config) for name in config.stages], config)

    @property
    def names(self) -> list[str]:
        return [stage.name for stage in self.stages]

    @property
    def version(self) -> str:
        """What produced a stored annotation: every stage's versioned name (the coder's included)."""
        return "+".join(getattr(stage, "version", stage.name) for stage in self.stages)

    def __call__(self, article: Article | str) -> Document:
        """The annotated document; raises ``OverTimeBudget`` when it takes longer than the budget."""
        document = Document(article if isinstance(article, Article) else Article(text=article))
        document.start_clock(self.config.article_time_budget)
        for stage in self.stages:
            document = stage(document)
            document.check_time(f"the end of {stage.name}")
        return document

    def pipe(self, articles: Iterable[Article], keep_parse: bool = True) -> Iterator[Document]:
        """Documents of ``articles`` in order; stages with a ``pipe`` method work in batches.

        A document over the time budget comes out with ``failure`` set, skipping the later stages;
        the others go on.
        """
        documents: Iterable[Document] = self._clocked(articles)
        for stage in self.stages:
            batched = getattr(stage, "pipe", None)
            documents = _checked(stage, batched(documents)) if batched is not None else _guarded(stage, documents)
        for document in documents:
            if not keep_parse:
                document.parse = None
            yield document

    def _clocked(self, articles: Iterable[Article]) -> Iterator[Document]:
        for article in articles:
            document = Document(article)
            document.start_clock(self.config.article_time_budget)
            yield document


def _guarded(stage: Stage, documents: Iterable[Document]) -> Iterator[Document]:
    for document in documents:
        if document.failure is None:
            try:
                document = stage(document)
                document.check_time(f"the end of {stage.name}")
            except OverTimeBudget as exc:
                document.failure = str(exc)
        yield document


def _checked(stage: Stage, documents: Iterable[Document]) -> Iterator[Document]:
    for document in documents:
        if document.failure is None:
            try:
                document.check_time(f"the end of {stage.name}")
            except OverTimeBudget as exc:
                document.failure = str(exc)
        yield document


def check_order(stages: Sequence[Stage]) -> None:
    """Raise ``PipelineError`` when a stage requires a field no earlier stage assigns."""
    available = set(ARTICLE_FIELDS)
    for stage in stages:
        missing = [field for field in stage.requires if field not in available]
        if missing:
            before = ", ".join(s.name for s in stages[: stages.index(stage)]) or "nothing"
            raise PipelineError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no stage before it assigns "
                f"(before it: {before})"
            )
        available.update(stage.assigns)


@lru_cache(maxsize=8)
def get_pipeline(config: PipelineConfig | None = None) -> Pipeline:
    """The process's pipeline for ``config``: built once, its tables then frozen out of the GC.

    The parse model, actor dictionary and verb lexicon are large, long-lived object graphs; left
    to the cyclic collector they are walked again and again while documents are annotated, which
    measured about 40% of the rule stages' time. Frozen objects are never collected, which is what
    a process-lifetime cache wants anyway.
    """
    pipeline = Pipeline.from_config(config or PipelineConfig())
    gc.collect()
    gc.freeze()
    return pipeline


def annotator_version(config: PipelineConfig | None = None) -> str:
    """The version recorded with stored annotations: the pipeline's stages, coder and model."""
    return get_pipeline(config or PipelineConfig()).version


def as_article(item: Item) -> Article:
    """An ``Article`` as given, or one made from a ``(text, published)`` pair."""
    if isinstance(item, Article):
        return item if item.raw is None else dataclasses.replace(item, raw=None)
    text, published = item
    return Article(text=text, published=published)


def analyze(
    text: str, published: date | datetime | str | None = None, title: str | None = None, *, config=None
) -> Document:
    """Annotate one text. Offsets of every item in the result point into ``text``.

    Args:
        text: the article text (as stored; offsets refer to it).
        published: publication date (a ``date``, ``datetime`` or ISO string), the anchor for
            relative times ("yesterday"); kept as given in ``document.published``.
        title: kept on the document's article; not annotated.
        config: a ``PipelineConfig`` (model, coder, stages); the defaults when None.
    Returns:
        A ``Document`` with sentences, entities, actors, quotes, timexes and events.
    """
    return get_pipeline(config)(Article(text=text, published=published, title=title))


def _analyze_chunk(items: list[Article], config: PipelineConfig | None) -> list[Document]:
    return list(get_pipeline(config).pipe(items, keep_parse=False))


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := [as_article(x) for x in islice(it, size)]:
        yield chunk


def submit_many(
    pool: Executor, items: Sequence[Item], n_chunks: int, config: PipelineConfig | None = None
) -> list[Future]:
    """Start annotating ``items`` in ``pool`` as ``n_chunks`` tasks and return at once.

    The futures' results, concatenated in order, are the documents. A caller that has other work
    (reading, extracting, writing) does it while the workers annotate.
    """
    size = max(1, -(-len(items) // max(n_chunks, 1)))
    return [pool.submit(_analyze_chunk, chunk, config) for chunk in _chunks(items, size)]


def analyze_many(
    items: Iterable[Item],
    n_process: int = 1,
    config: PipelineConfig | None = None,
    pool: Executor | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Document]:
    """Annotate articles (or ``(text, published)`` pairs) in order, in ``n_process`` processes.

    Each worker process builds the pipeline once and runs all of it (parse and rules), so the
    rule stages scale with the parser instead of queueing in the parent. A caller that annotates
    many small batches passes its own long-lived ``pool`` so workers start only once.
    """
    if n_process <= 1 and pool is None:
        for chunk in _chunks(items, chunk_size):
            yield from get_pipeline(config).pipe(chunk, keep_parse=False)
        return
    own_pool = pool is None
    executor = pool or ProcessPoolExecutor(max_workers=n_process)
    try:
        pending: list[Future] = []
        for chunk in _chunks(items, chunk_size):
            pending.append(executor.submit(_analyze_chunk, chunk, config))
            if len(pending) > 2 * max(n_process, 1):
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    finally:
        if own_pool:
            executor.shutdown()
