"""The PolNeAR quote evaluation: brat reading, the overlap measure, and a small real slice."""

import importlib.util
import sys
from pathlib import Path

import pytest

from eventwire.model import Quote, Span

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "eval_quotes.py"


@pytest.fixture(scope="module")
def evalq():
    spec = importlib.util.spec_from_file_location("eval_quotes", BENCHMARK)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


TEXT = 'Trump spoke. "We will win," he said, "and big." Critics said that the plan is weak.'
ANN = "\n".join(
    [
        "T1\tSource 28 30\the",
        "T2\tCue 31 35\tsaid",
        'T3\tContent 13 27;37 47\t"We will win," "and big."',
        "T4\tAttribution 31 35\tsaid",
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        "T5\tSource 48 55\tCritics",
        "T6\tCue 56 60\tsaid",
        "T7\tContent 61 82\tthat the plan is weak",
        "T8\tAttribution 56 60\tsaid",
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        "#1\tAnnotatorNotes T7\ta note",
    ]
)


def _quote(start, end, kind, speaker=None, cue=None, speaker_ref=None):
    def span(bounds):
        return Span(bounds[0], bounds[1], TEXT[bounds[0] : bounds[1]]) if bounds else None

    return Quote(start, end, span((start, end)), kind, span(speaker), span(cue), speaker_ref=span(speaker_ref))


def test_quotes_eval_reads_brat_relations(evalq):
    golds = evalq.parse_ann(ANN, TEXT)
    assert [g.direct for g in golds] == [True, False]
    assert golds[0].content == ((13, 27), (37, 47))
    assert TEXT[slice(*golds[1].content[0])] == "that the plan is weak"


def test_quotes_eval_scores_overlap_and_speakers(evalq):
    golds = evalq.parse_ann(ANN, TEXT)
    gold_doc = evalq.GoldDoc("synthetic", TEXT, golds)
    quotes = [
        _quote(13, 27, "direct", speaker=(28, 30), cue=(31, 35), speaker_ref=(0, 5)),
        _quote(37, 47, "direct", speaker=(28, 30), cue=(31, 35), speaker_ref=(0, 5)),
        _quote(0, 11, "indirect", speaker=(0, 5), cue=(6, 11)),
    ]
    report = evalq.score_doc(gold_doc, quotes)
    overall = report.all.figures()
    assert overall["precision"] == pytest.approx(2 / 3)
    assert overall["recall"] == pytest.approx(1 / 2)
    assert overall["speaker_acc"] == 1.0  # "he" at the cue, as the annotator marked it
    assert overall["resolved_acc"] == 0.0  # speaker_ref "Trump", but no named gold source precedes "he"
    direct = report.direct.figures()
    assert (direct["precision"], direct["recall"], direct["cue_acc"]) == (1.0, 1.0, 1.0)


def test_quotes_eval_surname_counts_as_same_speaker(evalq):
    text = "Sen. Bernie Sanders spoke. Sanders said so."
    assert evalq.speaker_matches(text, (0, 19), ((27, 34),))
    assert not evalq.speaker_matches(text, (0, 4), ((27, 34),))


def test_quotes_eval_small_dev_slice(evalq, nlp):
    golds = evalq.load_gold("dev", limit=5)
    assert len(golds) == 5 and all(g.attributions for g in golds)
    report = evalq.evaluate(nlp, golds)
    overall, direct = report.all.figures(), report.direct.figures()
    assert overall["precision"] > 0.7 and overall["recall"] > 0.3
    assert direct["golds"] > 0 and direct["f1"] > 0.7
    assert direct["speaker_acc"] > 0.7 and direct["cue_acc"] > 0.7
