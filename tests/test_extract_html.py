"""HTML extraction: main text without site chrome, page metadata, encodings and bad input."""

from __future__ import annotations

from datetime import datetime

import pytest

from eventwire.extract import MAX_INPUT_BYTES, ExtractionError, extract_article

PARAGRAPHS = [
    "The coastal republic's parliament approved a law on Wednesday that moves the national election "
    "forward by six months, ending weeks of protests over the government's handling of the fuel crisis.",
    "Prime Minister Alana Reyes said the early vote would give citizens a chance to judge her coalition's "
    "record, and promised that international observers would be invited to monitor the ballot.",
    "Opposition leader Tomas Vidal called the decision a victory for the demonstrators, who had camped "
    "outside the assembly since the start of the month, but warned that the timetable left little room "
    "for new parties to register.",
    "The electoral commission is expected to publish a detailed calendar next week, including the "
    "deadline for candidate lists and the rules for campaign financing.",
]

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Parliament brings election forward after protests | The Harbour Gazette</title>
<meta property="og:title" content="Parliament brings election forward after protests | The Harbour Gazette">
<meta property="og:site_name" content="The Harbour Gazette">
<meta name="author" content="Lena Marsh">
<meta property="article:published_time" content="2024-03-06T14:30:00+00:00">
<link rel="canonical" href="https://www.harbourgazette.example/politics/election-forward?utm_source=rss&amp;utm_medium=feed">
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
  <button>Accept all cookies</button> <a href="/privacy">Privacy policy</a></div>
<header>
  <nav class="main-menu"><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World</a></li>
    <li><a href="/politics">Politics</a></li><li><a href="/business">Business</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li>
  </ul></nav>
</header>
<main>
<article>
  <h1>Parliament brings election forward after protests</h1>
  <p class="byline">By Lena Marsh</p>
  <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a>
    <a href="#">Email this article</a></div>
  PARAGRAPHS
  <div class="newsletter-box"><p>Sign up for our morning newsletter and get the news in your inbox.</p></div>
</article>
<aside class="related-links"><h3>Related stories</h3><ul>
  <li><a href="/a">Fuel prices climb for third week in a row across the region</a></li>
  <li><a href="/b">Central bank holds rates as inflation cools unexpectedly</a></li>
  <li><a href="/c">Transport unions call off Friday walkout after late talks</a></li>
</ul></aside>
<section id="comments" class="comments"><h3>Comments (2)</h3>
  <div class="comment"><p>Reader123: About time they listened to the people on the street!</p></div>
  <div class="comment"><p>HarbourFan: Six months is still far too long to wait for a new vote.</p></div>
</section>
</main>
<footer><p>Copyright 2024 The Harbour Gazette. All rights reserved.</p>
  <a href="/terms">Terms of use</a> <a href="/contact">Contact us</a></footer>
