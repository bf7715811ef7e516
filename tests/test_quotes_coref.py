"""Pronoun speakers resolved to the person or group the text last named: ``speaker`` stays the
mention at the cue, ``speaker_ref`` holds the antecedent."""

import pytest

from eventwire.annotate.quotes.coref import gender_votes
from eventwire.annotate.quotes.find import find_local_quotes, find_quotes, resolve_speakers


@pytest.fixture(scope="module")
def speakers_of(nlp):
    def run(text: str) -> list[str | None]:
        """The resolved speaker of each quote: the antecedent of a pronoun, else the mention."""
        return [q.resolved_speaker.text if q.resolved_speaker else None for q in find_quotes(nlp(text))]

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
    assert [(q.speaker.text, q.speaker_ref) for q in local] == [("He", None)]
    resolved = resolve_speakers(doc, local)
    assert [q.speaker.text for q in resolved] == ["He"]
    assert [q.speaker_ref.text for q in resolved] == ["Chancellor Olaf Scholz"]


def test_quotes_coref_speaker_stays_the_mention_and_ref_is_the_antecedent(nlp):
    text = (
        "Kremlin spokesman Dmitry Peskov spoke to reporters in Moscow on Tuesday. "
        'He said the Kremlin would respond to the new sanctions. "We will not stay silent," Peskov added.'
    )
    he, named = [q for q in find_quotes(nlp(text)) if q.kind == "indirect"][0], find_quotes(nlp(text))[-1]
    at = text.index("He said")
    assert (he.speaker.start, he.speaker.end, he.speaker.text) == (at, at + 2, "He")
    assert he.speaker_ref.text == "Kremlin spokesman Dmitry Peskov"
    assert text[he.speaker_ref.start : he.speaker_ref.end] == he.speaker_ref.text
    assert he.start == at  # the quote covers the local mention, not the antecedent
    assert named.speaker.text == "Peskov" and named.speaker_ref is None


def test_quotes_coref_relative_pronoun_stays_who(nlp):
    text = "The protesters were joined by Maria Lopez, who said the government had lied to them."
    quote = find_quotes(nlp(text))[0]
    assert quote.speaker.text == "who"
    assert quote.speaker_ref.text == "Maria Lopez"


def test_quotes_coref_a_pronoun_with_no_antecedent_has_no_ref(nlp):
    quote = find_quotes(nlp('"We are ready," she said.'))[0]
    assert quote.speaker.text == "she" and quote.speaker_ref is None


def test_quotes_coref_a_speech_quoted_sentence_by_sentence_keeps_its_speaker(nlp):
    text = (
        "Senator Tom Harris spoke at the rally on Friday.\n"
        '"The police are mistreated," he said. "They do their job. They keep order. '
        'They protect us. They deserve better. They are afraid for their jobs," he continued.'
    )
    quotes = find_quotes(nlp(text))
    assert [q.speaker.text for q in quotes] == ["he", "he"]
    assert [q.speaker_ref.text for q in quotes] == ["Senator Tom Harris", "Senator Tom Harris"]


def test_quotes_coref_a_name_the_tagger_took_for_a_noun(nlp):
    text = (
        "Trump fires up G.O.P. base, by pricking party's orthodoxy.\n\n"
        "His popularity, even after he criticized President George W. Bush, shows how deeply the G.O.P. "
        "misjudged the rank and file's adherence to conservatism.\n\n"
        "Donald Trump spoke in Iowa on Monday."
    )
    doc = nlp(text)
    assert doc[0].pos_ == "NOUN"  # the headline's parse this test is about
    quote = next(q for q in find_quotes(doc) if q.speaker.text == "he")
    assert (quote.speaker_ref.start, quote.speaker_ref.text) == (0, "Trump")
