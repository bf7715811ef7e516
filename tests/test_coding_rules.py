"""Refinements of the coded action: announced threats, event nouns of light verbs, pattern weights."""

from __future__ import annotations

from coding_support import code_events
from eventwire.coding.lexicon import read_verb_dictionary
from eventwire.coding.matching import Matcher
from eventwire.model import Actor, ActorMention


def code(nlp, text: str, names: dict[str, str]):
    """Events of ``text`` with one actor mention per first occurrence of each name."""
    found = []
    for name, actor_code in names.items():
        start = text.find(name)
        if start >= 0:
            actor = Actor(actor_code, name, actor_code[:3], None, actor_code)
            found.append(ActorMention(start, start + len(name), name, actor))
    return code_events(nlp(text), sorted(found, key=lambda m: m.start))


def triples(events) -> set[tuple]:
    return {(e.source.code, e.cameo_code, e.target.code if e.target else None) for e in events}


def test_coding_own_announced_coercion_is_a_threat(nlp) -> None:
    names = {"farmers": "FRAAGR", "Paris": "FRAGOV", "Germany": "DEU", "France": "FRA", "Poland": "POL"}
    [threat] = code(nlp, "The farmers said they would blockade Paris.", names)
    assert threat.plover_type == "THREATEN" and threat.cameo_code.startswith("13")
    # Another party's future act reported by a speaker is not the speaker's threat.
    reported = code(nlp, "Germany said France would attack Poland.", names)
    assert ("FRA", "THREATEN") not in {(e.source.code, e.plover_type) for e in reported}


def test_coding_light_verb_with_curfew(nlp) -> None:
    events = code(nlp, "Egypt extended the curfew on Cairo.", {"Egypt": "EGY", "Cairo": "EGYCVL"})
    assert triples(events) == {("EGY", "1723", "EGYCVL")}


def test_coding_bare_preposition_weighs_less_than_an_object(tmp_path, nlp) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text(
        "&PKO\n+PEACEKEEPING\n+PEACEKEEPER\n\n--- WITHDRAW   [087]  ---\nWITHDRAW\n"
        "- * FROM +    [0874]\n- * &PKO    [1661]\n",
        encoding="utf-8",
    )
    lexicon = read_verb_dictionary(path)
    by_code = {p.code: p.specificity for p in lexicon.patterns["WITHDRAW"]}
    assert by_code["1661"] > by_code["0874"]
    events = code(nlp, "Nigeria withdrew its peacekeeping force from Chad.", {"Nigeria": "NGA", "Chad": "TCD"})
    assert {(e.cameo_code, e.plover_type) for e in events} == {("1661", "SANCTION")}


def test_coding_statement_object_makes_no_event_and_its_clause_keeps_the_issuer(nlp) -> None:
    text = "The rebels issued a declaration demanding that Turkey release prisoners."
    events = code(nlp, text, {"rebels": "TURREB", "Turkey": "TUR"})
    assert {(e.source.code, e.plover_type, e.target.code if e.target else None) for e in events} == {
        ("TURREB", "REQUEST", "TUR")
    }


def test_coding_demanded_clause_is_asked_of_its_subject(nlp) -> None:
    names = {"Washington": "USAGOV", "Hamas": "PSEHMS", "Israel": "ISR"}
    events = code(nlp, "Washington demanded that Hamas stop its attacks on Israel.", names)
    assert {(e.source.code, e.plover_type, e.target.code) for e in events} == {("USAGOV", "REQUEST", "PSEHMS")}


def test_coding_resignation_is_a_retreat(nlp) -> None:
    names = {"President Shevardnadze": "GEOGOV"}
    for text in ("President Shevardnadze resigned on Sunday.", "President Shevardnadze stepped down on Sunday."):
        [event] = code(nlp, text, names)
        assert (event.plover_type, event.plover_mode) == ("RETREAT", "resign")


def test_coding_equally_specific_patterns_prefer_the_first_object_word(tmp_path, nlp) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text("--- START   [---]  ---\nLAUNCH\n- * BORDER    [050]\n- * FIRE    [193]\n", encoding="utf-8")
    matcher = Matcher(read_verb_dictionary(path))
    for text, expected in (
        ("Troops launched rocket fire against camps near the border.", "193"),
        ("Troops launched a border patrol under heavy fire.", "050"),
    ):
        doc = nlp(text)
        assert matcher.match(doc[1]).code == expected


