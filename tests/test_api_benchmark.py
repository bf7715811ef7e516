"""A small slice of benchmarks/api.py: the latency comparison and the concurrent load both run."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from api import run_benchmark  # noqa: E402


def test_api_benchmark_slice_runs_without_errors(tmp_path):
    figures = run_benchmark(events=10_000, clients=5, seconds=3, samples=20, folder=tmp_path)
    for name in ("timeline", "events"):
        f = figures["latency"][name]
        assert f["duckdb_p50_ms"] > 0 and f["api_p50_ms"] > 0 and f["ratio_p50"] > 0
        assert f["api_p95_ms"] >= f["api_p50_ms"]
    load = figures["load"]
    assert load["errors"] == 0, load["first_errors"]
    assert load["requests"] > 10 and load["p99_ms"] >= load["p50_ms"]


def test_api_benchmark_heavy_reads_leave_light_reads_fast(tmp_path):
    """The slice of ``--hammer``: clients hammer /alerts?level=actor while / and /events?limit=1 are timed."""
    figures = run_benchmark(
        events=20_000, clients=2, seconds=1, samples=5, folder=tmp_path, hammer_clients=40, hammer_seconds=8
    )
    heavy = figures["heavy_reads"]
    assert heavy["probe"]["failed"] == 0, heavy["probe"]["failures"]
    for path in ("/", "/events?limit=1"):
        assert heavy["probe"][path]["p95_ms"] < 1000, heavy["probe"]
    assert set(heavy["hammer"]["statuses"]) <= {"200", "503"} and "503" in heavy["hammer"]["statuses"]
    assert heavy["hammer"]["retry_after"] == ["2"]
    assert heavy["server_peak_rss_mb"] < 2048
