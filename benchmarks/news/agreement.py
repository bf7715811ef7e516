"""Inter-annotator agreement on the doubly annotated sentences of the news gold standard.

Each sentence of ``double`` was labelled by its packet's annotator and, independently, by a
second one. Figures:
- Cohen's kappa for event / no event, per sentence;
- Cohen's kappa for the event type, over event slots: events of the two annotators paired by
  overlapping triggers, an unpaired event facing the label NONE;
- span-overlap F1 for sources and targets over the paired events (a pair agrees when both
  spans overlap, or both are absent);
- the list of sentences that disagree (for adjudication).

With ``--actors SET:NAME`` (e.g. ``actor_dev:R1``): how a second, independent labelling of actor
mentions in an actor set's packet scores against that set's gold, with the scorer the system is
scored with (benchmarks/eval_entities.py): the human figure beside the system's.

Run: python -m benchmarks.news.agreement [--json] [--actors SET:NAME ...]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from benchmarks.news.import_labels import LABELS_DIR

SECOND = "E"
PRIMARY = ("A", "B", "C", "D", "F")
# The second, actors-only labelling of the whole articles' other sentences.
SECOND_ACTORS = ("W1", "W2", "W3", "W4")
NONE = "NONE"


def read_labels(name: str) -> dict[str, dict]:
    path = LABELS_DIR / f"{name}.jsonl"
    return {r["sid"]: r for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}


def _overlap(a: dict | None, b: dict | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return a["start"] < b["end"] and b["start"] < a["end"]


def pair_events(first: list[dict], second: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """Events paired by overlapping triggers (same type preferred); the unpaired of each side."""
    left, right, pairs = list(first), list(second), []
    for same_type in (True, False):
        for a in list(left):
            b = next(
                (b for b in right if _overlap(a["trigger"], b["trigger"]) and (a["type"] == b["type"]) >= same_type),
                None,
            )
            if b is not None:
                pairs.append((a, b))
                left.remove(a)
                right.remove(b)
    return pairs, left, right


def _same(a: dict, b: dict) -> bool:
    keys = ("type", "negated", "hypothetical", "future", "reported")
    return (
        all(a.get(k) == b.get(k) for k in keys)
        and _overlap(a["source"], b["source"])
        and _overlap(a["target"], b["target"])
    )


def _actors_agree(a: list[dict], b: list[dict]) -> bool:
    return len(a) == len(b) and all(any(_overlap(x, y) and x["code"] == y["code"] for y in b) for x in a)


def _span_f1(pairs: list[tuple[dict, dict]], n_first: int, n_second: int, side: str) -> float | None:
    agree = sum(_overlap(a[side], b[side]) for a, b in pairs)
    total = n_first + n_second
    return round(2 * agree / total, 3) if total else None


def agreement(second: str = SECOND, primary: tuple[str, ...] = PRIMARY) -> dict[str, Any]:
    from sklearn.metrics import cohen_kappa_score

    other = read_labels(second)
    first: dict[str, dict] = {}
    for name in primary:
        if (LABELS_DIR / f"{name}.jsonl").exists():
            first.update({sid: r | {"annotator": name} for sid, r in read_labels(name).items() if sid in other})
    sids = sorted(first)
    has_a = [bool(first[s]["events"]) for s in sids]
    has_b = [bool(other[s]["events"]) for s in sids]
    types_a: list[str] = []
    types_b: list[str] = []
    all_pairs: list[tuple[dict, dict]] = []
    disagreements = []
    for sid in sids:
        pairs, only_a, only_b = pair_events(first[sid]["events"], other[sid]["events"])
        all_pairs += pairs
        types_a += [a["type"] for a, _ in pairs] + [e["type"] for e in only_a] + [NONE] * len(only_b)
        types_b += [b["type"] for _, b in pairs] + [NONE] * len(only_a) + [e["type"] for e in only_b]
        same = not only_a and not only_b and all(_same(a, b) for a, b in pairs)
        if not same or not _actors_agree(first[sid]["actors"], other[sid]["actors"]):
            disagreements.append({"sid": sid, "annotators": [first[sid]["annotator"], second], "events": not same})
    n_a = sum(len(first[s]["events"]) for s in sids)
    n_b = sum(len(other[s]["events"]) for s in sids)
    return {
        "sentences": len(sids),
        "sentences_with_events": {"first": sum(has_a), "second": sum(has_b)},
        "events": {"first": n_a, "second": n_b, "paired": len(all_pairs)},
        "kappa_event": round(cohen_kappa_score(has_a, has_b), 3),
        "kappa_type": round(cohen_kappa_score(types_a, types_b), 3),
        "type_agreement_on_paired": round(sum(a["type"] == b["type"] for a, b in all_pairs) / len(all_pairs), 3)
        if all_pairs
        else None,
        "source_f1": _span_f1(all_pairs, n_a, n_b, "source"),
        "target_f1": _span_f1(all_pairs, n_a, n_b, "target"),
        "disagreements": disagreements,
    }


def _first_labels(sids: set[str], primary: tuple[str, ...] = PRIMARY) -> dict[str, dict]:
    return {sid: r for name in primary for sid, r in read_labels(name).items() if sid in sids}


def _doubled_actor_labels() -> tuple[dict[str, dict], dict[str, dict]]:
    """The first and the second (``SECOND_ACTORS``) labelling of the doubly labelled sentences."""
    second = {sid: r for name in SECOND_ACTORS for sid, r in read_labels(name).items()}
    return _first_labels(set(second)), second


def _disputed(first: dict[str, dict], second: dict[str, dict]) -> set[str]:
    return {sid for sid in second if not _actors_agree(first[sid]["actors"], second[sid]["actors"])}


def actor_disputes() -> set[str]:
    """Sentences whose actor mentions the first annotator and the second (``SECOND_ACTORS``) list
    differently: the ones adjudicated for the gold."""
    return _disputed(*_doubled_actor_labels())


def gold_actor_agreement() -> dict[str, Any]:
    """How the first and the second labelling of the whole articles' actor mentions agree, scored
    as eventwire is (benchmarks/eval_entities.py): the second annotator's precision and coverage
    against the first's list, and each against the adjudicated gold, by split."""
    from benchmarks.news.score import Gold, GoldMention, load_gold, score_mentions

    first, second = _doubled_actor_labels()
    figures: dict[str, Any] = {"sentences": len(second), "disputed": len(_disputed(first, second))}
    for split in ("dev", "test"):
        gold = load_gold(split=split)
        gold.sentences = [s for s in gold.sentences if s.sid in second]
        as_first = Gold(
            gold.sentences,
            mentions={
                s.sid: [
                    GoldMention(s.sid, m["start"], m["end"], m["code"], m["role_noun"]) for m in first[s.sid]["actors"]
                ]
                for s in gold.sentences
            },
        )
        figures[split] = {
            "second_vs_first": _precision_coverage(score_mentions(as_first, _as_mentions(second))),
            "first_vs_gold": _precision_coverage(score_mentions(gold, _as_mentions(first))),
            "second_vs_gold": _precision_coverage(score_mentions(gold, _as_mentions(second))),
        }
    return figures


