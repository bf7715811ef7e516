"""`eventwire config` shows each setting's value and origin; project errors end any command in one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MISSING_MODEL = "en_core_web_md"  # a real pipeline name that the test environment does not install

runner = CliRunner()


@pytest.fixture()
def clean_env(monkeypatch):
    for name in list(os.environ):
        if name.startswith("EVENTWIRE_"):
            monkeypatch.delenv(name)
    return monkeypatch


def _config_rows(output: str) -> dict[str, list[str]]:
    """Table rows by setting name: the cells between the box-drawing bars."""
    rows = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("│").split("│")]
        if len(cells) == 3 and cells[0]:
            rows[cells[0]] = cells[1:]
    return rows


def test_cli_config_table_shows_values_and_origins(clean_env):
    result = runner.invoke(
        app, ["config"], env={"EVENTWIRE_DB": "/data/env.duckdb", "EVENTWIRE_TOKEN": "s3cret"}, catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    rows = _config_rows(result.stdout)
    assert rows["db"] == ["/data/env.duckdb", "env"]
    assert rows["port"] == ["8000", "default"]
    assert rows["coder"] == ["eventwire.learned.v2", "default"]
    assert rows["token"] == ["<hidden>", "env"]
    assert rows["scheduler"] == ["not set", "default"]
    assert "s3cret" not in result.output


def test_cli_config_json_lists_every_setting(clean_env):
    from eventwire.settings import setting_specs

    result = runner.invoke(app, ["config", "--json"], env={"EVENTWIRE_PROCESSES": "4"}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert list(data) == list(setting_specs())
    assert data["processes"] == {
        "value": 4,
        "origin": "env",
        "env": "EVENTWIRE_PROCESSES",
        "help": setting_specs()["processes"].help,
    }
    assert data["allow_private"]["value"] is False and data["allow_private"]["origin"] == "default"
    assert data["token"]["value"] is None


def _one_error_line(result) -> str:
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.output
    assert "Traceback" not in result.output
    return lines[0]


def test_cli_bad_setting_stops_a_command_with_one_line(clean_env, tmp_path):
    result = runner.invoke(app, ["ingest", str(tmp_path), "--no-annotate"], env={"EVENTWIRE_MAX_BYTES": "big"})
    assert result.exit_code == 2
    assert _one_error_line(result) == "error: setting max_bytes: 'big' from EVENTWIRE_MAX_BYTES: expected an integer"


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", str(EXAMPLES / "README.md")],
        ["ingest", str(EXAMPLES), "--quiet"],
        ["annotate", "--quiet"],
        ["batch", str(EXAMPLES), "--quiet"],
        ["watch", str(EXAMPLES / "feeds"), "--iterations", "1", "--quiet"],
    ],
    ids=lambda args: args[0],
)
def test_cli_missing_model_is_one_line_saying_how_to_install(clean_env, tmp_path, args):
    extra = ["--out", str(tmp_path / "out")] if args[0] == "batch" else []
    extra += ["--db", str(tmp_path / "x.duckdb")] if args[0] in ("ingest", "annotate", "watch") else []
    result = runner.invoke(app, [*args, *extra], env={"EVENTWIRE_MODEL": MISSING_MODEL})
    assert result.exit_code == 2, result.output
    line = _one_error_line(result)
    assert line.startswith(f"error: spaCy model '{MISSING_MODEL}' is not installed")
    assert f"python -m spacy download {MISSING_MODEL}" in line
    assert not any(tmp_path.iterdir()), "nothing is written before the model is checked"


def test_cli_unknown_coder_setting_is_one_line_before_any_work(clean_env, tmp_path):
    db = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["ingest", str(EXAMPLES / "html"), "--db", str(db)], env={"EVENTWIRE_CODER": "nope.v1"})
    assert result.exit_code == 2, result.output
    line = _one_error_line(result)
    assert line.startswith("error: setting coder: unknown coder 'nope.v1'") and line.endswith("(from EVENTWIRE_CODER)")
    assert not db.exists()


def test_cli_missing_model_in_a_real_process(tmp_path):
    env = {**os.environ, "EVENTWIRE_MODEL": MISSING_MODEL}
    cmd = [sys.executable, "-m", "eventwire.cli", "analyze", str(EXAMPLES / "README.md")]
    proc = subprocess.run(cmd, capture_output=True, env=env, timeout=300)
    assert proc.returncode == 2
    stderr = proc.stderr.decode()
    assert stderr.strip().count("\n") == 0 and "Traceback" not in stderr
    assert stderr.startswith(f"error: spaCy model '{MISSING_MODEL}' is not installed; install it with")


def test_cli_without_annotation_needs_no_model(clean_env, tmp_path):
    db = tmp_path / "plain.duckdb"
    result = runner.invoke(
        app,
        ["ingest", str(EXAMPLES / "html"), "--db", str(db), "--no-annotate", "--quiet", "--json"],
        env={"EVENTWIRE_MODEL": MISSING_MODEL},
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ingested"] >= 1


def test_load_nlp_raises_model_not_installed(clean_env):
    from eventwire.annotate.parse import load_nlp
    from eventwire.errors import ModelNotInstalled

    with pytest.raises(ModelNotInstalled, match="python -m spacy download en_core_web_md"):
        load_nlp(MISSING_MODEL)
