"""`eventwire audit`: a sheet of random events with their evidence, and precision per field from it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eventwire.analysis.audit import score_sheet, wilson
from eventwire.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("audit") / "demo.duckdb"
    result = runner.invoke(app, ["ingest", str(ROOT / "examples"), "--allow-local-links", "--db", str(db), "-q"])
    assert result.exit_code == 0, result.output
    return db


def _draw(db: Path, out: Path, n: int, seed: int) -> list[dict]:
    result = runner.invoke(app, ["audit", "--db", str(db), "--sample", str(n), "--seed", str(seed), "--out", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(newline="", encoding="utf-8") as stream:
        return list(csv.DictReader(stream))


def test_audit_round_trip(demo_db: Path, tmp_path: Path) -> None:
    rows = _draw(demo_db, tmp_path / "sheet.csv", 20, 7)
    assert len(rows) == 20 and len({r["mention_id"] for r in rows}) == 20
    for row in rows:  # the evidence is the article's own text at the stored offsets
        assert row["action_text"] and row["action_text"] in row["sentence"]
        assert row["source_text"] in row["sentence"] and row["article_id"].startswith("a_")
        assert row["type_right"] == row["source_right"] == row["target_right"] == row["flags_right"] == ""
    assert [r["mention_id"] for r in _draw(demo_db, tmp_path / "again.csv", 20, 7)] == [r["mention_id"] for r in rows]
    assert [r["mention_id"] for r in _draw(demo_db, tmp_path / "other.csv", 20, 8)] != [r["mention_id"] for r in rows]
    # An auditor's verdicts: types right 15/20, sources 18/20, targets 10/20, one flag left blank.
    for n, row in enumerate(rows):
        row["type_right"] = "y" if n < 15 else "n"
        row["source_right"] = "yes" if n < 18 else "no"
        row["target_right"] = "y" if n % 2 == 0 else "n"
        row["flags_right"] = "" if n == 0 else "y"
    filled = tmp_path / "filled.csv"
    with filled.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = runner.invoke(app, ["audit", "--score", str(filled), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["events"] == 20
    assert figures["type_right"]["precision"] == 0.75 and figures["source_right"]["precision"] == 0.9
    assert figures["target_right"]["precision"] == 0.5 and figures["flags_right"]["judged"] == 19
    assert figures["whole"] == {"judged": 20, "right": 8, "precision": 0.4, "interval95": list(wilson(8, 20))}
    low, high = figures["type_right"]["interval95"]
    assert 0.5 < low < 0.75 < high < 0.95
    table = runner.invoke(app, ["audit", "--score", str(filled)])
    assert "type_right" in table.output and "0.750" in table.output


def test_audit_rejects_bad_verdicts_and_non_sheets(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("mention_id,type_right,source_right,target_right,flags_right\nm1,maybe,y,y,y\n")
    with pytest.raises(ValueError, match="line 2: type_right must be y or n"):
        score_sheet(bad)
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    result = runner.invoke(app, ["audit", "--score", str(other)])
    assert result.exit_code == 2 and "not an audit sheet" in " ".join(result.output.split())


def test_wilson_interval_is_sound_at_the_edges() -> None:
    assert wilson(0, 10)[0] == 0.0 and 0.25 < wilson(0, 10)[1] < 0.35
    assert wilson(10, 10)[1] == 1.0 and wilson(0, 0) == (0.0, 1.0)
