"""The only network code in eventwire: one hardened HTTP GET.

Every hop (the first request and each redirect) is checked by ``addresses.resolve_host`` and the
connection goes to the checked address, the body is streamed under a size cap and a total deadline,
and failures become ``FetchError`` with a one-line reason the caller can store as a ``Failure``.
``fetch_url`` returns the body in memory; ``download_url`` writes it to a file as it arrives, for
web archives far larger than any page, under the same checks.
"""

from __future__ import annotations

import codecs
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import BinaryIO
from urllib.parse import urlsplit

import httpx
from charset_normalizer import from_bytes

from eventwire.errors import FetchError, UnsafeAddressError
from eventwire.sources.addresses import ALLOWED_SCHEMES, refuse_ambiguous_host, resolve_host

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# Where in a document a charset declaration may appear: the HTML spec tells parsers to look for
# <meta charset> within the first 1024 bytes; a little slack covers sloppy pages.
CHARSET_SNIFF_BYTES = 4096
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
HEADER_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)

# Reads a response's body (after the hop's checks) before the deadline; returns what it kept in memory.
BodyReader = Callable[[httpx.Response, float], bytes]

ACCEPT = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """Limits for one fetch. The defaults suit news pages: a 10 MB page is already absurd."""

    timeout: float = 15.0  # seconds, for connect, each read, and the whole request
    max_bytes: int = 10 * 1024 * 1024  # bytes on the wire
    max_decompressed: int = 30 * 1024 * 1024  # bytes after Content-Encoding (gzip bombs)
    max_redirects: int = 5
    allow_private: bool = False  # allow loopback/private targets everywhere (intranet crawls)
    # Hosts, spelled as in URLs, that may be private even when allow_private is False: one known
    # intranet feed server should not open the whole local network.
    allow_hosts: tuple[str, ...] = ()
    # Let a local feed's item links name files on this machine. Off by default: a feed is web
    # content, and a link such as /etc/passwd would otherwise be read and stored as an article.
    allow_local_links: bool = False
    user_agent: str = "eventwire/0.1 (+https://github.com/eventwire)"


@dataclass(slots=True)
class FetchResult:
    """A fetched response. ``url`` is the final URL after redirects; ``headers`` keys are lower-case."""

    status: int
    url: str
    headers: dict[str, str]
    content: bytes
    encoding: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower-case ('' when absent)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def check_url(url: str, settings: FetchSettings) -> tuple[httpx.URL, str]:
    """Parse and vet ``url``; return it and the checked IP address to connect to.

    Raises:
        FetchError: unsupported scheme, malformed URL or a refused host.
    """
    try:
        # Checked before httpx parses the URL so odd spellings get the same clear refusal everywhere.
        refuse_ambiguous_host(urlsplit(url).hostname or "")
    except UnsafeAddressError as exc:
        raise FetchError(str(exc)) from exc
    except ValueError as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}") from exc
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError) as exc:
        raise FetchError(f"invalid URL {url!r}: {exc}") from exc
    if parsed.scheme not in ALLOWED_SCHEMES:
        raise FetchError(f"unsupported URL scheme {parsed.scheme!r} (only http and https)")
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    try:
        host = parsed.raw_host.decode("ascii")
        allow_private = settings.allow_private or host.lower() in {h.lower() for h in settings.allow_hosts}
        resolved = resolve_host(host, port, allow_private=allow_private)
    except UnsafeAddressError as exc:
        raise FetchError(str(exc)) from exc
    return parsed, str(resolved.addresses[0])


def guess_encoding(content: bytes, content_type_header: str | None) -> str | None:
    """The document's charset: HTTP header, then <meta>/XML declaration, then statistical detection."""
    candidates: list[str] = []
    if content_type_header:
        match = HEADER_CHARSET.search(content_type_header)
        if match:
            candidates.append(match.group(1))
    head = content[:CHARSET_SNIFF_BYTES]
    for pattern in (XML_ENCODING, META_CHARSET):
        match = pattern.search(head)
        if match:
            candidates.append(match.group(1).decode("ascii", "ignore"))
    for name in candidates:
        try:
            return codecs.lookup(name).name
        except LookupError:
            continue
    if not content:
        return None
    best = from_bytes(content[: 64 * 1024]).best()
    return best.encoding if best else None


def _stream_body(response: httpx.Response, settings: FetchSettings, deadline: float) -> bytes:
    """Read the body, aborting as soon as a cap or the deadline is passed."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise FetchError(f"response too large: Content-Length {declared} > {settings.max_bytes} bytes")
    chunks: list[bytes] = []
    total = 0
    for chunk in response.iter_bytes():
        total += len(chunk)
        if response.num_bytes_downloaded > settings.max_bytes:
            raise FetchError(f"response too large: over {settings.max_bytes} bytes")
        if total > settings.max_decompressed:
            raise FetchError(f"response too large: over {settings.max_decompressed} bytes decompressed")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {settings.timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def _write_body(
    response: httpx.Response, sink: BinaryIO, limit: int, deadline: float, total: float, what: str
) -> bytes:
    """Write the body to ``sink`` as it arrives, aborting as soon as ``limit`` or the deadline is passed."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(f"{what} too large: Content-Length {declared} > {limit} bytes")
    written = 0
    for chunk in response.iter_bytes():
        written += len(chunk)
        if response.num_bytes_downloaded > limit or written > limit:
            raise FetchError(f"{what} too large: over {limit} bytes")
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {total:g} s")
        sink.write(chunk)
    return b""


