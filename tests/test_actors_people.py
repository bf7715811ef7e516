"""People the actor table cannot name alone: private persons a story follows, lone surnames of
those serving the story's country, credit lines, and one record per president."""

from __future__ import annotations

from datetime import date

from actor_support import US_STORY, actor_rows
from eventwire.annotate.actors import load_actor_dictionary, resolve_actors
from eventwire.annotate.parse.dateline import find_furniture

WHEN = date(2016, 6, 1)


def _actors(nlp, text, when=WHEN):
    return actor_rows(nlp, text, when)


def test_actors_people_followed_private_person_is_a_civilian_of_the_story_country(nlp):
    text = (
        US_STORY + "George Zimmerman put the pistol up for auction on Thursday. "
        "The listing was removed hours later, and Zimmerman said he would try again."
    )
    found = {(t, code) for t, code, _ in _actors(nlp, text)}
    assert ("George Zimmerman", "USACVL") in found
    assert ("Zimmerman", "USACVL") in found


def test_actors_people_passer_by_and_one_off_names_stay_out(nlp):
    text = (
        US_STORY + '"Both of them scare me," Harry Bonder, 30, of Raleigh, said after the vote. '
        "Bonder said he would stay home. The report was written by Katherine Quillfeather on Monday."
    )
    names = {t for t, _, _ in _actors(nlp, text)}
    assert not names & {"Harry Bonder", "Bonder", "Katherine Quillfeather"}


def test_actors_people_lone_surname_of_someone_serving_the_story_country(nlp):
    text = US_STORY + "A survey found Trump the winner, followed by Carson at 25 percent and Rubio at 14."
    found = {t: code for t, code, _ in _actors(nlp, text)}
    assert found.get("Rubio") == "USALEG"


def test_actors_people_lone_surname_the_tagger_joined_to_a_day_or_a_date(nlp):
    text = US_STORY + (
        "Rep. Sean Duffy addressed the controversy when introducing Pence Thursday. "
        "Pate said he had a private meeting with Rubio a year ago."
    )
    found = {t: code for t, code, _ in _actors(nlp, text)}
    assert found.get("Pence") == "USAGOV" and found.get("Rubio") == "USALEG", found
    assert not any("Thursday" in t or "year" in t for t in found), found


def test_actors_people_lone_surname_that_is_a_place_or_someone_else(nlp):
    text = (
        US_STORY + "The teenager was heading back to a relative's house in Sanford, Fla., on Monday. "
        "Ahmed Rubio, a shopkeeper, said the street was quiet, and Rubio closed early."
    )
    names = {t for t, _, _ in _actors(nlp, text)}
    assert "Sanford" not in names
    assert ("Rubio", "USALEG") not in {(t, c) for t, c, _ in _actors(nlp, text)}


def test_actors_people_credit_lines_are_furniture(nlp):
    text = (
        "The Senate voted on Tuesday.\n"
        "(Reporting by Amanda Becker in Washington; Writing by Luciana Lopez; Editing by Matthew Lewis.)\n"
        "--additional reporting from Darren Samuelsohn.\n"
        "Follow Jeff Horwitz on Twitter: https://twitter.com/JeffHorwitz\n"
        "Reporting by police suggested otherwise."
    )
    lines = [text[f.start : f.end] for f in find_furniture(text)]
    assert lines == [
        "(Reporting by Amanda Becker in Washington; Writing by Luciana Lopez; Editing by Matthew Lewis.)",
        "--additional reporting from Darren Samuelsohn.",
        "Follow Jeff Horwitz on Twitter: https://twitter.com/JeffHorwitz",
    ]
    names = {t for t, _, _ in _actors(nlp, text)}
    assert not names & {"Amanda Becker", "Luciana Lopez", "Matthew Lewis", "Darren Samuelsohn", "Jeff Horwitz"}


def test_actors_people_presidents_without_congress_ids_are_apart():
    dictionary = load_actor_dictionary()
    carter = dictionary.lookup("Jimmy Carter", date(1979, 1, 1))
    reagan = dictionary.lookup("Ronald Reagan", date(1983, 1, 1))
    clinton = dictionary.lookup("Bill Clinton", date(1995, 1, 1))
    assert (carter.name, reagan.name, clinton.name) == ("Jimmy Carter", "Ronald Reagan", "Bill Clinton")
    assert {carter.cameo_code, reagan.cameo_code, clinton.cameo_code} == {"USAGOV"}
    assert dictionary.lookup("Jimmy Carter", date(1995, 1, 1)).cameo_code == "USAELI"


def test_actors_people_trade_in_apposition_takes_the_story_country(nlp):
    text = (
        US_STORY + "Rubio donor Luther Stan Pate IV, a Tuscaloosa real estate tycoon, paid for the plane. "
        "Pate said on Friday that he acted alone."
    )
    found = {t: code for t, code, _ in _actors(nlp, text)}
    assert found.get("Pate") == "USABUS", found


