"""Names the dictionary matches only in part: a surname the document introduced, a title before
a name the dictionary lacks, a spelling variant, a surname owning an agent ("the Bush
administration"), a person in apposition to an office.

``name_mentions`` adds mentions for the document's PERSON/ORG entities that the phrase scan left
unresolved; ``appositions`` runs last, when every office in the document has its actor.
"""

from __future__ import annotations

import re
from datetime import date

from rapidfuzz import fuzz, process
from spacy.attrs import ORTH
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.annotate.actors.dictionary import FUZZY_CACHE_SIZE, ActorDictionary, ActorRecord
from eventwire.annotate.actors.groups import Resolved
from eventwire.annotate.actors.match import FORMER_WORDS, GENERIC_SECTORS, SCORES, Unit, inside_a_word
from eventwire.annotate.actors.organisations import leading_country
from eventwire.annotate.actors.people import (
    CLAUSE_OPENERS,
    MAX_TITLE_WORDS,
    PRIVATE_ROLE,
    SURNAME_PARTICLES,
    foreign_minor,
    origin,
    private_person,
    returned_to,
    serving_surnames,
    surname_token,
)
from eventwire.annotate.actors.text import normalise, split_code, text_units
from eventwire.model import Actor, ActorMention, SpanIndex

# rapidfuzz ratio (0-100) a name must reach to count as a spelling of a dictionary name:
# "Volodymyr Zelenskiy" / "volodymyr zelenskyy" scores 97, "Sergei Lavrov" / "sergey lavrov" 92,
# while different people sharing a surname ("Kim Jong Un" / "kim jong il") stay below.
FUZZY_MIN_RATIO = 90
FUZZY_LABELS = ("PERSON", "ORG")
FUZZY_KINDS = ("person", "org")
# How a person was found when a role the text gives may replace the dictionary's: by name only.
STALE_METHODS = frozenset({"dictionary", "fuzzy", "coref"})
# How a person's code came from the text around the name, not from the table: their surname
# then stands for them in the rest of the story.
BODY_METHODS = frozenset({"context", "apposition", "title"})
# Trades of named persons outside the state (agent role → the sector they are coded with) and how
# far the story's leading country must lead the next for such a person to be taken as its.
NAMED_TRADES = {"BUS": "BUS", "JRN": "MED", "MED": "MED"}
LEAD_MARGIN = 3
# Text between a name and the sector word it owns ("Bush administration", "Netanyahu's government").
OWNER_GAP = re.compile(r"(?:['’]s)?[ \t]+")


