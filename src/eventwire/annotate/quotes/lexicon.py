"""Word lists that signal attribution: speech cues, attitude cues, pronouns.

Attribution in news is mostly speech ("said", "told", "warned"), but annotation schemes such as
PolNeAR also attribute beliefs, intentions and stances ("thinks", "plans to", "backs"). The two kinds
are kept apart: a speech cue may introduce a verbatim quote or reported speech; an attitude cue only
introduces reported content (a clause or an infinitive), since nobody "believes" a quotation.
"""

from __future__ import annotations


def word_set(words: str) -> frozenset[str]:
    """A set from a whitespace-separated list, so long lists stay readable."""
    return frozenset(words.split())


# Lemmas of verbs that report an act of saying or writing.
SPEECH_VERBS = word_set(
    """
    say tell state add warn claim clarify reiterate insist argue note announce deny accuse describe
    explain write tweet post report declare assert suggest acknowledge admit concede confirm predict
    promise vow pledge urge ask reply respond answer remark comment mention observe contend maintain
    stress emphasize emphasise recall recount quip joke boast brag complain lament charge allege testify
    inform assure reveal disclose indicate signal hint caution advise question wonder shout yell chant
    scream exclaim whisper muse conclude repeat counter retort rule order decree propose recommend
    demand threaten criticize criticise praise blast slam dismiss reject call label brand dub
    characterize characterise proclaim concur agree disagree mutter sigh laugh smile write blog
    estimate forecast project speculate acknowledge affirm reaffirm assert insinuate imply pronounce
    read continue begin offer plead beg instruct direct advise reason theorize opine posit contend
    """
)

# Lemmas of verbs that attribute a belief, perception, intention or stance: reported content only.
ATTITUDE_VERBS = word_set(
    """
    believe think feel know expect hope fear worry doubt want wish plan intend decide consider suspect
    assume guess understand realize realise recognize recognise learn remember forget see hear find
    show prove support back endorse oppose prefer aim seek refuse decline agree trust suppose imagine
    reckon anticipate envision predict prefer insist acknowledge accept regret hate love like dislike
    need desire mean
    """
)

# Lemmas whose direct object is what is attributed ("endorsed Trump", "denied the report").
OBJECT_CUE_VERBS = word_set(
    """
    announce deny criticize criticise accuse praise blast slam defend endorse support oppose reject
    back propose demand promise urge cite dismiss question describe mention discuss confirm
    acknowledge admit predict recommend welcome condemn applaud decry denounce blame hail tout dispute
    challenge reveal disclose want prefer favor favour dislike hate fear expect doubt recall trust
    distrust claim declare suggest report blame credit thank
    """
)

# Lemmas attributing through a preposition ("talked about the economy", "called for a ban").
PREPOSITION_CUES = {
    "about": word_set("talk speak write complain worry care think know ask joke warn testify boast brag"),
    "of": word_set("speak talk think warn complain boast approve disapprove accuse"),
    "on": word_set("comment focus insist agree weigh reflect elaborate remark"),
    "for": word_set("call push argue advocate campaign vote lobby press plead appeal root"),
    "against": word_set("argue campaign vote rail warn speak lash caution advocate testify"),
    "with": word_set("agree disagree side"),
}

# Lemmas that are only cues when something is attributed through them, never bare ("he continued").
WEAK_SPEECH_VERBS = frozenset({"continue", "begin", "read", "call", "offer", "direct", "question"})

# Third-person pronouns that name a speaker elsewhere in the text, with the kind of referent they
# take (a man, a woman, a group, an organisation); first/second person ones and "who"/"which" are
# not resolved this way (they point inside a quotation or to the word just before).
RESOLVABLE_PRONOUNS = {
    "he": "M",
    "him": "M",
    "his": "M",
    "she": "F",
    "her": "F",
    "they": "PL",
    "them": "PL",
    "their": "PL",
    "it": "ORG",
    "its": "ORG",
}

# Entity labels a speaker can carry; GPE/NORP speak through governments ("Russia said").
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
