"""Turn annotators' label files (spans as sentence substrings) into offset-only JSONL for the project.

Run: python -m benchmarks.news.import_labels NAME FILE.jsonl [FILE.jsonl …] [--corpus gold|extension|actor_dev|actor_check|actor_dev2|actor_dev3|actor_dev4|actor_check2|actor_dev5]
Writes benchmarks/data/news/labels/NAME.jsonl: the same records with document offsets and without
any span text or note, so no article text enters the project.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from benchmarks.news.gold import CORPUS_PATH, convert_labels, load_corpus

LABELS_DIR = Path(__file__).resolve().parents[1] / "data" / "news" / "labels"
EXTENSION_PATH = CORPUS_PATH.parent / "extension.jsonl"
# The sentence sets labels can belong to: the gold standard, the event training extension, the actor
# development and check sets.
CORPORA = {
    "gold": CORPUS_PATH,
    "extension": EXTENSION_PATH,
    "actor_dev": CORPUS_PATH.parent / "actor_dev.jsonl",
    "actor_check": CORPUS_PATH.parent / "actor_check.jsonl",
    "actor_dev2": CORPUS_PATH.parent / "actor_dev2.jsonl",
    "actor_dev3": CORPUS_PATH.parent / "actor_dev3.jsonl",
    "actor_dev4": CORPUS_PATH.parent / "actor_dev4.jsonl",
    "actor_check2": CORPUS_PATH.parent / "actor_check2.jsonl",
    "actor_dev5": CORPUS_PATH.parent / "actor_dev5.jsonl",
}


def without_text(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: without_text(v) for k, v in value.items() if k not in ("text", "note")}
    if isinstance(value, list):
        return [without_text(v) for v in value]
    return value


def merge_labels(annotators: tuple[str, ...], out: Path) -> list[dict]:
    """One gold file from labels each annotator gave once (each sentence labelled by one of them),
    in sentence order and with who labelled it; returns its rows."""
    rows = [
        json.loads(line) | {"annotator": name}
        for name in annotators
        for line in (LABELS_DIR / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    rows.sort(key=lambda r: r["sid"])
    out.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    return rows


def write_packet(path: Path, rows: list[dict], context: dict[str, dict]) -> None:
    """An annotation packet: each sentence with its context, the fields annotators see."""
    lines = (
        json.dumps({**{k: r[k] for k in ("sid", "doc", "published", "whole")}, **context[r["sid"]]}, ensure_ascii=False)
        for r in rows
    )
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("name", help="annotator name (A, B …)")
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--corpus", choices=sorted(CORPORA), default="gold", help="the sentence set labelled")
    parser.add_argument("--extension", action="store_true", help="same as --corpus extension")
    args = parser.parse_args()
    corpus = load_corpus(CORPORA["extension" if args.extension else args.corpus])
    records = [without_text(r) for f in args.files for r in convert_labels(corpus, f)]
    LABELS_DIR.mkdir(parents=True, exist_ok=True)
    out = LABELS_DIR / f"{args.name}.jsonl"
    out.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in records), encoding="utf-8")
    events, actors = (sum(len(r[k]) for r in records) for k in ("events", "actors"))
    print(f"{out}: {len(records)} sentences, {events} events, {actors} actor mentions")


if __name__ == "__main__":
    main()