def test_coding_supplementary_verbs_and_patterns(nlp) -> None:
    names = {"Swiss doctors": "CHEMED", "Red Crescent": "NGOHLHIRC", "Israel": "ISR", "Lebanon": "LBN"}
    handed = code(nlp, "Swiss doctors handed over medicine to the Red Crescent.", names)
    assert {(e.cameo_code, e.plover_type) for e in handed} == {("073", "AID")}
    [strengthened] = code(nlp, "Israel has strengthened its forces in Lebanon.", names)
    assert (strengthened.cameo_code, strengthened.plover_type) == ("154", "MOBILIZE")


def test_coding_preposition_like_participle_and_stative_passive(nlp) -> None:
    names = {"Serb forces": "SRBMIL", "Albanians": "ALBCVL", "the US": "USA"}
    events = code(nlp, "Serb forces were engaged in attacks against Albanians, according to the US.", names)
    assert {(e.source.code, e.plover_type) for e in events} == {("SRBMIL", "ASSAULT")}


def test_coding_compound_actor_marker_in_patterns(tmp_path, nlp) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text("--- AGREE  [081] ---\nAGREE\n- % * [030:030]\n", encoding="utf-8")
    matcher = Matcher(read_verb_dictionary(path))
    both = nlp("The Philippines and France agree that disputes should be resolved.")
    single = nlp("France agrees that disputes should be resolved.")
    assert matcher.match(both[4]).code == "030"
    assert matcher.match(single[1]).code == "081"


def test_coding_blocking_passage_and_gathering_for_a_rally_are_protests(nlp) -> None:
    names = {"French workers": "FRALAB", "Germany": "DEU", "Nigerians": "NGA"}
    [blocked] = code(nlp, "French workers blocked the bridge to Germany.", names)
    assert (blocked.cameo_code, blocked.plover_type) == ("144", "PROTEST")
    [rally] = code(nlp, "Thousands of Nigerians converged for a rally in Lagos.", names)
    assert (rally.cameo_code, rally.plover_type) == ("141", "PROTEST")


def test_coding_aspectual_verb_with_an_event_subject(nlp) -> None:
    [riots] = code(nlp, "Palestinian riots against military policies are still continuing.", {"Palestinian": "PSE"})
    assert (riots.source.code, riots.cameo_code, riots.plover_type) == ("PSE", "145", "PROTEST")


def test_coding_expelling_or_withdrawing_inspectors(nlp) -> None:
    names = {"North Korea": "PRK", "Iraq": "IRQ", "the UN": "IGOUNO"}
    [expelled] = code(nlp, "North Korea expelled inspectors of the UN.", names)
    assert (expelled.cameo_code, expelled.plover_type) == ("1662", "SANCTION")
    [withdrawn] = code(nlp, "the UN withdrew weapons inspectors from Iraq.", names)
    assert (withdrawn.cameo_code, withdrawn.plover_type) == ("1662", "SANCTION")


def test_coding_sending_someone_to_investigate_or_complain(nlp) -> None:
    names = {"Nigeria": "NGAGOV", "Niger's ambassador": "NERGOV", "The UN": "IGOUNO", "Bosnia": "BIH"}
    [summoned] = code(nlp, "Nigeria summoned Niger's ambassador to complain about the raids.", names)
    assert (summoned.source.code, summoned.plover_type, summoned.target.code) == ("NGAGOV", "ACCUSE", "NERGOV")
    [sent] = code(nlp, "The UN sent experts to Bosnia to investigate the killings.", names)
    assert (sent.cameo_code[:2], sent.plover_type, sent.target.code) == ("09", "ACCUSE", "BIH")


def test_coding_demand_does_not_take_a_comma_separated_attribution_as_its_clause(nlp) -> None:
    names = {"Gondor": "GON", "Mordor": "MOR"}
    text = "Gondor demanded the withdrawal of Mordor forces on Monday, diplomats quoted a declaration as saying."
    [event] = code(nlp, text, names)
    assert (event.cameo_code, event.action.text.split()[-1]) == ("1056", "demanded")


def test_coding_verb_governed_by_a_condition_clause_is_no_event(nlp) -> None:
    names = {"The party": "DZAOPP", "the president": "DZAGOV"}
    text = "The party will boycott the elections unless the president agrees to step down."
    events = code(nlp, text, names)
    assert {e.source.code for e in events} == {"DZAOPP"}


