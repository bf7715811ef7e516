"""Build the adjudicated gold (benchmarks/data/news/events.jsonl) from the annotators' labels.

Every corpus sentence was labelled once by the annotator of its packet (A, B, C, D, F); 250 were
labelled a second time by E. Where the two disagree (benchmarks/news/agreement.py), the
adjudicated label (labels/adjudicated.jsonl) replaces the first; elsewhere the first stands.
The actor mentions of the other sentences of whole articles were labelled a second time too (W1–W4,
actors only): where those disagree with the first, the adjudicated mentions
(labels/adjudicated_actors.jsonl) replace the first's, and the first's events stay.

Run: python -m benchmarks.news.build_gold
"""

from __future__ import annotations

import json

from benchmarks.news.agreement import PRIMARY, actor_disputes, agreement, read_labels
from benchmarks.news.gold import load_corpus
from benchmarks.news.import_labels import LABELS_DIR
from benchmarks.news.score import GOLD_PATH

ADJUDICATED = "adjudicated"
ADJUDICATED_ACTORS = "adjudicated_actors"


def build() -> list[dict]:
    adjudicated = read_labels(ADJUDICATED)
    disputed = {d["sid"] for d in agreement()["disagreements"]}
    unresolved = disputed - set(adjudicated)
    if unresolved:
        raise ValueError(f"{len(unresolved)} disagreements have no adjudicated label, e.g. {sorted(unresolved)[:5]}")
    first = {sid: r | {"annotator": name} for name in PRIMARY for sid, r in read_labels(name).items()}
    adjudicated_actors = read_labels(ADJUDICATED_ACTORS)
    actors_disputed = actor_disputes()
    if actors_disputed != set(adjudicated_actors):
        raise ValueError(
            f"actor disagreements and adjudicated actors differ: {sorted(actors_disputed ^ set(adjudicated_actors))[:5]}"
        )
    records = []
    for sentence in load_corpus():
        if sentence.sid in disputed:
            record = adjudicated[sentence.sid] | {"annotator": ADJUDICATED}
        else:
            record = first[sentence.sid]
        if sentence.sid in actors_disputed:
            actors = adjudicated_actors[sentence.sid]["actors"]
            record = record | {"actors": actors, "annotator": f"{record['annotator']}, actors {ADJUDICATED}"}
        records.append({k: record[k] for k in ("sid", "doc", "annotator", "events", "actors")})
    return records


def main() -> None:
    records = build()
    GOLD_PATH.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in records), encoding="utf-8")
    events = sum(len(r["events"]) for r in records)
    print(f"{GOLD_PATH}: {len(records)} sentences, {events} events, labels from {LABELS_DIR}")


if __name__ == "__main__":
    main()
