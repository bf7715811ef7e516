"""Killing `eventwire ingest` with SIGKILL at random points loses nothing: a re-run completes the store.

A real ``python -m eventwire.cli ingest`` process is killed at several points (during start-up and
migration, while extracting, while a batch is written), each time after a chosen number of writes
to the DuckDB log plus a random delay, then run again; after every kill the database must open
cleanly and hold only whole batches, and after the last run every document is stored exactly once.
Most kills run with ``--no-annotate`` (the write path is the same; the model load would dominate),
one run annotates a 96-article JSONL file, so annotations and events are checked across a kill too.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.synthetic.articles import generate_articles
from eventwire.ingestion import BATCH_SIZE
from eventwire.store.database import Store

DOCUMENTS = 980  # 30 batches of distinct stories: ingest without annotation writes a batch in milliseconds
EXACT_COPIES = 20  # the last files repeat earlier ones word for word, so they must never be stored
ANNOTATED_ARTICLES = 96
RUN_TIMEOUT = 300
# (writes to the database log to wait for, longest random extra delay in seconds): a kill during
# start-up/migration, then later ones; each re-run skips what the killed ones committed, and the
# writes add up to far fewer than the 30 batches (the log is polled, so quick writes may count as
# one), so kills land before the end (on a fast machine a run may still finish within a delay).
PLAIN_KILL_PLAN = ((0, 2.5), (1, 0.05), (2, 0.2), (3, 0.05), (2, 0.2), (1, 0.1))
ANNOTATED_KILL_PLAN = ((1, 1.0),)  # while the second batch is annotated
ANNOTATION_TABLES = ("sentences", "entities", "actor_mentions", "quotes", "timexes", "event_mentions")


def unique_articles(n: int, seed: int) -> list:
    """``n`` generated articles without the generator's syndicated copies (those are near-duplicates)."""
    titles: set[str] = set()
    chosen = []
    for article in generate_articles(4 * n, seed=seed):
        if article.title not in titles:
            titles.add(article.title)
            chosen.append(article)
        if len(chosen) == n:
            return chosen
    raise AssertionError("generator ran out of distinct stories")


def write_text_corpus(folder: Path) -> list[str]:
    """980 text files: 960 distinct stories and 20 exact copies; returns the files that must be stored."""
    folder.mkdir()
    originals = []
    for number, article in enumerate(unique_articles(DOCUMENTS - EXACT_COPIES, seed=7)):
        path = folder / f"doc-{number:03d}.txt"
        path.write_text(f"{article.title}\n\n{article.text}\n", encoding="utf-8")
        originals.append(str(path))
    for copy in range(EXACT_COPIES):
        source = Path(originals[copy * 23])
        (folder / f"doc-{DOCUMENTS - EXACT_COPIES + copy:03d}.txt").write_bytes(source.read_bytes())
    return originals


def _log_state(db: Path) -> tuple[int, int] | None:
    wal = Path(f"{db}.wal")
    try:
        stat = wal.stat()
    except FileNotFoundError:
        return None
    return stat.st_size, stat.st_mtime_ns


def run_and_kill(
    command: list[str], db: Path, writes: int, delay: float, log: Path, after: Callable[[], bool] | None = None
) -> tuple[bool, float]:
    """Start ``command``; SIGKILL it ``delay`` s after its ``writes``-th write to the database log.

    With ``after``, only writes made once ``after()`` holds are counted. Returns whether the
    process was still running when killed, and when (seconds after start).
    """
    started = time.monotonic()
    with log.open("ab") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        seen, last = 0, _log_state(db)
        while seen < writes and process.poll() is None and time.monotonic() - started < RUN_TIMEOUT:
            time.sleep(0.005)
            state = _log_state(db)
            if after is not None and not after():
                last = state
            elif state != last:
                seen, last = seen + 1, state
        time.sleep(delay)
        running = process.poll() is None
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
    return running, time.monotonic() - started


def run_to_end(command: list[str], log: Path) -> subprocess.CompletedProcess:
    with log.open("ab") as err:
        return subprocess.run(command, stdout=subprocess.PIPE, stderr=err, timeout=RUN_TIMEOUT, check=False)


def ingest_command(source: Path, db: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "eventwire.cli", "ingest", str(source), "--db", str(db), "--quiet", *extra]


def scalar(store: Store, sql: str) -> int:
    return store.con.execute(sql).fetchone()[0]


