"""Throughput: eventwire's annotation and its full pipeline against bare spaCy on the same texts.

Prints words per second for bare ``nlp.pipe`` (the model exactly as shipped), for eventwire's own
parse (the same model with paragraph-aware sentences and the indexed attribute ruler), for ``analyze_many`` (parse + actors, quotes,
times; and with event coding), and for the full pipeline (extract → annotate → code → store in a
fresh DuckDB file), each as a ratio to bare spaCy at the same number of processes, measured in
the same run on articles from the project's sample-article generator. Ratios are given for wall
clock time and for CPU time (this process and its worker processes): on a shared machine the CPU
figures are the stable ones, on a quiet one the two agree.

    python benchmarks/throughput.py --articles 300 --processes 1 2 --repeat 3
    python benchmarks/throughput.py --texts news --articles 120 --processes 1   # real news texts

``--texts news`` reads the news gold standard's documents (benchmarks/data/news/corpus.jsonl, the
texts re-derived from ../shared by benchmarks/news/gold.py) instead of generated articles.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

import spacy

from eventwire.annotate.parse import load_nlp, model_name
from eventwire.extract import extract_raw
from eventwire.ingestion import IngestOptions, ingest_raw
from eventwire.model import RawDoc
from eventwire.pipeline import DEFAULT_STAGES, PipelineConfig, analyze_many
from eventwire.store.database import Store

# Run as `python benchmarks/throughput.py` only benchmarks/ is on the path: add the repository root,
# where `benchmarks.synthetic` lives.
if str(Path(__file__).resolve().parents[1]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.synthetic.articles import generate_articles  # noqa: E402

STAGE_NAMES = {
    "bare": "bare nlp.pipe",
    "parse": "eventwire parse",
    "annotate": "annotate",
    "annotate_code": "annotate + code",
    "full_pipeline": "full pipeline+store",
}


def make_raws(n: int, seed: int = 7) -> list[RawDoc]:
    return [
        RawDoc(item=a.url, content=a.html.encode("utf-8"), kind="html", url=a.url)
        for a in generate_articles(n, seed=seed)
    ]


def news_raws(n: int) -> list[RawDoc]:
    """The first ``n`` documents of the news gold standard, as plain texts."""
    from benchmarks.news.gold import CORPUS_PATH, document_text

    keys: dict[tuple[str, str], None] = {}
    for line in CORPUS_PATH.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        keys.setdefault((row["path"], row["text_kind"]), None)
    return [
        RawDoc(item=f"news:{path}", content=document_text(path, kind).encode("utf-8"), kind="text")
        for path, kind in list(keys)[:n]
    ]


def _rate(words: int, seconds: float) -> float:
    return words / seconds if seconds > 0 else float("inf")


def measure(n_articles: int, processes: int, repeat: int = 1, texts_from: str = "generated") -> dict:
    """All rates at one process count; texts are the extracted article texts.

    With ``repeat`` > 1 every stage runs that many times, interleaved with the others, and its
    fastest run counts: on a shared machine that is the run least disturbed by other work.
    """
    raws = news_raws(n_articles) if texts_from == "news" else make_raws(n_articles)
    texts = [extract_raw(r).text for r in raws]
    words = sum(len(t.split()) for t in texts)
    stock, nlp = spacy.load(model_name()), load_nlp()
    for model in (stock, nlp):  # warm caches (model, dictionaries, lexicon) outside the timings
        list(model.pipe(texts[:8]))
    list(analyze_many((t, None) for t in texts[:2]))
    without_events = PipelineConfig(stages=tuple(s for s in DEFAULT_STAGES if s != "events"))

    def parse(model) -> None:
        for _ in model.pipe(texts, batch_size=32, n_process=processes):
            pass

    def annotate(code: bool) -> None:
        config = None if code else without_events
        for _ in analyze_many(((t, None) for t in texts), n_process=processes, config=config):
            pass

    stored = []

    def full() -> None:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.duckdb")
            stored.append(ingest_raw(iter(raws), store, IngestOptions(n_process=processes)).ingested)
            store.close()

    stages = {
        "bare": lambda: parse(stock),
        "parse": lambda: parse(nlp),
        "annotate": lambda: annotate(False),
        "annotate_code": lambda: annotate(True),
        "full_pipeline": full,
    }
    best = dict.fromkeys(stages, float("inf"))
    best_cpu = dict.fromkeys(stages, float("inf"))
    for _ in range(repeat):
        for label, run in stages.items():
            t0, c0 = time.perf_counter(), _cpu_seconds()
            run()
            best[label] = min(best[label], time.perf_counter() - t0)
            best_cpu[label] = min(best_cpu[label], _cpu_seconds() - c0)
    rates = {label: _rate(words, seconds) for label, seconds in best.items()}
    cpu_rates = {label: _rate(words, seconds) for label, seconds in best_cpu.items()}
    result = {"processes": processes, "articles": n_articles, "stored": stored[-1], "words": words, "repeat": repeat}
    for label, rate in rates.items():
        result[f"{label}_words_per_s"] = round(rate)
        result[f"{label}_words_per_cpu_s"] = round(cpu_rates[label])
        if label != "bare":
            result[f"{label}_ratio"] = round(rate / rates["bare"], 3)
            result[f"{label}_cpu_ratio"] = round(cpu_rates[label] / cpu_rates["bare"], 3)
    return result


def _cpu_seconds() -> float:
    """CPU time of this process and of its finished children (the worker processes of a stage)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=3, help="runs per stage; the fastest counts")
    parser.add_argument("--texts", choices=("generated", "news"), default="generated", help="article texts to time")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = [measure(args.articles, p, args.repeat, args.texts) for p in args.processes]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for r in results:
        print(f"processes={r['processes']} articles={r['articles']} words={r['words']} best of {r['repeat']}")
        print(f"  {'':20} {'words/s':>8}  {'ratio':>5}   {'words/CPU-s':>11}  {'ratio':>5}")
        for label, name in STAGE_NAMES.items():
            ratio = f"{r[label + '_ratio']:5.2f}" if label != "bare" else "    -"
            cpu_ratio = f"{r[label + '_cpu_ratio']:5.2f}" if label != "bare" else "    -"
            print(
                f"  {name:20} {r[label + '_words_per_s']:>8}  {ratio}   {r[label + '_words_per_cpu_s']:>11}  {cpu_ratio}"
            )


if __name__ == "__main__":
    main()
