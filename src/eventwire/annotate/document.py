"""Annotate a text into a ``Document``: sentences, entities, actors, quotes, times (and events).

This is the one place that strings the annotators together, so the order of stages and the
version string recorded with every stored annotation live here.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from datetime import date, datetime
from functools import lru_cache
from itertools import islice

from spacy.tokens import Doc

from eventwire.annotate.actors import link_speakers, load_actor_dictionary, resolve_actors
from eventwire.annotate.parse import load_nlp, model_version
from eventwire.annotate.quotes import find_quotes
from eventwire.annotate.timex import find_timexes
from eventwire.model import Document, Entity, Sentence, Timex

# Bump when rules or the order of stages change what gets stored, so `eventwire annotate` can
# tell which articles were produced by an older annotator.
ANNOTATOR_VERSION = "eventwire-annotate.v2"  # v2: quotes keep the speaker mention and its speaker_ref
BATCH_SIZE = 32
# How far into the text a story's own date is looked for when it has no publication date.
LEAD_CHARS = 1000
FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# Articles handed to a worker process at a time; large enough to amortise pickling.
CHUNK_SIZE = 64


def annotator_version(model: str | None = None) -> str:
    return f"{ANNOTATOR_VERSION}+{model_version(load_nlp(model))}"


def _as_date(value: date | datetime | None) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def document_from_doc(
    doc: Doc,
    published: date | datetime | None = None,
    title: str | None = None,
    article_id: str | None = None,
    code: bool = True,
    allow_unresolved: bool = False,
) -> Document:
    """Run the rule-based annotators over an already parsed spaCy ``Doc``."""
    when = _as_date(published)
    actors = resolve_actors(doc, when)
    quotes = find_quotes(doc)
    link_speakers(quotes, actors, doc)
    text = doc.text  # spaCy rebuilds it from the tokens on every access
    timexes = find_timexes(text, when, doc)
    document = Document(
        text=text,
        title=title,
        published=published if isinstance(published, datetime) else None,
        article_id=article_id,
        sentences=[Sentence(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents],
        entities=[Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents],
        actors=actors,
        quotes=quotes,
        timexes=timexes,
    )
    if code:
        from eventwire.coding import code_events

        reference = when or lead_date(timexes)
        document.events = code_events(doc, actors, quotes, timexes, reference, allow_unresolved=allow_unresolved)
    return document


def lead_date(timexes: list[Timex]) -> date | None:
    """The day a story without a publication date reports on: the first full date in its opening.

    News leads state the day of the news ("On the 1,000th day since the invasion, …"); events with
    no date of their own are then dated to it, as they would be to a publication date.
    """
    for timex in timexes:
        if timex.start > LEAD_CHARS:
            break
        if timex.type == "DATE" and FULL_DATE.fullmatch(timex.value or ""):
            return date.fromisoformat(timex.value)
    return None


def analyze(text: str, published: date | datetime | None = None, title: str | None = None) -> Document:
    """Annotate one text. Offsets of every item in the result point into ``text``.

    Args:
        text: the article text (as stored; offsets refer to it).
        published: publication date, the anchor for relative times ("yesterday").
        title: kept on the document; not annotated.
    Returns:
        A ``Document`` with sentences, entities, actors, quotes, timexes and events.
    """
    prepare()
    return document_from_doc(load_nlp()(text), published, title)


@lru_cache(maxsize=4)
def prepare(model: str | None = None, code: bool = True) -> None:
    """Load the model and every table once per process, then freeze them out of garbage collection.

    The parse model, actor dictionary and verb lexicon are large, long-lived object graphs; left
    to the cyclic collector they are walked again and again while documents are annotated, which
    measured about 40% of the rule stages' time. Frozen objects are never collected, which is what
    a process-lifetime cache wants anyway.
    """
    load_nlp(model)
    load_actor_dictionary()
    if code:
        from eventwire.coding import DEFAULT_CODER, get_coder

        get_coder(DEFAULT_CODER)
    gc.collect()
    gc.freeze()


def _analyze_chunk(
    items: list[tuple[str, date | datetime | None]], model: str | None, code: bool, allow_unresolved: bool
) -> list[Document]:
    prepare(model, code)
    nlp = load_nlp(model)
    texts = (text for text, _ in items)
    return [
        document_from_doc(doc, published, code=code, allow_unresolved=allow_unresolved)
        for doc, (_, published) in zip(nlp.pipe(texts, batch_size=BATCH_SIZE), items, strict=True)
    ]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def submit_many(
    pool: Executor,
    items: Sequence[tuple[str, date | datetime | None]],
    n_chunks: int,
    model: str | None = None,
    code: bool = True,
    allow_unresolved: bool = False,
) -> list[Future]:
    """Start annotating ``items`` in ``pool`` as ``n_chunks`` tasks and return at once.

    The futures' results, concatenated in order, are the documents. A caller that has other work
    (reading, extracting, writing) does it while the workers annotate.
    """
    model = model or os.environ.get("EVENTWIRE_MODEL")
    size = max(1, -(-len(items) // max(n_chunks, 1)))
    return [pool.submit(_analyze_chunk, chunk, model, code, allow_unresolved) for chunk in _chunks(items, size)]


def analyze_many(
    items: Iterable[tuple[str, date | datetime | None]],
    n_process: int = 1,
    model: str | None = None,
    code: bool = True,
    allow_unresolved: bool = False,
    pool: Executor | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Document]:
    """Annotate ``(text, published)`` pairs in order, in ``n_process`` processes.

    Each worker process loads the model once and runs the whole annotation (parse and rules),
    so the rule stages scale with the parser instead of queueing in the parent. A caller that
    annotates many small batches passes its own long-lived ``pool`` so workers start only once.
    """
    if n_process <= 1 and pool is None:
        for chunk in _chunks(items, chunk_size):
            yield from _analyze_chunk(chunk, model, code, allow_unresolved)
        return
    model = model or os.environ.get("EVENTWIRE_MODEL")
    own_pool = pool is None
    executor = pool or ProcessPoolExecutor(max_workers=n_process)
    try:
        pending = []
        for chunk in _chunks(items, chunk_size):
            pending.append(executor.submit(_analyze_chunk, chunk, model, code, allow_unresolved))
            if len(pending) > 2 * max(n_process, 1):
                yield from pending.pop(0).result()
        for future in pending:
            yield from future.result()
    finally:
        if own_pool:
            executor.shutdown()
