"""Whose a country word is, which names are foreign namesakes, and which role nouns name nobody in
particular, on hand-written sentences (guidelines, docs/annotation.md §7.5; docs/actors.md)."""

from __future__ import annotations

from datetime import date

import pytest

from actor_support import US_STORY
from eventwire.annotate.actors import resolve_actors
from eventwire.annotate.actors.text import split_code
from eventwire.annotate.parse.dateline import find_furniture

WHEN = date(2016, 6, 1)


def _actors(nlp, text, when=WHEN):
    return {m.text: m.actor.cameo_code for m in resolve_actors(nlp(text), when)}


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The foundation is of interest to the American people.", "American"),
        ("He said he would stop the outflow of American jobs.", "American"),
        ("Hearing him say it in a British accent gives it a certain tone.", "British"),
        ("After the Paris attacks, the mayor called for calm.", "Paris"),
        ("The dish is dressed with a sweet mole from a Mexico City recipe.", "Mexico City"),
        ("Georgia Fowler, the model, walked the show.", "Georgia"),
        ("The law is a failure, Cuban said on Sunday.", "Cuban"),
        ("Clinton won Ohio, Florida, Illinois and North Carolina on Tuesday.", "Florida"),
        ("Clinton won Ohio, Florida, Illinois and North Carolina on Tuesday.", "Ohio"),
        ("Sanders visited Missouri on Saturday.", "Missouri"),
        ("The company relocated 1,400 jobs to Monterrey, Mexico.", "Mexico"),
        ("He said Muslims should be banned from entering the U.S.", "U.S."),
        ("Both firms moved jobs out of the U.S. last year.", "U.S."),
        ("Speakers were trained in the US, Canada, Brazil, South Africa, and Venezuela.", "Venezuela"),
        ("The senator opened a Rochester rally on Tuesday.", "Rochester"),
        ("The court struck down a restrictive Texas abortion law.", "Texas"),
        ("The company shifts work to a Mexico plant next year.", "Mexico"),
        ("He said he would now support the Denver Broncos.", "Denver"),
        ("“A deal would be in Israel's interests,” he told reporters.", "Israel"),
        ("She regards him as America’s best hope for its future.", "America"),
        ("He has advocated building a wall along the U.S.-Mexico border.", "U.S."),
        ("The company reaffirmed its commitment to the U.S. market overall.", "U.S."),
        ("He will speak to the powerful pro-Israel lobby group on Monday.", "Israel"),
        ("Analysts said Russia's military capacity is limited.", "military"),
        ("Congress created a select committee to investigate Benghazi.", "Benghazi"),
        ("The 800-page report on Benghazi sheds little light.", "Benghazi"),
    ],
)
def test_actors_owners_country_word_that_owns_nothing(nlp, text, word):
    actors = _actors(nlp, text)
    assert not any(word in mention for mention in actors), actors


@pytest.mark.parametrize(
    ("text", "word", "code"),
    [
        ("The Russian invasion drew new US sanctions.", "Russian", "RUS"),
        ("The Russian invasion drew new US sanctions.", "US", "USA"),
        ("The strike was enabled by the recent US policy change.", "US", "USA"),
        ("Gunmen attacked two U.S. diplomatic compounds in Benghazi.", "U.S.", "USA"),
        ("Israeli tanks shelled positions near the town of Rafah.", "Israeli", "ISR"),
        ("Israel is opposed to French mediation in the negotiations.", "French", "FRA"),
        ("Bosnian Serbs demanded a truce in east Bosnia.", "Bosnian", "BIH"),
        ("Russia attacked Odesa and Kharkiv on Monday.", "Kharkiv", "UKR"),
        ("Russian drones attacked Odesa port overnight.", "Odesa", "UKR"),
        ("Militants attacked Benghazi overnight.", "Benghazi", "LBY"),
        ("Reagan met Soviet leader Mikhail Gorbachev in Geneva.", "Soviet leader Mikhail Gorbachev", "RUS"),
        ("Pakistan said the talks had failed.", "Pakistan", "PAK"),
        ("The decree broadens Russia’s nuclear doctrine.", "Russia", "RUS"),
        ("New sanctions were imposed by the United States.", "the United States", "USA"),
        ("WASHINGTON — Carson complained of unfair media scrutiny of his candidacy.", "media", "USA"),
        ("KABUL, Afghanistan — Police raids continued overnight.", "Police", "AFG"),
        ("WASHINGTON — The inspector general said State was inaccurate about the emails.", "State", "USA"),
        ("The Cuban said the talks had failed.", "Cuban", "CUB"),
    ],
)
def test_actors_owners_country_word_that_owns_an_act(nlp, text, word, code):
    actors = _actors(nlp, text)
    assert split_code(actors.get(word))[0] == code, actors


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Donald Trump spoke. His rival's words sound like Trump-isms, critics said.", "Trump-isms"),
        ("Ronald Reagan won. She sees Reagan-like qualities in the candidate.", "Reagan-like"),
        ("Vladimir Putin spoke of the post-Soviet order.", "post-Soviet"),
    ],
)
def test_actors_owners_name_inside_a_hyphenated_word_is_no_actor(nlp, text, word):
    at = text.index(word)
    found = [m.text for m in resolve_actors(nlp(text), WHEN) if at <= m.start < at + len(word)]
    assert not found, found


