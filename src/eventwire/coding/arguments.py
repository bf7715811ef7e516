"""Who did it and to whom: the source and target arguments of a predicate from the parse.

Sources come from the subject (or the ``by`` agent of a passive), inherited along xcomp/conj
chains with object control ("authorized Ukraine to deploy" → Ukraine deploys). Targets come
from the passive subject, the direct/indirect object and prepositional objects. An argument
resolves to the actor mentions inside its noun phrase (modifiers, "of" phrases, conjuncts),
which is how "Hungarian and Romanian officials" becomes a compound actor.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from eventwire.coding.tree import Tree, children, tree_of
from eventwire.model import ActorMention

SUBJECT_DEPS = ("nsubj", "csubj")
PASSIVE_SUBJECT_DEPS = ("nsubjpass", "csubjpass")
OBJECT_DEPS = ("dobj", "dative", "iobj", "attr", "oprd")
# Prepositions whose object is the one acted upon, in order of preference.
TARGET_PREPS = ("against", "at", "on", "upon", "toward", "towards", "with", "to", "into", "from", "over", "for",
                "inside", "in", "of", "about")  # fmt: skip
TARGET_PREP_RANK = {p: i for i, p in enumerate(TARGET_PREPS)}
# Prepositions the parser may attach where a phrasal verb's particle stands ("cordoned off the
# roads", "shut down the station"): their object is the verb's object.
PARTICLE_PREPS = {"off", "out", "up", "down"}
# Adverbs and adjectives of a verb that may carry its prepositional target ("close to the border").
MODIFIER_DEPS = {"advmod", "acomp"}
# Prepositions naming what a complaint or accusation is about; for those codes the addressee
# ("complained to the United Nations over the raids") is only a target when no topic is named.
TOPIC_PREPS = {"over", "about", "of", "against", "for"}
ADDRESSEE_PREP = "to"
# Prepositions joining a role to a list of states ("ambassadors of …", "lawmakers in …").
ROLE_LIST_PREPS = {"of", "in"}
# Dependents of a name that may be its title ("Prime Minister Romendacil", "Romendacil, the
# Prime Minister").
TITLE_DEPS = {"compound", "appos"}
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
STATIVE_PARTICIPLES = {"oppose", "commit", "determine", "prepare", "dispose", "resolve", "dedicate", "devote",
                       "engage", "involve"}  # fmt: skip
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


def _np_mentions(tree: Tree, i: int, index: dict[int, ActorMention], depth: int = 0) -> list[ActorMention]:
    """Actor mentions of the noun phrase headed by token ``i`` (without clauses)."""
    found: list[ActorMention] = []
    deps, kids, lowers = tree.deps, tree.kids, tree.lowers
    if i in index:
        found.append(_titled(tree, i, index))
        # "The ambassadors of Arnor, Osgiliath and Gondor": a mention that swallowed the head
        # still coordinates with the other list members.
        for k in kids[i]:
            dep = deps[k]
            if dep not in LIST_DEPS and dep != "nmod" and dep != "prep":
                continue
            listed = dep in LIST_DEPS or (
                dep == "nmod" and any(deps[g] in ("cc", "conj") for g in kids[k])
            )  # "Fornost and the evil Gondor": a coordinated list parsed as a modifier
            if listed and depth < 3:
                _add(found, _np_mentions(tree, k, index, depth + 1))
                for conj in tree.conjuncts(k):
                    _add(found, _np_mentions(tree, conj, index, depth + 1))
            if dep == "prep" and lowers[k] in ROLE_LIST_PREPS:
                # "The ambassadors of Arnor, Osgiliath and Gondor": every listed state's
                # ambassadors, so the head's role carries over to the other members.
                for pobj in kids[k]:
                    if deps[pobj] == "pobj":
                        for conj in tree.conjuncts(pobj):
                            members = _np_mentions(tree, conj, index, depth + 1)
                            _add(found, [_with_role(m, found[0]) for m in members])
        return found
    if depth > 3:
        return []
    for child in kids[i]:
        if deps[child] in NP_DEPS:
            _add(found, _np_mentions(tree, child, index, depth + 1))
            for conj in tree.conjuncts(child):
                _add(found, _np_mentions(tree, conj, index, depth + 1))
    if not found:
        # The first prepositional phrase with an actor names the owner ("an attack by Osgiliath
        # soldiers in south Ithilen" → the soldiers), with its coordinated members.
        for child in kids[i]:
            if deps[child] == "prep" and lowers[child] in NP_PREPS:
                for pobj in kids[child]:
                    if deps[pobj] == "pobj":
                        _add(found, _np_mentions(tree, pobj, index, depth + 1))
                        for conj in tree.conjuncts(pobj):
                            _add(found, _np_mentions(tree, conj, index, depth + 1))
                if found:
                    break
    return found


def _with_role(member: ActorMention, head: ActorMention) -> ActorMention:
    """``member`` (a bare state) with the role of the list's head ("ambassadors of A" → A GOV)."""
    code, head_code = member.actor.cameo_code, head.actor.cameo_code
    country = head.actor.country
    if not code or not head_code or not country or len(code) != len(country) or not head_code.startswith(country):
        return member
    role = head_code[len(country) :]
    if not role or member.actor.sector:
        return member
    actor = dataclasses.replace(member.actor, actor_id=code + role, sector=head.actor.sector, cameo_code=code + role)
    return dataclasses.replace(member, actor=actor)


