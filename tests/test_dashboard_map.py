"""The dashboard on the demo corpus in Debian's Chromium: the offline map, export of the current
filter, quotes by resolved speaker, named network, the timeline's first view, readable errors,
empty states and no ingest form when writes are off; at 1280 and 390 px.

Screenshots go to a temporary folder, or to $EVENTWIRE_SCREENSHOTS (docs/img/ holds the committed ones).
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_support import chromium, watch_page
from eventwire.api.server import serve_in_background
from eventwire.api.settings import ServerSettings
from eventwire.ingestion import IngestOptions, ingest
from eventwire.sources.fetch import FetchSettings
from eventwire.store import queries
from eventwire.store.database import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def demo(nlp, tmp_path_factory) -> Iterator[dict]:
    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Store(path) as store:
        ingest([str(EXAMPLES)], store, IngestOptions(fetch=FetchSettings(allow_local_links=True)))  # as `make demo`
        countries = Counter(r["location_country"] for r in queries.rows(store, "SELECT location_country FROM events"))
        points = queries.scalar(
            store, "SELECT count(DISTINCT (round(lat, 2), round(lon, 2))) FROM events WHERE lat IS NOT NULL"
        )
        speakers = queries.scalar(
            store, "SELECT count(DISTINCT coalesce(speaker_actor_id, speaker_ref, speaker, '')) FROM quotes"
        )
        total = queries.count_events(store, queries.EventFilter())
    countries.pop(None, None)
    with serve_in_background(ServerSettings(db=path, annotate=False)) as url:
        yield {"url": url, "countries": countries, "points": points, "speakers": speakers, "total": total}


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("EVENTWIRE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.parametrize("width", [1280, 390])
def test_map_shades_countries_and_lists_events_on_click(demo, browser, shots, width):
    page = browser.new_page(viewport={"width": width, "height": 800})
    problems = watch_page(page, demo["url"])
    page.goto(demo["url"] + "/#/map")
    shaded = page.locator("#map-chart path.country.has-events")
    expect(shaded.first).to_be_attached()
    assert page.locator("#map-chart path.country").count() > 150  # the whole world, offline
    drawn = {
        shaded.nth(i).get_attribute("data-iso3"): int(shaded.nth(i).get_attribute("data-count"))
        for i in range(shaded.count())
    }
    assert drawn == {k: v for k, v in demo["countries"].items() if k in drawn} and len(drawn) >= 3
    expect(page.locator("#map-chart circle.event-point")).to_have_count(demo["points"])
    busiest, count = max(drawn.items(), key=lambda kv: kv[1])
    page.locator(f"#map-chart path[data-iso3={busiest}]").dispatch_event("click")
    expect(page.locator("#map-picked li")).to_have_count(count)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(shots / f"dashboard-map-{width}.png"), full_page=True)
    assert not problems, problems


def test_export_downloads_the_current_filter(demo, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    page.goto(demo["url"] + "/#/events?dyad=RUS:UKR")
    expect(page.locator("#events-table tbody tr[data-event]").first).to_be_visible()
    rows = page.locator("#events-table tbody tr[data-event]").count()
    with page.expect_download() as info:
        page.click("#export-bar button[data-format=csv]")
    lines = Path(info.value.path()).read_text().splitlines()
    assert "article_url" in lines[0] and len(lines) == rows + 1
    with page.expect_download() as info:
        page.click("#export-bar button[data-format=gdelt]")
    assert len(Path(info.value.path()).read_text().splitlines()) == rows


def test_quotes_network_timeline_errors_and_empty_states(demo, browser, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems = watch_page(page, demo["url"])
    page.goto(demo["url"] + "/#/quotes")
    groups = page.locator(".speaker-group")
    expect(groups).to_have_count(demo["speakers"])
    counts = [int(groups.nth(i).get_attribute("data-count")) for i in range(groups.count())]
    assert counts == sorted(counts, reverse=True) and counts[0] > 1
    page.screenshot(path=str(shots / "dashboard-quotes-1280.png"))

    page.click("#nav a[data-view=network]")
    expect(page.locator("#network-chart g.node").first).to_be_attached()
    labels = page.locator("#network-chart g.node text").all_text_contents()
    assert "Russia" in labels and "RUS" not in labels

    page.goto(demo["url"] + "/#/timeline")
    expect(page.locator("#timeline-chart path.gline")).to_have_count(1)
    assert page.input_value("#timeline-form input[name=source]") and page.input_value(
        "#timeline-form select[name=freq]"
    )
    page.screenshot(path=str(shots / "dashboard-timeline-1280.png"))

    expect(page.locator("#nav a[data-view=ingest]")).to_be_hidden()  # writes are off on this server

    page.goto(demo["url"] + "/#/events?min_goldstein=abc")
    error = page.locator("#error")
    expect(error).to_be_visible()
    assert "min_goldstein" in error.inner_text() and not error.inner_text().lstrip().startswith(("{", "["))
    expect(page.locator("#events-table tbody tr")).to_have_count(0)  # no stale rows under the error

    page.goto(demo["url"] + "/#/events?q=zzzzunlikely")
    expect(page.locator("#events-table td.empty")).to_contain_text("Loosen or clear")
    assert not [p for p in problems if "422" not in p], problems


def test_article_sidebar_stays_in_view(demo, browser, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 700})
    page.goto(demo["url"] + "/#/events?dyad=RUS:UKR")
    page.locator("#events-table tbody tr[data-event]").first.click()
    expect(page.locator("#article-text .ev-action")).to_be_visible()
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(300)
    box = page.locator(".article-layout .side").bounding_box()
    assert box["y"] >= 0 and box["y"] < 700
    page.screenshot(path=str(shots / "dashboard-article-1280.png"))
    phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    phone.goto(demo["url"] + "/#/events?dyad=RUS:UKR")
    expect(phone.locator("#events-table tbody tr[data-event]").first).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(shots / "dashboard-events-390.png"), full_page=True)
