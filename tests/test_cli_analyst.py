"""The analyst's day on the demo store: typos fail with the choices, ids lead to the proof, exports
keep provenance, alerts need a baseline, and the CLI works beside a running `eventwire serve`."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from eventwire.cli import app

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    from eventwire import IngestOptions, Store, ingest
    from eventwire.sources.fetch import FetchSettings

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    with Store(path) as store:  # as `make demo`: the example feeds link to the pages beside them
        ingest([str(ROOT / "examples")], store, IngestOptions(fetch=FetchSettings(allow_local_links=True)))
    return path


def run(*args: str, db: Path | None = None):
    extra = ["--db", str(db)] if db else []
    return CliRunner().invoke(app, [*args, *extra], env={"COLUMNS": "80"})


@pytest.mark.parametrize(
    ("args", "names"),
    [
        (["events", "--type", "FOO"], "ASSAULT"),
        (["events", "--root", "99"], "01-20"),
        (["events", "--dyad", "A:B:C"], "SRC:TGT"),
        (["events", "--dyad", "RUS:ZZZ"], "RUS"),
        (["timeline", "RUS", "ZZZ"], "UKR"),
        (["export", "--format", "xls"], "gdelt"),
    ],
)
def test_typos_fail_in_one_line_with_the_choices(demo: Path, args: list[str], names: str) -> None:
    result = run(*args, db=demo)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and names in lines[0], result.stderr


def test_choices_are_case_insensitive_and_empty_matches_say_so(demo: Path) -> None:
    assert run("export", "--format", "GDELT", "--dyad", "RUS:UKR", db=demo).exit_code == 0
    result = run("events", "--dyad", "RUS:UKR", "--type", "agree", db=demo)
    assert result.exit_code == 0
    assert "no events match --dyad RUS:UKR --type agree" in result.stdout


def test_event_rows_lead_to_their_proof(demo: Path) -> None:
    events = json.loads(run("events", "--dyad", "RUS:UKR", "--json", db=demo).stdout)
    table = run("events", "--dyad", "RUS:UKR", db=demo).stdout
    assert all(e["event_id"][:10] in table for e in events)
    assert max(len(line) for line in table.splitlines()) <= 80
    shown = run("show", events[0]["event_id"][:12], db=demo)
    assert shown.exit_code == 0 and events[0]["first_article_id"] in shown.stdout
    assert events[0]["sentence"].split()[0] in shown.stdout
    detail = json.loads(run("show", events[0]["event_id"], "--json", db=demo).stdout)
    assert detail["mentions"][0]["action_start"] is not None
    article = run("show", events[0]["first_article_id"][:8], db=demo)
    assert article.exit_code == 0 and "events" in article.stdout and "quotes" in article.stdout
    ambiguous = run("show", "a_", db=demo)
    assert ambiguous.exit_code == 2 and "matches" in ambiguous.stderr and "a_" in ambiguous.stderr


def test_store_actors_with_counts_and_the_dictionary(demo: Path) -> None:
    rows = json.loads(run("actors", "--search", "RUS", "--json", db=demo).stdout)
    assert rows[0]["code"].startswith("RUS") and all(r["events"] > 0 for r in rows)
    assert run("actors", "--dictionary", "--search", "Russia", "--json").exit_code == 0


def test_exports_carry_provenance(demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    assert run("export", "--format", "csv", "--out", str(out), db=demo).exit_code == 0
    rows = list(csv.DictReader(out.open()))
    assert rows and all(r["article_id"] and r["article_item"] for r in rows)
    assert all(r["sentence_start"] and r["action_start"] for r in rows)
    gdelt = tmp_path / "events.tsv"
    assert run("export", "--format", "gdelt", "--out", str(gdelt), db=demo).exit_code == 0
    fields = [line.split("\t") for line in gdelt.read_text().splitlines()]
    assert all(f[-1].startswith(("https://", "http://")) or "examples/" in f[-1] for f in fields)  # SOURCEURL
    assert any("examples/text/" in f[-1] for f in fields)  # the item when the article has no URL
    assert all(len(f[-2]) == 14 for f in fields)  # DATEADDED: ingest time, YYYYMMDDHHMMSS


def test_alerts_need_events_and_a_baseline(demo: Path) -> None:
    loose = run("alerts", "--min-events", "1", "--baseline-days", "0", "--threshold", "5", "--json", db=demo)
    loose = json.loads(loose.stdout)
    assert loose, "one period with a hostile event raises an alert without a baseline and with a low threshold"
    assert all(isinstance(a["z"], float | None) for a in loose)  # JSON null, never NaN
    strict = run("alerts", "--json", db=demo)
    assert json.loads(strict.stdout) == []
    assert "at least 3 events" in run("alerts", db=demo).stdout


def test_cli_beside_a_running_server(demo: Path, tmp_path: Path) -> None:
    db = tmp_path / "served.duckdb"
    db.write_bytes(demo.read_bytes())
    env = {**os.environ, "EVENTWIRE_TOKEN": "t0ken", "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", "0"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        note = Path(f"{db}.serving.json")
        for _ in range(300):
            if note.exists():
                break
            time.sleep(0.1)
        url = json.loads(note.read_text())["url"]
        assert httpx.get(url).status_code == 200
        events = run("events", "--dyad", "RUS:UKR", "--json", db=db)
        assert events.exit_code == 0 and json.loads(events.stdout)
        story = tmp_path / "story.txt"
        story.write_text("Belarus expelled two Lithuanian diplomats on Monday, the foreign ministry said.\n")
        refused = CliRunner().invoke(app, ["ingest", str(story), "--db", str(db)], env={"EVENTWIRE_TOKEN": ""})
        assert refused.exit_code == 1 and "401" in refused.stderr
        done = CliRunner().invoke(app, ["ingest", str(story), "--db", str(db)], env={"EVENTWIRE_TOKEN": "t0ken"})
        assert done.exit_code == 0 and "ingested 1" in done.stdout and str(server.pid) in done.stderr
    finally:
        server.terminate()
        server.wait(30)
    from eventwire.cli.serving import server_for

    assert server_for(db) is None


def test_every_option_has_help_and_version_prints() -> None:
    import typer.main

    group = typer.main.get_command(app)
    missing = [f"{name} {p.name}" for name, cmd in group.commands.items() for p in cmd.params if not p.help]
    assert not missing, missing
    from eventwire import __version__

    assert run("--version").stdout.strip() == f"eventwire {__version__}"


def test_a_folder_of_non_text_files_gives_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "icons"
    folder.mkdir()
    for i in range(12):
        (folder / f"icon{i}.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = run("ingest", str(folder), "-q", db=tmp_path / "icons.duckdb")
    assert result.exit_code == 1  # still recorded as failed items
    assert result.stderr.strip().splitlines() == ["12 skipped: not text; -v lists them (recorded in ingest_failures)"]
    verbose = run("ingest", str(folder), "-q", "-v", db=tmp_path / "icons-v.duckdb")
    assert sum(line.startswith("error: ") for line in verbose.stderr.splitlines()) == 12


def test_loopback_refusal_names_the_flag(tmp_path: Path) -> None:
    result = run("ingest", "http://127.0.0.1:9/story", "-q", db=tmp_path / "x.duckdb")
    assert result.exit_code == 1 and "--allow-private" in result.stderr
