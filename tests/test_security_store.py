"""Stores the earlier server choked on: untitled articles (/clusters, the Stories view), filters with
``%`` and ``_``, ``javascript:`` article URLs, and exports of stores made by other means."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from benchmarks.synthetic.events import fill_synthetic_events
from eventwire.api.server import serve_in_background
from eventwire.api.settings import ServerSettings
from eventwire.ingestion import IngestOptions, ingest_raw
from eventwire.model import RawDoc
from eventwire.store.database import Store
from test_dashboard import browser  # noqa: F401 - fixture

STORY = (
    "Russian forces shelled the Ukrainian city of Kharkiv on Monday, officials said. "
    "Ukraine accused Russia of targeting civilians. Prices rose {rise} in the region."
)


@pytest.fixture(scope="module")
def untitled_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two reports of one story (one untitled) and an untitled third text; every URL is javascript:."""
    path = tmp_path_factory.mktemp("untitled") / "untitled.duckdb"
    texts = [STORY.format(rise="50%"), STORY.format(rise="500 dollars"), "The a_b committee met in Paris on Friday."]
    raws = [
        RawDoc(item=f"t{i}", content=t.encode(), kind="text", fetched=datetime(2025, 3, 10, tzinfo=UTC))
        for i, t in enumerate(texts)
    ]
    with Store(path) as store:
        assert ingest_raw(raws, store, IngestOptions()).ingested == 3
        # Titles missing beside present ones: pandas then reads the missing ones as NaN, not None.
        store.con.execute("UPDATE articles SET title = 'Kharkiv shelled'")
        store.con.execute(
            "UPDATE articles SET title = NULL WHERE text LIKE '%committee%' OR text LIKE '%50!%%' ESCAPE '!'"
        )
        store.con.execute("UPDATE articles SET url = 'javascript:alert(document.domain)'")
    return path


def test_clusters_and_stories_work_with_untitled_articles(untitled_db: Path, browser) -> None:  # noqa: F811
    with serve_in_background(ServerSettings(db=untitled_db, annotate=False)) as url:
        r = httpx.get(url + "/clusters", params={"min_size": 1})
        assert r.status_code == 200, r.text
        assert "(untitled)" in {c["headline"] for c in r.json()}
        page = browser.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(url + "/#/stories?min_size=1")
        expect(page.locator("#story-list li").first).to_contain_text("(untitled)")
        # An article URL that is not http(s) is shown as text, never as a link.
        article_id = r.json()[0]["representative_id"]
        page.goto(url + f"/#/article/{article_id}")
        expect(page.locator("#article-meta")).to_contain_text("javascript:alert")
        assert page.locator("#article-meta a").count() == 0
        assert not problems, problems


def test_text_filters_search_literally(untitled_db: Path) -> None:
    with serve_in_background(ServerSettings(db=untitled_db, annotate=False)) as url:
        found = httpx.get(url + "/articles", params={"q": "50%"}).json()
        assert found["total"] == 1, "% is a character, not a wildcard"
        assert httpx.get(url + "/articles", params={"q": "a_b"}).json()["total"] == 1
        assert httpx.get(url + "/articles", params={"q": "a%b"}).json()["total"] == 0
        assert httpx.get(url + "/articles", params={"q": "_"}).json()["total"] == 1
        assert httpx.get(url + "/events", params={"q": "%"}).json()["total"] == 0
        assert httpx.get(url + "/events", params={"q": "Kharkiv"}).json()["total"] > 0


@pytest.mark.parametrize("kind", ["empty", "synthetic", "untitled"])
def test_every_export_works_on_any_store(kind: str, untitled_db: Path, tmp_path: Path) -> None:
    path = untitled_db if kind == "untitled" else tmp_path / f"{kind}.duckdb"
    if kind != "untitled":
        with Store(path) as store:
            if kind == "synthetic":  # events made by SQL, ids not in the coder's hex form
                fill_synthetic_events(store, 2000)
    with serve_in_background(ServerSettings(db=path, annotate=False)) as url:
        for what, fmt in itertools.product(("events", "mentions", "quotes", "articles"), ("csv", "jsonl", "parquet")):
            r = httpx.get(url + "/export", params={"what": what, "format": fmt}, timeout=60)
            assert r.status_code == 200, (what, fmt, r.text[:200])
        r = httpx.get(url + "/export", params={"what": "events", "format": "gdelt"}, timeout=60)
        assert r.status_code == 200, r.text[:200]
        if kind == "synthetic":
            lines = r.text.splitlines()
            assert len(lines) == 2000 and len({line.split("\t")[0] for line in lines}) == 2000
