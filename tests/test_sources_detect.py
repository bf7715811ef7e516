"""Kind detection: content first, then the file name; binary files are recognised."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from eventwire.sources import detect_kind, read_sources
from eventwire.sources.detect import binary_reason

RSS = b'<?xml version="1.0"?>\n<rss version="2.0"><channel><title>t</title></channel></rss>'
ATOM = b'<?xml version="1.0" encoding="utf-8"?>\n<!-- c -->\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>'
RDF = b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"></rdf:RDF>'
XHTML = b'<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x.dtd"><html>'
SITEMAP = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>'


@pytest.mark.parametrize(
    ("name", "head", "kind"),
    [
        ("page.html", b"<!DOCTYPE html><html><body>x</body></html>", "html"),
        (None, b"\n  <!-- saved -->\n<html lang='en'><head>", "html"),
        ("page.bin", b"\xef\xbb\xbf<!doctype HTML>", "html"),
        ("story.txt", b"Headline\n\nThe minister said on Tuesday.", "text"),
        ("story", b"Headline\n\nThe minister said on Tuesday.", "text"),
        ("story.txt", b"Headline with <p> tags in it", "text"),
        ("fragment", b"Some text <p>and a paragraph</p>", "html"),
        ("feed.xml", RSS, "feed"),
        ("feed.atom", ATOM, "feed"),
        ("data", RDF, "feed"),
        ("odd.html", RSS, "feed"),
        ("feed.rss", b"<rss><channel>", "feed"),
        ("archive.warc", b"WARC/1.0\r\nWARC-Type: warcinfo\r\n", "warc"),
        ("archive.warc.gz", b"WARC/1.1\r\n", "warc"),
        ("lines.jsonl", b'{"url": "u", "text": "t"}\n{"url": "v"}', "jsonl"),
        ("export", b'{"url": "u", "text": "t"}\n', "jsonl"),
        ("page.xhtml", XHTML, "html"),
        ("utf16.txt", "Headline\nBody".encode("utf-16"), "text"),
        ("utf16.html", "<html><body>x</body></html>".encode("utf-16"), "html"),
    ],
)
def test_sources_detect_kind(name: str | None, head: bytes, kind: str) -> None:
    assert detect_kind(name, head) == kind


@pytest.mark.parametrize(
    ("head", "reason"),
    [
        (b"%PDF-1.7\n%\xe2\xe3", "PDF"),
        (b"\x89PNG\r\n\x1a\n", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG"),
        (b"PK\x03\x04\x14\x00", "ZIP"),
        (b"plain text\x00with a NUL", "NUL"),
        (bytes(range(1, 32)) * 4, "control characters"),
    ],
)
def test_sources_detect_binary(head: bytes, reason: str) -> None:
    found = binary_reason(head)
    assert found is not None and reason in found


@pytest.mark.parametrize(
    "head",
    [
        "Café au lait, Zürich".encode("latin-1"),
        "Кремль заявил".encode("cp1251"),
        "Ministry said".encode("utf-16"),
        b"tab\tseparated\r\nwindows lines\x0c",
    ],
)
def test_sources_detect_text_in_any_encoding_is_not_binary(head: bytes) -> None:
    assert binary_reason(head) is None


def _kinds(path: Path, kind: str | None = None) -> list[str]:
    return [getattr(doc, "kind", "failure") for doc in read_sources([str(path)], kind=kind)]


def test_sources_read_detects_each_form_from_files(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_bytes(b"<!DOCTYPE html><html><body><p>x</p></body></html>")
    (tmp_path / "b.txt").write_text("Headline\n\nBody.", encoding="utf-8")
    (tmp_path / "c.gz").write_bytes(gzip.compress(b"<html><body>zipped page</body></html>"))
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(b'{"text": "one"}\n{"text": "two"}\n'))
    assert _kinds(tmp_path / "a.html") == ["html"]
    assert _kinds(tmp_path / "b.txt") == ["text"]
    assert _kinds(tmp_path / "c.gz") == ["html"]
    assert _kinds(tmp_path / "d.jsonl.gz") == ["text", "text"]
    docs = list(read_sources([str(tmp_path / "c.gz")]))
    assert docs[0].content == b"<html><body>zipped page</body></html>"


def test_sources_kind_argument_overrides_detection(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("<p>Written as a fragment</p>", encoding="utf-8")
    assert _kinds(path) == ["text"]
    assert _kinds(path, kind="html") == ["html"]
    failures = list(read_sources([str(path)], kind="feed"))
    assert [type(f).__name__ for f in failures] == ["Failure"]
    assert failures[0].reason.startswith(("malformed feed", "not a feed"))


def test_sources_xml_that_is_not_a_feed_is_a_failure(tmp_path: Path) -> None:
    path = tmp_path / "sitemap.xml"
    path.write_bytes(SITEMAP)
    (failure,) = read_sources([str(path)])
    assert failure.reason == "XML document is not a feed (root element <urlset>)"


def test_sources_unknown_kind_is_a_usage_error() -> None:
    with pytest.raises(ValueError, match="unknown source kind 'pdf'"):
        read_sources(["x"], kind="pdf")
