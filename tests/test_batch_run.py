"""Batch runs on a real two-worker LocalCluster over the sample corpus: same store as ingest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from eventwire.annotate.parse.nlp import load_nlp
from eventwire.batch.load import load_batch
from eventwire.batch.query import query_batch
from eventwire.batch.run import BatchOptions, run_batch
from eventwire.cli.batch import batch_cli, load_cli, query_cli
from eventwire.errors import ManifestMismatch
from eventwire.ingestion import IngestOptions, ingest
from eventwire.pipeline import annotator_version
from eventwire.sources.fetch import FetchSettings
from eventwire.store.database import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# The example feeds link to the pages beside them, as `make demo` reads them.
LOCAL_LINKS = FetchSettings(allow_local_links=True)
PARTITION_SIZE = 3
# Columns that record when something happened, not what: they differ between any two runs.
CLOCK_COLUMNS = {"ingested", "annotated_at", "seen_at", "first_seen", "last_seen"}
COMPARED_TABLES = (
    "articles",
    "sentences",
    "entities",
    "actor_mentions",
    "quotes",
    "timexes",
    "event_mentions",
    "events",
    "annotation_runs",
    "article_duplicates",
    "ingest_failures",
)


@pytest.fixture(scope="module")
def cluster():
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local,
        Client(local) as client,
    ):
        yield local, client


@pytest.fixture(scope="module")
def batch_out(cluster, tmp_path_factory) -> Path:
    local, _ = cluster
    out = tmp_path_factory.mktemp("batch") / "out"
    summary = run_batch(
        [str(EXAMPLES)], str(out), BatchOptions(PARTITION_SIZE, scheduler=local.scheduler_address, fetch=LOCAL_LINKS)
    )
    assert summary.status == "complete", summary.errors
    return out


def _store_contents(db: Path) -> dict[str, list[dict]]:
    with Store(db, read_only=True) as store:
        contents = {}
        for table in COMPARED_TABLES:
            columns = [r["column_name"] for r in store.query(f"DESCRIBE {table}")]
            kept = ", ".join(f'"{c}"' for c in columns if c not in CLOCK_COLUMNS)
            contents[table] = store.query(f"SELECT {kept} FROM {table} ORDER BY ALL")
        return contents


def test_batch_run_uses_both_workers_and_loads_the_model_once_each(cluster, batch_out):
    _, client = cluster
    manifest = json.loads((batch_out / "manifest.json").read_text())
    assert manifest["status"] == "complete"
    assert manifest["partition_size"] == PARTITION_SIZE
    assert manifest["versions"]["annotator"] == annotator_version()
    results = [p["result"] for p in manifest["partitions"]]
    assert all(p["status"] == "done" for p in manifest["partitions"])
    pids = [r["worker_pid"] for r in results]
    assert len(set(pids)) == 2
    assert len(pids) > len(set(pids)), "a worker ran several partitions"
    loads = client.run(lambda: load_nlp.cache_info().misses)
    assert sorted(loads.values()) == [1, 1]
    assert manifest["counts"]["articles"] >= 12


def test_batch_load_equals_single_process_ingest(batch_out, tmp_path):
    ingested, loaded = tmp_path / "ingest.duckdb", tmp_path / "load.duckdb"
    with Store(ingested) as store:
        ingest([str(EXAMPLES)], store, IngestOptions(fetch=LOCAL_LINKS))
    with Store(loaded) as store:
        summary = load_batch(str(batch_out), store)
    assert summary.duplicates >= 1, "the sample corpus holds syndicated copies"
    want, got = _store_contents(ingested), _store_contents(loaded)
    assert len(want["articles"]) >= 12 and len(want["quotes"]) > 0 and len(want["event_mentions"]) > 0
    for table in COMPARED_TABLES:
        assert got[table] == want[table], table


def test_batch_load_twice_adds_nothing(batch_out, tmp_path):
    db = tmp_path / "twice.duckdb"
    with Store(db) as store:
        first = load_batch(str(batch_out), store)
        counts = store.counts()
        second = load_batch(str(batch_out), store)
        assert second.ingested == 0 and second.duplicates == first.ingested + first.duplicates
        assert store.counts() == counts


def test_batch_query_views_match_the_manifest(batch_out):
    manifest = json.loads((batch_out / "manifest.json").read_text())
    for table, count in manifest["counts"].items():
        _, rows = query_batch(str(batch_out), f"SELECT count(*) FROM {table}")
        assert rows[0][0] == count, table
    columns, rows = query_batch(
        str(batch_out), "SELECT sum(num_mentions), count(*) FROM events WHERE num_mentions >= 1"
    )
    assert rows[0][0] == manifest["counts"]["event_mentions"] and rows[0][1] >= 1
    _, rows = query_batch(
        str(batch_out),
        "SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id "
        "WHERE substr(a.text, q.content_start + 1, q.content_end - q.content_start) <> q.content",
    )
    assert rows[0][0] == 0, "quote offsets point into the article text"


def test_batch_rerun_skips_completed_partitions(cluster, batch_out):
    local, _ = cluster
    before = sorted(p.name for p in (batch_out / "articles").iterdir())
    summary = run_batch(
        [str(EXAMPLES)],
        str(batch_out),
        BatchOptions(PARTITION_SIZE, scheduler=local.scheduler_address, fetch=LOCAL_LINKS),
    )
    assert summary.status == "complete"
    assert summary.processed == 0 and summary.skipped == summary.partitions
    assert sorted(p.name for p in (batch_out / "articles").iterdir()) == before
    with pytest.raises(ManifestMismatch):
        run_batch(
            [str(EXAMPLES)],
            str(batch_out),
            BatchOptions(PARTITION_SIZE + 1, scheduler=local.scheduler_address, fetch=LOCAL_LINKS),
        )


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("batch")(batch_cli)
    app.command("load")(load_cli)
    app.command("query")(query_cli)
    return app


def test_batch_cli_load_and_query(batch_out, tmp_path):
    runner = CliRunner()
    db = tmp_path / "cli.duckdb"
    result = runner.invoke(_app(), ["load", str(batch_out), "--db", str(db), "--json", "--quiet"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ingested"] >= 12
    result = runner.invoke(_app(), ["query", str(batch_out), "SELECT count(DISTINCT id) AS n FROM articles", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["n"] >= 12
    result = runner.invoke(_app(), ["query", str(batch_out), "SELECT * FROM no_such_table"])
    assert result.exit_code == 2
    result = runner.invoke(_app(), ["load", str(tmp_path / "missing"), "--db", str(db)])
    assert result.exit_code == 2
