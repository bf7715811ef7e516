"""eventwire: an auditable, structured record of political events from raw news.

The public Python API. Heavy parts (spaCy, trafilatura) load on first use, so importing the
package stays cheap for the CLI and for worker processes.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from eventwire.model import (
    Actor,
    ActorMention,
    Article,
    Document,
    Entity,
    Event,
    Place,
    Quote,
    Sentence,
    Span,
    Timex,
)

if TYPE_CHECKING:
    from eventwire.extract import extract_article, extract_text_article
    from eventwire.ingestion import IngestOptions, IngestSummary, ingest
    from eventwire.pipeline import Pipeline, PipelineConfig, analyze, analyze_many
    from eventwire.store.database import Store

__version__ = "0.1.0"

_LAZY = {
    "extract_article": "eventwire.extract",
    "extract_text_article": "eventwire.extract",
    "analyze": "eventwire.pipeline",
    "analyze_many": "eventwire.pipeline",
    "Pipeline": "eventwire.pipeline",
    "PipelineConfig": "eventwire.pipeline",
    "ingest": "eventwire.ingestion",
    "IngestOptions": "eventwire.ingestion",
    "IngestSummary": "eventwire.ingestion",
    "Store": "eventwire.store.database",
}

__all__ = [
    "Actor",
    "ActorMention",
    "Article",
    "Document",
    "Entity",
    "Event",
    "IngestOptions",
    "IngestSummary",
    "Pipeline",
    "PipelineConfig",
    "Place",
    "Quote",
    "Sentence",
    "Span",
    "Store",
    "Timex",
    "__version__",
    "analyze",
    "analyze_many",
    "extract_article",
    "extract_text_article",
    "ingest",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


logging.getLogger(__name__).addHandler(logging.NullHandler())
