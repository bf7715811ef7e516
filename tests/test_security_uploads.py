"""Uploaded and fetched feeds are untrusted web content: their links never read the server's disk.

A feed uploaded to POST /ingest whose items link to /etc/passwd, file:///…, ../../etc/hostname or
/proc/self/status used to be read and stored; the failures also told whether a path existed.
"""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from typer.testing import CliRunner

from eventwire.api.server import serve_in_background
from eventwire.api.settings import ServerSettings
from eventwire.cli import app
from eventwire.model import Failure
from eventwire.sources import FetchSettings, read_sources
from eventwire.sources.feeds import LOCAL_LINK_REFUSED

TOKEN = "upload-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
LOCAL_LINKS = [
    "/etc/passwd",
    "file:///etc/passwd",
    "../../../../etc/hostname",
    "/proc/self/status",
    "/no/such/file/anywhere.html",
    "file:///no/such/file.html",
    "story.html",
]


def hostile_feed(links: list[str]) -> bytes:
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


def test_uploaded_feed_links_to_local_files_are_refused_alike_and_nothing_is_stored(tmp_path: Path) -> None:
    settings = ServerSettings(db=tmp_path / "up.duckdb", token=TOKEN, annotate=False)
    with serve_in_background(settings) as url:
        r = httpx.post(
            url + "/ingest",
            files={"file": ("feed.xml", hostile_feed(LOCAL_LINKS), "application/rss+xml")},
            params={"wait": "true"},
            headers=AUTH,
            timeout=60,
        )
        assert r.status_code == 200, r.text
        job = r.json()
        result = job["result"]
        assert result["ingested"] == 0 and result["failed"] == len(LOCAL_LINKS)
        # One reason for every link: existing files and missing ones cannot be told apart.
        assert {f["reason"] for f in result["failures"]} == {LOCAL_LINK_REFUSED}
        assert [f["item"] for f in result["failures"]] == [f"upload:feed.xml#item-{i}" for i in range(1, 8)]
        answer = json.dumps(job)
        assert "eventwire-upload-" not in answer and "/tmp" not in answer and "root:" not in answer
        assert httpx.get(url + "/articles").json()["total"] == 0
        status = httpx.get(url + f"/ingest/{job['id']}").json()
        assert "/tmp" not in json.dumps(status)


def test_upload_failures_name_the_upload_not_a_server_path(tmp_path: Path) -> None:
    settings = ServerSettings(db=tmp_path / "up.duckdb", token=TOKEN, annotate=False)
    with serve_in_background(settings) as url:
        r = httpx.post(
            url + "/ingest",
            files={"file": ("../../evil name.html", b"\x00\x01\x02binary", "text/html")},
            params={"wait": "true"},
            headers=AUTH,
            timeout=60,
        )
        result = r.json()["result"]
        assert result["failed"] == 1 and result["failures"][0]["item"] == "upload:evil_name.html"
        assert "/tmp" not in r.text and "eventwire-upload-" not in r.text


def test_local_feed_on_the_command_line_needs_the_flag_for_local_links(tmp_path: Path) -> None:
    (tmp_path / "story.html").write_text(
        "<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>"
        "<p>Negotiators from both sides met in Geneva on Monday to resume the stalled talks.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    feed = tmp_path / "feed.rss"
    feed.write_bytes(hostile_feed(["story.html", "/etc/passwd"]))
    refused = list(read_sources([str(feed)]))
    assert all(isinstance(d, Failure) and d.reason == LOCAL_LINK_REFUSED for d in refused) and len(refused) == 2
    allowed = list(read_sources([str(feed)], fetch=FetchSettings(allow_local_links=True)))
    assert not isinstance(allowed[0], Failure) and allowed[0].item == str(tmp_path / "story.html")

    db = tmp_path / "cli.duckdb"
    runner = CliRunner()
    without = runner.invoke(app, ["ingest", str(feed), "--db", str(db), "--no-annotate", "-q", "--json"])
    assert without.exit_code == 1, "refused links are failures"
    assert json.loads(without.stdout) | {"failures": None} == json.loads(without.stdout) | {
        "ingested": 0,
        "failed": 2,
        "failures": None,
    }
    feed.write_bytes(hostile_feed(["story.html"]))
    flagged = runner.invoke(
        app, ["ingest", str(feed), "--allow-local-links", "--db", str(db), "--no-annotate", "-q", "--json"]
    )
    assert flagged.exit_code == 0 and json.loads(flagged.stdout)["ingested"] == 1