def name_mentions(
    doc: Doc,
    ents: tuple[SpacySpan, ...],
    text: str,
    resolved: list[Resolved],
    units: list[Unit],
    mentions: list[ActorMention],
    dictionary: ActorDictionary,
    when: date | None,
    dateline: str | None = None,
    publishers: frozenset[str] = frozenset(),
) -> list[ActorMention]:
    """Mentions for unresolved PERSON/ORG entities: a surname the document already introduced, the
    office holder a title names ("President Kagame"), else the closest spelling in the dictionary.
    The story's country is the one its mentions clearly lead with, else its ``dateline``'s; the
    ``publishers`` its datelines name are no private persons."""
    surnames: dict[str, Actor] = {}
    first_names: dict[str, list[Actor]] = {}
    for r in resolved:
        if r.person is not None and r.person.last > r.person.first:
            surnames.setdefault(units[r.person.last].key, r.actor)
            known = first_names.setdefault(units[r.person.first].key, [])
            if r.actor not in known:
                known.append(r.actor)
    home = leading_country(mentions, [], min_mentions=LEAD_MARGIN, margin=LEAD_MARGIN) or dateline
    taken_names = SpanIndex([(m.start, m.end) for m in mentions if m.method != "generic"])
    generic_at = {m.start: m for m in mentions if m.method == "generic"}
    private: dict[tuple[str, str], Actor] = {}
    returned = returned_to(doc, dictionary)  # "return Elian Gonzalez to Cuba": a Cuban
    orth_counts = doc.count_by(ORTH)  # how often each word is written: is a name said again?
    extra: list[ActorMention] = []
    for ent in ents:
        if ent.label_ not in FUZZY_LABELS or taken_names.overlaps(ent.start_char, ent.end_char):
            continue
        if inside_a_word(text, ent.start_char, ent.end_char):
            continue  # "Trump-isms", "Reagan-like"
        words = [k for _, _, k in text_units(ent.text)]
        if not words or words[0] == "the":
            words = words[1:]
        particle = len(words) == 2 and words[0] in SURNAME_PARTICLES and words[1] in surnames
        if particle:
            words = words[1:]  # "De Blasio" after "Bill de Blasio", whatever entity the tagger made of it
        if not words:
            continue
        start, end = ent.start_char, ent.end_char
        title = _title_before(doc, ent, dictionary) if ent.label_ == "PERSON" else None
        free_title = title is not None and not taken_names.overlaps(title[0], ent.start_char)
        sector = (split_code(title[1])[1] or title[1][:3]) if title else None
        holder = dictionary.office_holder(words[-1], sector, when) if title else None
        if holder is not None and len(words) > 1 and not _same_first_name(words[0], holder.name):
            holder = None  # "Director-General Ingrid Solberg" is not Erna Solberg
        owned = _agent_after(text, ent.end_char, generic_at) if ent.label_ == "PERSON" else None
        if (ent.label_ == "PERSON" or particle) and len(words) == 1 and words[0] in surnames:
            actor, method, score = surnames[words[-1]], "coref", SCORES["coref"]
        elif ent.label_ == "PERSON" and len(words) == 1 and len(first_names.get(words[0], ())) == 1:
            # "Bernie" after "Bernie Sanders": the one person of the story with that first name
            actor, method, score = first_names[words[0]][0], "coref", SCORES["coref"]
        elif holder is not None and (actor := dictionary.actor(holder, when)) is not None:
            method, score = "title", SCORES["title"]
            if free_title:
                start = title[0]  # the title joins the mention unless it belongs to another one
        elif (found := _fuzzy_entity(words, ent.label_, dictionary, when)) is not None and not foreign_minor(
            found[0], home
        ):
            actor, score = found
            method = "fuzzy"
            if ent.label_ == "PERSON" and len(words) > 1:
                surnames.setdefault(words[-1], actor)
        elif owned is not None and (country := dictionary.surname_country(words[-1], owned.actor.sector)) is not None:
            # "the Bush administration": the agent of the country the name's holders served
            actor, method, score = dictionary.composite(country + owned.actor.cameo_code), "title", SCORES["title"]
            end = owned.end
        elif free_title and sector in NAMED_TRADES and home is not None:
            # a writer, host or businessperson the table lacks ("Gawker.com writer Ashley Feinberg",
            # "real estate tycoon Luther Pate"): of the story's country, in their trade
            actor = dictionary.composite(home + NAMED_TRADES[sector])
            method, score, start = "context", SCORES["context"], title[0]
        elif free_title and sector in GENERIC_SECTORS:
            # someone the dictionary does not know, in an office the text names ("former president
            # Carlos Menem"): the office's sector, given a country from context later
            actor, method, score, start = dictionary.generic(title[1]), "generic", SCORES["generic"], title[0]
        elif (
            home is not None
            and title is None
            and ent.text not in publishers  # "LISBON (Tagus Ledger) - …": the publisher, wherever named
            and not _names_a_country(ent, dictionary)  # "Rwanda Hutus" read as a person's name
            and private_person(doc, ent, orth_counts, taken_names)
        ):
            # someone the story follows whom no table knows (a defendant, a victim, a donor): a
            # civilian of the story's country, and their surname stands for them from here on
            key = (words[0], normalise(surname_token(ent).text))
            described = origin(doc, ent, dictionary)  # "British mine removal expert Christopher Howes"
            if described is not None:
                start = described[0]
            country = described[1] if described else returned.get(" ".join(words)) or returned.get(words[0]) or home
            actor = private.setdefault(key, dictionary.composite(country + PRIVATE_ROLE))
            method, score = "context", SCORES["context"]
            surnames.setdefault(key[1], actor)
            if not any(known is actor for known in first_names.setdefault(key[0], [])):
                first_names[key[0]].append(actor)
        else:
            continue
        extra.append(ActorMention(start, end, text[start:end], actor, method, score))
        taken_names.add((start, end))
    if surnames:
        firsts = {key: actors[0] for key, actors in first_names.items() if len(actors) == 1}
        extra += _untagged_names(doc, text, surnames, firsts, taken_names)
    if home is not None:
        for mention in extra:
            taken_names.add((mention.start, mention.end))
        extra += serving_surnames(doc, ents, mentions + extra, home, dictionary, when, taken_names)
    return extra


