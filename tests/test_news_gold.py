"""The news gold standard: every annotation loads against its text, splits hold, the scorer scores."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from benchmarks.news.agreement import PRIMARY, SECOND, SECOND_ACTORS, agreement, gold_actor_agreement, read_labels
from benchmarks.news.gold import FLAGS, load_corpus
from benchmarks.news.import_labels import LABELS_DIR
from benchmarks.news.score import (
    Gold,
    GoldEvent,
    GoldMention,
    Side,
    load_gold,
    match,
    pr_curve,
    predict,
    score_events,
    score_mentions,
)
from eventwire.model import Actor, ActorMention, Event, EventActor, Span


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_corpus_is_real_news_split_by_article(corpus) -> None:
    assert len(corpus) >= 1200
    by_split = Counter(s.split for s in corpus)
    assert by_split["test"] / len(corpus) >= 0.40
    docs = {s.doc: set() for s in corpus}
    for s in corpus:
        docs[s.doc].add(s.split)
    assert all(len(splits) == 1 for splits in docs.values()), "an article is in both splits"
    whole = {s.doc for s in corpus if s.whole}
    assert len(whole) >= 30 and {s.doc.split("/")[0] for s in corpus} >= {"polnear", "traf", "seed"}
    assert len({s.topic for s in corpus}) >= 6


def test_every_annotation_file_loads_against_the_texts(corpus) -> None:
    gold = load_gold()
    assert len(gold.sentences) == len(corpus)
    assert sum(len(v) for v in gold.events.values()) > 100
    assert sum(len(v) for v in gold.mentions.values()) > 400
    for name in (*PRIMARY, SECOND, "adjudicated", *SECOND_ACTORS, "adjudicated_actors"):
        partial = load_gold(LABELS_DIR / f"{name}.jsonl", complete=False)
        assert partial.sentences and all(e.type for v in partial.events.values() for e in v)
    for split in ("dev", "test"):
        assert load_gold(split=split).sentences


def test_agreement_figures_are_those_reported() -> None:
    figures = agreement()
    assert figures["sentences"] == 250
    assert figures["kappa_event"] >= 0.8 and figures["kappa_type"] >= 0.6
    assert set(read_labels(SECOND)) >= {d["sid"] for d in figures["disagreements"]}


def test_whole_articles_actor_mentions_are_labelled_twice_and_adjudicated(corpus) -> None:
    from benchmarks.news.build_gold import build
    from benchmarks.news.score import GOLD_PATH

    second = {sid for name in SECOND_ACTORS for sid in read_labels(name)}
    whole = {s.sid for s in corpus if s.whole}
    assert second | set(read_labels(SECOND)) >= whole  # every whole-article sentence has two labellings
    figures = gold_actor_agreement()
    assert figures["sentences"] == len(second) and 0 < figures["disputed"] < len(second)
    for split in ("dev", "test"):
        assert figures[split]["second_vs_first"]["precision"] > 0.9
    rebuilt = [json.dumps(r, sort_keys=True) for r in build()]
    assert rebuilt == GOLD_PATH.read_text(encoding="utf-8").splitlines()  # the committed gold is the built one


def _event(ptype, source, target, action, confidence=0.5, **flags) -> Event:
    def side(span):
        return EventActor("X", "x", Span(span[0], span[1], "x")) if span else None

    return Event(
        source=side(source), target=side(target), action=Span(*action, "v"), sentence=Span(0, 100, ""),
        cameo_code="000", root_code="00", plover_type=ptype, confidence=confidence, **flags,
    )  # fmt: skip


def _gold_event(sid, ptype, source, target, **flags) -> GoldEvent:
    return GoldEvent(
        sid, ptype, None, (40, 45), Side(*source, "RUS") if source else None, Side(*target, "UKR") if target else None,
        {f: flags.get(f, False) for f in FLAGS}, None,
    )  # fmt: skip


def test_scorer_on_hand_made_cases(corpus) -> None:
    s1, s2 = corpus[0], corpus[1]
    gold = Gold([s1, s2], {s1.sid: [_gold_event(s1.sid, "ASSAULT", (0, 6), (50, 57))], s2.sid: []})
    right = _event("ASSAULT", (2, 6), (52, 60), (40, 45), 0.9)
    wrong_target = _event("ASSAULT", (0, 6), (70, 80), (40, 45), 0.8)
    wrong_type = _event("THREATEN", (0, 6), (50, 57), (40, 45), 0.7)
    spurious = _event("PROTEST", (0, 3), None, (10, 12), 0.2)
    assert len(match(gold.events[s1.sid], [right, wrong_target], "triple")) == 1
    assert match(gold.events[s1.sid], [wrong_target], "triple") == []
    assert len(match(gold.events[s1.sid], [wrong_target], "type_source")) == 1
    assert match(gold.events[s1.sid], [wrong_type], "type") == []
    no_target = _gold_event(s1.sid, "PROTEST", (0, 6), None)
    assert len(match([no_target], [spurious], "triple")) == 1
    assert match([no_target], [_event("PROTEST", (0, 3), (50, 57), (10, 12))], "triple") == []
    figures = score_events(gold, {s1.sid: [wrong_target, right], s2.sid: [spurious]})
    assert figures["gold_events"] == 1 and figures["predicted_events"] == 3
    assert figures["precision"] == {"type": 0.333, "type_source": 0.333, "triple": 0.333}
    assert figures["recall"] == {"type": 1.0, "type_source": 1.0, "triple": 1.0}
    assert figures["flag_accuracy"]["negated"] == 1.0
    points, ap = pr_curve(gold, {s1.sid: [right, wrong_target], s2.sid: [spurious]})
    assert points[0] == (0.9, 1.0, 1.0) and ap == 1.0
    points, ap = pr_curve(gold, {s1.sid: [_event("ASSAULT", (2, 6), (52, 60), (40, 45), 0.1)], s2.sid: [spurious]})
    assert points[0][1] == 0.0 and ap == 0.5


def test_mention_scorer_on_hand_made_cases(corpus) -> None:
    s = next(x for x in corpus if x.whole)
    gold = Gold([s], {s.sid: []}, {s.sid: [GoldMention(s.sid, s.start, s.start + 5, "USAGOV", False),
                                           GoldMention(s.sid, s.start + 10, s.start + 20, "RUS", True)]})  # fmt: skip
    usa = Actor("USA", "United States", "USA", "GOV", "USAGOV")
    chn = Actor("CHN", "China", "CHN", None, "CHN")
    officials = Actor("GOV", "officials", None, "GOV", "GOV")  # a sector without a country: unresolved
    figures = score_mentions(gold, {s.sid: [ActorMention(s.start, s.start + 5, "x", usa),
                                            ActorMention(s.start + 12, s.start + 15, "y", chn),
                                            ActorMention(s.start + 10, s.start + 12, "z", officials)]})  # fmt: skip
    assert figures["resolved_mentions"] == 2 and figures["precision"] == 0.5 and figures["coverage"] == 0.5
    assert figures["role_nouns"] == {"gold_mentions": 1, "coverage": 0.0, "precision": 0.0}


def test_benchmark_slice_runs_the_real_pipeline() -> None:
    gold = load_gold(split="dev")
    seed = [s for s in gold.sentences if s.doc == "seed"]
    events, mentions = predict(seed)
    figures = score_events(Gold(seed, {s.sid: gold.events[s.sid] for s in seed}), events)
    assert figures["sentences"] == len(seed) and figures["gold_events"] > 3 and figures["predicted_events"] > 3
    assert 0 < figures["recall"]["type"] <= 1 and any(m for m in mentions.values())
    assert all(s.published == "2024-11-19" for s in seed) and date.fromisoformat(seed[0].published).year == 2024


def test_loader_rejects_offsets_outside_the_sentence_and_unknown_labels(corpus, tmp_path) -> None:
    from benchmarks.news.gold import GoldError

    s = corpus[0]
    event = {"trigger": {"start": s.start, "end": s.start + 3}, "type": "ASSAULT", "mode": None, "source": None,
             "target": None, "negated": False, "hypothetical": False, "future": False, "reported": False, "date": None}  # fmt: skip
    cases = {
        "outside": ({**event, "trigger": {"start": s.end + 5, "end": s.end + 9}}, []),
        "type": ({**event, "type": "ATTACK"}, []),
        "mode": ({**event, "mode": "cyber"}, []),
        "code": (event, [{"start": s.start, "end": s.start + 2, "code": "XXQGOV", "role_noun": False}]),
    }
    for name, (ev, actors) in cases.items():
        path = tmp_path / f"{name}.jsonl"
        path.write_text(json.dumps({"sid": s.sid, "doc": s.doc, "events": [ev], "actors": actors}) + "\n")
        with pytest.raises(GoldError, match=s.sid):
            load_gold(path, complete=False)
