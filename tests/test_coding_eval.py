"""Small slices of the event-coding evaluation (benchmarks/eval_events.py)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from eventwire.model import Event, EventActor, Span

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def eval_events():
    spec = importlib.util.spec_from_file_location("eval_events", ROOT / "benchmarks" / "eval_events.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_events"] = module
    spec.loader.exec_module(module)
    return module


def _event(source: str | None, ptype: str, target: str | None) -> Event:
    span = Span(0, 4, "text")
    return Event(
        source=EventActor(source, source or "?"),
        target=EventActor(target, target or "?") if target else None,
        action=span,
        sentence=span,
        cameo_code="112",
        root_code="11",
        plover_type=ptype,
    )


def test_coding_eval_gsr_loads_and_maps_v05_types(eval_events) -> None:
    records = eval_events.load_gsr()
    assert len(records) == 322
    demand = next(r for r in records if r.id.startswith("PLOVER-GSR01-DEMAND"))
    assert demand.types == ("REQUEST",)
    assert all(len(r.types) >= 1 for r in records)


def test_coding_eval_gsr_scoring(eval_events) -> None:
    record = eval_events.GsrRecord("x", "t", ("ACCUSE",), ("USA",), ("IRQ",))
    score = eval_events.GsrScore()
    eval_events.score_gsr_record(score, record, _event("USAGOV", "ACCUSE", "IRQ"))
    eval_events.score_gsr_record(score, record, _event("USA", "ACCUSE", None))
    eval_events.score_gsr_record(score, record, None)
    figures = score.figures()
    assert figures["type_accuracy"] == round(2 / 3, 3)
    assert figures["source_accuracy"] == round(2 / 3, 3)
    assert figures["target_accuracy"] == round(1 / 3, 3)
    assert figures["full_accuracy"] == round(1 / 3, 3)
    assert figures["no_event_share"] == round(1 / 3, 3)
    symmetric = eval_events.GsrRecord("y", "t", ("AGREE",), ("ISR", "PSE"), ())
    score = eval_events.GsrScore()
    eval_events.score_gsr_record(score, symmetric, _event("ISR", "AGREE", "PSE"))
    assert score.figures()["full_accuracy"] == 1.0


def test_coding_eval_petrarch_slice(eval_events) -> None:
    records = eval_events.load_petrarch_unit()
    assert len(records) > 250 and sum(r.noevents for r in records) > 10
    demo = [r for r in records if r.category == "DEMO"][:10]
    score = eval_events.evaluate_petrarch(demo)
    figures = score.figures()
    assert figures["expected_codings"] >= 10
    assert figures["coding_recall"] >= 0.3
    first = records[0]
    assert first.codings == (("ARN", "GON", "064"),)
