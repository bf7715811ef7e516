"""HTML → main text and page metadata, parsing the page once.

The cascade, each step engaging only when the previous one under-delivered:

1. trafilatura in fast mode (its own extractor, no external comparison) on the parsed tree;
2. the full trafilatura cascade (readability and jusText comparison, recall retry) when the fast
   result is short or structurally thin, the cases in which trafilatura's own comparison step
   prefers another algorithm;
3. the boilerplate-line filter shared with plain text, for calls to action that sit inside the
   content container (sharing prompts, newsletter boxes, captions). Its leading/trailing-block rule
   stays off: trafilatura has already cut the page chrome, so short lines at the edges of its
   output are as often list items, code or headings as furniture.

Metadata comes from ``metadata.extract_page_metadata`` on the same tree, before extraction.
"""

from __future__ import annotations

import logging
import re
from copy import copy
from functools import cache

from lxml.html import HtmlElement
from trafilatura import bare_extraction, load_html
from trafilatura.settings import Extractor

from eventwire.errors import ExtractionError
from eventwire.extract.boilerplate import remove_boilerplate
from eventwire.extract.metadata import PageMetadata, extract_page_metadata
from eventwire.extract.text import PARAGRAPH_SEPARATOR, normalize_text

LOGGER = logging.getLogger(__name__)

# Why 1000 chars: trafilatura's own extractor is reliable on article-length text; below ~150 words
# (its readability comparison fires when the own result is under half the alternative's length, and
# escalates to recall mode under 3000 chars) the full cascade is worth its cost.
FULL_CASCADE_BELOW_CHARS = 1000
TAG = re.compile(r"<[a-zA-Z!/?]")
# trafilatura's evaluation settings, except that comments are never article text.
EXTRACTION_OPTIONS = {"comments": False, "tables": True, "formatting": False}


def parse_html(text: str) -> HtmlElement:
    """Parse a page (or a bare fragment) with trafilatura's lxml loader."""
    tree = load_html(text)
    if tree is None:
        tree = load_html(f"<html><body>{text}</body></html>")
    if tree is None:
        raise ExtractionError("not parseable as HTML")
    return tree


def _thin(body: HtmlElement, text: str) -> bool:
    """trafilatura's own signs of a weak extraction: short, no paragraph text, or table-dominated."""
    if len(text) < FULL_CASCADE_BELOW_CHARS or not body.xpath(".//p//text()"):
        return True
    return len(body.findall(".//table")) > len(body.findall(".//p"))


@cache
def _extractor_template(fast: bool) -> Extractor:
    """Options built once: constructing an Extractor reads the config file's values every time."""
    return Extractor(output_format="python", fast=fast, **EXTRACTION_OPTIONS)


def _options(fast: bool, url: str | None) -> Extractor:
    options = copy(_extractor_template(fast))
    options.url = options.source = url
    return options


def main_text(tree: HtmlElement, url: str | None = None) -> str:
    """The article text of a parsed page, paragraphs separated by blank lines ("" when none)."""
    doc = bare_extraction(tree, options=_options(True, url))
    text = doc.text if doc is not None and doc.text else ""
    if doc is None or _thin(doc.body, text):
        full = bare_extraction(tree, options=_options(False, url))
        if full is not None and full.text:
            text = full.text
    paragraphs = [line for line in normalize_text(text).split("\n") if line]
    return PARAGRAPH_SEPARATOR.join(remove_boilerplate(paragraphs, edges=False))


def drop_leading_title(text: str, title: str | None) -> str:
    """The body without a first paragraph repeating the headline (it is kept in Article.title)."""
    if not title:
        return text
    first, _, rest = text.partition(PARAGRAPH_SEPARATOR)
    return rest if rest and " ".join(first.lower().split()) == " ".join(title.lower().split()) else text


def looks_like_html(text: str) -> bool:
    """Any markup at all in the first 64 KB; without it a "page" is plain text."""
    return bool(TAG.search(text[:65536]))


def extract_html(text: str, url: str | None = None) -> tuple[str, PageMetadata]:
    """Main text and metadata of a decoded page.

    Args:
        text: the page as str.
        url: where it came from (canonical-URL fallback, relative-link base).

    Returns:
        (text with paragraphs separated by blank lines, metadata).

    Raises:
        ExtractionError: unparseable page or no main text.
    """
    tree = parse_html(text)
    metadata = extract_page_metadata(tree, url)
    body = drop_leading_title(main_text(tree, metadata.canonical_url or url), metadata.title)
    if not body:
        raise ExtractionError("no article text found")
    return body, metadata
