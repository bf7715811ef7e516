"""Killing `eventwire batch` and then `eventwire load` with SIGKILL loses nothing once each is re-run.

tests/test_batch_resume.py kills the driver (started through typer) and one worker and checks
the Parquet output. Here the real ``python -m eventwire.cli batch`` is killed with its whole
process tree at a random point after a partition is finished, re-run to the end, and loaded
into DuckDB by ``eventwire load``, which is itself killed after its first write and re-run; the
store must then hold every article once, each with its annotations and consistent events.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from pathlib import Path

import psutil

from benchmarks.synthetic.articles import write_warc
from eventwire.sources.warc import read_warc
from eventwire.store.database import Store
from test_crash_ingest import check_store, run_and_kill, run_to_end, unique_articles

ARTICLES = 48  # two store batches for load: it can be killed between them
PARTITION_SIZE = 12
RUN_TIMEOUT = 300


def kill_tree_after_markers(command: list[str], out: Path, markers: int, delay: float, log: Path) -> int:
    """SIGKILL the command and every process it started ``delay`` s after ``markers`` partitions finished."""
    done = out / "_partitions"
    with log.open("ab") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err, start_new_session=True)
        started = time.monotonic()
        count = lambda: len(list(done.glob("*.json"))) if done.is_dir() else 0  # noqa: E731
        while count() < markers and process.poll() is None and time.monotonic() - started < RUN_TIMEOUT:
            time.sleep(0.05)
        time.sleep(delay)
        running = process.poll() is None
        try:
            children = psutil.Process(process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            children = []
        for victim in [process, *children]:
            try:
                victim.kill()
            except psutil.NoSuchProcess:
                continue
        process.wait(timeout=30)
        psutil.wait_procs(children, timeout=30)
    assert running, "the batch run must still be going when it is killed"
    return count()


def test_crash_batch_and_load_killed_then_rerun_store_every_article_once(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, unique_articles(ARTICLES, seed=21))
    out, db, log = tmp_path / "out", tmp_path / "store.duckdb", tmp_path / "stderr.log"
    cli = [sys.executable, "-m", "eventwire.cli"]
    batch = [*cli, "batch", str(warc), "--out", str(out), "--workers", "1", "--partition-size", str(PARTITION_SIZE)]
    batch.append("--quiet")
    rng = random.Random()

    finished = kill_tree_after_markers(batch, out, 1, rng.uniform(0, 1.0), log)
    partitions = ARTICLES // PARTITION_SIZE
    assert 1 <= finished < partitions
    assert json.loads((out / "manifest.json").read_text())["status"] == "running"
    assert run_to_end(batch, log).returncode == 0, log.read_text()[-3000:]

    load = [*cli, "load", str(out), "--db", str(db), "--quiet"]
    Store(db).close()  # an existing store: load's first write is its first batch of articles
    running, at = run_and_kill(load, db, 1, rng.uniform(0, 0.05), log)
    print(f"\nbatch killed after {finished}/{partitions} partitions; load killed at {at:.2f} s")
    assert running, "load must still be going when it is killed"
    assert check_store(db, annotated=True)["articles"] < ARTICLES
    assert run_to_end(load, log).returncode == 0, log.read_text()[-3000:]

    counts = check_store(db, annotated=True)
    with warc.open("rb") as stream:
        expected = sorted(doc.item for doc in read_warc(stream, str(warc), 10_000_000))
    with Store(db, read_only=True) as store:
        items = sorted(r[0] for r in store.con.execute("SELECT item FROM articles").fetchall())
    assert items == expected and counts["annotation_runs"] == ARTICLES
    assert counts["event_mentions"] > 0
