"""Killing `eventwire watch` mid-poll loses nothing: the next round stores each feed item exactly once.

The feed is served from 127.0.0.1 (hence ``--allow-private``) and links to one page per item, so a
poll first fetches every page and then ingests them in batches. The real command is killed with
SIGKILL while it fetches pages and again after it has written a batch, then run for one round to the end.
"""

from __future__ import annotations

import random
import subprocess
import sys
import threading
from collections.abc import Iterator
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from eventwire.ingestion import BATCH_SIZE
from eventwire.store.database import Store
from http_support import base_url, local_server
from test_crash_ingest import check_store, run_and_kill, run_to_end, unique_articles

ITEMS = 64
FEED_ETAG = '"feed-v1"'


class FeedSite:
    """A news site: one RSS feed linking to ``ITEMS`` pages, counting the page requests it answers."""

    def __init__(self) -> None:
        self.articles = unique_articles(ITEMS, seed=5)
        self.pages_served = 0
        self.lock = threading.Lock()
        self.base = ""

    def page_url(self, number: int) -> str:
        return f"{self.base}/news/{number}.html"

    def feed(self) -> bytes:
        items = "".join(
            f"<item><title>{a.title}</title><link>{self.page_url(n)}</link><guid>{self.page_url(n)}</guid>"
            f"<pubDate>{format_datetime(a.published)}</pubDate></item>"
            for n, a in enumerate(self.articles)
        )
        return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>{items}</channel></rss>'.encode()


def make_handler(site: FeedSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            if self.path == "/feed.xml":
                if self.headers.get("If-None-Match") == FEED_ETAG:
                    self.send_response(304)
                    self.end_headers()
                    return
                self.reply(site.feed(), "application/rss+xml", ETag=FEED_ETAG)
            elif self.path.startswith("/news/"):
                with site.lock:
                    site.pages_served += 1
                number = int(self.path.rsplit("/", 1)[1].split(".")[0])
                self.reply(site.articles[number].html.encode(), "text/html; charset=utf-8")
            else:
                self.send_error(404)

        def reply(self, body: bytes, content_type: str, **headers: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    return Handler


@pytest.fixture()
def site() -> Iterator[FeedSite]:
    site = FeedSite()
    with local_server(make_handler(site)) as httpd:
        site.base = base_url(httpd)
        yield site


def kill_while_fetching(command: list[str], site: FeedSite, pages: int, log: Path) -> bool:
    """SIGKILL the poller once it has fetched ``pages`` pages; True when it was still running."""
    with log.open("ab") as err:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        start = site.pages_served
        try:
            while site.pages_served - start < pages and process.poll() is None:
                threading.Event().wait(0.002)
        finally:
            running = process.poll() is None
            process.kill()
            process.wait(timeout=30)
    return running


def test_crash_watch_killed_mid_poll_then_one_round_stores_each_item_once(site: FeedSite, tmp_path: Path) -> None:
    db, log = tmp_path / "store.duckdb", tmp_path / "stderr.log"
    feed = f"{site.base}/feed.xml"
    command = [sys.executable, "-m", "eventwire.cli", "watch", feed, "--db", str(db), "--iterations", "1"]
    command += ["--allow-private", "--no-annotate", "--quiet"]
    rng = random.Random()

    assert kill_while_fetching(command, site, rng.randint(10, ITEMS // 2), log), "killed while fetching pages"
    stored_after = [check_store(db, annotated=False)["articles"]]
    for writes in (1,):  # the re-run stores one more batch, then dies while extracting the next
        served_before = site.pages_served
        fetched = lambda: site.pages_served - served_before >= ITEMS  # noqa: B023, E731 - read while waiting
        running, _ = run_and_kill(command, db, writes, rng.uniform(0, 0.05), log, after=fetched)
        assert running, "killed while writing batches"
        stored_after.append(check_store(db, annotated=False)["articles"])
    print(f"\nwatch kill points: articles stored at each kill {stored_after}")
    assert stored_after[0] == 0
    assert stored_after == sorted(set(stored_after)) and stored_after[-1] < ITEMS
    assert all(n % BATCH_SIZE == 0 for n in stored_after)
    with Store(db, read_only=True) as store:
        assert store.feed_state(feed) is None, "state is saved only after the round's items are stored"

    result = run_to_end(command, log)
    assert result.returncode == 0, log.read_text()
    assert check_store(db, annotated=False)["articles"] == ITEMS
    with Store(db, read_only=True) as store:
        items = sorted(r[0] for r in store.con.execute("SELECT item FROM articles").fetchall())
        state = store.feed_state(feed)
    assert items == sorted(site.page_url(n) for n in range(ITEMS))
    assert state is not None and state["etag"] == FEED_ETAG and len(state["seen_ids"]) == ITEMS

    served_before = site.pages_served
    assert run_to_end(command, log).returncode == 0
    assert site.pages_served == served_before, "an unchanged feed is not read again"
    assert check_store(db, annotated=False)["articles"] == ITEMS
