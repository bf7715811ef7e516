"""Dependency-tree look-ups for the coder, read once per document from spaCy's arrays.

``Token.children`` builds a Token object and looks up a dependency label for every child on
every call; the coder asks for the children of the same few verbs and nouns many times, mostly
to keep the few with a given label. Child indices and labels are read here once per document,
so only the children wanted become Tokens.
"""

from __future__ import annotations

import threading
from collections.abc import Collection

import numpy as np
from spacy.attrs import DEP, HEAD, LOWER, POS
from spacy.tokens import Doc, Token

# The most recent document's tree per thread: the coder works through one document at a time.
_LAST = threading.local()


class Tree:
    """Children (token indices, ascending as ``Token.children`` yields them), dependency labels,
    coarse tags and lower-cased forms of a Doc's tokens."""

    __slots__ = ("arguments", "deps", "doc", "entities", "kids", "lowers", "phrases", "pos")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        size = len(doc)
        arrays = doc.to_array([HEAD, DEP, POS, LOWER]) if size else np.zeros((0, 4), dtype=np.uint64)
        strings = doc.vocab.strings
        self.deps = _names(arrays[:, 1].tolist(), strings)
        self.pos = _names(arrays[:, 2].tolist(), strings)
        self.lowers = _names(arrays[:, 3].tolist(), strings)
        # Verb index → word forms of its phrase (see ``predicates.phrase_words``).
        self.phrases: dict[int, frozenset[str]] = {}
        # Arguments resolved against one mention index: (index, {("resolve"|"source", i): result}).
        self.arguments: tuple[object, dict] = (None, {})
        # Named entities as (start, end, start char, end char, label), read on first use.
        self.entities: list[tuple[int, int, int, int, str]] | None = None
        # Heads are stored as offsets (negative ones wrapped round in the unsigned array). A
        # stable sort by head groups each token's children in text order.
        heads = np.arange(size, dtype=np.int64) + arrays[:, 0].astype(np.int64)
        order = np.argsort(heads, kind="stable")
        bounds = np.searchsorted(heads[order], np.arange(size + 1)).tolist()
        order_list = order.tolist()
        self.kids: list[list[int]] = [order_list[bounds[i] : bounds[i + 1]] for i in range(size)]
        for root in np.flatnonzero(heads == np.arange(size)).tolist():
            self.kids[root].remove(root)


# Strings of the hash ids seen in trees: the same labels and words recur in every document, so
# each is looked up in the string store once. Cleared when it grows past the bound (a cache).
_STRINGS: dict[int, str] = {}
_STRINGS_MAX = 500_000


def _names(ids: list[int], strings) -> list[str]:
    """The strings of ``ids``, each new one looked up in the string store once."""
    if len(_STRINGS) > _STRINGS_MAX:
        _STRINGS.clear()
    for string_id in set(ids).difference(_STRINGS):
        _STRINGS[string_id] = strings[string_id]
    return list(map(_STRINGS.__getitem__, ids))


def tree_of(doc: Doc, fresh: bool = False) -> Tree:
    """The tree of ``doc``, built again when ``fresh`` (the caller starts on a document that may
    have changed since it was last seen)."""
    tree = getattr(_LAST, "tree", None)
    if fresh or tree is None or tree.doc is not doc:
        tree = _LAST.tree = Tree(doc)
    return tree


def entities(doc: Doc) -> list[tuple[int, int, int, int, str]]:
    """The document's named entities as (start, end, start char, end char, label): each stage
    that looks at them would otherwise build the entity Spans again."""
    tree = tree_of(doc)
    if tree.entities is None:
        tree.entities = [(e.start, e.end, e.start_char, e.end_char, e.label_) for e in doc.ents]
    return tree.entities


def children(token: Token, deps: Collection[str]) -> list[Token]:
    """The children of ``token`` whose dependency label is in ``deps``, in text order."""
    tree = tree_of(token.doc)
    labels, doc = tree.deps, token.doc
    return [doc[k] for k in tree.kids[token.i] if labels[k] in deps]
