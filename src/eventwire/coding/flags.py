"""Modality flags of a coded predicate: negated, hypothetical, future, reported.

Each flag is read off the dependency parse around the predicate and the verbs governing it
(an xcomp chain such as "plans to attack" carries the flags of "plans"), so they cost a few
token look-ups per event.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

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

    @property
    def announced(self) -> bool:
        """Conditional or modal (not merely permitted): an act of force stated so is a threat."""
        return self.hypothetical and not self.permitted and not self.negated

    @property
    def promised(self) -> bool:
        """Future, conditional or modal: an act of cooperation stated so is an intent."""
        return (self.future or self.hypothetical) and not self.permitted


def _infinitival(token: Token) -> bool:
    return token.dep_ == "xcomp" or (
        token.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in token.children)
    )


def _governors(token: Token) -> list[Token]:
    """The predicate and the verbs that control it through xcomp (plans → to attack)."""
    chain = [token]
    while _infinitival(chain[-1]) and chain[-1].head.i != chain[-1].i and len(chain) < 6:
        chain.append(chain[-1].head)
    return chain


def _aux(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def _is_negated(verb: Token) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in NEGATIONS) for c in verb.children)


def _conditional(verb: Token) -> bool:
    """The verb heads or sits in an if/unless clause."""
    for child in verb.children:
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL_MARKERS:
            return True
        if child.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKERS for g in child.children):
            return True
    return False


def _speech_head(verb: Token) -> Token | None:
    """The verb of saying this predicate is reported under (its ccomp chain), if any."""
    token = verb
    for _ in range(6):
        if token.dep_ in ("ccomp", "parataxis") or (token.dep_ == "conj" and token.head.dep_ == "ccomp"):
            head = token.head if token.dep_ != "conj" else token.head.head
            if head.lemma_.lower() in SPEECH_VERBS:
                return head
            token = head
            continue
        if token.dep_ in ("xcomp", "conj", "advcl") and token.head.i != token.i:
            token = token.head
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
    speech = _speech_head(verb)
    for gov in _governors(verb):
        aux = _aux(gov)
        conditional = _conditional(gov)
        flags.negated |= _is_negated(gov)
        modal = aux & HYPOTHETICAL_MODALS
        if speech is not None and not conditional and modal <= REPORTED_FUTURE:
            # "said it would withdraw": the future of the past in reported speech, not a condition.
            flags.future |= bool(modal)
            modal = set()
        flags.hypothetical |= bool(modal) or conditional
        flags.future |= bool(aux & FUTURE_AUX)
        governs = gov.i != verb.i
        if governs and gov.lemma_.lower() in FUTURE_GOVERNORS:
            flags.future = True
        if governs and (upper is None or gov.i != upper.i) and gov.lemma_.lower() in PERMISSION_GOVERNORS:
            flags.hypothetical = flags.permitted = True
        if governs and gov.lower_ == "going":
            flags.future = True
    start = verb.idx
    for quote in quotes:
        if quote.content.start <= start < quote.content.end:
            flags.reported = True
            flags.speaker = quote.speaker.text if quote.speaker else None
            break
    if not flags.reported and speech is not None:
        flags.reported = True
        flags.speaker = _subject_text(speech)
    return flags
