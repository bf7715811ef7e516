"""A race's coverage: candidates under epithets and as nominees, and candidates until the
inauguration that ends their race."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

from actor_support import US_STORY, actor_codes, actor_rows
from eventwire.annotate.actors import load_actor_dictionary

WHEN = date(2016, 2, 21)


def _actors(nlp, text, when=WHEN):
    return actor_rows(nlp, text, when)


def _codes(nlp, text, when=WHEN):
    return actor_codes(nlp, text, when)


def test_actors_races_epithet_after_a_candidate_is_a_candidate(nlp):
    text = US_STORY + (
        "Donald Trump won the South Carolina primary on Saturday. "
        "The billionaire businessman only narrowly edged out Florida Sen. Marco Rubio."
    )
    assert _codes(nlp, text)["The billionaire businessman"] == "USAOPP"


def test_actors_races_epithet_after_someone_else_is_no_candidate(nlp):
    text = US_STORY + (
        "Marco Rubio spoke to donors in Columbia on Saturday. The billionaire businessman in the front row left early."
    )
    assert "USAOPP" not in _codes(nlp, text).values()


def test_actors_races_epithet_said_of_someone_is_no_second_mention(nlp):
    text = US_STORY + "Donald Trump spoke on Saturday. Many voters see him as the outsider they want."
    assert not any("outsider" in t for t in _codes(nlp, text))


def test_actors_races_nominee_is_a_candidate_but_a_persons_nominee_is_not(nlp):
    text = US_STORY + (
        "Donald Trump spoke in Ohio. The presumptive Republican nominee reported holding shares in dozens of firms."
    )
    codes = _codes(nlp, text, date(2016, 5, 18))
    assert any("nominee" in t and code == "USAOPP" for t, code in codes.items())
    text = US_STORY + "Senators denied Merrick Garland, President Obama's nominee for the Supreme Court, a hearing."
    assert "USAOPP" not in _codes(nlp, text, date(2016, 5, 18)).values()


def test_actors_races_candidates_stay_candidates_until_the_inauguration():
    dictionary = load_actor_dictionary()
    for name in ("Ben Carson", "Jeb Bush", "Carly Fiorina", "Hillary Clinton"):
        assert dictionary.lookup(name, date(2016, 6, 1)).cameo_code == "USAOPP", name  # withdrawn or lost, in the race
        assert dictionary.lookup(name, date(2017, 2, 1)).cameo_code != "USAOPP", name
    assert dictionary.lookup("Ben Carson", date(2017, 6, 1)).cameo_code == "USAGOV"  # then took office


def test_actors_races_inauguration_after_a_candidacy():
    path = Path(__file__).resolve().parents[1] / "scripts" / "build_actor_supplement.py"
    spec = importlib.util.spec_from_file_location("build_actor_supplement", path)
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    assert build.inauguration_after(date(2015, 9, 11)) == date(2017, 1, 20)
    assert build.inauguration_after(date(2016, 11, 9)) == date(2017, 1, 20)
    assert build.inauguration_after(date(2024, 1, 10)) == date(2025, 1, 20)
    roles = [
        build.DatedCode("USAELI", date(2007, 1, 2), date(2015, 6, 14)),
        build.DatedCode("USAOPP", date(2015, 6, 15), date(2017, 1, 19)),
        build.DatedCode("USAELI", date(2016, 2, 20), None),
        build.DatedCode("USAGOV", date(2016, 12, 1), None),
    ]
    kept = build.after_races(roles)
    assert build.DatedCode("USAELI", date(2017, 1, 20), None) in kept  # the former official only after the race
    assert build.DatedCode("USAOPP", date(2015, 6, 15), date(2016, 12, 1)) in kept  # an office ends the race
