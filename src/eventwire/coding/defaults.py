"""The shipped coder's components: the CAMEO lexicon, code tables, classifier and discard list."""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path

from eventwire.annotate.actors import paused_gc
from eventwire.coding.classifier import load_classifier
from eventwire.coding.dependency import DependencyCoder, Discards
from eventwire.coding.lexicon import load_lexicon
from eventwire.coding.ontology import load_ontology
from eventwire.coding.places import load_gazetteer
from eventwire.coding.supplement import supplement
from eventwire.paths import DATA_DIR, shared_path

# Phoenix discards whole sentences that mention a year, "… years ago" or a world war to keep
# historical references out; this coder dates events from the sentence's own time expressions
# instead, so those entries would only drop current events that mention the past.
TIME_REFERENCE = re.compile(r"\d{4}|\w+ (?:ago|later)|(?:post |second )?world war(?: \w+)?", re.IGNORECASE)
LEXICON_FILE = "cameo_verbs.json"


def load_discards(path: Path | None = None) -> Discards:
    """The Phoenix discard list (read by the dictionary reader); none when it is not installed."""
    from eventwire.annotate.actors import read_discards

    path = path or shared_path("ontology", "actors", "Phoenix.discards.txt")
    if not path.is_file():
        return Discards()
    entries = [(e.phrase, e.story) for e in read_discards(path) if not TIME_REFERENCE.fullmatch(e.phrase)]
    return Discards.from_entries(entries)


def dependency_coder(name: str, allow_unresolved: bool = False) -> DependencyCoder:
    """The dependency coder under ``name``; its tables are shared by every option set."""
    coder = copy.copy(_dependency_coder(name))
    coder.allow_unresolved = allow_unresolved
    return coder


@lru_cache(maxsize=4)
def _dependency_coder(name: str) -> DependencyCoder:
    with paused_gc():  # the tables are kept: collecting while they are built only costs time
        # The place table is read now, with the coder, not at the first event with a place: it
        # is then in memory before annotation freezes the loaded tables out of garbage collection.
        load_gazetteer()
        return DependencyCoder(
            name,
            supplement(load_lexicon(DATA_DIR / LEXICON_FILE)),
            load_ontology(),
            load_classifier(),
            load_discards(),
        )
