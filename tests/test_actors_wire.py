"""Actors in international wire copy: older datelines, journeys between countries, places named
for people, surnames of people the table lacks, the dateline's country for lone surnames."""

from __future__ import annotations

from datetime import date

from actor_support import actor_codes, actor_rows
from eventwire.annotate.actors import resolve_actors
from eventwire.annotate.actors.dictionary import load_actor_dictionary
from eventwire.annotate.parse.dateline import find_furniture

WIRE_DAY = date(1999, 6, 7)
PLACES = ("Haiti", "the United States", "Libya", "Italy", "Mexico", "Australia")


def test_actors_wire_underscore_dateline_is_furniture(nlp):
    text = "\n\nNAIROBI, Kenya (AP) _\n\nRescuers dug through the rubble on Saturday.\n"
    found = [(f.kind, text[f.start : f.end].strip(), f.place) for f in find_furniture(text)]
    assert found == [("dateline", "NAIROBI, Kenya (AP) _", "Kenya")]
    assert [f.city for f in find_furniture("ATLANTA _\n\nThe judge ruled on Friday.")] == ["ATLANTA"]
    assert find_furniture("Income_tax - a guide.") == []
    rows = actor_rows(nlp, "WELLINGTON, New Zealand (AP) _ Foreign Minister Don McKinnon spoke.", WIRE_DAY)
    assert rows == [("Foreign Minister Don McKinnon", "NZLGOV", "context")]


def test_actors_wire_countries_on_a_journey_are_places(nlp):
    for text in (
        "The ferry sank on its way from Haiti to the United States.",
        "Six migrants drowned during the crossing from Libya to Italy.",
        "The suspect was brought to the United States for trial.",
        "The fugitive may have reached the border with Mexico.",
        "He survived a long voyage to Australia.",
    ):
        countries = [m for m, _, _ in actor_rows(nlp, text, WIRE_DAY) if m in PLACES]
        assert countries == [], text
    codes = actor_codes(nlp, "Arms shipments from Russia to Syria rose sharply.", WIRE_DAY)
    assert codes == {"Russia": "RUS", "Syria": "SYR"}


def test_actors_wire_place_named_for_a_person_is_no_person(nlp):
    rows = actor_rows(nlp, "The ministers signed the treaty at the Harry Truman Library on Friday.", WIRE_DAY)
    assert [code for _, code, _ in rows] == ["GOV"]
    rows = actor_rows(nlp, "Protesters gathered outside Trump Tower as Trump spoke.", date(2017, 3, 1))
    assert [(text, code) for text, code, _ in rows if "Trump" in text] == [("Trump", "USAGOV")]


def test_actors_wire_surname_of_someone_named_in_full_earlier(nlp):
    text = (
        "The clinic's lawyer, Glenn Edward Murray, spoke to reporters on Monday. "
        "The door had been forced open, Murray said."
    )
    rows = actor_rows(nlp, text, date(1998, 10, 25))
    murray = [(code, method) for mention, code, method in rows if mention == "Murray"]
    assert murray == [("USAJUD", "coref")]
    assert all(code != "AUS" for _, code, _ in rows)


def test_actors_wire_lone_surname_takes_the_datelines_country(nlp):
    text = (
        "HAVANA (AP) -- U.S. diplomats and Cuban officials met on Tuesday in the capital. "
        "Veterans of the revolution that brought Castro to power gathered on Wednesday."
    )
    doc = nlp(text)
    for day, person in ((date(2000, 2, 16), "Fidel Castro"), (date(2012, 6, 1), "Raúl Castro")):
        castro = [m.actor for m in resolve_actors(doc, day) if m.text == "Castro"]
        assert [(a.cameo_code, a.name) for a in castro] == [("CUBGOV", person)]


def test_actors_wire_agencies_of_their_time(nlp):
    text = "Lawyers asked whether the Immigration and Naturalization Service could return the boy. The INS declined."
    codes = actor_codes(nlp, text, date(2000, 1, 13))
    assert codes["Immigration and Naturalization Service"] == "USAGOV"
    assert codes["INS"] == "USAGOV"
    codes = actor_codes(
        nlp, "Granma, the Communist Party daily, published the letter on its front page.", date(2000, 2, 16)
    )
    assert codes["Granma"] == "CUBMED"


def test_actors_wire_relatives_live_where_the_text_places_them(nlp):
    day = date(2000, 4, 6)
    codes = actor_codes(nlp, "The boy's Miami relatives refused to hand him over.", day)
    assert list(codes.values()) == ["USACVL"]
    codes = actor_codes(nlp, "A spokesman said the boy's relatives in Miami would appeal.", day)
    assert codes.get("relatives") == "USACVL"
    assert (
        actor_codes(nlp, "Kenyan relatives of the victims wept outside the embassy.", day)["Kenyan relatives"]
        == "KENCVL"
    )
    rows = actor_rows(nlp, "With the father far away in Cuba, the relatives held a news conference.", day)
    assert [code for text, code, _ in rows if text == "relatives"] == ["CVL"]


