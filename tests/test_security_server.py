"""The server under hostile use: bounded heavy reads, waits that hold no thread, auth before rate limits.

Real uvicorn servers on 127.0.0.1, real DuckDB stores of synthetic events (benchmarks/synthetic).
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from benchmarks.synthetic.events import fill_synthetic_events
from eventwire.api import create_app
from eventwire.api.server import serve_app, serve_in_background
from eventwire.api.settings import ServerSettings
from eventwire.store.database import Store

TOKEN = "security-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture(scope="module")
def events_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("security") / "events.duckdb"
    with Store(path) as store:
        fill_synthetic_events(store, 60_000)
    return path


def test_heavy_reads_over_the_cap_get_503_with_retry_after(events_db: Path) -> None:
    settings = ServerSettings(db=events_db, annotate=False, heavy_requests=1, heavy_wait=0.01)
    with serve_in_background(settings) as url, ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda _: httpx.get(url + "/alerts?level=actor", timeout=120), range(12)))
        codes = [r.status_code for r in answers]
        assert 503 in codes and 200 in codes and set(codes) <= {200, 503}, codes
        busy = next(r for r in answers if r.status_code == 503)
        assert busy.headers["retry-after"].isdigit() and "busy" in busy.json()["detail"]
        assert httpx.get(url + "/events?limit=1").status_code == 200, "light reads are not capped"


def test_alerts_are_limited_and_report_their_total(events_db: Path) -> None:
    with serve_in_background(ServerSettings(db=events_db, annotate=False)) as url:
        r = httpx.get(url + "/alerts", params={"level": "actor", "limit": 5}, timeout=120)
        assert r.status_code == 200 and len(r.json()) == 5
        assert int(r.headers["x-total-count"]) > 5
        assert httpx.get(url + "/alerts", params={"limit": 100_000}).status_code == 422


def test_slow_queries_are_stopped_and_duckdb_memory_is_capped(events_db: Path) -> None:
    store = Store(events_db)
    try:
        settings = ServerSettings(db=events_db, annotate=False, query_timeout=0.01, db_memory_mb=256)
        with serve_in_background(settings, store) as url:
            r = httpx.get(url + "/export", params={"what": "events", "format": "jsonl"}, timeout=120)
            assert r.status_code == 503, r.text[:200]
            assert "longer than 0.01 s" in r.json()["detail"] and r.headers["retry-after"]
            limit = store.con.execute("SELECT current_setting('memory_limit')").fetchone()[0]
            assert limit.startswith(("244", "256")), limit
            assert httpx.get(url + "/").status_code == 200
    finally:
        store.close()


def test_waiting_ingests_hold_no_worker_thread(tmp_path: Path) -> None:
    """60 ``wait=true`` ingests queued behind a blocked writer (more than the 40 worker threads) while
    reads go on answering at once."""
    settings = ServerSettings(db=tmp_path / "w.duckdb", annotate=False, token=TOKEN, ingest_burst=100)
    app = create_app(settings)
    release = threading.Event()
    with serve_app(app) as url, ThreadPoolExecutor(60) as pool:
        app.state.writer.submit("test", "blocked writer", lambda store: {"waited": release.wait(60)})
        waits = [
            pool.submit(
                httpx.post,
                url + "/ingest",
                data={"text": f"Story number {i}. Talks resumed in Geneva on Monday."},
                params={"wait": "true", "timeout": 60},
                headers=AUTH,
                timeout=90,
            )
            for i in range(60)
        ]
        time.sleep(1.0)
        for _ in range(5):
            started = time.perf_counter()
            assert httpx.get(url + "/events?limit=1", timeout=10).status_code == 200
            assert httpx.get(url + "/", timeout=10).status_code == 200
            assert time.perf_counter() - started < 2.0
        release.set()
        results = [w.result() for w in waits]
        assert {r.status_code for r in results} == {200}
        assert sum(r.json()["result"]["ingested"] for r in results) == 60


def test_unauthenticated_posts_cannot_spend_the_token_holders_budget(tmp_path: Path) -> None:
    settings = ServerSettings(db=tmp_path / "r.duckdb", annotate=False, token=TOKEN, ingest_burst=2)
    with serve_in_background(settings) as url:
        for _ in range(10):
            r = httpx.post(url + "/ingest", data={"text": "x"})
            assert r.status_code == 401, "auth is checked before the rate limit"
        r = httpx.post(url + "/ingest", data={"text": "Talks resumed in Geneva."}, headers=AUTH)
        assert r.status_code == 202, r.text


def test_token_holders_are_limited_by_token_not_by_address(tmp_path: Path) -> None:
    settings = ServerSettings(db=tmp_path / "t.duckdb", annotate=False, token=TOKEN, ingest_burst=2)
    with serve_in_background(settings) as url:
        codes = []
        for n, source in enumerate(("127.0.0.1", "127.0.0.2", "127.0.0.3")):
            transport = httpx.HTTPTransport(local_address=source)
            with httpx.Client(transport=transport) as client:
                r = client.post(url + "/ingest", data={"text": f"Story {n} about talks."}, headers=AUTH)
                codes.append(r.status_code)
        assert codes == [202, 202, 429], "a new address is no fresh bucket for the token"
        assert r.headers["retry-after"].isdigit()
