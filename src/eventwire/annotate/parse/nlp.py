"""The spaCy model cache: each process loads a pipeline once, by a configurable name."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.annotate.parse.attribute_ruler import index_attribute_ruler
from eventwire.errors import ModelNotInstalled
from eventwire.settings import default_settings, get_setting

DEFAULT_MODEL = default_settings().model  # the pinned small English model (settings.toml)
# Names users type for the official packages; the pinned PyPI re-upload serves the small one.
MODEL_ALIASES = {"en_core_web_sm": DEFAULT_MODEL}


def model_name(name: str | None = None) -> str:
    """The model to load: the argument, else the ``model`` setting (``$EVENTWIRE_MODEL`` or the pinned small model)."""
    chosen = name or get_setting("model")
    if chosen in MODEL_ALIASES:
        try:
            spacy.util.get_package_path(chosen)
        except (ImportError, ModuleNotFoundError):
            chosen = MODEL_ALIASES[chosen]
    return chosen


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every blank line, so headings and paragraphs never merge into one sentence.

    Extracted article text separates paragraphs (and section headings) with blank lines; the parser
    alone often glues a heading to the paragraph below it, which corrupts evidence sentences.
    """
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and previous.text.count("\n") >= 2:
            token.is_sent_start = True
    return doc


def model_installed(name: str) -> bool:
    """Whether ``spacy.load(name)`` would find the pipeline (an installed package or a directory), without loading it."""
    return name.startswith("blank:") or spacy.util.is_package(name) or Path(name).exists()


def require_model(name: str | None = None) -> str:
    """The resolved model name; raises ``ModelNotInstalled`` (saying how to install it) when it is missing.

    Commands call this before any work, so a missing model is one clear error instead of a
    failure per article.
    """
    chosen = model_name(name)
    if not model_installed(chosen):
        raise ModelNotInstalled(chosen)
    return chosen


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline called ``name``, with paragraph-aware sentences.

    Its attribute ruler is swapped for the indexed equivalent (same annotations, a fraction of the
    time; see ``eventwire.annotate.parse.attribute_ruler``). A missing model raises ``ModelNotInstalled``.
    """
    name = model_name(name)
    try:
        nlp = spacy.load(name)
    except OSError as exc:  # E050 (no package or directory of that name), E941 (a spaCy v2 shortcut)
        if model_installed(name):
            raise
        raise ModelNotInstalled(name) from exc
    index_attribute_ruler(nlp)
    if "parser" in nlp.pipe_names and "paragraph_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}/spacy-{spacy.__version__}"
