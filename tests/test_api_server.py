"""A real uvicorn server on 127.0.0.1 for the API tests, and the server's access rules and guards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from eventwire.api.ratelimit import TokenBucket
from eventwire.api.routes.pages import swagger_assets
from eventwire.api.security import CSP
from eventwire.api.server import serve_in_background
from eventwire.api.settings import ServerSettings
from test_analysis_store import build_news_store


def running_server(settings: ServerSettings, store=None):
    """A real uvicorn server on 127.0.0.1 and a free port (context manager yielding its URL)."""
    return serve_in_background(settings, store)


@pytest.fixture()
def news_db(tmp_path: Path) -> Path:
    return build_news_store(tmp_path / "news.duckdb").path


@pytest.fixture()
def api(news_db: Path) -> Iterator[str]:
    with running_server(ServerSettings(db=news_db, annotate=False)) as url:
        yield url


def test_every_response_carries_the_security_headers(api):
    for path in ("/", "/events", "/static/app.js", "/docs", "/nowhere"):
        r = httpx.get(api + path)
        assert r.headers["content-security-policy"] == CSP, path
        assert "'unsafe-inline'" not in CSP and "frame-ancestors 'none'" in CSP
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"


def test_openapi_and_docs_are_served_without_any_cdn(api):
    spec = httpx.get(api + "/openapi.json").json()
    assert {"/events", "/events/{event_id}", "/articles/{article_id}", "/timeline", "/alerts", "/ingest"} <= set(
        spec["paths"]
    )
    page = httpx.get(api + "/docs").text
    assert "http" not in page.replace("http-equiv", "")  # every asset is a local path
    if swagger_assets():
        assert httpx.get(api + "/docs-assets/swagger-ui-bundle.js").status_code == 200
    else:
        assert "/openapi.json" in page


def test_invalid_parameters_get_a_422_with_a_clear_message_and_no_trace(api):
    r = httpx.get(api + "/events", params={"limit": 0, "since": "yesterday"})
    assert r.status_code == 422
    body = r.json()
    assert "limit" in body["message"] and "since" in body["message"] and "Traceback" not in r.text
    assert {tuple(e["loc"]) for e in body["detail"]} == {("query", "limit"), ("query", "since")}
    r = httpx.get(api + "/events", params={"sort": "colour"})
    assert r.status_code == 422 and "unknown sort key" in r.json()["message"]
    r = httpx.get(api + "/events", params={"dyad": "RUS:"})
    assert r.status_code == 422 and "SRC:TGT" in r.json()["message"]
    assert httpx.get(api + "/timeline").status_code == 422
    assert httpx.get(api + "/events/e_missing").status_code == 404


def test_writes_are_refused_without_a_token_and_bodies_are_capped(news_db):
    settings = ServerSettings(db=news_db, token=None, max_body_bytes=2000, annotate=False)
    with running_server(settings) as url:
        r = httpx.post(url + "/ingest", data={"text": "Some news."})
        assert r.status_code == 403 and "EVENTWIRE_TOKEN" in r.json()["detail"]
        r = httpx.post(url + "/ingest", data={"text": "x" * 5000})
        assert r.status_code == 413
        assert httpx.get(url + "/events").status_code == 200  # reads stay open on loopback


def test_token_protects_writes_with_a_constant_time_compare(news_db):
    settings = ServerSettings(db=news_db, token="s3cret-token", annotate=False)
    with running_server(settings) as url:
        assert httpx.post(url + "/ingest", data={"text": "News."}).status_code == 401
        bad = httpx.post(url + "/ingest", data={"text": "News."}, headers={"Authorization": "Bearer wrong"})
        assert bad.status_code == 401
        cross = httpx.post(
            url + "/ingest",
            data={"text": "News."},
            headers={"Authorization": "Bearer s3cret-token", "Origin": "https://evil.example"},
        )
        assert cross.status_code == 403
        none = httpx.post(url + "/ingest", data={}, headers={"Authorization": "Bearer s3cret-token"})
        assert none.status_code == 422 and "exactly one" in none.json()["message"]


def test_foreign_host_headers_are_refused_on_loopback(api):
    assert httpx.get(api + "/events", headers={"Host": "attacker.example"}).status_code == 400
    assert httpx.get(api + "/events", headers={"Host": "localhost"}).status_code == 200


def test_settings_refuse_an_open_public_bind():
    assert ServerSettings(host="0.0.0.0", token=None).problems()
    assert not ServerSettings(host="0.0.0.0", token="t").problems()
    assert not ServerSettings(host="0.0.0.0", token=None, public_reads=True).problems()
    assert ServerSettings(host="0.0.0.0", token="t", allow_anonymous_writes=True).problems()
    assert ServerSettings(host="127.0.0.1", token="t").reads_need_token is False
    assert ServerSettings(host="10.1.2.3", token="t").reads_need_token is True


def test_ingest_is_rate_limited_per_client_with_retry_after(news_db):
    settings = ServerSettings(db=news_db, token="t0ken", annotate=False, ingest_burst=2, ingest_per_minute=6)
    auth = {"Authorization": "Bearer t0ken"}
    with running_server(settings) as url:
        first = [httpx.post(url + "/ingest", data={}, headers=auth).status_code for _ in range(2)]
        assert first == [422, 422]  # within the burst the request is judged on its content
        limited = httpx.post(url + "/ingest", data={"text": "News."}, headers=auth)
        assert limited.status_code == 429 and 1 <= int(limited.headers["retry-after"]) <= 10
        assert "retry" in limited.json()["detail"]
        assert httpx.get(url + "/events").status_code == 200  # reads are not limited


def test_token_bucket_refills_at_its_rate():
    now = [0.0]
    bucket = TokenBucket(per_minute=60, burst=2, clock=lambda: now[0])
    assert [bucket.take("a"), bucket.take("a")] == [0, 0]
    assert bucket.take("a") == pytest.approx(1.0) and bucket.take("b") == 0  # clients have their own buckets
    now[0] = 1.5
    assert bucket.take("a") == 0 and bucket.take("a") > 0


def test_injection_shaped_and_oversize_filters_are_refused_or_inert(api):
    hostile = "RUS' OR 1=1; DROP TABLE events; --"
    r = httpx.get(api + "/events", params={"actor": hostile})
    assert r.status_code == 200 and r.json()["total"] == 0  # a bound parameter: matched as text, nothing found
    for params in (
        {"sort": "date; DROP TABLE events"},
        {"sort": "-date,(SELECT 1)"},
        {"root": "18 OR 1=1"},
        {"actor": "R" * 101},
        {"q": "x" * 201},
        {"dyad": "A" * 150 + ":" + "B" * 60},
        {"limit": 10**9},
        {"quad_class": "1 OR 1"},
    ):
        r = httpx.get(api + "/events", params=params)
        assert r.status_code == 422, (params, r.status_code)
        assert "Traceback" not in r.text and "/work" not in r.text and ".py" not in r.text
    assert httpx.get(api + "/events").json()["total"] > 0  # the table is still there
    info = httpx.get(api + "/info").json()
    assert info["database"] == "news.duckdb"  # a name, not a server path
