"""Per-document shortcuts of the coder give the same answers as the plain computations."""

from __future__ import annotations

import pytest

from eventwire.coding.classifier import load_classifier
from eventwire.coding.discards import Discards
from eventwire.coding.tree import Tree


def test_coding_classifier_batch_scores_equal_single_scores() -> None:
    model = load_classifier()
    texts = [
        "Rebels attacked an army base with rockets and mortars, killing soldiers.",
        "",
        "zzzz qqqq",
        "Ministers met in Paris to discuss trade and trade.",
    ]
    batch = model.scores_many(texts)
    assert batch[1] == {} and batch[2] == {}
    for text, scores in zip(texts, batch, strict=True):
        single = model.scores(text)
        assert single.keys() == scores.keys()
        assert all(abs(single[k] - scores[k]) < 1e-12 for k in single)
    assert max(batch[0], key=batch[0].__getitem__) == "ASSAULT"


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("Fans cheered at the World Cup final.", True),
        ("fans cheered at the WORLD CUP.", True),
        ("World Cups are held every four years.", False),  # a longer word is not the phrase
        ("The Cup of the world.", False),
        ("He won the World Series.", True),
        ("Worldwide series", False),
        ("The world.", False),
    ],
)
def test_coding_story_discards_match_whole_phrases_in_any_case(text: str, hit: bool) -> None:
    discards = Discards(story=["World Cup", "world series", "WORLD SERIES", "world_cup_final"])
    assert (discards.story_hit(text) is not None) is hit


def test_coding_tree_children_match_spacy(nlp) -> None:
    doc = nlp("Russia, which denied it, said on Monday that Ukraine attacked a base. Talks resumed.")
    tree = Tree(doc)
    for token in doc:
        assert tree.kids[token.i] == [c.i for c in token.children]
        assert tree.deps[token.i] == token.dep_ and tree.lowers[token.i] == token.lower_
