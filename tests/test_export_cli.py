"""`eventwire export` writes the files the library's exports promise."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from eventwire.cli.explore import export_cli
from test_analysis_store import news  # noqa: F401 - fixture

app = typer.Typer()
app.command("export")(export_cli)
app.command("noop")(lambda: None)  # a second command keeps "export" a subcommand, as in the real CLI


def test_export_command_gdelt_to_file_and_csv_to_stdout(news, tmp_path):  # noqa: F811
    runner = CliRunner()
    out = tmp_path / "events.export.CSV"
    result = runner.invoke(app, ["export", "--db", str(news.path), "--format", "gdelt", "--out", str(out)])
    assert result.exit_code == 0, result.output
    lines = out.read_text().splitlines()
    assert lines and all(len(line.split("\t")) == 61 for line in lines)
    csv_out = runner.invoke(app, ["export", "--db", str(news.path), "--what", "quotes", "--format", "csv"])
    assert csv_out.exit_code == 0 and csv_out.stdout.splitlines()[0].startswith("article_id,")
    bad = runner.invoke(app, ["export", "--db", str(news.path), "--what", "quotes", "--format", "gdelt"])
    assert bad.exit_code == 2 and "events only" in bad.output
