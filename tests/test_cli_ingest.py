"""End to end through the command line: ingest the sample corpus, bad input, idempotence, browsing."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.store.database import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

runner = CliRunner()


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("corpus") / "examples.duckdb"
    result = run("ingest", str(EXAMPLES), "--allow-local-links", "--db", str(db), "--quiet", "--json")
    assert result.exit_code == 0, result.output
    return db


def _counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


def test_cli_ingest_sample_corpus_stores_every_story_once(corpus_db):
    counts = _counts(corpus_db)
    assert counts["articles"] >= 12
    assert counts["article_duplicates"] >= 1, "the corpus holds syndicated copies that must be linked"
    assert counts["ingest_failures"] == 0
    assert counts["annotation_runs"] == counts["articles"]
    with Store(corpus_db, read_only=True) as store:
        kinds = store.stats()["by_kind"]
    assert {"feed", "warc", "jsonl", "text"} <= set(kinds)


def test_cli_ingest_twice_changes_no_count(corpus_db):
    before = _counts(corpus_db)
    result = run("ingest", str(EXAMPLES), "--allow-local-links", "--db", str(corpus_db), "--quiet", "--json")
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert summary["ingested"] == 0 and summary["failed"] == 0 and summary["duplicates"] > 0
    assert _counts(corpus_db) == before


def test_cli_articles_show_stats_json(corpus_db):
    rows = json.loads(run("articles", "--db", str(corpus_db), "--json", "--limit", "100").stdout)
    assert len(rows) >= 12 and all(r["title"] for r in rows)
    shown = json.loads(run("show", rows[0]["id"][:10], "--db", str(corpus_db), "--json").stdout)
    assert shown["id"] == rows[0]["id"] and shown["text"]
    for mention in shown["annotations"]["actor_mentions"]:
        assert shown["text"][mention["start"] : mention["end"]] == mention["text"]
    stats = json.loads(run("stats", "--db", str(corpus_db), "--json").stdout)
    assert stats["counts"]["articles"] == len(rows)
    searched = json.loads(run("articles", "--db", str(corpus_db), "--json", "--search", "zzzz-nothing").stdout)
    assert searched == []


def test_cli_ingest_bad_items_fail_alone_and_set_exit_code(tmp_path, seed_text):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "good.txt").write_text(seed_text, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.html").write_bytes(bytes(range(256)) * 40)
    (folder / "truncated.txt.gz").write_bytes(gzip.compress(seed_text.encode())[:200])
    (folder / "broken.rss").write_text("<?xml version='1.0'?><rss><channel><item><title>x</ti", encoding="utf-8")
    db = tmp_path / "mixed.duckdb"
    result = run("ingest", str(folder), "--db", str(db), "--quiet")
    assert result.exit_code == 1
    error_lines = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(error_lines) == 3, result.output
    for name in ("empty.txt", "truncated.txt.gz", "broken.rss"):
        assert any(name in line for line in error_lines), (name, error_lines)
    # Files that are not text are summed up in one line; -v lists them.
    assert "1 skipped: not text; -v lists them (recorded in ingest_failures)" in result.output
    counts = _counts(db)
    assert counts["articles"] == 1 and counts["ingest_failures"] == 4
    again = run("ingest", str(folder), "--db", str(db), "--quiet")
    assert again.exit_code == 1
    assert _counts(db) == counts


def test_cli_ingest_stdin_and_exit_status_in_a_real_process(tmp_path, seed_text):
    db = tmp_path / "stdin.duckdb"
    cmd = [sys.executable, "-m", "eventwire.cli", "ingest", "-", "--db", str(db), "--quiet", "--json"]
    proc = subprocess.run(cmd, input=seed_text.encode(), capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    assert json.loads(proc.stdout)["ingested"] == 1
    with Store(db, read_only=True) as store:
        row = store.articles()[0]
        article = store.article(row["id"])
    assert article["title"] == "Putin Responds to U.S. Missile Approval with Nuclear Doctrine Overhaul"
    assert "Join WhatsApp" not in article["text"]
