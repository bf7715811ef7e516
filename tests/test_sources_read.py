"""read_sources over real files: the sample corpus, and every kind of bad input among good ones."""

from __future__ import annotations

import gzip
import importlib.util
import io
import json
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from eventwire.model import Failure, RawDoc
from eventwire.sources import FetchSettings, read_sources
from eventwire.sources.warc import read_warc

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
GOOD_HTML = b"<!DOCTYPE html><html><head><title>Good</title></head><body><p>Ministers met.</p></body></html>"
# A cp1252 headline followed by a UTF-8 body: passed on as bytes, decoding is extraction's job.
MIXED_ENCODING = "Caf\u00e9 talks \u2013 day two\n\n".encode("cp1252") + "Minister Gr\u00fcn said.\n".encode()
BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>&lol3;</description></item></channel></rss>
"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title><description>&secret;</description></item></channel></rss>
"""


def _split(docs: list[RawDoc | Failure]) -> tuple[list[RawDoc], dict[str, str]]:
    good = [d for d in docs if isinstance(d, RawDoc)]
    failures = {Path(d.item).name: d.reason for d in docs if isinstance(d, Failure)}
    return good, failures


def test_sources_examples_yield_every_form_without_failures() -> None:
    docs = list(read_sources([str(EXAMPLES)], fetch=FetchSettings(allow_local_links=True)))
    good, failures = _split(docs)
    assert failures == {}
    assert len(good) >= 12
    assert len({d.item for d in good}) == len(good)
    by_form = {
        "warc": [d for d in good if ".warc.gz#record-" in d.item],
        "jsonl": [d for d in good if ".jsonl#L" in d.item],
        "feed": [d for d in good if "#item-" in d.item],
        "html": [d for d in good if d.item.endswith(".html")],
        "text": [d for d in good if d.item.endswith(".txt")],
    }
    assert {form: len(items) for form, items in by_form.items()} == {
        "warc": 3,
        "jsonl": 4,
        "feed": 4,
        "html": 3,
        "text": 6,
    }
    assert all(d.kind == "html" and d.url and d.fetched for d in by_form["warc"])
    assert all(d.kind == "text" and d.metadata["title"] and d.metadata["published"] for d in by_form["jsonl"])
    assert all(set(d.metadata) >= {"title", "published", "author", "site"} for d in by_form["feed"])
    # Pages linked from a feed carry the feed's metadata and are not read a second time.
    assert all(d.metadata.get("feed_title") for d in by_form["html"])
    for doc in good:
        assert doc.content.strip(), doc.item


def test_sources_examples_texts_are_articles_with_trailing_boilerplate() -> None:
    for path in sorted((EXAMPLES / "text").glob("*.txt")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert len(lines[0]) > 20 and not lines[0].endswith(".")
        tail = "\n".join(lines[-25:])
        assert "Sign up for our newsletter" in tail or "Sign up for our newsletter" in "\n".join(lines)
        assert "Download our app" in tail


def test_sources_examples_warc_is_reproducible(monkeypatch: pytest.MonkeyPatch) -> None:
    script = EXAMPLES.parent / "scripts" / "make_examples.py"
    spec = importlib.util.spec_from_file_location("make_examples", script)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # dataclasses look their module up while loading
    spec.loader.exec_module(module)
    assert module.build_warc() == (EXAMPLES / "news.warc.gz").read_bytes()


def _mixed_directory(root: Path) -> None:
    (root / "good.html").write_bytes(GOOD_HTML)
    (root / "good.txt").write_text("Headline\n\nThe minister said on Tuesday that talks would resume.\n")
    (root / "cp1252.txt").write_bytes(MIXED_ENCODING)
    (root / "empty.txt").write_bytes(b"")
    (root / "blank.txt").write_bytes(b" \n\t\n")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(200))
    (root / "report.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n")
    (root / "nul.txt").write_bytes(b"text with\x00a NUL byte")
    (root / "page.html.gz").write_bytes(gzip.compress(GOOD_HTML * 20)[:60])
    (root / "bad.gz").write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03garbage that is not deflate")
    warc = (EXAMPLES / "news.warc.gz").read_bytes()
    (root / "cut.warc.gz").write_bytes(warc[: len(warc) * 2 // 3])
    (root / "junk.warc").write_bytes(b"WARC/1.0\r\nthis is not a header block\r\n\r\n" + b"x" * 40)
    (root / "broken.rss").write_bytes(b"<?xml version='1.0'?><rss><channel><title>t</title><item><ti")
    (root / "not-a-feed.atom").write_bytes(b"\x01\x02 plainly not xml at all <<<")
    (root / "laughs.rss").write_bytes(BILLION_LAUGHS)
    (root / "xxe.xml").write_bytes(XXE)
    (root / "laughs-cut.rss").write_bytes(BILLION_LAUGHS[:-40])
    (root / "huge.html").write_bytes(b"<html><body>" + b"<p>padding</p>" * 20_000 + b"</body></html>")
    (root / "lines.jsonl").write_text(
        json.dumps({"url": "https://x.example/1", "title": "T", "text": "Fine line.", "published": "2025-03-04"})
        + "\n{not json}\n[1, 2]\n"
        + json.dumps({"title": "no text"})
        + "\n\n"
        + json.dumps({"text": "Second fine line."})
        + "\n"
    )
    os.mkfifo(root / "pipe")
    os.symlink(root / "missing-target.html", root / "dangling.html")


EXPECTED_FAILURES = {
    "empty.txt": "empty file",
    "blank.txt": "empty file (only whitespace)",
    "photo.jpg": "binary file (JPEG image)",
    "report.pdf": "binary file (PDF document)",
    "nul.txt": "binary file (contains NUL bytes)",
    "page.html.gz": "truncated gzip data (unexpected end of stream)",
    "bad.gz": "corrupt gzip data",
    "cut.warc.gz#record-": "truncated or corrupt WARC",
    "junk.warc#record-1": "truncated or corrupt WARC (0 records read before the damage)",
    "broken.rss#item-1": "feed item has neither content nor a link (malformed feed:",
    "not-a-feed.atom": "malformed feed: <unknown>:",
    "laughs.rss": "unsafe feed: XML entity declarations are not allowed",
    "laughs-cut.rss": "unsafe feed: XML entity declarations are not allowed",
    "xxe.xml": "unsafe feed: external entity 'file:///etc/passwd' is not allowed",
    "huge.html": "file too large: over 200000 bytes",
    "lines.jsonl#L2": "bad JSON line: Expecting property name",
    "lines.jsonl#L3": "bad JSON line: expected an object, got list",
    "lines.jsonl#L4": "bad JSON line: no string 'text' (or 'html') field",
    "pipe": "not a regular file",
    "dangling.html": "no such file",
}


def test_sources_bad_inputs_fail_one_by_one_and_reading_continues(tmp_path: Path) -> None:
    _mixed_directory(tmp_path)
    settings = FetchSettings(max_bytes=200_000, allow_local_links=True)
    docs = list(
        read_sources([str(tmp_path / "good.txt"), str(tmp_path), "/nonexistent/path", str(EXAMPLES)], fetch=settings)
    )
    good, failures = _split(docs)
    for name, reason in EXPECTED_FAILURES.items():
        matches = [r for item, r in failures.items() if item.startswith(name)]
        assert matches, f"no failure for {name}; failures: {failures}"
        assert matches[0].startswith(reason), (name, matches[0])
    assert failures["path"] == "no such file or directory"
    assert all("\n" not in reason for reason in failures.values())
    assert len(failures) == len(EXPECTED_FAILURES) + 1
    names = [Path(d.item).name for d in good]
    assert names.count("good.txt") == 1  # named twice, read once
    assert "good.html" in names
    assert next(d.content for d in good if d.item.endswith("cp1252.txt")) == MIXED_ENCODING
    assert "lines.jsonl#L1" in names and "lines.jsonl#L6" in names
    # Records before the damage in the truncated archive are kept.
    assert any(name.startswith("cut.warc.gz#record-") for name in names)
    # Everything in the examples directory, named after the bad inputs, is still read.
    assert sum(1 for d in good if str(EXAMPLES) in d.item or d.item.startswith(str(EXAMPLES))) >= 12


def test_sources_truncated_warc_yields_readable_records_then_one_failure() -> None:
    data = (EXAMPLES / "news.warc.gz").read_bytes()
    whole = list(read_warc(io.BytesIO(data), "a.warc.gz", 1_000_000))
    assert [d.item for d in whole] == ["a.warc.gz#record-4", "a.warc.gz#record-6", "a.warc.gz#record-8"]
    assert whole[0].fetched == datetime(2025, 3, 6, 16, 30, 27, tzinfo=UTC)
    plain = gzip.decompress(data)
    for cut in (len(data) * 3 // 4, len(data) // 2):
        docs = list(read_warc(io.BytesIO(data[:cut]), "a.warc.gz", 1_000_000))
        assert isinstance(docs[-1], Failure) and "truncated or corrupt WARC" in docs[-1].reason
        assert all(isinstance(d, RawDoc) for d in docs[:-1])
        assert [d.content for d in docs[:-1]] == [d.content for d in whole[: len(docs) - 1]]
    third_page = plain.index(b"WARC-Target-URI: https://asialedger.example/south-asia/")
    cut_plain = list(read_warc(io.BytesIO(plain[: third_page + 2000]), "a.warc", 1_000_000))
    assert [type(d).__name__ for d in cut_plain] == ["RawDoc", "RawDoc", "Failure"]
    assert "ends before its Content-Length" in cut_plain[-1].reason
    too_big = list(read_warc(io.BytesIO(data), "a.warc.gz", 1000))
    assert [d.reason for d in too_big] == ["WARC record too large: over 1000 bytes"] * 3


def test_sources_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(b"Headline from a pipe\n\nBody text.\n"))
    monkeypatch.setattr(sys, "stdin", stdin)
    (doc,) = read_sources(["-"])
    assert (doc.item, doc.kind, doc.content) == ("<stdin>", "text", b"Headline from a pipe\n\nBody text.\n")


def test_sources_file_url_and_glob(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("First story\n\nText.")
    (tmp_path / "two.txt").write_text("Second story\n\nText.")
    (tmp_path / "skip.html").write_bytes(GOOD_HTML)
    globbed = [d.item for d in read_sources([str(tmp_path / "*.txt")])]
    assert [Path(i).name for i in globbed] == ["one.txt", "two.txt"]
    (doc,) = read_sources([(tmp_path / "one.txt").as_uri()])
    assert doc.content == b"First story\n\nText."
    (failure,) = read_sources([str(tmp_path / "*.none")])
    assert failure.reason == "glob matched no files"


def test_sources_directory_walk_skips_hidden_files_and_corpus_docs(tmp_path: Path) -> None:
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nx")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("Repo\n\nx")
    (tmp_path / "README.md").write_text("# About this corpus\n")
    (tmp_path / "story.txt").write_text("Story\n\nText.")
    assert [Path(d.item).name for d in read_sources([str(tmp_path)])] == ["story.txt"]
    (readme,) = read_sources([str(tmp_path / "README.md")])
    assert readme.kind == "text"


def test_sources_jsonl_long_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "wire.jsonl"
    lines = [{"text": "short one"}, {"text": "x" * 5000}, {"text": "short two", "html": "<p>ignored</p>"}]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    docs = list(read_sources([str(path)], fetch=FetchSettings(max_bytes=1000)))
    assert [(Path(d.item).name, type(d).__name__) for d in docs] == [
        ("wire.jsonl#L1", "RawDoc"),
        ("wire.jsonl#L2", "Failure"),
        ("wire.jsonl#L3", "RawDoc"),
    ]
    assert docs[1].reason == "JSON line too long: over 1000 bytes"
    html_line = tmp_path / "html.jsonl"
    html_line.write_text(json.dumps({"url": "https://x.example/a", "html": "<p>Page</p>"}) + "\n")
    (doc,) = read_sources([str(html_line)])
    assert (doc.kind, doc.url, doc.content) == ("html", "https://x.example/a", b"<p>Page</p>")
