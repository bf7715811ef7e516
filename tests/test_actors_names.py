"""Names around countries and titles: parts of a country, demonyms after a capitalised word, and
office holders the dictionary does not know."""

from __future__ import annotations

from datetime import date

import pytest

from actor_support import US_STORY
from eventwire.annotate.actors.resolve import resolve_actors

WHEN = date(2024, 11, 19)


def _codes(nlp, text):
    return {m.text: (m.actor.cameo_code, m.method) for m in resolve_actors(nlp(text), WHEN)}


@pytest.mark.parametrize(
    ("text", "words", "code"),
    [
        # a capitalised direction names a part of the country, not another name
        ("Israel mounted an invasion of South Lebanon.", "Lebanon", "LBN"),
        ("Western Cambodia sent more troops to the front.", "Cambodia", "KHM"),
        # a demonym after a sentence-initial capitalised word is no part of a name
        ("Young Algerians blocked the roads on Sunday.", "Algerians", "DZA"),
        ("Radical French farmers said they would blockade the capital.", "French farmers", "FRAAGR"),
    ],
)
def test_actors_names_country_after_capitalised_word(nlp, text, words, code):
    assert _codes(nlp, text).get(words, (None,))[0] == code


def test_actors_names_other_name_still_blocks(nlp):
    assert "Ukraine" not in _codes(nlp, "RBC Ukraine reported the strike on Monday.")


@pytest.mark.parametrize(
    ("text", "words", "code", "method"),
    [
        # an unknown name after a title: the office, with the sentence's country
        ("President Dos Sontas conceded to demands from Angola's rebels.", "President Dos Sontas", "AGOGOV", "context"),
        ("Judge Alejandro Rivera questioned 28 Chilean officials.", "Judge Alejandro Rivera", "CHLJUD", "context"),
        # "former" makes the office holder an elite
        (
            "An Argentine judge ordered former president Carlos Quintarro to appear.",
            "former president Carlos Quintarro",
            "ARGELI",
            "context",
        ),
        # a lower-case title the name stands in apposition to
        (
            "Pakistan allowed opposition leader Maulana Fazl-ur-Rehman to hold a rally.",
            "opposition leader Maulana Fazl-ur-Rehman",
            "PAKCVLOPP",
            "context",
        ),
        # a country word right before the title is the office's country
        (
            "Serbian President Vojislav Kostunica promised reforms.",
            "Serbian President Vojislav Kostunica",
            "SRBGOV",
            "title",
        ),
    ],
)
def test_actors_names_unknown_office_holder(nlp, text, words, code, method):
    assert _codes(nlp, text).get(words) == (code, method)


def test_actors_names_unknown_office_holder_without_country(nlp):
    code, method = _codes(nlp, "President Brannigar said the talks would go on.")["President Brannigar"]
    assert (code, method) == ("GOV", "generic")


def test_actors_names_surname_owns_an_agent(nlp):
    codes = _codes(nlp, "The Bush administration declared that China must drop its barriers.")
    assert codes["Bush administration"] == ("USAGOV", "title")


def test_actors_names_unknown_owner_keeps_the_sentence_country_out(nlp):
    # whose administration it is, is said: it is not China's
    codes = _codes(nlp, "The Smithson administration declared that China must drop its barriers.")
    assert codes["administration"] == ("GOV", "generic")


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Salaheddine Sidhoum, Algeria's leading human rights activist, went on strike.", "Salaheddine Sidhoum", "DZA"),
        ("A member of the Syrian parliament, Mohammed Mamoun, went on hunger strike.", "Mohammed Mamoun", "SYRLEG"),
    ],
)
def test_actors_names_apposition(nlp, text, name, code):
    actor_code, method = _codes(nlp, text)[name]
    assert actor_code.startswith(code) and method == "apposition"


def test_actors_names_agents_only_phrase_takes_its_head(nlp):
    codes = _codes(nlp, "Moslem forces in east Bosnia agreed to a truce.")
    assert codes["Moslem forces"] == ("BIHMIL", "context")


@pytest.mark.parametrize(
    ("text", "words", "code"),
    [
        # a capital lends its country to an agent
        ("Tehran's police arrested two students.", "Tehran's police", "IRNCOP"),
        ("Iranian authorities pressured the United Bus Company of Tehran.", "Company of Tehran", "IRNBUS"),
        # an organisation opening a longer name still names it, after "the" too
        ("The Hamas Political Bureau said the talks failed.", "Hamas", "PSEREBHMS"),
    ],
)
def test_actors_names_places_and_organisations_in_phrases(nlp, text, words, code):
    assert _codes(nlp, text).get(words, (None,))[0] == code


