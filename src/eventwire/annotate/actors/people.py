"""People the actor table lacks or names only in part: a private person the story follows, a lone
surname of the one person serving the story's country under it, a surname's particles and suffixes.

``private_person``, ``origin`` and ``foreign_minor`` are read by ``names.name_mentions`` for each
unresolved person entity; ``serving_surnames`` runs after it over the proper nouns no mention covers.
"""

from __future__ import annotations

from datetime import date

import numpy
from spacy.attrs import LEMMA, POS
from spacy.strings import hash_string
from spacy.symbols import PROPN
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.headlines import in_headline
from eventwire.annotate.actors.match import SCORES, inside_a_word
from eventwire.annotate.actors.namesakes import DOUBTFUL_SECTORS
from eventwire.annotate.actors.text import normalise
from eventwire.annotate.timex.lexicon import MONTHS, WEEKDAYS
from eventwire.model import Actor, ActorMention, SpanIndex

# A private person the table lacks is coded as a civilian of the story's country when the story
# names them at least this often (the full name included).
PRIVATE_ROLE = "CVL"
PRIVATE_MIN_NAMINGS = 2
# Particles that open a surname ("de Blasio", "van Rompuy"): written alone they still name the person.
SURNAME_PARTICLES = frozenset({"de", "van", "von", "da", "di", "du", "le", "la", "al", "el", "der", "den", "ter"})
# Tokens after which a capitalised word may open a clause rather than be a name ("“Will you …").
CLAUSE_OPENERS = frozenset({".", "!", "?", ":", ";", "“", '"', "‘", "'", "(", "—", "–", "-"})
# Generational suffixes after a surname.
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Entity types of a capitalised word that is no person's surname ("Sanford, Fla.", "In May").
NOT_PERSON_ENTITIES = frozenset({"GPE", "LOC", "FAC", "NORP", "DATE", "TIME", "EVENT"})
# Words of a copyright line: the name after them is the publisher's.
COPYRIGHT_WORDS = frozenset({"©", "(c)", "c", "copyright"})
# Days and months: a capitalised one beside a surname joins no name ("introducing Pence Thursday").
DAY_NAMES = frozenset((*WEEKDAYS, *MONTHS))
# Verbs that send a person back to where they belong ("return Elian to Cuba").
RETURN_VERB_IDS = numpy.array(
    [hash_string(word) for word in ("return", "repatriate", "deport", "extradite")], dtype=numpy.uint64
)
# Words looked back over for a demonym describing a name ("British mine removal expert …").
DESCRIPTION_WORDS = 5
# Words looked back over for a body's title before a name ("association executive director").
MAX_TITLE_WORDS = 4


def serving_surnames(
    doc: Doc,
    ents: tuple[SpacySpan, ...],
    mentions: list[ActorMention],
    home: str,
    dictionary: ActorDictionary,
    when: date | None,
    taken: SpanIndex,
) -> list[ActorMention]:
    """A lone surname of the one person then serving the story's country under it ("followed by
    Rubio at 14" in a 2016 US story), wherever the tagger left it outside any mention. A surname
    the story gives an unknown person in full ("Sadiq Khan") is theirs; a place or a
    date is no name."""
    named = SpanIndex([(m.start, m.end) for m in mentions if m.method != "generic"])
    others = {
        normalise(e[-1].text)
        for e in ents
        if e.label_ == "PERSON"
        and len(e) > 1
        and not (len(e) == 2 and e[0].lower_ in SURNAME_PARTICLES)
        and not named.overlaps(e.start_char, e.end_char)
        and not in_headline(e[0])
    }
    found = []
    text = doc.text  # spaCy joins it anew on every read
    for i in numpy.flatnonzero(doc.to_array([POS]) == PROPN).tolist():  # few tokens are proper nouns
        token = doc[i]
        if not token.text[:1].isupper() or not token.is_alpha:
            continue
        key = normalise(token.text)
        if not dictionary.is_surname(key):
            continue
        if key in others or (token.ent_type_ in NOT_PERSON_ENTITIES and not _misdated(token)):
            continue
        before = doc[token.i - 1] if token.i > 0 else None
        # "De Blasio": a capitalised particle opens the surname, even at a sentence's start
        particle = before is not None and before.lower_ in SURNAME_PARTICLES and before.text[:1].isupper()
        first = before if particle else token
        # a capitalised word opening a sentence or clause may be no name: only someone the hand-kept
        # supplement follows is read there ("Cruz openly admitted …")
        opening = not particle and (token.is_sent_start or before.text in CLAUSE_OPENERS)
        # a headline's capitals join no names ("PBS Moderators Ignore Clinton Scandals")
        if not in_headline(token):
            neighbours = [doc[i] for i in (first.i - 1, token.i + 1) if 0 <= i < len(doc)]
            joined = [n for n in neighbours if n.pos_ == "PROPN" and n.text[:1].isupper() and n.lower_ not in DAY_NAMES]
            if first.ent_iob_ == "I" or joined:
                continue
        start, end = first.idx, token.idx + len(token)
        if taken.overlaps(start, end) or inside_a_word(text, start, end):
            continue
        record = dictionary.serving(key, home, when)
        if record is not None and opening and not record.curated:
            continue
        actor = dictionary.actor(record, when) if record is not None else None
        if actor is not None:
            found.append(ActorMention(start, end, doc[first.i : token.i + 1].text, actor, "coref", SCORES["coref"]))
            taken.add((start, end))
    return found


