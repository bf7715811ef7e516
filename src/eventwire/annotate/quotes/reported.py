"""Reported speech and other attributions without quotation marks, read off the dependency parse.

A cue verb with a clausal complement ("Peskov clarified that …", "She plans to run") attributes that
complement to the cue's subject; "according to X" attributes the rest of its clause to X; a
parenthetical cue ("The plan, he said, will fail") attributes the clause it interrupts.
Speech cues take ``ccomp`` and ``xcomp`` complements; attitude cues (beliefs, intentions, stances)
take the same, but only with a subject, because subject-less ones are mostly idioms ("needless to
say", "to see whether").
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from eventwire.annotate.quotes.cues import (
    Attribution,
    CharSpan,
    Paragraphs,
    candidate_cues,
    is_according,
    is_attitude_cue,
    is_speech_cue,
    trim_span,
)
from eventwire.annotate.quotes.lexicon import OBJECT_CUE_VERBS, PREPOSITION_CUES, WEAK_SPEECH_VERBS
from eventwire.annotate.quotes.speakers import Quoted, speaker_head
from eventwire.model import SpanIndex

# Fewer content words than this is not a proposition ("said so", "thinks not").
MIN_CONTENT_WORDS = 2
COMPLEMENT_DEPS = ("ccomp", "xcomp")
# Verbs that attribute only through a noun phrase or preposition ("talk about", "campaign for").
NOMINAL_ONLY_CUES = frozenset().union(*PREPOSITION_CUES.values(), OBJECT_CUE_VERBS)


def _complement(cue: Token) -> Token | None:
    for child in cue.children:
        if child.dep_ == "ccomp":
            return child
    if cue.lemma_.lower() in WEAK_SPEECH_VERBS:
        return None
    for child in cue.children:
        if child.dep_ == "xcomp":
            return child
    return None


def _nominal_tokens(cue: Token) -> list[Token]:
    """The noun-phrase content of a cue: its object ("endorsed [Trump]"), or the object of its
    preposition ("called for [a ban]"), with the parts that go on from it ("accused [X of Y]")."""
    lemma = cue.lemma_.lower()
    start: Token | None = None
    last: Token | None = None
    for child in cue.rights:
        if start is None:
            if child.dep_ == "dobj" and lemma in OBJECT_CUE_VERBS:
                start, last = child.left_edge, child.right_edge
            elif child.dep_ == "prep" and lemma in PREPOSITION_CUES.get(child.lower_, ()):
                objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
                if objects:
                    start, last = objects[0].left_edge, child.right_edge
        elif child.dep_ in ("prep", "oprd") and child.i == last.i + 1:
            last = child.right_edge
        else:
            break
    if start is None:
        return []
    return list(cue.doc[start.i : last.i + 1])


def _pieces(tokens: list[Token], excluded: set[int], min_words: int = MIN_CONTENT_WORDS) -> list[CharSpan]:
    """Contiguous runs of ``tokens`` that avoid ``excluded`` token indices, trimmed."""
    runs: list[list[Token]] = [[]]
    for token in tokens:
        if token.i in excluded:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(token)
    pieces = []
    for run in runs:
        words = [t for t in run if not (t.is_punct or t.is_space)]
        span = trim_span(run)
        if span and len(words) >= min_words:
            pieces.append(span)
    return pieces


def _subtree_indices(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _content_pieces(cue: Token, paragraphs: Paragraphs) -> list[CharSpan]:
    """What the cue attributes, within the cue's paragraph (a parse may run a headline into the
    next line): its complement, or the clause around an "according to"/parenthetical."""
    low, high = paragraphs.token_range(cue)
    return _clause_pieces(cue, low, high)


def _clause_pieces(cue: Token, low: int, high: int) -> list[CharSpan]:
    doc = cue.doc

    def within(tokens: list[Token]) -> list[Token]:
        return [t for t in tokens if low <= t.i < high]

    if is_according(cue):
        clause = cue.head
        while clause.dep_ not in ("ROOT", "ccomp", "conj") and clause.head.i != clause.i:
            clause = clause.head
        tokens = [doc[i] for i in range(clause.left_edge.i, clause.right_edge.i + 1)]
        return _pieces(within(tokens), _subtree_indices(cue))
    complement = _complement(cue)
    if complement is not None:
        return _pieces(within(list(complement.subtree)), set())
    nominal = _nominal_tokens(cue)
    if nominal:
        return _pieces(within(nominal), set(), min_words=1)
    if cue.dep_ == "parataxis" and cue.head.pos_ in ("VERB", "AUX"):
        clause = cue.head
        tokens = [doc[i] for i in range(clause.left_edge.i, clause.right_edge.i + 1)]
        return _pieces(within(tokens), _subtree_indices(cue))
    return []


def _is_reporting(token: Token, quoted: Quoted) -> bool:
    if is_speech_cue(token):
        return True
    if is_attitude_cue(token) or token.lemma_.lower() in NOMINAL_ONLY_CUES:
        return token.pos_ == "VERB" and speaker_head(token, quoted) is not None
    return False


def reported_attributions(
    doc: Doc,
    attributed: Iterable[CharSpan],
    nested: Iterable[CharSpan],
    used_cues: set[int],
    quoted: Quoted,
    paragraphs: Paragraphs,
) -> list[Attribution]:
    """Attributions carried by cue verbs whose content is not already attributed.

    ``attributed`` are the contents found so far, which a new content may not overlap; cues inside
    them or inside ``nested`` (quoted clauses) are nested attributions, left out as annotation
    schemes do. A quotation no cue introduced may end up inside a reported content
    ('worried that the safety net was becoming "a hammock …"').
    """
    attributed = list(attributed)
    taken = SpanIndex(attributed)
    cue_free = SpanIndex([*attributed, *nested])
    found: list[Attribution] = []

    for index in candidate_cues(doc):
        token = doc[index]
        if index in used_cues or not _is_reporting(token, quoted):
            continue
        if cue_free.overlaps(token.idx, token.idx + len(token.text)):
            continue
        for start, end in _content_pieces(token, paragraphs):
            if taken.overlaps(start, end):
                continue
            found.append(Attribution((start, end), "indirect", token, speaker_head(token, quoted)))
    return found
