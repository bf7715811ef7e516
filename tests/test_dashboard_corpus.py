"""The dashboard in Debian's Chromium on the sample corpus (examples/ through the real pipeline):
filter by an actor, open an event, see its evidence highlighted, draw a dyad's timeline, list quotes,
at desktop and phone sizes. What the page must show is read from the store before serving it.

Screenshots go to a temporary folder, or to $EVENTWIRE_SCREENSHOTS when set.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import expect

from browser_support import chromium, watch_page
from eventwire.analysis import dyad_timeline
from eventwire.api.server import serve_in_background
from eventwire.api.settings import ServerSettings
from eventwire.ingestion import IngestOptions, ingest
from eventwire.sources.fetch import FetchSettings
from eventwire.store import aggregates, queries
from eventwire.store.database import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
PAGE = 50  # rows per page in the dashboard's events table
ACTOR = "Armenia"  # in several of the corpus's events, on both sides

# The store these tests query is built as `make demo` builds it (the example feeds link to the
# pages beside them) with the dictionary coder and every event: its figures were read from that
# coder's output on the examples.
DICTIONARY = IngestOptions(
    coder="eventwire.dependency.v3", min_confidence=0.0, fetch=FetchSettings(allow_local_links=True)
)


@dataclass
class Corpus:
    url: str
    total: int
    undated_on_page_2: int
    actor_events: list[dict]
    event: dict  # an event of ACTOR with a resolved source and target
    mention: dict
    text: str  # the text of the mention's article
    dyad: tuple[str, str]
    periods: int
    speakers: int


def _busiest_country_dyad(store: Store) -> tuple[str, str]:
    found = queries.rows(
        store,
        f"SELECT left(source_code, 3) AS a, left(target_code, 3) AS b FROM events WHERE event_date IS NOT NULL "
        f"AND target_code IS NOT NULL AND left(source_code, 3) <> left(target_code, 3) AND {aggregates.REAL_EVENTS}",
    )
    (pair, _), *_ = Counter(tuple(sorted((r["a"], r["b"]))) for r in found).most_common(1)
    return pair


@pytest.fixture(scope="module")
def corpus(nlp, tmp_path_factory) -> Iterator[Corpus]:
    path = tmp_path_factory.mktemp("corpus") / "examples.duckdb"
    with Store(path) as store:
        summary = ingest([str(EXAMPLES)], store, DICTIONARY)
        assert summary.ingested == 18 and summary.failed == 0
        total = queries.count_events(store, queries.EventFilter())
        page_2 = queries.list_events(store, queries.EventFilter(), "-date", PAGE, PAGE)
        undated = sum(e["event_date"] is None for e in page_2)
        actor_events = queries.list_events(store, queries.EventFilter(actor=ACTOR), limit=1000)
        event = next(e for e in actor_events if e["source_code"] and e["target_code"])
        mention = queries.event_detail(store, event["event_id"])["mentions"][0]
        text = queries.scalar(store, "SELECT text FROM articles WHERE id = ?", [mention["article_id"]])
        dyad = _busiest_country_dyad(store)
        periods = dyad_timeline(store, *dyad, freq="day", fill=True)["period"].nunique()
        speakers = queries.scalar(
            store, "SELECT count(DISTINCT coalesce(speaker_actor_id, speaker_ref, speaker, '')) FROM quotes"
        )
    with serve_in_background(ServerSettings(db=path, annotate=False)) as url:
        yield Corpus(url, total, undated, actor_events, event, mention, text, dyad, periods, speakers)


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("EVENTWIRE_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _span(text: str, start: int, end: int) -> str:
    return text[start:end]


def test_corpus_events_filtered_by_actor_open_with_their_evidence(corpus, browser, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems = watch_page(page, corpus.url)
    page.goto(corpus.url + "/")
    rows = page.locator("#events-table tbody tr[data-event]")
    expect(rows.first).to_be_visible()
    expect(page.locator("#page-info")).to_have_text(f"1–{min(PAGE, corpus.total)} of {corpus.total}")
    page.click("#next")  # undated events sort last
    expect(page.locator("#events-table td.date .undated")).to_have_count(corpus.undated_on_page_2)

    page.fill("#event-filters input[name=actor]", ACTOR)
    page.click("#event-filters button[type=submit]")
    wanted = len(corpus.actor_events)
    expect(page.locator("#page-info")).to_have_text(f"1–{wanted} of {wanted}")
    assert 0 < rows.count() == wanted < corpus.total
    unresolved = [e for e in corpus.actor_events if not e["target_code"] and (e["target_name"] or "").strip()]
    expect(page.locator("#events-table td.unresolved")).to_have_count(len(unresolved))
    page.screenshot(path=str(shots / "corpus-events-actor.png"), full_page=True)

    page.locator(f"#events-table tbody tr[data-event='{corpus.event['event_id']}']").click()
    m, text = corpus.mention, corpus.text
    article = page.locator("#article-text")
    # A role may be split over several marks where quotes overlap it: compare the marks' text joined.
    expect(article.locator(".ev-action").first).to_be_visible()
    for role in ("action", "source", "target"):
        marked = "".join(article.locator(f".ev-{role}").all_text_contents())
        assert marked == _span(text, m[f"{role}_start"], m[f"{role}_end"]), role
    sentence = "".join(article.locator(".ev-sentence").all_text_contents())
    assert sentence == _span(text, m["sentence_start"], m["sentence_end"])
    assert article.inner_text().strip() == text.strip()  # highlighting adds marks, never text
    expect(page.locator("#event-summary")).to_contain_text(m["plover_type"])
    expect(page.locator("#article-events li.current")).to_have_count(1)
    assert page.locator("#article-text .ev-action").first.is_visible()  # scrolled into view
    page.screenshot(path=str(shots / "corpus-article-evidence.png"))
    assert not problems, problems


def test_corpus_timeline_draws_the_busiest_dyad_and_quotes_group_by_speaker(corpus, browser, shots):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    problems = watch_page(page, corpus.url)
    a, b = corpus.dyad
    page.goto(f"{corpus.url}/#/timeline")
    # The view first draws the busiest dyad and fills the form with it: wait, then ask for ours.
    expect(page.locator("#timeline-chart[data-rendered]")).to_have_count(1)
    page.fill("#timeline-form input[name=source]", a)
    page.fill("#timeline-form input[name=target]", b)
    page.select_option("#timeline-form select[name=freq]", "day")
    page.click("#timeline-form button[type=submit]")
    chart = page.locator("#timeline-chart")
    expect(chart.locator("path.gline")).to_have_count(1)
    expect(chart.locator("circle.gpoint")).to_have_count(corpus.periods)
    assert chart.locator("rect.bar").count() >= 1
    assert chart.bounding_box()["width"] > 900
    page.screenshot(path=str(shots / "corpus-timeline.png"))

    page.click("#nav a[data-view=network]")
    expect(page.locator("#network-chart g.node").nth(2)).to_be_attached()
    boxes = [page.locator("#network-chart g.node circle").nth(i).bounding_box() for i in range(3)]
    assert len({(round(b["x"]), round(b["y"])) for b in boxes}) == 3  # nodes are not stacked
    page.screenshot(path=str(shots / "corpus-network.png"))

    page.click("#nav a[data-view=quotes]")
    expect(page.locator(".speaker-group")).to_have_count(corpus.speakers)
    page.screenshot(path=str(shots / "corpus-quotes.png"))
    assert not problems, problems


def test_corpus_dashboard_fits_a_phone(corpus, browser, shots):
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    problems = watch_page(page, corpus.url)
    page.goto(f"{corpus.url}/#/events?actor={ACTOR}")
    expect(page.locator("#events-table tbody tr[data-event]")).to_have_count(len(corpus.actor_events))
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(shots / "corpus-phone-events.png"))
    page.locator(f"#events-table tbody tr[data-event='{corpus.event['event_id']}']").click()
    expect(page.locator("#article-text .ev-action").first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(shots / "corpus-phone-article.png"))
    a, b = corpus.dyad
    page.goto(f"{corpus.url}/#/timeline?source={a}&target={b}&freq=day")
    expect(page.locator("#timeline-chart circle.gpoint")).to_have_count(corpus.periods)
    label = page.locator("#timeline-chart text").first.bounding_box()
    assert label["height"] >= 10  # the chart is drawn at the phone's width, so its text stays legible
    page.screenshot(path=str(shots / "corpus-phone-timeline.png"))
    assert not problems, problems
