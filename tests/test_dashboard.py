"""The dashboard in Debian's Chromium: filter events by an actor, open one, see its evidence
highlighted, draw the dyad timeline with its alert, the network, quotes, and the phone layout.

Screenshots go to a temporary folder, or to $EVENTWIRE_SCREENSHOTS when set.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from eventwire.api.settings import ServerSettings
from test_api_server import api, news_db, running_server  # noqa: F401 - fixtures
from test_quotes_speaker_ref import NAME, annotated, store_path  # noqa: F401 - fixtures

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture()
def shots(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("EVENTWIRE_SCREENSHOTS") or tmp_path / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture()
def browser():
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


def test_dashboard_filters_opens_an_event_and_highlights_its_evidence(api, browser, shots):  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url) if not r.url.startswith(api) else None)

    page.goto(api + "/")
    rows = page.locator("#events-table tbody tr[data-event]")
    expect(rows.first).to_be_visible()
    total = rows.count()
    page.fill("#event-filters input[name=actor]", "Russian armed forces")
    page.click("#event-filters button[type=submit]")
    expect(page.locator("#page-info")).to_have_text("1–5 of 5")
    assert rows.count() == 5 < total
    page.screenshot(path=str(shots / "events-filtered.png"), full_page=True)

    page.locator("#events-table tbody tr", has_text="shelled").filter(has_not_text="did not").first.click()
    expect(page.locator("#article-text .ev-action")).to_have_text("shelled")
    expect(page.locator("#article-text .ev-source")).to_have_text("Russian forces")
    expect(page.locator("#article-text .ev-target")).to_have_text("Ukrainian troops")
    sentence = "".join(page.locator("#article-text .ev-sentence").all_text_contents())
    assert sentence.startswith("Russian forces shelled Ukrainian troops on")
    assert page.locator("#article-text .timex").count() >= 1
    expect(page.locator("#event-mentions li")).to_have_count(1)  # the other outlet's report
    page.screenshot(path=str(shots / "article-evidence.png"), full_page=True)

    page.click("#nav a[data-view=timeline]")
    page.fill("#timeline-form input[name=source]", "RUS")
    page.fill("#timeline-form input[name=target]", "UKR")
    page.select_option("#timeline-form select[name=freq]", "day")
    page.click("#timeline-form button[type=submit]")
    chart = page.locator("#timeline-chart")
    expect(chart.locator("path.gline")).to_have_count(1)
    expect(chart.locator("rect.bar.q4")).to_have_count(1)
    expect(chart.locator("path.alert-mark")).to_have_count(1)
    expect(page.locator("#alert-list li")).to_have_count(1)
    assert chart.bounding_box()["width"] > 900
    page.screenshot(path=str(shots / "timeline.png"), full_page=True)

    page.click("#nav a[data-view=network]")
    expect(page.locator("#network-chart g.node")).to_have_count(8)
    assert page.locator("#network-chart path.edge.neg").count() >= 4
    page.screenshot(path=str(shots / "network.png"), full_page=True)
    page.locator("#network-chart g.node", has_text="USAGOV").click()
    expect(page.locator("#page-info")).to_have_text("1–9 of 9")

    page.click("#nav a[data-view=quotes]")
    expect(page.locator(".speaker-group h2")).to_have_count(2)
    expect(page.locator(".speaker-group", has_text="Sergei Lavrov").locator("blockquote")).to_have_count(1)
    page.screenshot(path=str(shots / "quotes.png"), full_page=True)

    page.click("#nav a[data-view=stories]")
    expect(page.locator("#story-list li")).to_have_count(1)
    expect(page.locator("#nav a[data-view=ingest]")).to_be_hidden()  # this server takes no writes
    assert not problems, problems
    assert not external, external  # every asset and call stays on the server


def test_dashboard_fits_a_phone_screen(api, browser, shots):  # noqa: F811
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page.goto(api + "/#/events?dyad=RUS:UKR")
    expect(page.locator("#events-table tbody tr[data-event]").first).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page is {width}px wide on a 390px screen"
    assert not page.locator("#events-table th.col-sentence").is_visible()
    page.screenshot(path=str(shots / "phone-events.png"), full_page=False)
    page.locator("#events-table tbody tr[data-event]").first.click()
    expect(page.locator("#article-text .ev-action")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(shots / "phone-article.png"), full_page=False)


def test_dashboard_shows_a_pronoun_speaker_with_whom_it_refers_to(store_path, browser, shots):  # noqa: F811
    with running_server(ServerSettings(db=store_path, annotate=False)) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        problems: list[str] = []
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.goto(url + "/#/quotes")
        # One group per resolved speaker actor: "He" (→ the full name) and "Peskov" are the same man.
        expect(page.locator(".speaker-group")).to_have_count(1)
        group = page.locator(".speaker-group", has=page.locator("h2", has_text="Peskov"))
        expect(group.locator("blockquote")).to_have_count(2)
        expect(group.locator(".speaker-mention")).to_have_count(2)
        assert sorted(group.locator(".speaker-mention").all_text_contents()) == sorted([f"He → {NAME}", "Peskov"])
        page.screenshot(path=str(shots / "quotes-pronoun.png"), full_page=True)
        group.locator("blockquote a").first.click()
        expect(page.locator("#article-text .speaker-ref")).to_have_text(NAME)
        expect(page.locator("#article-text .speaker").first).to_have_text("He")
        title = page.locator("#article-text .speaker").first.get_attribute("title")
        assert f"He → {NAME}" in title
        assert not problems, problems
