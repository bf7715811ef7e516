"""`eventwire annotate` (idempotent re-annotation) and `eventwire watch` (conditional GET polling)."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.pipeline import analyze, analyze_many
from eventwire.store.database import Store

runner = CliRunner()
EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


def test_cli_annotate_fills_missing_then_is_idempotent(tmp_path):
    db = tmp_path / "a.duckdb"
    texts = sorted(EXAMPLES.glob("text/*.txt"))
    assert texts
    result = runner.invoke(app, ["ingest", *map(str, texts), "--db", str(db), "--no-annotate", "-q"])
    assert result.exit_code == 0, result.output
    assert _counts(db)["annotation_runs"] == 0
    first = runner.invoke(app, ["annotate", "--db", str(db), "-q"])
    assert first.exit_code == 0 and f"annotated {len(texts)}" in first.output
    counts = _counts(db)
    assert counts["annotation_runs"] == counts["articles"] == len(texts)
    assert counts["actor_mentions"] > 0 and counts["sentences"] > 0
    second = runner.invoke(app, ["annotate", "--db", str(db), "-q"])
    assert "annotated 0" in second.output
    again = runner.invoke(app, ["annotate", "--all", "--db", str(db), "-q"])
    assert f"annotated {len(texts)}" in again.output
    assert _counts(db) == counts


STORY = (
    "<p>The defence ministers of Norland and Sudova met in Vienna on Monday and agreed to reopen a "
    "military hotline, officials said. Sudova's foreign minister said the talks were constructive and "
    "that a second round would follow next month. Norland accused Sudova last week of moving troops "
    "toward the border, a charge Sudova denied.</p>"
)


class FeedServer:
    """An RSS feed on 127.0.0.1 that honours ETag/If-None-Match and can grow new items."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self.requests: list[tuple[str, int]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                etag = f'"v{len(server.items)}"'
                if self.headers.get("If-None-Match") == etag:
                    server.requests.append((self.path, 304))
                    self.send_response(304)
                    self.end_headers()
                    return
                body = server.render().encode()
                server.requests.append((self.path, 200))
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", etag)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.xml"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def render(self) -> str:
        date = format_datetime(datetime(2025, 3, 3, 9, 0, tzinfo=UTC))
        entries = "".join(
            f"<item><title>Story {n}</title><guid>story-{n}</guid><pubDate>{date}</pubDate>"
            f"<description><![CDATA[{body}]]></description></item>"
            for n, body in enumerate(self.items)
        )
        return f"<?xml version='1.0'?><rss version='2.0'><channel><title>Test</title>{entries}</channel></rss>"


@pytest.fixture()
def feed_server():
    server = FeedServer()
    yield server
    server.httpd.shutdown()


def test_cli_watch_stores_only_new_items_with_conditional_get(tmp_path, feed_server):
    db = tmp_path / "w.duckdb"
    feed_server.items.append(STORY * 3)
    args = ["watch", feed_server.url, "--db", str(db), "--allow-private", "--every", "1s", "--no-annotate"]
    first = runner.invoke(app, [*args, "--iterations", "2"])
    assert first.exit_code == 0, first.output
    assert _counts(db)["articles"] == 1
    assert [status for _, status in feed_server.requests] == [200, 304]
    feed_server.items.append(STORY.replace("Vienna", "Geneva").replace("Monday", "Friday") * 2 + "<p>New talks.</p>")
    second = runner.invoke(app, [*args, "--iterations", "1"])
    assert second.exit_code == 0, second.output
    counts = _counts(db)
    assert counts["articles"] + counts["article_duplicates"] == 2
    with Store(db, read_only=True) as store:
        state = store.feed_state(feed_server.url)
    assert state["etag"] == '"v2"' and len(state["seen_ids"]) == 2


def test_analyze_many_in_two_processes_matches_one(seed_text):
    texts = [(seed_text, datetime(2024, 11, 19)), (seed_text.split("\n\n", 3)[-1], None)]
    one = [json.dumps(d.to_dict(), sort_keys=True) for d in analyze_many(texts, n_process=1)]
    two = [json.dumps(d.to_dict(), sort_keys=True) for d in analyze_many(texts, n_process=2)]
    assert one == two
    doc = analyze(seed_text, published=datetime(2024, 11, 19))
    for item in [*doc.entities, *doc.actors, *doc.timexes]:
        assert seed_text[item.start : item.end] == item.text
