"""The learned coder (the default) on hand-written sentences: what it no longer codes, flags,
article relevance, calibrated confidence and the confidence threshold."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from eventwire import analyze
from eventwire.pipeline import PipelineConfig

PUBLISHED = "2024-11-19"
LEARNED = "eventwire.learned.v2"
EVERYTHING = PipelineConfig(coder=LEARNED, min_confidence=0.0)
POLITICAL = (
    "Russian forces shelled the city of Kharkiv on Tuesday, killing three civilians, Ukrainian officials said. "
    "The Ukrainian government condemned Russia for the attack. "
    "Ukraine's foreign minister met NATO officials in Brussels to ask for more air defence systems. "
    "The United States sent new weapons to Ukraine. "
    "Russian President Vladimir Putin threatened NATO with a nuclear response."
)


def events_of(text: str, config: PipelineConfig = EVERYTHING):
    return analyze(text, published=PUBLISHED, config=config).events


def spans(events, side: str) -> list[str]:
    out = []
    for event in events:
        actor = getattr(event, side)
        if actor is not None and actor.span is not None:
            out.append(actor.span.text)
    return out


def test_learned_coder_is_default_and_codes_political_news() -> None:
    events = events_of(POLITICAL)
    assert events, "the political story gives events"
    assert {e.coder for e in events} == {"eventwire.learned.v2"}
    for e in events:
        assert 0.0 <= e.confidence <= 1.0
        assert e.plover_type in {
            "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
            "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
        }  # fmt: skip
        assert e.goldstein is not None and e.quad_class in (1, 2, 3, 4)
        assert POLITICAL[e.action.start : e.action.end] == e.action.text


def test_dateline_and_byline_are_never_sources_or_targets() -> None:
    text = (
        "KYIV, Ukraine (AP) — Russian forces shelled Kharkiv on Tuesday, Ukrainian officials said.\n"
        "By Maria Petrova\n"
        "MOSCOW — The Kremlin accused Ukraine of attacking a power plant. "
        "Ukrainian troops struck a Russian air base, the Russian defence ministry said."
    )
    events = events_of(text)
    furniture = ("KYIV", "Ukraine (AP)", "AP", "Maria Petrova", "MOSCOW")
    for event in events:
        for side in (event.source, event.target):
            if side is not None and side.span is not None:
                assert side.span.text not in furniture, event
                assert side.span.start >= text.index("Russian forces") or side.span.start != 0


def test_possessive_and_prepositional_objects_are_not_sources() -> None:
    events = events_of(
        "Ukraine's allies met in Brussels on Monday to discuss air defence. "
        "Talks with Moscow collapsed after the officials from Germany walked out."
    )
    assert "Ukraine" not in spans(events, "source")
    assert "Moscow" not in spans(events, "source")
    assert "Germany" not in spans(events, "source")


@pytest.mark.parametrize(
    "sentence",
    [
        "President Biden has 37 percent support in the latest poll of Ohio voters.",
        "Russia's main stock index declined sharply on Monday after the central bank meeting.",
        "The Italian government struggled for months with the budget deficit.",
        "The Labour Party is the largest party in the British parliament.",
    ],
)
def test_verbs_of_state_or_measure_give_no_event(sentence: str) -> None:
    assert events_of(sentence) == []


def test_requested_act_is_not_coded_as_done() -> None:
    events = events_of("The United Nations urged Russia to withdraw its troops from Ukraine on Monday.")
    assert not [e for e in events if e.plover_type == "RETREAT" and not (e.hypothetical or e.future)]


def test_conditional_act_is_not_coded_as_done() -> None:
    events = events_of("If Russia attacks Poland, NATO officials said the alliance would respond with force.")
    assert not [e for e in events if e.plover_type == "ASSAULT" and not (e.hypothetical or e.future)]


def test_denied_act_is_negated_and_reported() -> None:
    events = events_of("The Russian defence ministry denied attacking the Ukrainian convoy near Kherson.")
    for event in events:
        if event.plover_type == "ASSAULT":
            assert event.negated and event.reported


def test_claimed_act_is_reported() -> None:
    events = events_of("Ukrainian officials said Russian forces shelled the city of Kharkiv.")
    for event in events:
        if event.plover_type == "ASSAULT":
            assert event.reported


def test_planned_act_is_future() -> None:
    events = events_of("The European Union plans to impose new sanctions on Iran next month.")
    for event in events:
        if event.plover_type == "SANCTION":
            assert event.future or event.hypothetical


@pytest.mark.parametrize(
    "article",
    [
        "Manchester United beat Chelsea 3-1 on Saturday. The coach praised his players after the match, and the "
        "fans celebrated the goals. The team attacked from the first minute and the striker scored twice. "
        "The league said the club will face Arsenal next week, and the manager warned his players that the "
        "season is long and every match counts for the championship.",
        "The new smartphone goes on sale on Friday at a discount price. Customers can buy the device in stores, "
        "and the company said users will get a software update with new camera features. Reviewers praised the "
        "battery, and the store said the product sold out in hours as shoppers lined up to buy the phone "
        "before the holiday sale ended.",
        "The film's star attacked the critics in an interview. The actress said the album and the movie were "
        "her best work, and fans lined up to see the show. The studio said the series will return next year, "
        "and the singer thanked her fans for the support after the episode broke streaming records across "
        "the country.",
        "Scientists at the university found that the species attacks other cells. The researchers said the study "
        "of patients will continue next year. The team published the findings in a journal, and other "
        "scientists praised the method, which tracks how the cells respond to the new treatment over "
        "several weeks in the laboratory.",
    ],
)
def test_non_political_articles_give_no_events(article: str) -> None:
    assert events_of(article) == []


def test_threshold_hides_low_confidence_events_and_zero_shows_all() -> None:
    strict = events_of(POLITICAL, PipelineConfig(coder=LEARNED, min_confidence=0.9))
    everything = events_of(POLITICAL)
    default = analyze(POLITICAL, published=PUBLISHED, config=PipelineConfig(coder=LEARNED)).events
    assert all(e.confidence >= 0.9 for e in strict)
    assert {e.id for e in strict} <= {e.id for e in default} <= {e.id for e in everything}
    assert all(e.confidence >= PipelineConfig(coder=LEARNED).min_confidence for e in default)


def test_cli_lists_both_coders_and_analyze_all_flag(tmp_path) -> None:
    from eventwire.cli import app

    result = CliRunner().invoke(app, ["coders", "--json"])
    assert result.exit_code == 0, result.output
    assert "eventwire.learned.v2" in result.output and "eventwire.dependency.v3" in result.output
    article = tmp_path / "story.txt"
    article.write_text(POLITICAL, encoding="utf-8")
    shown = CliRunner().invoke(
        app, ["analyze", str(article), "--all", "--coder", LEARNED, "--json", "--published", PUBLISHED]
    )
    assert shown.exit_code == 0, shown.output
