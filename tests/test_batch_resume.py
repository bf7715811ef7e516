"""Resuming: kill the driver with SIGKILL mid-run, then a worker, and still get every article exactly once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil

from benchmarks.synthetic.articles import generate_articles, write_warc
from eventwire.batch.query import query_batch
from eventwire.batch.run import BatchOptions, run_batch
from eventwire.sources.fetch import FetchSettings
from eventwire.sources.warc import read_warc

ARTICLES = 32
PARTITION_SIZE = 4
DRIVER = "import typer; from eventwire.cli.batch import batch_cli; typer.run(batch_cli)"
WAIT_SECONDS = 240
CLI_MAX_BYTES = 10_000_000  # the command's default, which a resumed run must repeat


def _markers(out: Path) -> int:
    return len(list((out / "_partitions").glob("*.json"))) if (out / "_partitions").is_dir() else 0


def _kill_tree(process: subprocess.Popen) -> None:
    """SIGKILL the driver and the cluster processes it started, by pid."""
    try:
        children = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        children = []
    process.kill()
    for child in children:
        try:
            child.kill()
        except psutil.NoSuchProcess:
            continue
    process.wait(timeout=30)
    psutil.wait_procs(children, timeout=30)


def test_batch_resume_after_killed_driver_and_worker_writes_each_article_once(tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    write_warc(warc, generate_articles(ARTICLES, seed=21))
    out = tmp_path / "out"
    command = [sys.executable, "-c", DRIVER, str(warc), "--out", str(out), "--workers", "2"]
    command += ["--partition-size", str(PARTITION_SIZE), "--quiet"]
    driver = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + WAIT_SECONDS
        while _markers(out) < 2 and driver.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        _kill_tree(driver)
    finished_before_kill = _markers(out)
    manifest = json.loads((out / "manifest.json").read_text())
    partitions = len(manifest["partitions"])
    assert partitions == ARTICLES // PARTITION_SIZE
    assert 2 <= finished_before_kill < partitions, "the driver must die mid-run"
    assert manifest["status"] == "running"

    killed: list[int] = []

    def kill_a_worker_once(outcome, partition, detail):
        if outcome == "done" and not killed:
            killed.append(detail["worker_pid"])
            os.kill(detail["worker_pid"], signal.SIGKILL)

    options = BatchOptions(PARTITION_SIZE, workers=2, fetch=FetchSettings(max_bytes=CLI_MAX_BYTES))
    summary = run_batch([str(warc)], str(out), options, kill_a_worker_once)
    assert killed, "a worker was killed during the resumed run"
    assert summary.status == "complete", summary.errors
    assert summary.skipped >= finished_before_kill
    assert summary.skipped + summary.processed == partitions

    with warc.open("rb") as stream:
        expected_items = sorted(doc.item for doc in read_warc(stream, str(warc), 10_000_000))
    _, rows = query_batch(str(out), "SELECT item FROM articles ORDER BY item")
    assert sorted(r[0] for r in rows) == expected_items, "every article exactly once"
    _, rows = query_batch(str(out), "SELECT count(*), count(DISTINCT article_id) FROM sentences")
    assert rows[0][1] == ARTICLES
    assert not list(out.rglob("*.tmp"))
    assert json.loads((out / "manifest.json").read_text())["status"] == "complete"
