"""Page metadata (title, author, date, site, canonical URL, declared language) from a parsed tree.

Built from trafilatura's and htmldate's own building blocks, but only the cheap ones: meta tags,
JSON-LD, the canonical link, and htmldate's markup search without its free-text scan. The full
``trafilatura.extract_metadata`` (categories, tags, licence, tree-copying author search, extensive
date search) costs more than the text extraction itself, and eventwire needs none of the extras.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from courlan import normalize_url
from htmldate import find_date
from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import examine_meta, extract_meta_json, extract_sitename, extract_title

LOGGER = logging.getLogger(__name__)

DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
# Byline markup used by CMSs and schema.org microdata. Walking attribute nodes is about twice as
# fast as testing every element's attributes, and this runs on every page without meta authors.
AUTHOR_XPATH = XPath(
    "//@rel[.='author']/..|//@itemprop[.='author']/..|//@id[.='author']/.."
    "|//@class[.='author' or .='byline' or .='author-name' or .='byline__name']/.."
)
# Why 120: longer "author" text is a bio paragraph or a whole byline block, not a name.
MAX_AUTHOR_CHARS = 120
TITLE_SEPARATORS = re.compile(r"\s+[|–—\-:·•»]\s+")
LANGUAGE_META = frozenset({"content-language", "language", "dc.language", "og:locale"})


@dataclass(slots=True)
class PageMetadata:
    """What the page says about itself; every field may be missing."""

    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    site: str | None = None
    canonical_url: str | None = None
    language: str | None = None


def parse_datetime(value: object) -> datetime | None:
    """An ISO-8601 string (htmldate's output, JSONL/feed metadata) or datetime → datetime, else None."""
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None


def normalized_url(url: str | None, base: str | None = None) -> str | None:
    """An absolute, courlan-normalised http(s) URL (tracking parameters dropped), or None."""
    if not url:
        return None
    try:
        absolute = urljoin(base, url.strip()) if base else url.strip()
        if urlsplit(absolute).scheme not in ("http", "https"):
            return None
    except ValueError:  # e.g. an unbalanced "[" reads as a broken IPv6 host
        return None
    try:
        return normalize_url(absolute, strict=True)
    except (ValueError, TypeError):
        return absolute


def clean_title(title: str | None, site: str | None, host: str | None) -> str | None:
    """Drop a trailing or leading " | Site name" that pages append to the headline."""
    if not title:
        return None
    title = " ".join(title.split())
    parts = TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    names = {n.lower() for n in (site, host) if n}
    host_core = host.lower().removeprefix("www.").split(".")[0] if host else None

    def is_site(part: str) -> bool:
        low = part.lower().strip()
        squeezed = low.replace(" ", "")
        return low in names or bool(host_core and (squeezed == host_core or squeezed.startswith(host_core)))

    if is_site(parts[-1]):
        return " – ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    if is_site(parts[0]):
        return " – ".join(parts[1:]) if len(parts) > 2 else parts[1]
    return title


def _in_comments(element: HtmlElement) -> bool:
    """Inside a comment thread: bylines there name commenters, not the author."""
    return any(
        "comment" in (ancestor.get("class") or "") or "comment" in (ancestor.get("id") or "")
        for ancestor in element.iterancestors()
    )


def _markup_author(tree: HtmlElement) -> str | None:
    for element in AUTHOR_XPATH(tree):
        if _in_comments(element):
            continue
        text = " ".join(" ".join(element.itertext()).split())
        if 2 < len(text) < MAX_AUTHOR_CHARS:
            return normalize_authors(None, text)
    return None


def _declared_language(tree: HtmlElement) -> str | None:
    root = tree.getroottree().getroot()
    lang = root.get("lang") or root.get("xml:lang")
    if lang:
        return lang
    for meta in tree.iterfind(".//head/meta[@content]"):
        key = (meta.get("http-equiv") or meta.get("name") or meta.get("property") or "").lower()
        if key in LANGUAGE_META:
            return meta.get("content")
    return None


def _find_date(tree: HtmlElement, url: str | None) -> datetime | None:
    try:
        found = find_date(tree, extensive_search=False, original_date=True, outputformat=DATE_FORMAT, url=url)
    except Exception as exc:  # htmldate bugs must not lose the article
        LOGGER.debug("date extraction failed: %s", exc)
        return None
    return parse_datetime(found)


def extract_page_metadata(tree: HtmlElement, url: str | None = None) -> PageMetadata:
    """Read title, author, publication date, site name, canonical URL and declared language.

    Args:
        tree: the parsed page (only read, never modified).
        url: where the page came from; resolves a relative canonical link and is the fallback.

    Returns:
        A PageMetadata; the canonical URL is normalised with courlan.
    """
    meta = examine_meta(tree)
    if not (meta.title and meta.author and meta.sitename):  # JSON-LD parsing costs as much as the rest
        try:
            meta = extract_meta_json(tree, meta)
        except Exception as exc:  # malformed JSON-LD must not lose the article
            LOGGER.debug("JSON-LD metadata failed: %s", exc)
    link = tree.find(".//head//link[@rel='canonical']")
    canonical = (
        normalized_url(link.get("href") if link is not None else None, url)
        or normalized_url(meta.url, url)
        or normalized_url(url)
    )
    host = urlsplit(canonical).hostname if canonical else None
    site = meta.sitename or extract_sitename(tree)
    if site:
        site = " ".join(site.lstrip("@").split())
    title = clean_title(meta.title or extract_title(tree), site, host)
    author = meta.author or _markup_author(tree)
    return PageMetadata(
        title=title,
        author=author,
        published=_find_date(tree, canonical or url),
        site=site,
        canonical_url=canonical,
        language=_declared_language(tree),
    )
