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

    __slots__ = ("deps", "doc", "kids", "lowers", "phrases", "pos")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        size = len(doc)
        arrays = doc.to_array([HEAD, DEP, POS, LOWER]) if size else np.zeros((0, 4), dtype=np.uint64)
        # Heads are stored as offsets (negative ones wrapped round in the unsigned array).
        heads = (np.arange(size, dtype=np.int64) + arrays[:, 0].astype(np.int64)).tolist()
        strings = doc.vocab.strings
        self.deps = _names(arrays[:, 1].tolist(), strings)
        self.pos = _names(arrays[:, 2].tolist(), strings)
        self.lowers = _names(arrays[:, 3].tolist(), strings)
        # Verb index → word forms of its phrase (see ``predicates.phrase_words``).
        self.phrases: dict[int, frozenset[str]] = {}
        self.kids: list[list[int]] = [[] for _ in range(size)]
        for i, head in enumerate(heads):
            if head != i:
                self.kids[head].append(i)


def _names(ids: list[int], strings) -> list[str]:
    """The strings of ``ids``, each distinct one looked up once."""
    names: dict[int, str] = {}
    out: list[str] = []
    for string_id in ids:
        name = names.get(string_id)
        if name is None:
            name = names[string_id] = strings[string_id]
        out.append(name)
    return out


def tree_of(doc: Doc, fresh: bool = False) -> Tree:
    """The tree of ``doc``, built again when ``fresh`` (the caller starts on a document that may
    have changed since it was last seen)."""
    tree = getattr(_LAST, "tree", None)
    if fresh or tree is None or tree.doc is not doc:
        tree = _LAST.tree = Tree(doc)
    return tree


def children(token: Token, deps: Collection[str]) -> list[Token]:
    """The children of ``token`` whose dependency label is in ``deps``, in text order."""
    tree = tree_of(token.doc)
    labels, doc = tree.deps, token.doc
    return [doc[k] for k in tree.kids[token.i] if labels[k] in deps]
