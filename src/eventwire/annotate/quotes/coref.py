"""Simple coreference for pronoun speakers: "he said" → the person the text last named.

A pronoun speaker keeps its mention as ``Quote.speaker`` and gets its antecedent as
``Quote.speaker_ref``, because downstream stages link speakers to actors and "he" links to nothing;
this is the one place pronoun speakers are resolved. The antecedent is, nearest sentence first
within ``ANTECEDENT_SENTENCES``, the speaker of an earlier attribution (or what an earlier pronoun
speaker was resolved to), else the subject of the sentence, else the latest compatible name mention
outside quotations (a capitalised word tagged as a noun counts when the text names a person by it
elsewhere). Failing those, the window stretches over sentences wholly inside quotations, which do
not count, for an earlier attribution's speaker: a speech quoted sentence by sentence goes on with
its speaker. "He"/"she" skip names the text itself marks as the
other gender (an honorific, a gendered noun, or "his"/"her" after a lone name); "they" takes groups
and organisations, "it" organisations. With none found there is no antecedent.
"""

from __future__ import annotations

from collections import Counter

from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, LOWER, POS, SENT_START
from spacy.strings import get_string_id
from spacy.symbols import PROPN, nsubj
from spacy.tokens import Doc, Token

from eventwire.annotate.quotes.lexicon import RESOLVABLE_PRONOUNS, SPEAKER_LABELS, word_set
from eventwire.annotate.quotes.speakers import CharSpan, Quoted, mention_span, never_quoted

# How far back (in sentences) a pronoun looks for an antecedent; news re-names speakers often.
ANTECEDENT_SENTENCES = 4
# Share of a surname's gender votes one gender needs before the surname counts as that gender.
CLEAR_MAJORITY = 0.75
# Words that mark a person's gender next to a name: honorifics, pronouns, gendered nouns.
FEMALE_WORDS = word_set(
    """
    mrs ms miss she her hers herself woman women spokeswoman congresswoman chairwoman businesswoman
    mother wife daughter sister grandmother actress lady queen
    """
)
MALE_WORDS = word_set(
    """
    mr he him his himself man men spokesman congressman businessman father husband son brother
    grandfather actor king
    """
)

# Titles that make a name a person's even when the entity tagger calls it an organisation.
PERSON_TITLES = word_set(
    """
    president chancellor minister senator sen rep gov governor mr mrs ms dr secretary spokesman
    spokeswoman spokesperson prime king queen pope gen general judge justice mayor ambassador
    chairman chairwoman ceo director leader commander premier prince princess sheikh emir
    """
)
GENDERED_PRONOUNS = {"he": "M", "his": "M", "himself": "M", "she": "F", "her": "F", "herself": "F"}

PRONOUN_GENDER_IDS = {get_string_id(word): gender for word, gender in GENDERED_PRONOUNS.items()}
PERSON_ID = get_string_id("PERSON")
ORG_ID = get_string_id("ORG")
IOB_INSIDE = 1  # spaCy's ENT_IOB code for a token inside (not beginning) an entity


def _vote_pronouns(votes: dict[str, Counter], people: set[int], pronouns: list[str], doc: Doc) -> None:
    """A sentence naming one person lends that person the gender of its pronouns."""
    if len(people) == 1 and pronouns:
        votes.setdefault(doc.vocab.strings[next(iter(people))], Counter()).update(pronouns)


def gender_votes(doc: Doc) -> dict[str, str]:
    """Surname → "F"/"M" where the text itself marks a person's gender (see the module docstring),
    "P" for the other people it names."""
    votes: dict[str, Counter] = {}
    for entity in doc.ents:
        if entity.label_ != "PERSON":
            continue
        surname = entity[-1].lower_
        cues = [doc[entity.start - 1].lower_.rstrip(".")] if entity.start else []
        cues += [t.lower_ for t in entity.root.children if t.dep_ in ("appos", "compound", "amod")]
        for word in cues:
            if word in FEMALE_WORDS:
                votes.setdefault(surname, Counter())["F"] += 2
            elif word in MALE_WORDS:
                votes.setdefault(surname, Counter())["M"] += 2
    rows = doc.to_array([SENT_START, ENT_TYPE, ENT_IOB, POS, DEP, LOWER]).tolist()
    people: set[int] = set()
    pronouns: list[str] = []
    for index, (sent_start, ent_type, _, pos, dep, lower) in enumerate(rows):
        if sent_start == 1:
            _vote_pronouns(votes, people, pronouns, doc)
            people, pronouns = set(), []
        if ent_type == PERSON_ID:
            if index + 1 == len(rows) or rows[index + 1][2] != IOB_INSIDE:
                people.add(lower)
        elif pos == PROPN and dep == nsubj and ent_type in (0, ORG_ID):
            people.add(lower)  # a name the tagger left unlabelled or took for an organisation
        elif lower in PRONOUN_GENDER_IDS and people:
            pronouns.append(PRONOUN_GENDER_IDS[lower])  # only a pronoun after the name refers back
    _vote_pronouns(votes, people, pronouns, doc)
    genders = {}
    for name, count in votes.items():
        gender, top = count.most_common(1)[0]
        # A surname two people share (Bill and Hillary Clinton) gets mixed votes: gender unknown.
        genders[name] = gender if top >= CLEAR_MAJORITY * sum(count.values()) else "P"
    for entity in doc.ents:
        if entity.label_ == "PERSON":
            # A person, gender unknown: lets "Trump", tagged ORG elsewhere, still be "he".
            genders.setdefault(entity[-1].lower_, "P")
    return genders


