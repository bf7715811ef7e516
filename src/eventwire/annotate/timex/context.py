"""Grammatical tense around a time expression, from the spaCy parse or, without one, from cue words.

Tense decides which occurrence a calendar name means: "met on Thursday" is the Thursday before
the article date, "will meet on Thursday" the one after.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Token

PAST, PRESENT, FUTURE = "past", "present", "future"
FUTURE_AUXILIARIES = {"will", "'ll", "’ll", "shall", "wo", "would", "'d"}
# Modals that point forward from the moment of speaking ("must meet Friday").
FORWARD_MODALS = {"must", "should", "may", "might", "can", "could", "ought"}
# Verbs whose "to"-complement describes a scheduled or intended (future) event.
FUTURE_FRAMES = {
    "set",
    "due",
    "schedule",
    "expect",
    "plan",
    "intend",
    "go",
    "poise",
    "slate",
    "aim",
    "prepare",
    "vow",
    "promise",
    "threaten",
    "pledge",
}
PAST_AUXILIARIES = {"was", "were", "had", "did"}
# Verbs that put their object ahead in time whatever their own tense ("scheduled talks for Friday").
SCHEDULING_VERBS = {"schedule", "plan", "expect", "slate", "intend", "reschedule", "postpone", "delay", "set"}
# Prepositions whose object is the end of a span, which may lie ahead of a past verb.
END_POINT_PREPOSITIONS = {"until", "till", "through", "by"}
# How far up the dependency tree a time expression may sit below its verb.
MAX_CLIMB = 6
# Fallback cues, nearest wins. Irregular past forms cover the verbs of news reporting.
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|won['’]t|would|['’]ll|going\s+to|(?:is|are|was|were)\s+(?:set|due|scheduled|expected|slated|poised|planning)\s+to|plans?\s+to|expects?|expected\s+to|anticipates?|forecasts?|predicts?|projects?|intends?\s+to|hopes?\s+to|aims?\s+to)\b",
    re.I,
)
_PAST_CUE = re.compile(
    r"\b(?:said|told|was|were|had|did|made|met|went|came|took|gave|left|began|won|lost|held|fell|rose|sold|bought|"
    r"spent|paid|brought|thought|saw|got|became|ran|struck|hit|led|put|set|sent|kept|found|knew|wrote|spoke|broke|"
    r"[a-z]{2,}ed)\b"
)
# An auxiliary right before a participle decides the tense of the group ("will be published").
_AUXILIARY_BEFORE = re.compile(
    r"\b(will|shall|would|['’]ll|is|are|am|be|been|being|has|have|had|was|were)\s+(?:(?:not|never|also|already|be|been|being|just)\s+){0,2}$",
    re.I,
)
_AUXILIARY_TENSE = {
    "will": FUTURE, "shall": FUTURE, "would": FUTURE, "'ll": FUTURE, "be": FUTURE, "is": PRESENT, "are": PRESENT,
    "am": PRESENT, "been": PAST, "being": PRESENT, "has": PAST, "have": PAST, "had": PAST, "was": PAST, "were": PAST,
}  # fmt: skip
_PRESENT_CUE = re.compile(r"\b(?:is|are|says|has|have|does|do)\b", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’')]*\s+(?=[\"“‘(]?[A-Z])|\n\s*\n|\n(?=[A-Z])")
# Words whose full stop does not end a sentence ("Sept. 30", "Mr. Smith", "U.S. officials").
_ABBREVIATION = re.compile(
    r"(?:\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|"
    r"Jr|Sr|No|Co|Corp|Inc|Ltd|vs|Prof|Pres|Adm|Mt|Ft)|\b[A-Z]|\b[A-Z]\.[A-Z])\.$"
)
# Without a parse: words before a date that make it an end point or a due date, which a past
# verb does not place ("extended the loans through January", "payable Dec. 7").
_LOOSE_BEFORE = re.compile(
    r"\b(?:until|till|through|by|payable|effective|due|expiring)\s+(?:the\s+)?(?:(?:early|late|mid)[-\s])?$", re.I
)
# Cues past a clause boundary (comma, semicolon, dash) tell less about the expression: this many
# characters are added to their distance.
CLAUSE_PENALTY = 30
_CLAUSE_BREAK = re.compile(r"[,;:–—]|\s-\s")


class TenseFinder:
    """Answers "what tense governs text[start:end]?" for one document."""

    def __init__(self, text: str, doc: Doc | None = None) -> None:
        self.text = text
        self.doc = doc if doc is not None and _same_length(doc, text) else None
        self._sentence_starts: list[int] | None = None

    @property
    def sentence_starts(self) -> list[int]:
        """Sentence starts from punctuation: cheaper than the parse's, and the same without one."""
        if self._sentence_starts is None:
            text = self.text
            self._sentence_starts = [0] + [
                m.end()
                for m in _SENTENCE_END.finditer(text)
                if not _ABBREVIATION.search(text, max(0, m.start() - 6), m.start())
            ]
        return self._sentence_starts

    def sentence(self, pos: int) -> tuple[int, int]:
        """Character bounds of the sentence holding ``pos``."""
        i = bisect.bisect_right(self.sentence_starts, pos) - 1
        start = self.sentence_starts[max(i, 0)]
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return start, end

    def tense_at(self, start: int, end: int) -> str | None:
        """PAST, PRESENT or FUTURE for the clause holding text[start:end]; None when nothing says."""
        if self.doc is not None:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and len(span):
                verb, loose = _governing_verb(span.root)
                if verb is not None:
                    tense = verb_tense(verb)
                    # A past verb does not place a date that qualifies a noun or adjective ("payable
                    # Dec. 7", "the Aug. 7 blasts") or ends a span ("extended through January").
                    return None if loose and tense == PAST else tense
        tense = self._cue_tense(start, end)
        if tense == PAST and _LOOSE_BEFORE.search(self.text, max(0, start - 24), start):
            return None
        return tense

    def clause_tense(self, start: int, end: int) -> tuple[bool, str | None]:
        """For the conjunction or preposition at text[start:end] ("before"): whether a clause follows
        it (rather than a noun phrase) and that clause's tense ("before Biden is set to hand over")."""
        if self.doc is not None:
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is None:
                return False, None
            word = span[0]
            if word.dep_ == "mark" and word.head.i > word.i:
                return True, verb_tense(word.head)
            return False, None
        _, sent_end = self.sentence(end)
        clause_break = _CLAUSE_BREAK.search(self.text, end, sent_end)
        cues = self._cues(end, clause_break.start() if clause_break else sent_end)
        if not cues:
            return False, None
        return True, min(cues)[2]

    def _cue_tense(self, start: int, end: int) -> str | None:
        sent_start, sent_end = self.sentence(start)
        ranked = []
        for cue_start, cue_end, tense in self._cues(sent_start, sent_end):
            if start <= cue_start < end:
                continue
            between = (cue_end, start) if cue_end <= start else (end, cue_start)
            gap = between[1] - between[0]
            if _CLAUSE_BREAK.search(self.text, *between):
                gap += CLAUSE_PENALTY
            # A cue to the right is usually the verb of a fronted time phrase ("On Monday, he said").
            ranked.append((gap + (2 if cue_start >= end else 0), tense))
        return min(ranked)[1] if ranked else None

    def _cues(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """(start, end, tense) of the tense cues in text[lo:hi]; a participle takes its auxiliary's tense."""
        cues = [(m.start(), m.end(), FUTURE) for m in _FUTURE_CUE.finditer(self.text, lo, hi)]
        cues += [(m.start(), m.end(), PRESENT) for m in _PRESENT_CUE.finditer(self.text, lo, hi)]
        for m in _PAST_CUE.finditer(self.text, lo, hi):
            auxiliary = _AUXILIARY_BEFORE.search(self.text, max(lo, m.start() - 30), m.start())
            tense = _AUXILIARY_TENSE[auxiliary.group(1).lower().replace("’", "'")] if auxiliary else PAST
            cues.append((m.start(), m.end(), tense))
        return cues


def _same_length(doc: Doc, text: str) -> bool:
    """A cheap check that ``doc`` is a parse of ``text`` (``doc.text`` would rebuild the string)."""
    if not len(doc):
        return not text
    last = doc[-1]
    return last.idx + len(last.text_with_ws) == len(text) and text.startswith(doc[0].text)


def _governing_verb(token: Token) -> tuple[Token | None, bool]:
    """The verb a time expression hangs from, and whether it hangs loosely: through a noun or
    adjective, or as the end point of "until"/"through"/"by"."""
    loose = False
    for _ in range(MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("amod", "compound"):
            return token, loose
        if token.head is token:
            return None, loose
        head = token.head
        if head.pos_ in ("NOUN", "PROPN", "ADJ") and token.dep_ != "appos" or head.lower_ in END_POINT_PREPOSITIONS:
            loose = True
        token = head
    return None, loose


def verb_tense(verb: Token) -> str | None:
    """The tense of a verb group, from its auxiliaries and from a scheduling frame above it.

    None when the clause leaves the direction open: a past plan for an event that may still be
    ahead ("protesters planned a rally on Saturday", "were planning to march on Monday").
    """
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxiliaries}
    if words & FUTURE_AUXILIARIES or words & FORWARD_MODALS:
        return FUTURE
    if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in verb.children):
        return FUTURE
    if "to" in words and verb.head != verb and verb.head.pos_ in ("VERB", "AUX", "ADJ"):
        outer = verb_tense(verb.head)
        if verb.head.lemma_ in FUTURE_FRAMES:
            return FUTURE if outer in (PRESENT, FUTURE) else None
        return outer
    past = verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxiliaries) or bool(words & PAST_AUXILIARIES)
    if verb.lemma_ in SCHEDULING_VERBS or (
        verb.lemma_ in FUTURE_FRAMES and any(c.dep_ == "xcomp" for c in verb.children)
    ):
        return None if past or (verb.tag_ == "VBN" and not auxiliaries) else FUTURE
    if past:
        return PAST
    if words & {"has", "have", "'ve"} and verb.tag_ in ("VBN", "VBG"):
        return PAST
    if verb.tag_ == "VBN":
        if words & {"is", "are", "am", "be", "'s", "'re"} and not words & {"has", "have", "been"}:
            return PRESENT
        return PAST
    return PRESENT
