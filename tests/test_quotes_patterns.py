"""Attribution patterns news writing uses, one sentence each."""

import pytest

from eventwire.annotate.quotes.find import find_quotes


@pytest.fixture(scope="module")
def quotes_of(nlp):
    def run(text: str):
        return find_quotes(nlp(text))

    return run


def _only(quotes):
    assert len(quotes) == 1, [q.content.text for q in quotes]
    return quotes[0]


def test_quotes_cue_after_quotation(quotes_of):
    quote = _only(quotes_of('"The talks have failed," Foreign Minister Sergei Lavrov said.'))
    assert quote.kind == "direct"
    assert quote.content.text == '"The talks have failed,"'
    assert quote.speaker.text == "Foreign Minister Sergei Lavrov"
    assert quote.cue.text == "said"


def test_quotes_inverted_cue_after_quotation(quotes_of):
    quote = _only(quotes_of("“The talks have failed,” said Sergei Lavrov, Russia’s foreign minister."))
    assert quote.speaker.text == "Sergei Lavrov"
    assert quote.cue.text == "said"


def test_quotes_cue_before_quotation_with_colon(quotes_of):
    quote = _only(quotes_of('The minister told reporters: "The talks have failed and we are leaving."'))
    assert quote.kind == "direct"
    assert quote.content.text == '"The talks have failed and we are leaving."'
    assert quote.speaker.text == "The minister"
    assert quote.cue.text == "told"


def test_quotes_split_quotation_gives_one_quote_per_piece(quotes_of):
    text = "Senator Mary Jones spoke on Monday. “We will respond,” she said, “and firmly.”"
    quotes = quotes_of(text)
    assert [q.content.text for q in quotes] == ["“We will respond,”", "“and firmly.”"]
    assert all(q.kind == "direct" and q.cue.text == "said" for q in quotes)
    assert all(q.speaker.text == "she" and q.speaker_ref.text == "Senator Mary Jones" for q in quotes)


def test_quotes_multi_sentence_quotation_continues_after_the_tag(quotes_of):
    text = 'The strike killed 12 people, the governor said. "This is a war crime. We will not forget."'
    quotes = quotes_of(text)
    follow_up = [q for q in quotes if q.content.text.startswith('"This is a war crime')]
    assert follow_up and follow_up[0].speaker.text == "the governor"
    assert follow_up[0].content.text == '"This is a war crime. We will not forget."'


def test_quotes_quotation_continued_in_next_paragraph(quotes_of):
    text = '"We will fight on the beaches.\n\n"We shall never surrender," Churchill said.'
    quotes = quotes_of(text)
    assert len(quotes) == 2
    assert all(q.speaker.text == "Churchill" for q in quotes)
    assert "\n" not in quotes[0].content.text


def test_quotes_reported_speech_that_clause(quotes_of):
    quote = _only(quotes_of("Zelensky warned that Russia was preparing a new offensive."))
    assert quote.kind == "indirect"
    assert quote.content.text == "that Russia was preparing a new offensive"
    assert (quote.speaker.text, quote.cue.text) == ("Zelensky", "warned")


def test_quotes_reported_speech_with_perfect_and_recipient(quotes_of):
    quote = _only(quotes_of("President Joe Biden has told reporters the United States will not send troops."))
    assert quote.content.text == "the United States will not send troops"
    assert quote.speaker.text == "President Joe Biden"
    assert quote.cue.text == "has told"


def test_quotes_according_to(quotes_of):
    quote = _only(quotes_of("The army shelled the city overnight, according to local officials."))
    assert quote.content.text == "The army shelled the city overnight"
    assert quote.speaker.text == "local officials"
    assert quote.cue.text == "according to"


def test_quotes_partial_quotation_inside_reported_clause(quotes_of):
    quote = _only(quotes_of('Lavrov said that "the talks have failed" after two days of meetings.'))
    assert quote.content.text == 'that "the talks have failed" after two days of meetings'
    assert quote.kind == "indirect"


def test_quotes_scare_quotes_are_not_quotations(quotes_of):
    assert quotes_of('The so-called "peace plan" was published by the ministry on Friday.') == []
    assert quotes_of("He appeared on “Meet the Press” last week.") == []


def test_quotes_pronoun_speaker_resolves_to_previous_subject(quotes_of):
    text = "Chancellor Olaf Scholz met Emmanuel Macron in Paris. He said the alliance would hold."
    quote = _only(quotes_of(text))
    assert quote.speaker.text == "He"
    assert quote.speaker_ref.text == "Chancellor Olaf Scholz"
    assert quote.start == text.index("He said")


def test_quotes_pronoun_without_antecedent_is_kept(quotes_of):
    quote = _only(quotes_of('"We are ready," she said.'))
    assert quote.speaker.text == "she" and quote.speaker_ref is None


def test_quotes_byline_dash_tag(quotes_of):
    text = '"Imagination is more important than knowledge."\n\n—Albert Einstein'
    quote = _only(quotes_of(text))
    assert quote.speaker.text == "Albert Einstein"
    assert quote.cue.text == "—"


def test_quotes_artifact_speaker_is_its_author(quotes_of):
    quote = _only(quotes_of('The senator issued a statement saying the vote "was a disgrace."'))
    assert quote.speaker.text == "The senator"
    assert quote.cue.text == "saying"


def test_quotes_tag_after_a_long_speaker_description(quotes_of):
    text = (
        '"The agents are under a lot of pressure," an intelligence source, who was not authorized '
        "to speak on the record, told Fox News."
    )
    quote = _only(quotes_of(text))
    assert quote.speaker.text == "an intelligence source"
    assert quote.cue.text == "told"


def test_quotes_nested_cues_inside_quotations_are_ignored(quotes_of):
    quote = _only(quotes_of('"They said we would lose, and we won," Smith said.'))
    assert quote.speaker.text == "Smith"


def test_quotes_name_and_colon_introduce_a_quotation(quotes_of):
    quote = _only(quotes_of('More from Nate Silver: "The polls were wrong in both directions."'))
    assert quote.speaker.text == "Nate Silver"
    assert quote.cue.text == ":"
