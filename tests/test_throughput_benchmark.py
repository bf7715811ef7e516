"""A small slice of the throughput benchmark, so it keeps running."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from throughput import measure  # noqa: E402


def test_throughput_benchmark_slice_reports_all_rates():
    result = measure(8, 1)
    assert result["stored"] == 8 and result["words"] > 1000
    for key in ("bare", "parse", "annotate", "annotate_code", "full_pipeline"):
        assert result[f"{key}_words_per_s"] > 0
        assert result[f"{key}_words_per_cpu_s"] > 0
    for key in ("parse", "annotate", "annotate_code", "full_pipeline"):
        assert 0.05 < result[f"{key}_ratio"] < 5
        assert 0.05 < result[f"{key}_cpu_ratio"] < 5
