"""The fuzz targets: untrusted bytes into each stage, with the invariants its result must keep.

A target returns quietly for every documented clean outcome (an Article, a ParsedFeed, RawDocs, a
Failure, ``ExtractionError``); anything else it raises is a crash, including ``InvariantError`` for
a result that breaks a promise (an offset outside the text, a span whose text is not what it
points at). Targets import the stages inside, so the fuzzing child can instrument them first and
tests can replay inputs without atheris. Used by benchmarks/fuzz.py and tests/test_fuzz_*.py.
"""

from __future__ import annotations

import gzip
import io
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Run as a script (or as fuzz.py's child) only benchmarks/ is on the path: `benchmarks.synthetic`
# lives under the repository root.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
REGRESSION_DIR = ROOT / "tests" / "fuzz_corpus"
ITEM = "fuzz-input"
PAGE_URL = "https://news.example/world/2024/11/19/talks"
# Why 1 MB: a WARC record bigger than this takes a path the fuzzer cannot reach with small inputs anyway.
MAX_RECORD_BYTES = 1024 * 1024
MAX_JSONL_LINE = 64 * 1024
# Inputs the fuzzer may grow to. Pages need room for real markup (the seed page is ~3 KB); the
# parser-bound targets stay short so each execution stays fast.
MAX_LEN = {"html": 8192, "text": 4096, "feed": 4096, "warc": 4096, "jsonl": 2048, "time": 1024, "analyze": 1024}
SPAN_ITEMS = ("entities", "actors", "timexes")
# Numbers for the time words of the dictionaries: small counts, years, and ones past any calendar.
NUMBER_TOKENS = ("1", "3", "12", "31", "1999", "2024", "9999", "10000", "99999999")


class InvariantError(AssertionError):
    """A stage returned without raising, but what it returned is wrong."""


def require(condition: bool, message: str) -> None:
    if not condition:
        raise InvariantError(message)


def split_dated(data: bytes) -> tuple[date | None, str]:
    """Fuzzer bytes as (document date, text): three bytes pick any date from 0001 to 9999 (0 = none)."""
    number = int.from_bytes(data[:3], "big")
    dct = None if number == 0 else date.fromordinal(1 + number % date.max.toordinal())
    return dct, data[3:].decode("utf-8", "replace")


def dated(dct: date | None, text: str) -> bytes:
    """The inverse of ``split_dated``, for building seeds and regression inputs."""
    number = 0 if dct is None else dct.toordinal() - 1
    return number.to_bytes(3, "big") + text.encode("utf-8")


def check_span(text: str, start: int, end: int, quoted: str | None, what: str) -> None:
    require(0 <= start <= end <= len(text), f"{what} offsets {start}:{end} outside a text of {len(text)} chars")
    require(quoted is None or text[start:end] == quoted, f"{what} text {quoted!r} is not text[{start}:{end}]")


def check_storable(*values: object) -> None:
    """Strings must encode as UTF-8 (no lone surrogates): the store, Parquet and JSON all need it."""
    for value in values:
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InvariantError(f"string the store cannot hold: {exc}") from exc


def check_article(article) -> None:
    require(isinstance(article.text, str) and bool(article.text.strip()), "article without text")
    require(bool(article.id), "article without id")
    fields = (article.text, article.title, article.url, article.canonical_url, article.site, article.author)
    check_storable(*fields, article.language, article.item)


def fuzz_html(data: bytes) -> None:
    from eventwire.extract import ExtractionError, extract_article

    try:
        article = extract_article(data, url=PAGE_URL)
    except ExtractionError:
        return
    check_article(article)


def fuzz_text(data: bytes) -> None:
    from eventwire.extract import ExtractionError, extract_text_article

    try:
        article = extract_text_article(data)
    except ExtractionError:
        return
    check_article(article)


def fuzz_feed(data: bytes) -> None:
    from eventwire.model import Failure, RawDoc
    from eventwire.sources.feedparse import parse_feed
    from eventwire.sources.feeds import FeedSource, entry_doc
    from eventwire.sources.fetch import FetchSettings

    parsed = parse_feed(data, ITEM)
    if isinstance(parsed, Failure):
        require("\n" not in parsed.reason, "multi-line failure reason")
        return
    source = FeedSource(item=ITEM, url="https://news.example/feed.xml")
    for index, entry in enumerate(parsed.entries, start=1):
        # Items with only a link would be fetched from the network; their parsing is covered all the same.
        if entry.has_full_content:
            doc = entry_doc(entry, index, parsed, source, FetchSettings())
            require(isinstance(doc, RawDoc | Failure), f"feed item became {type(doc).__name__}")
            if isinstance(doc, RawDoc):
                check_storable(doc.url, *doc.metadata.values())


def _check_container_items(items: list) -> None:
    from eventwire.model import Failure, RawDoc

    for doc in items:
        require(isinstance(doc, RawDoc | Failure), f"container item became {type(doc).__name__}")
        if isinstance(doc, Failure):
            require("\n" not in doc.reason, "multi-line failure reason")
        else:
            check_storable(doc.item, doc.url, *doc.metadata.values())


def fuzz_warc(data: bytes) -> None:
    from eventwire.sources.warc import read_warc

    _check_container_items(list(read_warc(io.BytesIO(data), ITEM, MAX_RECORD_BYTES)))


def fuzz_jsonl(data: bytes) -> None:
    from eventwire.sources.jsonl import read_jsonl

    _check_container_items(list(read_jsonl(io.BytesIO(data), ITEM, MAX_JSONL_LINE)))


def fuzz_time(data: bytes) -> None:
    from eventwire.annotate.timex import find_timexes

    dct, text = split_dated(data)
    end = 0
    for timex in find_timexes(text, dct):
        check_span(text, timex.start, timex.end, timex.text, "timex")
        require(timex.start >= end, "overlapping timexes")
        require(timex.type in ("DATE", "TIME", "DURATION", "SET"), f"timex type {timex.type!r}")
        require(isinstance(timex.value, str) and bool(timex.value), "timex without value")
        end = timex.end


def fuzz_analyze(data: bytes) -> None:
    from eventwire.pipeline import analyze

    published, text = split_dated(data)
    doc = analyze(text, published)
    require(doc.text == text, "document text differs from the input")
    for sentence in doc.sentences:
        check_span(text, sentence.start, sentence.end, None, "sentence")
    for name in SPAN_ITEMS:
        for span in getattr(doc, name):
            check_span(text, span.start, span.end, span.text, name)
    for quote in doc.quotes:
        check_span(text, quote.start, quote.end, None, "quote")
        for part in (quote.content, quote.speaker, quote.cue, quote.speaker_ref):
            if part is not None:
                check_span(text, part.start, part.end, part.text, "quote part")
    for event in doc.events:
        sides = (event.source.span, event.target.span if event.target else None)
        for part in (event.action, event.sentence, *sides):
            if part is not None:
                check_span(text, part.start, part.end, part.text, f"event {event.cameo_code}")


TARGETS: dict[str, Callable[[bytes], None]] = {
    "html": fuzz_html,
    "text": fuzz_text,
    "feed": fuzz_feed,
    "warc": fuzz_warc,
    "jsonl": fuzz_jsonl,
    "time": fuzz_time,
    "analyze": fuzz_analyze,
}


def _small_warc(html: str, compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)
    body = html.encode("utf-8")
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(PAGE_URL, "response", payload=io.BytesIO(body), http_headers=http))
    writer.write_record(writer.create_warc_record(PAGE_URL, "metadata", payload=io.BytesIO(b"via: fuzz")))
    return out.getvalue()


