"""Who is speaking: the subject of a cue, trimmed to a name mention.

The parse gives most cues a subject; where it does not (or gives a wrong one), shared subjects of
coordinated and participial cues, artifacts ("a statement saying") and a linear search beside the
cue stand in. Pronoun speakers are resolved afterwards (``quote_coref``).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from eventwire.annotate.quotes.cues import is_speech_cue
from eventwire.annotate.quotes.lexicon import word_set

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Children that describe rather than name the speaker; left out so the span is the name mention.
NON_NAME_DEPS = frozenset({"relcl", "acl", "appos", "advcl", "parataxis", "punct", "cc", "prep", "ccomp"})
# Dependencies through which a cue shares the subject of its head ("reiterated … but warned").
SUBJECT_SHARING_DEPS = frozenset({"conj", "xcomp", "advcl", "pcomp", "acl", "prep", "parataxis"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
NOMINAL_POS = ("NOUN", "PROPN")
# Object-control: with these deps the controller is the head's object ("urged Rubio to call …").
CONTROL_OBJECT_DEPS = ("dobj",)
# Things that carry words ("a statement saying", "an ad claiming"): their author is the speaker.
ARTIFACT_NOUNS = word_set(
    """
    statement release email message letter tweet post text memo note ad advertisement video cover
    report paper piece article editorial column interview speech remark comment cable filing sign
    banner poster placard
    """
)
SUBJECT_HOPS = 5
# Tokens searched either side of a cue when the parse gives it no subject ("X, exasperated, responded").
LINEAR_SPEAKER_WINDOW = 16
# Entity types that never speak (a date next to a cue: 'tweeted Sunday').
NOT_SPEAKER_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"})
NOT_SPEAKER_PRONOUNS = frozenset({"it", "there", "this", "that", "what", "which", "something", "one"})

# Tokens a name mention never spans: sentence ends, and a spaced dash ("CHARLESTON, S.C. - Clinton").
MENTION_STOPS = frozenset({".", ":", ";"})
SPACED_DASHES = frozenset({"-", "—", "–", "--"})
CharSpan = tuple[int, int]
Quoted = Callable[[int], bool]


def never_quoted(index: int) -> bool:
    """The default for callers that know of no quotations."""
    return False


def _after_quotation(cue: Token) -> bool:
    """The cue follows a closing quotation mark ('…," said X'), so its subject may come after it."""
    previous = [t for t in cue.doc[max(0, cue.i - 3) : cue.i] if not t.is_space]
    if previous and previous[-1].text == ",":
        previous.pop()
    return bool(previous) and previous[-1].is_quote


def _right_subject_allowed(cue: Token, subject: Token) -> bool:
    """A subject after its cue: after a quotation, or right behind a comma-led cue
    ('…, said David Wasserman'); elsewhere it is a misparsed object ('noting the nominee “…”')."""
    if _after_quotation(cue):
        return True
    previous = cue.doc[cue.i - 1] if cue.i else None
    return previous is not None and previous.text == "," and subject.left_edge.i == cue.i + 1


def _same_paragraph(a: Token, b: Token) -> bool:
    low, high = sorted((a.i, b.i))
    return not any("\n" in t.text_with_ws for t in a.doc[low:high])


def _subject_of(token: Token, quoted: Quoted, is_cue: bool) -> Token | None:
    for child in token.children:
        if child.dep_ not in SUBJECT_DEPS or quoted(child.i):
            continue
        if child.i > token.i and not (is_cue and _right_subject_allowed(token, child)):
            continue
        if not _same_paragraph(child, token):
            continue
        # "it"/"there" in a passive ("it is said that …") is empty, not a speaker.
        if not (child.dep_ == "nsubjpass" and child.lower_ in ("it", "there")):
            return child
    for child in token.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _speaker_like(token: Token) -> bool:
    if token.dep_ == "compound" or token.head.pos_ == "ADP" or token.ent_type_ in NOT_SPEAKER_LABELS:
        return False
    if token.pos_ == "PROPN" or (token.pos_ == "PRON" and token.lower_ not in NOT_SPEAKER_PRONOUNS):
        return True
    return token.pos_ == "NOUN" and any(c.dep_ == "det" for c in token.children)


def _linear_speaker(cue: Token, quoted: Quoted) -> Token | None:
    """The parse gave the cue no subject: take the nearest name, personal pronoun or determined noun
    beside it in its sentence, outside quotations. Leftwards a verb ends the search unless it sits
    in a comma-delimited aside ('an intelligence source, who was not authorized …, told'); after a
    quotation the search looks right first ('…," wrote a Trump supporter')."""
    sentence = cue.sent
    doc = cue.doc
    left = range(cue.i - 1, max(sentence.start, cue.i - LINEAR_SPEAKER_WINDOW) - 1, -1)
    right = range(cue.i + 1, min(sentence.end, cue.i + LINEAR_SPEAKER_WINDOW))
    aside_names: list[Token] = []
    for indices in (right, left) if _after_quotation(cue) else (left,):
        in_aside = False
        for index in indices:
            token = doc[index]
            if quoted(index) or token.is_space or token.text in ":;":
                break
            if token.text == "," and index < cue.i:
                in_aside = not in_aside if index != cue.i - 1 else True
                continue
            if token.pos_ in ("VERB", "AUX") and not in_aside:
                break
            if _speaker_like(token):
                if not in_aside:
                    return token
                aside_names.append(token)
    # 'Sanders, meanwhile, who sits at zero endorsements, said': the name opens the sentence.
    return aside_names[-1] if aside_names else None


def speaker_head(cue: Token, quoted: Quoted = never_quoted) -> Token | None:
    """The token naming who speaks through ``cue``; ``quoted(i)`` tells tokens inside quotations."""
    if cue.lower_ == "according":
        for to in cue.children:
            if to.lower_ == "to":
                return next((c for c in to.children if c.dep_ == "pobj"), None)
        return None
    if cue.pos_ == "NOUN":
        return next((c for c in cue.children if c.dep_ == "poss"), None)
    if cue.text == ":":
        name = cue.doc[cue.i - 1]  # 'More from Jones: "…"'
        while name.dep_ == "compound" and name.head.i > name.i:
            name = name.head
        return name
    token = cue
    for _ in range(SUBJECT_HOPS):
        subject = _subject_of(token, quoted, token.i == cue.i)
        head = token.head
        if subject is not None:
            relative = subject.lower_ in ("that", "which") and token.dep_ == "relcl"
            if not (relative and head.lemma_.lower() in ARTIFACT_NOUNS and head.head.pos_ == "VERB"):
                return subject
            token = head.head  # 'released a video that said': the releaser speaks
            continue
        if token.dep_ == "xcomp":
            controller = next((c for c in head.children if c.dep_ in CONTROL_OBJECT_DEPS), None)
            if controller is not None and not quoted(controller.i):
                return controller
        if token.dep_ == "acl" and token.tag_ in FINITE_TAGS and head.i < token.i and head.pos_ in NOMINAL_POS:
            return head  # a misparsed subject: 'the nominee, Donald Trump, tweeted'
        if token.dep_ == "pcomp" and head.pos_ == "ADP":
            token, head = head, head.head  # 'by saying', 'after telling'
        if token.dep_ == "acl" and head.lemma_.lower() in ARTIFACT_NOUNS and head.head.pos_ == "VERB":
            token = head.head  # 'released a statement saying': the releaser speaks
            continue
        if token.dep_ in SUBJECT_SHARING_DEPS and head.dep_ == "ccomp" and is_speech_cue(head.head):
            head = head.head  # 'X said Y will …, saying': the participle goes with "said", not Y
        if token.dep_ not in SUBJECT_SHARING_DEPS or head.i == token.i or head.pos_ not in ("VERB", "AUX"):
            break
        token = head
    return _linear_speaker(cue, quoted)


def _stops_mention(token: Token) -> bool:
    return token.text in MENTION_STOPS or (token.text in SPACED_DASHES and bool(token.whitespace_))


def mention_span(head: Token) -> CharSpan:
    """The name mention headed by ``head``: modifiers and compounds, no clauses or appositions."""
    doc = head.doc
    left = head
    for child in head.lefts:
        if child.dep_ not in NON_NAME_DEPS:
            left = min(left, child.left_edge, key=lambda t: t.i)
            break
    right = head
    for child in head.rights:
        if child.dep_ in NON_NAME_DEPS and not (child.dep_ == "prep" and child.lower_ == "of"):
            break
        right = child.right_edge
    for index in range(head.i - 1, left.i - 1, -1):
        if "\n" in doc[index].text_with_ws or _stops_mention(doc[index]):
            left = doc[index + 1]
            break
    for index in range(head.i + 1, right.i + 1):
        if "\n" in doc[index - 1].text_with_ws or _stops_mention(doc[index]):
            right = doc[index - 1]
            break
    while right.i > left.i and (right.is_punct or right.is_space or right.lower_ in ("'s", "’s")):
        right = doc[right.i - 1]
    while left.i < right.i and (left.is_punct or left.is_space):
        left = doc[left.i + 1]
    return left.idx, right.idx + len(right.text)


def source_span(head: Token, cue: Token | None) -> CharSpan:
    """The speaker span for a cue: the name mention, or all of an "according to" source
    ("reports cited by RBC Ukraine"), whose modifiers say where the claim comes from."""
    if cue is not None and cue.lower_ == "according":
        tokens = [t for t in head.subtree if not t.is_space]
        while len(tokens) > 1 and tokens[-1].is_punct:
            tokens.pop()
        if all("\n" not in t.text_with_ws for t in tokens[:-1]):
            return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return mention_span(head)
