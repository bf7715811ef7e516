"""Hardened RSS/Atom parsing: refuse dangerous XML, then let feedparser read what is left.

feedparser is forgiving by design, so the dangerous cases are rejected before it sees the bytes:
entity declarations (the "billion laughs" expansion bomb) and external entities (local file
disclosure, requests to internal hosts). The size cap is applied by whoever read the bytes.
"""

from __future__ import annotations

import html
import re
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as SafeET
import feedparser
from defusedxml import DefusedXmlException

from eventwire.model import Failure, stable_id

# A declaration that defines entities; legitimate feeds never need one.
ENTITY_DECLARATION = re.compile(rb"<!ENTITY", re.IGNORECASE)

HTML_CONTENT_TYPES = ("text/html", "application/xhtml+xml")

# Feed content shorter than this (in characters of text, tags removed) is a teaser, not the article:
# when the item also has a link, the linked page is read instead. News paragraphs run 200-400
# characters, so anything under about two paragraphs is a summary.
MIN_FULL_CONTENT_CHARS = 600

TAG = re.compile(r"<[^>]+>")


@dataclass(slots=True)
class FeedEntry:
    """One feed item, reduced to what ingestion uses."""

    entry_id: str
    title: str | None = None
    link: str | None = None
    published: str | None = None
    author: str | None = None
    content: str | None = None
    content_type: str = "text/html"

    @property
    def has_full_content(self) -> bool:
        if not self.content:
            return False
        return len(TAG.sub(" ", self.content).strip()) >= MIN_FULL_CONTENT_CHARS or not self.link


@dataclass(slots=True)
class ParsedFeed:
    title: str | None
    link: str | None
    version: str
    entries: list[FeedEntry] = field(default_factory=list)
    warning: str | None = None  # feedparser's complaint about a feed that still had entries


def unsafe_reason(content: bytes) -> str | None:
    """Why the XML must not be parsed (entity declarations, external references), or None."""
    try:
        SafeET.fromstring(content, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        return f"unsafe feed: {_defused_reason(exc)}"
    except (ParseError, ValueError, TypeError):
        # Not well-formed: feedparser's lenient parser may still read it, so fall back to a plain scan
        # for declarations (NULs dropped so UTF-16 text is scanned too).
        if ENTITY_DECLARATION.search(content.replace(b"\x00", b"")):
            return "unsafe feed: XML entity declarations are not allowed"
    return None


def _defused_reason(exc: DefusedXmlException) -> str:
    name = type(exc).__name__
    if name == "EntitiesForbidden":
        system_id = getattr(exc, "sysid", None) or getattr(exc, "system_id", None)
        if system_id:
            return f"external entity {system_id!r} is not allowed"
        return "XML entity declarations are not allowed (possible entity-expansion attack)"
    if name.startswith("ExternalReference"):
        return "external references are not allowed"
    return f"forbidden XML construct ({name})"


def _iso_time(parsed: time.struct_time | None) -> str | None:
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC).isoformat()
    except (ValueError, OverflowError):  # feedparser passes impossible dates through (year -1, month 13)
        return None


def _entry(raw: feedparser.FeedParserDict) -> FeedEntry:
    content, content_type = None, "text/html"
    bodies = [c for c in raw.get("content") or [] if c.get("value")]
    if bodies:
        best = max(bodies, key=lambda c: len(c["value"]))
        content, content_type = best["value"], best.get("type") or "text/html"
    elif raw.get("summary"):
        detail = raw.get("summary_detail") or {}
        content, content_type = raw["summary"], detail.get("type") or "text/html"
    link = raw.get("link") or None
    published = _iso_time(raw.get("published_parsed") or raw.get("updated_parsed"))
    published = published or raw.get("published") or raw.get("updated") or None
    title = raw.get("title") or None
    entry_id = raw.get("id") or link or stable_id(title, published, (content or "")[:500], prefix="entry_")
    return FeedEntry(
        entry_id=entry_id,
        title=title,
        link=link,
        published=published,
        author=raw.get("author") or None,
        content=content,
        content_type=content_type,
    )


def parse_feed(content: bytes, item: str) -> ParsedFeed | Failure:
    """Parse RSS/Atom bytes safely.

    Returns:
        ParsedFeed, or Failure for unsafe XML, a malformed feed with no entries, or a document
        that is not a feed at all.
    """
    reason = unsafe_reason(content)
    if reason:
        return Failure(item, reason)
    try:
        raw = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # feedparser's own encoding sniffing raises on some malformed declarations
        return Failure(item, f"malformed feed: {_one_line(exc)}")
    problem = raw.get("bozo_exception")
    if not raw.entries:
        if problem is not None:
            return Failure(item, f"malformed feed: {_one_line(problem)}")
        if not raw.get("version"):
            return Failure(item, "not a feed: no RSS or Atom root element")
    feed = raw.get("feed") or {}
    return ParsedFeed(
        title=feed.get("title") or None,
        link=feed.get("link") or None,
        version=raw.get("version") or "unknown",
        entries=[_entry(e) for e in raw.entries],
        warning=_one_line(problem) if problem is not None else None,
    )


def _one_line(exc: object) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def wrap_fragment(fragment: str, title: str | None) -> str:
    """A complete HTML document around a feed's content fragment, so extraction sees a page."""
    head = f"<title>{html.escape(title)}</title>" if title else ""
    return (
        f'<!DOCTYPE html>\n<html><head><meta charset="utf-8">{head}</head>'
        f"<body><article>\n{fragment}\n</article></body></html>\n"
    )
