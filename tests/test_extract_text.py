"""Plain-text extraction: headline, paragraphs, and removal of web boilerplate lines."""

from __future__ import annotations

from datetime import datetime

import pytest

from eventwire.extract import ExtractionError, extract_text_article
from eventwire.extract.boilerplate import classify_paragraphs
from eventwire.extract.dateline import parse_dateline
from eventwire.extract.text import split_paragraphs

SEED_TITLE = "Putin Responds to U.S. Missile Approval with Nuclear Doctrine Overhaul"
SEED_BOILERPLATE = (
    "Discover more from",
    "Subscribe",
    "Join WhatsApp",
    "Join Now",
    "Leave a Comment",
    "Continue reading",
)

HARBOUR_STORY = """Harbour Workers End Strike After Pay Deal

By Maria Okafor

Dock workers in the port city ended a nine-day strike on Thursday after union leaders accepted a revised pay offer from the harbour authority, officials said.

The agreement raises wages by 6 percent over two years and restores overtime rules that the authority had suspended in March, according to a statement from the union.

Shipping companies had warned that the stoppage was costing them millions of dollars a day, with more than forty vessels waiting offshore by Wednesday evening.

Share this article on Facebook
Sign up for our newsletter
Download our app
Related: Port authority names new chief executive
Photo: Reuters
Follow us on X
Comments (12)
Advertisement
"""

ELECTION_STORY = """Electoral commission delays count in northern province

Officials postponed the tally by two days after ballot boxes from three districts arrived late, the commission's chairman told reporters in the capital on Monday.

Opposition parties accused the government of interfering with the transport of the ballots, a charge the interior ministry denied in a written statement.

We use cookies to improve your experience. By continuing to browse this site you agree to our use of cookies.
Accept all cookies
Manage preferences
Read more: Five things to know about the vote
Get the latest headlines delivered to your inbox every morning.
Tags: elections, politics
"""

WIRE_PAGE = """Skip to main content
Menu
World
Politics

Rebels agree to ceasefire in eastern region

Updated 14 March 2023, 09:12 GMT
By James Holloway and Priya Natarajan
5 min read

NAIROBI - Rebel commanders agreed on Sunday to a two-week ceasefire in the eastern region, mediators said, raising hopes for talks aimed at ending a conflict that has displaced more than a million people.

"We are ready to give peace a chance," a rebel spokesman told reporters by phone.

The government said it would respect the truce as long as the rebels withdrew from the towns they seized last month.

Reporting by James Holloway; Editing by Mark Heinrich

Most Read
Army chief sacked after border clash
Floods hit capital as river bursts its banks after a week of heavy rain
Talks on grain corridor stall again
Image credit: AP
Loading comments…
© 2023 Example Wire. All rights reserved.
Click here to subscribe
Posted in World, Africa
"""

KICKER_FIRST = """WORLD NEWS

Kremlin rejects proposal for prisoner exchange talks

The Kremlin says the plan ignores its conditions and warns of consequences

Moscow on Friday rejected a proposal for new talks on a prisoner exchange, saying the plan put forward by the mediators ignored the conditions it had set out in the spring.

The mediators said they would continue contacts with both sides.
"""

NO_HEADLINE_STORY = """The finance minister resigned on Friday, two weeks after a budget vote that split the governing coalition and left the cabinet without a majority in parliament.

Her deputy will take over until a successor is named, the prime minister's office said.
"""


def test_extract_text_seed_title_body_and_boilerplate(seed_text: str) -> None:
    article = extract_text_article(seed_text)
    assert article.title == SEED_TITLE
    assert article.source_kind == "text"
    assert article.language == "en"
    assert article.text.startswith("On the 1,000th day")
    assert article.text.endswith("increasingly dangerous confrontation.")
    for phrase in SEED_BOILERPLATE:
        assert phrase not in article.text
    assert SEED_TITLE not in article.text


def test_extract_text_seed_keeps_every_paragraph_separated(seed_text: str) -> None:
    article = extract_text_article(seed_text)
    start = seed_text.index("On the 1,000th day")
    end = seed_text.index("increasingly dangerous confrontation.") + len("increasingly dangerous confrontation.")
    originals = [p.strip() for p in seed_text[start:end].split("\n\n") if p.strip()]
    kept = article.text.split("\n\n")
    assert kept == originals
    assert "Putin’s Nuclear Warning" in kept  # section headings stay, as their own paragraph


def test_extract_text_seed_drops_kicker_line(seed_text: str) -> None:
    article = extract_text_article(seed_text)
    assert not article.text.startswith("Putin News")


