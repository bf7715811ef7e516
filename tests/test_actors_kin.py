"""Relatives, aides and lawyers of a person are not that person (issue 14), on hand-written
sentences through the real pipeline: mentions, event sides and quote speakers."""

from __future__ import annotations

import pytest

from eventwire import analyze
from eventwire.pipeline import PipelineConfig

ALL_EVENTS = PipelineConfig(min_confidence=0.0)


def _mention(document, text):
    return next(m for m in document.actors if m.text == text)


def _ids(document):
    return {m.actor.actor_id for m in document.actors}


# Relatives ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "span", "code"),
    [
        # an unnamed relative: a civilian of the principal's country, not the principal
        ("Biden's wife visited Ukraine on Sunday.", "2022-03-01", "Biden's wife", "USACVL"),
        ("WASHINGTON — The senator's son criticised the Justice Department.", "2018-03-01", "senator's son",
         "USACVL"),
        # named, but the table has no entry of their own: still a civilian, not the principal
        ("Biden's nephew Caleb Biden was indicted.", "2022-03-01", "Biden's nephew Caleb Biden", "USACVL"),
        ("The wife of Vladimir Putin's spokesman criticised the West.", "2022-03-01",
         "wife of Vladimir Putin's spokesman", "RUSCVL"),
    ],
)  # fmt: skip
def test_actors_kin_relative_is_a_civilian_not_the_principal(text, published, span, code):
    document = analyze(text, published=published)
    mention = _mention(document, span)
    assert mention.actor.cameo_code == code and mention.actor.actor_id == code
    assert not _ids(document) & {"joe-biden", "vladimir-putin"}


def test_actors_kin_named_relative_keeps_their_own_entry():
    document = analyze("Trump's daughter Ivanka met Chinese officials in Beijing.", published="2018-03-01")
    mention = _mention(document, "Trump's daughter Ivanka")
    assert (mention.actor.actor_id, mention.actor.cameo_code) == ("ivanka-trump", "USAGOV")
    assert "donald-trump" not in _ids(document)
    document = analyze("Zelensky's wife Olena Zelenska met the Pope.", published="2024-03-01")
    assert _mention(document, "Zelensky's wife Olena Zelenska").actor.actor_id == "olena-zelenska"


def test_actors_kin_pronoun_relative_takes_the_country_of_the_persons_named_before():
    document = analyze(
        "Senator Ted Cruz spoke on Monday. Her husband accused the police of lying.", published="2018-03-01"
    )
    mention = _mention(document, "Her husband")
    assert (mention.actor.actor_id, mention.actor.cameo_code) == ("USACVL", "USACVL")
    # persons of two countries before it: whose relative it is, is not known
    document = analyze("Donald Trump met Vladimir Putin. His wife accused the press of lying.", published="2018-03-01")
    assert _mention(document, "His wife").actor.actor_id == "generic:CVL"


def test_actors_kin_relative_of_an_unknown_country_is_unresolved():
    for text, span in [
        ("The governor's brother accused the police of lying.", "governor's brother"),
        ("Her husband accused the police of lying.", "Her husband"),
    ]:
        mention = _mention(analyze(text, published="2018-03-01"), span)
        assert mention.actor.country is None and mention.actor.actor_id == "generic:CVL"


# Staff ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "span", "code"),
    [
        # government or legislature staff: the principal's code, not the principal
        ("An adviser to Putin threatened Ukraine.", "2022-03-01", "adviser to Putin", "RUSGOV"),
        ("A spokesman for Senator Ted Cruz criticised the FBI.", "2018-03-01", "spokesman for Senator Ted Cruz",
         "USALEG"),
        ("Chief of staff to the president of Russia criticised Ukraine.", "2022-03-01",
         "Chief of staff to the president of Russia", "RUSGOV"),
        # a candidate's staff are campaign staff
        ("A spokeswoman for Donald Trump criticised Hillary Clinton.", "2016-05-01",
         "spokeswoman for Donald Trump", "USAOPP"),
        # "former": no current office
        ("A former aide to Senator Ted Cruz accused the FBI of lying.", "2018-03-01",
         "former aide to Senator Ted Cruz", "USAELI"),
        # a lawyer for a person is a private professional, not the client's office
        ("A lawyer for Donald Trump criticised the FBI.", "2018-03-01", "lawyer for Donald Trump", "USABUS"),
        ("Trump's lawyer Peter Kalish criticised the FBI.", "2018-03-01", "Trump's lawyer Peter Kalish",
         "USABUS"),
    ],
)  # fmt: skip
def test_actors_kin_staff_take_the_office_not_the_person(text, published, span, code):
    document = analyze(text, published=published)
    mention = _mention(document, span)
    assert mention.actor.cameo_code == code and mention.actor.actor_id == code  # a code, no person
    assert not _ids(document) & {"vladimir-putin", "ted-cruz", "donald-trump"}


