"""Who did it and to whom: the source and target arguments of a predicate from the parse.

Sources come from the subject (or the ``by`` agent of a passive), inherited along xcomp/conj
chains with object control ("authorized Ukraine to deploy" → Ukraine deploys). Targets come
from the passive subject, the direct/indirect object and prepositional objects. An argument
resolves to the actor mentions inside its noun phrase (modifiers, "of" phrases, conjuncts),
which is how "Hungarian and Romanian officials" becomes a compound actor.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.coding.tree import children, tree_of
from eventwire.model import ActorMention

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
OBJECT_DEPS = ("dobj", "dative", "iobj", "attr", "oprd")
# Prepositions whose object is the one acted upon, in order of preference.
TARGET_PREPS = ("against", "at", "on", "upon", "toward", "towards", "with", "to", "into", "from", "over", "for",
                "inside", "in", "of", "about")  # fmt: skip
TARGET_PREP_RANK = {p: i for i, p in enumerate(TARGET_PREPS)}
# Prepositions that introduce the target of an act of force or a threat over objects like weapons.
STRONG_TARGET_PREPS = {"against", "at", "on", "upon", "toward", "towards", "into"}
# Noun-phrase dependents searched for actor mentions when the head itself is not one.
NP_DEPS = {"compound", "amod", "poss", "nmod", "appos", "flat", "npadvmod", "nummod", "case"}
# Verbs of saying: the subject of what is said is not the one spoken to.
SPEECH_LEMMAS = {"say", "tell", "state", "announce", "declare", "add", "report", "claim", "note", "indicate"}
LIST_DEPS = {"conj", "appos"}
NP_PREPS = {"of", "from", "for", "in", "inside", "by"}
GENERIC_PREFIX = "generic:"
# Participles whose passive subject holds the stance ("X is opposed to Y").
STATIVE_PARTICIPLES = {"oppose", "commit", "determine", "prepare", "dispose", "resolve", "dedicate", "devote"}
# Subject pronouns resolved to the actor subject of a governing clause.
ANAPHORS = {"it", "they", "he", "she", "we"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}
# Entity types that name no possible target ("on Sunday", "20", "5 percent").
NON_ACTOR_ENTITIES = {"DATE", "TIME", "CARDINAL", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
# Maximal tokens of a generic (unresolved) target's text; longer phrases are cut at the head.
GENERIC_MAX_TOKENS = 12


@dataclass(slots=True)
class Argument:
    """One side of an event: its head token and the actor mentions it resolves to."""

    head: Token
    mentions: list[ActorMention]


def is_generic(mention: ActorMention) -> bool:
    """A sector-only mention ("states" → GOV, "villagers" → CVL): it names a kind of actor, not
    a resolved one, so the coder treats it as an unresolved side with its own text."""
    actor = mention.actor
    return actor.actor_id.startswith(GENERIC_PREFIX) or (actor.country is None and mention.method.startswith("generic"))


def mention_index(doc: Doc, actors: list[ActorMention]) -> dict[int, ActorMention]:
    """Token index → actor mention covering it (longest mention wins on overlap)."""
    index: dict[int, ActorMention] = {}
    for mention in sorted(actors, key=lambda m: m.end - m.start):
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            index[token.i] = mention
    return index


def _add(found: list[ActorMention], more: list[ActorMention]) -> None:
    for m in more:
        if m not in found:
            found.append(m)


def _np_mentions(head: Token, index: dict[int, ActorMention], depth: int = 0) -> list[ActorMention]:
    """Actor mentions of the noun phrase headed by ``head`` (without clauses)."""
    found: list[ActorMention] = []
    if head.i in index:
        found.append(index[head.i])
        tree = tree_of(head.doc)
        labels = tree.deps
        # "The ambassadors of Arnor, Osgiliath and Gondor": a mention that swallowed the head
        # still coordinates with the other list members.
        for k in tree.kids[head.i]:
            dep = labels[k]
            if dep not in LIST_DEPS and dep != "nmod" and dep != "prep":
                continue
            listed = dep in LIST_DEPS or (
                dep == "nmod" and any(labels[g] in ("cc", "conj") for g in tree.kids[k])
            )  # "Fornost and the evil Gondor": a coordinated list parsed as a modifier
            child = head.doc[k]
            if listed and depth < 3:
                _add(found, _np_mentions(child, index, depth + 1))
                for conj in child.conjuncts:
                    _add(found, _np_mentions(conj, index, depth + 1))
            if dep == "prep" and child.lower_ == "of":
                for pobj in children(child, ("pobj",)):
                    for conj in pobj.conjuncts:
                        _add(found, _np_mentions(conj, index, depth + 1))
        return found
    if depth > 3:
        return []
    for child in children(head, NP_DEPS):
        _add(found, _np_mentions(child, index, depth + 1))
        for conj in child.conjuncts:
            _add(found, _np_mentions(conj, index, depth + 1))
    if not found:
        # The first prepositional phrase with an actor names the owner ("an attack by Osgiliath
        # soldiers in south Ithilen" → the soldiers), with its coordinated members.
        for child in children(head, ("prep",)):
            if child.lower_ in NP_PREPS:
                for pobj in children(child, ("pobj",)):
                    _add(found, _np_mentions(pobj, index, depth + 1))
                    for conj in pobj.conjuncts:
                        _add(found, _np_mentions(conj, index, depth + 1))
                if found:
                    break
    return found


def _memo(doc: Doc, index: dict[int, ActorMention]) -> dict:
    """Arguments already resolved in ``doc`` against ``index``: a predicate's subject and objects
    are asked for again by every stage (source check, attachment, target search)."""
    tree = tree_of(doc)
    owner, memo = tree.arguments
    if owner is not index:
        memo = {}
        tree.arguments = (index, memo)
    return memo


def resolve(head: Token, index: dict[int, ActorMention]) -> Argument:
    """The argument headed by ``head`` with its conjuncts ("Israel and Lebanon"); the result is
    shared between callers and must not be changed."""
    memo = _memo(head.doc, index)
    key = ("resolve", head.i)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _resolve(head, index)
    return found


def _resolve(head: Token, index: dict[int, ActorMention]) -> Argument:
    if head.lower_ in RELATIVE_PRONOUNS and head.head.dep_ == "relcl":
        head = head.head.head
    mentions = _np_mentions(head, index)
    for conj in head.conjuncts:
        for m in _np_mentions(conj, index):
            if m not in mentions:
                mentions.append(m)
    return Argument(head, mentions)


def source_head(verb: Token, index: dict[int, ActorMention]) -> Token | None:
    """The acting argument's head token, following control and coordination.

    In an xcomp the head verb's object acts when it is an actor ("authorized Ukraine to
    deploy"), otherwise the head's subject does ("used missiles to target").
    """
    memo = _memo(verb.doc, index)
    key = ("source", verb.i)
    if key not in memo:
        memo[key] = _source_head(verb, index)
    return memo[key]


def _source_head(verb: Token, index: dict[int, ActorMention]) -> Token | None:
    token = verb
    for _ in range(6):
        agents = [p for c in children(token, ("agent",)) for p in children(c, ("pobj",))]
        if agents:
            return agents[0]
        subjects = children(token, SUBJECT_DEPS)
        if subjects:
            # Several subjects come from run-together headings: the one nearest the verb acts.
            subject = min(subjects, key=lambda t: abs(token.i - t.i))
            if subject.lower_ in ANAPHORS:
                return _antecedent(token, index) or subject
            return subject
        passive = children(token, PASSIVE_SUBJECT_DEPS)
        if passive:
            # Agentless passive: the subject undergoes the act ("was attacked") unless the
            # participle names a stance it holds ("is opposed to", "is committed to").
            return passive[0] if token.lemma_.lower() in STATIVE_PARTICIPLES else None
        if token.dep_ == "xcomp":
            # Only an object that is itself an actor controls ("authorized Ukraine to …"), not
            # one an actor merely modifies ("used US-made missiles to target …").
            objects = [o for o in children(token.head, ("dobj",)) if o.i in index]
            if objects:
                return objects[0]
            token = token.head
        elif token.dep_ in ("conj", "advcl", "acomp") and token.head.pos_ in ("VERB", "AUX"):
            token = token.head
        elif token.dep_ in ("acl", "relcl") and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head if token.tag_ != "VBN" else None
        else:
            return None
    return None


def _antecedent(verb: Token, index: dict[int, ActorMention]) -> Token | None:
    """For "Syria says it will withdraw": the subject of a governing clause that is an actor."""
    token = verb
    for _ in range(4):
        if token.dep_ not in ("ccomp", "xcomp", "advcl", "conj", "acomp") or token.head.i == token.i:
            return None
        token = token.head
        for child in children(token, SUBJECT_DEPS):
            if child.lower_ not in ANAPHORS and resolve(child, index).mentions:
                return child
    return None


def target_heads(verb: Token) -> list[tuple[Token, str]]:
    """Candidate target heads with how they were found ("passive", "object", "prep:against" …)."""
    found: list[tuple[Token, str]] = [(t, "passive") for t in children(verb, PASSIVE_SUBJECT_DEPS)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        found.append((verb.head, "passive"))
    objects = children(verb, OBJECT_DEPS)
    found += [(t, "object") for t in objects]
    # "demanded that the United States match …": the clause's subject is asked to act.
    if verb.lemma_.lower() not in SPEECH_LEMMAS:
        found += [(t, "clause") for c in children(verb, ("ccomp",)) for t in children(c, SUBJECT_DEPS)]
    by_prep: dict[str, list[Token]] = {}
    for holder in (verb, *objects):
        for prep in children(holder, ("prep", "dative")):
            if prep.lower_ in TARGET_PREP_RANK:
                by_prep.setdefault(prep.lower_, []).extend(children(prep, ("pobj",)))
    for prep_name in sorted(by_prep, key=TARGET_PREP_RANK.__getitem__):
        found += [(p, f"prep:{prep_name}") for p in by_prep[prep_name]]
    return found


def condition_subjects(*verbs: Token) -> list[Token]:
    """Subjects of if/unless clauses attached to ``verbs``."""
    found = []
    for verb in verbs:
        for clause in children(verb, ("advcl",)):
            if any(m.lower_ in ("if", "unless") for m in children(clause, ("mark",))):
                found += children(clause, SUBJECT_DEPS + PASSIVE_SUBJECT_DEPS)
    return found


def descend(head: Token, index: dict[int, ActorMention], exclude: set[str]) -> list[ActorMention]:
    """Actor mentions reachable from ``head`` through nested noun/prepositional phrases, other
    than the actors in ``exclude`` (the source's ids: "Turkey will allow Turkish refugees")."""
    frontier = [head]
    for _ in range(4):
        nxt: list[Token] = []
        for token in frontier:
            hits = [
                m
                for m in resolve(token, index).mentions
                if m.actor.actor_id not in exclude and m.actor.cameo_code not in exclude
            ]
            if hits:
                return hits
            for child in children(token, ("prep", "acl", "ccomp")):
                dep = child.dep_
                if dep == "prep":
                    nxt += children(child, ("pobj",))
                elif dep == "acl":
                    # "the roads leading into Mordor", "an accord to supply Gondor"
                    nxt += children(child, ("dobj", "dative"))
                    nxt += [p for g in children(child, ("prep",)) for p in children(g, ("pobj",))]
                else:
                    # "hopes that Osgiliath could be drawn into …"
                    nxt += children(child, ("nsubj", "nsubjpass"))
        frontier = nxt
        if not frontier:
            break
    return []


def plausible_generic(head: Token) -> bool:
    """Whether an unresolved argument can stand as a target: not a time, number or pronoun."""
    return head.pos_ in ("NOUN", "PROPN") and head.ent_type_ not in NON_ACTOR_ENTITIES


def generic_text(head: Token) -> tuple[int, int, str]:
    """Character span and text of an unresolved argument's noun phrase (determiners dropped)."""
    clauses = [c for c in head.children if c.dep_ in ("relcl", "acl", "appos")]
    cut = {t.i for c in clauses for t in c.subtree}
    tokens = [t for t in head.subtree if t.i not in cut and (t.dep_ != "punct" or t.i == head.i)]
    start = tokens[0]
    while start.dep_ in ("det", "predet") and start.i < head.i:
        start = head.doc[start.i + 1]
    end = tokens[-1]
    if end.i - start.i + 1 > GENERIC_MAX_TOKENS:
        end = head
    span = head.doc[start.i : end.i + 1]
    return span.start_char, span.end_char, span.text
