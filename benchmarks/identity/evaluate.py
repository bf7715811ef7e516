"""Merge precision of the store's event identity on hand-labelled cross-article mention pairs.

Each pair (benchmarks/data/identity/pairs.jsonl, drawn by ``draw_pairs``) is two event mentions
from different real news articles, labelled ``same`` or ``different`` by a person who read both
sentences (labels.jsonl). The store merges two mentions when their event keys (source, target,
PLOVER type, modality) agree, their dates lie within the window and ``same_report`` holds; the
grouping before that rule (key with the CAMEO root and dates only) is in ``merged_now``.
The thresholds were chosen on the ``dev`` pairs; ``test`` pairs only report.

Run: python -m benchmarks.identity.evaluate [--json]
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from benchmarks.identity.pairs import PAIRS_PATH, load_pairs
from eventwire.store.events import event_key, near, same_report

LABELS_PATH = PAIRS_PATH.with_name("labels.jsonl")


def _modality(m: dict[str, Any]) -> str:
    return next((f for f in ("negated", "hypothetical", "future") if m[f]), "real")


def _side(m: dict[str, Any], side: str) -> str | None:
    return m[f"{side}_code"] or (" ".join(m[side].split()) if m.get(side) else None)


def merged(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Would the store give both mentions one event id?"""

    def key(m: dict[str, Any]) -> str:
        return event_key(_side(m, "source"), _side(m, "target"), m["plover_type"], _modality(m))

    day_a, day_b = (date.fromisoformat(m["event_date"]) if m["event_date"] else None for m in (a, b))
    has_target = _side(a, "target") is not None
    return key(a) == key(b) and near(day_a, day_b) and same_report(a["sentence"], b["sentence"], has_target)


def _figures(rows: list[tuple[bool, bool, bool]]) -> dict[str, Any]:
    """rows: (labelled same, merged by the store, merged by the earlier grouping)."""

    def precision(k: int) -> float | None:
        hits = [r for r in rows if r[k]]
        return round(sum(r[0] for r in hits) / len(hits), 3) if hits else None

    same = sum(r[0] for r in rows)
    return {
        "pairs": len(rows),
        "labelled_same": same,
        "merged": sum(r[1] for r in rows),
        "merge_precision": precision(1),
        "merge_recall": round(sum(r[0] and r[1] for r in rows) / same, 3) if same else None,
        "earlier_merged": sum(r[2] for r in rows),
        "earlier_merge_precision": precision(2),
    }


def evaluate(labels_path: Path = LABELS_PATH) -> dict[str, Any]:
    labels = {r["pid"]: r["label"] for r in map(json.loads, labels_path.read_text(encoding="utf-8").splitlines())}
    by_split: dict[str, list[tuple[bool, bool, bool]]] = {"dev": [], "test": []}
    for pair in load_pairs():
        row = (labels[pair["pid"]] == "same", merged(pair["a"], pair["b"]), bool(pair["merged_now"]))
        by_split[pair["split"]].append(row)
    return {"all": _figures(by_split["dev"] + by_split["test"])} | {k: _figures(v) for k, v in by_split.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = evaluate()
    if args.json:
        print(json.dumps(figures, indent=1))
        return
    for name, f in figures.items():
        print(name, " ".join(f"{k}={v}" for k, v in f.items()))


if __name__ == "__main__":
    main()