def test_actors_wire_intelligence_as_information_is_no_agency(nlp):
    rows = actor_rows(nlp, "The spokeswoman said Britain had very good intelligence about the camps.", WIRE_DAY)
    assert all(code[3:] != "SPY" for _, code, _ in rows)
    assert actor_codes(nlp, "U.S. intelligence warned of new attacks.", WIRE_DAY)["U.S. intelligence"] == "USASPY"


def test_actors_wire_a_court_is_the_actor_of_its_order(nlp):
    text = "The Justice Department asked for a federal court order against the owners."
    assert actor_codes(nlp, text, WIRE_DAY)["federal court"] == "USAJUD"
    rows = actor_rows(nlp, "Shipments of court stenography machines rose.", WIRE_DAY)
    assert all("court" not in mention for mention, _, _ in rows)


def test_actors_wire_described_alliance_points_back_to_the_named_one(nlp):
    text = "NATO admitted three members on Friday. The Western military alliance will meet in April."
    assert actor_codes(nlp, text, WIRE_DAY)["The Western military alliance"] == "IGOWSTNAT"
    text = "NATO admitted three members. The African Union alliance was not consulted."
    assert "The African Union alliance" not in actor_codes(nlp, text, WIRE_DAY)


def test_actors_wire_officials_of_a_body_at_its_seat(nlp):
    text = "BRUSSELS (Reuters) - NATO has decided to admit Poland. The official said the date was not fixed."
    assert actor_codes(nlp, text, WIRE_DAY)["official"] == "IGOWSTNAT"
    text = "BRUSSELS (Reuters) - Belgium's cabinet met on Monday. The official said the date was not fixed."
    assert actor_codes(nlp, text, WIRE_DAY)["official"] == "BELGOV"
    text = "BRUSSELS (Reuters) - NATO has decided to admit Poland. The prime minister welcomed it."
    assert actor_codes(nlp, text, WIRE_DAY)["prime minister"] == "BELGOV"


def test_actors_wire_federal_role_nouns_take_the_one_federation_named(nlp):
    text = (
        "HAVANA (AP) -- Cuba demanded the boy's return from the United States on Monday. "
        "Lawyers said only a federal court could decide."
    )
    assert actor_codes(nlp, text, date(2000, 2, 16))["federal court"] == "USAJUD"
    text = "Russia and the United States met in Geneva. Only a federal court could decide."
    assert actor_codes(nlp, text, date(2000, 2, 16)).get("federal court") == "JUD"


def test_actors_wire_publisher_in_a_copyright_line_is_no_person(nlp):
    text = (
        "LISBON, March 5 (Marlow Herald) - Portuguese police detained two activists on Wednesday.\n\n"
        "Related coverage from Marlow Herald\n\n(c) 2025 Marlow Herald. All rights reserved.\n"
    )
    rows = actor_rows(nlp, text, date(2025, 3, 5))
    assert [mention for mention, _, _ in rows if "Herald" in mention] == []
    assert ("Portuguese police", "PRTCOP") in [(mention, code) for mention, code, _ in rows]


def test_actors_wire_a_datelined_storys_own_leadership_and_broadcaster(nlp):
    day = date(2000, 1, 6)
    text = (
        "HAVANA (AP) -- The U.S. decision to return the boy to Cuba does not guarantee his return, "
        "the communist leadership warned. Nothing is certain, said a government communique read on state television."
    )
    codes = actor_codes(nlp, text, day)
    assert codes["leadership"] == "CUBGOV"
    assert codes["government"] == "CUBGOV"
    assert codes["state television"] == "CUBGOVJRN"


def test_actors_wire_hyphenated_americans_are_americans(nlp):
    rows = actor_rows(nlp, "Castro said a group of Cuban-Americans in Miami planned to take the boy.", WIRE_DAY)
    assert all(code[:3] != "CUB" for mention, code, _ in rows if mention != "Castro")


def test_actors_wire_northern_ireland_is_the_united_kingdoms(nlp):
    text = (
        "BELFAST, Northern Ireland (AP) _ The IRA-allied Sinn Fein party condemned the bomb. "
        "Northern Ireland's biggest Protestant party met, and the Orange Order marched."
    )
    codes = actor_codes(nlp, text, date(1998, 7, 10))
    assert codes["IRA"] == "GBRREB"
    assert codes["Sinn Fein party"] == "GBRPTY"
    assert codes["Orange Order"] == "GBRNGO"
    assert all(code[:3] != "IRL" for code in codes.values())
    codes = actor_codes(
        nlp, "DUBLIN (Reuters) - Sinn Fein won the most votes in Ireland's election.", date(2020, 2, 10)
    )
    assert codes["Sinn Fein"] == "IRLPTY"


