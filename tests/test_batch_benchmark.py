"""A small slice of the batch benchmark: the figures it prints are measured and consistent."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from batch import measure  # noqa: E402


def test_batch_benchmark_slice_reports_rates_memory_and_the_spacy_ratio(tmp_path):
    report = measure(articles=12, small=None, workers=(1,), partition_size=6, workdir=tmp_path)
    run = report["workers_1"]
    assert run["articles"] == 12 and run["partitions"] == 2
    assert run["articles_per_s"] > 0 and run["words_per_s"] > 0
    assert run["words"] > 12 * 100
    assert 0 < run["cpu_share"] <= 1.1 and run["articles_per_cpu_s"] >= run["articles_per_s"] * 0.9
    assert len(run["peak_rss_mb"]) == 1 and 100 < run["peak_rss_mb"][0] < 4000
    assert report["bare_nlp_pipe_words_per_s"] > run["words_per_s"]
    assert 0 < run["words_per_s_per_worker_vs_bare"] < 1
    assert 0 < run["words_per_cpu_s_vs_bare"] < 1
