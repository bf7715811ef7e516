"""Build the actor development and check sets (benchmarks/data/news/actor_*.jsonl) and their packets.

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
``python benchmarks/eval_entities.py --set news --split actor-dev``. ``--set actor_check`` does the
same for the actor check set (sids ``z0001``…, drawn after the development set from the articles
left): it is scored to see what the rules do on news they were not developed on, and never used to
develop them. ``--set actor_dev2`` builds a second development set (sids ``v0001``…), drawn after both,
``--set actor_dev3`` a third (sids ``u0001``…), drawn after all three, ``--set actor_dev4`` a fourth of
international newswire (AQUAINT, 1998-2000; sids ``t0001``…), and ``--set actor_check2`` a check set of
international news (AQUAINT and TimeBank, 1989-2000; sids ``w0001``…), never developed on; ``--set actor_dev5``
a fifth development set of the international news left (sids ``q0001``…).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
from dataclasses import dataclass
from pathlib import Path

from benchmarks.eval_time import read_tml
from benchmarks.news.build_corpus import (
    WHOLE_MAX,
    WHOLE_MIN,
    Doc,
    guess_topic,
    polnear_docs,
    split_sentences,
    traf_docs,
)
from benchmarks.news.gold import CORPUS_PATH, document_text
from benchmarks.news.import_labels import CORPORA, merge_labels, write_packet
from eventwire.paths import shared_path


@dataclass(frozen=True)
class ActorSet:
    """A set of whole articles labelled for actor mentions only: where its rows and gold live, how
    its articles are drawn, its sid prefix and its annotators (one packet each)."""

    name: str
    seed: int
    articles: dict[str, int]
    max_sentences: dict[str, int]
    prefix: str
    annotators: tuple[str, ...]
    after: tuple[str, ...] = ()  # sets drawn before this one, whose articles it leaves out

    @property
    def path(self) -> Path:
        return CORPORA[self.name]

    @property
    def gold(self) -> Path:
        return self.path.parent / f"{self.name}_gold.jsonl"


# Few trafilatura pages are left once the corpus's are set aside, so longer ones are taken too.
ACTOR_DEV = ActorSet(
    "actor_dev", 20261209, {"polnear": 22, "traf": 26}, {"polnear": WHOLE_MAX, "traf": 60}, "y",
    ("Y1", "Y2", "Y3", "Y4", "Y5", "Y6"),
)  # fmt: skip
# The actor check set: drawn after the development set, from articles no other set uses; scored to
# see what the rules do on news they were never developed on, never used to develop them.
ACTOR_CHECK = ActorSet(
    "actor_check", 20261207, {"polnear": 24, "traf": 6}, {"polnear": WHOLE_MAX, "traf": 80}, "z",
    ("Z1", "Z2", "Z3", "Z4"), after=("actor_dev",),
)  # fmt: skip
# A second development set, drawn after both from the articles left: new news to analyse errors
# on once the first development set has been worked through (scored once before any rule is
# written from it, which is a held-out figure of the rules of that day).
ACTOR_DEV2 = ActorSet(
    "actor_dev2", 20261211, {"polnear": 26, "traf": 4}, {"polnear": WHOLE_MAX, "traf": 80}, "v",
    ("V1", "V2", "V3", "V4", "V5"), after=("actor_dev", "actor_check"),
)  # fmt: skip
# A third development set, drawn after the three others: scored once before any rule is written
# from it, like the second.
ACTOR_DEV3 = ActorSet(
    "actor_dev3", 20261215, {"polnear": 22, "traf": 6}, {"polnear": WHOLE_MAX, "traf": 80}, "u",
    ("U1", "U2", "U3", "U4"), after=("actor_dev", "actor_check", "actor_dev2"),
)  # fmt: skip
# A fourth, of international newswire (AQUAINT, 1998-2000: wires on Kenya and Tanzania, Iraq, Russia,
# Kosovo …) that neither the corpus nor the other sets hold: development on news beyond US politics.
ACTOR_DEV4 = ActorSet(
    "actor_dev4", 20261217, {"tbaq": 20}, {"tbaq": 45}, "t", ("T1", "T2", "T3", "T4"),
    after=("actor_dev", "actor_check", "actor_dev2", "actor_dev3"),
)  # fmt: skip
# A check set of international news (the AQUAINT newswire the fourth set left, and TimeBank's
# wire and broadcast news of 1989-1998; not its Wall Street Journal business copy): scored to see
# what rules developed on the fourth set do on such news they were never developed on.
ACTOR_CHECK2 = ActorSet(
    "actor_check2", 20261219, {"tbaq": 10, "timebank": 12}, {"tbaq": 45, "timebank": 45}, "w",
    ("S1", "S2", "S3", "S4"), after=("actor_dev", "actor_check", "actor_dev2", "actor_dev3", "actor_dev4"),
)  # fmt: skip
# A fifth development set, of the international news both left (AQUAINT and TimeBank): more such
# news to analyse errors on, drawn after the check set so that it never holds a check article.
ACTOR_DEV5 = ActorSet(
    "actor_dev5", 20261221, {"tbaq": 10, "timebank": 14}, {"tbaq": 45, "timebank": 45}, "q",
    ("Q1", "Q2", "Q3", "Q4"),
    after=("actor_dev", "actor_check", "actor_dev2", "actor_dev3", "actor_dev4", "actor_check2"),
)  # fmt: skip
ACTOR_SETS = {s.name: s for s in (ACTOR_DEV, ACTOR_CHECK, ACTOR_DEV2, ACTOR_DEV3, ACTOR_DEV4, ACTOR_CHECK2, ACTOR_DEV5)}
ACTOR_DEV_PATH, ACTOR_DEV_GOLD = ACTOR_DEV.path, ACTOR_DEV.gold
# Packets are working files for annotators, kept out of the repository (build/ is ignored).
DEFAULT_PACKETS = Path(__file__).resolve().parents[2] / "build" / "annotation-packets"


def build(actor_set: ActorSet = ACTOR_DEV) -> tuple[list[dict], dict[str, dict]]:
    """Short whole articles of both sources, drawn at random among those the corpus and the sets
    drawn before leave."""
    rng = random.Random(actor_set.seed)
    corpus = [json.loads(line) for line in CORPUS_PATH.read_text(encoding="utf-8").splitlines()]
    used = {r["doc"] for r in corpus if r["whole"] or r["split"] == "test"}
    for other in actor_set.after:
        used |= {json.loads(line)["doc"] for line in CORPORA[other].read_text(encoding="utf-8").splitlines()}
    sources = polnear_docs() + traf_docs()
    sources += tbaq_docs() if "tbaq" in actor_set.articles else []
    sources += tbaq_docs("TimeBank") if "timebank" in actor_set.articles else []
    docs = [d for d in sources if d.doc not in used]
    rng.shuffle(docs)
    chosen: list[Doc] = []
    for source, count in actor_set.articles.items():
        pool = [d for d in docs if d.source == source]
        taken = 0
        for start in range(0, len(pool), 40):
            batch = pool[start : start + 40]
            split_sentences(batch)
            for d in batch:
                if taken < count and WHOLE_MIN <= len(d.sents) <= actor_set.max_sentences[source]:
                    chosen.append(d)
                    taken += 1
            if taken >= count:
                break
    rows: list[dict] = []
    context: dict[str, dict] = {}
    for d in chosen:
        for i in range(len(d.sents)):
            sid = f"{actor_set.prefix}{len(rows) + 1:04d}"
            rows.append(d.sentence_row(i, sid, True, "dev"))
            context[sid] = d.sentence_context(i)
    return rows, context


def tbaq_docs(folder: str = "AQUAINT") -> list[Doc]:
    """The AQUAINT newswire of TempEval-3's TimeML (body text, creation date), or TimeBank's news
    without its Wall Street Journal business copy (source ``timebank``)."""
    source = "tbaq" if folder == "AQUAINT" else "timebank"
    docs = []
    for file in sorted(shared_path("gold", "time", "tbaq", folder).glob("*.tml")):
        if file.name.lower().startswith("wsj"):
            continue
        path = f"gold/time/tbaq/{folder}/{file.name}"
        dct = read_tml(file).dct
        text = document_text(path, "timeml")
        docs.append(
            Doc(f"tbaq/{folder}/{file.stem}", path, "timeml", source, dct and dct.isoformat(), guess_topic(text), text)
        )
    return docs


def write_packets(actor_set: ActorSet, rows: list[dict], context: dict[str, dict], out: Path) -> None:
    """Whole articles per packet, packets of about equal size."""
    out.mkdir(parents=True, exist_ok=True)
    by_doc: dict[str, list[dict]] = {}
    for r in rows:
        by_doc.setdefault(r["doc"], []).append(r)
    packets: list[list[dict]] = [[] for _ in actor_set.annotators]
    for group in sorted(by_doc.values(), key=len, reverse=True):
        min(packets, key=len).extend(group)
    for n, part in enumerate(packets, start=1):
        write_packet(out / f"{actor_set.prefix}{n}.jsonl", sorted(part, key=lambda r: r["sid"]), context)


def build_gold(actor_set: ActorSet = ACTOR_DEV) -> None:
    """The set's gold (``<name>_gold.jsonl``): the imported labels of its annotators."""
    rows = merge_labels(actor_set.annotators, actor_set.gold)
    print(f"{actor_set.gold}: {len(rows)} sentences, {sum(len(r['actors']) for r in rows)} actor mentions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=sorted(ACTOR_SETS), default=ACTOR_DEV.name, help="which actor set")
    parser.add_argument("--packets", type=Path, default=None, help="where to write annotation packets")
    parser.add_argument("--gold", action="store_true", help="only build the set's gold from the labels")
    args = parser.parse_args()
    actor_set = ACTOR_SETS[args.set]
    if args.gold:
        build_gold(actor_set)
        return
    logging.disable(logging.CRITICAL)
    rows, context = build(actor_set)
    actor_set.path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    packets = args.packets or DEFAULT_PACKETS / actor_set.name
    write_packets(actor_set, rows, context, packets)
    print(
        f"{len(rows)} sentences from {len({r['doc'] for r in rows})} articles -> {actor_set.path}, packets in {packets}"
    )


if __name__ == "__main__":
    main()