def test_actors_wire_a_demonym_on_a_phrase_says_whose(nlp):
    day = date(1998, 8, 21)
    codes = actor_codes(nlp, "The FBI named Saudi terrorist Osama bin Laden. Bin Laden denied it.", day)
    assert codes["Saudi terrorist Osama bin Laden"] == "SAUINS"
    text = (
        "PHNOM PENH, Cambodia (AP) _ British mine removal expert Christopher Howes was abducted. "
        "Cambodian officials said Howes had been killed."
    )
    codes = actor_codes(nlp, text, day)
    assert codes["British mine removal expert Christopher Howes"] == "GBRCVL"
    assert codes["Howes"] == "GBRCVL"


def test_actors_wire_people_named_by_a_demonym_lend_no_state(nlp):
    day = date(1998, 9, 11)
    text = (
        "DAR ES SALAAM, Tanzania (AP) _ Five Iraqis were deported, a newspaper reported. "
        "Immigration officials escorted the Libyan to the airport."
    )
    codes = actor_codes(nlp, text, day)
    assert codes["newspaper"] == "TZAJRN"
    assert codes["officials"] == "TZAGOV"
    assert actor_codes(nlp, "Libyan officials escorted the men to the airport.", day)["Libyan officials"] == "LBYGOV"


def test_actors_wire_broadcast_credits_are_furniture(nlp):
    text = (
        "The talks ended without a deal. Lisa Schlein for VOA News, Geneva.\n\n"
        "For NPR news, I'm Jane Roe reporting. Here's ABC's Jim Laurie."
    )
    spans = [text[f.start : f.end] for f in find_furniture(text)]
    assert spans == [
        "Lisa Schlein for VOA News, Geneva.",
        "For NPR news, I'm Jane Roe reporting.",
        "Here's ABC's Jim Laurie.",
    ]
    assert [mention for mention, _, _ in actor_rows(nlp, text, WIRE_DAY)] == []
    assert find_furniture("Reuters reports that Iraq refused.") == []
    spans = [
        (f.kind, text[f.start : f.end]) for text in ["Lisa Schlein reports from Geneva."] for f in find_furniture(text)
    ]
    assert spans == [("byline", "Lisa Schlein reports from Geneva.")]


def test_actors_wire_a_country_word_is_no_private_persons_name(nlp):
    text = (
        "ADDIS ABABA, Ethiopia (AP) _ The panel will look at the exodus of Rwanda Hutus to camps. "
        "Hutus who favored reconciliation were killed, and Rwanda Hutus fled."
    )
    rows = actor_rows(nlp, text, WIRE_DAY)
    assert [(mention, code) for mention, code, method in rows if method == "coref" or code == "ETHCVL"] == []


def test_actors_wire_countries_fled_or_gone_back_to_are_places(nlp):
    for text in (
        "His mother and ten others fleeing Cuba drowned.",
        "He did not want to go back to Cuba.",
        "Ministers meeting in the Ethiopian capital agreed to set up a panel.",
    ):
        countries = [
            mention for mention, code, _ in actor_rows(nlp, text, WIRE_DAY) if mention in ("Cuba", "Ethiopian")
        ]
        assert countries == [], text
    codes = actor_codes(nlp, "Sadiq Khan said he would go to the United States to meet American mayors.", WIRE_DAY)
    assert codes["the United States"] == "USA"


def test_actors_wire_us_territories_cities_are_the_united_states(nlp):
    assert load_actor_dictionary().cities["san juan"] == "USA"
    codes = actor_codes(nlp, "SAN JUAN, Puerto Rico (AP) _ Police found the body of a store owner.", WIRE_DAY)
    assert codes["Police"] == "USACOP"


def test_actors_wire_a_private_person_returned_to_a_country_is_of_it(nlp):
    text = (
        "MIAMI (AP) -- The INS decided to return Elian Gonzalez to Cuba. Relatives in Miami refused. "
        "Elian stayed in Miami with his great-uncle, Lazaro Gonzalez. Lazaro Gonzalez said no."
    )
    codes = actor_codes(nlp, text, date(2000, 1, 6))
    assert codes["Elian Gonzalez"] == "CUBCVL"
    assert codes["Lazaro Gonzalez"] == "USACVL"


def test_actors_wire_a_private_persons_country_lends_none(nlp):
    text = (
        "MIAMI (AP) -- Officials said British mine expert John Howes was detained. "
        "Howes was released on Monday. Police questioned Howes for an hour."
    )
    codes = actor_codes(nlp, text, WIRE_DAY)
    assert codes["Howes"] == "GBRCVL"
    assert codes["Police"] == "USACOP"
