"""Bodies the way news names them: a company without its corporate suffix, a website by its
address, a firm by its trade, an outlet the tagger reads as a person, a headline's organisation."""

from __future__ import annotations

from datetime import date

from actor_support import US_STORY, actor_codes, actor_rows
from eventwire.annotate.actors import resolve_actors

WHEN = date(2016, 5, 18)


def _actors(nlp, text, when=WHEN):
    return actor_rows(nlp, text, when)


def _codes(nlp, text, when=WHEN):
    return actor_codes(nlp, text, when)


def test_actors_bodies_company_named_short_after_its_full_name(nlp):
    text = US_STORY + (
        "Carrier Corp. said it would move 1,400 jobs to Mexico. "
        '"Carrier and Ford need to know that there are consequences," Trump said.'
    )
    found = _actors(nlp, text, date(2016, 5, 18))
    assert ("Carrier", "USABUS", "coref") in found


def test_actors_bodies_one_word_outlet_the_tagger_reads_as_a_person(nlp):
    text = US_STORY + "The liberal gossip site Gawker set a trap for Donald Trump. Judge Ford ruled on Monday."
    codes = _codes(nlp, text)
    assert codes.get("Gawker") == "USAMED"
    assert "Ford" not in codes and codes.get("Judge Ford") != "USABUS"


def test_actors_bodies_the_writers_account_is_no_actor(nlp):
    text = US_STORY + "Tell us what you think in the comments or on our Twitter page."
    assert "Twitter" not in _codes(nlp, text)


def test_actors_bodies_website_by_its_address(nlp):
    text = US_STORY + (
        "He listed the pistol on GunBroker.com on Thursday. The liberal site Gawker.com posted the listing."
    )
    codes = _codes(nlp, text)
    assert codes.get("GunBroker.com") == "USABUS"  # unknown: a business of the story's country
    assert codes.get("Gawker.com") == "USAMED"  # known under the name before the domain
    assert "BreakingBelizeNews.com" not in _codes(nlp, US_STORY + "Visit BreakingBelizeNews.com for more.")


def test_actors_bodies_firm_named_with_its_trade(nlp):
    text = US_STORY + "The online retailer Zappix said it would hire 300 people in Ohio."
    assert _codes(nlp, text).get("Zappix") == "USABUS"


def test_actors_bodies_organisation_in_a_title_case_headline(nlp):
    text = "Big Win For Bernie: AFL-CIO Holds Off On Presidential Endorsement.\n\n" + US_STORY
    assert _codes(nlp, text, date(2016, 2, 17)).get("AFL-CIO") == "USALAB"


def test_actors_bodies_committees_labour_groups_and_party_establishments(nlp):
    text = US_STORY + (
        "Republicans created a select committee on Thursday after two congressional panels had reported. "
        "Labor groups backed the bill, and the Democratic establishment was caught off guard."
    )
    codes = _codes(nlp, text)
    assert codes.get("select committee") == "USALEG" and codes.get("congressional panels") == "USALEG"
    assert codes.get("Labor groups") == "USALAB"
    assert any("establishment" in t and code == "USAPTY" for t, code in codes.items())
    codes = _codes(nlp, "ISLAMABAD — Pakistan's military establishment rejected the claim on Monday.")
    assert codes.get("Pakistan's military establishment") == "PAKMIL"


def test_actors_bodies_shared_name_is_the_story_countrys_body(nlp):
    us = _codes(nlp, US_STORY + "Trump told ABC that the Times had it wrong.")
    assert us["ABC"] == "USAMED" and us["the Times"] == "USAMED", us
    australian = _codes(
        nlp,
        "SYDNEY — Australia's government and Australian officials met on Monday. "
        "Prime Minister Anthony Albanese told the ABC that Australia would act.",
        date(2024, 5, 1),
    )
    assert australian["ABC"] == "AUSMED", australian
    british = _codes(nlp, "LONDON — Britain's government and British officials met. The Times said Britain would act.")
    assert british["The Times"] == "GBRMED", british


def test_actors_bodies_account_handle_and_a_capitalised_opener(nlp):
    codes = _codes(nlp, US_STORY + "It is time to stand up to the @NRA and enact gun laws.")
    assert codes.get("NRA") == "USANGO", codes
    text = US_STORY + "Donald Trump spoke.\n\nBeyond Trump's personal finances is the issue of his business."
    at = text.index("Trump's")
    found = [(m.text, m.actor.cameo_code) for m in resolve_actors(nlp(text), WHEN) if m.start == at]
    assert found == [("Trump", "USAOPP")], found


def test_actors_bodies_show_hosts_and_campaign_staff(nlp):
    codes = _codes(
        nlp, US_STORY + "A talk show host asked the mayor about it. Campaign staffers said the candidate would speak."
    )
    assert codes.get("talk show host") == "USAJRN", codes
    assert codes.get("Campaign staffers") == "USAOPP", codes


def test_actors_bodies_legislature_named_by_its_chamber(nlp):
    text = US_STORY + (
        "The Missouri Senate passed the bill. It has yet to be voted on in the House. "
        "Republicans hold 24 Senate seats. The Opera House was closed."
    )
    found = _actors(nlp, text)
    assert ("Missouri Senate", "USALEG", "context") in found and ("House", "USALEG", "context") in found, found
    # "Senate" modifying seats and a building named "House" are no legislature (US_STORY's Senate is)
    assert [t for t, _, _ in found].count("Senate") == 1 and "Opera House" not in [t for t, _, _ in found], found


def test_actors_bodies_investigators_press_and_co_hosts(nlp):
    text = US_STORY + (
        "Clinton told federal investigators she had not known. The FBI gave the report to congressional "
        "investigators. For the press, this is a reprimand. She told the co-hosts at a press conference."
    )
    codes = _codes(nlp, text)
    assert codes["federal investigators"] == "USACOP" and codes["congressional investigators"] == "USALEG"
    assert codes["press"] == codes["co-hosts"] == "USAJRN", codes
    assert "press conference" not in codes and "conference" not in codes


def test_actors_bodies_special_forces_are_the_military(nlp):
    codes = _codes(nlp, US_STORY + "Navy SEALs killed the leader. The seals on the beach slept.")
    assert codes["Navy SEALs"] == "USAMIL" and "seals" not in codes, codes


def test_actors_bodies_seat_of_government_as_a_building(nlp):
    text = (
        "She wrote of her time at the White House. Officials at the Kremlin said no. "
        "The White House said yes in a statement from the White House."
    )
    found = [(m.text, m.actor.cameo_code) for m in resolve_actors(nlp(text), WHEN)]
    assert found.count(("the White House", "USAGOV")) == 1 and ("The White House", "USAGOV") in found, found
    assert ("Officials", "RUSGOV") in found, found  # the building still says whose officials they are