def test_actors_people_former_office_does_not_end_a_candidacy(nlp):
    text = "The Super PAC backing former Florida Gov. Jeb Bush for president spent $10 million."
    found = {t: code for t, code, _ in _actors(nlp, text, date(2016, 1, 1))}
    assert "USAOPP" in {code for t, code in found.items() if "Jeb Bush" in t}, found


def test_actors_people_definite_nouns_point_back_to_the_named_body(nlp):
    text = (
        "The FBI opened an inquiry in March. Officials said the bureau is also reviewing the donations. "
        "United Gun Group pulled the listing because the auction is not in the organization's interest."
    )
    found = {t: code for t, code, _ in _actors(nlp, text)}
    assert found.get("the bureau") == "USACOP", found
    assert found.get("the organization") == found.get("United Gun Group"), found
    text = (
        "The Republican Party met in Cleveland on Monday, and the party said it would fight on. "
        "The State Department said the Department had no further records."
    )
    found = {t: code for t, code, _ in _actors(nlp, text)}
    assert found.get("the party") == "USAPTY" and found.get("the Department") == "USAGOV", found


def test_actors_people_campaign_after_a_candidate(nlp):
    text = (
        "Donald Trump won the primary in Indiana. The campaign said it would not contest the delegates, "
        "and his campaign did not return a call. The bombing campaign went on."
    )
    mentions = resolve_actors(nlp(text), WHEN)
    codes = {m.text: m.actor.cameo_code for m in mentions}
    assert codes.get("The campaign") == codes.get("his campaign") == "USAOPP", codes
    bombing = text.index("bombing campaign")
    assert not [m.text for m in mentions if m.end > bombing], codes


def test_actors_people_campaign_that_is_the_race_itself(nlp):
    text = (
        "Donald Trump won the primary in Indiana. Race slid into the campaign early. He has based his "
        "campaign on trade, and health was fair game during the course of his campaign. "
        "Later his presidential campaign issued a statement."
    )
    mentions = resolve_actors(nlp(text), WHEN)
    campaigns = {m.text: m.actor.cameo_code for m in mentions if "campaign" in m.text}
    assert campaigns == {"his presidential campaign": "USAOPP"}, campaigns


def test_actors_people_juries_unions_and_moderators(nlp):
    text = (
        "WASHINGTON — The Senate, the White House and the Pentagon met on Tuesday. The debate moderators "
        "did not ask about it. Unions representing most workers endorsed her, and a jury acquitted him."
    )
    codes = {t: code for t, code, _ in _actors(nlp, text)}
    assert codes.get("The debate moderators", codes.get("debate moderators")) in ("USAJRN", "USAMED"), codes
    assert codes.get("Unions") == "USALAB", codes
    assert codes.get("a jury", codes.get("jury")) == "USAJUD", codes


def test_actors_people_named_court_lends_its_country_to_the_jury(nlp):
    text = (
        "A jury at Bristol Crown Court convicted the fitter on Monday. "
        "He told the jury that he had forgotten the screws."
    )
    codes = {t: code for t, code, _ in _actors(nlp, text, date(2012, 4, 17))}
    assert codes.get("Bristol Crown Court") == "GBRJUD", codes
    assert codes.get("jury") == codes.get("the jury") == "GBRJUD", codes


def test_actors_people_historical_leaders_are_former_officials_of_their_country(nlp):
    text = (
        "Trump's rhetoric is often indistinguishable from that of Benito Mussolini, the activists said. "
        '"Mussolini was Mussolini," Trump said.'
    )
    codes = {(t, code) for t, code, _ in _actors(nlp, text)}
    assert ("Benito Mussolini", "ITAELI") in codes and ("Mussolini", "ITAELI") in codes, codes


def test_actors_people_plain_quantifiers_keep_the_story_country(nlp):
    text = US_STORY + "Some technology companies refused, and various officials said other generals agreed."
    codes = {t: code for t, code, _ in _actors(nlp, text)}
    assert codes.get("companies") == "USABUS", codes
    assert codes.get("officials") == "USAGOV", codes
    # foreign ones are of several countries
    codes = {t: code for t, code, _ in _actors(nlp, US_STORY + "Both candidates campaigned in Ohio on Monday.")}
    assert codes.get("candidates") == "USAOPP", codes
    found = _actors(nlp, US_STORY + "Foreign diplomats left the talks.")
    assert [code for t, code, _ in found if "diplomats" in t] == ["GOV"], found


def test_actors_people_protesters_in_a_sentence_naming_no_country_are_the_story_countrys(nlp):
    codes = {t: code for t, code, _ in _actors(nlp, US_STORY + "Protesters blocked the hotel lobby for an hour.")}
    assert codes.get("Protesters") == "USACVLOPP", codes
    codes = {t: code for t, code, _ in _actors(nlp, US_STORY + "Protesters in Caracas blocked the road.")}
    assert codes.get("Protesters") == "VENCVLOPP", codes


