"""The indexed attribute ruler gives exactly the stock ruler's annotations."""

from __future__ import annotations

import pytest
import spacy
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

from eventwire.annotate.parse.attribute_ruler import IndexedAttributeRuler, index_attribute_ruler
from eventwire.annotate.parse.nlp import model_name

TEXTS = [
    "I ain't gonna sign it, y'all. Let's go: we gotta run. C'mon! Nothin' was agreed.",
    "Do you have the documents? He does. They did not, and it isn't clear whether they will.",
    "There are talks; there's hope. I'd have said that it was him, but you know it's them.",
    "The U.S. authorised Ukraine to use ATACMS missiles against targets inside Russia.\n\n  \tNext paragraph.",
    "Whether or not the ministers meet, the sanctions, which were imposed in 2014, stay.",
]
COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]


@pytest.fixture(scope="module")
def pipelines():
    stock, indexed = spacy.load(model_name()), spacy.load(model_name())
    assert index_attribute_ruler(indexed)
    return stock, indexed


def test_indexed_ruler_replaces_the_stock_component(pipelines):
    stock, indexed = pipelines
    assert indexed.pipe_names == stock.pipe_names
    assert isinstance(indexed.get_pipe("attribute_ruler"), IndexedAttributeRuler)


def test_indexed_ruler_gives_identical_annotations(pipelines, seed_text):
    stock, indexed = pipelines
    for text in [*TEXTS, seed_text]:
        a, b = stock(text), indexed(text)
        assert (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all(), text[:40]
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
    # The contractions really were rewritten by the ruler's several-token patterns.
    doc = indexed(TEXTS[0])
    assert [t.lemma_ for t in doc if t.lower_ in ("gon", "na", "ai")] == ["be", "go", "to"]


def test_pattern_the_index_cannot_reproduce_keeps_the_stock_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LENGTH": {">=": 3}}]], {"POS": "NOUN"})
    assert not index_attribute_ruler(nlp)
    assert type(nlp.get_pipe("attribute_ruler")).__name__ == "AttributeRuler"
    assert nlp("abc")[0].pos_ == "NOUN"


def test_later_patterns_win_as_in_the_stock_ruler():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "talks"}]], {"POS": "VERB"})
    ruler.add([[{"LOWER": {"IN": ["talks", "meets"]}}]], {"POS": "NOUN"})
    ruler.add([[{"LOWER": {"REGEX": "^me"}}]], {"POS": "ADJ"})
    assert index_attribute_ruler(nlp)
    assert [t.pos_ for t in nlp("talks meets")] == ["NOUN", "ADJ"]
