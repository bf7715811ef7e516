"""Quotes on the seed article: the attributions every stage downstream relies on."""

import pytest

from eventwire.annotate.quotes.find import find_quotes


@pytest.fixture(scope="module")
def seed_quotes(nlp, seed_text):
    return find_quotes(nlp(seed_text))


def _quote_with(quotes, words):
    matches = [q for q in quotes if words in q.content.text]
    assert matches, f"no quote contains {words!r}"
    return matches[0]


def test_quotes_seed_direct_quote_by_peskov(seed_quotes):
    quote = _quote_with(seed_quotes, "Our operation continues and will be completed")
    assert quote.kind == "direct"
    assert "Peskov" in quote.speaker.text
    assert quote.cue.text == "stated"


def test_quotes_seed_reported_speech_by_stoltenberg(seed_quotes):
    quote = _quote_with(seed_quotes, "he does not see an imminent nuclear threat from Russia")
    assert quote.kind == "indirect"
    assert "Stoltenberg" in quote.speaker.text


def test_quotes_seed_reported_speech_by_peskov_with_cue(seed_quotes):
    quote = _quote_with(seed_quotes, "aggression by a non-nuclear state, supported by a nuclear ally")
    assert quote.kind == "indirect"
    assert "Peskov" in quote.speaker.text
    assert quote.cue.text == "clarified"
    assert quote.content.text.endswith("would be treated as a joint attack")


def test_quotes_seed_partial_quote_and_scare_quote(seed_quotes):
    partial = _quote_with(seed_quotes, "“reckless and irresponsible.”")
    assert partial.kind == "direct"
    assert "Stoltenberg" in partial.speaker.text
    assert not any(q.content.text.strip("“”") == "forced" for q in seed_quotes)


def test_quotes_seed_according_to_source(seed_quotes):
    quote = _quote_with(seed_quotes, "Ukrainian armed forces conducted their first missile strike")
    assert "RBC Ukraine" in quote.speaker.text
    assert quote.cue.text == "according to"
    assert "Ukraine’s Response" not in quote.content.text


def test_quotes_seed_offsets_point_into_text(seed_quotes, seed_text):
    for quote in seed_quotes:
        assert seed_text[quote.content.start : quote.content.end] == quote.content.text
        assert quote.start <= quote.content.start and quote.content.end <= quote.end
        assert quote.speaker_actor is None
        if quote.speaker is not None:
            assert seed_text[quote.speaker.start : quote.speaker.end] == quote.speaker.text
