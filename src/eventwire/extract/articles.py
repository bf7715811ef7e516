"""The extraction stage's entry points: page, plain text or RawDoc in, Article out."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from eventwire.errors import ExtractionError
from eventwire.extract.decode import check_size, decode_bytes
from eventwire.extract.html import extract_html, looks_like_html
from eventwire.extract.language import detect_language
from eventwire.extract.metadata import normalized_url, parse_datetime
from eventwire.extract.text import clean_text
from eventwire.model import Article, Failure, RawDoc, unexpected_reason

CONTENT_TYPE_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def _container_str(container: dict[str, Any], *keys: str) -> str | None:
    """The first non-empty string among ``keys`` of a RawDoc's metadata."""
    for key in keys:
        value = container.get(key)
        if isinstance(value, str) and value.strip():
            return " ".join(value.split())
    return None


def _charset_hint(container: dict[str, Any]) -> str | None:
    content_type = _container_str(container, "content_type")
    match = CONTENT_TYPE_CHARSET.search(content_type) if content_type else None
    return match.group(1) if match else _container_str(container, "encoding")


def _build_article(
    data: str | bytes,
    *,
    kind: str,
    url: str | None = None,
    container: dict[str, Any] | None = None,
    fetched: datetime | None = None,
    item: str | None = None,
    source_kind: str | None = None,
) -> Article:
    """Decode, extract, then fill what extraction did not find from the container's metadata."""
    container = container or {}
    if isinstance(data, bytes):
        raw = data
        text = decode_bytes(data, _charset_hint(container), html=kind == "html")
    else:
        check_size(len(data))
        raw, text = data.encode("utf-8", errors="surrogatepass"), data
    if not text.strip():
        raise ExtractionError("empty input")
    container_title = _container_str(container, "title")
    if kind == "html" and looks_like_html(text):
        body, page = extract_html(text, url)
    else:
        body, page = clean_text(text, title=container_title)
    canonical = page.canonical_url or normalized_url(url)
    host = urlsplit(canonical).hostname if canonical else None
    return Article(
        text=body,
        title=page.title or container_title,
        url=url,
        canonical_url=canonical,
        published=page.published or parse_datetime(container.get("published")),
        fetched=fetched,
        site=page.site or _container_str(container, "site", "feed_title") or host,
        author=page.author or _container_str(container, "author"),
        language=detect_language(body, page.language),
        source_kind=source_kind or kind,
        item=item,
        raw=raw,
    )


def extract_article(html: str | bytes, url: str | None = None) -> Article:
    """Extract the article of a web page: main text plus title, author, date, site, language, canonical URL.

    Args:
        html: the page, as str or as raw bytes in any encoding (detected; mixed encodings survive).
        url: the page's address, used to resolve and as fallback for the canonical URL.

    Returns:
        An Article with ``source_kind="html"`` and ``raw`` holding the original bytes.

    Raises:
        ExtractionError: empty, binary or oversize input, or a page without main text.
    """
    return _build_article(html, kind="html", url=url)


def extract_text_article(text: str | bytes) -> Article:
    """Extract the article of a scraped plain text: headline, byline, body without web boilerplate lines.

    Args:
        text: the plain text (bytes are decoded).

    Returns:
        An Article with ``source_kind="text"``; paragraphs of ``text`` are separated by blank lines.

    Raises:
        ExtractionError: empty or binary input, or nothing left after boilerplate removal.
    """
    return _build_article(text, kind="text")


def extract_raw(raw: RawDoc) -> Article:
    """Extract the Article of one RawDoc, dispatching on its kind.

    HTML kinds go through page extraction, everything else through plain-text cleaning. What the
    container knew (``raw.metadata``: title, published, author, site) fills the fields extraction
    left empty; for text with a container title no headline is guessed from the body.

    Args:
        raw: one item from a source.

    Returns:
        An Article carrying the RawDoc's url, fetched time, item name and kind.

    Raises:
        ExtractionError: bad input (empty, binary, oversize) or no article text.
    """
    kind = "html" if raw.kind in ("html", "warc") else "text"
    if raw.kind not in ("html", "warc", "text") and raw.content.lstrip()[:1] == b"<":
        kind = "html"
    return _build_article(
        raw.content,
        kind=kind,
        url=raw.url,
        container=raw.metadata,
        fetched=raw.fetched,
        item=raw.item,
        source_kind=raw.container or raw.kind,
    )


def extract_or_fail(raw: RawDoc) -> Article | Failure:
    """``extract_raw`` that never raises: bad input, or an extractor bug met on it, fails this item only."""
    try:
        return extract_raw(raw)
    except ExtractionError as exc:
        return Failure(raw.item, str(exc), "extract")
    except Exception as exc:  # an extractor bug met on hostile input fails this item, not the run
        return Failure(raw.item, unexpected_reason(exc), "extract")
