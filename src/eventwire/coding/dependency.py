"""The dependency-parse coder: (source actor, action, target actor) events from a parsed Doc.

Stages per sentence: (1) skip discarded sentences; (2) find coded predicates (lexicon, xcomp
composition, nominal fallback; the classifier only when the lexicon knows no predicate and both
sides are actors); (3) attach source and target actors from the parse; (4) read modality flags and
turn conditional or promised force into threats; (5) assemble events with ontology fields, date,
place, confidence and a stable id.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_left
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventwire.coding.arguments import (
    STRONG_TARGET_PREPS,
    Argument,
    descend,
    is_generic,
    mention_index,
    plausible_generic,
    resolve,
    source_head,
    target_heads,
    topics_first,
)
from eventwire.coding.assemble import Coding, GenericTarget, build_event, place_entities, sentence_string
from eventwire.coding.base import reference_date
from eventwire.coding.classifier import PloverClassifier
from eventwire.coding.clauses import condition_subjects, purpose_clauses, reciprocal
from eventwire.coding.discards import Discards
from eventwire.coding.flags import modality
from eventwire.coding.lexicon import Lexicon
from eventwire.coding.matching import Matcher
from eventwire.coding.nominals import event_noun_code
from eventwire.coding.ontology import Ontology
from eventwire.coding.place_targets import place_index, place_target
from eventwire.coding.places import country_name
from eventwire.coding.predicates import SYMMETRIC_ROOTS, Reading, sentence_readings
from eventwire.coding.rules import announced_cooperation, compose, hypothetical_conflict
from eventwire.coding.tree import children, tree_of
from eventwire.model import Actor, ActorMention, Document, Event, Quote, Timex

THREAT_ROOT = "13"
# Intents to cooperate (CAMEO 03x): promised not to, they are rejections.
INTENT_ROOT = "03"
# A protest with no named target, in no named place, is aimed at the protesters' own state
# (CAMEO codes domestic demonstrations, strikes and riots against the government).
PROTEST_ROOT = "14"
OWN_STATE = "own-state"
# Complaints and accusations (CAMEO 11x) target what they are about before whom they address.
ACCUSE_ROOT = "11"
# The classifier may add an event only when it is this sure of the PLOVER type (held-out
# accuracy on the synthetic stories is ~0.53 overall, markedly higher above this probability).
CLASSIFIER_MIN_PROB = 0.6
# CAMEO code given to a classifier-only event: the base code of the PLOVER type's main CAMEO family.
PLOVER_BASE_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "084", "REQUEST": "100", "ACCUSE": "112", "REJECT": "120", "THREATEN": "130",
    "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "190",
}  # fmt: skip


# Story-level discard phrases (sports, films …) mark the whole story only in its lead, where a
# story states its topic. Anywhere in a text they discarded everything: a long text that once
# named the Super Bowl lost all its events.
STORY_LEAD_CHARS = 2000


class DependencyCoder:
    """Codes events from the dependency parse with a verb lexicon (see module docstring)."""

    def __init__(
        self,
        name: str,
        lexicon: Lexicon,
        ontology: Ontology,
        classifier: PloverClassifier | None = None,
        discards: Discards | None = None,
        cameo_rules: bool = True,
        allow_unresolved: bool = False,
    ) -> None:
        self.name = name
        self.allow_unresolved = allow_unresolved
        self.cameo_rules = cameo_rules
        self.lexicon = lexicon
        self.matcher = Matcher(lexicon)
        self.ontology = ontology
        self.classifier = classifier
        self.discards = discards or Discards()

    # -- stage 2-4: codings -------------------------------------------------------------------
    def codings(
        self,
        doc: Doc,
        actors: Sequence[ActorMention],
        quotes: Sequence[Quote] = (),
        allow_unresolved: bool = False,
        text: str | None = None,
        type_scores: dict[int, dict[str, float]] | None = None,
    ) -> list[Coding]:
        """Coded (source, code, target) triples with their evidence, before ontology fields;
        ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds it on every access);
        ``type_scores`` collects the classifier's scores by sentence start for the caller."""
        text = doc.text if text is None else text
        type_scores = {} if type_scores is None else type_scores
        if self.discards.story_hit(text, 0, STORY_LEAD_CHARS):
            return []
        lowers = tree_of(doc, fresh=True).lowers
        index = mention_index(doc, [m for m in actors if not is_generic(m)])

        def has_source(verb: Token) -> bool:
            head = source_head(verb, index)
            return head is not None and bool(resolve(head, index).mentions)

        generic_index = mention_index(doc, [m for m in actors if is_generic(m)])
        places = place_index(doc, text)
        # Per sentence its codings; sentences left to the classifier are scored together after
        # the loop, so their slot is filled in then.
        slots: list[tuple[Span, list[Coding]]] = []
        fallbacks: list[tuple[int, Span, Token, Argument]] = []
        for sentence in doc.sents:
            # Without an actor in it a sentence cannot give a resolved event: skip it cheaply.
            has_actor = any(i in index for i in range(sentence.start, sentence.end))
            if not (has_actor or allow_unresolved):
                continue
            if self.discards.sentence_hit(lowers[sentence.start : sentence.end]):
                continue
            if sentence.end_char > STORY_LEAD_CHARS and self.discards.story_hit(
                text, sentence.start_char, sentence.end_char
            ):
                continue  # past the lead a story-level phrase discards its sentence, not the story
            readings = sentence_readings(
                sentence, self.lexicon, self.matcher, self.cameo_rules, None if allow_unresolved else has_source
            )
            if readings:
                codings = [
                    c
                    for r in readings
                    for c in self._attach(r, sentence, index, generic_index, places, quotes, allow_unresolved)
                ]
                slots.append((sentence, codings))
            elif (candidate := self._fallback_candidate(sentence, index)) is not None:
                fallbacks.append((len(slots), sentence, *candidate))
                slots.append((sentence, []))
        if fallbacks:
            # One batch for the classifier: the fallback sentences and those coded already,
            # whose scores the events' confidence needs.
            coded = [sentence for sentence, codings in slots if codings]
            self.score_sentences([*coded, *(f[1] for f in fallbacks)], text, type_scores)
            for slot, sentence, root, source in fallbacks:
                scores = type_scores[sentence.start]
                slots[slot] = (sentence, self._fallback_codings(sentence, root, source, index, quotes, scores))
        out: list[Coding] = []
        seen: set[tuple] = set()
        for sentence, codings in slots:
            for coding in _drop_weaker(codings):
                key = (coding.source_code, coding.target_code, coding.code, sentence.start)
                if key not in seen:
                    seen.add(key)
                    out.append(coding)
        return out

    def _attach(
        self,
        reading: Reading,
        sentence: Span,
        index: dict[int, ActorMention],
        generic_index: dict[int, ActorMention],
        places: dict[int, tuple[int, int, str]],
        quotes: Sequence[Quote],
        allow_unresolved: bool,
    ) -> list[Coding]:
        src_token = source_head(reading.upper, index)
        source = resolve(src_token, index) if src_token is not None else None
        if (source is None or not source.mentions) and (not allow_unresolved or src_token is None):
            return []
        flags = modality(reading.lower, quotes, reading.upper)
        code = reading.code
        if self.cameo_rules:
            if flags.announced or self._own_announcement(flags, source, index):
                code = hypothetical_conflict(code) or code
            if flags.promised:
                intent = announced_cooperation(code) or (code if code[:2] == INTENT_ROOT else None)
                # "will not accept refugees": a promise not to cooperate is a rejection (CAMEO 12x).
                code = (compose("120", intent) or "120") if intent and flags.negated else intent or code
            if code != reading.code:
                reading = dataclasses.replace(reading, reverse=None)  # a promised visit is not hosted yet
        if reading.controlled is not None:
            candidates = [(reading.controlled, "object"), *target_heads(reading.upper)]
        else:
            candidates = [*target_heads(reading.lower), *target_heads(reading.upper)]
        # An uncoded xcomp carries the rest of the action ("offered to hand over to Britain"), and
        # so does a purpose clause ("signed an accord to supply Gondor with wheat").
        candidates += [c for x in children(reading.lower, ("xcomp",)) for c in target_heads(x)]
        candidates += [c for x in purpose_clauses(reading.lower) for c in target_heads(x)]
        if self.cameo_rules and code[:2] == ACCUSE_ROOT:
            candidates = topics_first(candidates)
        if code[:2] == THREAT_ROOT:
            # "threatened to stop talks if the United States goes ahead": the condition's subject
            # is the one threatened.
            candidates += [(t, "condition") for t in condition_subjects(reading.upper, reading.lower)]
        exclude = _identities(source.mentions) if source else set()
        targets: list[ActorMention] = []
        generic: GenericTarget | None = None
        for head, _kind in candidates:
            found = descend(head, index, exclude)
            if found:
                targets = found
                break
        plausible = [(h, kind) for h, kind in candidates if plausible_generic(h)]
        if not targets:
            located = place_target([h for h, _ in plausible], (reading.lower, reading.upper), places, index)
            targets = [located] if located is not None else []
        if not targets and plausible:
            strong = [h for h, kind in plausible if kind == "passive" or kind[5:] in STRONG_TARGET_PREPS]
            head = strong[0] if strong else plausible[0][0]
            generic = GenericTarget.from_head(head, generic_index.get(head.i))
        if not targets and self.cameo_rules and code[:2] == PROTEST_ROOT and source and source.mentions:
            targets = [m for m in [_own_state(source.mentions[0])] if m is not None]
        mutual = any(kind == "object" and self._shared(head) for head, kind in candidates)
        base = Coding(
            code=code,
            reading=reading,
            sentence=sentence,
            source=source.mentions[0] if source and source.mentions else None,
            source_text=None if source and source.mentions else _text(src_token),
            target=None,
            generic_target=generic,
            flags=flags,
        )
        return self._expand(base, source, targets, mutual)

    @staticmethod
    def _own_announcement(flags, source: Argument | None, index: dict[int, ActorMention]) -> bool:
        """A future act the actor itself announces ("the farmers said they would blockade
        Paris"): announcing one's own act of force or coercion is a threat (CAMEO 13x), while
        a narrated future ("France will attack") stays the act."""
        if flags.speech_head is None or not flags.future or flags.negated or flags.permitted or not source:
            return False
        speech = source.head.doc[flags.speech_head]
        speaker = source_head(speech, index)
        if speaker is None:
            return False
        return bool(_identities(resolve(speaker, index).mentions) & _identities(source.mentions))

    def _shared(self, head: Token) -> bool:
        """An object both members of a compound subject take part in: "each other", or their
        own event ("delayed their meeting"; not "increased their budgets", each its own)."""
        kind = reciprocal(head)
        return kind == "pronoun" or (kind == "possessed" and event_noun_code(self.matcher, head) is not None)

    def _expand(
        self, base: Coding, source: Argument | None, targets: list[ActorMention], mutual: bool = False
    ) -> list[Coding]:
        """One coding per (source, target) pair; symmetric codes, and acts on a shared object
        ("delayed their meeting"), link compound sources both ways."""
        sources = (source.mentions if source else []) or [None]
        out: list[Coding] = []
        if targets:
            for s in sources:
                for t in targets:
                    if s is not None and _identities([s]) & _identities([t]):
                        continue
                    out.append(
                        base.with_pair(t, s, base.code) if base.reading.swapped else base.with_pair(s, t, base.code)
                    )
                    if base.reading.reverse:
                        out.append(base.with_pair(t, s, base.reading.reverse))
        if not out and len(sources) > 1 and (base.code[:2] in SYMMETRIC_ROOTS or mutual):
            for s in sources:
                for t in sources:
                    if s is not t and s.actor.actor_id != t.actor.actor_id:
                        out.append(base.with_pair(s, t, base.code, keep_generic=False))
        if not out:
            out = [base.with_pair(s, None, base.code) for s in sources]
        return out

    def score_sentences(self, sentences: Sequence[Span], text: str, cache: dict[int, dict[str, float]]) -> None:
        """Put the classifier's type scores of ``sentences`` not yet in ``cache`` (by sentence
        start) there, scoring them in one batch."""
        todo = list({s.start: s for s in sentences if s.start not in cache}.values())
        if todo and self.classifier is not None:
            for sentence, scores in zip(
                todo, self.classifier.scores_many([sentence_string(s, text) for s in todo]), strict=True
            ):
                cache[sentence.start] = scores

    def _fallback_candidate(self, sentence: Span, index: dict[int, ActorMention]) -> tuple[Token, Argument] | None:
        """(main verb, its actor source) of a sentence the classifier may code, else None."""
        if self.classifier is None:
            return None
        root = sentence.root
        if root.pos_ != "VERB":
            return None
        src_token = source_head(root, index)
        source = resolve(src_token, index) if src_token is not None else None
        if source is None or not source.mentions:
            return None
        return root, source

    def _fallback_codings(
        self,
        sentence: Span,
        root: Token,
        source: Argument,
        index: dict[int, ActorMention],
        quotes: Sequence[Quote],
        scores: dict[str, float],
    ) -> list[Coding]:
        """An event from the classifier when the lexicon coded nothing in a sentence whose main
        verb has an actor subject; only a confident prediction counts."""
        if not scores:
            return []
        ptype = max(scores, key=scores.__getitem__)
        prob = scores[ptype]
        if prob < CLASSIFIER_MIN_PROB:
            return []
        exclude = _identities(source.mentions)
        targets = next((f for h, _ in target_heads(root) if (f := descend(h, index, exclude))), [])
        reading = Reading(root, root, PLOVER_BASE_CAMEO[ptype], None, prob * 0.5, None, "classifier")
        base = Coding(PLOVER_BASE_CAMEO[ptype], reading, sentence, None, None, None, None, modality(root, quotes))
        return self._expand(base, source, targets)

    # -- stage 5: events ----------------------------------------------------------------------
    def story_discarded(self, document: Document) -> bool:
        """Whether the discard list rejects the whole story; if so, the document says why."""
        phrase = self.discards.story_hit(document.text, 0, STORY_LEAD_CHARS)
        if phrase:
            document.warnings.append(
                f"events: none coded: {phrase!r} in the first {STORY_LEAD_CHARS} characters marks a story "
                "that is not codable (story-level discard)"
            )
        return bool(phrase)

    def __call__(self, document: Document) -> list[Event]:
        """Events of an annotated document (the ``Coder`` interface); a story discarded whole says so."""
        self.story_discarded(document)
        return self.code(
            document.parse,
            document.actors,
            document.quotes,
            document.timexes,
            reference_date(document),
            self.allow_unresolved,
        )

    def code(
        self,
        doc: Doc,
        actors: Sequence[ActorMention],
        quotes: Sequence[Quote] = (),
        timexes: Sequence[Timex] = (),
        published: date | None = None,
        allow_unresolved: bool = False,
    ) -> list[Event]:
        """Events of a parse with its annotations given one by one (used by ``__call__``)."""
        events: list[Event] = []
        type_scores: dict[int, dict[str, float]] = {}
        text = doc.text
        codings = self.codings(doc, actors, quotes, allow_unresolved, text, type_scores)
        places = place_entities(doc, [(m.start, m.end) for m in actors], text)
        self.score_sentences([c.sentence for c in codings], text, type_scores)
        # An event looks only at its sentence's times and places: found by bisection, so a long
        # text's events do not each scan all of them.
        timexes = sorted(timexes, key=lambda t: t.start)
        places = sorted(places, key=lambda p: p[0])
        timex_starts, place_starts = [t.start for t in timexes], [p[0] for p in places]
        for coding in codings:
            scores = type_scores[coding.sentence.start] if self.classifier is not None else None
            sent = coding.sentence
            first, last = bisect_left(timex_starts, sent.start_char), bisect_left(timex_starts, sent.end_char)
            near = places[bisect_left(place_starts, sent.start_char) : bisect_left(place_starts, sent.end_char)]
            event = build_event(coding, self.ontology, self.name, timexes[first:last], published, scores, near, text)
            if event is not None:
                events.append(event)
        return events


def _own_state(mention: ActorMention) -> ActorMention | None:
    """The state of the actor of ``mention`` (its country), named by the same words."""
    country = mention.actor.country
    if not country or mention.actor.cameo_code == country:
        return None
    state = Actor(country, country_name(country) or country, country, None, country)
    return ActorMention(mention.start, mention.end, mention.text, state, OWN_STATE)


def _identities(mentions: Sequence[ActorMention]) -> set[str]:
    """Actor ids and CAMEO codes: two mentions sharing either are one side (Putin and Moscow)."""
    return {x for m in mentions for x in (m.actor.actor_id, m.actor.cameo_code) if x}


def _drop_weaker(codings: list[Coding]) -> list[Coding]:
    """Drop a coding without an actor target when the sentence has the same source and code with
    one ("conducted a missile strike into Russia using missiles")."""
    resolved = {(c.source_code, c.code) for c in codings if c.target is not None}
    return [c for c in codings if c.target is not None or (c.source_code, c.code) not in resolved]


def _text(token: Token | None) -> str | None:
    if token is None:
        return None
    return token.doc[token.left_edge.i : token.right_edge.i + 1].text
