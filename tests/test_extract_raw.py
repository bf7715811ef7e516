"""extract_raw: dispatch on RawDoc.kind and the merge of container metadata with extracted metadata."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from eventwire.extract import ExtractionError, extract_raw
from eventwire.model import RawDoc

BODY = (
    "Ministers from the two neighbouring states signed a water-sharing agreement on Tuesday after three "
    "years of negotiations over the river that forms their common border.\n\n"
    "The deal sets seasonal quotas and creates a joint commission to settle disputes, according to the "
    "text released by the foreign ministries."
)

BARE_PAGE = (
    "<html><head><title>Neighbours sign river agreement</title></head><body><article>"
    + "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    + "</article></body></html>"
)


def test_extract_raw_text_kind_uses_container_title_not_body_guess() -> None:
    fetched = datetime(2024, 5, 2, 8, 0, tzinfo=UTC)
    raw = RawDoc(
        item="feed.xml#item-3",
        content=("Water deal ends three years of talks between the neighbours\n\n" + BODY).encode("utf-8"),
        kind="text",
        url="https://news.example/river-deal?utm_campaign=x",
        fetched=fetched,
        metadata={
            "title": "River deal signed",
            "published": "2024-05-01T17:45:00Z",
            "author": "Ana Ruiz",
            "site": "News Example",
        },
    )
    article = extract_raw(raw)
    assert article.title == "River deal signed"
    assert article.text.startswith("Water deal ends three years of talks between the neighbours\n\nMinisters")
    assert article.published == datetime(2024, 5, 1, 17, 45)  # naive UTC, as every Article keeps it
    assert article.author == "Ana Ruiz"
    assert article.site == "News Example"
    assert article.url == "https://news.example/river-deal?utm_campaign=x"
    assert article.canonical_url == "https://news.example/river-deal"
    assert article.fetched == fetched.replace(tzinfo=None)  # naive UTC
    assert article.item == "feed.xml#item-3"
    assert article.source_kind == "text"
    assert article.raw == raw.content


def test_extract_raw_text_kind_without_container_title_guesses_headline() -> None:
    raw = RawDoc(item="a.txt", content=("Neighbours sign river agreement\n\n" + BODY).encode("utf-8"), kind="text")
    article = extract_raw(raw)
    assert article.title == "Neighbours sign river agreement"
    assert article.text == BODY


def test_extract_raw_html_extraction_wins_container_fills_gaps() -> None:
    raw = RawDoc(
        item="page.html",
        content=BARE_PAGE.encode("utf-8"),
        kind="html",
        url="https://news.example/world/river",
        metadata={
            "title": "Feed title for the river story",
            "published": "2024-05-01",
            "author": "Desk Reporter",
            "feed_title": "Example Feed",
        },
    )
    article = extract_raw(raw)
    assert article.title == "Neighbours sign river agreement"  # the page's own title
    assert article.published == datetime(2024, 5, 1)  # the page has none
    assert article.author == "Desk Reporter"
    assert article.site == "Example Feed"
    assert article.text == BODY
    assert article.source_kind == "html"
    assert article.canonical_url == "https://news.example/world/river"


def test_extract_raw_uses_http_charset_hint() -> None:
    page = BARE_PAGE.replace("river that forms", "río that forms")
    raw = RawDoc(
        item="u",
        content=page.encode("cp1252"),
        kind="html",
        metadata={"content_type": "text/html; charset=windows-1252"},
    )
    assert "río that forms" in extract_raw(raw).text


def test_extract_raw_jsonl_html_and_warc_kinds_go_through_html() -> None:
    raw = RawDoc(item="dump.warc.gz#record-1", content=BARE_PAGE.encode("utf-8"), kind="warc")
    article = extract_raw(raw)
    assert article.text == BODY
    assert article.source_kind == "warc"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty input"), (b"\x89PNG\r\n\x1a\n" + bytes(64), "binary content (not text)")],
)
def test_extract_raw_bad_input_reason(content: bytes, reason: str) -> None:
    with pytest.raises(ExtractionError) as err:
        extract_raw(RawDoc(item="x", content=content, kind="html"))
    assert str(err.value).startswith(reason)
    assert isinstance(err.value, ValueError)


def test_extract_raw_source_kind_is_the_container_when_known() -> None:
    raw = RawDoc(item="f.xml#item-1", content=BARE_PAGE.encode("utf-8"), kind="html", container="feed")
    article = extract_raw(raw)
    assert article.source_kind == "feed"
    assert article.text == BODY
