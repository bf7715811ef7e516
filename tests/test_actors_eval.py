"""A small slice of benchmarks/eval_entities.py: the PLOVER gold actor phrases."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from eventwire.model import Actor

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def evaluation():
    spec = importlib.util.spec_from_file_location("eval_entities", ROOT / "benchmarks" / "eval_entities.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_actors_eval_reads_every_gold_pair(evaluation):
    pairs = evaluation.load_pairs()
    assert len(pairs) == 650  # sources and targets of 322 records; the header record is skipped
    assert all(p.text and p.code for p in pairs)
    assert "JAP" not in {p.code for p in pairs}  # pre-ISO code mapped to JPN


def test_actors_eval_primary_code(evaluation):
    assert evaluation.primary_code(Actor("x", "x", "RUS", "GOV", "RUSGOV")) == "RUS"
    assert evaluation.primary_code(Actor("x", "x", None, "IGO", "IGOUNO")) == "IGO"
    assert evaluation.primary_code(Actor("generic:GOV", "government", None, "GOV", "GOV")) is None


def test_actors_eval_slice_precision(evaluation):
    scores = evaluation.score_pairs(evaluation.load_pairs()[:150])
    assert scores.pairs == 150
    assert scores.coverage >= 0.8
    assert scores.precision >= 0.9
    assert scores.resolved == scores.correct + len(scores.errors)
