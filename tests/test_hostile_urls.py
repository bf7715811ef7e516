"""Hostile URLs beyond tests/test_fetch_*.py: more spellings, redirect hops, links inside feeds, slow servers.

test_fetch_safety.py covers the basic loopback/private/link-local/multicast/metadata literals,
IPv4-mapped/6to4/NAT64 forms and the decimal/octal/hex spellings; test_fetch_http.py the redirect
cap, size and decompression caps and read timeouts. Here: the remaining IPv6 forms, spellings that
parsers disagree on, every hostile form again as a redirect target, the same refusals for links
that arrive inside feeds, URL lists and the API's POST /ingest, and a server that drips its
headers to outlast the deadline.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import httpx
import pytest

from eventwire.api.server import serve_in_background
from eventwire.api.settings import ServerSettings
from eventwire.errors import FetchError
from eventwire.model import Failure, RawDoc
from eventwire.sources import poll_feed, read_sources
from eventwire.sources.feeds import LOCAL_LINK_REFUSED
from eventwire.sources.fetch import FetchSettings, fetch_url
from http_support import base_url, local_server

REFUSED = [
    ("http://[::]/", "unspecified address"),
    ("http://[::1%25eth0]/", "loopback"),
    ("http://[fe80::1%25lo]/", "link-local"),
    ("http://[fc00::1]/", "private address"),
    ("http://[ff02::1]/", "multicast"),
    ("http://[::127.0.0.1]/", "reserved address"),
    ("http://[0:0:0:0:0:ffff:7f00:1]/", "IPv6 form of 127.0.0.1"),
    ("http://[::ffff:192.168.1.1]:8080/", "IPv6 form of 192.168.1.1"),
    ("http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/", "IPv6 form of 127.0.0.1"),  # Teredo
    ("http://[::ffff:a9fe:a9fe]/", "cloud metadata"),
    ("http://169.254.170.2/v2/credentials", "cloud metadata"),
    ("http://100.100.100.200/latest/meta-data/", "cloud metadata"),
    ("http://192.0.0.192/", "cloud metadata"),
    ("http://0/", "ambiguous numeric host"),
    ("http://127.0.0.1./", "ambiguous numeric host"),
    ("http://3232235777/", "ambiguous numeric host"),
    ("http://0300.0250.0.1/", "ambiguous numeric host"),
    ("http://0xC0A80001/", "ambiguous numeric host"),
    ("http://192.168.1/", "ambiguous numeric host"),
    ("http://example.com@127.0.0.1/", "loopback"),
    ("http://127.0.0.1:80#@example.com/", "loopback"),
    ("http://127\u30020\u30020\u30021/", "loopback"),  # ideographic full stops, mapped to dots by IDNA
    ("http://\u2460\u2461\u2466.\u24ea.\u24ea.\u2460/", "invalid URL"),  # circled digits
    ("HTTP://LOCALHOST/", "loopback"),
    ("http://localhost:0/", "loopback"),
]


@pytest.mark.parametrize(("url", "expected"), REFUSED)
def test_hostile_url_refused_before_connecting(url: str, expected: str) -> None:
    with pytest.raises(FetchError) as caught:
        fetch_url(url, FetchSettings(timeout=2))
    assert expected in caught.value.reason
    assert "\n" not in caught.value.reason


# Links urllib cannot even split, next to an item whose full text is in the feed.
BAD_LINKS_FEED = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
    "<item><title>Broken</title><link>http://[::1</link></item>"
    "<item><title>Broken too</title><link>http://[fe80::1%eth0/x</link></item>"
    f"<item><title>Whole</title><link>http://[::2</link><description>{'Ministers met in Paris. ' * 40}</description></item>"
    "</channel></rss>"
)


class Handler(BaseHTTPRequestHandler):
    """Redirects /to?<target> to <target>; serves a feed whose items link to hostile places."""

    def send_feed(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.path.startswith("/to?"):
            self.send_response(302)
            self.send_header("Location", self.path[4:].replace("PORT", str(self.server.server_port)))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/bad-links.xml":
            self.send_feed(BAD_LINKS_FEED.encode())
            return
        if self.path == "/feed.xml":
            links = [
                "file:///etc/passwd",
                "/etc/hostname",
                f"http://localhost:{self.server.server_port}/page",
                "http://169.254.169.254/latest/meta-data/iam/",
                "gopher://127.0.0.1:25/",
            ]
            items = "".join(f"<item><title>Item {n}</title><link>{link}</link></item>" for n, link in enumerate(links))
            self.send_feed(
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()
            )
            return
        self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with local_server(Handler) as httpd:
        yield base_url(httpd)


ONLY_127 = FetchSettings(timeout=5, allow_hosts=("127.0.0.1",))


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("http://[::1]:PORT/", "loopback"),
        ("http://[::ffff:127.0.0.1]:PORT/", "IPv6 form of 127.0.0.1"),
        ("http://2130706433:PORT/", "2130706433"),
        ("http://user@localhost:PORT/", "loopback"),
        ("//169.254.169.254/latest/meta-data/", "cloud metadata"),
        ("http://10.0.0.1/", "private address"),
        ("data:text/html,hello", "refused redirect"),
        ("http://[::1", "refused redirect"),
        ("mailto:x@example.org", "refused redirect"),
        ("gopher://example.org/", "unsupported URL scheme"),
    ],
)
def test_hostile_url_as_redirect_target_refused(server: str, target: str, expected: str) -> None:
    with pytest.raises(FetchError, match=expected):
        fetch_url(f"{server}/to?{target}", ONLY_127)


def test_hostile_links_in_a_local_feed_and_url_list_go_through_the_same_checks(tmp_path: Path) -> None:
    links = ["http://169.254.169.254/latest/meta-data/", "http://[::1]/admin", "http://2130706433/", "ftp://x/y"]
    items = "".join(f"<item><title>Item {n}</title><link>{link}</link></item>" for n, link in enumerate(links))
    feed = tmp_path / "local.rss"
    feed.write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>')
    url_list = tmp_path / "urls.txt"
    url_list.write_text("\n".join(links) + "\n")
    from_feed = list(read_sources([str(feed)], fetch=FetchSettings(timeout=2)))
    from_list = list(read_sources([str(url_list)], kind="url", fetch=FetchSettings(timeout=2)))
    for outcome in (from_feed, from_list):
        assert all(isinstance(doc, Failure) for doc in outcome) and len(outcome) == len(links)
        reasons = " | ".join(doc.reason for doc in outcome)
        for expected in ("cloud metadata", "loopback", "ambiguous numeric host", "ftp"):
            assert expected in reasons


def test_hostile_web_feed_cannot_reach_local_files_or_other_private_hosts(server: str) -> None:
    docs = list(read_sources([f"{server}/feed.xml"], fetch=ONLY_127))
    reasons = [doc.reason for doc in docs if isinstance(doc, Failure)]
    assert not [doc for doc in docs if isinstance(doc, RawDoc)], "nothing from a hostile feed is read"
    assert any(r.endswith(LOCAL_LINK_REFUSED) for r in reasons)
    assert any("HTTP 404" in r for r in reasons), "a relative link resolves against the feed's URL, not the disk"
    assert any("refused loopback address: localhost" in r for r in reasons)
    assert any("cloud metadata" in r for r in reasons)
    assert any("unsupported link" in r for r in reasons)


@pytest.fixture()
def dripping_server() -> Iterator[int]:
    """Sends a response's status line and headers one byte every 0.2 s: each read is quick, the whole is not."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def drip(conn: socket.socket) -> None:
        with conn:
            conn.recv(4096)
            for byte in b"HTTP/1.1 200 OK\r\nX-Padding: " + b"a" * 200 + b"\r\n\r\n":
                if stop.is_set():
                    return
                try:
                    conn.send(bytes([byte]))
                except OSError:
                    return
                time.sleep(0.2)

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=drip, args=(conn,), daemon=True).start()

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    stop.set()
    listener.close()


