"""Writes through the server: POST /ingest runs the real pipeline, and `serve --watch` polls a feed
served from 127.0.0.1 while concurrent readers hammer the API, without a single lock error."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

import httpx
import pytest

from eventwire.api.settings import ServerSettings
from test_api_server import running_server

TOKEN = "ingest-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}

STORIES = [
    (
        "Border talks resume in Geneva",
        "The foreign ministers of Armenia and Azerbaijan met in Geneva on Monday to resume talks on the border. "
        "Officials said the two delegations agreed to reopen a military hotline and to exchange prisoners. "
        '"We have made real progress," said the Armenian foreign minister after the six-hour meeting. '
        "A second round is planned for next month, according to a joint statement. Observers from the "
        "European Union welcomed the outcome but warned that earlier truces collapsed within weeks.",
    ),
    (
        "Protesters clash with police in Tbilisi",
        "Police in Tbilisi detained dozens of protesters on Tuesday after a rally against a new media law. "
        "Georgia's interior ministry said officers used water cannon when demonstrators tried to enter parliament. "
        "Opposition leaders accused the government of silencing critics and called for new elections. "
        "The European Union urged restraint and said it would review its relations with the government. "
        "Organisers said they would return to the streets on Wednesday evening.",
    ),
    (
        "Sudan ceasefire talks stall in Jeddah",
        "Delegations of Sudan's army and the Rapid Support Forces left Jeddah on Thursday without a deal. "
        "Saudi and American mediators said the two sides had failed to agree on humanitarian corridors. "
        "The United Nations warned that millions of people faced famine if the fighting did not stop. "
        "Aid agencies said trucks carrying food had been blocked at checkpoints near Khartoum for weeks. "
        "The mediators said they hoped to bring the parties back to the table before the end of the month.",
    ),
]


def publish(folder: Path, base: str, stories: list[tuple[str, str]]) -> None:
    """Write an HTML page per story and an RSS feed linking to them (summaries only, so pages are fetched)."""
    now = datetime(2025, 3, 10, 8, tzinfo=UTC)
    items = []
    for i, (title, text) in enumerate(stories):
        page = (
            f"<!doctype html><html><head><title>{escape(title)}</title>"
            f'<meta property="article:published_time" content="{(now + timedelta(hours=i)).isoformat()}"></head>'
            f"<body><nav>Home | World</nav><article><h1>{escape(title)}</h1>"
            + "".join(f"<p>{escape(s.strip())}.</p>" for s in text.split(". ") if s.strip())
            + "</article><footer>Test desk</footer></body></html>"
        )
        (folder / f"story-{i}.html").write_text(page, encoding="utf-8")
        items.append(
            f"<item><title>{escape(title)}</title><guid>story-{i}</guid><link>{base}/story-{i}.html</link>"
            f"<pubDate>{format_datetime(now + timedelta(hours=i))}</pubDate>"
            f"<description>{escape(text[:80])}</description></item>"
        )
    feed = folder / "feed.xml"
    # The static server answers If-Modified-Since at one-second resolution: make every publication
    # at least two seconds newer than the last, or a quick re-publish would be answered 304.
    previous = feed.stat().st_mtime if feed.exists() else 0.0
    feed.write_text(
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test desk</title>'
        f"<link>{base}/</link><description>test</description>{''.join(items)}</channel></rss>",
        encoding="utf-8",
    )
    stamp = max(time.time(), previous + 2)
    os.utime(feed, (stamp, stamp))


@pytest.fixture()
def feed_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A static site on 127.0.0.1: yields its base URL and folder."""
    folder = tmp_path / "site"
    folder.mkdir()
    handler = partial(SimpleHTTPRequestHandler, directory=str(folder))
    handler.log_message = lambda *a, **k: None
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", folder
    finally:
        httpd.shutdown()


def test_post_ingest_runs_the_pipeline_for_pasted_text(tmp_path):
    # Every event, whatever its confidence: the threshold reaches the ingest the server runs.
    settings = ServerSettings(db=tmp_path / "ingest.duckdb", token=TOKEN, min_confidence=0.0)
    title, text = STORIES[0]
    with running_server(settings) as url:
        assert httpx.get(url + "/actors").json() == [] and httpx.get(url + "/events").json()["total"] == 0
        r = httpx.post(
            url + "/ingest", data={"text": text, "title": title}, params={"wait": "true"}, headers=AUTH, timeout=180
        )
        assert r.status_code == 200, r.text
        job = r.json()
        assert job["status"] == "done" and job["result"]["ingested"] == 1, job
        # answers cached before the write are not served after it
        events = httpx.get(url + "/info").json()["events"]
        assert events > 0 and httpx.get(url + "/events").json()["total"] == events
        assert {"ARM", "AZE"} & {a["code"][:3] for a in httpx.get(url + "/actors").json()}
        article_id = job["result"]["article_ids"][0]
        assert httpx.get(url + f"/ingest/{job['id']}").json()["status"] == "done"
        article = httpx.get(url + f"/articles/{article_id}").json()
        assert article["text"].startswith("The foreign ministers") and article["annotations"]["sentences"]
        again = httpx.post(url + "/ingest", data={"text": text}, params={"wait": "true"}, headers=AUTH, timeout=180)
        assert again.json()["result"]["duplicates"] == 1
        upload = httpx.post(
            url + "/ingest",
            files={"file": ("protest.txt", STORIES[1][1].encode(), "text/plain")},
            params={"wait": "true"},
            headers=AUTH,
            timeout=180,
        )
        assert upload.json()["result"]["ingested"] == 1, upload.text
        assert httpx.get(url + "/articles").json()["total"] == 2


def test_watch_ingests_a_local_feed_while_readers_hammer_the_api(tmp_path, feed_server):
    base, folder = feed_server
    feed_url = base + "/feed.xml"
    publish(folder, base, STORIES[:1])
    settings = ServerSettings(db=tmp_path / "watch.duckdb", watch=[feed_url], watch_every=1.0, allow_private_fetch=True)
    statuses: list[int] = []
    errors: list[str] = []
    stop = threading.Event()

    def reader(base: str, n: int) -> None:
        paths = ["/events", "/articles", "/quotes", "/actors", "/info", "/clusters", "/network"]
        with httpx.Client(base_url=base, timeout=30) as client:
            while not stop.is_set():
                path = paths[n % len(paths)]
                n += 1
                try:
                    r = client.get(path)
                    statuses.append(r.status_code)
                    if r.status_code != 200:
                        errors.append(f"{path}: {r.status_code} {r.text[:200]}")
                except httpx.HTTPError as exc:
                    errors.append(f"{path}: {exc!r}")

    def articles(base: str) -> int:
        return httpx.get(base + "/articles").json()["total"]

    def wait_for(base: str, count: int, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while articles(base) < count:
            assert time.monotonic() < deadline, f"watch did not ingest {count} articles in {seconds}s"
            time.sleep(0.3)

    with running_server(settings) as url, ThreadPoolExecutor(4) as pool:
        for n in range(4):
            pool.submit(reader, url, n)
        try:
            wait_for(url, 1)
            publish(folder, base, STORIES)  # two new items appear in the feed
            wait_for(url, 3)
            time.sleep(1.5)  # another poll: nothing new, nothing duplicated
            assert articles(url) == 3
        finally:
            stop.set()
    assert not errors, errors[:5]
    assert len(statuses) > 20 and set(statuses) == {200}
