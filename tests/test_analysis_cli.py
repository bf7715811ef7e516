"""`eventwire events`, `timeline`, `alerts` and `export` on the hand-made news store."""

from __future__ import annotations

import json

import typer
from typer.testing import CliRunner

from eventwire.cli.explore import alerts_cli, events_cli, export_cli, timeline_cli
from test_analysis_store import news  # noqa: F401 - fixture

app = typer.Typer()
for name, command in (
    ("events", events_cli),
    ("timeline", timeline_cli),
    ("alerts", alerts_cli),
    ("export", export_cli),
):
    app.command(name)(command)
runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_events_command_filters_and_prints_json(news):  # noqa: F811
    result = run("events", "--db", str(news.path), "--dyad", "RUS:UKR", "--type", "ASSAULT", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {r["root_code"] for r in rows} == {"18", "19"}
    table = run("events", "--db", str(news.path), "--actor", "USA", "--limit", "3")
    assert table.exit_code == 0 and "USAGOV" in table.stdout and "AID" in table.stdout
    bad = runner.invoke(app, ["events", "--db", str(news.path), "--dyad", "RUS"])
    assert bad.exit_code == 2 and "SRC:TGT" in bad.output


def test_timeline_command_draws_bars_and_marks_the_alert(news):  # noqa: F811
    result = run("timeline", "RUS", "UKR", "--db", str(news.path), "--freq", "day")
    assert result.exit_code == 0, result.output
    assert "█" in result.stdout and "▲ alert" in result.stdout and "2024-11-20" in result.stdout
    data = json.loads(run("timeline", "RUS", "UKR", "--db", str(news.path), "--json").stdout)
    assert {r["direction"] for r in data} == {"RUS→UKR", "UKR→RUS"}


def test_alerts_command(news):  # noqa: F811
    rows = json.loads(run("alerts", "--db", str(news.path), "--json").stdout)
    assert [(r["dyad"], r["period"]) for r in rows] == [("RUS:UKR", "2024-11-20")]
    none = json.loads(run("alerts", "--db", str(news.path), "--threshold", "1000", "--z", "100", "--json").stdout)
    assert none == []
