"""Build the news training extension (benchmarks/data/news/extension.jsonl) and its annotation packets.

The gold standard's dev split holds about a hundred events, too few to train an event model on.
The extension adds sentences from articles that are in *neither* split of the corpus (so nothing
of the test split's articles is ever trained on), labelled with the same guidelines. Unlike the
corpus, which draws sentences blind so that its event density is news-like, the extension draws
sentences that name at least two actors (spaCy PERSON/ORG/GPE/NORP entities) around a verb: a
training set needs events, and an evaluation is never run on it.

Rows have the corpus's fields with ``split`` = ``"train"`` and sids ``x0001``…; texts stay in the
shared folder (rows hold offsets only). Run from the repository root:
``python -m benchmarks.news.build_extension [--packets DIR]``; after the labels are imported
(``python -m benchmarks.news.import_labels X1 FILE --extension`` …),
``python -m benchmarks.news.build_extension --gold`` writes ``extension_events.jsonl``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
from pathlib import Path

from benchmarks.news.build_corpus import MIN_WORDS, Doc, polnear_docs, split_sentences, traf_docs
from benchmarks.news.gold import CORPUS_PATH
from benchmarks.news.import_labels import EXTENSION_PATH, merge_labels, write_packet

EXTENSION_GOLD = EXTENSION_PATH.parent / "extension_events.jsonl"
ANNOTATORS = ("X1", "X2", "X3", "X4", "X5", "X6")  # one per packet, each labelled once
SEED = 20261208
PACKETS = 6
PER_PACKET = 150
PER_DOC = 2
ACTOR_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
MAX_WORDS = 60  # longer "sentences" are run-together lists or tables
DEFAULT_PACKETS = Path("/work/annot/extension")


def eventful(sentence) -> bool:
    """Two actor-like entities and a verb: where events are likely."""
    words = len(sentence.text.split())
    actors = sum(ent.label_ in ACTOR_ENTITIES for ent in sentence.ents)
    return MIN_WORDS <= words <= MAX_WORDS and actors >= 2 and any(t.pos_ == "VERB" for t in sentence)


def build() -> tuple[list[dict], dict[str, dict]]:
    rng = random.Random(SEED)
    used = {json.loads(line)["doc"] for line in CORPUS_PATH.read_text(encoding="utf-8").splitlines()}
    docs = [d for d in polnear_docs() + traf_docs() if d.doc not in used]
    rng.shuffle(docs)
    want = PACKETS * PER_PACKET
    rows: list[dict] = []
    context: dict[str, dict] = {}
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) < 40 and doc is not docs[-1]:
            continue
        for d, parsed in zip(batch, split_sentences(batch), strict=True):
            spans = {(s.start_char, s.start_char + len(s.text.rstrip())): s for s in parsed.sents}
            good = [i for i, se in enumerate(d.sents) if se in spans and eventful(spans[se])]
            for i in sorted(rng.sample(good, min(PER_DOC, len(good)))):
                sid = f"x{len(rows) + 1:04d}"
                rows.append(d.sentence_row(i, sid, False, "train"))
                context[sid] = d.sentence_context(i)
        batch = []
        if len(rows) >= want:
            break
    return rows[:want], context


def write_packets(rows: list[dict], context: dict[str, dict], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for n in range(PACKETS):
        write_packet(out / f"x{n + 1}.jsonl", rows[n * PER_PACKET : (n + 1) * PER_PACKET], context)


def build_gold() -> None:
    """The extension's gold (extension_events.jsonl): the imported labels of its annotators."""
    rows = merge_labels(ANNOTATORS, EXTENSION_GOLD)
    print(f"{EXTENSION_GOLD}: {len(rows)} sentences, {sum(len(r['events']) for r in rows)} events")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packets", type=Path, default=DEFAULT_PACKETS, help="where to write annotation packets")
    parser.add_argument("--gold", action="store_true", help="only build extension_events.jsonl from the labels")
    args = parser.parse_args()
    if args.gold:
        build_gold()
        return
    logging.disable(logging.CRITICAL)
    rows, context = build()
    EXTENSION_PATH.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    write_packets(rows, context, args.packets)
    print(
        f"{len(rows)} sentences from {len({r['doc'] for r in rows})} articles -> {EXTENSION_PATH}, packets in {args.packets}"
    )


if __name__ == "__main__":
    main()
