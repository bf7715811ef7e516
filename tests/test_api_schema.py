"""A bounded schemathesis run over the OpenAPI schema against a real server: no input gives a 5xx,
and every answer matches its documented schema."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from eventwire.api.settings import ServerSettings
from test_analysis_store import build_news_store
from test_api_server import running_server

# Examples per operation and a hard time budget: the run must stay well under a minute.
EXAMPLES = 15
BUDGET_SECONDS = 30


def test_api_schema_has_no_server_errors(tmp_path: Path):
    db = build_news_store(tmp_path / "news.duckdb").path
    # A token is set and not sent: POST /ingest is exercised up to its access check, never ingesting noise.
    with running_server(ServerSettings(db=db, token="schema-run-token", annotate=False)) as url:
        run = subprocess.run(
            [
                str(Path(sys.executable).with_name("schemathesis")),
                "run",
                f"{url}/openapi.json",
                "--checks",
                "not_a_server_error,response_schema_conformance",
                "--max-examples",
                str(EXAMPLES),
                "--max-time",
                str(BUDGET_SECONDS),
                "--phases",
                "examples,coverage,fuzzing",
                "--seed",
                "1",
                "--generation-database",
                "none",
                "--no-color",
                "--request-timeout",
                "10",
            ],
            capture_output=True,
            text=True,
            timeout=BUDGET_SECONDS + 30,
            cwd=tmp_path,
        )
    report = run.stdout[-6000:] + run.stderr[-2000:]
    assert run.returncode == 0, report
    assert "No issues found" in run.stdout or " passed" in run.stdout, report
