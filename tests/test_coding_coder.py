"""The dependency coder on hand-annotated sentences (actor mentions built by hand as plain data)."""

from __future__ import annotations

from datetime import date

from coding_support import DICTIONARY_CODER as DEFAULT_CODER
from coding_support import code_events
from eventwire.coding import get_coder
from eventwire.coding.classifier import features, load_classifier
from eventwire.coding.dependency import DependencyCoder, Discards
from eventwire.model import Actor, ActorMention, Quote, Span, Timex
from eventwire.registry import coders


def mentions(text: str, names: dict[str, str]) -> list[ActorMention]:
    """Actor mentions for each occurrence of each name (longest names first)."""
    out: list[ActorMention] = []
    taken: set[int] = set()
    for name in sorted(names, key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            span = set(range(start, start + len(name)))
            if not span & taken:
                taken |= span
                code = names[name]
                out.append(ActorMention(start, start + len(name), name, Actor(code, name, code[:3], None, code)))
            start = text.find(name, start + 1)
    return sorted(out, key=lambda m: m.start)


def code(nlp, text: str, names: dict[str, str], **kwargs):
    return code_events(nlp(text), mentions(text, names), **kwargs)


def triples(events) -> set[tuple]:
    return {(e.source.code, e.cameo_code, e.target.code if e.target else None) for e in events}


def test_coding_threat_to_use_force_composes(nlp) -> None:
    events = code(nlp, "Russia threatened to attack Ukraine with missiles.", {"Russia": "RUS", "Ukraine": "UKR"})
    assert triples(events) == {("RUS", "1384", "UKR")}
    event = events[0]
    assert event.plover_type == "THREATEN" and event.root_code == "13" and event.quad_class == 3
    assert event.goldstein == -7.0 and event.action.text == "threatened to attack"
    assert event.coder == DEFAULT_CODER and event.id.startswith("ev_")


def test_coding_conditional_nuclear_use_is_a_wmd_threat(nlp) -> None:
    text = "Moscow could use nuclear weapons against non-nuclear states."
    [event] = code(nlp, text, {"Moscow": "RUSGOV"})
    assert (event.source.code, event.cameo_code, event.plover_type) == ("RUSGOV", "1385", "THREATEN")
    assert event.hypothetical and not event.future
    assert event.target.code is None and event.target.name == "non-nuclear states"
    assert "cbrn" in event.plover_context


def test_coding_attack_with_missiles_is_aerial_assault(nlp) -> None:
    text = "Ukrainian forces launched a missile strike on Russia on Tuesday."
    [event] = code(nlp, text, {"Ukrainian forces": "UKRMIL", "Russia": "RUS"}, published=date(2024, 11, 19))
    assert (event.source.code, event.target.code, event.plover_type) == ("UKRMIL", "RUS", "ASSAULT")
    assert event.root_code == "19" and event.plover_mode == "aerial" and event.quad_class == 4
    assert event.event_date == date(2024, 11, 19)


def test_coding_permission_to_strike_is_military_aid(nlp) -> None:
    text = "The United States authorized Ukraine to deploy long-range missiles."
    events = code(nlp, text, {"United States": "USAGOV", "Ukraine": "UKR"})
    aid = [e for e in events if e.source.code == "USAGOV"]
    assert [(e.cameo_code, e.plover_type, e.target.code) for e in aid] == [("072", "AID", "UKR")]
    assert "military" in aid[0].plover_context and not aid[0].hypothetical


def test_coding_compound_subject_of_symmetric_code_yields_both_directions(nlp) -> None:
    text = "Israel and Lebanon agreed to hold talks."
    events = code(nlp, text, {"Israel": "ISR", "Lebanon": "LBN"})
    pairs = {(e.source.code, e.target.code) for e in events}
    assert pairs == {("ISR", "LBN"), ("LBN", "ISR")}
    assert {e.plover_type for e in events} == {"AGREE"}


def test_coding_compound_target_yields_one_event_per_pair(nlp) -> None:
    text = "Pakistan criticized Congo and Costa Rica."
    events = code(nlp, text, {"Pakistan": "PAK", "Congo": "COG", "Costa Rica": "CRI"})
    assert triples(events) == {("PAK", "111", "COG"), ("PAK", "111", "CRI")}
    assert {e.plover_type for e in events} == {"ACCUSE"}


def test_coding_passive_with_agent(nlp) -> None:
    text = "Israeli soldiers were attacked by Hamas gunmen."
    events = code(nlp, text, {"Israeli soldiers": "ISRMIL", "Hamas gunmen": "PSEHMSMIL"})
    assert {(e.source.code, e.target.code, e.plover_type) for e in events} == {("PSEHMSMIL", "ISRMIL", "ASSAULT")}


def test_coding_flags_negation_and_future(nlp) -> None:
    [neg] = code(nlp, "France did not criticize Germany.", {"France": "FRA", "Germany": "DEU"})
    assert neg.negated and neg.plover_type == "ACCUSE"
    [fut] = code(nlp, "France plans to visit Germany.", {"France": "FRA", "Germany": "DEU"})
    assert fut.future and (fut.cameo_code, fut.plover_type) == ("036", "AGREE")  # intent to meet
    [plan] = code(nlp, "France will attack Germany.", {"France": "FRA", "Germany": "DEU"})
    assert plan.future and not plan.hypothetical and plan.plover_type == "ASSAULT"
    [threat] = code(nlp, "France could attack Germany if talks fail.", {"France": "FRA", "Germany": "DEU"})
    assert threat.hypothetical and threat.plover_type == "THREATEN"  # conditional force is a threat
    [refusal] = code(nlp, "France said it will not send aid to Germany.", {"France": "FRA", "Germany": "DEU"})
    assert refusal.negated and refusal.plover_type == "REJECT" and refusal.reported


def test_coding_reported_inside_quote_names_the_speaker(nlp) -> None:
    text = 'Smith said: "France will criticize Germany."'
    start = text.index('"') + 1
    end = text.rindex('"')
    quote = Quote(0, len(text), Span(start, end, text[start:end]), "direct", speaker=Span(0, 5, "Smith"))
    [event] = code(nlp, text, {"France": "FRA", "Germany": "DEU"}, quotes=[quote])
    assert event.reported and event.speaker == "Smith"


def test_coding_reported_under_verb_of_saying(nlp) -> None:
    [event] = code(nlp, "Officials said France criticized Germany.", {"France": "FRA", "Germany": "DEU"})
    assert event.reported and event.speaker == "Officials"


def test_coding_event_date_from_timex_else_published(nlp) -> None:
    text = "France criticized Germany on 3 March 2024."
    start = text.index("3 March")
    timex = Timex(start, start + len("3 March 2024"), "3 March 2024", "DATE", "2024-03-03")
    [event] = code(nlp, text, {"France": "FRA", "Germany": "DEU"}, timexes=[timex], published=date(2024, 3, 5))
    assert event.event_date == date(2024, 3, 3)
    [plain] = code(nlp, "France criticized Germany.", {"France": "FRA", "Germany": "DEU"}, published=date(2024, 3, 5))
    assert plain.event_date == date(2024, 3, 5)


def test_coding_location_from_place_not_used_as_actor(nlp) -> None:
    text = "Russian troops attacked Ukrainian soldiers in Kharkiv."
    [event] = code(nlp, text, {"Russian troops": "RUSMIL", "Ukrainian soldiers": "UKRMIL"})
    assert event.location.name == "Kharkiv" and event.location.country == "UKR"
    assert 49 < event.location.lat < 51 and event.location.span.text == "Kharkiv"


def test_coding_unresolved_source_dropped_unless_allowed(nlp) -> None:
    text = "Gunmen attacked Israeli soldiers."
    assert code(nlp, text, {"Israeli soldiers": "ISRMIL"}) == []
    [event] = code(nlp, text, {"Israeli soldiers": "ISRMIL"}, allow_unresolved=True)
    assert event.source.code is None and event.source.name == "Gunmen" and event.target.code == "ISRMIL"


def test_coding_ids_are_stable_and_distinct(nlp) -> None:
    text = "Pakistan criticized Congo and Costa Rica."
    names = {"Pakistan": "PAK", "Congo": "COG", "Costa Rica": "CRI"}
    first = [e.id for e in code(nlp, text, names)]
    assert first == [e.id for e in code(nlp, text, names)]
    assert len(set(first)) == len(first)


def test_coding_discarded_sentences_give_no_events(nlp) -> None:
    base = get_coder(DEFAULT_CODER)
    discards = Discards(sentence=["world cup"], story=["celebrity big brother"])
    strict = DependencyCoder("test.discards.v1", base.lexicon, base.ontology, None, discards)
    lenient = DependencyCoder("test.nodiscards.v1", base.lexicon, base.ontology, None, Discards())
    names = {"France": "FRA", "Germany": "DEU"}
    text = "France criticized Germany after the World Cup. Germany criticized France."
    doc = nlp(text)
    assert len(lenient.codings(doc, mentions(text, names))) == 2
    assert [c.source_code for c in strict.codings(doc, mentions(text, names))] == ["DEU"]
    story = nlp("France criticized Germany on Celebrity Big Brother.")
    assert strict.codings(story, mentions(story.text, names)) == []


def test_coding_registry_and_confidence(nlp) -> None:
    assert DEFAULT_CODER in coders.names()
    [event] = code(nlp, "France criticized Germany.", {"France": "FRA", "Germany": "DEU"})
    assert 0.5 < event.confidence <= 1.0


def test_coding_classifier_scores_types() -> None:
    model = load_classifier()
    assert len(model.classes) == 16
    ptype, prob = model.predict("Rebels attacked an army base with rockets and mortars, killing soldiers.")
    assert ptype == "ASSAULT" and prob > 0.3
    assert abs(sum(model.scores("Protesters marched through the capital.").values()) - 1.0) < 1e-6
    assert "troops withdrew" in features("Troops withdrew.")


def test_coding_event_nouns_under_light_and_aspectual_verbs(nlp) -> None:
    names = {"Arnor": "ARN", "Gondor": "GON"}
    withdrawal = code(nlp, "Arnor completed the withdrawal of its troops from Gondor.", names)
    assert {(e.source.code, e.plover_type) for e in withdrawal} == {("ARN", "RETREAT")}
    talks = code(nlp, "Arnor and Gondor renewed negotiations on Monday.", names)
    assert {e.cameo_code for e in talks} == {"046"}
    strike = code(
        nlp, "Workers in Arnor began a hunger strike against Gondor.", {"Workers in Arnor": "ARNLAB", **names}
    )
    assert {(e.cameo_code, e.plover_type) for e in strike} == {("142", "PROTEST")}


def test_coding_place_of_a_domestic_action_is_its_target(nlp) -> None:
    text = "The president of Algeria imposed a curfew in Algiers on Monday."
    [event] = code(nlp, text, {"The president of Algeria": "DZAELI"})
    assert (event.source.code, event.target.code, event.target.name) == ("DZAELI", "DZA", "Algiers")
