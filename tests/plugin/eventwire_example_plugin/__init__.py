"""A small eventwire plug-in: a keyword coder and a reader for ``.newscsv`` files.

It uses only eventwire's public interfaces (the Coder protocol, ``Reader``), as a third-party
package would; eventwire's tests install it to prove that entry points are honoured.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from eventwire.model import Event, EventActor, RawDoc, Span
from eventwire.sources.readers import ReadContext, Reader

KEYWORD = "protested"


class KeywordCoder:
    """Codes a PROTEST for every sentence containing 'protested', with the first actor as source."""

    name = "example.keyword.v1"

    def __call__(self, document) -> list[Event]:
        events = []
        for sentence in document.sentences:
            text = document.text[sentence.start : sentence.end]
            at = text.find(KEYWORD)
            actors = [m for m in document.actors if sentence.start <= m.start < sentence.end]
            if at < 0 or not actors:
                continue
            source = actors[0]
            start = sentence.start + at
            events.append(
                Event(
                    source=EventActor(
                        source.actor.cameo_code, source.actor.name, Span(source.start, source.end, source.text)
                    ),
                    target=None,
                    action=Span(start, start + len(KEYWORD), KEYWORD),
                    sentence=Span(sentence.start, sentence.end, text),
                    cameo_code="140",
                    root_code="14",
                    plover_type="PROTEST",
                    coder=self.name,
                    id=f"ex_{sentence.start}",
                )
            )
        return events


def make_keyword_coder(config) -> KeywordCoder:
    """Example plug-in coder: a PROTEST wherever a sentence says 'protested'."""
    return KeywordCoder()


def _read_newscsv(content: bytes, item: str, context: ReadContext) -> Iterator[RawDoc]:
    for n, row in enumerate(csv.DictReader(io.StringIO(content.decode("utf-8"))), 1):
        body = f"{row['title']}\n\n{row['text']}"
        yield RawDoc(
            item=f"{item}#row-{n}", content=body.encode("utf-8"), kind="text", metadata={"title": row["title"]}
        )


def newscsv_reader() -> Reader:
    """Example plug-in reader: CSV files with title and text columns, one article per row."""
    return Reader("newscsv", _read_newscsv, suffixes=(".newscsv",))
