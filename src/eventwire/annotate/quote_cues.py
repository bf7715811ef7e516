"""Token tests shared by direct and reported attribution: is this a cue, where does its phrase run."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.annotate.quote_lexicon import ATTITUDE_VERBS, SPEECH_VERBS

CharSpan = tuple[int, int]
# Verb-group members kept with a cue ("has said", "did not say", "pointed out").
CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg"})
CUE_RIGHT_DEPS = frozenset({"prt"})


@dataclass(slots=True)
class Attribution:
    """One attribution as the rules found it, before speakers are resolved and Quotes are built."""

    content: CharSpan
    kind: str
    cue: Token | None
    speaker: Token | None
    continued_from: Attribution | None = None


def is_according(token: Token) -> bool:
    return token.lower_ == "according" and any(c.lower_ == "to" for c in token.children)


def _in_compound_word(token: Token) -> bool:
    """Part of a hyphenated modifier ("so-called", "self-described"), not a verb of its own."""
    if token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    return previous.text == "-" and not previous.whitespace_


def is_speech_cue(token: Token) -> bool:
    """A verb of saying (or "according to") that can introduce a verbatim quotation."""
    if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS:
        return not _in_compound_word(token)
    return is_according(token)


def is_attitude_cue(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in ATTITUDE_VERBS and not _in_compound_word(token)


def cue_span(cue: Token) -> CharSpan:
    """The cue with its contiguous verb group (auxiliaries, negation, particle; "to" of "according to")."""
    doc = cue.doc
    first = last = cue
    while first.i > 0:
        previous = doc[first.i - 1]
        if previous.head.i == cue.i and previous.dep_ in CUE_LEFT_DEPS:
            first = previous
        else:
            break
    while last.i + 1 < len(doc):
        following = doc[last.i + 1]
        if (following.head.i == cue.i and following.dep_ in CUE_RIGHT_DEPS) or (
            is_according(cue) and following.lower_ == "to"
        ):
            last = following
        else:
            break
    return first.idx, last.idx + len(last.text)


def trim_span(tokens) -> CharSpan | None:
    """Character range of a token run without leading/trailing spaces and sentence punctuation."""
    words = [t for t in tokens if not t.is_space]
    while words and words[0].is_punct and words[0].text not in '"“«(':
        words.pop(0)
    while words and (words[-1].is_punct and words[-1].text not in '"”»)?!'):
        words.pop()
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def paragraph_range(token: Token) -> tuple[int, int]:
    """Token indices ``[start, end)`` of the paragraph (line) holding ``token``."""
    doc = token.doc
    start = token.i
    while start > 0 and "\n" not in doc[start - 1].text_with_ws:
        start -= 1
    end = token.i + 1
    while end < len(doc) and "\n" not in doc[end - 1].text_with_ws:
        end += 1
    return start, end
