"""Every store-reading example in README's Use block prints results on the demo store (`make demo`)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.cli import app

ROOT = Path(__file__).resolve().parents[1]
READING = {"articles", "show", "stats", "actors", "quotes", "events", "timeline", "alerts", "export", "audit"}
# Commands that write their result to a file (given with --out) instead of printing it.
TO_FILE = {"export", "audit"}


def readme_examples() -> list[list[str]]:
    use = re.search(r"## Use\n\n```sh\n(.*?)```", (ROOT / "README.md").read_text(), re.S).group(1)
    commands = [shlex.split(line, comments=True) for line in use.splitlines()]
    return [c[1:] for c in commands if c and c[0].endswith("/eventwire") and c[1] in READING]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    from eventwire import IngestOptions, Store, ingest
    from eventwire.sources.fetch import FetchSettings

    path = tmp_path_factory.mktemp("demo") / "eventwire.duckdb"
    with Store(path) as store:  # as `make demo`: the example feeds link to the pages beside them
        ingest([str(ROOT / "examples")], store, IngestOptions(fetch=FetchSettings(allow_local_links=True)))
    return path


def test_readme_lists_the_reading_examples() -> None:
    names = {c[0] for c in readme_examples()}
    assert {"articles", "show", "quotes", "events", "timeline", "actors", "export", "audit"} <= names


@pytest.mark.parametrize("args", readme_examples(), ids=lambda a: " ".join(a))
def test_readme_example_prints_results(args: list[str], demo: Path, tmp_path: Path) -> None:
    args = [str(tmp_path / a) if a.endswith((".tsv", ".csv")) else a for a in args]
    result = CliRunner().invoke(app, [*args, "--db", str(demo)], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    if args[0] in TO_FILE:
        out = Path(args[args.index("--out") + 1])
        assert out.read_text().count("\n") >= 2, out.read_text()
        assert "exported 0" not in result.output
        return
    assert result.stdout.strip()
    assert not result.stdout.lstrip().startswith(("no ", "[]")), result.stdout
    if "--json" not in args:
        for line in result.stdout.splitlines():
            assert len(line) <= 80, line
