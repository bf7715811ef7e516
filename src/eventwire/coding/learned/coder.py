"""The learned coder: candidates from the parse and the actor layer, typed by a learned model
with a *no event* class, calibrated confidence, and article relevance.

Cascade per article: (1) story discards and the relevance model drop non-political articles,
with a warning; (2) the dictionary coder's codings and every other actor-subject verb give
candidates, each with every possible target or none, filtered by ``candidates.py``; (3) the
event model scores each candidate (event or no event, and its PLOVER type) in one batch;
(4) of each predicate and source the best reading is kept (argument choice); (5) kept events
take the dictionary pattern's CAMEO code where its PLOVER type agrees, else the type's base
code, with Goldstein and quad class from that code, and the calibrated score as confidence;
(6) events under ``min_confidence`` are not emitted.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from eventwire.coding.arguments import is_generic, mention_index
from eventwire.coding.assemble import Coding, build_event, place_entities
from eventwire.coding.base import reference_date
from eventwire.coding.dependency import PLOVER_BASE_CAMEO, DependencyCoder
from eventwire.coding.flags import Flags, modality
from eventwire.coding.learned.candidates import Candidate, candidates, furniture_spans
from eventwire.coding.learned.features import candidate_features, hashed, structural
from eventwire.coding.learned.model import EventModel
from eventwire.coding.learned.relevance import article_features, relevance
from eventwire.coding.predicates import Reading
from eventwire.model import Document, Event

# Denials, claims and plans read from the governing verb (the dictionary's modality reads
# modals, negation, conditionals and speech; these lemmas add what it leaves unflagged).
DENIAL_LEMMAS = frozenset({"deny", "dismiss", "reject"})
CLAIM_LEMMAS = frozenset({"claim", "allege", "accuse", "report", "say", "according"})
PLAN_LEMMAS = frozenset({"plan", "intend", "aim", "prepare", "seek", "threaten", "vow", "pledge", "promise", "expect"})
# Verbs that only ask: their event is the request, never the act asked for ("urged Russia to
# withdraw" is REQUEST, not RETREAT), whatever the sentence's words suggest to the model.
REQUEST_LEMMAS = frozenset({"ask", "urge", "demand", "request", "appeal", "implore", "beg", "press"})
CONSIDER_LEMMAS = frozenset({"consider", "weigh", "mull", "contemplate", "debate"})


@dataclass(slots=True)
class Scored:
    """A candidate with its flags and hashed features."""

    candidate: Candidate
    flags: Flags
    columns: list[int]
    event_columns: list[int]
    dictionary_type: str | None


def candidate_flags(candidate: Candidate, quotes) -> Flags:
    """The dictionary's modality flags, plus denial, claim, plan and deliberation governors."""
    coding = candidate.coding
    flags = coding.flags if coding is not None else modality(candidate.trigger, quotes)
    governors = []
    node = candidate.trigger
    for _ in range(3):
        if node.head is node or node.dep_ not in ("xcomp", "ccomp", "pcomp", "pobj", "advcl", "conj"):
            break
        node = node.head
        governors.append(node.lemma_.lower())
    updates = {}
    if any(g in DENIAL_LEMMAS for g in governors) and candidate.trigger.lemma_.lower() not in DENIAL_LEMMAS:
        updates |= {"negated": True, "reported": True}
    if any(g in CLAIM_LEMMAS for g in governors[:1]) and not flags.reported:
        updates["reported"] = True
    if any(g in PLAN_LEMMAS for g in governors):
        updates["future"] = True
    if any(g in CONSIDER_LEMMAS for g in governors):
        updates["hypothetical"] = True
    return dataclasses.replace(flags, **updates) if updates else flags


def _side_key(mention) -> str | None:
    """An actor side for de-duplication: its code (sides without one count as one)."""
    return mention.actor.cameo_code if mention is not None else None


def reading_key(candidate: Candidate) -> tuple:
    """A predicate and its source: the coder keeps one reading (type and target) of each."""
    return (candidate.trigger.i, candidate.source.start, candidate.source.end)


def select(scored: list[Scored], decisions) -> list[tuple[Scored, str, float]]:
    """The arguments chosen by the model: for each predicate and source, the most confident of its
    candidate targets (or none). Chosen before any threshold, so a higher threshold only removes
    events; a request verb is always a REQUEST ("urged Russia to withdraw" is no RETREAT)."""
    chosen: dict[tuple, tuple[tuple[float, float], str, Scored]] = {}
    for item, (ptype, raw, confidence) in zip(scored, decisions, strict=True):
        if item.candidate.trigger.lemma_.lower() in REQUEST_LEMMAS:
            ptype = "REQUEST"
        key = reading_key(item.candidate)
        # The calibration is a step function: the raw score breaks its ties.
        if key not in chosen or (confidence, raw) > chosen[key][0]:
            chosen[key] = ((confidence, raw), ptype, item)
    return [(item, ptype, score[0]) for score, ptype, item in chosen.values()]


