"""Feeds over HTTP from a real server on 127.0.0.1: conditional polling, linked pages, URL sources."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from eventwire.model import Failure, RawDoc
from eventwire.sources import FeedState, FetchSettings, poll_feed, read_sources
from eventwire.sources.feeds import LOCAL_LINK_REFUSED
from http_support import base_url, local_server

LONG_BODY = "<p>" + "The foreign minister said on Tuesday that talks would resume next week. " * 12 + "</p>"
PAGE = b"<!DOCTYPE html><html><head><title>Linked</title></head><body><p>Linked article text.</p></body></html>"


def rss_item(guid: str, title: str, link: str, content: str | None = None) -> str:
    encoded = f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else ""
    return (
        f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
        f"<pubDate>Tue, 04 Mar 2025 10:00:00 GMT</pubDate>{encoded}</item>"
    )


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel><title>Test Wire</title><link>http://127.0.0.1/</link>{''.join(items)}</channel></rss>"
    ).encode()


class FeedServer:
    """Serves mutable feeds and records the conditional headers it received."""

    def __init__(self) -> None:
        self.feed = rss(rss_item("a", "Full story", "http://127.0.0.1/a", LONG_BODY))
        self.etag = '"v1"'
        self.last_modified = "Tue, 04 Mar 2025 10:00:00 GMT"
        self.seen_headers: list[dict[str, str | None]] = []
        self.pages = {"/articles/b.html": PAGE, "/page.html": PAGE}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        state: FeedServer = self.server.state  # type: ignore[attr-defined]
        if self.path in ("/feed.xml", "/lm-feed.xml"):
            by_etag = self.path == "/feed.xml"
            state.seen_headers.append(
                {"etag": self.headers.get("If-None-Match"), "since": self.headers.get("If-Modified-Since")}
            )
            unchanged = (
                self.headers.get("If-None-Match") == state.etag
                if by_etag
                else self.headers.get("If-Modified-Since") == state.last_modified
            )
            if unchanged:
                self.send_response(304)
                self.end_headers()
                return
            extra = {"ETag": state.etag} if by_etag else {"Last-Modified": state.last_modified}
            self._send(state.feed, "application/rss+xml", extra)
        elif self.path == "/to-local.xml":
            self._send(rss(rss_item("x", "Secrets", "file:///etc/passwd")), "application/rss+xml")
        elif self.path == "/broken.xml":
            self._send(b"<?xml version='1.0'?><rss><channel><ti", "application/rss+xml")
        elif self.path in state.pages:
            self._send(state.pages[self.path], "text/html; charset=utf-8")
        else:
            self.send_response(404)
            self.end_headers()

    def _send(self, body: bytes, content_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, FeedServer]]:
    with local_server(Handler) as httpd:
        httpd.state = FeedServer()  # type: ignore[attr-defined]
        yield base_url(httpd), httpd.state  # type: ignore[attr-defined]


LOCAL = FetchSettings(timeout=5, allow_private=True)


def test_sources_poll_feed_with_etag(server: tuple[str, FeedServer]) -> None:
    base, state = server
    items, feed_state = poll_feed(f"{base}/feed.xml", None, LOCAL)
    assert [type(i).__name__ for i in items] == ["RawDoc"]
    assert items[0].metadata["title"] == "Full story"
    assert feed_state.etag == '"v1"' and feed_state.seen_ids == {"a"} and feed_state.checked_at

    items, feed_state = poll_feed(f"{base}/feed.xml", feed_state, LOCAL)
    assert items == []
    assert state.seen_headers[-1]["etag"] == '"v1"'

    state.feed = rss(
        rss_item("b", "Linked story", "articles/b.html"),
        rss_item("a", "Full story", "http://127.0.0.1/a", LONG_BODY),
    )
    state.etag = '"v2"'
    items, feed_state = poll_feed(f"{base}/feed.xml", feed_state, LOCAL)
    assert [i.item for i in items] == [f"{base}/articles/b.html"]
    assert items[0].content == PAGE and items[0].metadata["title"] == "Linked story"
    assert feed_state.seen_ids == {"a", "b"} and feed_state.etag == '"v2"'


def test_sources_poll_feed_with_last_modified(server: tuple[str, FeedServer]) -> None:
    base, state = server
    items, feed_state = poll_feed(f"{base}/lm-feed.xml", None, LOCAL)
    assert len(items) == 1 and feed_state.last_modified == state.last_modified and feed_state.etag is None
    items, feed_state = poll_feed(f"{base}/lm-feed.xml", feed_state, LOCAL)
    assert items == [] and state.seen_headers[-1]["since"] == state.last_modified

    # Unchanged validators but a new item the server shows anyway: only the unseen item returns.
    state.feed = rss(rss_item("c", "Third", "http://127.0.0.1/c", LONG_BODY), rss_item("a", "Full", "x", LONG_BODY))
    state.last_modified = "Wed, 05 Mar 2025 10:00:00 GMT"
    items, feed_state = poll_feed(f"{base}/lm-feed.xml", feed_state, LOCAL)
    assert [i.metadata["feed_entry_id"] for i in items] == ["c"]


def test_sources_poll_feed_failed_items_are_retried(server: tuple[str, FeedServer]) -> None:
    base, state = server
    state.feed = rss(rss_item("gone", "Missing page", "articles/missing.html"))
    items, feed_state = poll_feed(f"{base}/feed.xml", None, LOCAL)
    assert isinstance(items[0], Failure) and items[0].reason == "HTTP 404 Not Found"
    assert feed_state.seen_ids == set() and feed_state.etag is None
    state.pages["/articles/missing.html"] = PAGE
    items, feed_state = poll_feed(f"{base}/feed.xml", feed_state, LOCAL)
    assert isinstance(items[0], RawDoc) and feed_state.seen_ids == {"gone"}


def test_sources_poll_feed_errors(server: tuple[str, FeedServer]) -> None:
    base, _ = server
    items, feed_state = poll_feed(f"{base}/broken.xml", None, LOCAL)
    assert items[0].reason.startswith("malformed feed: ")
    items, _ = poll_feed(f"{base}/feed.xml", None, FetchSettings(timeout=5))
    assert items[0].reason.startswith("refused loopback address")
    (failure,) = poll_feed(f"{base}/to-local.xml", None, LOCAL)[0]
    assert failure.reason == LOCAL_LINK_REFUSED


def test_sources_feed_state_round_trips_through_json() -> None:
    state = FeedState("https://x.example/feed", '"e"', "Tue, 04 Mar 2025 10:00:00 GMT", {"b", "a"})
    data = json.loads(json.dumps(state.to_dict()))
    assert data["seen_ids"] == ["a", "b"]
    assert FeedState.from_dict(data) == state


def test_sources_read_urls(server: tuple[str, FeedServer], tmp_path: Path) -> None:
    base, _ = server
    (page,) = read_sources([f"{base}/page.html"], fetch=LOCAL)
    assert (page.kind, page.url, page.content) == ("html", f"{base}/page.html", PAGE)
    feed_items = list(read_sources([f"{base}/feed.xml"], fetch=LOCAL))
    assert [d.item for d in feed_items] == [f"{base}/feed.xml#item-1"]
    (refused,) = read_sources([f"{base}/page.html"])
    assert refused.reason.startswith("refused loopback address")
    url_list = tmp_path / "urls.txt"
    url_list.write_text(f"# morning reads\n{base}/page.html\n\n{base}/missing\n")
    docs = list(read_sources([str(url_list)], kind="url", fetch=LOCAL))
    assert [(type(d).__name__, d.item) for d in docs] == [
        ("RawDoc", f"{base}/page.html"),
        ("Failure", f"{base}/missing"),
    ]


def test_sources_local_feed_fetches_http_links(server: tuple[str, FeedServer], tmp_path: Path) -> None:
    base, _ = server
    (tmp_path / "local.html").write_bytes(PAGE)
    feed = tmp_path / "mixed.rss"
    feed.write_bytes(
        rss(
            rss_item("1", "Remote", f"{base}/articles/b.html"),
            rss_item("2", "Local", "local.html"),
            rss_item("3", "Gone", "nowhere.html"),
            rss_item("4", "Mail", "mailto:desk@example.org"),
            rss_item("5", "By file URL", (tmp_path / "other.txt").as_uri()),
        )
    )
    (tmp_path / "other.txt").write_text("Other story\n\nText.")
    docs = list(read_sources([str(feed)], fetch=replace(LOCAL, allow_local_links=True)))
    assert [type(d).__name__ for d in docs] == ["RawDoc", "RawDoc", "Failure", "Failure", "RawDoc"]
    assert docs[4].item == str(tmp_path / "other.txt") and docs[4].kind == "text"
    assert docs[0].url == f"{base}/articles/b.html" and docs[1].item == str(tmp_path / "local.html")
    assert docs[2].reason == "no such file" and docs[3].reason.startswith("unsupported link")
