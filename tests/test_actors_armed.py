"""Armed groups that cross borders take the country the story places them in, or none."""

from __future__ import annotations

from datetime import date

from eventwire.annotate.actors import resolve_actors

WHEN = date(2016, 8, 12)


def _codes(nlp, text):
    return [(m.text, m.actor.cameo_code, m.actor.name) for m in resolve_actors(nlp(text), WHEN)]


def test_actors_armed_group_placed_in_one_country_is_its_insurgents_throughout(nlp):
    text = "ISIS seized large areas of Iraq in 2014. Obama vowed on Thursday to destroy ISIS."
    found = [(t, code) for t, code, _ in _codes(nlp, text) if t == "ISIS"]
    assert found == [("ISIS", "IRQINS"), ("ISIS", "IRQINS")]


def test_actors_armed_group_placed_nowhere_or_in_several_countries_keeps_no_country(nlp):
    for text in (
        "The senator said ISIS was a threat to Americans.",
        "ISIS holds land in Syria and Iraq, the report said.",
    ):
        found = [(code, name) for t, code, name in _codes(nlp, text) if t == "ISIS"]
        assert len(found) == 1 and found[0][0] == "INS", text  # insurgents, of no stated country
        assert "Islamic State" in found[0][1] or "ISIS" in found[0][1].upper()  # still the group itself


def test_actors_armed_group_a_town_abroad_does_not_place_it(nlp):
    text = "Gunmen loyal to al-Qaeda attacked a hotel in Bamako, officials in Paris said."
    assert not any(t.lower().startswith("al-qaeda") and code.startswith("FRA") for t, code, _ in _codes(nlp, text))


def test_actors_armed_group_takes_the_one_country_a_story_names_abroad(nlp):
    story = (
        "LA CROSSE, Wisc. — Gov. Mike Pence on Thursday blamed the media for the controversy. "
        "Pence said Iraq was essentially stable when President Obama took office. "
        "Trump said Obama was the founder of ISIS."
    )
    assert [code for t, code, _ in _codes(nlp, story) if t == "ISIS"] == ["IRQINS"]
    # two countries abroad: no country
    story = story.replace("Iraq was", "Iraq and Syria were")
    assert [code for t, code, _ in _codes(nlp, story) if t == "ISIS"] == ["INS"]
