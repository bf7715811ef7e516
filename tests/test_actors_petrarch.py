"""The resolver over dictionaries read from PETRARCH-format files (one's own, or a test suite's)."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.annotate.actors.dictionary import ActorDictionary
from eventwire.annotate.actors.resolve import resolve_actors

ACTORS = """\
GONDOR [GON]
+MINAS_TIRITH
ARNOR_ [ARN]
GOLLUM  # a hobbit
+SMEAGOL
\t[HOB <950601]
\t[HOBGOV 19950601 - 19990815]
WHITE_COUNCIL [IGOWCN]
"""
AGENTS = """\
POLICE {} [~COP]
AMBASSADOR [~GOV]
"""


@pytest.fixture(scope="module")
def dictionary(tmp_path_factory):
    folder = tmp_path_factory.mktemp("petrarch")
    (folder / "actors.txt").write_text(ACTORS, encoding="utf-8")
    (folder / "agents.txt").write_text(AGENTS, encoding="utf-8")
    return ActorDictionary.from_petrarch([folder / "actors.txt"], [folder / "agents.txt"])


def test_actors_petrarch_entries_are_typed(dictionary):
    kinds = {record.name: record.kind for record in dictionary.records}
    assert kinds == {"Gondor": "country", "Arnor": "country", "Gollum": "person", "White Council": "org"}
    assert dictionary.agent_role("police") == "COP" and dictionary.agent_role("ambassadors") == "GOV"


def test_actors_petrarch_dictionary_resolves(nlp, dictionary):
    doc = nlp("Gondor police arrested Smeagol, and the ambassadors of Arnor and Gondor left Minas Tirith.")
    codes = {m.text: m.actor.cameo_code for m in resolve_actors(doc, date(1996, 5, 1), dictionary)}
    assert codes["Gondor police"] == "GONCOP"
    assert codes["Smeagol"] == "HOBGOV"  # the dated code of the day
    assert codes["ambassadors of Arnor"] == "ARNGOV" and codes["Gondor"] == "GONGOV"
    before = {m.text: m.actor.cameo_code for m in resolve_actors(doc, date(1994, 5, 1), dictionary)}
    assert before["Smeagol"] == "HOB"
