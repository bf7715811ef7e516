"""Where eventwire finds the shared reference data (gold sets, ontologies) and its own data files."""

from __future__ import annotations

from pathlib import Path

from eventwire.settings import get_setting

DATA_DIR = Path(__file__).parent / "data"


def shared_dir() -> Path:
    """The shared reference-data folder: the ``shared`` setting (``$EVENTWIRE_SHARED``), else ``../shared`` beside the checkout."""
    configured = get_setting("shared")
    if configured:
        return configured
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = base.parent / "shared"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared"


def shared_path(*parts: str) -> Path:
    return shared_dir().joinpath(*parts)