def test_actors_names_one_word_organisation_inside_another_name(nlp):
    # "Organization" alone is an alias of a militant group; here it is the end of another name
    codes = _codes(nlp, "The League urged Europe to support the Palestinian Liberation Organization.")
    assert "Organization" not in codes


@pytest.mark.parametrize(
    ("text", "words", "code"),
    [
        # an ethnic group is the civilians of where it lives, not the state of its name
        ("Serb forces killed three ethnic Albanians in southeastern Serbia.", "Albanians", "SRBCVL"),
        ("Ethnic Albanian guerrillas clashed with Macedonian police.", "Albanian guerrillas", "MKDREB"),
        # civilians take the country of a place they are in
        ("Israeli troops killed three civilians in Gaza on Monday.", "civilians", "PSEGZACVL"),
    ],
)
def test_actors_names_people_where_they_live(nlp, text, words, code):
    assert _codes(nlp, text).get(words) == (code, "context")


def test_actors_names_agent_shared_by_listed_countries(nlp):
    codes = _codes(nlp, "The foreign ministers of France, Germany and Italy met in Rome.")
    assert codes["foreign ministers of France"][0] == "FRAGOV"
    assert codes["Germany"] == ("DEUGOV", "title") and codes["Italy"] == ("ITAGOV", "title")


def test_actors_names_first_names_and_demonyms_in_person_entities(nlp):
    # a country word opening a person's name is a first name; a demonym stays a country
    assert "Jordan" not in _codes(nlp, "Jordan Peterson spoke at the rally on Monday.")
    assert _codes(nlp, "Bosnian Serbs demanded a truce in east Bosnia.")["Bosnian"][0] == "BIH"


@pytest.mark.parametrize(
    ("text", "words", "code"),
    [
        # a titled person "of" a country holds that country's office
        ("King Hassan of Morocco was quoted as saying he would host the talks.", "King Hassan of Morocco", "MARGOV"),
        ("President Assad of Syria met the envoy.", "President Assad of Syria", "SYRGOV"),
    ],
)
def test_actors_names_titled_person_of_a_country(nlp, text, words, code):
    assert _codes(nlp, text).get(words) == (code, "title")


def test_actors_names_apposition_replaces_a_stale_office(nlp):
    # the dictionary knows the man only as a former official; the text names his office
    codes = _codes(nlp, "Kenzo Oshima, the United Nations Emergency Relief Coordinator, demanded access.")
    assert codes["Kenzo Oshima"] == ("IGOUNO", "apposition")
    # a current office from the dictionary stays
    assert _codes(nlp, "Sergei Lavrov, Russia's foreign minister, said it.")["Sergei Lavrov"][1] == "dictionary"


def test_actors_names_surname_with_particle_and_name_the_tagger_misreads(nlp):
    text = (
        "Mayor Bill de Blasio rejected the criticism on Friday. De Blasio said the city was safe. "
        "Columnist George Will wrote a scathing op-ed, and then, in a second piece, Will urged voters to think again."
    )
    found = {m.text: m.actor.actor_id for m in resolve_actors(nlp(text), date(2015, 11, 20))}
    assert found.get("De Blasio") == "bill-de-blasio", found
    assert found.get("Will") == "george-will", found


def test_actors_names_title_paired_with_another_trade_is_one_person(nlp):
    # a US story that follows a stranger would read them as its own civilian
    text = US_STORY + (
        "Vice President Joe Biden spoke about Japan. Japanese journalist and author Hiro Aida said the "
        "remark was insensitive. “It was rude,” said Aida."
    )
    codes = _codes(nlp, text)
    assert codes["Japanese journalist and author Hiro Aida"][0] == "JPNJRN", codes
    assert "Hiro Aida" not in codes and codes["Aida"][0] == "JPNJRN", codes


def test_actors_names_surname_the_tagger_reads_as_a_plural_noun(nlp):
    text = (
        'Bernie Sanders met Pope Francis on Saturday. "He is a beautiful man," Sanders continued. '
        "Sanders and other invitees spent the night at the Vatican. Tom Price met him. Price rises hurt."
    )
    found = [(m.text, m.actor.actor_id) for m in resolve_actors(nlp(text), date(2016, 4, 18))]
    assert found.count(("Sanders", "bernie-sanders")) == 2, found
    assert not any(t == "Price" for t, _ in found), found  # a singular noun opening a clause is a word


def test_actors_names_senator_in_a_foreign_dateline_story_is_no_foreign_namesake(nlp):
    # a US senator who ran for president is named across borders: not a minor namesake in a Rome story
    text = (
        "Sanders says his meeting with Pope Francis is not an endorsement.\n\n"
        "ROME - Bernie Sanders met privately with Pope Francis on Saturday at the Vatican."
    )
    ids = {m.actor.actor_id for m in resolve_actors(nlp(text), date(2016, 4, 18))}
    assert "bernie-sanders" in ids, ids
