"""Shared fixtures: the real spaCy model (loaded once), the shared reference data, temporary stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.paths import shared_dir

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def shared() -> Path:
    path = shared_dir()
    assert path.is_dir(), f"shared reference data not found at {path}; set EVENTWIRE_SHARED"
    return path


@pytest.fixture(scope="session")
def seed_text(shared: Path) -> str:
    return (shared / "corpus" / "seed_article_rvcj.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def nlp():
    from eventwire.annotate.parse.nlp import load_nlp

    return load_nlp()


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"
