"""Token tests shared by direct and reported attribution: is this a cue, where does its phrase run."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import LOWER, POS
from spacy.strings import get_string_id
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from eventwire.annotate.quotes.lexicon import ATTITUDE_VERBS, SPEECH_VERBS

CharSpan = tuple[int, int]
ACCORDING = get_string_id("according")
# Verbs that give a name as well as report speech ("called", "dubbed").
NAMING_VERBS = frozenset({"call", "dub", "label", "brand", "name", "title"})
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
    return token.lower == ACCORDING and any(c.lower_ == "to" for c in token.children)


def candidate_cues(doc: Doc) -> list[int]:
    """Indices of the verbs and "according" tokens: a cheap array pass before lexicon look-ups."""
    rows = doc.to_array([POS, LOWER]).tolist()
    return [i for i, (pos, lower) in enumerate(rows) if pos == VERB or lower == ACCORDING]


def _in_compound_word(token: Token) -> bool:
    """Part of a hyphenated modifier ("so-called", "self-described"), not a verb of its own."""
    if token.i == 0:
        return False
    previous = token.doc[token.i - 1]
    return previous.text == "-" and not previous.whitespace_


def _names_something(token: Token) -> bool:
    """A participle that names ("a show called 'Brokers'"), not a report of speech."""
    return token.tag_ == "VBN" and token.dep_ == "acl" and token.lemma_.lower() in NAMING_VERBS


def is_speech_cue(token: Token) -> bool:
    """A verb of saying (or "according to") that can introduce a verbatim quotation."""
    if token.pos_ == "VERB" and token.lemma_.lower() in SPEECH_VERBS:
        return not (_in_compound_word(token) or _names_something(token))
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


class Paragraphs:
    """The non-empty lines of a text, for "which paragraph is this offset (or token) in"."""

    def __init__(self, doc: Doc, text: str) -> None:
        self.text = text
        self.bounds: list[CharSpan] = []
        position = 0
        for line in text.split("\n"):
            if line.strip():
                self.bounds.append((position, position + len(line)))
            position += len(line) + 1
        self.starts = [start for start, _ in self.bounds]
        self.token_starts = doc.to_array("IDX")

    def index(self, offset: int) -> int:
        return max(0, bisect_right(self.starts, offset) - 1)

    def token_range(self, token: Token) -> tuple[int, int]:
        """Token indices ``[start, end)`` of the paragraph holding ``token``."""
        if not self.bounds:
            return 0, len(self.token_starts)
        low, high = self.bounds[self.index(token.idx)]
        return int(self.token_starts.searchsorted(low)), int(self.token_starts.searchsorted(high))