def _misdated(token: Token) -> bool:
    """A name the tagger took into a date that it opens ("with Rubio a year ago" read as one
    date): the date's first word, and no day or month name."""
    return token.ent_type_ in ("DATE", "TIME") and token.ent_iob_ == "B" and token.lower_ not in DAY_NAMES


def surname_token(span: SpacySpan) -> Token:
    """The surname of a name: its last word, or the one before a generational suffix ("Luther
    Stan Pate IV", "Robert Kennedy Jr.")."""
    if len(span) > 1 and normalise(span[-1].text) in NAME_SUFFIXES:
        return span[-2]
    return span[-1]


def foreign_minor(actor: Actor, home: str | None) -> bool:
    """A near spelling of a legislator, judge or former official of another country than the
    story's: more often someone the table lacks ("Tracy Martin" is not New Zealand's Tracey Martin)."""
    return home is not None and actor.country not in (None, home) and actor.sector in DOUBTFUL_SECTORS


def private_person(doc: Doc, ent: SpacySpan, orth_counts: dict[int, int], taken: SpanIndex) -> bool:
    """A full name of capitalised words that the story names again by its surname; not a passer-by
    quoted with an age ("Harry Bond, 30, of Raleigh"), nor someone titled by a body named right
    before ("AU Commission Chairperson Moussa Kone"), nor a publisher in a copyright line."""
    if ent.label_ != "PERSON" or len(ent) < 2 or not all(t.text[:1].isupper() and t.is_alpha for t in ent):
        return False
    for before in reversed(doc[max(0, ent.start - MAX_TITLE_WORDS) : ent.start]):
        if before.is_punct or not before.text[:1].isupper():
            break
        if taken.overlaps(before.idx, before.idx + len(before)):
            return False
    after = doc[ent.end : ent.end + 3]
    if len(after) == 3 and after[0].text == "," and after[1].like_num and after[2].text == ",":
        return False
    if any(t.lower_ in COPYRIGHT_WORDS for t in doc[max(0, ent.start - 4) : ent.start]):
        return False  # "(c) 2025 Bosphorus Ledger": the publisher
    return orth_counts.get(surname_token(ent).orth, 0) >= PRIVATE_MIN_NAMINGS


def origin(doc: Doc, ent: SpacySpan, dictionary: ActorDictionary) -> tuple[int, str] | None:
    """(start offset, country) of a demonym among the words describing a name ("Cuban boy Elian
    Gonzalez", "British mine removal expert Christopher Howes"): a private person is of it, whatever
    the story's country, and the description is part of the mention."""
    for token in reversed(doc[max(0, ent.start - DESCRIPTION_WORDS) : ent.start]):
        if token.is_punct or token.is_space or token.pos_ not in ("ADJ", "NOUN", "PROPN", "NUM"):
            return None
        if (token.ent_type_ == "NORP" or token.pos_ == "ADJ") and token.text[:1].isupper():
            countries = dictionary.countries_named(token.text)  # a people's word, not a city's ("Benghazi widow")
            if countries:
                return token.idx, countries[0]
    return None


def returned_to(doc: Doc, dictionary: ActorDictionary) -> dict[str, str]:
    """Names of people the text returns, repatriates, deports or extradites to a country ("return
    Elian Gonzalez to Cuba", "deport Elian to Cuba"), normalised, with that country: a private
    person belongs where they are to be returned, whatever the story's country."""
    found: dict[str, str] = {}
    for i in numpy.flatnonzero(numpy.isin(doc.to_array([LEMMA]), RETURN_VERB_IDS)).tolist():
        verb = doc[i]
        person = next((t for t in verb.children if t.dep_ == "dobj" and t.pos_ == "PROPN"), None)
        to = next((t for t in verb.children if t.dep_ == "prep" and t.lower_ == "to"), None)
        place = next((t for t in to.children if t.dep_ == "pobj"), None) if to is not None else None
        if person is None or place is None:
            continue
        countries = dictionary.countries_named(place.text)
        if countries:
            name = [t for t in person.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"] + [person]
            found.setdefault(normalise(" ".join(t.text for t in name)), countries[0])
    return found
