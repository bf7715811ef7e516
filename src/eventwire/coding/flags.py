"""Modality flags of a coded predicate: negated, hypothetical, future, reported.

Each flag is read off the dependency parse around the predicate and the verbs governing it
(an xcomp chain such as "plans to attack" carries the flags of "plans"), so they cost a few
token look-ups per event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.coding.tree import Tree, tree_of
from eventwire.model import Quote

NEGATIONS = {"not", "n't", "never", "no", "neither", "nor"}
# Modals that make an act possible or conditional rather than actual.
HYPOTHETICAL_MODALS = {"could", "would", "might", "may", "should", "can", "ca", "must"}
# Governing verbs that permit an act: the permitted act is possible, not yet done (unless the
# permission itself is the coded event).
PERMISSION_GOVERNORS = {"allow", "authorize", "authorise", "permit", "enable", "let", "approve"}
# Modals that, in reported speech, only shift tense ("said it would …").
REPORTED_FUTURE = {"would"}
CONDITIONAL_MARKERS = {"if", "unless", "whether"}
FUTURE_AUX = {"will", "shall", "'ll", "wo"}
# Governing verbs that announce a planned or intended act ("plans to", "is set to", "vowed to").
FUTURE_GOVERNORS = {"plan", "intend", "set", "expect", "aim", "prepare", "schedule", "vow", "pledge", "promise"}
# Verbs of saying whose clausal complement is attributed speech.
SPEECH_VERBS = {"say", "state", "tell", "announce", "claim", "declare", "add", "insist", "warn", "stress",
                "report", "clarify", "reiterate", "note", "argue", "explain", "assert", "confirm",
                "allege", "write", "quote", "describe", "emphasize", "emphasise", "suggest"}  # fmt: skip
_CHAIN_DEPS = {"xcomp", "conj", "ccomp", "advcl"}


@dataclass(slots=True)
class Flags:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    reported: bool = False
    speaker: str | None = None
    permitted: bool = False  # hypothetical because another party allows it, not a threat by the actor
    speech_head: int | None = None  # token index of the verb of saying the predicate is reported under

    @property
    def announced(self) -> bool:
        """Conditional or modal (not merely permitted): an act of force stated so is a threat."""
        return self.hypothetical and not self.permitted and not self.negated

    @property
    def promised(self) -> bool:
        """Future, conditional or modal: an act of cooperation stated so is an intent."""
        return (self.future or self.hypothetical) and not self.permitted


def _infinitival(tree: Tree, i: int) -> bool:
    dep = tree.deps[i]
    return dep == "xcomp" or (
        dep == "ccomp" and any(tree.deps[a] == "aux" and tree.lowers[a] == "to" for a in tree.kids[i])
    )


def _governors(tree: Tree, i: int) -> list[int]:
    """The predicate and the verbs that control it through xcomp (plans → to attack)."""
    chain = [i]
    while _infinitival(tree, chain[-1]) and tree.heads[chain[-1]] != chain[-1] and len(chain) < 6:
        chain.append(tree.heads[chain[-1]])
    return chain


def _aux(tree: Tree, i: int) -> set[str]:
    return {tree.lowers[c] for c in tree.kids[i] if tree.deps[c] in ("aux", "auxpass")}


def _is_negated(tree: Tree, i: int) -> bool:
    deps, lowers = tree.deps, tree.lowers
    return any(deps[c] == "neg" or (deps[c] == "advmod" and lowers[c] in NEGATIONS) for c in tree.kids[i])


def _conditional(tree: Tree, i: int) -> bool:
    """The verb heads or sits in an if/unless clause."""
    deps, lowers, kids = tree.deps, tree.lowers, tree.kids
    for child in kids[i]:
        if deps[child] == "mark" and lowers[child] in CONDITIONAL_MARKERS:
            return True
        if deps[child] == "advcl" and any(deps[g] == "mark" and lowers[g] in CONDITIONAL_MARKERS for g in kids[child]):
            return True
    return False


def _speech_head(tree: Tree, i: int) -> int | None:
    """The verb of saying this predicate is reported under (its ccomp chain), if any."""
    deps, heads = tree.deps, tree.heads
    token = i
    for _ in range(6):
        dep = deps[token]
        if dep in ("ccomp", "parataxis") or (dep == "conj" and deps[heads[token]] == "ccomp"):
            head = heads[token] if dep != "conj" else heads[heads[token]]
            if tree.lemmas[head].lower() in SPEECH_VERBS:
                return head
            token = head
            continue
        if dep in ("xcomp", "conj", "advcl") and heads[token] != token:
            token = heads[token]
            continue
        return None
    return None


def _subject_text(verb: Token) -> str | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            span = verb.doc[child.left_edge.i : child.right_edge.i + 1]
            return span.text
    return None


def modality(verb: Token, quotes: Sequence[Quote] = (), upper: Token | None = None) -> Flags:
    """Flags for the predicate ``verb`` (the lowest verb of a composed event whose governing
    verb is ``upper``)."""
    flags = Flags()
    tree = tree_of(verb.doc)
    speech = _speech_head(tree, verb.i)
    for gov in _governors(tree, verb.i):
        aux = _aux(tree, gov)
        conditional = _conditional(tree, gov)
        flags.negated |= _is_negated(tree, gov)
        modal = aux & HYPOTHETICAL_MODALS
        if speech is not None and not conditional and modal <= REPORTED_FUTURE:
            # "said it would withdraw": the future of the past in reported speech, not a condition.
            flags.future |= bool(modal)
            modal = set()
        flags.hypothetical |= bool(modal) or conditional
        flags.future |= bool(aux & FUTURE_AUX)
        governs = gov != verb.i
        gov_lemma = tree.lemmas[gov].lower()
        if governs and gov_lemma in FUTURE_GOVERNORS:
            flags.future = True
        if governs and (upper is None or gov != upper.i) and gov_lemma in PERMISSION_GOVERNORS:
            flags.hypothetical = flags.permitted = True
        if governs and tree.lowers[gov] == "going":
            flags.future = True
    start = verb.idx
    for quote in quotes:
        if quote.content.start <= start < quote.content.end:
            flags.reported = True
            speaker = quote.resolved_speaker  # the person a pronoun speaker refers to
            flags.speaker = speaker.text if speaker else None
            break
    flags.speech_head = speech
    if not flags.reported and speech is not None:
        flags.reported = True
        flags.speaker = _subject_text(verb.doc[speech])
    return flags
