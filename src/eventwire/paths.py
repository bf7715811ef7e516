"""Where eventwire finds the shared reference data (gold sets, ontologies) and its own data files."""

from __future__ import annotations

import os
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def shared_dir() -> Path:
    """The shared reference-data folder: ``$EVENTWIRE_SHARED``, else ``../shared`` beside the checkout."""
    env = os.environ.get("EVENTWIRE_SHARED")
    if env:
        return Path(env)
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = base.parent / "shared"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared"


def shared_path(*parts: str) -> Path:
    return shared_dir().joinpath(*parts)
