"""Long texts: nothing dropped silently, overlap look-ups that stay cheap, and a per-article time budget.

The long text is the PolNeAR training texts of the shared data joined by blank lines (built in
the test, never stored). Its first 110,000 characters used to give no event at all: one
story-level discard phrase ("Super Bowl", at character 105,774) dropped the whole text.
"""

from __future__ import annotations

import random
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from eventwire.annotate.stages import PARSE_CHUNK_CHARS, text_pieces
from eventwire.api.server import serve_in_background
from eventwire.api.settings import ServerSettings
from eventwire.batch.worker import TaskSettings, _annotate
from eventwire.cli import app
from eventwire.coding.dependency import STORY_LEAD_CHARS
from eventwire.dedup import fingerprint
from eventwire.errors import OverTimeBudget
from eventwire.ingestion import WARNING_STAGE, IngestOptions, ingest_raw
from eventwire.model import Article, RawDoc, SpanIndex
from eventwire.paths import shared_path
from eventwire.pipeline import PipelineConfig, analyze
from eventwire.sources.fetch import FetchSettings
from eventwire.store.database import Store

SHORT = "Russian forces shelled Kharkiv on Monday, Ukrainian officials said. Ukraine condemned the attack."
LEAD_DISCARD = "Fans packed the stadium for the Super Bowl on Sunday. " + SHORT
BUDGET = 2.0  # seconds: a short article takes a fraction of it, the long one several times it


@pytest.fixture(scope="module")
def long_text() -> str:
    files = sorted(shared_path("gold", "quotes", "polnear", "train", "text").glob("*.txt"))
    assert files, "the PolNeAR texts of the shared data are needed"
    return "\n\n".join(f.read_text(encoding="utf-8") for f in files)


def test_span_index_finds_what_a_scan_finds() -> None:
    rng = random.Random(7)
    spans = [(s, s + rng.randint(0, 40)) for s in (rng.randint(0, 5000) for _ in range(400))]
    index = SpanIndex(spans[:200])
    for span in spans[200:300]:
        index.add(span)
    for _ in range(500):
        start = rng.randint(0, 5000)
        end = start + rng.randint(0, 60)
        scan = [s for s in spans[:300] if s[0] < end and start < s[1]]
        assert index.overlapping(start, end) == scan
        assert index.overlaps(start, end) == bool(scan)


def test_long_texts_are_parsed_in_pieces_that_join_back(long_text: str) -> None:
    text = long_text[:180_000]
    pieces = text_pieces(text, PARSE_CHUNK_CHARS)
    assert "".join(pieces) == text and len(pieces) >= 4
    assert all(p.endswith("\n") for p in pieces[:-1]), "cut after paragraph breaks"
    assert text_pieces("short", PARSE_CHUNK_CHARS) == ["short"]


def test_events_past_107000_characters_are_kept(nlp, long_text: str) -> None:
    text = long_text[:110_000]
    assert "Super Bowl" in text[STORY_LEAD_CHARS:]
    doc = analyze(text)
    assert len(doc.events) > 40 and not doc.warnings
    assert all(0 <= e.sentence.start < e.sentence.end <= len(text) for e in doc.events)
    assert any(e.sentence.start > 100_000 for e in doc.events), "events at the end of the text are found"


def test_a_story_discarded_whole_says_so_and_the_warning_is_stored(nlp, tmp_path: Path) -> None:
    doc = analyze(LEAD_DISCARD)
    assert doc.events == [] and len(doc.warnings) == 1 and "super bowl" in doc.warnings[0].lower()
    later = analyze(SHORT + "\n\n" + "Diplomats met again. " * 120 + "\n\nFans watched the Super Bowl in Kyiv.")
    assert later.events and not later.warnings, "past the lead the phrase drops its sentence only"
    with Store(tmp_path / "w.duckdb") as store:
        raw = RawDoc(item="sports.txt", content=LEAD_DISCARD.encode(), kind="text")
        summary = ingest_raw([raw], store, IngestOptions())
        assert summary.ingested == 1 and summary.failed == 0
        (article_id,) = summary.article_ids
        assert summary.to_dict()["warnings"][0]["article_id"] == article_id
        rows = store.query("SELECT item, stage, reason FROM ingest_failures")
        assert rows == [{"item": article_id, "stage": WARNING_STAGE, "reason": doc.warnings[0]}]