def body_titles(doc: Doc, ents: tuple[SpacySpan, ...], mentions: list[ActorMention]) -> list[ActorMention]:
    """A person titled by a body the story named ("the Texas Retired Teachers Association …
    association executive director Tim Lee", "Acme Corp … company spokesman John Doe"): the title's
    first word is the last word of that body's name, and the person takes the body's code."""
    bodies = [m for m in mentions if m.method != "generic" and m.actor.sector and " " in m.text]
    if not bodies:
        return []
    taken = SpanIndex(mentions, lambda m: (m.start, m.end))
    found = []
    for ent in ents:
        if ent.label_ != "PERSON" or ent.start == 0 or taken.overlaps(ent.start_char, ent.end_char):
            continue
        first = ent.start
        while first > 0 and first > ent.start - MAX_TITLE_WORDS:
            word = doc[first - 1]
            if not (word.text.islower() and word.is_alpha and word.dep_ in ("compound", "amod")):
                break
            first -= 1
        if first == ent.start:
            continue
        head_word = doc[first].lower_
        owners = [b for b in bodies if b.end <= doc[first].idx and b.text.lower().split()[-1] == head_word]
        if owners:
            start = doc[first].idx
            found.append(
                ActorMention(start, ent.end_char, doc[first : ent.end].text, owners[-1].actor, "title", SCORES["title"])
            )
    return found


