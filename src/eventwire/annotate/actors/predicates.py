"""Offices said of someone, not actors acting: "Clinton was Secretary of State", "running for
president", "resign as Chicago's mayor", "Emanuel, Obama's chief of staff, …", and the bodies
named inside such an apposition ("Jane Roe, director of the X Project at the University of Y").

The guidelines (docs/annotation.md §7.5) list a person once, under the name: a role noun that is
the predicate of a copula, the object of "as", the office a candidate runs for, or an apposition to
a name is no second actor mention. The office it names is that person's role, though: a named
subject the dictionary does not know takes the office's code ("Jane Roe is the mayor of Chicago").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from eventwire.annotate.actors.headlines import in_headline
from eventwire.annotate.actors.match import SCORES
from eventwire.model import ActorMention, SpanIndex

# Heads of "for" whose object is the office sought, not an actor ("running for president").
RUN_WORDS = frozenset(
    {"run", "running", "ran", "runs", "candidate", "candidates", "bid", "campaign", "race", "nominee", "vie",
     "vying", "vied", "compete", "competing"}
)  # fmt: skip
# Nouns an office modifies as the prize ("his White House bid").
BID_WORDS = frozenset({"bid", "run", "race", "candidacy", "ambitions", "hopes", "hopefuls", "hopeful"})
# Words before "of" that count people in a poll ("62% of Democrats", "most Republicans"): a party
# noun there names voters, no actor (guidelines §1.1).
SHARE_WORDS = frozenset({"%", "percent", "majority", "most", "half", "third", "quarter", "share", "plurality"})
# Prepositions that give a role noun an owner ("any official of the ministry") and verbs whose
# indefinite object is wished for, not met ("needs a leader").
OWNER_PREPS = frozenset({"for", "of", "to", "at", "from", "in"})
NEED_VERBS = frozenset({"need", "want", "deserve", "require"})
# A race's role nouns, which an indefinite object makes anyone of the kind ("block an unsuitable
# candidate"), not a candidate of the story.
RACE_WORDS = frozenset({"candidate", "candidates", "nominee", "nominees", "hopeful", "hopefuls"})
# Words before a bare office that make it the office sought ("if elected president").
ELECTED_WORDS = frozenset({"elected", "reelected", "re-elected", "elect"})
# Modifiers of an office that is yet to be filled by someone not known ("our next president").
TO_COME_WORDS = frozenset({"next", "future"})
UNKNOWN_OWNERS = frozenset({"our", "your", "a", "an"})
# Dependencies of a noun that is said of another noun: predicate nominals and appositions.
PREDICATE_DEPS = frozenset({"attr", "oprd"})
# Subject dependencies whose noun the predicate describes.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Methods of mentions that read an office from the text (not a person's own name).
OFFICE_METHODS = frozenset({"generic", "context", "title", "dictionary"})
# Links from a body's name up to the apposition it sits in ("Jane Roe, director of the X Project
# at the University of Y"): the apposition describes the person and is no mention of its own.
INNER_DEPS = frozenset({"pobj", "prep", "compound", "poss", "amod", "conj"})
MAX_APPOSITION_STEPS = 6


def predicate_offices(doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
    """``mentions`` without offices said of someone, plus a mention for each unknown named subject
    of such an office, with its code."""
    taken = SpanIndex(mentions, lambda m: (m.start, m.end))
    dropped: set[int] = set()
    added: list[ActorMention] = []
    for mention in mentions:
        if mention.method not in OFFICE_METHODS:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None or in_headline(span.root):
            continue  # a title-case headline's parse says nothing of appositions ("Big Win For Bernie: AFL-CIO …")
        if mention.actor.sector is None or any(t.ent_type_ == "PERSON" for t in span):
            # a name or a country stands for itself, except inside an apposition describing
            # someone else ("Rahm Emanuel, President Obama's chief of staff")
            if _inside_apposition(span.root, places=False):
                dropped.add(id(mention))
            continue
        holder = _described(span.root)
        if holder is None:
            continue
        dropped.add(id(mention))
        name = _name(holder) if holder is not False else None
        if name is not None and not taken.overlaps(name[0], name[1]):
            start, end = name
            added.append(
                ActorMention(
                    start, end, doc.char_span(start, end).text, mention.actor, "apposition", SCORES["apposition"]
                )
            )
            taken.add(added[-1])
    return [m for m in mentions if id(m) not in dropped] + added


def _described(token: Token) -> Token | bool | None:
    """What the office at ``token`` is said of: the subject of its copula, the name it stands in
    apposition to (a Token), or False when it is said of someone not named in the clause ("to
    resign as mayor"); None when the office is an actor here."""
    dep, head = token.dep_, token.head
    if dep in PREDICATE_DEPS:
        # "there is a candidate …": the noun after an existential "there" is the clause's subject
        return None if any(c.dep_ == "expl" for c in head.children) else _subject(head)
    if dep == "pobj" and head.lower_ == "as" and head.i > 0 and token.doc[head.i - 1].lower_ != "such":
        return _subject(head.head)
    if dep == "pobj" and head.lower_ == "for" and (head.head.lower_ in RUN_WORDS or _bare_office(token)):
        return False  # "running for president", "backed Chris Dodd for president"
    if dep == "compound" and head.lower_ in BID_WORDS:
        return False  # "his White House bid"
    if _someone_of_a_kind(token) or _voters(token):
        return False  # "we need a leader", "not backing any candidate", "a prosecutor's bearing"
    if _apposed_to_name(token):
        return head  # "Rahm Emanuel, Obama's chief of staff": the person is the mention
    return False if _inside_apposition(token) else None


def _voters(token: Token) -> bool:
    """Party members counted in a poll: "among Democrats", "62% of Democrats", "most Republicans"."""
    if token.tag_ != "NNPS" and not (token.pos_ == "PROPN" and token.text.endswith("s")):
        return False
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "among":
        return True
    if token.dep_ == "pobj" and head.lower_ == "of":
        share = head.head
        return share.lower_ in SHARE_WORDS or share.like_num or (share.i > 0 and share.doc[share.i - 1].like_num)
    return any(c.dep_ in ("amod", "det") and c.lower_ in ("most", "some", "many") for c in token.children)


def _bare_office(token: Token) -> bool:
    return token.pos_ == "NOUN" and not any(c.dep_ in ("det", "poss", "amod", "compound") for c in token.children)


def _someone_of_a_kind(token: Token) -> bool:
    """Anyone of the kind, not someone the story is about: "any"/"every"/"no" before an object ("not
    backing any candidate"), an indefinite possessor ("a prosecutor's bearing"), the object of a
    need ("this country needs a leader"), an office yet to come ("our next president") or sought
    ("if elected president", "a racist for a president"). An owner phrase ties the noun to a body or country
    all the same ("any official of the ministry")."""
    if any(c.dep_ == "prep" and c.lower_ in OWNER_PREPS for c in token.children):
        return False
    elected = token.tag_ == "NN" and token.i > 0 and token.doc[token.i - 1].lower_ in ELECTED_WORDS
    if elected and not any(c.dep_ in ("det", "poss") for c in token.children):
        return True  # "if elected president": the office sought, said of the speaker
    determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "poss")}
    if determiners & {"any", "every", "no"}:
        return token.dep_ in ("dobj", "pobj", "attr")
    if any(c.dep_ == "amod" and c.lower_ in TO_COME_WORDS for c in token.children):
        return determiners <= UNKNOWN_OWNERS  # "our next president", not "the nation's next diplomat"
    if determiners & {"a", "an"} or any(c.lower_ == "same" for c in token.children):
        if token.lower_ in RACE_WORDS and token.dep_ in ("dobj", "pobj"):
            return True  # "nominating a candidate with zero chance", "voted for the same candidate"
        if token.dep_ == "pobj" and token.head.lower_ == "for":
            return True  # "a racist for a president"
        return token.dep_ == "poss" or (token.dep_ == "dobj" and token.head.lemma_ in NEED_VERBS)
    return False


