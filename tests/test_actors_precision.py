"""What is and is not an actor mention (guidelines, docs/annotation.md §4.5 and §7.5), on
hand-written sentences: places and country words that say where, offices said of someone, agent
words that name no actor, and names that refer back to a person named earlier."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.annotate.actors import resolve_actors

WHEN = date(2016, 6, 1)


def _actors(nlp, text, when=WHEN):
    return {m.text: m.actor.cameo_code for m in resolve_actors(nlp(text), when)}


# Places and country words that say where ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Russia launched new attacks in Ukraine on Monday.", "Ukraine"),
        ("The agents patrol throughout the United States, Puerto Rico and Guam.", "Puerto Rico"),
        ("The agents patrol throughout the United States, Puerto Rico and Guam.", "United States"),
        ("Drones flew over Russian territory on Sunday.", "Russian"),
        ("The Chinese economy slowed sharply last year.", "Chinese"),
        ("Kyiv fired US-made missiles at the bridge.", "US"),
        ("California has seen a surge of newly registered voters.", "California"),
        ("He works at the Massachusetts General Hospital.", "Massachusetts"),
    ],
)
def test_actors_precision_place_is_no_actor(nlp, text, place):
    actors = _actors(nlp, text)
    assert not any(place in mention for mention in actors), actors


def test_actors_precision_actors_beside_places_stay(nlp):
    actors = _actors(nlp, "Russia launched new attacks in Ukraine on Monday.")
    assert actors.get("Russia") == "RUS"
    assert _actors(nlp, "Kyiv fired US-made missiles at the bridge.").get("Kyiv") == "UKRGOV"
    # a city's police take the city's country from it as a place (or are the city's force, by name)
    assert _actors(nlp, "Tulsa police arrested two men on Friday.").get("police") == "USACOP"
    assert _actors(nlp, "Chicago police arrested two men on Friday.").get("Chicago police") == "USACOP"


def test_actors_precision_entered_place_is_the_target(nlp):
    text = "Ukrainian forces launched a strike into a border region inside Russian territory."
    actors = _actors(nlp, text, date(2024, 11, 19))
    assert actors.get("border region inside Russian territory") == "RUS", actors


@pytest.mark.parametrize(
    "text",
    [
        "The city was shelled overnight, and nearby villages lost power.",
        "Voters in Ohio cast their ballots on Tuesday.",
        "The plan was met with opposition from the start.",
        "Experts said a nerve agent was found on the door handle.",
    ],
)
def test_actors_precision_agent_words_that_name_no_actor(nlp, text):
    assert _actors(nlp, text) == {}


def test_actors_precision_the_opposition_is_an_actor(nlp):
    actors = _actors(nlp, "In Caracas, the opposition boycotted the vote.")
    assert actors.get("the opposition", actors.get("opposition")) == "VENOPP", actors


# Offices said of someone ----------------------------------------------------------------------


def test_actors_precision_predicate_office_goes_to_its_subject(nlp):
    actors = _actors(nlp, "Jane Roe is the mayor of Chicago.")
    assert actors == {"Jane Roe": "USAGOV"}


@pytest.mark.parametrize(
    "text",
    [
        "Back then, Clinton was Secretary of State.",
        "He said he is running for president because the country needs him.",
        "The council asked the governor to resign as mayor of the city.",
    ],
)
def test_actors_precision_office_said_of_someone_is_no_mention(nlp, text):
    actors = _actors(nlp, text)
    assert not any(word in mention for mention in actors for word in ("Secretary", "president", "mayor")), actors


def test_actors_precision_apposition_is_no_second_mention(nlp):
    actors = _actors(nlp, "Jane Roe, a White House spokeswoman, told reporters the talks would go on.")
    assert actors["Jane Roe"] == "USAGOV"
    assert not any("White House" in mention or "spokeswoman" in mention for mention in actors), actors


def test_actors_precision_existential_office_is_a_mention(nlp):
    actors = _actors(nlp, "In Washington, there is only one candidate left in the race.")
    assert actors.get("candidate") == "USAOPP", actors


# Agent words ------------------------------------------------------------------------------------


def test_actors_precision_agents_candidates_and_superdelegates(nlp):
    assert _actors(nlp, "Federal agents seized the cocaine in Miami.").get("Federal agents") == "USACOP"
    text = (
        "Senator Bernie Sanders met Hillary Clinton in Washington. "
        "Sanders wants superdelegates to back him, and the former president praised the candidates."
    )
    actors = _actors(nlp, text)
    assert actors.get("superdelegates") == "USAPTY", actors
    assert actors.get("former president") == "USAELI", actors
    assert actors.get("candidates") == "USAOPP", actors


# Names that refer back -------------------------------------------------------------------------


def test_actors_precision_surname_and_first_name_refer_back(nlp):
    text = (
        "Mayor Rahm Emanuel met the city council on Monday. "
        "Emanuel worked alongside Clinton in the Obama administration. "
        "Her friends urged Rahm to resign."
    )
    actors = resolve_actors(nlp(text), WHEN)
    codes = [(m.text, m.actor.cameo_code) for m in actors]
    assert ("Emanuel", "USAGOV") in codes, codes
    assert ("Rahm", "USAGOV") in codes, codes


def test_actors_precision_sport_sentence_countries_are_teams(nlp):
    actors = _actors(nlp, "Jamaica will face Mexico in the next qualifier, and the match is sold out.")
    assert "Jamaica" not in actors and "Mexico" not in actors, actors
    assert _actors(nlp, "Jamaica recalled its ambassador from Mexico.").get("Jamaica") == "JAM"


def test_actors_precision_where_someone_comes_from_is_a_place(nlp):
    actors = _actors(nlp, "Two men admitted returning illegally from Haiti, and Russia condemned it.")
    assert "Haiti" not in actors and actors.get("Russia") == "RUS", actors
    # a threat or aid from a country is the country's act
    assert _actors(nlp, "Officials warned of a growing threat from Iran.").get("Iran") == "IRN"


def test_actors_precision_election_of_a_place_is_no_actor(nlp):
    assert _actors(nlp, "After that, only Puerto Rico's primary will remain.") == {}


# Acronyms and outlets -------------------------------------------------------------------------


def test_actors_precision_defined_acronym_refers_back(nlp):
    text = (
        "CBP seized the boat on Sunday. U.S. Customs and Border Protection (CBP) said the crew "
        "had not reported entry to CBP."
    )
    uses = [(m.start, m.actor.country) for m in resolve_actors(nlp(text), WHEN) if m.text == "CBP"]
    assert uses == [(0, "USA"), (text.rindex("CBP"), "USA")], uses


def test_actors_precision_dateline_outlet_is_media(nlp):
    actors = _actors(nlp, "AUSTIN (KXAN) — The governor signed the bill. The governor's office told KXAN on Friday.")
    assert actors.get("KXAN") == "USAMED", actors


# Organisations read from their names --------------------------------------------------------


def test_actors_precision_organisation_sector_from_its_name(nlp):
    actors = _actors(nlp, "The Texas Retired Teachers Association praised the vote on Tuesday.")
    assert actors.get("Texas Retired Teachers Association") == "USAEDU", actors
    actors = _actors(nlp, "Breaking Belize News reported the arrests first.")
    assert actors.get("Breaking Belize News") == "BLZMED", actors
    # no country in the name, the sentence or a dateline: no actor code to give
    assert "Northwind Holdings" not in _actors(nlp, "Northwind Holdings reported higher profits.")


def test_actors_precision_body_inside_an_apposition_gives_the_person_a_role(nlp):
    text = "Clinton leads the race, said Jane Roe, director of the Ohio Civic Engagement Project."
    actors = _actors(nlp, text)
    assert actors.get("Jane Roe") == "USANGO", actors
    assert not any("Project" in mention for mention in actors), actors


def test_actors_precision_unknown_intergovernmental_body(nlp):
    text = "The Inter-Caribbean Fisheries Organization (ICFO) warned of shortages; the ICFO Director urged action."
    codes = [(m.text, m.actor.cameo_code) for m in resolve_actors(nlp(text), WHEN)]
    assert ("Inter-Caribbean Fisheries Organization", "IGOICFO") in codes, codes
    assert ("ICFO", "IGOICFO") in codes, codes


# Persons whose role the story gives -----------------------------------------------------------


def test_actors_precision_person_titled_by_a_body_the_story_named(nlp):
    text = (
        "The Ohio Retired Teachers Association (ORTA) welcomed the vote, and association executive "
        "director Jane Roe told reporters it was a win. Roe said retirees had waited for years."
    )
    codes = [(m.text, m.actor.cameo_code) for m in resolve_actors(nlp(text), WHEN)]
    assert ("association executive director Jane Roe", "USAEDU") in codes, codes
    assert ("Roe", "USAEDU") in codes, codes


def test_actors_precision_state_post_and_surname_in_a_one_country_story(nlp):
    text = (
        "Sweden has kept its schools open, Sweden says.\n\n"
        "Reporters questioned state epidemiologist Anders Tegnell on Monday. Tegnell laughed at the question."
    )
    codes = [(m.text, m.actor.cameo_code) for m in resolve_actors(nlp(text), date(2020, 4, 28))]
    assert ("state epidemiologist Anders Tegnell", "SWEGOV") in codes, codes
    assert ("Tegnell", "SWEGOV") in codes, codes


def test_actors_precision_domestic_body_takes_the_story_country(nlp):
    text = "Sweden and its schools stayed open, Sweden said.\n\nThe Public Health Agency briefed reporters daily."
    assert _actors(nlp, text, date(2020, 4, 28)).get("Public Health Agency") == "SWEGOV"


def test_actors_precision_agents_owned_by_an_unknown_unit(nlp):
    text = (
        "U.S. police and U.S. prosecutors worked together.\n\nMarine Interdiction agents conducted a patrol on Sunday."
    )
    assert _actors(nlp, text).get("agents") == "USACOP"


def test_actors_precision_inside_a_persons_apposition_and_hometowns(nlp):
    text = "Giving daily updates, Tegnell, the state epidemiologist at Sweden's Public Health Agency, stayed calm."
    actors = _actors(nlp, text, date(2020, 4, 28))
    assert not any("Sweden" in mention or "Agency" in mention for mention in actors), actors
    # a place's apposition does name actors: Belarus is Russia's ally
    text = "The doctrine extends to Belarus, Russia's close ally, and worries Ukraine."
    assert _actors(nlp, text, date(2024, 11, 19)).get("Russia") == "RUS"
    actors = _actors(nlp, "On Monday, admirer Gustav Lund from Stockholm got a tattoo of the official.")
    assert "Stockholm" not in actors, actors


def test_actors_precision_named_private_person_hyphen_modifier_and_address(nlp):
    actors = _actors(nlp, "Both Lund and tattoo artist Zashay Tastas were surprised by the interest.")
    assert "artist" not in " ".join(actors), actors
    actors = _actors(nlp, "Ohio, the most delegate-rich state left, votes on Tuesday.")
    assert not any("delegate" in mention for mention in actors), actors
    # a city in an address is a place; it still lends its country to the company named with it
    assert _actors(nlp, "Host: Example AG, Hauptstrasse 29, 20354 Hamburg") == {"Example AG": "DEUBUS"}
    # a year before a country is a date, not a postal code
    assert _actors(nlp, "In 2014 Russia annexed Crimea.").get("Russia") == "RUS"


def test_actors_precision_full_name_without_its_country_word(nlp):
    text = "U.S. Customs and Border Protection seized a boat, Customs and Border Protection said on Tuesday."
    codes = [(m.text, m.actor.country) for m in resolve_actors(nlp(text), WHEN)]
    assert ("Customs and Border Protection", "USA") in codes, codes
