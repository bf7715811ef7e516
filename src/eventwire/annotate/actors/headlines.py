"""Title-case headlines: a headline's capitals join no names ("Ben Carson Slams Hillary And The
Media"), so the name readers ask where they are, once per document."""

from __future__ import annotations

import numpy
from spacy.attrs import IS_ALPHA, LENGTH, SENT_START, SHAPE
from spacy.tokens import Doc, Token

# A sentence is a title-case headline when at least this many words of at least this many letters
# are all capitalised.
TITLE_CASE_MIN_WORDS, TITLE_CASE_MIN_LETTERS = 3, 4
HEADLINES_KEY = "eventwire.actors.headlines"


def headlines(doc: Doc) -> list[tuple[int, int]]:
    """The token ranges of the document's title-case sentences, found once per document (kept in
    the doc's ``user_data``: several stages ask, for many tokens)."""
    found = doc.user_data.get(HEADLINES_KEY)
    if found is None:
        found = doc.user_data[HEADLINES_KEY] = _title_case_sentences(doc)
    return found


def _title_case_sentences(doc: Doc) -> list[tuple[int, int]]:
    """The sentences written in title case (headlines: every word of four letters or more
    capitalised, at least three of them), all at once on the doc's arrays (a word's shape says
    whether it opens with a capital): reading each token as an object costs too much."""
    if not len(doc):
        return []
    cells = doc.to_array([IS_ALPHA, LENGTH, SHAPE, SENT_START])
    shapes = numpy.unique(cells[:, 2])
    capital_shapes = [h for h in shapes.tolist() if doc.vocab.strings[h][:1] == "X"]
    counted = (cells[:, 0] == 1) & (cells[:, 1] >= TITLE_CASE_MIN_LETTERS)
    lower = counted & ~numpy.isin(cells[:, 2], capital_shapes)
    starts = numpy.flatnonzero(cells[:, 3] == 1)
    if not len(starts) or starts[0] != 0:
        starts = numpy.concatenate(([0], starts))
    words = numpy.add.reduceat(counted.astype(numpy.int64), starts)
    lowers = numpy.add.reduceat(lower.astype(numpy.int64), starts)
    ends = [*starts[1:].tolist(), len(doc)]
    return [
        (start, end)
        for start, end, n, low in zip(starts.tolist(), ends, words.tolist(), lowers.tolist(), strict=True)
        if n >= TITLE_CASE_MIN_WORDS and low == 0
    ]


def in_headline(token: Token) -> bool:
    """Whether ``token`` sits in a title-case headline."""
    return any(start <= token.i < end for start, end in headlines(token.doc))
