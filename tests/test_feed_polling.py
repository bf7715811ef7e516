"""One feed poll for `eventwire watch` and `serve --watch`, and one list of source kinds.

`watch` and the server's watcher both go through ``pipeline.poll_and_ingest``, so they share the
feed's stored state: a server started on a store that `watch` filled sends the same validators
and ingests only what is new.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.api.server import serve_in_background
from eventwire.api.settings import ServerSettings
from eventwire.cli import app
from eventwire.ingestion import IngestOptions, poll_and_ingest
from eventwire.model import SOURCE_KINDS
from eventwire.sources import read_sources
from eventwire.sources.fetch import FetchSettings
from eventwire.store.database import Store
from test_cli_annotate_watch import STORY, feed_server  # noqa: F401 - fixture

runner = CliRunner()
SECOND = (
    "<p>Flooding along the Dravin river forced thousands of families in Kessel province to leave their "
    "homes on Thursday, the regional governor said. Rescue crews used boats to reach villages cut off by "
    "the water, and the army opened two barracks as shelters. Forecasters expect more rain this week.</p>"
) * 4


def _articles(db: Path) -> int:
    with Store(db, read_only=True) as store:
        return store.counts()["articles"]


def test_poll_and_ingest_stores_new_items_once_and_remembers_the_feed(tmp_path, feed_server):  # noqa: F811
    feed_server.items.append(STORY * 3)
    options = IngestOptions(annotate=False, fetch=FetchSettings(allow_private=True))
    with Store(tmp_path / "p.duckdb") as store:
        first = poll_and_ingest(feed_server.url, store, options)
        again = poll_and_ingest(feed_server.url, store, options)
        state = store.feed_state(feed_server.url)
    assert (first.ingested, again.ingested, again.duplicates) == (1, 0, 0)
    assert [status for _, status in feed_server.requests] == [200, 304]
    assert state["etag"] == '"v1"' and state["seen_ids"] == ["story-0"] and state["checked_at"] is not None


def test_cli_watch_and_the_servers_watcher_share_one_feed_state(tmp_path, feed_server):  # noqa: F811
    db = tmp_path / "w.duckdb"
    feed_server.items.append(STORY * 3)
    args = ["watch", feed_server.url, "--db", str(db), "--allow-private", "--no-annotate", "--iterations", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert _articles(db) == 1
    feed_server.items.append(SECOND)
    settings = ServerSettings(db=db, watch=[feed_server.url], watch_every=0.2, allow_private_fetch=True, annotate=False)
    with serve_in_background(settings):
        deadline = time.monotonic() + 30
        while len(feed_server.requests) < 3:  # the CLI's poll, the server's first and one more
            assert time.monotonic() < deadline, feed_server.requests
            time.sleep(0.05)
    assert [status for _, status in feed_server.requests[:3]] == [200, 200, 304]
    with Store(db, read_only=True) as store:
        counts = store.counts()
        state = store.feed_state(feed_server.url)
    assert counts["articles"] == 2 and counts["article_duplicates"] == 0
    assert state["etag"] == '"v2"' and sorted(state["seen_ids"]) == ["story-0", "story-1"]


def test_every_kind_option_takes_the_one_list_of_source_kinds(tmp_path):
    listed = ", ".join(SOURCE_KINDS)
    result = runner.invoke(app, ["ingest", "nothing.txt", "--kind", "pdf", "--db", str(tmp_path / "k.duckdb")])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [f"error: --kind must be one of {listed}, not 'pdf'"]
    with pytest.raises(ValueError, match=re.escape(listed)):
        read_sources(["nothing.txt"], kind="pdf")
    for command in ("ingest", "analyze"):
        text = " ".join(runner.invoke(app, [command, "--help"], env={"COLUMNS": "300"}).stdout.split())
        assert f"Force the input kind: {listed}." in text
