"""The bounded load test with writes: 50 clients for 30 s on loopback while POST /ingest stores 100
generated documents, with zero 5xx, every distinct document stored exactly once and each syndicated
copy linked as a duplicate (benchmarks/api.py --ingest-during)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from api import run_benchmark  # noqa: E402

DOCUMENTS = 100


def test_api_load_while_ingesting_has_no_server_errors_and_loses_no_document(tmp_path):
    figures = run_benchmark(events=10_000, clients=50, seconds=30, samples=10, folder=tmp_path, ingest_during=DOCUMENTS)
    load = figures["load"]
    assert load["clients"] == 50 and load["seconds"] >= 29
    assert load["server_errors"] == 0 and load["errors"] == 0, load["first_errors"]
    assert load["requests"] > 50 and load["p99_ms"] >= load["p50_ms"]
    ingest = figures["ingest"]
    assert ingest["errors"] == 0 and ingest["server_errors"] == 0, ingest["first_errors"]
    assert ingest["documents_submitted"] == DOCUMENTS
    assert ingest["jobs_finished"] == DOCUMENTS and ingest["jobs_failed"] == 0
    distinct = ingest["distinct_documents"]
    assert 0 < distinct <= DOCUMENTS
    assert ingest["documents_stored"] == distinct == ingest["distinct_article_ids"]
    assert ingest["duplicates"] == DOCUMENTS - distinct
    assert ingest["lost_documents"] == 0
