"""Candidate events for the learned coder: cheap filters from the parse and the actor layer.

A candidate is a predicate with an actor source and an optional actor target. Candidates come
from the dictionary coder's codings (its patterns still find most predicates) and from every
other verb whose subject is an actor. The filters here remove what can never be an event: a
source inside page furniture (datelines, bylines, photo credits), a possessive or prepositional
source of a verb, verbs of state or measure, and acts embedded in a request or an if-clause.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.coding.arguments import descend, resolve, source_head, target_heads
from eventwire.coding.assemble import Coding
from eventwire.model import Actor, ActorMention

NON_ACTOR_ENTITIES = frozenset({"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "we", "i", "it", "who"})
NP_LEFT_DEPS = frozenset({"compound", "amod", "poss", "nmod", "nummod"})
TARGET_PREPS = frozenset({"against", "on", "with", "to", "at", "into", "toward", "towards"})

# A dateline at the start of a line: "KYIV, Ukraine (AP) —", "WASHINGTON —", "Paris (Reuters) -".
DATELINE = re.compile(
    r"^[ \t]*(?P<city>[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})(?:, (?P<region>[A-Z][\w.'’]*(?: [A-Z][\w.'’]*){0,3}))?"
    r"[ \t]*(?P<agency>\([A-Za-z .&]{1,30}\))?[ \t]*[—–-]{1,2}[ \t]",
    re.MULTILINE,
)
# A byline or page furniture line ("By Jane Doe", "Photo: …", "(AP Photo/…)", "Share this").
FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:By [A-Z][^\n]{0,80}|(?:Photo|Image|Credit|Caption|Advertisement|Share|Subscribe|Related|Read more"
    r"|Sign up|Follow us)\b[^\n]{0,120}|[^\n]{0,160}(?:AP Photo|Getty Images|/Reuters\)|File photo)[^\n]{0,80})$",
    re.MULTILINE,
)
# Verbs of state, measure or movement of numbers: never an act ("has 37 percent support",
# "the index declined", "struggled", "leads in the polls").
STATE_LEMMAS = frozenset(
    [
        "be",
        "have",
        "seem",
        "appear",
        "remain",
        "become",
        "cost",
        "total",
        "rank",
        "contain",
        "include",
        "poll",
        "trail",
        "struggle",
        "rise",
        "fall",
        "climb",
        "drop",
        "slip",
        "dip",
        "gain",
        "lose",
        "surge",
        "plunge",
        "soar",
        "tumble",
        "rebound",
        "own",
        "weigh",
        "measure",
        "equal",
        "exceed",
        "average",
        "outnumber",
        "number",
        "range",
        "lag",
        "hover",
        "stand",
        "sit",
        "live",
        "die",
        "suffer",
        "face",
        "need",
        "want",
        "like",
        "love",
        "hate",
        "feel",
        "know",
        "think",
        "believe",
        "hope",
        "expect",
        "worry",
        "fear",
        "look",
        "sound",
        "run",
        "win",
        "campaign",
        "vote",
    ]
)
# Governing verbs whose xcomp/ccomp act is only asked for, permitted or conditioned: the
# governor is the event, the embedded act is not coded on its own.
EMBEDDING_LEMMAS = frozenset(
    [
        "ask",
        "urge",
        "call",
        "demand",
        "request",
        "press",
        "tell",
        "order",
        "allow",
        "authorize",
        "authorise",
        "permit",
        "let",
        "encourage",
        "invite",
        "persuade",
        "force",
        "push",
        "beg",
        "appeal",
        "implore",
    ]
)
CONDITION_MARKS = frozenset({"if", "unless", "whether"})
# Source dependency relations that never name the doer of a verb.
NON_AGENT_DEPS = frozenset({"poss", "pobj", "dobj", "attr", "npadvmod", "appos"})
AGENT_PREPS = frozenset({"by"})
# "Students from Serbia protested", "members of Hamas attacked": the subject's group acts.
MEMBER_PREPS = frozenset({"from", "of"})
# Nouns naming an actor's own decision: their possessor acts ("the administration's policy shift
# allows Ukraine to …", "Putin's decree broadens …"), unlike "Ukraine's allies met".
DECISION_NOUNS = frozenset(
    {"decision", "decree", "order", "policy", "shift", "move", "ruling", "announcement", "statement", "law", "bill"}
)


@dataclass(slots=True)
class Candidate:
    """A predicate (trigger) with its actor source, optional actor target and dictionary coding."""

    sentence: Span
    trigger: Token
    source: ActorMention
    target: ActorMention | None
    coding: Coding | None
    reading: str = "parse"  # "dictionary": the dictionary's own arguments; "variant": other ones


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of datelines, bylines and page furniture: no actor there acts."""
    spans = [(m.start(), m.end()) for m in DATELINE.finditer(text) if _is_dateline(m)]
    spans += [(m.start(), m.end()) for m in FURNITURE_LINE.finditer(text)]
    return spans


def _is_dateline(match: re.Match) -> bool:
    city = match.group("city")
    return bool(match.group("agency")) or (city.upper() == city and len(city) > 2)


def in_spans(start: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in spans)


def is_state_verb(token: Token) -> bool:
    """A verb of state or measure used as the predicate (an xcomp or a noun object makes an act
    of "have talks" or "lost control": those are read by the dictionary, not here)."""
    return token.lemma_.lower() in STATE_LEMMAS


