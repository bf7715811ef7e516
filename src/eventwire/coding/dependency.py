"""The dependency-parse coder: (source actor, action, target actor) events from a parsed Doc.

Stages per sentence: (1) skip discarded sentences; (2) find coded predicates (lexicon, xcomp
composition, nominal fallback; the classifier only when the lexicon knows no predicate and both
sides are actors); (3) attach source and target actors from the parse; (4) read modality flags and
turn conditional or promised force into threats; (5) assemble events with ontology fields, date,
place, confidence and a stable id.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Span, Token

from eventwire.coding.arguments import (
    STRONG_TARGET_PREPS,
    Argument,
    condition_subjects,
    descend,
    is_generic,
    mention_index,
    plausible_generic,
    resolve,
    source_head,
    target_heads,
)
from eventwire.coding.assemble import Coding, GenericTarget, build_event, place_entities, sentence_string
from eventwire.coding.classifier import PloverClassifier
from eventwire.coding.flags import modality
from eventwire.coding.lexicon import Lexicon
from eventwire.coding.matching import Matcher
from eventwire.coding.ontology import Ontology
from eventwire.coding.place_targets import place_index, place_target
from eventwire.coding.predicates import SYMMETRIC_ROOTS, Reading, sentence_readings
from eventwire.coding.rules import announced_cooperation, compose, hypothetical_conflict
from eventwire.coding.tree import children, tree_of
from eventwire.model import ActorMention, Event, Quote, Timex

THREAT_ROOT = "13"
# The classifier may add an event only when it is this sure of the PLOVER type (held-out
# accuracy on the synthetic stories is ~0.53 overall, markedly higher above this probability).
CLASSIFIER_MIN_PROB = 0.6
# CAMEO code given to a classifier-only event: the base code of the PLOVER type's main CAMEO family.
PLOVER_BASE_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "CONCEDE": "080", "COOPERATE": "060", "AID": "070",
    "RETREAT": "084", "REQUEST": "100", "ACCUSE": "112", "REJECT": "120", "THREATEN": "130",
    "PROTEST": "140", "SANCTION": "160", "MOBILIZE": "150", "COERCE": "170", "ASSAULT": "190",
}  # fmt: skip


class Discards:
    """Phrases that mark a sentence (or, for story-level ones, the whole text) as not codable."""

    def __init__(self, sentence: Sequence[str] = (), story: Sequence[str] = ()) -> None:
        # Sentence phrases as word tuples: a set look-up per n-gram of the sentence's tokens is
        # far cheaper than one large regex per sentence; the story regex runs once per text.
        self.sentence_phrases = {_words(p) for p in sentence if _words(p)}
        self.longest = max((len(p) for p in self.sentence_phrases), default=0)
        # Phrase lengths by first word: only positions starting a phrase are looked at.
        self.lengths_by_first: dict[str, tuple[int, ...]] = {}
        for phrase in self.sentence_phrases:
            self.lengths_by_first.setdefault(phrase[0], ())
            self.lengths_by_first[phrase[0]] = tuple(sorted({*self.lengths_by_first[phrase[0]], len(phrase)}))
        self.story = _phrase_regex(story)

    @classmethod
    def from_entries(cls, entries: Sequence[tuple[str, bool]]) -> Discards:
        """``(phrase, story_level)`` pairs as a discard-dictionary reader yields them."""
        return cls([p for p, story in entries if not story], [p for p, story in entries if story])

    def sentence_hit(self, words: Sequence[str]) -> bool:
        """Whether the lower-cased token sequence ``words`` contains a sentence-level phrase."""
        lengths_by_first, phrases, size = self.lengths_by_first, self.sentence_phrases, len(words)
        for i, word in enumerate(words):
            for n in lengths_by_first.get(word, ()):
                if i + n <= size and tuple(words[i : i + n]) in phrases:
                    return True
        return False

    def story_hit(self, text: str) -> bool:
        return bool(self.story and self.story.search(text))


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\w+|[^\w\s]", phrase.replace("_", " ").lower()))


def _phrase_regex(phrases: Sequence[str]) -> re.Pattern | None:
    words = sorted({" ".join(p.replace("_", " ").split()) for p in phrases if p.strip()}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)", re.IGNORECASE)


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
    ) -> None:
        self.name = name
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
    ) -> list[Coding]:
        """Coded (source, code, target) triples with their evidence, before ontology fields;
        ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds it on every access)."""
        text = doc.text if text is None else text
        if self.discards.story_hit(text):
            return []
        lowers = tree_of(doc, fresh=True).lowers
        index = mention_index(doc, [m for m in actors if not is_generic(m)])

        def has_source(verb: Token) -> bool:
            head = source_head(verb, index)
            return head is not None and bool(resolve(head, index).mentions)

        generic_index = mention_index(doc, [m for m in actors if is_generic(m)])
        places = place_index(doc)
        out: list[Coding] = []
        seen: set[tuple] = set()
        for sentence in doc.sents:
            # Without an actor in it a sentence cannot give a resolved event: skip it cheaply.
            has_actor = any(i in index for i in range(sentence.start, sentence.end))
            if not (has_actor or allow_unresolved):
                continue
            if self.discards.sentence_hit(lowers[sentence.start : sentence.end]):
                continue
            readings = sentence_readings(
                sentence, self.lexicon, self.matcher, self.cameo_rules, None if allow_unresolved else has_source
            )
            codings = [
                c
                for r in readings
                for c in self._attach(r, sentence, index, generic_index, places, quotes, allow_unresolved)
            ]
            if not readings:
                codings = self._classifier_fallback(sentence, index, quotes, text)
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
            if flags.announced:
                code = hypothetical_conflict(code) or code
            if flags.promised:
                intent = announced_cooperation(code)
                # "will not accept refugees": a promise not to cooperate is a rejection (CAMEO 12x).
                code = (compose("120", intent) or "120") if intent and flags.negated else intent or code
            if code != reading.code:
                reading = dataclasses.replace(reading, reverse=None)  # a promised visit is not hosted yet
        if reading.controlled is not None:
            candidates = [(reading.controlled, "object"), *target_heads(reading.upper)]
        else:
            candidates = [*target_heads(reading.lower), *target_heads(reading.upper)]
        # An uncoded xcomp carries the rest of the action ("offered to hand over to Britain").
        candidates += [c for x in children(reading.lower, ("xcomp",)) for c in target_heads(x)]
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
        return self._expand(base, source, targets)

    def _expand(self, base: Coding, source: Argument | None, targets: list[ActorMention]) -> list[Coding]:
        """One coding per (source, target) pair; symmetric codes link compound sources both ways."""
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
        if not out and len(sources) > 1 and base.code[:2] in SYMMETRIC_ROOTS:
            for s in sources:
                for t in sources:
                    if s is not t and s.actor.actor_id != t.actor.actor_id:
                        out.append(base.with_pair(s, t, base.code, keep_generic=False))
        if not out:
            out = [base.with_pair(s, None, base.code) for s in sources]
        return out

    def _classifier_fallback(
        self, sentence: Span, index: dict[int, ActorMention], quotes: Sequence[Quote], text: str
    ) -> list[Coding]:
        """An event from the classifier when the lexicon coded nothing in a sentence whose main
        verb has an actor subject; only a confident prediction counts."""
        if self.classifier is None:
            return []
        root = sentence.root
        if root.pos_ != "VERB":
            return []
        src_token = source_head(root, index)
        source = resolve(src_token, index) if src_token is not None else None
        if source is None or not source.mentions:
            return []
        exclude = _identities(source.mentions)
        targets = next((f for h, _ in target_heads(root) if (f := descend(h, index, exclude))), [])
        ptype, prob = self.classifier.predict(sentence_string(sentence, text))
        if ptype is None or prob < CLASSIFIER_MIN_PROB:
            return []
        reading = Reading(root, root, PLOVER_BASE_CAMEO[ptype], None, prob * 0.5, None, "classifier")
        base = Coding(PLOVER_BASE_CAMEO[ptype], reading, sentence, None, None, None, None, modality(root, quotes))
        return self._expand(base, source, targets)

    # -- stage 5: events ----------------------------------------------------------------------
    def code(
        self,
        doc: Doc,
        actors: Sequence[ActorMention],
        quotes: Sequence[Quote] = (),
        timexes: Sequence[Timex] = (),
        published: date | None = None,
        allow_unresolved: bool = False,
    ) -> list[Event]:
        """Events of ``doc`` (see :func:`eventwire.coding.code_events`)."""
        events: list[Event] = []
        type_scores: dict[int, dict[str, float]] = {}
        places = place_entities(doc, [(m.start, m.end) for m in actors])
        text = doc.text
        for coding in self.codings(doc, actors, quotes, allow_unresolved, text):
            scores = None
            if self.classifier is not None:
                key = coding.sentence.start
                if key not in type_scores:
                    type_scores[key] = self.classifier.scores(sentence_string(coding.sentence, text))
                scores = type_scores[key]
            event = build_event(coding, self.ontology, self.name, timexes, published, scores, places, text)
            if event is not None:
                events.append(event)
        return events


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