def test_actors_people_surname_with_a_particle_opens_a_sentence(nlp):
    text = US_STORY + "De Blasio, speaking on the radio, called the remarks propaganda."
    codes = {t: code for t, code, _ in _actors(nlp, text, date(2015, 11, 20))}
    assert codes.get("De Blasio") == "USAGOV", codes


def test_actors_people_first_name_of_a_followed_private_person(nlp):
    text = (
        US_STORY + "The gun was used to kill 17-year-old Trayvon Martin in 2012. "
        "Trayvon Martin was unarmed, and the jury later heard that Trayvon had been walking home."
    )
    codes = {(t, code) for t, code, _ in _actors(nlp, text)}
    assert ("Trayvon", "USACVL") in codes, codes


def test_actors_people_titled_by_a_named_body_is_no_private_person(nlp):
    text = (
        "ADDIS ABABA — The African Union urged Ethiopia and Eritrea to show restraint. AU Commission "
        "Chairperson Moussa Kone said he was concerned. Kone called on both governments to talk."
    )
    codes = {t: code for t, code, _ in _actors(nlp, text, date(2024, 3, 11))}
    assert not [t for t, code in codes.items() if "Kone" in t and code.endswith("CVL")], codes


def test_actors_people_our_troops_and_the_senator_are_the_story_country(nlp):
    text = US_STORY + '"Russia has threatened our troops for years," the senator said.'
    codes = {t: code for t, code, _ in _actors(nlp, text)}
    assert codes.get("troops") == "USAMIL", codes
    assert codes.get("senator") == "USALEG", codes
    assert codes.get("Russia") == "RUS", codes


def test_actors_people_short_name_after_the_full_name(nlp):
    text = (
        'Trump said he was "happy to see" it, according to The New York Times. "There will always be '
        'exceptions," the Times reported. He said so in the newspaper.'
    )
    codes = {t: code for t, code, _ in _actors(nlp, text)}
    assert codes.get("The New York Times") == codes.get("the Times") == "USAMED", codes
    assert codes.get("the newspaper") == "USAMED", codes
    # alone, the short form is the paper of the story's country (tests/test_actors_bodies.py)
    assert {t: c for t, c, _ in _actors(nlp, "Trump said so, the Times reported.")}.get("the Times") == "USAMED"


def test_actors_people_names_in_a_title_case_headline(nlp):
    text = (
        US_STORY
        + "\n\nBen Carson Slams Hillary And The Media In One Debate Answer.\n\nPBS Moderators Ignore Clinton Scandals."
    )
    found = {(t, code) for t, code, _ in _actors(nlp, text, date(2016, 2, 11))}
    assert ("Hillary", "USAOPP") in found and ("Clinton", "USAOPP") in found, found


def test_actors_people_surname_opening_a_sentence_names_someone_the_news_follows(nlp):
    text = US_STORY + (
        "Donald Trump spoke in Iowa on Monday. Cruz openly admitted that his pick was politically motivated."
    )
    found = {(t, code) for t, code, _ in _actors(nlp, text, date(2016, 2, 6))}
    assert ("Cruz", "USALEG") in found


def test_actors_people_of_namesakes_serving_the_country_the_one_the_news_follows():
    dictionary = load_actor_dictionary()
    assert dictionary.serving("cruz", "USA", date(2016, 2, 6)).name == "Ted Cruz"  # not a state legislator Cruz
    assert dictionary.serving("sanders", "USA", date(2016, 2, 6)) is None  # two followed: no guess


def test_actors_people_abbreviated_governor_before_a_surname(nlp):
    text = US_STORY + "“Carolina’s going to win that one,” Gov. Kasich replied."
    found = {(t, code) for t, code, _ in _actors(nlp, text, date(2016, 2, 6))}
    assert ("Gov. Kasich", "USAGOV") in found


def test_actors_people_the_storys_own_people_are_no_state_actor(nlp):
    text = US_STORY + "Americans want change, the senator said on Monday."
    assert "Americans" not in {t for t, _, _ in _actors(nlp, text)}
    text = US_STORY + "Americans and Mexicans disagree with Mexico over the wall."
    codes = {t: code for t, code, _ in _actors(nlp, text)}
    assert codes.get("Americans") == "USA" and codes.get("Mexicans") == "MEX", codes


def test_actors_people_generic_people_take_no_country_from_a_place_beside_them(nlp):
    text = US_STORY + "Praying for the victims, their families & the San Bernardino first responders tonight."
    codes = {t: code for t, code, _ in _actors(nlp, text)}
    assert codes.get("victims") != "USACVL" and codes.get("families") != "USACVL", codes
