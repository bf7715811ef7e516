"""Plug-ins: the example package (tests/plugin, installed by `make test`) adds a coder and a reader
through entry points, and every command can use them by name."""

from __future__ import annotations

import json
from importlib.metadata import entry_points
from pathlib import Path

from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.registry import coders, readers
from eventwire.store.database import Store

PROTEST = "Students from Serbia protested in Belgrade against the government on Monday."
runner = CliRunner()


def test_example_plugin_is_installed_with_entry_points() -> None:
    assert "example.keyword.v1" in {p.name for p in entry_points(group="eventwire.coders")}
    assert coders.get("example.keyword").plugin == "eventwire-example-plugin"
    assert "example.newscsv.v1" in readers.names()


def test_coders_command_lists_builtin_and_plugin_coders() -> None:
    result = runner.invoke(app, ["coders", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["name"]: row for row in json.loads(result.stdout)}
    assert rows["eventwire.learned.v2"]["default"] and rows["eventwire.learned.v2"]["from"] == "eventwire"
    assert not rows["eventwire.dependency.v3"]["default"] and rows["eventwire.dependency.v3"]["from"] == "eventwire"
    assert rows["example.keyword.v1"] == {
        "name": "example.keyword.v1",
        "version": 1,
        "default": False,
        "from": "eventwire-example-plugin",
        "description": "Example plug-in coder: a PROTEST wherever a sentence says 'protested'.",
    }


def test_analyze_with_a_plugin_coder(tmp_path: Path) -> None:
    story = tmp_path / "protest.txt"
    story.write_text(PROTEST + "\n")
    result = runner.invoke(app, ["analyze", str(story), "--coder", "example.keyword.v1", "--json"])
    assert result.exit_code == 0, result.output
    [event] = json.loads(result.stdout)["document"]["events"]
    assert (event["coder"], event["plover_type"], event["action"]["text"]) == (
        "example.keyword.v1",
        "PROTEST",
        "protested",
    )
    default = json.loads(runner.invoke(app, ["analyze", str(story), "--json"]).stdout)["document"]["events"]
    assert default and {e["coder"] for e in default} == {"eventwire.learned.v2"}


def test_unknown_coder_is_one_line_with_the_choices(tmp_path: Path) -> None:
    story = tmp_path / "protest.txt"
    story.write_text(PROTEST + "\n")
    result = runner.invoke(app, ["analyze", str(story), "--coder", "nope"])
    assert result.exit_code == 2
    said = " ".join(result.output.replace("│", " ").split())
    assert "unknown coder 'nope'; registered: eventwire.dependency.v3, eventwire.learned.v2, example.keyword.v1" in said


def test_ingest_reads_a_plugin_format_and_codes_with_a_plugin_coder(tmp_path: Path) -> None:
    feed = tmp_path / "wire.newscsv"
    feed.write_text(f'title,text\nBelgrade protest,"{PROTEST}"\nQuiet day,"Nothing happened in the capital."\n')
    db = tmp_path / "plugin.duckdb"
    result = runner.invoke(app, ["ingest", str(feed), "--db", str(db), "--coder", "example.keyword", "-q"])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        articles = store.query("SELECT item, title FROM articles ORDER BY item")
        coders_used = store.query("SELECT DISTINCT coder FROM event_mentions")
        runs = store.query("SELECT DISTINCT annotator FROM annotation_runs")
    assert [a["item"] for a in articles] == [f"{feed}#row-1", f"{feed}#row-2"]
    assert [c["coder"] for c in coders_used] == ["example.keyword.v1"]
    assert [r["annotator"].rsplit("+", 1)[-1] for r in runs] == ["eventwire.events.v3[example.keyword.v1]"]