def _titled(tree: Tree, i: int, index: dict[int, ActorMention]) -> ActorMention:
    """The mention of token ``i``, or that of a title before it which refines the same actor's
    code ("Bree Prime Minister Romendacil": the minister's BREGOV refines the person's BRE)."""
    mention = index[i]
    code = mention.actor.cameo_code
    if not code:
        return mention
    for k in tree.kids[i]:
        title = index.get(k) if tree.deps[k] in TITLE_DEPS else None
        if title is not None and title is not mention:
            refined = title.actor.cameo_code
            if refined and len(refined) > len(code) and refined.startswith(code):
                return title
    return mention


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
    tree = tree_of(head.doc)
    i, heads = head.i, tree.heads
    if tree.lowers[i] in RELATIVE_PRONOUNS and tree.deps[heads[i]] == "relcl":
        i = heads[heads[i]]
        head = head.doc[i]
    mentions = _np_mentions(tree, i, index)
    for conj in tree.conjuncts(i):
        for m in _np_mentions(tree, conj, index):
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
    doc = verb.doc
    tree = tree_of(doc)
    deps, heads, kids, pos = tree.deps, tree.heads, tree.kids, tree.pos
    i = verb.i
    for _ in range(6):
        agents = [p for c in kids[i] if deps[c] == "agent" for p in kids[c] if deps[p] == "pobj"]
        if agents:
            return doc[agents[0]]
        subjects = [k for k in kids[i] if deps[k] in SUBJECT_DEPS]
        if subjects:
            # Several subjects come from run-together headings: the one nearest the verb acts.
            subject = min(subjects, key=lambda k: abs(i - k))
            if tree.lowers[subject] in ANAPHORS:
                return _antecedent(doc[i], index) or doc[subject]
            return doc[subject]
        passive = [k for k in kids[i] if deps[k] in PASSIVE_SUBJECT_DEPS]
        if passive:
            # Agentless passive: the subject undergoes the act ("was attacked") unless the
            # participle names a stance it holds ("is opposed to", "is committed to").
            return doc[passive[0]] if tree.lemmas[i].lower() in STATIVE_PARTICIPLES else None
        dep, head = deps[i], heads[i]
        if dep == "xcomp":
            # Only an object that is itself an actor controls ("authorized Ukraine to …"), not
            # one an actor merely modifies ("used US-made missiles to target …").
            objects = [o for o in kids[head] if deps[o] == "dobj" and o in index]
            if objects:
                return doc[objects[0]]
            i = head
        elif dep in ("conj", "advcl", "acomp") and pos[head] in ("VERB", "AUX"):
            i = head
        elif dep == "pcomp" and tree.lowers[head] == "to" and pos[heads[head]] in ("VERB", "AUX", "ADJ"):
            i = heads[head]  # "is committed to opening", "resorted to throwing": the same actor
        elif dep in ("acl", "relcl") and pos[head] in ("NOUN", "PROPN", "PRON"):
            if doc[i].tag_ == "VBN":
                return None
            if (
                dep == "acl"
                and doc[i].tag_ == "VBG"
                and deps[head] == "dobj"
                and not resolve(doc[head], index).mentions
            ):
                # "issued a statement condemning …": who issued the statement does the condemning.
                i = heads[head]
                continue
            return doc[head]
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
    doc = verb.doc
    tree = tree_of(doc)
    deps, kids, lowers, i = tree.deps, tree.kids, tree.lowers, verb.i
    found: list[tuple[Token, str]] = [(doc[t], "passive") for t in kids[i] if deps[t] in PASSIVE_SUBJECT_DEPS]
    if deps[i] == "acl" and verb.tag_ == "VBN":
        found.append((doc[tree.heads[i]], "passive"))
    objects = [k for k in kids[i] if deps[k] in OBJECT_DEPS]
    # "cordoned off the roads": a particle parsed as a preposition governs the verb's object.
    objects += [
        p for k in kids[i] if deps[k] == "prep" and lowers[k] in PARTICLE_PREPS for p in kids[k] if deps[p] == "pobj"
    ]
    found += [(doc[t], "object") for t in objects]
    # "demanded that the United States match …": the clause's subject is asked to act.
    if tree.lemmas[i].lower() not in SPEECH_LEMMAS:
        found += [(doc[t], "clause") for c in kids[i] if deps[c] == "ccomp" for t in kids[c] if deps[t] in SUBJECT_DEPS]
    by_prep: dict[str, list[int]] = {}
    # "marched close to the border": an adverb or adjective of the verb may hold its preposition.
    modifiers = [k for k in kids[i] if deps[k] in MODIFIER_DEPS]
    for holder in (i, *objects, *modifiers):
        for prep in kids[holder]:
            if deps[prep] in ("prep", "dative") and lowers[prep] in TARGET_PREP_RANK:
                by_prep.setdefault(lowers[prep], []).extend(p for p in kids[prep] if deps[p] == "pobj")
    for prep_name in sorted(by_prep, key=TARGET_PREP_RANK.__getitem__):
        found += [(doc[p], f"prep:{prep_name}") for p in by_prep[prep_name]]
    return found