def test_extract_text_other_trailing_boilerplate_removed() -> None:
    article = extract_text_article(HARBOUR_STORY)
    assert article.title == "Harbour Workers End Strike After Pay Deal"
    assert article.author == "Maria Okafor"
    assert article.text.startswith("Dock workers in the port city")
    assert article.text.endswith("by Wednesday evening.")
    for line in (
        "Share this",
        "newsletter",
        "Download our app",
        "Related:",
        "Photo:",
        "Follow us",
        "Comments (12)",
        "Advertisement",
    ):
        assert line not in article.text
    assert article.text.count("\n\n") == 2


def test_extract_text_cookie_notice_and_labels_removed() -> None:
    article = extract_text_article(ELECTION_STORY)
    assert article.title == "Electoral commission delays count in northern province"
    assert "cookies" not in article.text
    assert "Manage preferences" not in article.text
    assert "Read more" not in article.text
    assert "inbox" not in article.text
    assert "Tags:" not in article.text
    assert article.text.endswith("in a written statement.")


def test_extract_text_menu_byline_dateline_and_teasers_removed() -> None:
    article = extract_text_article(WIRE_PAGE)
    assert article.title == "Rebels agree to ceasefire in eastern region"
    assert article.author == "James Holloway and Priya Natarajan"
    assert article.published == datetime(2023, 3, 14, 9, 12)  # naive UTC
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("NAIROBI - Rebel commanders")
    assert paragraphs[-1].endswith("the towns they seized last month.")
    assert len(paragraphs) == 3


def test_extract_text_kicker_above_headline_and_standfirst_kept() -> None:
    article = extract_text_article(KICKER_FIRST)
    assert article.title == "Kremlin rejects proposal for prisoner exchange talks"
    assert article.text.startswith("The Kremlin says the plan ignores its conditions")
    assert "WORLD NEWS" not in article.text


def test_extract_text_no_headline_when_text_opens_with_prose() -> None:
    article = extract_text_article(NO_HEADLINE_STORY)
    assert article.title is None
    assert article.text.startswith("The finance minister resigned")
    assert article.text.endswith("the prime minister's office said.")


def test_extract_text_news_prose_mentioning_platforms_is_kept() -> None:
    text = (
        "Regulators fine platform over data rules\n\n"
        "Share prices of the company fell 4 percent after regulators said its users had been asked to "
        "subscribe to a premium plan before they could delete their Facebook-linked accounts.\n\n"
        "The company said it would appeal the fine, which it called disproportionate."
    )
    article = extract_text_article(text)
    assert "Share prices of the company fell" in article.text
    assert "would appeal the fine" in article.text


def test_extract_text_hard_wrapped_lines_are_joined() -> None:
    text = (
        "Talks resume in Geneva\n\n"
        "Negotiators from both delegations returned to the table on Tuesday for\n"
        "a third round of talks, mediators said, after a pause of almost a\n"
        "month caused by disagreements over the agenda.\n"
    )
    article = extract_text_article(text)
    assert article.text == (
        "Negotiators from both delegations returned to the table on Tuesday for a third round of talks, "
        "mediators said, after a pause of almost a month caused by disagreements over the agenda."
    )


def test_extract_text_list_lines_stay_apart() -> None:
    assert split_paragraphs("Menu\nHome\nWorld\n\nA paragraph.") == ["Menu", "Home", "World", "A paragraph."]


def test_extract_text_classifier_reports_reasons() -> None:
    verdicts = classify_paragraphs(["Photo: AFP", "A normal sentence that reports what officials said on Monday."])
    assert verdicts[0].boilerplate and "label" in verdicts[0].reasons
    assert not verdicts[1].boilerplate


@pytest.mark.parametrize("text", ["", "   \n\n  "])
def test_extract_text_empty_input_raises(text: str) -> None:
    with pytest.raises(ExtractionError, match="empty input"):
        extract_text_article(text)


def test_extract_text_only_boilerplate_raises() -> None:
    with pytest.raises(ExtractionError, match="no article text found"):
        extract_text_article("Subscribe now\nShare this article on Facebook\nAdvertisement")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Published: November 19, 2024 at 3:05 pm", datetime(2024, 11, 19, 15, 5)),
        ("Posted 2024-11-19 10:00", datetime(2024, 11, 19, 10, 0)),
        ("19.11.2024", datetime(2024, 11, 19)),
        ("Nov. 3rd, 2021", datetime(2021, 11, 3)),
        ("Updated 12:30 am, 2 May 2022", datetime(2022, 5, 2)),
        ("5 min read", None),
        ("Updated 31 February 2023", None),
        ("03/04/2023", None),
    ],
)
def test_extract_text_dateline_parsing(line: str, expected: datetime | None) -> None:
    assert parse_dateline(line) == expected
