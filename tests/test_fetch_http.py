"""fetch_url against a real HTTP server on 127.0.0.1: redirects, caps, timeouts, charsets."""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler

import pytest

from eventwire.errors import FetchError
from eventwire.sources.fetch import FetchSettings, fetch_url
from http_support import base_url, local_server

PAGE = (
    "<!DOCTYPE html><html><head><meta charset='iso-8859-1'><title>Caf\xe9</title></head>"
    "<body><p>Le caf\xe9 du ministre.</p></body></html>"
).encode("latin-1")

Route = Callable[[BaseHTTPRequestHandler], None]


def reply(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", **headers: str) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    if "Content_Length" not in headers:
        handler.send_header("Content-Length", str(len(body)))
    handler.end_headers()
    handler.wfile.write(body)


def slow(handler: BaseHTTPRequestHandler) -> None:
    time.sleep(3)
    reply(handler, 200, b"late")


def drip(handler: BaseHTTPRequestHandler) -> None:
    """Sends a byte every 0.2 s: each read is quick, the whole response is not."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.end_headers()
    for _ in range(40):
        handler.wfile.write(b"x")
        handler.wfile.flush()
        time.sleep(0.2)


def unsized(handler: BaseHTTPRequestHandler) -> None:
    """A large body without Content-Length (read until close)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/plain")
    handler.send_header("Connection", "close")
    handler.end_headers()
    for _ in range(64):
        handler.wfile.write(b"y" * 4096)
    handler.close_connection = True


ROUTES: dict[str, Route] = {
    "/page.html": lambda h: reply(h, 200, PAGE, Content_Type="text/html", ETag='"v1"'),
    "/utf8": lambda h: reply(h, 200, "Zürich".encode(), Content_Type="text/plain; charset=utf-8"),
    "/undeclared": lambda h: reply(
        h, 200, "Die Außenministerin äußerte sich in Zürich.".encode(), Content_Type="text/plain"
    ),
    "/to-page": lambda h: reply(h, 302, Location="/page.html"),
    "/to-localhost": lambda h: reply(h, 301, Location=f"http://localhost:{h.server.server_port}/page.html"),
    "/to-metadata": lambda h: reply(h, 302, Location="http://169.254.169.254/latest/meta-data/"),
    "/to-file": lambda h: reply(h, 302, Location="file:///etc/passwd"),
    "/to-octal": lambda h: reply(h, 307, Location="http://0177.0.0.1/"),
    "/no-location": lambda h: reply(h, 302),
    "/missing": lambda h: reply(h, 404, b"gone"),
    "/declared-big": lambda h: reply(h, 200, b"z" * 300_000, Content_Type="text/plain"),
    "/unsized-big": unsized,
    "/bomb": lambda h: reply(h, 200, gzip.compress(b"\0" * 5_000_000), Content_Encoding="gzip"),
    "/slow": slow,
    "/drip": drip,
}


def loop_route(handler: BaseHTTPRequestHandler) -> None:
    step = int(handler.path.rsplit("/", 1)[1])
    reply(handler, 302, Location=f"/loop/{step + 1}")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        route = loop_route if self.path.startswith("/loop/") else ROUTES.get(self.path)
        if route is None:
            reply(self, 404)
        else:
            route(self)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with local_server(Handler) as httpd:
        yield base_url(httpd)


LOCAL = FetchSettings(timeout=5, allow_private=True)
ONLY_127 = FetchSettings(timeout=5, allow_hosts=("127.0.0.1",))


def test_fetch_page_from_localhost_when_private_allowed(server: str) -> None:
    result = fetch_url(f"{server}/page.html", LOCAL)
    assert result.status == 200
    assert result.content == PAGE
    assert result.encoding == "iso8859-1"
    assert result.etag == '"v1"'
    assert result.content_type == "text/html"
    assert result.headers["etag"] == '"v1"'


def test_fetch_page_from_localhost_refused_by_default(server: str) -> None:
    with pytest.raises(FetchError, match="refused loopback address"):
        fetch_url(f"{server}/page.html", FetchSettings(timeout=5))


def test_fetch_charset_from_header(server: str) -> None:
    result = fetch_url(f"{server}/utf8", LOCAL)
    assert result.encoding == "utf-8"
    assert result.content.decode(result.encoding) == "Zürich"


def test_fetch_charset_detected_when_undeclared(server: str) -> None:
    result = fetch_url(f"{server}/undeclared", LOCAL)
    assert result.encoding is not None
    assert result.content.decode(result.encoding) == "Die Außenministerin äußerte sich in Zürich."


def test_fetch_follows_redirect_and_reports_final_url(server: str) -> None:
    result = fetch_url(f"{server}/to-page", LOCAL)
    assert result.url == f"{server}/page.html"
    assert result.redirects == [f"{server}/to-page"]
    assert result.content == PAGE


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/to-localhost", "refused loopback address: localhost"),
        ("/to-metadata", "cloud metadata address"),
        ("/to-file", "unsupported URL scheme 'file'"),
        ("/to-octal", "refused redirect: .*0177.0.0.1"),
    ],
)
def test_fetch_checks_every_redirect_hop(server: str, path: str, reason: str) -> None:
    # The first hop is allowed by name; where the redirect points is checked again.
    with pytest.raises(FetchError, match=reason):
        fetch_url(f"{server}{path}", ONLY_127)


def test_fetch_allowed_host_still_reachable(server: str) -> None:
    assert fetch_url(f"{server}/page.html", ONLY_127).status == 200


def test_fetch_redirect_cap(server: str) -> None:
    with pytest.raises(FetchError, match=r"too many redirects \(more than 3\)"):
        fetch_url(f"{server}/loop/0", FetchSettings(timeout=5, allow_private=True, max_redirects=3))
    result = fetch_url(f"{server}/to-page", FetchSettings(timeout=5, allow_private=True, max_redirects=1))
    assert result.status == 200


def test_fetch_redirect_without_location(server: str) -> None:
    with pytest.raises(FetchError, match="without a Location"):
        fetch_url(f"{server}/no-location", LOCAL)


def test_fetch_http_error_status(server: str) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as caught:
        fetch_url(f"{server}/missing", LOCAL)
    assert caught.value.status == 404


@pytest.mark.parametrize(("path", "reason"), [("/declared-big", "Content-Length"), ("/unsized-big", "over 100000")])
def test_fetch_size_cap(server: str, path: str, reason: str) -> None:
    settings = FetchSettings(timeout=5, allow_private=True, max_bytes=100_000)
    with pytest.raises(FetchError, match=reason):
        fetch_url(f"{server}{path}", settings)
    assert len(fetch_url(f"{server}{path}", LOCAL).content) > 100_000


def test_fetch_decompression_cap(server: str) -> None:
    settings = FetchSettings(timeout=5, allow_private=True, max_decompressed=1_000_000)
    with pytest.raises(FetchError, match="decompressed"):
        fetch_url(f"{server}/bomb", settings)


def test_fetch_timeout_on_slow_server(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 0.5 s"):
        fetch_url(f"{server}/slow", FetchSettings(timeout=0.5, allow_private=True))
    assert time.monotonic() - started < 2.5


def test_fetch_total_deadline_on_dripping_server(server: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchError, match="timed out after 1 s"):
        fetch_url(f"{server}/drip", FetchSettings(timeout=1, allow_private=True))
    assert time.monotonic() - started < 3


def test_fetch_connection_refused_is_a_fetch_error() -> None:
    with pytest.raises(FetchError, match="connection failed"):
        fetch_url("http://127.0.0.1:9/", FetchSettings(timeout=2, allow_private=True))
