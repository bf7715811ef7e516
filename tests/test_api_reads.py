"""The read endpoints against a real server on 127.0.0.1, on the hand-made news store."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import httpx

from eventwire.store.export import GDELT_COLUMNS
from test_analysis_store import SPIKE_DAY, START
from test_api_server import api, news_db  # noqa: F401 - fixtures


def get(api, path, **params):  # noqa: F811
    r = httpx.get(api + path, params=params, timeout=30)
    assert r.status_code == 200, (path, r.status_code, r.text[:300])
    return r.json()


def test_events_filters_pagination_and_sort(api):  # noqa: F811
    everything = get(api, "/events", limit=1000)
    assert everything["total"] == len(everything["items"]) > 20
    dyad = get(api, "/events", dyad="RUS:UKR", sort="goldstein")
    assert dyad["items"][0]["goldstein"] == -10.0
    assert all(e["source_code"].startswith("RUS") and e["target_code"].startswith("UKR") for e in dyad["items"])
    golds = [e["goldstein"] for e in dyad["items"]]
    assert golds == sorted(golds)
    actor = get(api, "/events", actor="USA")
    assert actor["total"] == 9 and {e["plover_type"] for e in actor["items"]} == {"AID"}
    assert get(api, "/events", type="ASSAULT", negated="false")["total"] == 2
    assert get(api, "/events", root="19", negated="true")["total"] == 1
    assert get(api, "/events", min_goldstein=5)["total"] == 9
    assert get(api, "/events", q="bombed")["items"][0]["cameo_code"] == "183"
    day = START.replace(day=START.day).isoformat()
    assert all(e["event_date"] == day for e in get(api, "/events", since=day, until=day)["items"])
    first = get(api, "/events", limit=10)
    second = get(api, "/events", limit=10, offset=10)
    assert not {e["event_id"] for e in first["items"]} & {e["event_id"] for e in second["items"]}
    dates = [e["event_date"] for e in first["items"]]
    assert dates == sorted(dates, reverse=True)


def test_event_detail_has_every_mention_with_evidence_offsets(api):  # noqa: F811
    shelling = get(api, "/events", root="19", negated="false")["items"][0]
    detail = get(api, f"/events/{shelling['event_id']}")
    assert len(detail["mentions"]) == 2
    for m in detail["mentions"]:
        article = get(api, f"/articles/{m['article_id']}")
        text = article["text"]
        assert text[m["action_start"] : m["action_end"]] == "shelled"
        assert text[m["source_start"] : m["source_end"]] == "Russian forces"
        assert text[m["target_start"] : m["target_end"]] == "Ukrainian troops"
        assert any(em["mention_id"] == m["mention_id"] for em in article["event_mentions"])


def test_article_detail_and_list(api):  # noqa: F811
    page = get(api, "/articles", q="Kharkiv")
    assert page["total"] == 3
    lead = next(a for a in page["items"] if a["title"].startswith("Russian forces launch"))
    article = get(api, f"/articles/{lead['id']}")
    ann = article["annotations"]
    assert set(ann) >= {"sentences", "actor_mentions", "quotes", "timexes", "entities"}
    for t in ann["timexes"]:
        assert article["text"][t["start"] : t["end"]] == t["text"]
    assert article["duplicates"][0]["url"] == "https://mirror.example/kharkiv"
    assert httpx.get(api + "/articles/a_nothing").status_code == 404


def test_quotes_and_actors(api):  # noqa: F811
    quotes = get(api, "/quotes", speaker="Zelensky")
    assert quotes["total"] == 5 and all(q["speaker_code"] == "UKRGOV" for q in quotes["items"])
    actors = get(api, "/actors")
    counts = [a["events"] for a in actors]
    assert counts == sorted(counts, reverse=True) and actors[0]["code"] == "UKRGOV"
    assert [a["code"] for a in get(api, "/actors", q="IGO")] == ["IGOUNO"]


def test_timeline_alerts_network_clusters(api):  # noqa: F811
    tl = get(api, "/timeline", source="RUS", target="UKR", freq="week")
    assert {r["direction"] for r in tl["rows"]} == {"RUS→UKR", "UKR→RUS"}
    assert sum(r["q4"] for r in tl["rows"]) == 3
    assert [a["period"] for a in tl["alerts"]] == ["2024-11-18"]  # the Monday of the assault's week
    daily = get(api, "/timeline", source="RUS", target="UKR", freq="day", fill=True)
    assert [a["period"] for a in daily["alerts"]] == [(START + timedelta(days=SPIKE_DAY)).isoformat()]
    assert len({r["period"] for r in daily["rows"]}) == SPIKE_DAY + 1  # day 0 to the assault, quiet days filled
    alerts = get(api, "/alerts")
    assert len(alerts) == 1 and alerts[0]["dyad"] == "RUS:UKR" and alerts[0]["reason"] == "threshold+zscore"
    assert get(api, "/alerts", z=50, threshold=1000) == []
    net = get(api, "/network", min_weight=5)
    assert {(e["source"], e["target"]) for e in net["edges"]} == {
        ("RUSGOV", "UKRGOV"),
        ("UKRGOV", "RUSGOV"),
        ("USAGOV", "UKRGOV"),
    }
    assert all(e["sign"] in (-1, 0, 1) for e in net["edges"])
    clusters = get(api, "/clusters", min_size=2)
    assert len(clusters) == 1 and clusters[0]["copies"] == 1


def test_export_endpoint_streams_gdelt_and_csv(api):  # noqa: F811
    r = httpx.get(api + "/export", params={"format": "gdelt", "dyad": "RUS:UKR"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/tab-separated-values")
    rows = [line.split("\t") for line in r.text.splitlines()]
    assert rows and all(len(row) == len(GDELT_COLUMNS) == 61 for row in rows)
    assert all(row[GDELT_COLUMNS.index("Actor1CountryCode")] == "RUS" for row in rows)
    r = httpx.get(api + "/export", params={"what": "quotes", "format": "csv"})
    table = list(csv.DictReader(io.StringIO(r.text)))
    assert len(table) == 6 and "attachment" in r.headers["content-disposition"]
    assert httpx.get(api + "/export", params={"what": "quotes", "format": "gdelt"}).status_code == 422