def seed_inputs(target: str) -> list[bytes]:
    """Small valid inputs to start from: the fuzzer mutates these instead of discovering formats."""
    from benchmarks.synthetic.articles import generate_article

    article = generate_article(3)
    paragraphs = article.text.split("\n\n")
    short_text = "\n\n".join(paragraphs[:2])
    page = "<html><head><title>Talks</title></head><body><article><h1>Talks</h1><p>{}</p></article></body></html>"
    small_page = page.format(paragraphs[0])
    if target == "html":
        return [
            article.html.encode("utf-8"),
            small_page.encode("utf-8"),
            small_page.replace("<head>", "<head><meta charset='windows-1252'>").encode("cp1252", "replace"),
            gzip.compress(small_page.encode("utf-8"), mtime=0),
            "\ufeff".encode("utf-16-le") + small_page.encode("utf-16-le"),
        ]
    if target == "text":
        return [
            f"{article.title}\n\n{short_text}\n\nShare this article".encode(),
            short_text.encode("cp1252", "replace"),
        ]
    if target == "feed":
        item = f"<item><title>{article.title}</title><link>{PAGE_URL}</link><description>{paragraphs[0]}</description>"
        rss = f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{item}<pubDate>Tue, 19 Nov 2024 10:00:00 GMT</pubDate></item></channel></rss>'
        atom = (
            '<feed xmlns="http://www.w3.org/2005/Atom"><title>News</title><entry><id>urn:x:1</id><title>Talks</title>'
            f'<updated>2024-11-19T10:00:00Z</updated><content type="html">&lt;p&gt;{paragraphs[0]}&lt;/p&gt;</content></entry></feed>'
        )
        return [rss.encode(), atom.encode(), rss.replace("<rss", '<!DOCTYPE rss [<!ENTITY a "b">]><rss').encode()]
    if target == "warc":
        return [_small_warc(small_page, compress=True), _small_warc(small_page, compress=False)]
    if target == "jsonl":
        line = f'{{"url": "{PAGE_URL}", "title": "Talks", "text": "{paragraphs[0]}", "published": "2024-11-19"}}\n'
        return [(line * 2).encode(), gzip.compress(line.encode(), mtime=0), b'{"html": "<p>Talks</p>"}\n[1]\n']
    when = article.published.date()
    if target == "time":
        return [
            dated(when, "On Monday, two days after the Nov. 5 vote, talks resumed; last year 3 weeks ago since 2019."),
            dated(date(2024, 11, 19), "every Tuesday at 5 p.m., in the 1990s, during the summer of 2021, Q3 2024"),
        ]
    return [dated(when, paragraphs[0]), dated(date(2024, 11, 19), "The president said on Monday that he would visit.")]


