"""Pronoun speakers resolved to the person or group the text last named."""

import pytest

from eventwire.annotate.quotes.coref import gender_votes
from eventwire.annotate.quotes.find import find_local_quotes, find_quotes, resolve_speakers


@pytest.fixture(scope="module")
def speakers_of(nlp):
    def run(text: str) -> list[str | None]:
        return [q.speaker.text if q.speaker else None for q in find_quotes(nlp(text))]

    return run


def test_quotes_coref_gender_from_the_text(nlp):
    doc = nlp("Hillary Clinton said her plan works. Mr. Trump spoke about his rally. Sanders smiled.")
    votes = gender_votes(doc)
    assert votes["clinton"] == "F"
    assert votes["trump"] == "M"
    assert "sanders" not in votes  # not tagged as a person, and no pronoun refers to it


def test_quotes_coref_she_skips_a_man_named_later(speakers_of):
    text = (
        "Senator Elizabeth Warren criticized her rivals on Monday. "
        "Mr. Trump was not in the room. "
        '"We will not stop," she said.'
    )
    assert speakers_of(text)[-1] == "Senator Elizabeth Warren"


def test_quotes_coref_names_inside_quotations_are_not_antecedents(speakers_of):
    text = (
        "Senator Tom Harris attacked local officials on Twitter. "
        '"Hillary Clinton should ask why the pols made all the wrong moves," he wrote.'
    )
    assert speakers_of(text) == ["Senator Tom Harris"]


def test_quotes_coref_a_run_of_pronouns_keeps_its_antecedent(speakers_of):
    text = (
        "Governor Maria Lopez visited the flooded towns on Friday. "
        '"The damage is severe," she said. '
        "The state will ask for federal help. "
        '"We need it now," she added.'
    )
    assert speakers_of(text) == ["Governor Maria Lopez", "Governor Maria Lopez"]


def test_quotes_coref_they_takes_a_group(speakers_of):
    text = "Union leaders met the minister on Tuesday. They said the strike would go on."
    assert speakers_of(text) == ["Union leaders"]


def test_quotes_coref_local_mentions_before_resolution(nlp):
    doc = nlp("Chancellor Olaf Scholz met reporters. He said the talks would resume.")
    local = find_local_quotes(doc)
    assert [q.speaker.text for q in local] == ["He"]
    assert [q.speaker.text for q in resolve_speakers(doc, local)] == ["Chancellor Olaf Scholz"]