def _titled(token: Token) -> bool:
    """A name carrying a personal title ("Chancellor Olaf Scholz"), whatever the tagger thought."""
    return any(c.lower_.rstrip(".") in PERSON_TITLES for c in token.lefts if c.dep_ in ("compound", "amod"))


def _name_like(token: Token, genders: dict[str, str]) -> bool:
    """A proper noun, or a capitalised word the tagger took for a common noun that the text names
    a person by elsewhere (a headline's "Trump fires up …")."""
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "NOUN" and not token.ent_type_ and token.is_title and token.lower_ in genders


def _surname(token: Token) -> str:
    """The last word of the person entity ``token`` is in ("Bernie" → "sanders")."""
    doc = token.doc
    index = token.i
    while index + 1 < len(doc) and doc[index + 1].ent_iob_ == "I":
        index += 1
    return doc[index].lower_


def _referent_kind(token: Token, genders: dict[str, str]) -> str:
    """What a candidate antecedent can be called: "M"/"F" (a gendered person), "P" (a person),
    "PL" (a group), "ORG", "N" (a singular common noun), "?" (an unlabelled name) or ""."""
    label = token.ent_type_
    if label and label not in SPEAKER_LABELS:
        return ""
    word = _surname(token) if label == "PERSON" else token.lower_
    if word in genders:
        return genders[word]
    if word in FEMALE_WORDS or word in MALE_WORDS:
        return "F" if word in FEMALE_WORDS else "M"
    if token.tag_ in ("NNS", "NNPS"):
        return "PL"
    if label == "PERSON" or (token.pos_ == "PROPN" and _titled(token)):
        return "P"
    if label:
        return "ORG"
    if token.pos_ == "NOUN":
        return "N"
    return "?" if token.pos_ == "PROPN" else ""


# Which candidate kinds each pronoun may take, for a named speaker or subject / for any mention.
PRONOUN_REFERENTS = {
    "M": ({"M", "P", "?", "N"}, {"M", "P"}),
    "F": ({"F", "P", "?", "N"}, {"F", "P"}),
    "PL": ({"PL", "ORG"}, {"ORG"}),
    "ORG": ({"ORG", "N"}, {"ORG"}),
}


def _named_subject(token: Token, wanted: str) -> Token | None:
    """The referent a subject gives: itself when a name (or, for "they", a plural noun), or the
    person named in apposition to it ("Clinton's chief rival, Sen. Bernie Sanders of Vermont")."""
    if token.pos_ == "PROPN" or (wanted == "PL" and token.tag_ == "NNS"):
        return token
    if token.pos_ == "NOUN":
        for child in token.rights:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return child
    return None


def resolve_pronoun(
    pronoun: Token,
    earlier_speakers: list[tuple[Token, Token, CharSpan]],
    genders: dict[str, str],
    quoted: Quoted = never_quoted,
) -> tuple[Token, CharSpan] | None:
    """The antecedent of a third-person pronoun speaker, or None; see the module docstring. Names
    inside quotations (``quoted``) are someone else's words, not antecedents.

    ``earlier_speakers`` holds, per earlier attribution, where its speaker was mentioned, the token
    it refers to and that referent's span (for a resolved pronoun, its antecedent's), so a run of
    "she said" keeps pointing at the same person.
    """
    wanted = RESOLVABLE_PRONOUNS.get(pronoun.lower_)
    if wanted is None:
        return None
    doc: Doc = pronoun.doc
    as_subject, as_mention = PRONOUN_REFERENTS[wanted]

    def fits_subject(token: Token) -> bool:
        return _referent_kind(token, genders) in as_subject

    def fits_mention(token: Token) -> bool:
        return _referent_kind(token, genders) in as_mention

    sentence = pronoun.sent
    window_start = sentence.start
    sentences = [sentence]
    counted = 0
    while counted < ANTECEDENT_SENTENCES and window_start > 0:
        previous = doc[window_start - 1].sent
        sentences.append(previous)
        window_start = previous.start
        counted += any(not (quoted(t.i) or t.is_punct or t.is_space) for t in previous)
    near = sentences[: ANTECEDENT_SENTENCES + 1]
    for span in near:
        limit = min(span.end, pronoun.i)
        speakers = [s for s in earlier_speakers if span.start <= s[0].i < limit and fits_subject(s[1])]
        if speakers:
            return speakers[-1][1], speakers[-1][2]
        before = [t for t in span[: max(0, limit - span.start)] if not quoted(t.i)]
        named = [_named_subject(t, wanted) for t in before if t.dep_ in ("nsubj", "nsubjpass")]
        subjects = [t for t in named if t is not None and fits_subject(t)]
        if subjects:
            return subjects[0], mention_span(subjects[0])
    for span in near:
        limit = min(span.end, pronoun.i)
        before = span[: max(0, limit - span.start)]
        names = [t for t in before if _name_like(t, genders) and not quoted(t.i) and fits_mention(t)]
        if names:
            head = names[-1]
            while head.dep_ == "compound" and head.head.i > head.i and fits_mention(head.head):
                head = head.head
            if head.pos_ != "PROPN":
                return head, (head.idx, head.idx + len(head.text))  # a mis-tagged name: the word alone
            return head, mention_span(head)
    # Beyond the window lie only sentences of quoted speech: the speaker who opened it goes on.
    for span in sentences[len(near) :]:
        speakers = [s for s in earlier_speakers if span.start <= s[0].i < span.end and fits_subject(s[1])]
        if speakers:
            return speakers[-1][1], speakers[-1][2]
    return None