def embedded(trigger: Token) -> bool:
    """The act is asked for, permitted or conditioned by another predicate, or is a purpose."""
    node = trigger
    for _ in range(4):
        if node.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITION_MARKS for c in node.children):
            return True
        if node.dep_ in ("xcomp", "ccomp") and node.head.lemma_.lower() in EMBEDDING_LEMMAS:
            return True
        if node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return True  # a purpose: "to deter Moscow"
        if node.head is node:
            break
        node = node.head
    return False


def source_role_ok(mention: ActorMention, trigger: Token, index: dict[int, ActorMention]) -> bool:
    """The source mention names the doer: not a possessive or a prepositional object of a verb
    ("Ukraine's allies met", "talks with Moscow"), unless the predicate is a noun ("Russia's
    strike"), the possessed noun is the actor's decision, the preposition is the passive agent
    ("by rebels") or names the subject's group ("students from Serbia protested")."""
    span = trigger.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    heads = [t for t in span if index.get(t.i) is mention] if span is not None else []
    if not heads:
        return True
    root = min(heads, key=lambda t: len(list(t.ancestors)))
    if root.dep_ == "poss":
        owner = root.head
        decides = (
            owner.lemma_.lower() in DECISION_NOUNS and owner.dep_ in ("nsubj", "nsubjpass") and owner.head == trigger
        )
        return decides or (trigger.pos_ == "NOUN" and owner == trigger)
    if root.dep_ == "pobj":
        prep = root.head
        member = prep.lower_ in MEMBER_PREPS and prep.head.dep_ in ("nsubj", "nsubjpass") and prep.head.head == trigger
        return prep.lower_ in AGENT_PREPS or member
    return root.dep_ not in NON_AGENT_DEPS


def _mention_key(m: ActorMention | None) -> tuple[int, int] | None:
    return (m.start, m.end) if m is not None else None


def candidates(
    sentences: Sequence[Span],
    index: dict[int, ActorMention],
    codings: Sequence[Coding],
    furniture: Sequence[tuple[int, int]],
) -> list[Candidate]:
    """Candidates of a document: the dictionary's codings with an actor source, then every other
    verb with an actor subject, each once per (trigger, source, target). Every (trigger, source)
    also comes with its other possible targets and with none, so that the model chooses the
    arguments (the coder keeps the most confident reading of each trigger and source)."""
    out: list[Candidate] = []
    seen: set[tuple] = set()

    def add(sentence: Span, trigger: Token, source: ActorMention, target: ActorMention | None, coding, reading) -> None:
        if target is not None and (in_spans(target.start, furniture) or _mention_key(target) == _mention_key(source)):
            target = None
        key = (trigger.i, _mention_key(source), _mention_key(target))
        if key in seen or in_spans(source.start, furniture):
            return
        if is_state_verb(trigger) or embedded(trigger) or not source_role_ok(source, trigger, index):
            return
        seen.add(key)
        out.append(Candidate(sentence, trigger, source, target, coding, reading))

    for coding in codings:
        if coding.source is not None:
            add(coding.sentence, coding.reading.lower, coding.source, coding.target, coding, "dictionary")
            for target in [*possible_targets(coding.reading.lower, index, coding.source), None]:
                add(coding.sentence, coding.reading.lower, coding.source, target, coding, "variant")
    coded = {c.trigger.i for c in out}
    for sentence in sentences:
        for verb in sentence:
            if verb.pos_ != "VERB" or verb.i in coded:
                continue
            head = source_head(verb, index)
            if head is None:
                continue
            argument = resolve(head, index)
            sources = argument.mentions[:2] or [m for m in [unresolved(head)] if m is not None]
            for source in sources:
                for target in [*possible_targets(verb, index, source), None]:
                    add(sentence, verb, source, target, None, "parse")
    return out


MAX_TARGETS = 3


def possible_targets(verb: Token, index: dict[int, ActorMention], source: ActorMention) -> list[ActorMention]:
    """The actors a predicate may act on, in the parse's order of likelihood: actor mentions under
    its objects and prepositional phrases, else the unresolved noun phrase of an object."""
    exclude = {source.actor.actor_id}
    found: list[ActorMention] = []
    for head, kind in target_heads(verb):
        mentions = descend(head, index, exclude)
        if not mentions and (kind in ("object", "passive") or kind[5:] in TARGET_PREPS):
            mentions = [m for m in [unresolved(head)] if m is not None]
        for mention in mentions:
            if all(_mention_key(mention) != _mention_key(f) for f in found):
                found.append(mention)
    return found[:MAX_TARGETS]


def unresolved(head: Token) -> ActorMention | None:
    """A noun phrase no actor was resolved in ("he", "officials", "the group"), as an actor
    without a code: the model decides whether it is a participant."""
    if head.pos_ not in ("PRON", "PROPN", "NOUN") or head.like_num or head.ent_type_ in NON_ACTOR_ENTITIES:
        return None
    if head.pos_ == "PRON" and head.lower_ not in PERSONAL_PRONOUNS:
        return None
    left = min((t for t in head.lefts if t.dep_ in NP_LEFT_DEPS), key=lambda t: t.i, default=head)
    start, end = left.idx, head.idx + len(head)
    text = head.doc[left.i : head.i + 1].text  # never doc.text: spaCy rebuilds it on every access
    return ActorMention(start, end, text, Actor(f"unresolved:{text.lower()}", text), "unresolved")
