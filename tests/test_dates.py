"""Dates at the boundary: every --since/--until and the API's since/until read the same forms.

A store holds two stories, one published two days ago and one in 2024; each command's
``--since 7d`` keeps only the recent one, and a bad value is one ``error:`` line and exit 2.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from eventwire.api.server import serve_in_background
from eventwire.api.settings import ServerSettings
from eventwire.cli import app
from eventwire.dates import coerce_date, coerce_datetime, coerce_published, parse_duration, parse_when
from eventwire.dedup import fingerprint
from eventwire.model import Article, Document, Event, EventActor, Span
from eventwire.store.database import PendingArticle, Store

runner = CliRunner()
NOW = datetime.now(UTC).replace(tzinfo=None)
RECENT = NOW - timedelta(days=2)
OLD = datetime(2024, 3, 5, 9, 0)
SENTENCE = "Russia attacked Ukraine."
BAD = "last tuesday"


def _pending(published: datetime, words: str) -> PendingArticle:
    text = f"{SENTENCE} {words}"
    article = Article(text, url=f"https://example.org/{words.split()[0]}", published=published, site="example.org")
    event = Event(
        source=EventActor("RUS", "Russia", Span(0, 6, "Russia")),
        target=EventActor("UKR", "Ukraine", Span(16, 23, "Ukraine")),
        action=Span(7, 15, "attacked"),
        sentence=Span(0, len(SENTENCE), SENTENCE),
        cameo_code="190",
        root_code="19",
        plover_type="ASSAULT",
        goldstein=-10.0,
        quad_class=4,
        event_date=published.date(),
        id="ev0",
    )
    document = Document(article, events=[event])
    return PendingArticle(article, fingerprint(text), document, "test")


@pytest.fixture(scope="module")
def two_dates(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("dates") / "dates.duckdb"
    with Store(db) as store:
        store.write_batch(
            [
                _pending(RECENT, "Shelling resumed near the border crossing overnight."),
                _pending(OLD, "Artillery struck depots along the southern front in spring."),
            ]
        )
        # The old story was also ingested long ago, so `annotate --since` can tell them apart.
        store.con.execute("UPDATE articles SET ingested = ? WHERE published = ?", [OLD, OLD])
    return db


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def _json(*args: str):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_dates_module_reads_iso_dates_date_times_and_look_backs():
    assert coerce_published("2024-11-19") == date(2024, 11, 19)
    assert coerce_published("2024-11-19T08:00:00+02:00") == datetime(2024, 11, 19, 6, 0)
    assert coerce_datetime(date(2024, 11, 19)) == datetime(2024, 11, 19)
    assert coerce_date(datetime(2024, 11, 19, 23, 30, tzinfo=UTC)) == date(2024, 11, 19)
    assert parse_duration("15m") == timedelta(minutes=15)
    assert parse_when("7d", now=datetime(2024, 11, 19)) == datetime(2024, 11, 12)
    assert parse_when("2w", now=datetime(2024, 11, 19)) == datetime(2024, 11, 5)
    assert parse_when("2024-11-19T08:00Z") == datetime(2024, 11, 19, 8, 0)
    assert parse_when(None) is None and parse_when(" ") is None
    for bad in ("7 days", "yesterday", "2024-13-01"):
        with pytest.raises(ValueError, match=repr(bad)):
            parse_when(bad)
    with pytest.raises(ValueError):
        coerce_published("7d")  # a publication date is a date, never a look-back


def test_every_since_option_takes_a_look_back(two_dates: Path):
    db = str(two_dates)
    recent = RECENT.date().isoformat()
    articles = _json("articles", "--db", db, "--since", "7d")
    assert [str(a["published"])[:10] for a in articles] == [recent]
    events = _json("events", "--db", db, "--since", "7d")
    assert [e["event_date"] for e in events] == [recent]
    events = _json("events", "--db", db, "--since", "2024-01-01", "--until", "7d")
    assert [e["event_date"] for e in events] == [OLD.date().isoformat()]
    events = _json("events", "--db", db, "--since", "2024-03-05T23:00:00Z", "--until", "2024-03-05")
    assert [e["event_date"] for e in events] == [OLD.date().isoformat()]
    timeline = _json("timeline", "RUS", "UKR", "--db", db, "--freq", "day", "--since", "1w", "--until", "0d")
    assert {r["period"] for r in timeline} == {recent}
    alerts = _json("alerts", "--db", db, "--since", "7d", "--min-events", "1", "--baseline-days", "0")
    assert [r["period"] for r in alerts] == [recent]
    exported = run("export", "--db", db, "--since", "7d", "--until", "0h")
    assert exported.exit_code == 0, exported.output
    assert len(exported.stdout.strip().splitlines()) == 2  # the header and the recent event


def test_annotate_since_takes_a_look_back(two_dates: Path, tmp_path: Path):
    db = tmp_path / "annotate.duckdb"
    db.write_bytes(two_dates.read_bytes())
    result = run("annotate", "--db", str(db), "--since", "7d", "--quiet")
    assert result.exit_code == 0, result.output
    assert "annotated 1" in result.stdout  # only the story ingested within the last week


@pytest.mark.parametrize(
    "args",
    [
        ("articles", "--since", BAD),
        ("annotate", "--since", BAD),
        ("events", "--since", BAD),
        ("events", "--until", BAD),
        ("timeline", "RUS", "--since", BAD),
        ("timeline", "RUS", "--until", BAD),
        ("alerts", "--since", BAD),
        ("export", "--since", BAD),
        ("export", "--until", BAD),
        ("watch", "feed.xml", "--every", BAD),
        ("serve", "--every", BAD),
        ("analyze", "-", "--published", "7d"),
    ],
)
def test_a_bad_date_is_one_error_line_and_exit_2(two_dates: Path, tmp_path: Path, args: tuple[str, ...]):
    db = tmp_path / "untouched.duckdb"
    db.write_bytes(two_dates.read_bytes())
    result = runner.invoke(app, [*args, "--db", str(db)] if args[0] != "analyze" else list(args))
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    option, value = args[-2], args[-1]
    assert len(lines) == 1 and lines[0].startswith(f"error: {option}: ") and repr(value) in lines[0], lines
    assert not result.stdout.strip()


@pytest.fixture(scope="module")
def api(two_dates: Path):
    with serve_in_background(ServerSettings(db=two_dates, annotate=False)) as url:
        yield url


def test_api_since_and_until_take_look_backs(api: str):
    recent = RECENT.date().isoformat()
    events = httpx.get(api + "/events", params={"since": "7d"}).json()["items"]
    assert [e["event_date"] for e in events] == [recent]
    events = httpx.get(api + "/events", params={"until": "1w"}).json()["items"]
    assert [e["event_date"] for e in events] == [OLD.date().isoformat()]
    articles = httpx.get(api + "/articles", params={"since": "3d", "until": "0d"}).json()["items"]
    assert [a["published"][:10] for a in articles] == [recent]
    timeline = httpx.get(api + "/timeline", params={"source": "RUS", "target": "UKR", "since": "7d"}).json()
    assert [r["period"] for r in timeline["rows"]] == [recent]
    assert httpx.get(api + "/network", params={"since": "2024-03-05T08:00:00Z"}).status_code == 200
    assert httpx.get(api + "/export", params={"since": "7d"}).text.count("\n") == 2


@pytest.mark.parametrize("path", ["/events", "/articles", "/timeline", "/alerts", "/clusters", "/export"])
def test_api_bad_since_is_a_422_naming_the_value(api: str, path: str):
    r = httpx.get(api + path, params={"since": BAD, **({"source": "RUS"} if path == "/timeline" else {})})
    assert r.status_code == 422
    body = r.json()
    assert [tuple(e["loc"]) for e in body["detail"]] == [("query", "since")]
    assert repr(BAD) in body["message"] and body["message"].startswith("invalid request: since: ")