def _warm(budget: float) -> PipelineConfig:
    config = PipelineConfig(article_time_budget=budget)
    analyze(SHORT, config=config)  # load everything the budget must not pay for
    return config


def test_an_article_over_the_time_budget_fails_alone_in_ingest(nlp, long_text: str, tmp_path: Path) -> None:
    config = _warm(BUDGET)
    with pytest.raises(OverTimeBudget, match="time budget of 2 s"):
        analyze(long_text[:200_000], config=config)
    raws = [
        RawDoc(item=name, content=text.encode(), kind="text")
        for name, text in (("first.txt", SHORT), ("long.txt", long_text[:200_000]), ("last.txt", SHORT + " Again."))
    ]
    with Store(tmp_path / "b.duckdb") as store:
        summary = ingest_raw(raws, store, IngestOptions(article_time_budget=BUDGET))
        assert summary.ingested == 2 and summary.failed == 1
        (failure,) = summary.failures
        assert failure.item == "long.txt" and failure.stage == "annotate" and "time budget" in failure.reason
        assert store.query("SELECT count(*) AS n FROM articles")[0]["n"] == 2


def test_annotate_fails_the_slow_article_only_and_exits_1(nlp, long_text: str, tmp_path: Path, monkeypatch) -> None:
    _warm(BUDGET)
    db = tmp_path / "a.duckdb"
    raws = [
        RawDoc(item=name, content=text.encode(), kind="text")
        for name, text in (("short.txt", SHORT), ("long.txt", long_text[:200_000]))
    ]
    with Store(db) as store:
        ids = ingest_raw(raws, store, IngestOptions(annotate=False)).article_ids
    monkeypatch.setenv("EVENTWIRE_ARTICLE_TIME_BUDGET", str(BUDGET))
    result = CliRunner().invoke(app, ["annotate", "--db", str(db), "-q"])
    assert result.exit_code == 1, result.output
    assert "annotated 1" in result.output and "failed 1" in result.output
    assert f"{ids[1]}: annotation stopped: over the time budget" in " ".join(result.output.split())
    with Store(db, read_only=True) as store:
        runs = store.query("SELECT article_id FROM annotation_runs")
        assert runs == [{"article_id": ids[0]}]
        assert store.query("SELECT stage FROM ingest_failures WHERE item = ?", [ids[1]]) == [{"stage": "annotate"}]


def test_batch_workers_fail_the_slow_article_only(nlp, long_text: str) -> None:
    config = _warm(BUDGET)
    chunk = [(n, Article(text=t), fingerprint(t, None)) for n, t in enumerate((SHORT, long_text[:200_000]))]
    short, slow = _annotate(chunk, TaskSettings(FetchSettings(), config))
    assert short.events and isinstance(slow, str) and "time budget" in slow


def test_the_server_fails_the_slow_article_and_goes_on(nlp, long_text: str, tmp_path: Path) -> None:
    _warm(BUDGET)
    settings = ServerSettings(db=tmp_path / "s.duckdb", allow_anonymous_writes=True, article_time_budget=BUDGET)
    with serve_in_background(settings) as url:
        slow = httpx.post(url + "/ingest", data={"text": long_text[:200_000]}, params={"wait": "true"}, timeout=120)
        result = slow.json()["result"]
        assert result["failed"] == 1 and "time budget" in result["failures"][0]["reason"]
        fast = httpx.post(url + "/ingest", data={"text": SHORT}, params={"wait": "true"}, timeout=120)
        assert fast.json()["result"]["ingested"] == 1