def test_coding_to_plus_gerund_composes_with_its_governor(nlp) -> None:
    names = {"Iran": "IRN", "Iraq": "IRQ", "Vietnam": "VNM", "China": "CHN"}
    assert triples(code(nlp, "Iran objected to holding talks with Iraq.", names)) == {("IRN", "125", "IRQ")}
    assert triples(code(nlp, "Vietnam is committed to holding talks with China.", names)) == {("VNM", "036", "CHN")}


def test_coding_obligation_clause_of_an_issued_object_is_a_demand_on_the_addressee(nlp) -> None:
    names = {"Chirac": "FRAGOV", "Iraq": "IRQ"}
    text = "Chirac issued a stern reminder to Iraq that it must cooperate fully with inspectors."
    [event] = code(nlp, text, names)
    assert (event.source.code, event.plover_type, event.target.code) == ("FRAGOV", "REQUEST", "IRQ")


def test_coding_demanded_clause_is_no_event_without_the_demander(nlp) -> None:
    names = {"Israel": "ISR", "Lebanon": "LBN"}
    assert code(nlp, "The elders demanded that Israel withdraw its troops from Lebanon.", names) == []
    assert code(nlp, "The elders repeated their demand that Israel withdraw from Lebanon.", names) == []


def test_coding_offers_and_appeals_count_as_proposals(nlp) -> None:
    names = {"Rebels": "CIVREB", "the president": "CIVGOV", "Denmark": "DNK", "Norway": "NOR"}
    [dismissed] = code(nlp, "Rebels dismissed an appeal from the president.", names)
    assert (dismissed.cameo_code, dismissed.plover_type) == ("120", "REJECT")
    [accepted] = code(nlp, "Denmark accepted an offer from Norway.", names)
    assert accepted.plover_type == "AGREE"


def test_coding_promise_not_to_take_an_intended_act_is_a_rejection(nlp) -> None:
    [event] = code(nlp, "Syria says it will not accept any more refugees.", {"Syria": "SYR"})
    assert (event.cameo_code, event.plover_type, event.negated) == ("120", "REJECT", True)


def test_coding_receiving_observers_and_returning_for_talks(nlp) -> None:
    names = {"Kyrgyzstan": "KGZ", "the OSCE": "IGOOSC", "US": "USA", "Russian": "RUS"}
    [received] = code(nlp, "Kyrgyzstan received a mission of observers from the OSCE.", names)
    assert (received.cameo_code, received.plover_type) == ("0862", "RETREAT")
    returned = code(nlp, "US and Russian negotiators return to Geneva for talks on missiles.", names)
    assert {e.plover_type for e in returned} == {"CONSULT"}


def test_coding_sending_arms_to_a_party_is_military_aid(nlp) -> None:
    events = code(nlp, "The United States sent arms to Pakistan.", {"The United States": "USA", "Pakistan": "PAK"})
    assert triples(events) == {("USA", "072", "PAK")}


def test_coding_preventing_a_demonstration_is_repression(nlp) -> None:
    names = {"Turkish police": "TURCOP"}
    [event] = code(nlp, "Turkish police prevented the demonstration staged by students.", names)
    assert (event.cameo_code, event.plover_type) == ("1721", "COERCE")


def test_coding_taking_steps_or_office_is_no_seizure(nlp) -> None:
    names = {"Gondor": "GON", "Arnor": "ARN"}
    for text in ("Gondor has taken steps to calm Arnor.", "The president of Gondor took office in Arnor."):
        assert all(e.plover_type != "COERCE" for e in code(nlp, text, names))


def test_coding_military_occupation_carried_out_is_an_assault(nlp) -> None:
    names = {"Israel": "ISR", "Lebanon": "LBN"}
    [event] = code(nlp, "Israel launched an invasion of Lebanon.", names)
    assert (event.cameo_code, event.plover_type) == ("192", "ASSAULT")


def test_coding_mention_of_a_world_war_does_not_discard_the_sentence(nlp) -> None:
    names = {"Poland": "POL", "Moscow": "RUSGOV"}
    text = "Poland demanded an apology from Moscow for massacres during World War Two."
    assert {e.plover_type for e in code(nlp, text, names)} == {"REQUEST"}


def test_coding_opening_a_hearing_into_something_investigates_it(nlp) -> None:
    names = {"Israel's high court": "ISRJUD"}
    [event] = code(nlp, "Israel's high court opened a hearing into interrogation methods.", names)
    assert (event.cameo_code, event.plover_type) == ("090", "ACCUSE")
