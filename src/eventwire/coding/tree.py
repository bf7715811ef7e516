"""Dependency-tree look-ups for the coder, read once per document from spaCy's arrays.

``Token.children`` builds a Token object and looks up a dependency label for every child on
every call; the coder asks for the children of the same few verbs and nouns many times, mostly
to keep the few with a given label. Child indices and labels are read here once per document,
so only the children wanted become Tokens.
"""

from __future__ import annotations

import threading
from collections.abc import Collection
from functools import lru_cache

import numpy as np
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS
from spacy.tokens import Doc, Token

# The most recent document's tree per thread: the coder works through one document at a time.
_LAST = threading.local()


class Tree:
    """Children (token indices, ascending as ``Token.children`` yields them), dependency labels,
    coarse tags and lower-cased forms of a Doc's tokens."""

    __slots__ = ("arguments", "deps", "doc", "entities", "forms", "heads", "kids", "lemmas", "lowers", "phrases", "pos")

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        size = len(doc)
        arrays = doc.to_array([HEAD, DEP, POS, LOWER, LEMMA]) if size else np.zeros((0, 5), dtype=np.uint64)
        strings = doc.vocab.strings
        self.deps = _names(arrays[:, 1].tolist(), strings)
        self.pos = _names(arrays[:, 2].tolist(), strings)
        self.lowers = _names(arrays[:, 3].tolist(), strings)
        self.lemmas = _names(arrays[:, 4].tolist(), strings)
        # Token index → its word forms (lower-cased text and lemma), filled on first use.
        self.forms: list[frozenset[str] | None] = [None] * size
        # Verb index → word forms of its phrase (see ``predicates.phrase_words``).
        self.phrases: dict[int, frozenset[str]] = {}
        # Arguments resolved against one mention index: (index, {("resolve"|"source", i): result}).
        self.arguments: tuple[object, dict] = (None, {})
        # Named entities as (start, end, start char, end char, label), read on first use.
        self.entities: list[tuple[int, int, int, int, str]] | None = None
        # Heads are stored as offsets (negative ones wrapped round in the unsigned array).
        self.heads: list[int] = (np.arange(size, dtype=np.int64) + arrays[:, 0].astype(np.int64)).tolist()
        self.kids: list[list[int]] = [[] for _ in range(size)]
        for i, head in enumerate(self.heads):
            if head != i:
                self.kids[head].append(i)

    def subtree(self, i: int) -> list[int]:
        """Indices of the subtree of token ``i`` in the order ``Token.subtree`` yields them."""
        kids = self.kids[i]
        if not kids:
            return [i]
        out: list[int] = []
        placed = False
        for k in kids:
            if k > i and not placed:
                out.append(i)
                placed = True
            out.extend(self.subtree(k))
        if not placed:
            out.append(i)
        return out

    def conjuncts(self, i: int) -> list[int]:
        """Indices of the tokens coordinated with token ``i`` (as ``Token.conjuncts``)."""
        deps, heads, kids = self.deps, self.heads, self.kids
        start = i
        while heads[start] != start and deps[start] == "conj":
            start = heads[start]
        queue = [start]
        for word in queue:
            queue.extend(k for k in kids[word] if k > word and deps[k] == "conj")
        return [w for w in queue if w != i]

    def forms_at(self, i: int) -> frozenset[str]:
        """Lower-cased text and lemma of token ``i`` (as ``matching.forms``)."""
        found = self.forms[i]
        if found is None:
            found = self.forms[i] = word_forms(self.lowers[i], self.lemmas[i])
        return found


# Strings of the hash ids seen in trees: the same labels and words recur in every document, so
# each is looked up in the string store once. Cleared when it grows past the bound (a cache).
_STRINGS: dict[int, str] = {}
_STRINGS_MAX = 500_000


@lru_cache(maxsize=65536)
def word_forms(lower: str, lemma: str) -> frozenset[str]:
    """Interned word forms: the same few thousand words recur in every document."""
    return frozenset((lower, lemma.lower()))


def _names(ids: list[int], strings) -> list[str]:
    """The strings of ``ids``, each new one looked up in the string store once."""
    try:
        return list(map(_STRINGS.__getitem__, ids))
    except KeyError:
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
