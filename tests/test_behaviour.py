"""The restructured pipeline gives what the old one gave on the seed, the examples and the demo."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from behaviour import SNAPSHOT, SNAPSHOT_CODER, current_behaviour, demo_counts, document_summary, strip_texts


@pytest.fixture(scope="module")
def snapshot() -> dict[str, Any]:
    return json.loads(SNAPSHOT.read_text())


# Fields that name the coder's version: this restructuring bumped every version on purpose, and
# event ids hash the coder's name.
VERSIONED_EVENT_FIELDS = ("coder", "id")


def unversioned(documents: dict[str, Any]) -> dict[str, Any]:
    """Documents without the fields the restructuring changed on purpose (versions; see resolved)."""
    return {
        key: {
            **doc,
            "events": [{k: v for k, v in ev.items() if k not in VERSIONED_EVENT_FIELDS} for ev in doc["events"]],
            "quotes": [resolved(q) for q in doc["quotes"]],
        }
        for key, doc in documents.items()
    }


def resolved(quote: dict[str, Any]) -> dict[str, Any]:
    """The snapshot's ``speaker`` was the resolved speaker; it is ``speaker_ref`` now when there is one
    (``speaker`` became the mention at the cue)."""
    quote = dict(quote)
    ref = quote.pop("speaker_ref", None)
    if ref is not None:
        quote["speaker"] = ref
    return quote


def differences(old: Any, new: Any, where: str = "") -> list[str]:
    """Where ``new`` differs from ``old``; keys ``new`` adds are allowed (new fields)."""
    if isinstance(old, dict):
        if not isinstance(new, dict):
            return [f"{where}: {old!r} became {new!r}"]
        return [d for k, v in old.items() for d in differences(v, new.get(k, "<missing>"), f"{where}.{k}")]
    if isinstance(old, list):
        if not isinstance(new, list) or len(old) != len(new):
            return [f"{where}: {len(old)} items became {len(new) if isinstance(new, list) else new!r}"]
        return [d for i, (a, b) in enumerate(zip(old, new, strict=True)) for d in differences(a, b, f"{where}[{i}]")]
    return [] if old == new else [f"{where}: {old!r} became {new!r}"]


def test_analyze_output_unchanged_on_seed_and_examples(shared: Path, snapshot: dict[str, Any]) -> None:
    now = json.loads(json.dumps(current_behaviour(shared)))
    assert sorted(now) == sorted(snapshot["analyze"])
    old, new = unversioned(snapshot["analyze"]), unversioned(now)
    problems = [d for key in old for d in differences(old[key], new[key], key)]
    assert not problems, "\n".join(problems[:20])
    assert {ev["coder"] for doc in now.values() for ev in doc["events"]} == {SNAPSHOT_CODER}


def test_analyze_cli_json_unchanged_on_seed(shared: Path, snapshot: dict[str, Any]) -> None:
    from eventwire.cli import app

    result = CliRunner().invoke(
        app, ["analyze", str(shared / "corpus" / "seed_article_rvcj.txt"), "--coder", SNAPSHOT_CODER, "--all", "--json"]
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)["document"]
    now = {name: strip_texts(document[name]) for name in snapshot["analyze"]["seed"]}
    problems = differences(unversioned(snapshot["analyze"])["seed"], unversioned({"seed": now})["seed"], "seed")
    assert not problems, "\n".join(problems[:20])


def test_demo_counts_unchanged(tmp_path: Path, snapshot: dict[str, Any]) -> None:
    counts = demo_counts(tmp_path / "demo.duckdb")
    assert {k: counts.get(k) for k in snapshot["demo"]} == snapshot["demo"]


def test_summary_leaves_out_texts(shared: Path) -> None:
    from eventwire import analyze
    from eventwire.pipeline import PipelineConfig

    text = "Russia threatened Ukraine with a nuclear strike on Tuesday."
    config = PipelineConfig(coder=SNAPSHOT_CODER, min_confidence=0.0)
    summary = document_summary(analyze(text, published="2024-11-19", config=config))
    assert "nuclear strike" not in json.dumps(summary)
    assert summary["events"] and summary["events"][0]["source"]["code"] == "RUS"
