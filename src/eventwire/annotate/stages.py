"""The built-in annotation stages, registered like any plug-in stage.

Each factory takes the pipeline's config and returns a callable ``Document -> Document`` with its
versioned ``name``, and the fields it ``requires`` and ``assigns``. Bump a stage's version when
its output changes, so ``eventwire annotate`` knows which stored articles are stale.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from eventwire.annotate.actors import link_speakers, load_actor_dictionary, resolve_actors
from eventwire.annotate.parse import load_nlp, model_version
from eventwire.annotate.quotes import find_quotes
from eventwire.annotate.timex import find_timexes
from eventwire.dates import coerce_date
from eventwire.errors import OverTimeBudget
from eventwire.model import Document, Entity, Sentence
from eventwire.registry import stages

# Longest piece of text given to spaCy at once (see ``ParseStage._parse``).
PARSE_CHUNK_CHARS = 50_000
PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")


def text_pieces(text: str, size: int) -> list[str]:
    """``text`` cut after paragraph breaks into pieces of about ``size`` characters (a paragraph
    longer than that is one piece); the pieces join back to ``text``."""
    pieces, start = [], 0
    while len(text) - start > size:
        cut = None
        for match in PARAGRAPH_BREAK.finditer(text, start + 1, start + size):
            cut = match.end()
        if cut is None:
            found = PARAGRAPH_BREAK.search(text, start + size)
            if found is None:
                break
            cut = found.end()
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return [p for p in pieces if p]


@dataclass(slots=True)
class ParseStage:
    """Tokens, sentences, entities and the dependency parse (spaCy); batched in ``pipe``."""

    nlp: Language
    batch_size: int
    name: str = "eventwire.parse.v2"
    requires: tuple[str, ...] = ("text",)
    assigns: tuple[str, ...] = ("parse", "sentences", "entities")

    @property
    def version(self) -> str:
        return f"{self.name}[{model_version(self.nlp)}]"

    def __call__(self, document: Document) -> Document:
        return self._fill(document, self._parse(document))

    def pipe(self, documents: Iterable[Document]) -> Iterator[Document]:
        """Short texts parsed together (at most ``batch_size`` of them, ``PARSE_CHUNK_CHARS`` characters
        in all, so a batch takes bounded time), a long one alone in pieces.

        Each document's time budget starts when its own work does: a long one's before its parse,
        a batched one's once the batch is parsed.
        """
        batch: list[Document] = []
        for document in documents:
            if len(document.text) > PARSE_CHUNK_CHARS:
                yield from self._batch(batch)
                batch = []
                yield self._alone(document)
                continue
            if batch and (
                len(batch) >= self.batch_size
                or sum(len(d.text) for d in batch) + len(document.text) > PARSE_CHUNK_CHARS
            ):
                yield from self._batch(batch)
                batch = []
            batch.append(document)
        yield from self._batch(batch)

    def _batch(self, batch: list[Document]) -> Iterator[Document]:
        for document, doc in zip(batch, self.nlp.pipe(d.text for d in batch), strict=True):
            document.start_clock(document.budget)
            yield self._fill(document, doc)

    def _alone(self, document: Document) -> Document:
        document.start_clock(document.budget)
        try:
            return self(document)
        except OverTimeBudget as exc:
            document.failure = str(exc)
            return document

    def _parse(self, document: Document) -> Any:
        """The parse of ``text``; a long text is parsed in pieces cut at paragraph breaks and joined.

        spaCy's cost per character grows with the length of one Doc (a 400,000-character text took
        5.5 times as long as a 100,000-character one); pieces keep it linear. Sentences never span
        a blank line (``paragraph_boundaries``), so a cut there changes no sentence.
        """
        text = document.text
        pieces = text_pieces(text, PARSE_CHUNK_CHARS)
        if len(pieces) <= 1:  # an empty text has no pieces
            return self.nlp(text)
        docs = []
        for piece in pieces:
            document.check_time(f"parse, character {sum(len(d.text) for d in docs)}")
            docs.append(self.nlp(piece))
        doc = Doc.from_docs(docs, ensure_whitespace=False)
        return doc if doc.text == text else self.nlp(text)

    @staticmethod
    def _fill(document: Document, doc: Any) -> Document:
        document.parse = doc
        document.sentences = [Sentence(s.start_char, s.start_char + len(s.text.rstrip())) for s in doc.sents]
        document.entities = [Entity(e.start_char, e.end_char, e.text, e.label_) for e in doc.ents]
        return document


@dataclass(slots=True)
class FunctionStage:
    """A stage made of one function of the document (the rule-based annotators)."""

    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    run: Any

    def __call__(self, document: Document) -> Document:
        self.run(document)
        return document


@stages.register("eventwire.parse.v2")
def make_parse(config: Any) -> ParseStage:
    """spaCy parse with paragraph-aware sentences (the configured model)."""
    return ParseStage(load_nlp(config.model), config.batch_size)


def _actors(document: Document) -> None:
    document.actors = resolve_actors(document.parse, coerce_date(document.published))


@stages.register("eventwire.actors.v10")
def make_actors(config: Any) -> FunctionStage:
    """Actor mentions resolved to dated actor codes (dictionary, titles, agents, context)."""
    load_actor_dictionary()
    return FunctionStage("eventwire.actors.v10", ("parse",), ("actors",), _actors)


def _quotes(document: Document) -> None:
    document.quotes = find_quotes(document.parse)


@stages.register("eventwire.quotes.v3")
def make_quotes(config: Any) -> FunctionStage:
    """Direct quotes and reported speech with their cues and speaker mentions."""
    return FunctionStage("eventwire.quotes.v3", ("parse",), ("quotes",), _quotes)


def _speakers(document: Document) -> None:
    link_speakers(document.quotes, document.actors, document.parse)


@stages.register("eventwire.speakers.v2")
def make_speakers(config: Any) -> FunctionStage:
    """Each quote's speaker mention linked to the actor it names."""
    return FunctionStage("eventwire.speakers.v2", ("parse", "quotes", "actors"), ("quotes.speaker_actor",), _speakers)


def _timexes(document: Document) -> None:
    document.timexes = find_timexes(document.text, coerce_date(document.published), document.parse)


@stages.register("eventwire.timexes.v2")
def make_timexes(config: Any) -> FunctionStage:
    """Time expressions normalised to TIMEX3 values, anchored on the publication date."""
    return FunctionStage("eventwire.timexes.v2", ("parse",), ("timexes",), _timexes)
