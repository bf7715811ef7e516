"""The TimeML evaluation: reading TBAQ documents, TempEval-3 scoring, and a small slice of the benchmark."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from eventwire.model import Timex

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def eval_time():
    spec = importlib.util.spec_from_file_location("eval_time", ROOT / "benchmarks" / "eval_time.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_time"] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


def test_timexes_eval_reads_body_text_and_offsets(eval_time, shared):
    docs = eval_time.load_corpus("timebank", limit=3)
    assert len(docs) == 3
    for doc in docs:
        assert doc.dct is not None
        assert doc.timexes, doc.doc_id
        assert "<" not in doc.text
        for gold in doc.timexes:
            assert doc.text[gold.start : gold.end] == gold.text
            assert gold.type in ("DATE", "TIME", "DURATION", "SET")


def test_timexes_eval_scoring_follows_tempeval3(eval_time):
    gold = [
        eval_time.GoldTimex(0, 9, "yesterday", "DATE", "2024-11-18"),
        eval_time.GoldTimex(20, 31, "three years", "DURATION", "P3Y"),
        eval_time.GoldTimex(40, 46, "Monday", "DATE", "2024-11-18"),
    ]
    system = [
        Timex(0, 9, "yesterday", "DATE", "2024-11-18"),  # strict, right value
        Timex(14, 31, "for three years", "DURATION", "P2Y"),  # relaxed only, wrong value
        Timex(50, 55, "today", "DATE", "2024-11-19"),  # spurious
    ]
    result = eval_time.score_document("d", gold, system)
    c = result.counts
    assert (c.gold, c.system, c.strict, c.relaxed, c.type_ok, c.value_ok) == (3, 3, 1, 2, 2, 1)
    assert [g.text for g in result.missed] == ["Monday"]
    assert [s.text for s in result.spurious] == ["today"]
    f = eval_time.figures(c)
    assert f["strict_f1"] == pytest.approx(1 / 3)
    assert f["relaxed_f1"] == pytest.approx(2 / 3)
    assert f["value_accuracy"] == pytest.approx(0.5)
    assert f["value_f1"] == pytest.approx(1 / 3)


def test_timexes_eval_slice_scores_sanely(eval_time, nlp):
    docs = eval_time.load_corpus("aquaint", limit=10)
    with_parse, _, _ = eval_time.evaluate(docs, use_doc=True)
    without_parse, results, _ = eval_time.evaluate(docs, use_doc=False)
    assert len(results) == 10
    for counts in (with_parse, without_parse):
        f = eval_time.figures(counts)
        assert counts.gold > 30
        assert f["relaxed_f1"] > 0.8
        assert f["type_accuracy"] > 0.85
        assert f["value_f1"] > 0.65
