"""Predicate-argument rules: where the target of a predicate is found, and halting compositions."""

from __future__ import annotations

from coding_support import code_events
from eventwire.model import Actor, ActorMention
from test_coding_coder import code, mentions, triples


def test_coding_purpose_clause_names_the_target(nlp) -> None:
    names = {"France": "FRA", "Chad": "TCD"}
    events = code(nlp, "France signed an accord on Monday to supply Chad with wheat.", names)
    assert any(e.source.code == "FRA" and e.target is not None and e.target.code == "TCD" for e in events)


def test_coding_particle_parsed_as_preposition_governs_the_object(nlp) -> None:
    names = {"Soldiers from Chad": "TCDMIL", "Niger": "NER"}
    events = code(nlp, "Soldiers from Chad have cordoned off the roads leading into Niger.", names)
    assert {(e.source.code, e.target.code if e.target else None) for e in events} == {("TCDMIL", "NER")}


def test_coding_adverb_holds_the_prepositional_target(nlp) -> None:
    names = {"Chadian troops": "TCDMIL", "Niger": "NER"}
    events = code(nlp, "Chadian troops marched very close to the border with Niger.", names)
    assert events and all(e.target is not None and e.target.code == "NER" for e in events)


def test_coding_complaint_targets_its_topic_before_its_addressee(nlp) -> None:
    names = {"Lebanon": "LBN", "the United Nations": "IGOUNO", "Israeli": "ISR"}
    events = code(nlp, "Lebanon complained to the United Nations over two Israeli air raids.", names)
    assert [(e.source.code, e.plover_type, e.target.code) for e in events] == [("LBN", "ACCUSE", "ISR")]


def test_coding_halting_an_activity_is_coded_by_what_is_halted(nlp) -> None:
    names = {"Syria": "SYR", "Lebanon": "LBN", "Japan": "JPN", "Serbia": "SRB"}
    assert triples(code(nlp, "Syria ended its mediation efforts in Lebanon.", names)) == {("SYR", "165", "LBN")}
    assert triples(code(nlp, "Syria suspended negotiations with Lebanon.", names)) == {("SYR", "164", "LBN")}
    halted = code(nlp, "Japan halted economic aid to Serbia.", names)
    assert [(e.source.code, e.plover_type, e.target.code) for e in halted] == [("JPN", "SANCTION", "SRB")]


def test_coding_protest_without_target_is_aimed_at_the_protesters_state(nlp) -> None:
    text = "Egyptian demonstrators rioted on Monday night."
    doc = nlp(text)
    found = mentions(text, {"Egyptian demonstrators": "EGYCVL"})
    found = [ActorMention(m.start, m.end, m.text, Actor("EGYCVL", m.text, "EGY", "CVL", "EGYCVL")) for m in found]
    [event] = code_events(doc, found)
    assert (event.source.code, event.plover_type, event.target.code) == ("EGYCVL", "PROTEST", "EGY")
    assert event.target.name == "Egypt" and event.target.span.text == "Egyptian demonstrators"


def test_coding_compound_subject_sharing_an_event_acts_on_each_other(nlp) -> None:
    names = {"Chad": "TCD", "Niger": "NER"}
    shared = triples(code(nlp, "Chad and Niger have postponed their meeting.", names))
    assert {(s, t) for s, _, t in shared} == {("TCD", "NER"), ("NER", "TCD")}
    own = triples(code(nlp, "Chad and Niger have increased their budgets.", names))
    assert all(t is None for _, _, t in own)


def test_coding_title_before_a_name_refines_the_actor(nlp) -> None:
    names = {"Chad Prime Minister": "TCDGOV", "Mahamat": "TCD", "Niger": "NER"}
    events = code(nlp, "Chad Prime Minister Mahamat criticized Niger.", names)
    assert triples(events) == {("TCDGOV", "111", "NER")}
    plain = code(nlp, "Mahamat criticized Niger.", {"Mahamat": "TCD", "Niger": "NER"})
    assert [e.source.code for e in plain] == ["TCD"]


def test_coding_role_of_a_list_head_carries_over_to_the_listed_states(nlp) -> None:
    text = "The ambassadors of Chad, Niger and Mali criticized Sudan."
    found = mentions(text, {"ambassadors of Chad": "TCDGOV", "Niger": "NER", "Mali": "MLI", "Sudan": "SDN"})
    found = [
        ActorMention(
            m.start,
            m.end,
            m.text,
            Actor(m.actor.actor_id, m.text, m.actor.cameo_code[:3], m.actor.cameo_code[3:] or None, m.actor.cameo_code),
        )
        for m in found
    ]
    events = code_events(nlp(text), found)
    assert {e.source.code for e in events} == {"TCDGOV", "NERGOV", "MLIGOV"}
    assert {e.target.code for e in events} == {"SDN"}
