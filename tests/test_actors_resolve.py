"""Actor resolution on parsed documents (the seed article and short texts) and on bare phrases."""

from __future__ import annotations

import gc
import time
from datetime import date

import pytest

from eventwire.annotate.actors.resolve import link_speakers, resolve_actors, resolve_text
from eventwire.model import Quote, Span

SEED_DATE = date(2024, 11, 19)


@pytest.fixture(scope="module")
def seed_mentions(nlp, seed_text):
    return resolve_actors(nlp(seed_text), SEED_DATE)


def _find(mentions, text):
    return [m for m in mentions if m.text == text or m.text.endswith(" " + text)]


@pytest.mark.parametrize(
    ("text", "country", "sector"),
    [
        ("Putin", "RUS", "GOV"),
        ("Peskov", "RUS", "GOV"),
        ("Kremlin spokesperson Dmitry Peskov", "RUS", "GOV"),
        ("President Joe Biden", "USA", "GOV"),
        ("Biden administration", "USA", "GOV"),
        ("Kyiv", "UKR", "GOV"),
        ("Moscow", "RUS", "GOV"),
        ("Belarus", "BLR", None),
        ("Ukrainian armed forces", "UKR", "MIL"),
        ("Ukrainian officials", "UKR", "GOV"),
    ],
)
def test_actors_resolve_seed(seed_mentions, text, country, sector):
    found = _find(seed_mentions, text)
    assert found, text
    assert all((m.actor.country, m.actor.sector) == (country, sector) for m in found), [m.actor for m in found]


def test_actors_resolve_seed_trump_and_nato(seed_mentions):
    trump = _find(seed_mentions, "Donald Trump")
    assert trump and trump[0].actor.country == "USA" and trump[0].actor.sector == "OPP"
    stoltenberg = [m for m in seed_mentions if "Stoltenberg" in m.text]
    assert len(stoltenberg) == 2
    assert all(m.actor.cameo_code == "IGOWSTNAT" and m.actor.sector == "IGO" for m in stoltenberg)
    assert stoltenberg[0].text == "NATO Secretary-General Jens Stoltenberg"
    assert stoltenberg[1].text == "NATO’s Stoltenberg"
    russian_president = _find(seed_mentions, "Russian President Vladimir Putin")
    assert russian_president[0].actor.actor_id == "vladimir-putin"


def test_actors_resolve_offsets_and_no_overlaps(seed_mentions, seed_text):
    previous_end = -1
    for mention in seed_mentions:
        assert seed_text[mention.start : mention.end] == mention.text
        assert mention.start >= previous_end
        previous_end = mention.end
        assert 0 < mention.score <= 1
    # boilerplate source names are not countries ("RBC Ukraine" is a news outlet)
    assert not any(m.text == "Ukraine" and seed_text[m.start - 4 : m.start] == "RBC " for m in seed_mentions)


def _resolve(nlp, text, when=SEED_DATE):
    return [(m.text, m.actor.cameo_code, m.method) for m in resolve_actors(nlp(text), when)]


def test_actors_resolve_capital_as_place_or_government(nlp):
    assert _resolve(nlp, "Talks were held in Moscow on Friday.") == []
    assert _resolve(nlp, "Moscow rejected the proposal.") == [("Moscow", "RUSGOV", "metonymy")]
    found = _resolve(nlp, "Beijing warned Washington, and Downing Street said London backs Kyiv.")
    assert [c for _, c, _ in found] == ["CHNGOV", "USAGOV", "GBRGOV", "GBRGOV", "UKRGOV"]


def test_actors_resolve_titles_and_agents(nlp):
    found = _resolve(nlp, "Israeli troops raided the camp as protesters gathered and Russian forces shelled Kharkiv.")
    assert ("Israeli troops", "ISRMIL", "title") in found
    assert ("Russian forces", "RUSMIL", "title") in found
    protesters = [f for f in found if f[0] == "protesters"]
    assert protesters and protesters[0][2] == "generic" and protesters[0][1].startswith(("CVL", "OPP"))
    found = _resolve(nlp, "Former President Barack Obama criticised Yemen's government.")
    assert found == [("Former President Barack Obama", "USAELI", "title"), ("Yemen's government", "YEMGOV", "title")]


def test_actors_resolve_surnames_within_document(nlp):
    found = _resolve(nlp, "Ukraine's President Volodymyr Zelenskyy spoke. Zelenskyy added that Kyiv would respond.")
    assert found[0] == ("Ukraine's President Volodymyr Zelenskyy", "UKRGOV", "title")
    assert ("Zelenskyy", "UKRGOV", "dictionary") in found
    # another person sharing a surname is not the known actor
    assert _resolve(nlp, "Barron Trump attended the dinner.") == []


