"""Find coded predicates in a sentence: lexicon match, xcomp composition, nominal fallback.

A *predicate reading* says which verb(s) carry the event and its CAMEO code before actors are
attached. "threatened to use nuclear weapons" is one reading (upper "threatened", lower "use",
code 1385); "authorized Ukraine to deploy missiles" composes to military aid from the subject of
"authorized" to its object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from eventwire.coding.clauses import purpose_clauses
from eventwire.coding.lexicon import Lexicon
from eventwire.coding.matching import QUALITY_BLOCK_CODE, Match, Matcher, split_code
from eventwire.coding.nominals import (
    QUALITY_NOMINAL,
    STATEMENT_ROOT,
    VERB_CODE_OVERRIDES,
    event_noun_code,
    nominal_match,
    subject_event_match,
)
from eventwire.coding.rules import FORCE_ROOTS, compose, halt_code, refine_force
from eventwire.coding.tree import Tree, tree_of

# Verbs whose event is named by their object noun ("conducted a strike", "held talks"), including
# aspectual verbs ("completed its withdrawal", "speeded up the withdrawal").
LIGHT_VERBS = {"conduct", "carry", "launch", "stage", "mount", "make", "hold", "begin", "start", "resume",
               "wage", "unleash", "execute", "perform", "undertake", "renew", "continue", "intensify",
               "step", "open", "have", "take", "give", "deliver", "issue", "announce", "sign", "complete",
               "speed", "organize", "organise", "escalate", "pursue", "initiate", "finish", "accelerate",
               "expand", "extend", "call", "impose", "reimpose", "tighten", "enforce"}  # fmt: skip
# Signing or issuing a decree, law or order enacts its content; the signing itself is no demand
# (CAMEO.2.0's "sign * decree [100]"), and the document is not a target.
ENACTING_VERBS = {"sign", "issue", "enact", "promulgate", "publish", "draft"}
DOCUMENT_NOUNS = {"decree", "law", "order", "bill", "ordinance", "edict", "directive", "legislation", "document",
                  "regulation", "amendment"}  # fmt: skip
# Blocks of verbs that halt or reduce what their object names (stop, suspend, end, freeze, cut,
# revoke); without a pattern of their own they are coded by that object (see rules.halt_code).
HALT_BLOCKS = {"CANCEL", "FREEZE", "REVOKE_", "REDUCE", "SLASH"}
# Blocks of permission verbs (allow, enable, permit): an event only with something permitted.
PERMISSION_BLOCKS = {"ALLOW"}
# Roots whose two-sided compound subjects ("Israel and Lebanon agreed") act on each other.
SYMMETRIC_ROOTS = {"03", "04", "05", "06"}


# Blocks whose default code CAMEO.2.0 leaves at odds with the CAMEO codebook: AGREE is filed
# under 050 though the codebook's "agree to" is intent to cooperate (030), and REFUSE has no
# code though its verbs (refuse, reject, deny, resist) are the codebook's REJECT (120).
BLOCK_CODE_OVERRIDES = {"AGREE": "030", "REFUSE": "120"}
# Adjectives that govern an intended act like a verb of intent ("is willing/ready to withdraw").
INTENT_ADJECTIVES = {"willing", "ready", "prepared", "committed", "determined", "eager", "keen", "poised"}
INTENT_CODE = "030"
# "X said Y must/should do Z": the speaker demands Z of Y (CAMEO 10x).
OBLIGATION_AUX = {"must", "should"}
DEMAND_CODE = "100"
CONDITION_MARKERS = {"if", "unless"}
# Verbs of saying whose reported "Y must do Z" is a demand.
SPEECH_LEMMAS = {"say", "state", "tell", "insist", "announce", "conclude", "declare", "add", "reiterate"}
# Demands and appeals (CAMEO 10x, 02x): their that-clauses name the act asked for.
DEMAND_ROOTS = {"10", "02"}
# Verbs of sending or summoning someone whose purpose clause names the verbal or investigative
# act they serve (CAMEO 02 appeal, 04 consult, 09 investigate, 10 demand, 11 disapprove).
MEANS_VERBS = {"send", "dispatch", "summon"}
PURPOSE_ROOTS = {"02", "04", "09", "10", "11"}
# Governing families whose reading wins over the governed verb when no finer combination exists.
GOVERNING_ROOTS = {"02", "03", "10", "12", "13"}


@dataclass(slots=True)
class Reading:
    """One coded predicate: the governing verb, the verb of the action, and the code."""

    upper: Token
    lower: Token
    code: str
    reverse: str | None
    quality: float
    controlled: Token | None  # the party told/allowed to act ("urged X to …"): the target
    pattern: str | None = None
    swapped: bool = False  # the code runs from the target to the subject ("received … from")


def read_verb(matcher: Matcher, verb: Token, cameo_rules: bool = True) -> Match | None:
    """Lexicon reading of one verb, falling back to its event noun for light/unknown verbs."""
    if cameo_rules and (ongoing := subject_event_match(matcher, verb)) is not None:
        return ongoing
    match = matcher.match(verb)
    if cameo_rules and match is not None and match.pattern is None and match.block in BLOCK_CODE_OVERRIDES:
        block_code = split_code(matcher.lexicon.blocks.get(match.block))[0]
        if match.code == block_code:
            match = Match(BLOCK_CODE_OVERRIDES[match.block], None, match.block, None, match.quality)
    tree = tree_of(verb.doc)
    lemma = tree.lemmas[verb.i].lower()
    if cameo_rules and match is not None and match.pattern is None and lemma in VERB_CODE_OVERRIDES:
        match = Match(VERB_CODE_OVERRIDES[lemma], None, match.block, None, match.quality)
    if cameo_rules and lemma in ENACTING_VERBS and _object_lemmas(tree, verb.i) & DOCUMENT_NOUNS:
        return None  # "signed a decree expanding …": the document's content is the event
    weak = match is None or match.code is None or match.quality <= QUALITY_BLOCK_CODE
    if cameo_rules and weak and match is not None and match.block in HALT_BLOCKS:
        halted = nominal_match(matcher, verb)
        code = halt_code(halted.code) if halted is not None and halted.code else None
        if code is not None:
            return Match(code, None, match.block, None, QUALITY_NOMINAL)
    if weak and lemma in LIGHT_VERBS:
        nominal = nominal_match(matcher, verb)
        if nominal is not None:
            return nominal
    return match


def _object_lemmas(tree: Tree, i: int) -> set[str]:
    return {tree.lemmas[c].lower() for c in tree.kids[i] if tree.deps[c] in ("dobj", "nsubjpass")}


def _not_an_occurrence(verb: Token, match: Match | None) -> bool:
    """Predicates that name no event that took place.

    An infinitive modifying a noun ("Russia's resolve to persist with its offensive", "a plan to
    withdraw") is an intention or plan, not an act; a permission verb as a reduced passive
    modifier ("an escalation, enabled by the policy change") describes how something came about;
    a participle the parser reads as a preposition ("according to") names no act.
    """
    tree = tree_of(verb.doc)
    i = verb.i
    if tree.deps[i] == "prep":
        return True  # "according to …", "following …": a verb form used as a preposition
    if tree.deps[i] == "acl" and tree.pos[tree.heads[i]] in ("NOUN", "PROPN"):
        if _has_to(tree, i):
            return True
        if verb.tag_ == "VBN" and match is not None and match.pattern is None and match.block in PERMISSION_BLOCKS:
            return True
    return False


def phrase_words(*verbs: Token) -> set[str]:
    """Lower-cased forms of the predicate phrase (objects and complements) for refinements."""
    words: set[str] = set()
    for verb in verbs:
        words |= _verb_phrase_words(verb)
    return words


def _verb_phrase_words(verb: Token) -> frozenset[str]:
    """The forms of one verb's phrase, read once per document (events ask for them again)."""
    tree = tree_of(verb.doc)
    found = tree.phrases.get(verb.i)
    if found is None:
        words: set[str] = set()
        for child in tree.kids[verb.i]:
            if tree.deps[child] in ("nsubj", "nsubjpass", "punct", "cc", "conj", "advcl", "mark"):
                continue
            for k in tree.subtree(child):
                words |= tree.forms_at(k)
        found = tree.phrases[verb.i] = frozenset(words)
    return found


def _has_to(tree: Tree, i: int) -> bool:
    """Whether token ``i`` has the infinitive marker "to" among its auxiliaries."""
    return any(tree.deps[a] == "aux" and tree.lowers[a] == "to" for a in tree.kids[i])


def _complements(verb: Token) -> list[Token]:
    """Verbs whose action ``verb`` governs: xcomps, infinitival ccomps ("allows X to use") and
    "to" + gerund ("committed to opening", "objected to holding")."""
    tree = tree_of(verb.doc)
    deps, pos, kids = tree.deps, tree.pos, tree.kids
    found = [
        verb.doc[c]
        for c in kids[verb.i]
        if pos[c] in ("VERB", "AUX") and (deps[c] == "xcomp" or (deps[c] == "ccomp" and _has_to(tree, c)))
    ]
    for prep in kids[verb.i]:
        if deps[prep] == "prep" and tree.lowers[prep] == "to":
            found += [verb.doc[c] for c in kids[prep] if deps[c] == "pcomp" and pos[c] == "VERB"]
    return found


def _demanded_clauses(verb: Token) -> list[Token]:
    """Finite clauses stating what a demand asks for: "demanded that the US cancel …" and "its
    demand that Israel ease …" (a that-clause of the verb's object); the clause is the demanded
    act, not one that took place."""
    tree = tree_of(verb.doc)
    deps, pos, kids, doc = tree.deps, tree.pos, tree.kids, verb.doc
    holders = [verb.i, *(k for k in kids[verb.i] if deps[k] == "dobj")]
    holders += [p for k in kids[verb.i] if deps[k] == "prep" for p in kids[k] if deps[p] == "pobj"]
    found = []
    for holder in holders:
        for c in kids[holder]:
            if pos[c] not in ("VERB", "AUX") or _has_to(tree, c):
                continue
            if (holder == verb.i and deps[c] == "ccomp" and _adjoins(tree, verb.i, c)) or (
                holder != verb.i and deps[c] in ("acl", "ccomp") and any(tree.lowers[m] == "that" for m in kids[c])
            ):
                found.append(doc[c])
    return found


def _demanded_act(matcher: Matcher, verb: Token, reading_of) -> bool:
    """A that-clause of a demand ("demanded that X grant …", "its demands that X grant …"):
    the act is asked for, not done, even when the demand itself is not coded (no actor)."""
    tree = tree_of(verb.doc)
    i, head = verb.i, tree.heads[verb.i]
    if tree.deps[i] not in ("ccomp", "acl") or not any(tree.lowers[m] == "that" for m in tree.kids[i]):
        return False
    if tree.pos[head] == "NOUN":
        found = event_noun_code(matcher, verb.doc[head])
        return found is not None and found[0][:2] in DEMAND_ROOTS
    governor = reading_of(verb.doc[head]) if tree.pos[head] == "VERB" else None
    return governor is not None and (governor.code or "")[:2] in DEMAND_ROOTS


def _obligated(verb: Token, clause: Token) -> Token | None:
    """Who is told to act: the clause's subject, or for a pronoun subject the addressee ("a
    reminder to Iraq that it must cooperate")."""
    subject = _clause_subject(clause)
    if subject is not None and subject.pos_ != "PRON":
        return subject
    for prep in verb.children:
        if prep.dep_ in ("dative", "prep") and prep.lower_ == "to":
            return next((p for p in prep.children if p.dep_ == "pobj"), subject)
    return _controlled(verb, clause)


def _adjoins(tree: Tree, verb: int, clause: int) -> bool:
    """A clause after the verb with no comma before it ("demanded that X …", not "demanded …,
    diplomats said"): a comma-separated clause is mostly attribution the parser attached."""
    start = min(tree.subtree(clause))
    return start > verb and "," not in tree.lowers[verb + 1 : start + 1]


def _clause_subject(clause: Token) -> Token | None:
    return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _controlled(upper: Token, lower: Token) -> Token | None:
    """The party that is to carry out ``lower``: the upper verb's object or the clause's subject."""
    for deps, holder in ((("dobj",), upper), (("nsubj",), lower)):
        for child in holder.children:
            if child.dep_ in deps:
                return child
    return None


def predicate_tokens(sentence: Span) -> list[Token]:
    tree = tree_of(sentence.doc)
    pos, deps, doc = tree.pos, tree.deps, sentence.doc
    return [
        doc[i]
        for i in range(sentence.start, sentence.end)
        if pos[i] == "VERB" or (pos[i] == "AUX" and deps[i] == "ROOT")
    ]


def sentence_readings(
    sentence: Span,
    lexicon: Lexicon,
    matcher: Matcher | None = None,
    cameo_rules: bool = True,
    has_source: Callable[[Token], bool] | None = None,
) -> list[Reading]:
    """Coded predicates of a sentence, governing verbs first; composed xcomps are consumed.

    ``cameo_rules`` enables the CAMEO-specific combinations (intent, demand, threat families,
    block-code fixes, weapon refinements); dictionaries with other code sets run without them.
    ``has_source`` lets the caller skip, before any pattern matching, verbs whose acting side
    cannot be resolved (the governed verbs of a kept verb are still read for composition).
    """
    combine = compose if cameo_rules else _no_compose
    matcher = matcher or Matcher(lexicon)
    readings: list[Reading] = []
    consumed: set[int] = set()
    cache: dict[int, Match | None] = {}

    def reading_of(tok: Token) -> Match | None:
        if tok.i not in cache:
            cache[tok.i] = read_verb(matcher, tok, cameo_rules)
        return cache[tok.i]

    tree = tree_of(sentence.doc)
    for verb in predicate_tokens(sentence):
        if verb.i in consumed or _is_condition(verb) or (has_source is not None and not has_source(verb)):
            continue
        match = reading_of(verb)
        if cameo_rules and (_not_an_occurrence(verb, match) or _demanded_act(matcher, verb, reading_of)):
            continue
        upper_code = match.code if match else None
        if cameo_rules and tree.lowers[_intent_holder(tree, verb.i)] in INTENT_ADJECTIVES:
            upper_code = (compose(INTENT_CODE, upper_code) if upper_code else None) or INTENT_CODE
        lower, code, quality = verb, upper_code, match.quality if match else QUALITY_BLOCK_CODE
        reverse = match.reverse if match else None
        pattern = match.pattern if match else None
        controlled: Token | None = None
        demanded = _demanded_clauses(verb) if cameo_rules and upper_code and upper_code[:2] in DEMAND_ROOTS else []
        for x in [*_complements(verb), *demanded]:
            low = reading_of(x)
            if low is None or low.code is None:
                continue
            composed = combine(upper_code, low.code) if upper_code else None
            if composed:
                code, lower, reverse = composed, x, None
                quality = max(quality, low.quality)
                controlled = _clause_subject(x) if x in demanded else _controlled(verb, x)
            elif upper_code is None or upper_code.startswith(STATEMENT_ROOT):
                code, lower, reverse, quality, pattern = low.code, x, low.reverse, low.quality, low.pattern
            elif cameo_rules and upper_code[:2] in GOVERNING_ROOTS:
                lower = x
                if x in demanded:
                    controlled = _clause_subject(x)
            else:
                continue
            consumed.add(x.i)
            break
        if cameo_rules and lower is verb and tree.lemmas[verb.i].lower() in MEANS_VERBS:
            # "sent inspectors to investigate", "summoned the ambassador to complain": the
            # sending is how the investigation or complaint is made, which is the event.
            for x in [*purpose_clauses(verb), *_complements(verb)]:
                low = reading_of(x)
                if low is not None and low.code and low.code[:2] in PURPOSE_ROOTS:
                    code, lower, reverse, quality, pattern = low.code, x, low.reverse, low.quality, low.pattern
                    consumed.add(x.i)
                    break
        speech = _is_speech(verb, match) or tree.lemmas[verb.i].lower() in LIGHT_VERBS
        demand = _obligation(verb, reading_of) if cameo_rules and speech else None
        if demand is not None:
            clause, clause_code = demand
            code, lower, reverse, controlled = clause_code, clause, None, _obligated(verb, clause)
            consumed.add(clause.i)
        only_reverse = code is None and reverse is not None  # "[:071]": "X received aid from Y"
        if only_reverse:
            code, reverse = reverse, None
        if code is None or code.startswith(STATEMENT_ROOT):
            continue
        if cameo_rules and (code[:2] in FORCE_ROOTS or code[:3] == "175"):
            code = refine_force(code, phrase_words(lower))
        readings.append(Reading(verb, lower, code, reverse, quality, controlled, pattern, only_reverse))
    return readings


def _intent_holder(tree: Tree, i: int) -> int:
    """The word governing verb ``i`` as an intended act: the head of an xcomp ("ready to
    withdraw") or of "to" + gerund ("committed to opening"); ``i`` itself otherwise."""
    head = tree.heads[i]
    if tree.deps[i] == "xcomp":
        return head
    if tree.deps[i] == "pcomp" and tree.lowers[head] == "to" and tree.deps[head] == "prep":
        return tree.heads[head]
    return i


def _no_compose(upper: str, lower: str) -> None:
    return None


def _is_condition(verb: Token) -> bool:
    """An if/unless clause states the condition of another event, not an event of its own; so
    does a verb it governs ("unless the president agrees to step down")."""
    tree = tree_of(verb.doc)
    i = verb.i
    while tree.deps[i] == "xcomp" and tree.heads[i] != i:
        i = tree.heads[i]
    return tree.deps[i] == "advcl" and any(
        tree.deps[c] == "mark" and tree.lowers[c] in CONDITION_MARKERS for c in tree.kids[i]
    )


def _is_speech(verb: Token, match: Match | None) -> bool:
    if match is not None and (match.code or "").startswith(STATEMENT_ROOT):
        return True
    return tree_of(verb.doc).lemmas[verb.i].lower() in SPEECH_LEMMAS


def _obligation(verb: Token, reading_of) -> tuple[Token, str] | None:
    """A reported clause "Y must/should do Z" under a verb of saying, or under its object ("issued
    a reminder that Y must do Z") → (clause verb, demand code)."""
    tree = tree_of(verb.doc)
    deps, kids = tree.deps, tree.kids
    clauses = [k for k in kids[verb.i] if deps[k] == "ccomp"]
    clauses += [c for o in kids[verb.i] if deps[o] == "dobj" for c in kids[o] if deps[c] in ("acl", "ccomp")]
    for k in clauses:
        if not any(tree.lowers[a] in OBLIGATION_AUX for a in kids[k]):
            continue
        clause = verb.doc[k]
        low = reading_of(clause)
        code = compose(DEMAND_CODE, low.code) if low is not None and low.code else None
        return clause, code or DEMAND_CODE
    return None
