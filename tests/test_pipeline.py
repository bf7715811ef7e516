"""The pipeline of declared stages, the registries, dates at the boundary and the pinned versions."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from eventwire import analyze
from eventwire.dates import coerce_date, coerce_datetime, coerce_published, parse_when
from eventwire.errors import PipelineError, RegistryError
from eventwire.model import Article
from eventwire.pipeline import DEFAULT_STAGES, Pipeline, PipelineConfig, annotator_version, get_pipeline
from eventwire.registry import coders, readers, stages

# The versions stored with every annotated article. A change of behaviour must bump a stage's or
# the coder's version, and this list shows the bump in review.
PINNED_STAGES = [
    "eventwire.parse.v2",
    "eventwire.actors.v10",
    "eventwire.quotes.v3",
    "eventwire.speakers.v2",
    "eventwire.timexes.v2",
    "eventwire.events.v3",
]
PINNED_CODER = "eventwire.learned.v2"
# The default pipeline cuts events under the default confidence threshold; the version says so.
PINNED_CODER_VERSION = f"{PINNED_CODER}>=0.1"
DICTIONARY_CODER = "eventwire.dependency.v3"


def test_pipeline_versions_are_pinned() -> None:
    pipeline = get_pipeline()
    assert pipeline.names == PINNED_STAGES
    version = annotator_version()
    assert version.startswith("eventwire.parse.v2[core_web_sm")
    assert version.endswith(f"+eventwire.timexes.v2+eventwire.events.v3[{PINNED_CODER_VERSION}]")
    other = annotator_version(PipelineConfig(coder="example.keyword.v1"))
    assert other != version and other.endswith("[example.keyword.v1]")


def test_pipeline_checks_stage_order_when_built() -> None:
    with pytest.raises(PipelineError, match=r"stage 'eventwire.events.v3' requires .*actors.*quotes.*timexes"):
        Pipeline.from_config(PipelineConfig(stages=("parse", "events", "actors", "quotes", "timexes")))
    with pytest.raises(PipelineError, match=r"'eventwire.actors.v10' requires parse"):
        Pipeline.from_config(PipelineConfig(stages=("actors",)))
    without_events = Pipeline.from_config(PipelineConfig(stages=DEFAULT_STAGES[:-1]))
    document = without_events(Article(text="Russia threatened Ukraine on Tuesday."))
    assert document.actors and document.events == []


def test_unknown_names_say_what_is_registered() -> None:
    with pytest.raises(RegistryError, match=r"unknown coder 'nope'; registered: .*eventwire.dependency.v3"):
        coders.get("nope")
    with pytest.raises(RegistryError, match="unknown stage"):
        Pipeline.from_config(PipelineConfig(stages=("parse", "sentiment")))
    assert coders.get("dependency").name == DICTIONARY_CODER == coders.get("eventwire.dependency").name
    assert coders.get("learned").name == "eventwire.learned.v2"


def test_builtins_register_through_the_registries() -> None:
    assert set(PINNED_STAGES) <= set(stages.names())
    assert {"eventwire.warc.v1", "eventwire.jsonl.v1", "eventwire.feed.v1", "eventwire.url.v1"} <= set(readers.names())
    with pytest.raises(RegistryError, match="must end in a version"):
        coders.register("unversioned", lambda config: None)


def test_document_holds_its_article_and_dates_are_kept() -> None:
    everything = PipelineConfig(min_confidence=0.0)
    doc = analyze("Russia threatened Ukraine on Tuesday.", published="2024-11-19", title="Threats", config=everything)
    assert doc.published == date(2024, 11, 19) and doc.article.published == date(2024, 11, 19)
    assert doc.title == "Threats" and doc.article_id == doc.article.id and doc.article_id.startswith("a_")
    assert [e.event_date for e in doc.events] == [date(2024, 11, 19)]  # a Tuesday
    assert analyze("x", published=date(2024, 11, 19)).published == date(2024, 11, 19)
    when = analyze("x", published="2024-11-19T08:00:00+02:00").published
    assert when == datetime(2024, 11, 19, 6, 0)
    with pytest.raises(ValueError, match="'last tuesday'"):
        analyze("x", published="last tuesday")


def test_dates_at_the_boundary() -> None:
    assert coerce_published("2024-11-19") == date(2024, 11, 19)
    assert coerce_datetime("2024-11-19T08:00:00Z") == datetime(2024, 11, 19, 8)
    assert coerce_datetime(date(2024, 11, 19)) == datetime(2024, 11, 19)
    assert coerce_date(datetime(2024, 11, 19, 23, 30)) == date(2024, 11, 19)
    assert coerce_date(None) is None
    for bad in ("19/11/2024", 20241119, "2024-13-01"):
        with pytest.raises(ValueError, match="not a date"):
            coerce_published(bad)
    now = datetime(2024, 11, 19, 12)
    assert parse_when("7d", now) == datetime(2024, 11, 12, 12)
    assert parse_when("2w", now) == datetime(2024, 11, 5, 12)
    assert parse_when("2024-11-01", now) == datetime(2024, 11, 1)
    with pytest.raises(ValueError, match="look-back"):
        parse_when("yesterday", now)


def test_pipeline_pipe_gives_what_calls_give() -> None:
    texts = ["France criticized Germany on Monday.", "Egyptian police arrested protesters in Cairo."]
    pipeline = get_pipeline(PipelineConfig(min_confidence=0.0))
    one_by_one = [pipeline(Article(text=t, published="2024-03-04")).to_dict() for t in texts]
    piped = [d.to_dict() for d in pipeline.pipe(Article(text=t, published="2024-03-04") for t in texts)]
    assert one_by_one == piped and piped[1]["events"]


def test_empty_and_blank_texts_give_empty_documents() -> None:
    for text in ("", "   ", "\n\n"):
        document = analyze(text)
        assert document.text == text and document.events == [] and document.actors == []