def flag_names(flags: Flags) -> list[str]:
    return [n for n in ("negated", "hypothetical", "future", "reported") if getattr(flags, n)]


# Relevance is judged on articles, not on single sentences or headlines: shorter texts pass.
RELEVANCE_MIN_WORDS = 50


class LearnedCoder:
    """See the module docstring."""

    def __init__(self, name: str, dictionary: DependencyCoder, model: EventModel, min_confidence: float = 0.0):
        self.name = name
        self.dictionary = dictionary
        self.model = model
        self.min_confidence = min_confidence

    def relevance(self, document: Document) -> float:
        features = article_features(document.article.text, document.actors)
        return relevance(features, self.model.relevance_weights, self.model.relevance_bias)

    def scored_candidates(self, document: Document) -> list[Scored]:
        """Every candidate of the document with its flags and features (training reads these too)."""
        doc = document.parse
        text = document.article.text
        type_scores: dict[int, dict[str, float]] = {}
        codings = self.dictionary.codings(doc, document.actors, document.quotes, False, text, type_scores)
        index = mention_index(doc, [m for m in document.actors if not is_generic(m)])
        found = candidates(list(doc.sents), index, codings, furniture_spans(text))
        self.dictionary.score_sentences([c.sentence for c in found], text, type_scores)
        out = []
        for cand in found:
            flags = candidate_flags(cand, document.quotes)
            plover = self.dictionary.ontology.plover(cand.coding.code) if cand.coding is not None else None
            scores = type_scores.get(cand.sentence.start) or {}
            guess = max(scores, key=scores.__getitem__) if scores else None
            feats = candidate_features(
                cand.sentence, text, cand.trigger, cand.source, cand.target,
                plover.type if plover else None, guess, flag_names(flags), cand.reading,
            )  # fmt: skip
            out.append(Scored(cand, flags, hashed(feats), hashed(structural(feats)), plover.type if plover else None))
        return out

    def __call__(self, document: Document) -> list[Event]:
        """Events of an annotated document (the ``Coder`` interface)."""
        if self.dictionary.story_discarded(document):
            return []
        long_enough = len(document.article.text.split()) >= RELEVANCE_MIN_WORDS
        if long_enough and (score := self.relevance(document)) < self.model.relevance_threshold:
            document.warnings.append(
                f"events: none coded: the article reads as non-political "
                f"(relevance {score:.2f} < {self.model.relevance_threshold:.2f})"
            )
            return []
        scored = self.scored_candidates(document)
        decisions = self.model.decide(
            [s.columns for s in scored], [s.event_columns for s in scored], [s.dictionary_type for s in scored]
        )
        doc = document.parse
        text = document.article.text
        places = place_entities(doc, [(m.start, m.end) for m in document.actors], text)
        published = reference_date(document)
        best: dict[tuple, tuple[float, str, Scored]] = {}
        for item, ptype, confidence in select(scored, decisions):
            cand = item.candidate
            key = (ptype, _side_key(cand.source), _side_key(cand.target), cand.sentence.start)
            if key not in best or confidence > best[key][0]:
                best[key] = (confidence, ptype, item)
        events = []
        for confidence, ptype, item in best.values():
            if confidence >= self.min_confidence:
                event = self._event(item, ptype, confidence, document, places, published, text)
                if event is not None:
                    events.append(event)
        return sorted(events, key=lambda e: (e.action.start, -e.confidence))

    def _event(self, item: Scored, ptype: str, confidence: float, document, places, published, text) -> Event | None:
        cand = item.candidate
        ontology = self.dictionary.ontology
        coding = cand.coding
        plover = ontology.plover(coding.code) if coding is not None else None
        code = coding.code if plover is not None and plover.type == ptype else PLOVER_BASE_CAMEO[ptype]
        if coding is None:
            reading = Reading(cand.trigger, cand.trigger, code, None, confidence, None, "learned")
            coding = Coding(code, reading, cand.sentence, cand.source, None, cand.target, None, item.flags)
        coding = dataclasses.replace(
            coding, code=code, source=cand.source, target=cand.target, generic_target=None, flags=item.flags
        )
        event = build_event(coding, ontology, self.name, document.timexes, published, None, places, text)
        if event is None:
            return None
        mode = event.plover_mode if event.plover_type == ptype else None
        return dataclasses.replace(
            event,
            plover_type=ptype,
            plover_mode=mode,
            root_code=code[:2],
            goldstein=ontology.goldstein(code),
            quad_class=ontology.quad_class(code),
            confidence=round(confidence, 3),
        )