def write_dictionary(target: str, path: Path) -> Path | None:
    """A libFuzzer dictionary: the committed token list for the format, plus time words from the lexicon."""
    lines = []
    static = REGRESSION_DIR / f"{target}.dict"
    if static.is_file():
        lines += static.read_text(encoding="utf-8").splitlines()
    if target in ("time", "analyze"):
        from eventwire.annotate.timex import WORD_FAMILIES

        words = [*sorted(WORD_FAMILIES), *NUMBER_TOKENS, "ago", "since", "until", "said", "told"]
        lines += [
            f'" {word} "' for word in words if word.isascii() and word.isprintable() and not set(word) & set('"\\')
        ]
    if not lines:
        return None
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@dataclass(frozen=True, slots=True)
class OpenBug:
    """A crash class found by fuzzing whose fix belongs to code that is being reworked elsewhere."""

    description: str
    pattern: re.Pattern[str]  # matched against a crash summary: "<exception line> | <innermost eventwire frame>"
    inputs: tuple[str, ...]  # regression inputs ("<target>/<file>") that reproduce it


OPEN_BUGS: tuple[OpenBug, ...] = ()


def open_bug(summary: str) -> OpenBug | None:
    """The known open bug a crash summary shows, if any."""
    return next((bug for bug in OPEN_BUGS if bug.pattern.search(summary)), None)