def test_actors_owners_names_joined_by_a_hyphen_are_both_names(nlp):
    text = "According to a Washington Post-ABC News survey, Clinton leads. Post-Soviet states disagreed."
    found = {m.text: m.actor.cameo_code for m in resolve_actors(nlp(text), WHEN)}
    assert found.get("Washington Post") == found.get("ABC News") == "USAMED", found
    assert not any("Soviet" in t for t in found), found  # a prefix opening a sentence is still a prefix


def test_actors_owners_company_codes_carry_their_country():
    assert split_code("MNCUSA") == ("USA", "BUS")
    assert split_code("MNCUSAHLH") == ("USA", "BUS")
    assert split_code("IGOWSTNAT") == (None, "IGO")


def test_actors_owners_foreign_namesake_needs_its_country_in_the_story(nlp):
    story = (
        "Tracy Martin spoke to reporters in Sanford, Florida, on Monday. The Justice Department and "
        "the FBI said the United States would review the case. Martin said the family wanted answers."
    )
    actors = _actors(nlp, story, date(2013, 7, 15))
    # not New Zealand's MP of that name: a private person the story follows, of the story's country
    assert actors.get("Tracy Martin") == actors.get("Martin") == "USACVL", actors
    # a government figure is named across borders and keeps the match in the same kind of story
    story = (
        "Vladimir Putin spoke to reporters on Monday. The Justice Department and the FBI said the "
        "United States would review the case."
    )
    assert _actors(nlp, story, date(2013, 7, 15))["Vladimir Putin"] == "RUSGOV"


def test_actors_owners_georgia_in_a_us_story_is_the_state(nlp):
    story = US_STORY + (
        "In Georgia, the bill faced dismal prospects after the state's Republican governor threatened a "
        "veto. Georgia lawmakers passed it anyway."
    )
    actors = _actors(nlp, story)
    assert actors["governor"] == "USAGOV" and actors["Georgia lawmakers"] == "USALEG", actors
    # a story with the country's own words (its capital, its people) keeps the country
    story = US_STORY + (
        "The United States criticised Georgia over its new law. Washington said the Georgian government was wrong."
    )
    assert _actors(nlp, story)["Georgia"] == "GEO"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("“This country needs a leader,” he said.", "leader"),
        ("He is not backing any particular candidate this year.", "candidate"),
        ("He described Christie as having a prosecutor's bearing.", "prosecutor"),
        ("Pate backed both John Edwards and Chris Dodd for president.", "president"),
        ("Of the bunch, Missouri had the fewest delegates at stake.", "delegates"),
        # an office yet to come or sought, and "for a president"
        ("“Our next president needs to speak frankly,” he said.", "president"),
        ("She promised to champion statehood if elected president.", "president"),
        ("They don't want a racist for a president.", "president"),
    ],
)
def test_actors_owners_role_noun_of_nobody_in_particular(nlp, text, word):
    actors = _actors(nlp, text)
    assert not any(mention.endswith(word) for mention in actors), actors


def test_actors_owners_offices_of_someone_in_particular_stay(nlp):
    text = (
        "WASHINGTON — The nation's next top diplomat met the newly elected president, and elected "
        "officials and a campaign official who was not authorized to speak said so."
    )
    actors = _actors(nlp, text)
    assert {"diplomat", "president", "officials", "campaign official"} <= set(actors), actors


