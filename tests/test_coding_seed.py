"""End to end on the seed article: real parse, real actor resolver, real quotes; the default
(learned) coder through ``analyze`` at its default threshold, and the dictionary coder
(``coding_support.code_events``) kept for comparison."""

from __future__ import annotations

from datetime import date

import pytest

from coding_support import code_events
from eventwire.annotate.actors.resolve import resolve_actors
from eventwire.annotate.quotes.find import find_quotes

PUBLISHED = date(2024, 11, 19)
BOILERPLATE_START = "Discover more from"


@pytest.fixture(scope="module")
def seed_events(nlp, seed_text):
    body = seed_text.split(BOILERPLATE_START)[0]
    doc = nlp(body)
    events = code_events(doc, resolve_actors(doc, PUBLISHED), find_quotes(doc), (), PUBLISHED)
    return body, events


def test_coding_seed_nuclear_threat_is_hypothetical_with_generic_target(seed_events) -> None:
    _, events = seed_events
    threats = [e for e in events if e.source.code == "RUSGOV" and e.plover_type == "THREATEN"]
    nuclear = [e for e in threats if e.cameo_code.startswith("138")]
    assert nuclear, [(e.source.code, e.cameo_code, e.action.text) for e in events]
    event = nuclear[0]
    assert event.cameo_code == "1385" and event.hypothetical
    assert event.target is not None and event.target.code is None
    assert "non-nuclear states" in event.target.name
    assert event.quad_class == 3 and event.goldstein == -7.0


def test_coding_seed_us_authorises_ukraine_military_support(seed_events) -> None:
    _, events = seed_events
    support = [
        e
        for e in events
        if e.source.code == "USAGOV"
        and e.target is not None
        and (e.target.code or "").startswith("UKR")
        and e.plover_type in ("SUPPORT", "AID")
    ]
    assert support, [(e.source.code, e.cameo_code, e.target.code if e.target else None) for e in events]
    assert any(e.plover_mode == "military" or "military" in e.plover_context for e in support)


def test_coding_seed_ukrainian_missile_strike_on_russia(seed_events) -> None:
    _, events = seed_events
    strikes = [
        e
        for e in events
        if e.source.code == "UKRMIL"
        and e.plover_type == "ASSAULT"
        and e.target is not None
        and (e.target.code or "").startswith("RUS")
    ]
    assert strikes, [(e.source.code, e.cameo_code, e.target.code if e.target else None) for e in events]
    assert strikes[0].plover_mode == "aerial" and strikes[0].event_date == PUBLISHED


def test_coding_seed_quote_and_evidence(seed_events) -> None:
    body, events = seed_events
    for event in events:
        assert body[event.sentence.start : event.sentence.end] == event.sentence.text
        assert body[event.action.start : event.action.end] == event.action.text
        assert event.coder == "eventwire.dependency.v3" and 0 <= event.confidence <= 1
    start = body.index("Our operation continues")
    end = body.index("completed", start)
    in_quote = [e for e in events if start <= e.action.start < end]
    assert all(e.reported for e in in_quote)
    assert len({e.id for e in events}) == len(events)


def test_coding_seed_no_events_from_documents_permissions_or_intentions(seed_events) -> None:
    body, events = seed_events
    actions = {e.action.text for e in events}
    # Signing a decree is no demand, an escalation "enabled by" a policy change is no concession,
    # and "Russia's resolve to persist with its offensive" is an intention, not an assault.
    assert not actions & {"signed", "enabled", "persist"}, sorted(actions)
    assert not any(e.target is not None and e.target.name == "decree" for e in events)


def test_coding_seed_without_publication_date_dates_events_to_the_lead(seed_text) -> None:
    from eventwire.pipeline import PipelineConfig, analyze

    dictionary = PipelineConfig(coder="eventwire.dependency.v3", min_confidence=0.0)
    body = seed_text.split(BOILERPLATE_START)[0]
    events = analyze(body, config=dictionary).events
    strikes = [e for e in events if e.source.code == "UKRMIL" and e.plover_type == "ASSAULT"]
    assert strikes and all(e.event_date == date(2024, 11, 19) for e in strikes)
    undated = analyze(
        "Ukrainian forces struck a Russian border region with missiles, officials said.", config=dictionary
    ).events
    assert undated and all(e.event_date is None for e in undated)


@pytest.fixture(scope="module")
def default_events(seed_text):
    from eventwire import analyze

    document = analyze(seed_text, published=PUBLISHED)
    return document.text, document.events


def test_default_coder_codes_the_seed_story(default_events) -> None:
    text, events = default_events
    from eventwire.pipeline import DEFAULT_CODER

    assert DEFAULT_CODER == "eventwire.learned.v2" and {e.coder for e in events} == {DEFAULT_CODER}
    nuclear = [e for e in events if e.source.code == "RUSGOV" and e.cameo_code == "1385"]
    assert nuclear and nuclear[0].hypothetical and nuclear[0].plover_type == "THREATEN"
    assert nuclear[0].target is not None and nuclear[0].target.code is None
    assert "non-nuclear states" in nuclear[0].target.name
    support = [
        e
        for e in events
        if e.source.code == "USAGOV" and e.target is not None and (e.target.code or "").startswith("UKR")
    ]
    assert support and support[0].plover_type in ("SUPPORT", "AID") and "military" in support[0].plover_context
    strikes = [e for e in events if e.source.code == "UKRMIL" and e.plover_type == "ASSAULT"]
    assert strikes and (strikes[0].target.code or "").startswith("RUS") and strikes[0].plover_mode == "aerial"
    assert strikes[0].event_date == PUBLISHED
    boilerplate = text.index(BOILERPLATE_START)
    for event in events:
        assert event.sentence.end <= boilerplate and text[event.action.start : event.action.end] == event.action.text
        assert 0.1 <= event.confidence <= 1.0
    assert not {e.action.text for e in events} & {"signed", "enabled", "persist"}
