"""Sector-only mentions ("police", "the rebels", "officials") take their country from context."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.annotate.actors.resolve import resolve_actors

WHEN = date(2024, 11, 19)


def _mention(nlp, text, words):
    mentions = resolve_actors(nlp(text), WHEN)
    found = [m for m in mentions if m.text == words]
    assert found, [(m.text, m.actor.cameo_code) for m in mentions]
    return found[0]


@pytest.mark.parametrize(
    ("text", "words", "country", "sector"),
    [
        # a country after "in"/"from" in the sector's own noun phrase
        ("Police in Gaza arrested two men on Monday.", "Police", "PSE", "COP"),
        ("Rebels in the Ivory Coast blocked the main road.", "Rebels", "CIV", "REB"),
        # a city read as a place still says where they are
        ("Militias in Kabul clashed overnight.", "Militias", "AFG", "UAF"),
        # a country modifier not written right before the sector word
        ("Irish nationalist guerrillas wounded two soldiers.", "guerrillas", "IRL", "REB"),
        # the modifier of the noun the sector word is coordinated with
        ("Danish media and government warned of the risks.", "government", "DNK", "GOV"),
        # the only country of the sentence
        ("The Mozambique government accepted demands from Shona rebels.", "rebels", "MOZ", "REB"),
        ("In Ankara, the cabinet held an emergency session.", "cabinet", "TUR", "GOV"),
    ],
)
def test_actors_context_country(nlp, text, words, country, sector):
    mention = _mention(nlp, text, words)
    assert (mention.actor.country, mention.actor.sector, mention.method) == (country, sector, "context")
    assert mention.score < 1.0


def test_actors_context_transnational_owner(nlp):
    mention = _mention(nlp, "Nobody wants a wider war, said a spokesperson for NATO.", "spokesperson")
    assert mention.actor.cameo_code.startswith("IGO") and mention.method == "context"


def test_actors_context_document_country(nlp):
    text = (
        "Kenya's president met lawmakers in Nairobi on Monday. Kenya's opposition walked out.\n\n"
        "The cabinet held an emergency session late at night."
    )
    mention = _mention(nlp, text, "cabinet")
    assert (mention.actor.country, mention.actor.sector) == ("KEN", "GOV")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # two countries in the sentence: whose officials is not said
        ("Russia and Brazil signed a trade deal, officials said.", "officials"),
        # several governments
        ("Kenya and Uganda talked. Both governments need a deal, Kenya said.", "governments"),
        # civilians belong to where they are, not to the army that acts on them
        ("Israeli troops killed three civilians on Monday.", "civilians"),
        # states as a kind are no one state
        ("Russia may use nuclear weapons against non-nuclear states.", "states"),
        # a noun coordinated with the sector word is no part of its phrase
        ("Croat forces attacked ethnic Serb civilians and Montenegrin prisoners of war.", "Serb civilians"),
        # an unknown name owns the agents: they are not the sentence's country
        ("Marine Interdiction agents urged Kenya to show restraint.", "agents"),
        # rebels are not lent the document's country
        ("Kenya's president met lawmakers. Kenya's opposition walked out.\n\nRebels attacked a convoy.", "Rebels"),
    ],
)
def test_actors_context_left_generic(nlp, text, words):
    mention = _mention(nlp, text, words)
    assert mention.method == "generic" and mention.actor.country is None


def test_actors_context_titled_stranger_of_a_known_body_is_its_staff(nlp):
    # not Erna Solberg (the surname's office holder: another first name), nor Kenya's government
    mention = _mention(
        nlp, "WHO Director-General Ingrid Solberg urged Kenya to show restraint.", "Director-General Ingrid Solberg"
    )
    assert mention.actor.cameo_code.startswith("IGO") and mention.actor.name == "World Health Organization"


@pytest.mark.parametrize(
    "text",
    [
        "Kremlin spokesman Yuri Antonov rejected the accusation as absurd.",
        "Saudi Foreign Minister Faisal al-Harbi welcomed the agreement.",
    ],
)
def test_actors_context_titled_name_with_another_first_name_is_not_the_office_holder(nlp, text):
    # the office's code, never the person of the table who holds an office under that surname
    (titled,) = [m for m in resolve_actors(nlp(text), date(2024, 6, 1)) if m.actor.sector == "GOV" and " " in m.text]
    assert titled.actor.name in ("Russia (government)", "Saudi Arabia (government)"), titled.actor


def test_actors_context_state_of_is_no_actor(nlp):
    mentions = resolve_actors(nlp("Sudan's government lifted a state of emergency in the west."), WHEN)
    assert [m.text for m in mentions] == ["Sudan's government"]


def test_actors_context_us_party_word_makes_a_role_noun_american(nlp):
    text = (
        "Bernie Sanders met Pope Francis at the Vatican on Saturday. The Democratic presidential "
        "candidate said the meeting was personal."
    )
    mentions = resolve_actors(nlp(text), date(2016, 4, 16))
    assert {m.text: m.actor.cameo_code for m in mentions}["presidential candidate"] == "USAOPP"
    # a country in the noun's own phrase still says whose it is
    assert _mention(nlp, "Republican lawmakers in Japan met.", "lawmakers").actor.country == "JPN"


def test_actors_context_the_pope_is_the_holy_see_in_any_story(nlp):
    text = "WASHINGTON — Senator Bernie Sanders met the pope on Saturday. The pontiff praised him."
    codes = {m.text: (m.actor.cameo_code, m.actor.name) for m in resolve_actors(nlp(text), date(2016, 4, 16))}
    assert codes["pope"] == codes["pontiff"] == ("VATGOV", "Holy See"), codes
    # the office holder by the date: Francis until 2025, Leo XIV after
    found = {m.text: m.actor.actor_id for m in resolve_actors(nlp("Pope Leo met Zelensky."), date(2025, 6, 1))}
    assert found["Pope Leo"] == "pope-leo-xiv", found
