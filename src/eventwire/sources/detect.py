"""What kind of input a file or a body of bytes is: html, text, feed, warc or jsonl.

Content wins over the file name when it is unambiguous (a WARC header, an RSS/Atom root, an HTML
doctype); otherwise the extension decides; otherwise anything that is not binary is text.
"""

from __future__ import annotations

import json
import re

# Extensions after stripping a trailing ".gz". ".xml" is not listed: sitemaps and other XML are
# common, so an .xml file is a feed only when its root element says so.
EXTENSION_KINDS = {
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".rss": "feed",
    ".atom": "feed",
    ".feed": "feed",
    ".warc": "warc",
    ".arc": "warc",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}

# How much of the start of a file sniffing looks at: enough for an XML prolog, a long doctype and
# a comment or two before the root element.
SNIFF_BYTES = 8192

GZIP_MAGIC = b"\x1f\x8b"

# Signatures of common binary formats people drop into a corpus folder by mistake.
BINARY_MAGIC = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"SQLite format 3", "SQLite database"),
    (b"RIFF", "RIFF media file"),
    (b"ID3", "MP3 audio"),
    (b"\xd0\xcf\x11\xe0", "legacy Office document"),
)
UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")
UTF8_BOM = b"\xef\xbb\xbf"

# Share of control characters (other than tab, newlines, form feed, escape) above which bytes are
# not text in any encoding; real text in a wrong codepage stays far below this.
MAX_CONTROL_SHARE = 0.10
CONTROL_BYTES = frozenset(range(32)) - {9, 10, 12, 13, 27}

XML_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF|RDF)[\s>]", re.IGNORECASE)
XML_ROOT = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>\[]*(\[.*?\])?\s*>\s*)*<", re.DOTALL
)
HTML_START = re.compile(
    rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title>)",
    re.IGNORECASE | re.DOTALL,
)


def binary_reason(head: bytes) -> str | None:
    """Why ``head`` (the start of a file) is not text, or None if it may be text."""
    for magic, name in BINARY_MAGIC:
        if head.startswith(magic):
            return f"binary file ({name})"
    if head.startswith(UTF16_32_BOMS):
        return None
    if b"\x00" in head:
        return "binary file (contains NUL bytes)"
    if head:
        controls = sum(1 for byte in head if byte in CONTROL_BYTES)
        if controls / len(head) > MAX_CONTROL_SHARE:
            return "binary file (mostly control characters)"
    return None


def _ascii_view(head: bytes) -> bytes:
    """The sniffable start of a document: BOM removed, UTF-16/32 NUL padding dropped."""
    if head.startswith(UTF8_BOM):
        return head[len(UTF8_BOM) :]
    if head.startswith(UTF16_32_BOMS):
        return head.replace(b"\x00", b"")[2:]
    return head


def strip_gz(name: str) -> tuple[str, bool]:
    """(name without a trailing .gz, whether it had one)."""
    lower = name.lower()
    if lower.endswith(".gz"):
        return name[:-3], True
    if lower.endswith(".tgz"):
        return name[:-4] + ".tar", True
    return name, False


def kind_from_name(name: str) -> str | None:
    """The kind implied by a file name's extension, if any."""
    base, _ = strip_gz(name.rsplit("/", 1)[-1].lower())
    dot = base.rfind(".")
    return EXTENSION_KINDS.get(base[dot:]) if dot >= 0 else None


def kind_from_content(head: bytes) -> str | None:
    """The kind the first bytes clearly announce, or None when they do not."""
    view = _ascii_view(head[:SNIFF_BYTES])
    stripped = view.lstrip()
    if stripped.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if HTML_START.match(view):
        return "html"
    root = XML_ROOT.match(view)
    if root is not None and XML_FEED_ROOT.match(view, root.end() - 1):
        return "feed"
    if stripped.startswith(b"{"):
        first_line = stripped.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except ValueError:
            pass
    return None


def unsupported_reason(head: bytes) -> str | None:
    """Why bytes that look structured are none of the readable kinds (e.g. a sitemap), or None."""
    view = _ascii_view(head[:SNIFF_BYTES])
    if kind_from_content(head) is not None:
        return None
    root = XML_ROOT.match(view)
    if root is not None and view.lstrip().startswith(b"<?xml"):
        element = re.match(rb"<([A-Za-z_][\w:.-]*)", view[root.end() - 1 :])
        if element:
            return f"XML document is not a feed (root element <{element.group(1).decode('ascii')}>)"
    return None


def detect_kind(name: str | None, head: bytes) -> str:
    """Decide the kind of one input from its name (may be None) and its first bytes (not gzipped)."""
    from_content = kind_from_content(head)
    if from_content is not None:
        return from_content
    from_name = kind_from_name(name) if name else None
    if from_name in ("html", "text", "jsonl"):
        return from_name
    if from_name == "feed" or _looks_like_xml_feed(head):
        return "feed"
    if from_name == "warc":
        return "warc"
    return "html" if re.search(rb"<(p|div|article|br)[\s>/]", head[:SNIFF_BYTES], re.IGNORECASE) else "text"


def _looks_like_xml_feed(head: bytes) -> bool:
    """A feed root anywhere in the first bytes (after odd prologs the strict match does not cover)."""
    return XML_FEED_ROOT.search(_ascii_view(head[:SNIFF_BYTES])) is not None and b"<?xml" in head[:200]
