"""Build the news gold-standard corpus (benchmarks/data/news/corpus.jsonl) and the annotation packets.

Sources, all read from the shared folder: PolNeAR train+dev texts (US political news, 2015-16), the
English pages of trafilatura's evaluation set (text as eventwire extracts it), and the seed article.
Texts and sentences are exactly what eventwire stores and sees: plain files go through
``read_sources`` + ``extract_raw`` and pages through ``extract_article`` (see ``gold.document_text``);
sentences are eventwire's spaCy sentences (``load_nlp``, with ``paragraph_boundaries``), minus blank
ones, with trailing whitespace cut, as ``annotate.document`` stores them.

``published``: eventwire's extracted date for pages, the date in the PolNeAR file name, 2024-11-19 for
the seed. Selection, all driven by SEED so the corpus can be rebuilt identically:
1. whole articles: the seed article, WHOLE_POLNEAR PolNeAR and WHOLE_TRAF trafilatura articles drawn
   among short ones (WHOLE_MIN..WHOLE_MAX sentences), redrawn until they total WHOLE_RANGE sentences;
2. random sentences (>= MIN_WORDS words) from the other articles, half per source, up to TOTAL;
   they are drawn blind: never chosen for holding events, so event density is news-like;
3. splits by article (dev/test) so that test holds TEST_SHARE of the sentences, overall and within
   the whole articles, and both splits hold whole articles of both sources.

Run from the repository root: ``python -m benchmarks.news.build_corpus [--packets DIR]``.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks.news.gold import CORPUS_PATH, TRAF_DIR, document_text, page_urls
from eventwire.annotate.parse import load_nlp
from eventwire.extract import extract_article
from eventwire.paths import shared_path

SEED = 20261207
TOTAL = 1250
WHOLE_POLNEAR = 14
WHOLE_TRAF = 15
# Short articles keep the whole-article part at ~600 sentences with 30 articles; under 8 sentences
# a "whole article" is a teaser or a product box, not a story.
WHOLE_MIN, WHOLE_MAX = 8, 30
WHOLE_RANGE = (550, 650)
MIN_WORDS = 5  # random sentences shorter than this are headings, captions or menu crumbs
TEST_SHARE = (0.40, 0.45)
PACKETS = 5
DOUBLE = 250
DOUBLE_MIN_WHOLE = 60
SEED_DOC = "seed"
SEED_PATH = "corpus/seed_article_rvcj.txt"
SEED_PUBLISHED = "2024-11-19"
POLNEAR_SPLITS = ("train", "dev")
POLNEAR_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")  # PolNeAR file names carry the publication date
DEFAULT_PACKETS = Path("/work/annot/packets")

# Rough topic of a trafilatura page: the label whose keywords are densest in title + text; "other"
# under TOPIC_MIN_HITS. PolNeAR is political news throughout; the seed article is about a war.
TOPIC_KEYWORDS = {
    "politics": "election elections president minister parliament government senate congress party vote "
    "voters campaign political policy democrat democrats republican republicans candidate governor mayor",
    "conflict": "war military troops attack attacks killed army missile missiles soldiers militants terror "
    "terrorist bomb ceasefire weapons rebels invasion police shooting",
    "business": "company companies market markets shares economy bank banks investors revenue sales profit "
    "business stock customers price prices billion million industry firm",
    "sport": "match team season league coach game games players championship goal goals cup tournament "
    "football soccer tennis race win won club",
    "entertainment": "film films movie music album song songs actor actress singer star series festival tv "
    "show episode band theatre book novel",
    "science": "research scientists study researchers species climate space university universe planet "
    "disease brain patients cells evolution",
    "technology": "software app apps data internet google apple digital computer users online tech device "
    "devices smartphone code web",
}
# The 50 English pages, labelled by hand from title and text (the keyword guess above only covers
# pages added later): a page's keywords say little when it is a recipe, a game or a policy page.
PAGE_TOPICS = {
    "abc7news.com-Napa": "business", "acpjournals.org.3075": "science", "blog.wordpress.com.diverse": "technology",
    "breakingbelizenews.com-paho": "science", "chocolate.com.pregnant": "other", "corkbeo.ie.level": "politics",
    "d44c5ef50718437984dca47627dee96b": "technology", "dailymail.co.uk.food": "other",
    "denkanstoos.com.2012": "technology", "dw.com.colonial": "politics", "eatwhattonight.com.stir": "other",
    "edition.cnn.com-royal": "entertainment", "foxyfolksy.com.buttercream": "other",
    "github.blog.spiceland": "technology", "gregoryszorc.com.python3": "technology", "harpers.org.justice": "other",
    "hassanchef.com.bhindi": "other", "japantimes.co.jp.surgical": "other", "jis.gov.jm-investment": "business",
    "knowtechie.com.rally": "entertainment", "kxan.com-Voters": "politics", "latimes.com.bloomberg": "politics",
    "link.springer.com.1007": "science", "metrotimes.com-Mezcal": "other", "nationnews.com-tridents": "sport",
    "nextkabinett.wordpress.com.garden": "entertainment", "nymag.com.polarization": "politics",
    "pamelaandersonfoundation.org.yellow": "politics", "pawszilla.com.celine": "entertainment",
    "pcgamer.com.skyrim": "entertainment", "pcmag.com.platters": "technology", "pointofsail-kiel.de.wilson": "sport",
    "reporternewspapers.net-Brookhaven": "other", "security.googleblog.com.protection": "technology",
    "seelenradio.de.leo": "entertainment", "shabka.org.about": "politics", "sibenlab.blogspot.com.privacy": "technology",
    "statisticsglobe.com.ggplot2": "technology", "telegraph.co.uk.plumber": "other", "theguardian.com.academics": "other",
    "theintercept.com-Gaza": "conflict", "thelocal.se.tattooed": "other", "thepostpartumparty.com.nursery": "other",
    "uk.trustpilot.com.reviews": "business", "vice.com.amazon": "science", "viconsortium.com-cocaine": "other",
    "wiki.python.org.Download": "technology", "womencantalksports.com.top10": "sport",
}  # fmt: skip
TOPIC_WORDS = {w: topic for topic, words in TOPIC_KEYWORDS.items() for w in words.split()}
TOPIC_MIN_HITS = 4
WORD = re.compile(r"[a-z]+")


@dataclass(slots=True)
class Doc:
    doc: str
    path: str
    text_kind: str
    source: str  # polnear | traf | seed
    published: str | None
    topic: str
    text: str
    sents: list[tuple[int, int]] = field(default_factory=list)

    def sentence_row(self, i: int, sid: str, whole: bool, split: str) -> dict:
        """The corpus row of sentence ``i``: offsets into the shared text, never the text."""
        start, end = self.sents[i]
        return {"sid": sid, "doc": self.doc, "path": self.path, "text_kind": self.text_kind, "start": start,
                "end": end, "whole": whole, "topic": self.topic, "split": split, "published": self.published}  # fmt: skip

    def sentence_context(self, i: int) -> dict[str, str]:
        """Sentence ``i`` with the sentences around it, as an annotation packet shows them."""
        return {
            "sentence": self.text[slice(*self.sents[i])],
            "context_before": self.text[slice(*self.sents[i - 1])] if i > 0 else "",
            "context_after": self.text[slice(*self.sents[i + 1])] if i + 1 < len(self.sents) else "",
        }


def guess_topic(text: str) -> str:
    """The topic whose keywords occur most often ("other" when none is frequent enough)."""
    hits = Counter(TOPIC_WORDS[w] for w in WORD.findall(text.lower()) if w in TOPIC_WORDS)
    if not hits or hits.most_common(1)[0][1] < TOPIC_MIN_HITS:
        return "other"
    return hits.most_common(1)[0][0]


def polnear_docs() -> list[Doc]:
    docs = []
    for split in POLNEAR_SPLITS:
        for file in sorted(shared_path("gold", "quotes", "polnear", split, "text").glob("*.txt")):
            path = f"gold/quotes/polnear/{split}/text/{file.name}"
            date = POLNEAR_DATE.search(file.name)
            text = document_text(path, "plain")
            docs.append(
                Doc(f"polnear/{split}/{file.stem}", path, "plain", "polnear", date and date.group(1), "politics", text)
            )
    return docs


def traf_docs() -> list[Doc]:
    """English pages only (eventwire's own language guess), text and date as eventwire extracts them."""
    docs = []
    for name, url in sorted(page_urls().items()):
        path = "/".join((*TRAF_DIR, "pages", f"{name}.gz"))
        try:
            article = extract_article(gzip.decompress(shared_path(path).read_bytes()), url)
        except ValueError:  # ExtractionError: a page without main text is no article
            continue
        if article.language != "en":
            continue
        if article.text != document_text(path, "extracted"):
            print(f"skipped {name}: extraction differs between two runs")
            continue
        published = article.published.date().isoformat() if article.published else None
        stem = name.removesuffix(".html")
        topic = PAGE_TOPICS.get(stem) or guess_topic(f"{article.title or ''}\n{article.text}")
        docs.append(Doc(f"traf/{stem}", path, "extracted", "traf", published, topic, article.text))
    return docs


def split_sentences(docs: list[Doc]) -> list:
    """eventwire's sentences: spaCy with paragraph boundaries, blank ones dropped, trailing space cut.
    Returns the parses, for callers that read more of them."""
    nlp = load_nlp()
    parses = list(nlp.pipe((d.text for d in docs), batch_size=32))
    for doc, parsed in zip(docs, parses, strict=True):
        doc.sents = [(s.start_char, s.start_char + len(s.text.rstrip())) for s in parsed.sents if s.text.strip()]
    return parses


def pick_whole(rng: random.Random, docs: list[Doc], seed_doc: Doc) -> list[Doc]:
    """Seed article plus short articles of both sources, redrawn until their sentences total WHOLE_RANGE."""
    short = {
        src: [d for d in docs if d.source == src and WHOLE_MIN <= len(d.sents) <= WHOLE_MAX]
        for src in ("polnear", "traf")
    }
    while True:
        chosen = [seed_doc, *rng.sample(short["polnear"], WHOLE_POLNEAR), *rng.sample(short["traf"], WHOLE_TRAF)]
        if WHOLE_RANGE[0] <= sum(len(d.sents) for d in chosen) <= WHOLE_RANGE[1]:
            return chosen


def pick_random(rng: random.Random, docs: list[Doc], whole: list[Doc], count: int) -> dict[str, list[int]]:
    """``count`` sentences (>= MIN_WORDS words) from articles not annotated whole, half per source."""
    taken = {d.doc for d in whole}
    chosen: dict[str, list[int]] = defaultdict(list)
    for source, n in (("polnear", count // 2), ("traf", count - count // 2)):
        pool = [
            (d.doc, i)
            for d in docs
            if d.source == source and d.doc not in taken
            for i, (s, e) in enumerate(d.sents)
            if len(d.text[s:e].split()) >= MIN_WORDS
        ]
        for doc, i in rng.sample(pool, n):
            chosen[doc].append(i)
    return {doc: sorted(idx) for doc, idx in chosen.items()}


def assign_splits(rng: random.Random, units: list[tuple[Doc, list[int], bool]]) -> dict[str, str]:
    """Doc → dev/test, redrawn until test holds TEST_SHARE overall and of whole articles.

    The seed article stays in dev: it is the project's end-to-end fixture, tuned on already.
    """

    def share(picked: Iterable[tuple[Doc, list[int], bool]], test: set[str]) -> float:
        picked = list(picked)
        return sum(len(i) for d, i, _ in picked if d.doc in test) / sum(len(i) for _, i, _ in picked)

    wholes = [u for u in units if u[2]]
    while True:
        test = {d.doc for d, _, _ in units if d.doc != SEED_DOC and rng.random() < sum(TEST_SHARE) / 2}
        kinds = {(d.doc in test, d.source) for d, _, whole in units if whole}
        if (
            TEST_SHARE[0] <= share(units, test) <= TEST_SHARE[1]
            and TEST_SHARE[0] <= share(wholes, test) <= TEST_SHARE[1]
            and {(t, s) for t in (True, False) for s in ("polnear", "traf")} <= kinds
        ):
            return {d.doc: "test" if d.doc in test else "dev" for d, _, _ in units}


def build(packets_dir: Path | None) -> list[dict]:
    rng = random.Random(SEED)
    seed_doc = Doc(SEED_DOC, SEED_PATH, "plain", "seed", SEED_PUBLISHED, "conflict", document_text(SEED_PATH, "plain"))
    docs = polnear_docs() + traf_docs()
    split_sentences([seed_doc, *docs])
    whole = pick_whole(rng, docs, seed_doc)
    picked = pick_random(rng, docs, whole, TOTAL - sum(len(d.sents) for d in whole))
    by_id = {d.doc: d for d in docs}
    units = [(d, list(range(len(d.sents))), True) for d in whole]
    units += [(by_id[doc], picked[doc], False) for doc in sorted(picked)]
    splits = assign_splits(rng, units)
    rows, context = [], {}
    for d, indices, is_whole in units:
        for i in indices:
            sid = f"n{len(rows) + 1:04d}"
            rows.append(d.sentence_row(i, sid, is_whole, splits[d.doc]))
            context[sid] = d.sentence_context(i) | {"source": d.source}
    if packets_dir:
        write_packets(rng, rows, context, packets_dir)
    return rows


def write_packets(rng: random.Random, rows: list[dict], context: dict[str, dict], out: Path) -> None:
    """PACKETS packets of ~equal size keeping each article together, plus a double-annotation sample."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        groups[row["doc"]].append(row)
    packets: list[list[dict]] = [[] for _ in range(PACKETS)]
    for is_whole in (True, False):  # whole articles spread first, random sentences fill up
        members = [g for g in groups.values() if g[0]["whole"] is is_whole]
        rng.shuffle(members)
        for group in sorted(members, key=len, reverse=True):
            min(packets, key=len).extend(group)
    out.mkdir(parents=True, exist_ok=True)

    def line(row: dict) -> str:
        ctx = context[row["sid"]]
        keep = {k: row[k] for k in ("sid", "doc", "published", "whole")}
        return json.dumps(
            {**keep, **{k: ctx[k] for k in ("sentence", "context_before", "context_after")}}, ensure_ascii=False
        )

    names = {}
    for n, packet in enumerate(packets, 1):
        packet.sort(key=lambda r: r["sid"])
        (out / f"p{n}.jsonl").write_text("".join(line(r) + "\n" for r in packet), encoding="utf-8")
        names.update({r["sid"]: f"p{n}" for r in packet})
    per_packet = [rng.sample(p, DOUBLE // PACKETS) for p in packets]  # same share from every packet
    double = sorted((r for p in per_packet for r in p), key=lambda r: r["sid"])
    n_whole = sum(r["whole"] for r in double)
    assert n_whole >= DOUBLE_MIN_WHOLE, f"double sample holds only {n_whole} whole-article sentences"
    (out / "double.jsonl").write_text("".join(line(r) + "\n" for r in double), encoding="utf-8")
    readme = [
        f"News gold annotation packets (corpus.jsonl built with seed {SEED}; format: /work/annot/FORMAT.md)",
        *(
            f"p{n}.jsonl: {len(p)} sentences, {sum(r['whole'] for r in p)} of them in "
            f"{len({r['doc'] for r in p if r['whole']})} whole articles, "
            f"{len({r['doc'] for r in p if not r['whole']})} other articles"
            for n, p in enumerate(packets, 1)
        ),
        f"double.jsonl: {len(double)} sentences drawn at random, {DOUBLE // PACKETS} from each packet, for a second "
        f"independent annotation ({n_whole} whole-article sentences, whole: true; give them actors too)",
        f"total: {len(rows)} sentences in {len(groups)} articles; "
        f"{sum(r['whole'] for r in rows)} sentences in {len({r['doc'] for r in rows if r['whole']})} whole articles",
    ]
    (out / "README.txt").write_text("\n".join(readme) + "\n", encoding="utf-8")


def report(rows: list[dict]) -> str:
    """Sentence counts (articles in brackets) per split, and per split × source and split × topic."""

    def counts(sel: list[dict], key: str) -> str:
        docs = {r["doc"]: r for r in sel}.values()
        value = (lambda r: r["doc"].split("/", 1)[0]) if key == "source" else (lambda r: r[key])
        n, d = Counter(map(value, sel)), Counter(map(value, docs))
        return ", ".join(f"{k} {n[k]} ({d[k]})" for k in sorted(n))

    whole = [r for r in rows if r["whole"]]
    lines = [f"{len(rows)} sentences, {len({r['doc'] for r in rows})} articles; "
             f"whole: {len(whole)} sentences in {len({r['doc'] for r in whole})} articles"]  # fmt: skip
    for split in ("dev", "test", None):
        sel = [r for r in rows if split in (None, r["split"])]
        name = split or "all"
        w = [r for r in sel if r["whole"]]
        lines.append(f"{name}: {len(sel)} sentences ({len(sel) / len(rows):.1%}), {len({r['doc'] for r in sel})} "
                     f"articles; whole {len(w)} sentences ({len(w) / len(whole):.1%}) in {len({r['doc'] for r in w})}")  # fmt: skip
        for key in ("source", "topic"):
            lines.append(f"  {name} by {key}: {counts(sel, key)}")
            lines.append(f"  {name} whole by {key}: {counts(w, key)}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--packets", type=Path, default=DEFAULT_PACKETS, help="where to write annotation packets")
    parser.add_argument("--no-packets", action="store_true", help="only write corpus.jsonl")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # trafilatura logs every discarded page
    rows = build(None if args.no_packets else args.packets)
    CORPUS_PATH.parent.mkdir(parents=True, exist_ok=True)
    CORPUS_PATH.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    print(report(rows))


if __name__ == "__main__":
    main()
