"""Extraction: RawDoc, HTML page or plain text → Article (clean main text plus metadata).

HTML goes through trafilatura on a tree parsed once (metadata from the same tree, htmldate for the
date); plain text through a paragraph-level boilerplate scorer. Bad input raises ExtractionError
with a one-line reason.
"""

from eventwire.errors import ExtractionError
from eventwire.extract.articles import extract_article, extract_or_fail, extract_raw, extract_text_article
from eventwire.extract.decode import MAX_INPUT_BYTES

__all__ = [
    "MAX_INPUT_BYTES",
    "ExtractionError",
    "extract_article",
    "extract_or_fail",
    "extract_raw",
    "extract_text_article",
]