def topics_first(candidates: list[tuple[Token, str]]) -> list[tuple[Token, str]]:
    """``candidates`` with the addressee ("to …") after the topic phrases ("over …", "about …")."""
    if not any(kind[5:] in TOPIC_PREPS for _, kind in candidates):
        return candidates
    return sorted(candidates, key=lambda c: c[1] == "prep:" + ADDRESSEE_PREP)


def descend(head: Token, index: dict[int, ActorMention], exclude: set[str]) -> list[ActorMention]:
    """Actor mentions reachable from ``head`` through nested noun/prepositional phrases, other
    than the actors in ``exclude`` (the source's ids: "Turkey will allow Turkish refugees")."""
    doc = head.doc
    tree = tree_of(doc)
    deps, kids = tree.deps, tree.kids
    frontier = [head.i]
    for _ in range(4):
        nxt: list[int] = []
        for token in frontier:
            hits = [
                m
                for m in resolve(doc[token], index).mentions
                if m.actor.actor_id not in exclude and m.actor.cameo_code not in exclude
            ]
            if hits:
                return hits
            for child in kids[token]:
                dep = deps[child]
                if dep == "prep":
                    nxt += [p for p in kids[child] if deps[p] == "pobj"]
                elif dep == "acl":
                    # "the roads leading into Mordor", "an accord to supply Gondor"
                    nxt += [p for p in kids[child] if deps[p] in ("dobj", "dative")]
                    nxt += [p for g in kids[child] if deps[g] == "prep" for p in kids[g] if deps[p] == "pobj"]
                elif dep == "ccomp":
                    # "hopes that Osgiliath could be drawn into …"
                    nxt += [p for p in kids[child] if deps[p] in ("nsubj", "nsubjpass")]
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