@pytest.mark.parametrize(
    ("text", "span", "code"),
    [
        # a person's office and staff are their office's code, not the person
        ("Senator Ted Cruz spoke on Monday. Cruz's office denied the report.", "Cruz's office", "USALEG"),
        ("The Secret Service spoke with Donald Trump or his staff.", "his staff", "USAOPP"),
        ("Senator Ted Cruz spoke on Monday. His office denied the report.", "His office", "USALEG"),
    ],
)  # fmt: skip
def test_actors_kin_office_and_staff_of_a_person_take_the_office(text, span, code):
    document = analyze(text, published="2016-05-01")
    mention = _mention(document, span)
    assert mention.actor.cameo_code == code and mention.actor.actor_id == code


def test_actors_kin_pronoun_staff_need_one_code_among_the_persons_named_before():
    # two persons of different codes before "his": whose staff, the pronoun does not say
    document = analyze("Donald Trump met Senator Ted Cruz. His staff denied the report.", published="2016-05-01")
    assert not any("staff" in m.text for m in document.actors)
    # a name apposed to a pronoun's aide says who it is, and is read as that name
    document = analyze("Hillary Clinton spoke. Her senior aide, John Podesta, denied it.", published="2016-05-01")
    assert _mention(document, "John Podesta").actor.actor_id == "john-podesta"
    assert not any("aide" in m.text for m in document.actors)


def test_actors_kin_staff_without_a_known_country_stay_unresolved():
    mention = _mention(analyze("A former aide to the governor accused the police.", published="2018-03-01"),
                       "former aide to the governor")  # fmt: skip
    assert mention.actor.country is None and mention.actor.sector == "ELI"


def test_actors_kin_named_aide_keeps_their_own_entry():
    document = analyze("Putin's spokesman Dmitry Peskov criticised the United States.", published="2024-03-01")
    assert _mention(document, "Putin's spokesman Dmitry Peskov").actor.actor_id == "dmitry-peskov"
    assert "vladimir-putin" not in _ids(document)


def test_actors_kin_a_body_s_spokesman_is_left_to_the_role_noun_rules():
    document = analyze("A spokesman for the Kremlin criticised Ukraine.", published="2024-03-01")
    assert {m.actor.cameo_code for m in document.actors if m.start < 10} == {"RUSGOV"}


# Events and quotes follow -----------------------------------------------------------------------


def test_actors_kin_event_side_is_the_relative_not_the_principal():
    text = "WASHINGTON — The senator's son accused the Justice Department of lying on Monday."
    document = analyze(text, published="2018-03-01", config=ALL_EVENTS)
    sources = [e.source for e in document.events if e.plover_type == "ACCUSE"]
    assert sources and all(s.code == "USACVL" and s.person is None for s in sources)


def test_actors_kin_event_side_of_an_aide_has_no_person():
    document = analyze("An adviser to Putin threatened Ukraine.", published="2022-03-01", config=ALL_EVENTS)
    threats = [e for e in document.events if e.plover_type == "THREATEN"]
    assert threats and all(e.source.code == "RUSGOV" and e.source.person is None for e in threats)
    assert threats[0].source.span.text == "adviser to Putin"


def test_actors_kin_quote_speaker_is_the_relative():
    text = '"We will sue," the senator\'s son said. "This is a witch hunt," a lawyer for Donald Trump said.'
    document = analyze(text, published="2018-03-01")
    speakers = [(q.speaker.text, q.speaker_actor.actor_id) for q in document.quotes]
    assert speakers == [("the senator's son", "generic:CVL"), ("a lawyer", "USABUS")]


def test_actors_kin_apposed_name_is_the_relative_throughout():
    text = "President Biden's son, Hunter Biden, was indicted. Hunter Biden denied the charges."
    document = analyze(text, published="2022-03-01")
    assert [(m.text, m.actor.cameo_code) for m in document.actors] == [
        ("President Biden's son", "USACVL"),
        ("Hunter Biden", "USACVL"),
    ]
    assert "joe-biden" not in _ids(document)


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # the son's own entry, not his father's
        ("Donald Trump Jr. met Russian lawyers.", "2018-03-01", ("Donald Trump Jr", "USABUS")),
        # a first name the agent table reads as a role ("hunter") is no title: the son, not Joe Biden
        ("Hunter Biden was indicted on Monday.", "2022-03-01", ("Hunter Biden", "USACVL")),
        # a namesake the table lacks is a civilian of the family's country, not the father
        ("Eric Biden Jr. met Russian lawyers.", "2022-03-01", None),
        # a suffix the table writes is the same person
        ("Joseph R. Biden Jr. met Putin.", "2022-03-01", ("Joseph R. Biden Jr", "USAGOV")),
    ],
)
def test_actors_kin_namesakes_are_someone_else(text, published, expected):
    document = analyze(text, published=published)
    first = document.actors[0] if document.actors and document.actors[0].start == 0 else None
    assert (first and (first.text, first.actor.cameo_code)) == expected
    if expected is None or expected[1] == "USACVL":
        assert not _ids(document) & {"donald-trump", "joe-biden"}


def test_actors_kin_known_person_in_apposition_is_the_one_mention():
    document = analyze(
        "Both her husband, former President Bill Clinton, and Senator Tim Kaine campaigned for Hillary Clinton.",
        published="2016-03-16",
    )
    texts = {m.text: m.actor.cameo_code for m in document.actors}
    assert texts.get("former President Bill Clinton") == "USAELI", texts
    assert not [t for t in texts if t.endswith("husband")], texts
