"""Direct quotes: find the cue that introduces each quoted stretch.

Each quoted stretch looks for its cue in these ways, in order:
1. a speech verb right before the opening mark (``before adding: "…"``);
2. the parse: a speech verb that governs the quotation (``said: "…"``, ``"…," he said``, ``called it
   "reckless"``), or that hangs off it as a parenthetical;
3. the text right after the closing mark (``"…," said X`` / ``"…," X smiled``);
4. the text before the opening mark (``X said in a statement Monday: "…"``);
5. a dash line after the quoted paragraph ("—Albert Einstein", see ``quotes``).
A quotation without a cue is kept only as a continuation of the attribution just before it (see
``quotes``); short cue-less phrases are scare quotes or titles and are dropped, and so are short
title-case phrases in name positions (on ABC's "This Week") even next to a cue.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from eventwire.annotate.quotes.cues import Attribution, is_speech_cue
from eventwire.annotate.quotes.lexicon import word_set

# A quotation with fewer words than this and no verb is a phrase ("forced", "Meet the Press"):
# it needs a cue that governs it directly, never one found by walking up through another clause.
MIN_CLAUSE_WORDS = 4
# Steps up the dependency tree from a quotation to its cue ("said" → ccomp → quoted verb is one).
GOVERNOR_HOPS = 4
# Tokens after a closing mark within which a cue must appear ('," James B. Comey Jr., the director of
# the Federal Bureau of Investigation, said'); a main-clause verb before it ends the search.
AFTER_FRAME_TOKENS = 25
# Verbs inside a speaker's description, which the search for a cue after a quotation steps over.
TAG_INNER_DEPS = frozenset({"relcl", "acl", "amod", "aux", "auxpass", "compound", "appos"})
# After a quotation closed by a full stop, only a bare tag may follow ('…." Trump said.').
BARE_TAG_TOKENS = 3
# Tokens a non-speech verb may leave before the tag ends ('"…," Trump shot back at Rubio.').
BARE_VERB_TAIL = 6
# Tokens allowed between a cue and the opening mark ("said in a statement on Monday:").
BEFORE_FRAME_GAP = 8
# Marks inside a quotation that show it ends a spoken unit, so a following bare verb is its cue.
SPOKEN_END = ",?!—–-…"
# Where a short title-case quotation is a name (a show, a book, a slogan), not a quotation.
NAME_DEPS = frozenset({"pobj", "dative", "appos", "compound", "npadvmod", "nmod", "nsubj", "poss"})
DASHES = "—–-"
# Words a title leaves in lower case ("Meet the Press", "This Week with George Stephanopoulos").
FUNCTION_WORDS = word_set("a an the and or of on in to for at by with from as")
# How a parenthetical cue hangs off a quoted clause in the parse ('"…," he said').
PARENTHETICAL_DEPS = frozenset({"parataxis", "ccomp", "advcl", "conj"})
# A quoted phrase (not a clause) attached as a subject or a noun's modifier is a label, not speech
# ('the "peace plan" was rejected', 'too many "please attack Ted" questions').
LABEL_DEPS = frozenset({"nsubj", "nsubjpass", "compound", "amod", "nmod", "poss"})
# Words before a capitalised phrase that make it a title ("NBC's ''Meet the Press''").
TITLE_INTRODUCERS = frozenset({"'s", "’s", "on", "in", "titled", "entitled", "named"})


def word_count(span: Span) -> int:
    return sum(1 for t in span if not (t.is_punct or t.is_space))


def is_clause(span: Span) -> bool:
    return word_count(span) >= MIN_CLAUSE_WORDS and any(t.pos_ in ("VERB", "AUX") for t in span)


def title_kind(span: Span) -> str:
    """ "name" for a capitalised phrase where names go ("on ''Meet the Press''"), "slogan" for one
    without the full stop a quoted sentence ends with ("Fascist Trump"), "" otherwise."""
    words = [t for t in span if t.is_alpha and t.lower_ not in FUNCTION_WORDS]
    if not words or word_count(span) > 6 or not all(t.text[0].isupper() for t in words):
        return ""
    before = span.doc[span.start - 1].lower_ if span.start else ""
    if before in TITLE_INTRODUCERS or span.root.dep_ in NAME_DEPS:
        return "name"
    return "slogan" if len(words) > 1 and not any(t.text in ".!?" for t in span) else ""


def _in_frame(token: Token, frame: tuple[int, int]) -> bool:
    return frame[0] <= token.idx < frame[1]


def _governing_cue(span: Span, clause: bool, frame: tuple[int, int]) -> Token | None:
    """A speech verb above the quotation in the parse, or a parenthetical one hanging off it."""
    candidates: list[Token] = []  # governors first; parentheticals only when nothing governs
    inside = range(span.start, span.end)
    for token in span:
        head = token.head
        if head.i in inside or head.i == token.i or (not clause and token.dep_ in LABEL_DEPS):
            continue
        for _ in range(GOVERNOR_HOPS):
            if head.i in inside or not _in_frame(head, frame):
                break
            if is_speech_cue(head):
                candidates.append(_deepest_cue(span, frame) or head if token.is_punct else head)
                break
            if not clause and head.pos_ in ("VERB", "AUX"):
                break
            if head.head.i == head.i:
                break
            head = head.head
    doc = span.doc
    if not candidates and clause:
        for index in range(max(0, span.start - 12), min(len(doc), span.end + 12)):
            token = doc[index]
            if (
                index not in inside
                and token.head.i in inside
                and token.dep_ in PARENTHETICAL_DEPS
                and is_speech_cue(token)
                and _in_frame(token, frame)
            ):
                candidates.append(token)
    if not candidates:
        return None
    return min(candidates, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)))


def _deepest_cue(span: Span, frame: tuple[int, int]) -> Token | None:
    """The speech verb nearest above the quoted words. Quotation marks hang on the sentence's root,
    which may be another speech verb than the one quoting ('criticized the policy and said allies
    wanted to know if the U.S. is "still in the game."')."""
    words = [t for t in span if not t.is_punct]
    if not words:
        return None
    head = words[0]
    for _ in range(2 * GOVERNOR_HOPS):
        if head.head.i == head.i:
            return None
        head = head.head
        if span.start <= head.i < span.end:
            continue
        if not _in_frame(head, frame):
            return None
        if is_speech_cue(head):
            return head
    return None


def _after_cue(span: Span, clause: bool, frame: tuple[int, int]) -> Token | None:
    """A cue in the few tokens after the closing mark, before the sentence moves on."""
    doc = span.doc
    ending = span.text[-3:]
    full_stop = "." in ending and not ending.endswith("...")
    ends_spoken = any(ch in SPOKEN_END for ch in ending)
    if not (clause or ends_spoken):
        return None  # a phrase followed by a verb is a scare quote ('the “autopsy” recommended')
    tokens = []
    for token in doc[span.end : span.end + AFTER_FRAME_TOKENS]:
        if not _in_frame(token, frame) or token.is_space or token.text in ".!?;":
            break
        tokens.append(token)
    if full_stop and (len(tokens) > BARE_TAG_TOKENS or span.end + len(tokens) >= len(doc)):
        return None
    if full_stop and doc[span.end + len(tokens)].text != ".":
        return None
    for token in tokens:
        if is_speech_cue(token):
            return token
        if token.pos_ in ("VERB", "AUX") and token.dep_ not in TAG_INNER_DEPS:
            break  # the sentence goes on with a clause of its own
    if ends_spoken or full_stop:
        # Any verb will do in a bare tag that ends the sentence ('"…," Lowell smiled.').
        for position, token in enumerate(tokens):
            if token.pos_ == "VERB" and any(c.dep_ == "nsubj" for c in token.children):
                return token if len(tokens) - position <= BARE_VERB_TAIL else None
    return None


def _before_cue(span: Span, frame: tuple[int, int], clause: bool) -> Token | None:
    """A cue shortly before the opening mark, in the same sentence or a paragraph ending in a colon.

    Introduced by a colon (or, for a quotation running to the end of its sentence, a comma), the
    sentence's main verb is the cue even when it is no speech verb ("shared her anxiety, “…”").
    """
    doc = span.doc
    tokens: list[Token] = []
    index = span.start - 1
    while index >= 0 and _in_frame(doc[index], frame) and len(tokens) <= 4 * BEFORE_FRAME_GAP:
        token = doc[index]
        if not token.is_space:
            tokens.append(token)
        if token.is_sent_start:
            break
        index -= 1
    if not tokens:
        return None
    colon = tokens[0].text == ":"
    for distance, token in enumerate(tokens):
        if distance > BEFORE_FRAME_GAP and not colon:
            break
        if is_speech_cue(token):
            return token
    ends_sentence = span.end >= len(doc) or doc[span.end].is_space or doc[span.end].is_sent_start
    if colon or (clause and tokens[0].text == "," and ends_sentence):
        root = tokens[0].sent.root
        if root.pos_ == "VERB" and root.idx < tokens[0].idx and any(c.dep_ == "nsubj" for c in root.children):
            return root
        if colon:
            for token in tokens[1:]:
                if token.pos_ == "VERB" and any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
                    return token
    return None


def dash_tag(doc: Doc, paragraph: tuple[int, int]) -> Token | None:
    """The dash of a byline-style tag paragraph ("—Albert Einstein, physicist"), if it is one."""
    span = doc.char_span(paragraph[0], paragraph[1], alignment_mode="expand")
    if span is None or len(span) < 2 or span[0].text not in DASHES:
        return None
    if span[1].pos_ != "PROPN" or word_count(span) > 16:
        return None
    return span[0]


def direct_attribution(span: Span, clause: bool, frame: tuple[int, int]) -> Attribution | None:
    """The attribution of one quoted stretch (its tokens ``span``; ``clause`` from ``is_clause``),
    or None when no cue introduces it.

    ``frame`` bounds where a cue may be: between the neighbouring quotations of the same paragraph
    (widened to the previous paragraph when the quotation opens its paragraph).
    """
    title = title_kind(span)
    if word_count(span) == 0 or title == "name":
        return None
    cue = _adjacent_cue(span, frame) or _governing_cue(span, clause, frame) or _after_cue(span, clause, frame)
    if cue is None and clause:
        cue = _before_cue(span, frame, clause)
    if cue is None:
        cue = name_colon(span, frame)
    if cue is None or (title == "slogan" and not _quotes_directly(cue, span)):
        return None
    return Attribution((span.start_char, span.end_char), "direct", cue, None)


def _quotes_directly(cue: Token, span: Span) -> bool:
    """The cue takes the quotation itself as what is said ('called Rubio "Little Marco"', '"GROWING
    PARTY," he declared'), rather than sitting somewhere up the sentence ('a shirt that read …')."""
    if span.root.head.i == cue.i and span.root.dep_ in ("oprd", "dobj", "attr", "ccomp", "xcomp"):
        return True
    gap = span.doc[span.end : cue.i] if cue.i >= span.end else span.doc[cue.i + 1 : span.start]
    return len(gap) <= 3


def name_colon(span: Span, frame: tuple[int, int]) -> Token | None:
    """The colon of a name introducing a quotation with no verb ('More from Jones: "…"',
    'Romeo: "Is the day so young?"'); the name before it is the speaker."""
    doc = span.doc
    colon = span.start - 1
    if colon < 1 or doc[colon].text != ":" or not _in_frame(doc[colon], frame):
        return None
    name = doc[colon - 1]
    named = name.pos_ == "PROPN" or (name.pos_ == "NOUN" and name.text[:1].isupper() and not name.is_sent_start)
    return doc[colon] if named or name.ent_type_ in ("PERSON", "ORG") else None


def _adjacent_cue(span: Span, frame: tuple[int, int]) -> Token | None:
    """A speech verb right before the opening mark, at most a comma or colon between
    ('Trump said before adding: "…"')."""
    doc = span.doc
    index = span.start - 1
    if index >= 0 and doc[index].text in ",:":
        index -= 1
    if index >= 0 and _in_frame(doc[index], frame) and is_speech_cue(doc[index]):
        return doc[index]
    return None