def _one_hop(
    client: httpx.Client,
    url: str,
    settings: FetchSettings,
    headers: dict[str, str],
    deadline: float,
    read_body: BodyReader | None = None,
) -> tuple[httpx.Response, bytes, httpx.URL]:
    """Check ``url``, connect to the checked address, and return response, body and parsed URL."""
    parsed, address = check_url(url, settings)
    pinned = parsed.copy_with(host=address)
    hop_headers = {**headers, "Host": parsed.netloc.decode("ascii")}
    extensions = {"sni_hostname": parsed.raw_host.decode("ascii")} if parsed.scheme == "https" else {}
    request = client.build_request("GET", pinned, headers=hop_headers, extensions=extensions)
    response = client.send(request, stream=True)
    try:
        if response.status_code in REDIRECT_STATUSES or response.status_code == 304:
            return response, b"", parsed
        if response.status_code >= 400:
            raise FetchError(
                f"HTTP {response.status_code} {response.reason_phrase}".strip(), status=response.status_code
            )
        body = read_body(response, deadline) if read_body else _stream_body(response, settings, deadline)
        return response, body, parsed
    finally:
        response.close()


@contextmanager
def _closed_at(client: httpx.Client, deadline: float) -> Iterator[None]:
    """Close ``client`` at ``deadline``: httpx times each read, not the whole exchange, so a server
    dripping its headers a byte at a time would otherwise hold a fetch for hours."""
    watchdog = threading.Timer(max(deadline - time.monotonic(), 0), client.close)
    watchdog.daemon = True
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()


def fetch_url(url: str, settings: FetchSettings, headers: dict | None = None) -> FetchResult:
    """GET ``url`` safely, following redirects by hand so every hop is checked.

    Args:
        url: an http(s) URL.
        settings: limits and the private-address switch.
        headers: extra request headers (e.g. If-None-Match, If-Modified-Since).
    Returns:
        FetchResult; a 304 Not Modified comes back with status 304 and empty content.
    Raises:
        FetchError: refused address or scheme, HTTP status >= 400, too many redirects, size cap,
            timeout, or a connection/protocol error.
    """
    result = _get(url, settings, headers, settings.timeout, None)
    if result.content:
        result.encoding = guess_encoding(result.content, result.headers.get("content-type"))
    return result


def download_url(
    url: str, sink: BinaryIO, settings: FetchSettings, max_bytes: int, total_timeout: float, what: str = "response"
) -> FetchResult:
    """GET ``url`` with every check of ``fetch_url``, writing the body to ``sink`` as it arrives.

    For bodies too large to hold in memory (web archives), so the caps are the caller's:
    ``max_bytes`` bounds both the bytes on the wire and the bytes written, ``total_timeout`` the
    whole exchange; ``settings.timeout`` still bounds connecting and each read, and
    ``settings.max_redirects`` and the private-address switches apply to every hop. ``what``
    names the body in the size errors ("archive too large: …").

    Returns:
        FetchResult with empty ``content`` (the body is in ``sink``).
    Raises:
        FetchError: as ``fetch_url``; ``sink`` may then hold part of the body.
    """

    def write(response: httpx.Response, deadline: float) -> bytes:
        return _write_body(response, sink, max_bytes, deadline, total_timeout, what)

    return _get(url, settings, None, total_timeout, write)


def _get(
    url: str, settings: FetchSettings, headers: dict | None, total_timeout: float, read_body: BodyReader | None
) -> FetchResult:
    """Follow redirects hop by hop under one deadline; ``read_body`` reads the final body."""
    request_headers = {"User-Agent": settings.user_agent, "Accept": ACCEPT, **(headers or {})}
    deadline = time.monotonic() + total_timeout
    redirects: list[str] = []
    current = url
    timeout = httpx.Timeout(settings.timeout)
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=False, trust_env=False) as client,
            _closed_at(client, deadline),
        ):
            while True:
                response, body, parsed = _one_hop(client, current, settings, request_headers, deadline, read_body)
                location = response.headers.get("location")
                if response.status_code not in REDIRECT_STATUSES:
                    break
                if not location:
                    raise FetchError(f"HTTP {response.status_code} redirect without a Location header")
                if len(redirects) >= settings.max_redirects:
                    raise FetchError(f"too many redirects (more than {settings.max_redirects})")
                redirects.append(current)
                current = str(parsed.join(location))
    except httpx.TimeoutException as exc:
        raise FetchError(f"timed out after {settings.timeout:g} s ({type(exc).__name__})") from exc
    except httpx.InvalidURL as exc:  # httpx parses a redirect's Location while reading the response
        raise FetchError(f"refused redirect: {str(exc).splitlines()[0]}") from exc
    except (httpx.HTTPError, RuntimeError) as exc:
        if time.monotonic() >= deadline:  # the watchdog closed the client: httpx reports a closed stream
            raise FetchError(f"timed out after {total_timeout:g} s") from exc
        if not isinstance(exc, httpx.HTTPError):
            raise
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if "location header" in reason.lower():
            # httpx already rejected the redirect target while building the next request.
            raise FetchError(f"refused redirect: {reason}") from exc
        raise FetchError(f"connection failed: {reason}") from exc
    response_headers = {k.lower(): v for k, v in response.headers.items()}
    return FetchResult(
        status=response.status_code,
        url=current,
        headers=response_headers,
        content=body,
        etag=response_headers.get("etag"),
        last_modified=response_headers.get("last-modified"),
        redirects=redirects,
    )