</body></html>
""".replace("PARAGRAPHS", "\n  ".join(f"<p>{p}</p>" for p in PARAGRAPHS))

CHROME = (
    "We use cookies",
    "Accept all cookies",
    "Business",
    "Share on Facebook",
    "newsletter",
    "Fuel prices climb",
    "Central bank holds rates",
    "About time they listened",
    "far too long to wait",
    "All rights reserved",
    "Terms of use",
)

LATIN_PAGE = """<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">
<title>Café owners protest new rules</title></head><body><article><h1>Café owners protest new rules</h1>
<p>The owners of the café on the main square said on Friday that the city's new opening-hours rules
would force them to let go of staff, and that the mayor's office had not consulted them beforehand.</p>
<p>A spokesperson for the mayor said the rules followed complaints from residents about noise late at
night, and that exceptions would be considered for businesses near the station and the old harbour.</p>
</article></body></html>"""


def test_extract_html_keeps_article_and_drops_chrome() -> None:
    article = extract_article(PAGE, url="https://www.harbourgazette.example/politics/election-forward")
    for paragraph in PARAGRAPHS:
        assert paragraph in article.text
    for chrome in CHROME:
        assert chrome not in article.text, chrome
    assert "\n\n" in article.text  # paragraphs separated by blank lines


def test_extract_html_metadata() -> None:
    article = extract_article(PAGE)
    assert article.title == "Parliament brings election forward after protests"
    assert article.author == "Lena Marsh"
    assert article.published == datetime(2024, 3, 6, 14, 30)  # naive UTC
    assert article.site == "The Harbour Gazette"
    assert article.canonical_url == "https://www.harbourgazette.example/politics/election-forward"
    assert article.language == "en"
    assert article.source_kind == "html"
    assert article.raw == PAGE.encode("utf-8")


def test_extract_html_bytes_keep_raw_and_url() -> None:
    data = PAGE.encode("utf-8")
    article = extract_article(data, url="https://www.harbourgazette.example/p?id=7")
    assert article.raw is data
    assert article.url == "https://www.harbourgazette.example/p?id=7"
    assert article.id.startswith("a_")


def test_extract_html_relative_canonical_resolved_against_url() -> None:
    page = PAGE.replace(
        "https://www.harbourgazette.example/politics/election-forward?utm_source=rss&amp;utm_medium=feed",
        "/politics/election-forward",
    )
    article = extract_article(page, url="https://www.harbourgazette.example/amp/123")
    assert article.canonical_url == "https://www.harbourgazette.example/politics/election-forward"


def test_extract_html_latin1_bytes_declared() -> None:
    article = extract_article(LATIN_PAGE.encode("latin-1"))
    assert "owners of the café on the main square" in article.text
    assert article.title == "Café owners protest new rules"


def test_extract_html_windows_1252_bytes_undeclared() -> None:
    page = LATIN_PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "")
    page = page.replace("the mayor's office", "the mayor’s office — again")
    article = extract_article(page.encode("cp1252"))
    assert "the mayor’s office — again" in article.text
    assert "café" in article.text


def test_extract_html_wrongly_declared_utf8() -> None:
    page = LATIN_PAGE.replace("iso-8859-1", "utf-8")
    article = extract_article(page.encode("cp1252"))
    assert "owners of the café on the main square" in article.text
    assert "\ufffd" not in article.text


def test_extract_html_mixed_encoding_bytes() -> None:
    utf8_part = LATIN_PAGE.encode("utf-8")
    stray = "Résumé of the council’s decision".encode("cp1252")
    data = utf8_part.replace(b"</article>", b"<p>" + stray + b" was published late on Friday evening.</p></article>")
    article = extract_article(data)
    assert "owners of the café on the main square" in article.text
    assert "Résumé of the council’s decision" in article.text


def test_extract_html_utf16_with_bom() -> None:
    article = extract_article(LATIN_PAGE.replace("iso-8859-1", "utf-16").encode("utf-16"))
    assert "owners of the café" in article.text


@pytest.mark.parametrize("data", [b"", b"   \n\t ", ""])
def test_extract_html_empty_input(data: bytes | str) -> None:
    with pytest.raises(ExtractionError, match="empty input"):
        extract_article(data)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10", "PNG"),
        (bytes(range(256)) * 8, "binary data"),
    ],
)
def test_extract_html_binary_input(data: bytes, kind: str) -> None:
    with pytest.raises(ExtractionError, match=r"binary content \(not text\)") as err:
        extract_article(data)
    assert kind in str(err.value)
    assert "\n" not in str(err.value)


def test_extract_html_oversize_page() -> None:
    data = b"<html><body><p>" + b"a" * (MAX_INPUT_BYTES + 1) + b"</p></body></html>"
    with pytest.raises(ExtractionError, match="page larger than"):
        extract_article(data)


def test_extract_html_page_without_text() -> None:
    with pytest.raises(ExtractionError, match="no article text found"):
        extract_article("<html><head><title>x</title></head><body><nav><a href='/'>Home</a></nav></body></html>")


def test_extract_html_fragment_and_plain_text_inputs() -> None:
    fragment = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    assert PARAGRAPHS[0] in extract_article(fragment).text
    plain = extract_article("\n\n".join(PARAGRAPHS).encode("utf-8"))
    assert plain.text.split("\n\n") == PARAGRAPHS
    assert plain.source_kind == "html"


def test_extract_html_language_from_text_over_wrong_declaration() -> None:
    german = (
        "<html lang='en'><body><article><p>Die Regierung hat am Mittwoch beschlossen, die Wahl um sechs Monate "
        "vorzuziehen, nachdem es wochenlang Proteste gegen die Energiepolitik gegeben hatte.</p><p>Die Opposition "
        "sprach von einem Erfolg der Demonstranten, die seit Anfang des Monats vor dem Parlament ausharren.</p>"
        "</article></body></html>"
    )
    assert extract_article(german).language == "de"
