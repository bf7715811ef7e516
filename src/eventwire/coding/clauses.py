"""Clauses and pronouns around a predicate that the coder reads its targets from: purpose
clauses ("signed an accord to supply Gondor"), if/unless conditions (the party threatened) and
reciprocal objects ("each other", "their meeting").
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.coding.arguments import PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS
from eventwire.coding.tree import children, tree_of

# Reciprocal pronouns, last word → first word ("each other", "one another").
RECIPROCAL_PAIRS = {"other": "each", "another": "one"}


def reciprocal(head: Token) -> str | None:
    """How an object is shared by a compound subject: "pronoun" for "each other" / "one
    another", "possessed" for "their …" (their meeting, their talks), else None."""
    tree = tree_of(head.doc)
    lowers, kids, deps, i = tree.lowers, tree.kids, tree.deps, head.i
    mate = RECIPROCAL_PAIRS.get(lowers[i])
    if mate is not None and (any(lowers[k] == mate for k in kids[i]) or (i > 0 and lowers[i - 1] == mate)):
        return "pronoun"
    if any(deps[k] == "poss" and lowers[k] == "their" for k in kids[i]):
        return "possessed"
    return None


def purpose_clauses(verb: Token) -> list[Token]:
    """Infinitival adverbial clauses of ``verb`` ("signed an accord to supply Gondor")."""
    tree = tree_of(verb.doc)
    deps, lowers, kids = tree.deps, tree.lowers, tree.kids
    return [
        verb.doc[c]
        for c in kids[verb.i]
        if deps[c] == "advcl" and any(deps[a] == "aux" and lowers[a] == "to" for a in kids[c])
    ]


def condition_subjects(*verbs: Token) -> list[Token]:
    """Subjects of if/unless clauses attached to ``verbs``."""
    found = []
    for verb in verbs:
        for clause in children(verb, ("advcl",)):
            if any(m.lower_ in ("if", "unless") for m in children(clause, ("mark",))):
                found += children(clause, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)
    return found