def test_hostile_server_dripping_headers_is_cut_at_the_deadline(dripping_server: int) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 1 s"):
        fetch_url(f"http://127.0.0.1:{dripping_server}/", FetchSettings(timeout=1, allow_private=True))
    assert time.monotonic() - started < 3, "the whole exchange is bounded, not each read"


def test_hostile_proxy_variables_are_ignored(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy would see every URL and answer in the target's name; the fetcher connects itself.
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, "http://127.0.0.1:9")
    assert fetch_url(f"{server}/feed.xml", ONLY_127).status == 200


def test_hostile_feed_links_that_cannot_be_parsed_fail_alone(server: str) -> None:
    items, state = poll_feed(f"{server}/bad-links.xml", None, ONLY_127)
    failed = [doc for doc in items if isinstance(doc, Failure)]
    assert len(items) == 3 and len(failed) == 2, items
    assert all("invalid link" in doc.reason for doc in failed)
    whole = next(doc for doc in items if isinstance(doc, RawDoc))
    assert whole.url is None and b"Ministers met in Paris" in whole.content
    assert state.seen_ids == {"http://[::2"}, "failed items are tried again on the next poll"
    read = list(read_sources([f"{server}/bad-links.xml"], fetch=ONLY_127))
    assert [type(doc).__name__ for doc in read] == ["Failure", "Failure", "RawDoc"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [("http://169.254.169.254/latest/meta-data/", "cloud metadata"), ("http://[::1]:8000/admin", "loopback")],
)
def test_hostile_url_posted_to_the_api_is_refused_by_the_same_checks(tmp_path: Path, url: str, expected: str) -> None:
    token = "hostile-url-token"
    settings = ServerSettings(db=tmp_path / "api.duckdb", token=token, annotate=False)
    with serve_in_background(settings) as base:
        response = httpx.post(
            f"{base}/ingest",
            data={"url": url},
            params={"wait": "true"},
            headers={"Authorization": f"Bearer {token}"},
            timeout=60,
        )
    assert response.status_code == 200, response.text
    result = response.json()["result"]
    assert result["ingested"] == 0 and result["failed"] == 1
    assert expected in result["failures"][0]["reason"]
