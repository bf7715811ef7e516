"""Batch inputs given as http(s) URLs: fetched with the fetcher's checks, downloaded once, read like files.

A real HTTP server on 127.0.0.1 serves a gzipped WARC written by the project's generator, plus
broken variants (cut short, too large, redirecting to a metadata address, HTML instead of a WARC).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
import typer
from distributed import Client, LocalCluster
from typer.testing import CliRunner

from benchmarks.synthetic.articles import generate_articles, write_warc
from eventwire.batch.inputs import open_input, walk_inputs
from eventwire.batch.query import query_batch
from eventwire.batch.run import BatchOptions, run_batch
from eventwire.cli.batch import batch_cli
from eventwire.errors import InputError
from eventwire.model import Failure
from eventwire.sources import read_sources
from eventwire.sources.addresses import PRIVATE_HINT
from eventwire.sources.fetch import FetchSettings
from http_support import base_url, local_server

ARTICLES = 6
PARTITION_SIZE = 3
PRIVATE_URL = "http://10.0.0.1/crawl.warc.gz"
# Loopback is allowed for the test server by its address only, so "localhost" is still refused.
ONLY_127 = FetchSettings(timeout=5, allow_hosts=("127.0.0.1",))
ARTICLE_COLUMNS = "id, title, text, url, canonical_url, published, text_hash"


def _reply(handler: BaseHTTPRequestHandler, status: int, body: bytes = b"", **headers: str) -> None:
    handler.send_response(status)
    for name, value in headers.items():
        handler.send_header(name.replace("_", "-"), value)
    handler.end_headers()
    handler.wfile.write(body)


class Handler(BaseHTTPRequestHandler):
    """Serves the archive and its broken variants; counts every request by path."""

    archive = b""
    requests: Counter[str] = Counter()

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.requests[self.path] += 1
        data = self.archive
        if self.path == "/crawl.warc.gz":
            _reply(self, 200, data, Content_Type="application/warc", Content_Length=str(len(data)))
        elif self.path == "/cut.warc.gz":  # the connection drops halfway through the declared body
            _reply(self, 200, data[: len(data) // 2], Content_Length=str(len(data)))
            self.close_connection = True
        elif self.path == "/big.warc.gz":  # no Content-Length: only counting the bytes finds it too large
            _reply(self, 200, data * 3)
            self.close_connection = True
        elif self.path == "/to-metadata.warc.gz":
            _reply(self, 302, Location="http://169.254.169.254/latest/crawl.warc.gz", Content_Length="0")
        elif self.path == "/login.warc.gz":
            page = b"<!DOCTYPE html><html><body><p>Please sign in.</p></body></html>"
            _reply(self, 200, page, Content_Type="text/html", Content_Length=str(len(page)))
        else:
            _reply(self, 404, Content_Length="0")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def warc(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("remote") / "crawl.warc.gz"
    write_warc(path, generate_articles(ARTICLES, seed=33))
    return path


@pytest.fixture(scope="module")
def server(warc) -> Iterator[str]:
    Handler.archive = warc.read_bytes()
    with local_server(Handler) as httpd:
        yield base_url(httpd)


@pytest.fixture(scope="module")
def cluster():
    with (
        LocalCluster(n_workers=1, threads_per_worker=1, processes=True, dashboard_address=None) as local,
        Client(local),
    ):
        yield local


def _options(cluster, warc: Path) -> BatchOptions:
    """The page cap stays far below the archive; the archive cap is just above it."""
    fetch = FetchSettings(timeout=5, allow_hosts=("127.0.0.1",), max_bytes=4096)
    cap = warc.stat().st_size + 1024
    return BatchOptions(PARTITION_SIZE, scheduler=cluster.scheduler_address, fetch=fetch, max_archive_bytes=cap)


@pytest.fixture(scope="module")
def remote_inputs(server) -> list[str]:
    port = server.rsplit(":", 1)[1]
    return [
        f"{server}/crawl.warc.gz",
        PRIVATE_URL,
        f"http://localhost:{port}/crawl.warc.gz",
        f"{server}/cut.warc.gz",
        f"{server}/big.warc.gz",
        f"{server}/to-metadata.warc.gz",
        f"{server}/login.warc.gz",
    ]


@pytest.fixture(scope="module")
def remote_run(cluster, warc, remote_inputs, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("remote-run") / "out"
    summary = run_batch(remote_inputs, str(out), _options(cluster, warc))
    assert summary.status == "complete", summary.errors
    return out


def _articles(out: Path) -> list[tuple]:
    _, rows = query_batch(str(out), f"SELECT item, {ARTICLE_COLUMNS} FROM articles ORDER BY item")
    return [(row[0].rsplit("#", 1)[1], *row[1:]) for row in rows]


def test_batch_remote_warc_url_gives_the_articles_of_the_local_file(cluster, warc, server, remote_run, tmp_path):
    local_out = tmp_path / "local"
    summary = run_batch([str(warc)], str(local_out), _options(cluster, warc))
    assert summary.status == "complete" and summary.counts["articles"] == ARTICLES
    assert _articles(remote_run) == _articles(local_out)
    _, rows = query_batch(str(remote_run), "SELECT DISTINCT item FROM articles")
    assert {r[0].rsplit("#", 1)[0] for r in rows} == {f"{server}/crawl.warc.gz"}, "items are named by the URL"
    manifest = json.loads((remote_run / "manifest.json").read_text())
    modes = [p["mode"] for p in manifest["partitions"] if p["source"] == f"{server}/crawl.warc.gz"]
    assert modes == ["records", "records"], "the download is cut by byte ranges like a local file"
    assert len(list((remote_run / "_downloads").glob("*crawl.warc.gz"))) == 1


def test_batch_remote_refused_and_broken_urls_are_failed_items_with_one_line_reasons(
    warc, server, remote_inputs, remote_run
):
    _, rows = query_batch(str(remote_run), "SELECT item, reason FROM failures ORDER BY item")
    reasons = dict(rows)
    port = server.rsplit(":", 1)[1]
    ingest_reasons = {f.item: f.reason for f in read_sources(remote_inputs[1:3], fetch=ONLY_127)}
    assert reasons[PRIVATE_URL] == ingest_reasons[PRIVATE_URL] == "refused private address: 10.0.0.1" + PRIVATE_HINT
    localhost = f"http://localhost:{port}/crawl.warc.gz"
    assert reasons[localhost] == ingest_reasons[localhost]
    assert reasons[localhost].startswith("refused loopback address: localhost")
    assert reasons[f"{server}/cut.warc.gz"].startswith("connection failed: peer closed connection")
    cap = warc.stat().st_size + 1024
    assert reasons[f"{server}/big.warc.gz"] == f"archive too large: over {cap} bytes"
    assert reasons[f"{server}/to-metadata.warc.gz"] == "refused cloud metadata address: 169.254.169.254"
    assert (
        reasons[f"{server}/login.warc.gz"] == "unusable response: not a WARC or JSON Lines file (the content is html)"
    )
    assert len(reasons) == 6 and all("\n" not in r for r in reasons.values())
    kept = sorted(p.name.split("-", 1)[1] for p in (remote_run / "_downloads").iterdir())
    assert kept == ["crawl.warc.gz", "login.warc.gz"], "only whole downloads are kept, no partial one"
    manifest = json.loads((remote_run / "manifest.json").read_text())
    assert manifest["counts"]["failures"] == 6 and manifest["counts"]["articles"] == ARTICLES


def test_batch_remote_resume_does_not_download_again(cluster, warc, server, remote_inputs, remote_run):
    assert Handler.requests["/crawl.warc.gz"] == 1
    assert Handler.requests["/login.warc.gz"] == 1
    summary = run_batch(remote_inputs, str(remote_run), _options(cluster, warc))
    assert summary.processed == 0 and summary.skipped == summary.partitions
    assert Handler.requests["/crawl.warc.gz"] == 1, "a resumed run fetches nothing"
    (remote_run / "manifest.json").unlink()  # as if the driver died after downloading, before the plan was saved
    summary = run_batch(remote_inputs, str(remote_run), _options(cluster, warc))
    assert summary.status == "complete" and summary.processed == 0
    assert Handler.requests["/crawl.warc.gz"] == 1, "a whole download is not fetched again"
    assert Handler.requests["/cut.warc.gz"] == 2, "a failed download is tried again when planning again"
    assert Handler.requests["/login.warc.gz"] == 1, "a whole download that is no archive fails again unfetched"
    assert summary.counts["articles"] == ARTICLES


def test_batch_remote_cli_exits_1_and_keeps_the_other_inputs(cluster, warc, server, tmp_path):
    app = typer.Typer()
    app.command("batch")(batch_cli)
    app.command("unused")(lambda: None)
    out = tmp_path / "cli"
    loopback = f"{server}/crawl.warc.gz"  # refused: the command allows no private address by default
    args = ["batch", loopback, str(warc), "--out", str(out), "--scheduler", cluster.scheduler_address]
    result = CliRunner().invoke(app, [*args, "--partition-size", str(PARTITION_SIZE), "--json"])
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["status"] == "complete" and summary["counts"]["articles"] == ARTICLES
    assert summary["counts"]["failures"] == 1
    _, rows = query_batch(str(out), "SELECT item, reason FROM failures")
    assert rows == [(loopback, "refused loopback address: 127.0.0.1" + PRIVATE_HINT)]


def test_batch_remote_http_never_goes_through_fsspec(tmp_path):
    with pytest.raises(InputError, match="fetcher"):
        open_input("https://example.org/crawl.warc.gz")
    chained = "simplecache::http://127.0.0.1:9/crawl.warc.gz"
    items = list(walk_inputs([chained], FetchSettings(allow_private=True)))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].item == chained and "fetcher" in items[0].reason


def test_batch_remote_cli_prints_one_error_line_per_failed_item(cluster, warc, server, tmp_path):
    app = typer.Typer()
    app.command("batch")(batch_cli)
    app.command("unused")(lambda: None)
    loopback = f"{server}/crawl.warc.gz"
    args = ["batch", loopback, str(warc), "--out", str(tmp_path / "cli"), "--scheduler", cluster.scheduler_address]
    result = CliRunner().invoke(app, [*args, "--partition-size", str(PARTITION_SIZE), "--quiet"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {loopback}: refused loopback address: 127.0.0.1{PRIVATE_HINT}"]
    assert f"articles {ARTICLES}" in result.output
