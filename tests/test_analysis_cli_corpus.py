"""`eventwire events`, `timeline`, `alerts` and `export` on the sample corpus (examples/ through the
real pipeline): filters agree with the store, unresolved targets and undated events read well, and
the GDELT export has 61 columns on every line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.ingestion import IngestOptions, ingest
from eventwire.sources.fetch import FetchSettings
from eventwire.store import aggregates, queries
from eventwire.store.database import Store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
runner = CliRunner()

# The store these tests query is built as `make demo` builds it (the example feeds link to the
# pages beside them) with the dictionary coder and every event: its figures were read from that
# coder's output on the examples.
DICTIONARY = IngestOptions(
    coder="eventwire.dependency.v3", min_confidence=0.0, fetch=FetchSettings(allow_local_links=True)
)


@pytest.fixture(scope="module")
def corpus_db(nlp, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("corpus") / "examples.duckdb"
    with Store(path) as store:
        assert ingest([str(EXAMPLES)], store, DICTIONARY).ingested == 18
    return path


def run(*args: str, width: int = 160):
    result = runner.invoke(app, list(args), catch_exceptions=False, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.output
    return result


def _a_dyad(db: Path) -> tuple[str, str, int]:
    with Store(db, read_only=True) as store:
        found = queries.rows(
            store,
            "SELECT source_code, target_code, count(*) AS n FROM events WHERE target_code IS NOT NULL "
            "GROUP BY ALL ORDER BY n DESC, source_code, target_code LIMIT 1",
        )[0]
    return found["source_code"], found["target_code"], found["n"]


def test_events_json_filters_by_dyad(corpus_db):
    src, tgt, n = _a_dyad(corpus_db)
    rows = json.loads(run("events", "--db", str(corpus_db), "--dyad", f"{src}:{tgt}", "--json").stdout)
    assert len(rows) >= n  # code prefixes: the dyad's sub-actors count too
    assert all(r["source_code"].startswith(src) and r["target_code"].startswith(tgt) for r in rows)
    evidence = {r["event_id"]: r["sentence"] for r in rows}
    assert all(evidence.values())


def test_events_table_marks_unresolved_targets_and_undated_events(corpus_db):
    out = run("events", "--db", str(corpus_db), "--limit", "1000", "--sort", "date").stdout
    with Store(corpus_db, read_only=True) as store:
        unresolved = queries.scalar(
            store, "SELECT count(*) FROM events WHERE target_code IS NULL AND trim(coalesce(target_name, '')) <> ''"
        )
        undated = queries.scalar(store, "SELECT count(*) FROM events WHERE event_date IS NULL")
    assert out.count(" ?") == unresolved > 0
    assert out.count("undated") == undated
    narrow = run("events", "--db", str(corpus_db), "--limit", "5", width=80).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 80 and "evidence" not in narrow


def test_timeline_and_alerts_on_the_corpus(corpus_db):
    src, tgt, _ = _a_dyad(corpus_db)
    a, b = src[:3], tgt[:3]
    out = run("timeline", a, b, "--db", str(corpus_db), "--freq", "day").stdout
    data = json.loads(run("timeline", a, b, "--db", str(corpus_db), "--freq", "day", "--json").stdout)
    assert data and all(str(r["period"]) in out for r in data) and "█" in out
    with Store(corpus_db, read_only=True) as store:
        undated = aggregates.undated_count(store, "ETH")
    solo = run("timeline", "ETH", "--db", str(corpus_db), "--freq", "day").stdout
    assert undated > 0 and f"{undated} undated event" in solo
    alerts = json.loads(run("alerts", "--db", str(corpus_db), "--json", "--threshold", "1").stdout)
    assert all({"period", "dyad", "index", "reason"} <= set(a) for a in alerts)


def test_gdelt_export_has_61_columns_a_date_and_no_unresolved_actor_names(corpus_db, tmp_path):
    out = tmp_path / "corpus.export.CSV"
    result = run("export", "--db", str(corpus_db), "--format", "gdelt", "--out", str(out))
    lines = out.read_text(encoding="utf-8").splitlines()
    with Store(corpus_db, read_only=True) as store:
        total = queries.count_events(store, queries.EventFilter())
    assert len(lines) == total and f"exported {total} events" in result.output
    for line in lines:
        cols = line.split("\t")
        assert len(cols) == 61
        assert len(cols[1]) == 8 and cols[1].startswith("20")  # SQLDATE, also for undated events
        for code, name in ((cols[5], cols[6]), (cols[15], cols[16])):
            assert bool(name) <= bool(code) and name == name.strip()
    src, tgt, n = _a_dyad(corpus_db)
    streamed = run("export", "--db", str(corpus_db), "--format", "gdelt", "--dyad", f"{src}:{tgt}").stdout
    assert len(streamed.splitlines()) >= n and all(len(line.split("\t")) == 61 for line in streamed.splitlines())