def test_actors_resolve_title_names_office_holder(nlp):
    """A title and a surname the dictionary only knows in full name the office holder of the day."""
    found = _resolve(nlp, "Uzbek President Mirziyoyev met President Rahmon in Dushanbe.")
    assert found == [("Uzbek President Mirziyoyev", "UZBGOV", "title"), ("President Rahmon", "TJKGOV", "title")]


def test_actors_resolve_fuzzy_spellings(nlp):
    mentions = resolve_actors(nlp("Volodymir Zelenskyi met Sergey Lavrow in Geneva."), SEED_DATE)
    assert [(m.actor.actor_id, m.method) for m in mentions] == [
        ("volodymyr-zelenskyy", "fuzzy"),
        ("sergei-lavrov", "fuzzy"),
    ]
    assert all(0.9 <= m.score < 1 for m in mentions)


def test_actors_resolve_short_capitals_and_pronouns(nlp):
    found = _resolve(nlp, "He told us that the UN and the EU agreed with the US.")
    assert [c for _, c, _ in found] == ["IGOUNO", "IGOEUREEC", "USA"]


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("Russian President", "RUSGOV"),
        ("Kremlin spokesperson Dmitry Peskov", "RUSGOV"),
        ("NATO Secretary-General Jens Stoltenberg", "IGOWSTNAT"),
        ("Ukrainian armed forces", "UKRMIL"),
        ("Ukrainian officials", "UKRGOV"),
        ("Israeli troops", "ISRMIL"),
        ("the Biden administration", "USAGOV"),
        ("Zelenskiy", "UKRGOV"),
        ("Volodymyr Zelenskyy", "UKRGOV"),
        ("the White House", "USAGOV"),
        ("the Pentagon", "USAMIL"),
        ("Belarus", "BLR"),
        ("refugees fleeing the fighting in Sudan", "SDNREF"),
        ("the president of Armenia", "ARMGOV"),
    ],
)
def test_actors_resolve_text(phrase, code):
    actor = resolve_text(phrase, SEED_DATE)
    assert actor is not None and actor.cameo_code == code


def test_actors_resolve_text_unknown():
    assert resolve_text("the weather", SEED_DATE) is None
    assert resolve_text("", SEED_DATE) is None
    generic = resolve_text("protesters", SEED_DATE)
    assert generic.country is None and generic.actor_id.startswith("generic:")


def test_actors_link_speakers(nlp):
    text = "Kremlin spokesperson Dmitry Peskov said the talks failed. Peskov added more. He said it again."
    doc = nlp(text)
    mentions = resolve_actors(doc, SEED_DATE)

    def quote(speaker: str, occurrence: int = 0) -> Quote:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(speaker, start + 1)
        return Quote(
            start,
            len(text),
            Span(start, len(text), text[start:]),
            "indirect",
            Span(start, start + len(speaker), speaker),
        )

    # A pronoun takes the actor of its speaker_ref (set by the quote stage's coreference); a pronoun
    # without one gets none: link_speakers maps spans to actors and resolves no pronoun itself.
    resolved = quote("He")
    resolved.speaker_ref = quote("Peskov", 1).speaker
    quotes = [
        quote("Dmitry Peskov"),
        quote("Peskov", 1),
        resolved,
        quote("He"),
        Quote(0, 5, Span(0, 5, text[:5]), "direct"),
    ]
    link_speakers(quotes, mentions, doc)
    assert [q.speaker_actor.actor_id if q.speaker_actor else None for q in quotes] == [
        "dmitry-peskov",
        "dmitry-peskov",
        "dmitry-peskov",
        None,
        None,
    ]
    assert resolved.speaker.text == "He"


def test_actors_resolve_is_cheap_next_to_parsing(nlp, seed_text):
    resolve_actors(nlp(seed_text), SEED_DATE)  # dictionary and caches loaded
    # CPU time of this process, after a collection: a cyclic collection of the whole test
    # session's heap, or another process on the machine, must not land in either figure
    gc.collect()
    started = time.process_time()
    docs = list(nlp.pipe([seed_text] * 3))
    parse = time.process_time() - started
    gc.collect()
    started = time.process_time()
    for doc in docs:
        resolve_actors(doc, SEED_DATE)
    resolve = time.process_time() - started
    assert resolve < 0.25 * parse, (resolve, parse)
