"""Turn a coding (actors + code + evidence) into a model ``Event``: ontology fields, date, place,
confidence and a stable id."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from eventwire.annotate.actors import code_name, person_of
from eventwire.coding.arguments import generic_text
from eventwire.coding.flags import Flags
from eventwire.coding.ontology import Ontology
from eventwire.coding.places import lookup_place
from eventwire.coding.predicates import Reading, phrase_words
from eventwire.coding.rules import contexts_from_words, mode_from_words, type_override
from eventwire.coding.tree import entities
from eventwire.model import Actor, ActorMention, Event, EventActor, Place, Span, SpanIndex, Timex, stable_id

_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
PLACE_LABELS = ("GPE", "LOC", "FAC")
# Confidence = weighted lexicon match quality, classifier agreement and target resolution.
WEIGHT_MATCH, WEIGHT_CLASSIFIER, WEIGHT_TARGET = 0.55, 0.25, 0.2
# Agreement credit when no classifier is loaded: neutral, neither rewards nor punishes.
NEUTRAL_AGREEMENT = 0.5


@dataclass(slots=True)
class GenericTarget:
    """An unresolved target: its text and span, with the sector-only actor when one was found."""

    start: int
    end: int
    text: str
    actor: Actor | None = None

    @classmethod
    def from_head(cls, head: Token, mention: ActorMention | None = None) -> GenericTarget:
        return cls(*generic_text(head), actor=mention.actor if mention else None)


@dataclass(slots=True)
class Coding:
    """A coded predicate with its actors, before ontology fields are attached."""

    code: str
    reading: Reading
    sentence: SpacySpan
    source: ActorMention | None
    source_text: str | None
    target: ActorMention | None
    generic_target: GenericTarget | None
    flags: Flags

    @property
    def source_code(self) -> str | None:
        return self.source.actor.cameo_code if self.source else None

    @property
    def target_code(self) -> str | None:
        return self.target.actor.cameo_code if self.target else None

    def with_pair(
        self, source: ActorMention | None, target: ActorMention | None, code: str, keep_generic: bool = True
    ) -> Coding:
        generic = self.generic_target if (keep_generic and target is None) else None
        return dataclasses.replace(self, source=source, target=target, code=code, generic_target=generic)


def sentence_string(sent: SpacySpan, text: str) -> str:
    """The sentence as a slice of the document's ``text`` (``Span.text`` and ``Doc.text`` both
    join every token, so the caller computes the document text once)."""
    return text[sent.start_char : sent.end_char]


def _event_actor(mention: ActorMention) -> EventActor:
    """The event side shows the code under the code's name; the person stays in ``actor``."""
    return EventActor(
        code=mention.actor.cameo_code,
        name=code_name(mention.actor),
        span=Span(mention.start, mention.end, mention.text),
        actor=mention.actor,
        person=person_of(mention.actor),
    )


def _action_span(reading: Reading, text: str) -> Span:
    first, last = sorted((reading.upper, reading.lower), key=lambda t: t.i)
    start, end = first.idx, last.idx + len(last)
    return Span(start, end, text[start:end])


def _event_date(coding: Coding, timexes: Sequence[Timex], published: date | None) -> date | None:
    """A full date from a timex of the sentence governed by the predicate, else ``published``."""
    sent = coding.sentence
    doc = sent.doc
    best: tuple[int, date] | None = None
    predicates = {coding.reading.upper.i, coding.reading.lower.i}
    for timex in timexes:
        if not (sent.start_char <= timex.start < sent.end_char) or timex.type != "DATE" or not timex.value:
            continue
        match = _FULL_DATE.match(timex.value)
        if not match:
            continue
        span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
        if span is None:
            continue
        ancestors = {a.i for a in span.root.ancestors}
        rank = 0 if ancestors & predicates else 1
        value = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if best is None or rank < best[0]:
            best = (rank, value)
    return best[1] if best else published


def place_entities(doc, actor_spans: Sequence[tuple[int, int]], text: str | None = None) -> list[tuple[int, int, str]]:
    """Place entities of a document that are not actor mentions (computed once per document);
    ``text`` is ``doc.text`` when the caller has it."""
    text = doc.text if text is None else text
    taken = SpanIndex(actor_spans)
    return [
        (start_char, end_char, text[start_char:end_char])
        for _, _, start_char, end_char, label in entities(doc)
        if label in PLACE_LABELS and not taken.overlaps(start_char, end_char)
    ]


