"""Batch throughput: the full pipeline on a Dask LocalCluster over a generated WARC.

For each worker count it runs a small and a full corpus on fresh worker processes and prints
articles/s and words/s (timed from the end of planning to the last partition, so cluster start and
model loading are excluded; end-to-end seconds are printed too), each worker's peak RSS for both
corpus sizes (it must not grow with the corpus), the scaling ratio between worker counts, and the
ratio of batch words/s to bare ``nlp.pipe`` on the same extracted texts, measured in the same run.
On a shared machine, ``cpu_share`` says how much of its cores a run got and ``articles_per_cpu_s``
the throughput per CPU-second, which competing processes do not change.

    nice python benchmarks/batch.py                      # 2,000 articles, 1 and 2 workers
    python benchmarks/batch.py --articles 40 --small 20 --workers 2 --partition-size 10
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import spacy

from eventwire.annotate.parse import model_name
from eventwire.batch.query import query_batch
from eventwire.batch.run import BatchOptions, run_batch

# Run as `python benchmarks/batch.py` only benchmarks/ is on the path: add the repository root,
# where `benchmarks.synthetic` lives.
if str(Path(__file__).resolve().parents[1]) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from benchmarks.synthetic.articles import generate_articles, write_warc  # noqa: E402

SEED = 11
# The goal for two workers on two otherwise idle cores.
SCALING_GOAL = 1.7


def build_corpus(path: Path, articles: int, seed: int = SEED) -> Path:
    write_warc(path, generate_articles(articles, seed=seed))
    return path


class _Timer:
    """Progress callback noting when planning ended and when the last partition finished."""

    def __init__(self) -> None:
        self.planned = self.finished = time.perf_counter()

    def __call__(self, outcome: str, partition: Any, detail: dict[str, Any]) -> None:
        if outcome == "planned":
            self.planned = time.perf_counter()
        else:
            self.finished = time.perf_counter()


def run_once(warc: Path, out: Path, workers: int, partition_size: int) -> dict[str, Any]:
    """One batch run; rates over the processing phase, peak RSS per worker process."""
    timer = _Timer()
    started = time.perf_counter()
    summary = run_batch([str(warc)], str(out), BatchOptions(partition_size, workers=workers), timer)
    manifest = json.loads((out / "manifest.json").read_text())
    results = [p["result"] for p in manifest["partitions"]]
    rss: dict[int, float] = {}
    for result in results:
        rss[result["worker_pid"]] = max(rss.get(result["worker_pid"], 0.0), result["peak_rss_mb"])
    seconds = max(timer.finished - timer.planned, 1e-9)
    articles, words = summary.counts.get("articles", 0), sum(r["words"] for r in results)
    cpu_seconds = sum(r["cpu_seconds"] for r in results)
    return {
        "articles": articles,
        "words": words,
        "partitions": summary.partitions,
        "seconds": round(seconds, 2),
        "end_to_end_seconds": round(time.perf_counter() - started, 2),
        "articles_per_s": round(articles / seconds, 2),
        "words_per_s": round(words / seconds),
        "peak_rss_mb": sorted(rss.values()),
        # How much of its cores the run actually got: below 1 when other processes compete.
        "cpu_share": round(cpu_seconds / (seconds * workers), 3),
        "articles_per_cpu_s": round(articles / max(cpu_seconds, 1e-9), 2),
        "words_per_cpu_s": round(words / max(cpu_seconds, 1e-9)),
    }


def bare_spacy_rates(texts: list[str]) -> tuple[float, float]:
    """Words per second and per CPU-second of bare ``nlp.pipe`` (one process, the model as shipped)."""
    nlp = spacy.load(model_name())
    list(nlp.pipe(texts[:8]))
    words = sum(len(t.split()) for t in texts)
    started, cpu_started = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return words / max(wall, 1e-9), words / max(cpu, 1e-9)


def measure(
    articles: int = 2000,
    small: int | None = 500,
    workers: Sequence[int] = (1, 2),
    partition_size: int = 100,
    workdir: Path | None = None,
) -> dict[str, Any]:
    """Every figure of the benchmark, as a dict (see the module docstring)."""
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        root = Path(tmp)
        corpus = {"full": build_corpus(root / "full.warc.gz", articles)}
        if small:
            corpus["small"] = build_corpus(root / "small.warc.gz", small)
        runs: dict[int, dict[str, Any]] = {}
        for count in workers:
            # A fresh cluster per run, so each worker's peak RSS is that run's own.
            runs[count] = {
                size_name: run_once(warc, root / f"out-{count}-{size_name}", count, partition_size)
                for size_name, warc in corpus.items()
            }
        last = root / f"out-{workers[-1]}-full"
        _, rows = query_batch(str(last), "SELECT text FROM articles ORDER BY partition, seq")
        bare, bare_cpu = bare_spacy_rates([r[0] for r in rows])
    report: dict[str, Any] = {"articles": articles, "small": small, "partition_size": partition_size}
    report["bare_nlp_pipe_words_per_s"] = round(bare)
    report["bare_nlp_pipe_words_per_cpu_s"] = round(bare_cpu)
    for count, by_size in runs.items():
        full = by_size["full"]
        report[f"workers_{count}"] = {
            **full,
            "peak_rss_mb_small_corpus": by_size["small"]["peak_rss_mb"] if small else None,
            "words_per_s_per_worker_vs_bare": round(full["words_per_s"] / count / bare, 3),
            "words_per_cpu_s_vs_bare": round(full["words_per_cpu_s"] / bare_cpu, 3),
        }
    if len(workers) >= 2:
        low, high = workers[0], workers[-1]
        report["scaling_ratio"] = round(runs[high]["full"]["articles_per_s"] / runs[low]["full"]["articles_per_s"], 3)
        if (low, high) == (1, 2):
            report["scaling_goal"] = SCALING_GOAL
    return report


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="articles in the full corpus")
    parser.add_argument("--small", type=int, default=500, help="articles in the small corpus (peak RSS check)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="worker counts to measure")
    parser.add_argument("--partition-size", type=int, default=100)
    args = parser.parse_args(argv)
    report = measure(args.articles, args.small, args.workers, args.partition_size)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
