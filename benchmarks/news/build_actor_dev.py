"""Build the actor development set (benchmarks/data/news/actor_dev.jsonl) and its annotation packets.

The gold standard's dev split holds about 290 actor mentions in whole articles: enough to find error
classes, too few to tell a rule that generalises from one that fits those articles. This set adds
whole short articles from which the corpus annotates nothing whole and no test sentence,
labelled for actor mentions only (guidelines §7.5), so actor rules can be developed on more news
without ever looking at the test split. It is a development set: never a figure for the README.

Rows have the corpus's fields with ``split`` = ``"dev"``, ``whole`` = true and sids ``y0001``…;
texts stay in the shared folder (rows hold offsets only). Run from the repository root:
``python -m benchmarks.news.build_actor_dev [--packets DIR]``; after the labels are imported
(``python -m benchmarks.news.import_labels Y1 FILE --corpus actor_dev`` …),
``python -m benchmarks.news.build_actor_dev --gold`` writes ``actor_dev_gold.jsonl``, scored by
``python benchmarks/eval_entities.py --set news --split actor-dev``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
from pathlib import Path

from benchmarks.news.build_corpus import WHOLE_MAX, WHOLE_MIN, Doc, polnear_docs, split_sentences, traf_docs
from benchmarks.news.gold import CORPUS_PATH
from benchmarks.news.import_labels import CORPORA, merge_labels, write_packet

ACTOR_DEV_PATH = CORPORA["actor_dev"]
ACTOR_DEV_GOLD = ACTOR_DEV_PATH.parent / "actor_dev_gold.jsonl"
ANNOTATORS = ("Y1", "Y2", "Y3", "Y4", "Y5", "Y6")  # one per packet, each labelled once
SEED = 20261209
ARTICLES = {"polnear": 22, "traf": 26}
# Few trafilatura pages are left once the corpus's are set aside, so longer ones are taken too.
MAX_SENTENCES = {"polnear": WHOLE_MAX, "traf": 60}
DEFAULT_PACKETS = Path("/work/annot/actor_dev")


def build() -> tuple[list[dict], dict[str, dict]]:
    """Short whole articles of both sources, drawn at random among those no other set uses."""
    rng = random.Random(SEED)
    corpus = [json.loads(line) for line in CORPUS_PATH.read_text(encoding="utf-8").splitlines()]
    used = {r["doc"] for r in corpus if r["whole"] or r["split"] == "test"}
    docs = [d for d in polnear_docs() + traf_docs() if d.doc not in used]
    rng.shuffle(docs)
    chosen: list[Doc] = []
    for source, count in ARTICLES.items():
        pool = [d for d in docs if d.source == source]
        taken = 0
        for start in range(0, len(pool), 40):
            batch = pool[start : start + 40]
            split_sentences(batch)
            for d in batch:
                if taken < count and WHOLE_MIN <= len(d.sents) <= MAX_SENTENCES[source]:
                    chosen.append(d)
                    taken += 1
            if taken >= count:
                break
    rows: list[dict] = []
    context: dict[str, dict] = {}
    for d in chosen:
        for i, (start, end) in enumerate(d.sents):
            sid = f"y{len(rows) + 1:04d}"
            rows.append(
                {"sid": sid, "doc": d.doc, "path": d.path, "text_kind": d.text_kind, "start": start,
                 "end": end, "whole": True, "topic": d.topic, "split": "dev", "published": d.published}
            )  # fmt: skip
            context[sid] = {
                "sentence": d.text[start:end],
                "context_before": d.text[slice(*d.sents[i - 1])] if i > 0 else "",
                "context_after": d.text[slice(*d.sents[i + 1])] if i + 1 < len(d.sents) else "",
            }
    return rows, context


def write_packets(rows: list[dict], context: dict[str, dict], out: Path) -> None:
    """Whole articles per packet, packets of about equal size."""
    out.mkdir(parents=True, exist_ok=True)
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r)
    packets: list[list[dict]] = [[] for _ in ANNOTATORS]
    for group in sorted(by_doc.values(), key=len, reverse=True):
        min(packets, key=len).extend(group)
    for n, part in enumerate(packets, start=1):
        write_packet(out / f"y{n}.jsonl", sorted(part, key=lambda r: r["sid"]), context)


def build_gold() -> None:
    """The set's gold (actor_dev_gold.jsonl): the imported labels of its annotators."""
    rows = merge_labels(ANNOTATORS, ACTOR_DEV_GOLD)
    print(f"{ACTOR_DEV_GOLD}: {len(rows)} sentences, {sum(len(r['actors']) for r in rows)} actor mentions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packets", type=Path, default=DEFAULT_PACKETS, help="where to write annotation packets")
    parser.add_argument("--gold", action="store_true", help="only build actor_dev_gold.jsonl from the labels")
    args = parser.parse_args()
    if args.gold:
        build_gold()
        return
    logging.disable(logging.CRITICAL)
    rows, context = build()
    ACTOR_DEV_PATH.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    write_packets(rows, context, args.packets)
    print(
        f"{len(rows)} sentences from {len({r['doc'] for r in rows})} articles -> {ACTOR_DEV_PATH}, packets in {args.packets}"
    )


if __name__ == "__main__":
    main()