def _location(coding: Coding, places: Sequence[tuple[int, int, str]]) -> Place | None:
    """The first known place named in the event's sentence."""
    sent = coding.sentence
    for start, end, text in places:
        if sent.start_char <= start < sent.end_char:
            place = lookup_place(text)
            if place is not None:
                return Place(
                    place["name"], place.get("country"), place.get("lat"), place.get("lon"), Span(start, end, text)
                )
    return None


def build_event(
    coding: Coding,
    ontology: Ontology,
    coder_name: str,
    timexes: Sequence[Timex],
    published: date | None,
    type_scores: dict[str, float] | None,
    places: Sequence[tuple[int, int, str]],
    text: str | None = None,
) -> Event | None:
    """The model event for ``coding``; None when the code has no PLOVER type. ``text`` is the
    document text (computed here when not given)."""
    plover = ontology.plover(coding.code)
    if plover is None:
        if not type_scores:
            return None
        ptype = max(type_scores, key=type_scores.__getitem__)
        mode, contexts = None, []
    else:
        ptype, mode, contexts = plover.type, plover.mode, list(plover.context)
    lower = coding.reading.lower
    decided = type_override(
        coding.code, lower.lemma_.lower(), {c.lower_ for c in lower.children if c.dep_ in ("prt", "advmod")}
    )
    if decided is not None:
        ptype, mode = decided
    words = phrase_words(coding.reading.upper, coding.reading.lower)
    mode = mode_from_words(ptype, words) or mode
    for extra in contexts_from_words(words):
        if extra == "military" and ptype not in _MILITARY_TYPES:
            continue
        if extra not in contexts:
            contexts.append(extra)
    agreement = type_scores.get(ptype, 0.0) if type_scores else NEUTRAL_AGREEMENT
    confidence = (
        WEIGHT_MATCH * coding.reading.quality
        + WEIGHT_CLASSIFIER * agreement
        + WEIGHT_TARGET * (1.0 if coding.target else 0.5 if coding.generic_target else 0.0)
    )
    if coding.source is not None:
        source = _event_actor(coding.source)
    else:
        source = EventActor(code=None, name=coding.source_text or "")
    if coding.target is not None:
        target: EventActor | None = _event_actor(coding.target)
    elif coding.generic_target is not None:
        g = coding.generic_target
        g_text = g.text.rstrip()
        target = EventActor(
            code=None, name=" ".join(g_text.split()), span=Span(g.start, g.start + len(g_text), g_text), actor=g.actor
        )
    else:
        target = None
    sent = coding.sentence
    text = coding.sentence.doc.text if text is None else text
    sentence_text = sentence_string(sent, text).rstrip()
    action = _action_span(coding.reading, text)
    flags = coding.flags
    event_id = stable_id(
        source.code or source.name, target.code or target.name if target else None, coding.code,
        str(sent.start_char), str(sent.end_char), str(action.start), coder_name, prefix="ev_",
    )  # fmt: skip
    return Event(
        source=source,
        target=target,
        action=action,
        sentence=Span(sent.start_char, sent.start_char + len(sentence_text), sentence_text),
        cameo_code=coding.code,
        root_code=coding.code[:2],
        plover_type=ptype,
        plover_mode=mode,
        plover_context=contexts,
        goldstein=ontology.goldstein(coding.code),
        quad_class=ontology.quad_class(coding.code),
        negated=flags.negated,
        hypothetical=flags.hypothetical,
        future=flags.future,
        reported=flags.reported,
        speaker=flags.speaker,
        event_date=_event_date(coding, timexes, published),
        location=_location(coding, places),
        confidence=round(min(max(confidence, 0.0), 1.0), 3),
        coder=coder_name,
        id=event_id,
    )


# Types for which "military" words make a military context (not, e.g., PROTEST against troops).
_MILITARY_TYPES = {"AID", "COOPERATE", "SUPPORT", "ASSAULT", "THREATEN", "MOBILIZE", "AGREE", "REQUEST", "RETREAT"}