def role_surnames(doc: Doc, text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """The surname of a person whose code came from context or an apposition ("state
    epidemiologist Anders Tegnell" in a Swedish story; "Jane Roe, a White House spokeswoman") is
    that person wherever else it stands alone ("Tegnell laughed")."""
    surnames: dict[str, Actor] = {}
    for mention in mentions:
        if mention.method not in BODY_METHODS or not mention.actor.country or " " not in mention.text:
            continue
        last = surname_token(doc.char_span(mention.start, mention.end, alignment_mode="expand"))
        if last.ent_type_ == "PERSON" and last.pos_ == "PROPN":
            surnames.setdefault(normalise(last.text), mention.actor)
    if not surnames:
        return []
    return _untagged_names(doc, text, surnames, {}, SpanIndex(mentions, lambda m: (m.start, m.end)))


def _untagged_names(
    doc: Doc, text: str, surnames: dict[str, Actor], first_names: dict[str, Actor], taken: SpanIndex
) -> list[ActorMention]:
    """A surname, or the first name of only one person, that a person named in full in the story
    carries, standing alone outside any mention ("Emanuel worked alongside Clinton", "urged Rahm
    to resign", "Sanders continued"): that person, whatever one-word entity or plural noun the tagger
    made of it ("Emanuel's office" read as an organisation). A name inside a longer name ("Emanuel
    Lasker") is someone else's."""
    found = []
    names = re.compile(r"\b(?:" + "|".join(re.escape(k) for k in sorted({*surnames, *first_names})) + r")\b", re.I)
    for use in names.finditer(text):  # cheap before reading tokens
        if taken.overlaps(use.start(), use.end()) or inside_a_word(text, use.start(), use.end()):
            continue
        span = doc.char_span(use.start(), use.end())
        if span is None or len(span) != 1:
            continue
        token = span[0]
        # a capital inside a sentence is a name whatever the tagger says ("…,” Will urged")
        named = (
            token.pos_ == "PROPN"
            or not (token.is_sent_start or doc[token.i - 1].text in CLAUSE_OPENERS)
            or _bare_subject(token)
        )
        if not named or not token.text[:1].isupper() or token.ent_iob_ == "I":
            continue
        if token.ent_iob_ == "B" and token.i + 1 < len(doc) and doc[token.i + 1].ent_iob_ == "I":
            continue  # part of a longer name
        key = normalise(token.text)
        actor = surnames.get(key) or first_names.get(key)
        if actor is None or taken.overlaps(token.idx, token.idx + len(token)):
            continue
        neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
        if any(n.pos_ == "PROPN" and n.text[:1].isupper() for n in neighbours):
            continue
        found.append(ActorMention(token.idx, token.idx + len(token), token.text, actor, "coref", SCORES["coref"]))
    return found


def _bare_subject(token: Token) -> bool:
    """A capitalised word opening a clause as a verb's subject with no determiner or modifier: a
    name the tagger read as a plural noun ("Sanders continued", "Sanders and other invitees spent")."""
    if token.tag_ != "NNS" or token.dep_ not in ("nsubj", "nsubjpass") or token.head.pos_ not in ("VERB", "AUX"):
        return False
    return not any(c.dep_ in ("det", "amod", "compound", "poss", "nummod") for c in token.children)


def _agent_after(text: str, end: int, generic_at: dict[int, ActorMention]) -> ActorMention | None:
    """A sector mention right after a name, or after its possessive ("Bush administration",
    "Netanyahu's government")."""
    match = OWNER_GAP.match(text, end)
    return generic_at.get(match.end()) if match else None


def _title_before(doc: Doc, ent: SpacySpan, dictionary: ActorDictionary) -> tuple[int, str] | None:
    """(start offset, role) of a title agent right before a person's name ("President", "Prime
    Minister"); a lower-case title counts when the parse ties it to the name ("former president
    Carlos Menem", "opposition leader Maulana Fazl-ur-Rehman"). After "former" the role is ELI;
    "state" and a post is a state official (GOV)."""
    index = ent.start
    for width in (3, 2, 1):
        if index - width < 0:
            continue
        span = doc[index - width : index]
        if any(t.is_space or (t.is_punct and t.text not in ("-", "'", "’")) for t in span):
            continue  # a title stays inside its sentence: not ". Columnist", not ".\n\nMayor"
        role = dictionary.agent_role(normalise(span.text))
        if role and (span[0].text[:1].isupper() or _tied(span[-1], ent)):
            if span.start > 0 and doc[span.start - 1].lower_ in FORMER_WORDS:
                return doc[span.start - 1].idx, "ELI"
            return span.start_char, role
    before = doc[index - 1] if index > 1 else None
    if before is not None and doc[index - 2].lower_ == "state" and before.pos_ == "NOUN" and _tied(before, ent):
        return doc[index - 2].idx, "GOV"  # a state post ("state epidemiologist Anders Tegnell")
    return None


def _names_a_country(ent: SpacySpan, dictionary: ActorDictionary) -> bool:
    """A word of the entity is a country's name or people's word: no private person's name."""
    return any(dictionary.countries_named(token.text) for token in ent)


def _tied(title: Token, ent: SpacySpan) -> bool:
    """A title word that modifies the name, or that the name stands in apposition to."""
    if title.dep_ in ("compound", "amod") and ent.start <= title.head.i < ent.end:
        return True
    return ent.root.dep_ == "appos" and ent.root.head.i == title.i


def _fuzzy_entity(
    words: list[str], label: str, dictionary: ActorDictionary, when: date | None
) -> tuple[Actor, float] | None:
    found = fuzzy_record(" ".join(words), dictionary, ("person",) if label == "PERSON" else ("org",))
    if found is None or (found[0].kind == "person" and not found[0].has_role_on(when or date.today())):
        return None  # a near spelling of someone out of office is more often someone else
    actor = dictionary.actor(found[0], when)
    return None if actor is None else (actor, round(found[1] / 100, 3))


def fuzzy_record(
    key: str, dictionary: ActorDictionary, kinds: tuple[str, ...] = FUZZY_KINDS
) -> tuple[ActorRecord, float] | None:
    """The person (or organisation) of ``kinds`` whose alias of as many words is spelled closest
    to ``key`` (cached)."""
    words = key.split()
    if len(words) < 2:
        return None
    cache_key = (key, kinds)
    if cache_key not in dictionary.fuzzy_cache:
        if len(dictionary.fuzzy_cache) >= FUZZY_CACHE_SIZE:
            dictionary.fuzzy_cache.clear()
        blocks = dictionary.fuzzy_blocks()
        block = [a for kind in kinds for a in blocks.get((kind, words[-1][:3], len(words)), ())]
        best = process.extractOne(key, block, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_RATIO)
        dictionary.fuzzy_cache[cache_key] = None if best is None else (best[0], best[1])
    hit = dictionary.fuzzy_cache[cache_key]
    if hit is None:
        return None
    alias, ratio = hit
    return dictionary.choose(dictionary.aliases[alias], None), ratio


def _same_first_name(first: str, name: str) -> bool:
    """A first name written as the person's own, or a spelling of it ("Sergei" for "Sergey")."""
    words = normalise(name).split()
    return first in words or (bool(words) and first[:3] == words[0][:3])


def appositions(
    doc: Doc, ents: tuple[SpacySpan, ...], mentions: list[ActorMention], dictionary: ActorDictionary
) -> list[ActorMention]:
    """A person in apposition to an office or body is that actor ("Salaheddine Sidhoum, Algeria's
    leading human rights activist", "a member of the Syrian parliament, Mohammed Mamoun"): one
    the dictionary does not know gets a new mention; one it knows only as a former office holder
    or without an office takes the office the text gives ("Kenzo Oshima, the United Nations
    Emergency Relief Coordinator")."""
    found = []
    taken = SpanIndex([(m.start, m.end) for m in mentions])
    named = SpanIndex([m for m in mentions if m.method != "generic"], lambda m: (m.start, m.end))
    home = leading_country(mentions, [], min_mentions=LEAD_MARGIN, margin=LEAD_MARGIN)
    generic_trades = [m for m in mentions if m.method == "generic" and m.actor.sector in NAMED_TRADES]
    trades = SpanIndex(generic_trades if home else [], lambda m: (m.start, m.end))
    private = {(m.start, m.end): m for m in mentions if m.method == "context" and m.actor.sector == PRIVATE_ROLE}
    for ent in ents:
        mention = private.get((ent.start_char, ent.end_char))
        if ent.label_ != "PERSON" or (mention is None and taken.overlaps(ent.start_char, ent.end_char)):
            continue
        owner = _appositive_actor(ent, named) or _appositive_actor(ent, trades)
        if owner is None:
            continue
        actor, method = owner.actor, "apposition"
        if actor.country is None and actor.sector in NAMED_TRADES and home is not None:
            # "Luther Pate, a Tuscaloosa real estate tycoon": of the story's country, in that trade
            actor, method = dictionary.composite(home + NAMED_TRADES[actor.sector]), "context"
        if mention is None:
            found.append(ActorMention(ent.start_char, ent.end_char, ent.text, actor, method, SCORES[method]))
            continue
        # a private person the story follows takes the role its apposition gives, under every naming
        for other in mentions:
            if other.actor is mention.actor and other is not mention:
                other.actor = actor
        mention.actor, mention.method, mention.score = actor, method, SCORES[method]
    for mention in mentions:
        if mention.method not in STALE_METHODS or mention.actor.sector not in (None, "ELI"):
            continue
        record = dictionary.by_id.get(mention.actor.actor_id)
        if record is None or record.kind != "person":
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        owner = _appositive_actor(span, named) if span is not None else None
        if owner is not None:
            mention.actor, mention.method, mention.score = owner.actor, "apposition", SCORES["apposition"]
    return found


def _appositive_actor(ent: SpacySpan, named: SpanIndex[ActorMention]) -> ActorMention | None:
    """The office or body (a mention with a sector; a bare country is no office: "Evil Mordor, the
    awful Fornost" is a list) of the phrase in apposition to ``ent``, or of its "of" phrase."""
    root = ent.root
    related = [root.head] if root.dep_ == "appos" else []
    related += [t for t in root.children if t.dep_ == "appos"]
    related += [o for t in related for p in t.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    for token in related:
        left = token.left_edge.idx
        near = [m for m in named.overlapping(left, token.idx + 1) if m.actor.sector and left <= m.start]
        covering = [m for m in near if token.idx < m.end]
        if covering or near:
            return (covering or near)[-1]
    return None


# What stands between a title and a second trade before the name ("journalist and author Hiro Aida").
PAIRED_TRADE = re.compile(r"\s+and\s+(?:[a-z][\w-]*\s+){1,2}")


def paired_titles(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """A title joined by "and" to another trade before a name the table lacks ("Japanese journalist
    and author Hiro Aida") is one person with the title's code, not a title and a stranger read
    from the story's country."""
    ordered = sorted(mentions, key=lambda m: m.start)
    joined: set[int] = set()
    for title, name in zip(ordered, ordered[1:], strict=False):
        if title.method != "title" or not title.actor.country or name.method not in ("context", "generic"):
            continue
        if not name.text[:1].isupper() or not PAIRED_TRADE.fullmatch(text, title.end, name.start):
            continue
        title.end, title.text = name.end, text[title.start : name.end]
        joined.add(id(name))
        for later in ordered:  # the surname read again later is the same person ("said Aida")
            if later.start > name.end and later.actor == name.actor and later.text in name.text.split():
                later.actor = title.actor
    return [m for m in mentions if id(m) not in joined] if joined else mentions