def check_store(db: Path, annotated: bool) -> dict[str, int]:
    """Open the database as the tools do and check that it holds whole, consistent articles."""
    with Store(db) as store:
        counts = store.counts()
        assert scalar(store, "SELECT count(*) - count(DISTINCT id) FROM articles") == 0
        assert scalar(store, "SELECT count(*) - count(DISTINCT text_hash) FROM articles") == 0
        for table in (*ANNOTATION_TABLES, "annotation_runs"):
            orphans = f'SELECT count(*) FROM "{table}" WHERE article_id NOT IN (SELECT id FROM articles)'
            assert scalar(store, orphans) == 0, f"{table} rows without their article"
        unannotated = "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM annotation_runs)"
        if annotated:
            assert scalar(store, unannotated) == 0, "an article stored without its annotations"
            no_sentences = "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article_id FROM sentences)"
            assert scalar(store, no_sentences) == 0
        else:
            assert counts["annotation_runs"] == 0
        assert (
            scalar(store, "SELECT count(*) FROM event_mentions WHERE event_id NOT IN (SELECT event_id FROM events)")
            == 0
        )
        mismatched = (
            "SELECT count(*) FROM events e LEFT JOIN (SELECT event_id, count(*) AS n, count(DISTINCT article_id) AS a "
            "FROM event_mentions GROUP BY event_id) m USING (event_id) "
            "WHERE m.n IS NULL OR e.num_mentions <> m.n OR e.num_articles <> m.a"
        )
        assert scalar(store, mismatched) == 0, "event counts differ from their mentions"
        repeated = 'SELECT count(*) - count(DISTINCT (article_id, start, "end")) FROM sentences'
        assert scalar(store, repeated) == 0, "sentences stored twice"
    return counts


def test_crash_ingest_killed_at_random_points_stores_every_document_once(tmp_path: Path) -> None:
    expected = write_text_corpus(tmp_path / "docs")
    db, log = tmp_path / "store.duckdb", tmp_path / "stderr.log"
    command = ingest_command(tmp_path / "docs", db, "--no-annotate")
    rng = random.Random()
    seed = rng.randrange(10**6)
    rng.seed(seed)
    kills = []
    for writes, longest in PLAIN_KILL_PLAN:
        running, at = run_and_kill(command, db, writes, rng.uniform(0, longest), log)
        if not db.exists():
            kills.append((running, at, 0))
            continue
        stored = check_store(db, annotated=False)["articles"]
        # Whole batches only; the last batch of a finished run may be short.
        assert stored % BATCH_SIZE == 0 or stored == len(expected), f"{stored} articles: a batch was stored in part"
        kills.append((running, at, stored))
    print(f"\nkill points (seed {seed}): " + ", ".join(f"{at:.2f}s/{n} stored" for _, at, n in kills))
    assert sum(running for running, _, _ in kills) >= 5, f"fewer than 5 kills landed mid-run: {kills}"
    # a fast machine may finish a run within a kill's random delay; the kills must still have left a
    # partly written store for a later run to complete
    assert any(0 < n < len(expected) for _, _, n in kills), f"no kill left a partial store: {kills}"

    result = run_to_end([*command, "--json"], log)
    assert result.returncode == 0, log.read_text()
    summary = json.loads(result.stdout)
    assert summary["failed"] == 0
    counts = check_store(db, annotated=False)
    assert counts["articles"] == len(expected)
    assert counts["ingest_failures"] == 0
    with Store(db, read_only=True) as store:
        stored_items = sorted(r[0] for r in store.con.execute("SELECT item FROM articles").fetchall())
    assert stored_items == sorted(expected), "every distinct document exactly once, copies never"

    again = json.loads(run_to_end([*command, "--json"], log).stdout)
    assert again["ingested"] == 0 and again["duplicates"] == DOCUMENTS


def test_crash_ingest_killed_while_annotating_keeps_annotations_whole(tmp_path: Path) -> None:
    corpus = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"url": a.url, "title": a.title, "text": a.text, "published": a.published.isoformat()})
        for a in unique_articles(ANNOTATED_ARTICLES, seed=11)
    ]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    db, log = tmp_path / "store.duckdb", tmp_path / "stderr.log"
    Store(db).close()  # an existing, migrated store: the first write of the run is its first batch
    command = ingest_command(corpus, db)
    rng = random.Random()
    kills = []
    for writes, longest in ANNOTATED_KILL_PLAN:
        running, at = run_and_kill(command, db, writes, rng.uniform(0.2, longest), log)
        stored = check_store(db, annotated=True)["articles"]
        assert stored % BATCH_SIZE == 0
        kills.append((running, at, stored))
    print("\nannotated kill points: " + ", ".join(f"{at:.2f}s/{n} stored" for _, at, n in kills))
    assert all(running and BATCH_SIZE <= n < ANNOTATED_ARTICLES for running, _, n in kills)

    result = run_to_end(command, log)
    assert result.returncode == 0, log.read_text()
    counts = check_store(db, annotated=True)
    assert counts["articles"] == counts["annotation_runs"] == ANNOTATED_ARTICLES
    assert counts["event_mentions"] > 0 and counts["events"] > 0
    with Store(db, read_only=True) as store:
        items = {r[0] for r in store.con.execute("SELECT item FROM articles").fetchall()}
    assert items == {f"{corpus}#L{n}" for n in range(1, ANNOTATED_ARTICLES + 1)}
