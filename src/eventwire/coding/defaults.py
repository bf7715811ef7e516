"""The shipped coder's components: the CAMEO lexicon, code tables, classifier and discard list."""

from __future__ import annotations

import re
from pathlib import Path

from eventwire.coding.classifier import load_classifier
from eventwire.coding.dependency import DependencyCoder, Discards
from eventwire.coding.lexicon import load_lexicon
from eventwire.coding.ontology import load_ontology
from eventwire.paths import DATA_DIR, shared_path

DEFAULT_CODER = "eventwire.dependency.v1"
# Phoenix discards whole sentences that mention a year or "… years ago" to keep historical
# references out; this coder dates events from the sentence's own time expressions instead, so
# those entries would only drop current events that mention a past year.
TIME_REFERENCE = re.compile(r"\d{4}|\w+ (?:ago|later)", re.IGNORECASE)
LEXICON_FILE = "cameo_verbs.json"


def read_discard_file(path: Path) -> list[tuple[str, bool]]:
    """``(phrase, story_level)`` from a PETRARCH discard file ('+' marks story-level phrases)."""
    entries = []
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split(" #")[0].split(";")[0].strip()
        if not line or line.startswith(("#", "<!")):
            continue
        story = line.startswith("+")
        phrase = line.lstrip("+").strip()
        if not TIME_REFERENCE.fullmatch(phrase):
            entries.append((phrase, story))
    return entries


def load_discards(path: Path | None = None) -> Discards:
    """The Phoenix discard list; none when the shared dictionaries are not installed."""
    path = path or shared_path("ontology", "actors", "Phoenix.discards.txt")
    return Discards.from_entries(read_discard_file(path)) if path.is_file() else Discards()


def make_dependency_coder() -> DependencyCoder:
    return DependencyCoder(
        DEFAULT_CODER,
        load_lexicon(DATA_DIR / LEXICON_FILE),
        load_ontology(),
        load_classifier(),
        load_discards(),
    )