def test_actors_owners_agent_word_used_for_no_actor(nlp):
    text = (
        "WASHINGTON — The video was posted on social media. Judges are vital for the fair "
        "administration of the law. The administration of President Obama said the media were wrong."
    )
    mentions = resolve_actors(nlp(text), WHEN)
    found = [(m.text, m.start) for m in mentions]
    assert ("media", text.index("social media") + 7) not in found, found
    assert ("administration", text.index("administration of the law")) not in found, found
    codes = {m.text: m.actor.cameo_code for m in mentions}
    assert codes.get("administration") == "USAGOV" and codes.get("media") == "USAJRN", codes


def test_actors_owners_abstract_noun_only_described_is_no_actor(nlp):
    text = (
        "WASHINGTON — The bill met fierce opposition from gay rights groups. Steady, experienced "
        "leadership matters. Americans want a real voice in government. The Syrian opposition and the "
        "opposition in Congress rejected it, and the government said no."
    )
    starts = {m.start: m.text for m in resolve_actors(nlp(text), WHEN)}
    for abstract in ("opposition from", "leadership matters", "government."):
        assert text.index(abstract) not in starts, starts
    for actor in ("Syrian opposition", "opposition in Congress", "government said"):
        assert text.index(actor) in starts, starts


def test_actors_owners_region_inside_a_body_name_is_its_country(nlp):
    text = "Donald Trump spoke in Ohio. Western New England University historian John Baick said the party had changed."
    codes = _actors(nlp, text)
    assert codes.get("Western New England University") == "USAEDU", codes


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("WASHINGTON — “Our prayers are with the victims,” the senator wrote.", "victims"),
        ("The center in San Bernardino, California, works with individuals with disabilities.", "individuals"),
    ],
)
def test_actors_owners_people_beside_an_act_take_no_country(nlp, text, word):
    actors = _actors(nlp, text)
    assert split_code(actors.get(word, "CVL"))[0] is None, actors


def test_actors_owners_role_noun_with_an_owner_stays(nlp):
    actors = _actors(nlp, "WASHINGTON — A spokesman for the ministry said any officials of the agency would resign.")
    assert any("spokesman" in mention for mention in actors), actors


def test_actors_owners_wire_dateline_with_a_day_is_furniture(nlp):
    text = "Aug 27 (Reuters) - Democrat Hillary Clinton on Saturday received her first briefing."
    (dateline,) = find_furniture(text)
    assert text[dateline.start : dateline.end].startswith("Aug 27 (Reuters)")
    actors = _actors(nlp, text)
    assert not any("Aug" in mention or "Reuters" in mention for mention in actors), actors
    assert actors["Hillary Clinton"] == "USAOPP"
    (dateline,) = find_furniture("WASHINGTON, Aug. 27 (Reuters) - The president met the envoy.")
    assert dateline.place == "WASHINGTON"


def test_actors_owners_dateline_with_a_horizontal_bar_is_furniture(nlp):
    text = "WASHINGTON ― President Barack Obama nominated a judge on Tuesday."
    (dateline,) = find_furniture(text)
    assert dateline.place == "WASHINGTON"
    assert "WASHINGTON" not in _actors(nlp, text)


def test_actors_owners_named_writer_or_businessperson_takes_the_story_country(nlp):
    story = (
        "President Obama met Senate leaders at the White House. The State Department and the Pentagon "
        "backed the plan, and the FBI said the Justice Department would review it. "
        "Gawker.com writer Ashley Feinberg said the plan was a trap.\n\nColumnist Jane Doerr agreed."
    )
    actors = _actors(nlp, story)
    assert actors.get("writer Ashley Feinberg") == "USAMED", actors
    assert actors.get("Columnist Jane Doerr") == "USAMED", actors  # the title, not the full stop before it


def test_actors_owners_institutions_of_the_story_country(nlp):
    story = (
        "President Obama met Senate leaders at the White House. The State Department and the Pentagon "
        "backed the plan. Technology companies objected, and universities said investors were wary."
    )
    actors = _actors(nlp, story)
    assert actors.get("Technology companies", actors.get("companies")) == "USABUS", actors
    assert actors.get("universities") == "USAEDU", actors
    assert "investors" not in actors or actors["investors"] == "BUS", actors  # people of any country
    text = "The Washington Post said the newspaper would sue."
    assert _actors(nlp, text)["the newspaper"] == "USAMED"  # the named body, not the sector