def _precision_coverage(scored: dict[str, Any]) -> dict[str, Any]:
    return {k: scored[k] for k in ("gold_mentions", "precision", "coverage")}


def _as_mentions(labels: dict[str, dict]) -> dict[str, list[SimpleNamespace]]:
    """Labelled actor mentions in the shape the scorer reads eventwire's."""
    from eventwire.annotate.actors.text import split_code

    return {
        sid: [
            SimpleNamespace(
                start=m["start"], end=m["end"],
                actor=SimpleNamespace(country=split_code(m["code"])[0] if m["code"] else None, cameo_code=m["code"]),
            )
            for m in row["actors"]
        ]
        for sid, row in labels.items()
    }  # fmt: skip


def actor_agreement(set_name: str, second: str) -> dict[str, Any]:
    """Precision and coverage of ``second``'s actor mentions against the gold of ``set_name`` (an
    actor set), on the sentences ``second`` labelled, and eventwire's on the same sentences."""
    from benchmarks.news.build_actor_dev import ACTOR_SETS
    from benchmarks.news.score import load_gold, predict, score_mentions

    actor_set = ACTOR_SETS[set_name]
    labels = read_labels(second)
    gold = load_gold(actor_set.gold, corpus_path=actor_set.path)
    gold.sentences = [s for s in gold.sentences if s.sid in labels]
    predicted = _as_mentions(labels)
    system = score_mentions(gold, predict([s for s in gold.sentences if s.whole])[1])
    figures = {"set": set_name, "second": second} | score_mentions(gold, predicted)
    return figures | {"eventwire": {k: system[k] for k in ("precision", "coverage")}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--out", type=Path, default=None, help="write the disagreeing sids here (JSON)")
    parser.add_argument("--actors", nargs="*", default=None, metavar="SET:NAME", help="actor agreement instead")
    parser.add_argument("--gold-actors", action="store_true", help="the gold's two actor labellings instead")
    args = parser.parse_args()
    if args.gold_actors:
        figures = gold_actor_agreement()
        print(json.dumps(figures, indent=1) if args.json else " ".join(f"{k}={v}" for k, v in figures.items()))
        return
    if args.actors is not None:
        for item in args.actors:
            figures = actor_agreement(*item.split(":"))
            print(json.dumps(figures, indent=1) if args.json else " ".join(f"{k}={v}" for k, v in figures.items()))
        return
    figures = agreement()
    if args.out:
        args.out.write_text(json.dumps(figures["disagreements"], indent=1), encoding="utf-8")
    shown = {k: v for k, v in figures.items() if k != "disagreements"}
    shown["disagreeing_sentences"] = len(figures["disagreements"])
    shown["disagreeing_on_events"] = sum(d["events"] for d in figures["disagreements"])
    print(json.dumps(shown, indent=1) if args.json else " ".join(f"{k}={v}" for k, v in shown.items()))


if __name__ == "__main__":
    main()
