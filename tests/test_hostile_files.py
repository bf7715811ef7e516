"""Hostile files end in clean per-item failures (or clean articles) within bounded memory.

Each group of files is ingested by a real ``eventwire ingest`` process whose peak resident memory
is sampled from /proc by a small launcher (see LAUNCHER) and printed; the big inputs are
generated here, in tmp_path, by streaming (never committed, never held whole in the test's
memory). The bounds, from the process peaks
measured here (ingest without the model: ~280 MB for one small file; with the model: ~480 MB):
refusing a hostile input may cost at most ~120 MB over that, well under what holding a 100 MB file
or a 200 MB decompression bomb in memory would take; a stored 9 MB article (its bytes, text,
paragraphs and fingerprint) may take ~320 MB; annotating stays under 1 GB.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from eventwire.store.database import Store
from http_support import base_url, local_server

REFUSING_PEAK_MB = 400
STORING_PEAK_MB = 600
ANNOTATING_PEAK_MB = 1000
RUN_TIMEOUT = 240
MB = 1024 * 1024
BOMB_BYTES = 200 * MB  # decompressed size of each bomb: far past every cap
BIG_LINE_BYTES = 100 * MB
PARAGRAPH = (
    "The foreign ministers of France and Germany met in Paris on Monday to discuss the long-delayed "
    "trade agreement, officials said, and agreed to meet again next month in Berlin."
)


@dataclass(slots=True)
class Measured:
    returncode: int
    stdout: str
    stderr: str
    peak_mb: int
    seconds: float


# A small launcher starts the command and samples its peak resident memory (VmHWM, the kernel's
# high-water mark of the process's own address space, which starts afresh at exec). The rusage
# figure from wait4 would not do: Linux can carry the high-water mark of a large forking process
# (pytest with the model loaded) into its children, so every child would seem at least as large.
LAUNCHER = """
import subprocess, sys, time
child = subprocess.Popen(sys.argv[2:])
peak = 0
while child.poll() is None:
    try:
        with open(f"/proc/{child.pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    peak = max(peak, int(line.split()[1]))
    except OSError:
        pass
    time.sleep(0.02)
with open(sys.argv[1], "w") as out:
    out.write(f"{child.returncode} {peak}")
"""


def run_measured(command: list[str], workdir: Path) -> Measured:
    """Run a command to its end and read its peak resident memory from the kernel."""
    out, err, peak = workdir / "stdout.txt", workdir / "stderr.txt", workdir / "peak.txt"
    started = time.monotonic()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        launcher = [sys.executable, "-c", LAUNCHER, str(peak), *command]
        process = subprocess.Popen(launcher, stdout=stdout, stderr=stderr, start_new_session=True)
        try:
            process.wait(timeout=RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise
    returncode, max_rss_kb = (int(n) for n in peak.read_text().split())
    return Measured(
        returncode,
        out.read_text(encoding="utf-8", errors="replace"),
        err.read_text(encoding="utf-8", errors="replace"),
        max_rss_kb // 1024,
        time.monotonic() - started,
    )


def ingest(source: Path, db: Path, *extra: str) -> Measured:
    command = [sys.executable, "-m", "eventwire.cli", "ingest", str(source), "--db", str(db), "--json", *extra]
    result = run_measured(command, db.parent)
    print(f"\n{source.name}: peak RSS {result.peak_mb} MB in {result.seconds:.1f} s")
    assert result.returncode in (0, 1), result.stderr[-3000:]
    return result


def failures(result: Measured) -> dict[str, str]:
    return {f["item"]: f["reason"] for f in json.loads(result.stdout)["failures"]}


def stored(db: Path, sql: str = "SELECT item, text FROM articles") -> list[tuple]:
    with Store(db, read_only=True) as store:
        return store.con.execute(sql).fetchall()


def write_gzip_stream(path: Path, head: bytes, fill: bytes, size: int, tail: bytes = b"") -> None:
    """A gzip file of ``head`` + ``size`` bytes of ``fill`` + ``tail``, compressed chunk by chunk."""
    chunk = fill * (MB // len(fill))
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    with path.open("wb") as out:
        out.write(compressor.compress(head))
        for _ in range(size // len(chunk)):
            out.write(compressor.compress(chunk))
        out.write(compressor.compress(tail))
        out.write(compressor.flush())


class Recorder(BaseHTTPRequestHandler):
    """Answers everything with a small secret and remembers what was asked."""

    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.requests.append(self.path)
        if self.path == "/bomb.html.gz":
            body = gzip.compress(b"<html><body>" + b"<p>x</p>" * (4 * MB) + b"</body></html>", mtime=0)
            content_type = "application/octet-stream"
        else:
            body, content_type = b"<!ENTITY leak 'SECRET-FROM-SERVER'>", "application/xml-dtd"
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def server() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    handler = type("Handler", (Recorder,), {"requests": requests})
    with local_server(handler) as httpd:
        yield base_url(httpd), requests


def rss(prolog: str, body: str = "&lol9;") -> str:
    return (
        f'<?xml version="1.0"?>\n{prolog}\n<rss version="2.0"><channel><title>News</title>'
        f"<item><title>Item</title><description>{body} {PARAGRAPH * 5}</description></item></channel></rss>\n"
    )


def hostile_feeds(folder: Path, base: str) -> dict[str, str]:
    """Feeds that try entity expansion and external entities; returns file name → expected reason."""
    lols = "".join(f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10))
    feeds = {
        "billion-laughs.rss": rss(f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{lols}]>'),
        "quadratic-blowup.rss": rss(f'<!DOCTYPE rss [<!ENTITY big "{"x" * 100_000}">]>', "&big;" * 10_000),
        "xxe-local-file.rss": rss('<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', "&xxe;"),
        "xxe-http.rss": rss(f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{base}/secret">]>', "&xxe;"),
        "parameter-entity.rss": rss(f'<!DOCTYPE rss [<!ENTITY % dtd SYSTEM "{base}/param.dtd"> %dtd;]>', "&leak;"),
        "external-dtd.rss": rss(f'<!DOCTYPE rss SYSTEM "{base}/external.dtd">', "&leak;"),
    }
    folder.mkdir()
    for name, text in feeds.items():
        (folder / name).write_text(text, encoding="utf-8")
    utf16 = feeds["billion-laughs.rss"].replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    (folder / "billion-laughs-utf16.rss").write_bytes(utf16.encode("utf-16"))
    return {name: "unsafe feed" for name in [*feeds, "billion-laughs-utf16.rss"]}


def test_hostile_feeds_entities_refused_nothing_fetched_or_leaked(tmp_path: Path, server) -> None:
    base, requests = server
    expected = hostile_feeds(tmp_path / "feeds", base)
    db = tmp_path / "store.duckdb"
    result = ingest(tmp_path / "feeds", db, "--no-annotate", "--allow-private")
    reasons = {Path(item).name: reason for item, reason in failures(result).items()}
    for name, reason in expected.items():
        if name == "external-dtd.rss":
            # No entity is declared in the document itself: it may be read, but the DTD is never fetched.
            continue
        assert reason in reasons.get(name, ""), f"{name}: {reasons.get(name)}"
    assert requests == [], "an external entity or DTD was fetched"
    texts = " ".join(text for _, text in stored(db))
    assert "root:" not in texts and "SECRET-FROM-SERVER" not in texts and "lollollol" not in texts
    assert result.peak_mb < REFUSING_PEAK_MB


def test_hostile_compression_bombs_stop_at_the_caps(tmp_path: Path, server) -> None:
    base, requests = server
    folder = tmp_path / "bombs"
    folder.mkdir()
    write_gzip_stream(folder / "bomb.txt.gz", PARAGRAPH.encode() + b"\n\n", b"A", BOMB_BYTES)
    write_gzip_stream(folder / "bomb.html.gz", b"<html><body><p>", b"<p>x</p>", BOMB_BYTES, b"</body></html>")
    write_gzip_stream(folder / "one-line.jsonl.gz", b'{"text": "', b"B", BOMB_BYTES, b'"}\n')
    body_size = BOMB_BYTES
    http_head = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body_size}\r\n\r\n".encode()
    warc_head = (
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/bomb\r\n"
        "WARC-Date: 2024-11-19T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http_head) + body_size}\r\n\r\n"
    ).encode()
    write_gzip_stream(folder / "bomb.warc.gz", warc_head + http_head, b"<p>y</p>", body_size, b"\r\n\r\n")
    db = tmp_path / "store.duckdb"
    result = ingest(folder, db, "--no-annotate")
    reasons = {Path(item.split("#")[0]).name: reason for item, reason in failures(result).items()}
    assert "too large" in reasons["bomb.txt.gz"]
    assert "too large" in reasons["bomb.html.gz"]
    assert "too long" in reasons["one-line.jsonl.gz"]
    assert "too large" in reasons["bomb.warc.gz"]
    assert stored(db) == []
    assert result.peak_mb < REFUSING_PEAK_MB

    url = f"{base}/bomb.html.gz"
    fetched = run_measured(
        [sys.executable, "-m", "eventwire.cli", "ingest", url, "--db", str(tmp_path / "fetched.duckdb"), "--json"]
        + ["--no-annotate", "--allow-private"],
        tmp_path,
    )
    print(f"\n{url}: peak RSS {fetched.peak_mb} MB in {fetched.seconds:.1f} s")
    assert requests == ["/bomb.html.gz"]
    assert "decompressed data too large" in failures(fetched)[url]
    assert fetched.peak_mb < REFUSING_PEAK_MB