def _inside_apposition(token: Token, places: bool = True) -> bool:
    """A word inside an apposition to a name ("…, director of the X Project"); with ``places``
    false, only to a person's or an organisation's name ("Belarus, Russia's ally" names Russia)."""
    for _ in range(MAX_APPOSITION_STEPS):
        if token.dep_ not in INNER_DEPS or token.head is token:
            return False
        token = token.head
        if _apposed_to_name(token, places):
            return True
    return False


def _apposed_to_name(token: Token, places: bool = True) -> bool:
    """An apposition after a name: a person's, a place's, or an organisation's written as a word
    ("Hamas, the militant group"); a name in capitals may be a dateline ("KABUL, … — The envoy")."""
    head = token.head
    if token.dep_ != "appos" or head.pos_ != "PROPN" or head.i >= token.i:
        return False
    kinds = ("", "PERSON", "GPE", "LOC") if places else ("", "PERSON")
    return head.ent_type_ in kinds or (head.ent_type_ == "ORG" and not head.text.isupper())


def _subject(verb: Token) -> Token | bool:
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return subjects[0] if subjects else False


def _name(token: Token) -> tuple[int, int] | None:
    """The character span of a proper name headed by ``token`` ("Rahm Emanuel"), if it is one."""
    if token.pos_ != "PROPN":
        return None
    first = token
    while (
        first.i > 0 and first.doc[first.i - 1].pos_ == "PROPN" and first.doc[first.i - 1].head.i in (token.i, first.i)
    ):
        first = first.doc[first.i - 1]
    if first.ent_type_ not in ("", "PERSON") or token.ent_type_ not in ("", "PERSON"):
        return None
    return first.idx, token.idx + len(token)
