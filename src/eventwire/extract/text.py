"""Plain text → article text: paragraphs, headline, byline, and boilerplate lines removed.

Scraped plain text keeps the page's furniture as lines ("Share this article", "Join WhatsApp",
"Photo: Reuters"); ``boilerplate.classify_paragraphs`` scores them away. The output separates
paragraphs with one blank line, so character offsets and sentence splitting downstream stay sane.
"""

from __future__ import annotations

import re
import unicodedata

from eventwire.errors import ExtractionError
from eventwire.extract import rules
from eventwire.extract.boilerplate import (
    ParagraphVerdict,
    classify_paragraphs,
    ends_like_sentence,
    is_sentence,
    word_count,
)
from eventwire.extract.dateline import parse_dateline
from eventwire.extract.metadata import PageMetadata

BLANK_LINE = re.compile(r"\n[ \t\u00a0]*\n")
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
# Why 40 chars: hard-wrapped text (e-mail, wire copy) wraps at 60-80 columns; list-like lines
# (menus, link lists) are shorter.
HARD_WRAP_MIN_CHARS = 40
# Headlines: a handful of words up to a long two-clause title; longer lines are paragraphs.
HEADLINE_MIN_WORDS = 2
HEADLINE_MAX_WORDS = 25
HEADLINE_MAX_CHARS = 250
HEADLINE_BAD_END = re.compile(r"[.,;:]['\"”’»)]*$")
# Why 3 paragraphs: without site chrome around it, a headline is the first line or close below.
HEADLINE_SEARCH_DEPTH = 3
# Why 3 words: kickers and section labels ("Putin News", "World") are one to three words long.
KICKER_MAX_WORDS = 3
# Features that mark a line as furniture whatever its shape: such a line is never the headline.
DECISIVE_REASONS = frozenset({"phrase", "label", "cta-start", "dateline-byline", "repeated"})
PARAGRAPH_SEPARATOR = "\n\n"


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no invisible characters, single spaces inside lines."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = INVISIBLE.sub("", text)
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _is_hard_wrapped(lines: list[str]) -> bool:
    """Lines of one block are a wrapped paragraph when the non-final ones are long and mostly end mid-sentence."""
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if any(len(line) < HARD_WRAP_MIN_CHARS for line in body):
        return False
    open_ends = sum(1 for line in body if not ends_like_sentence(line))
    return open_ends * 2 >= len(body)


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a plain text: blank-line blocks, with wrapped lines joined and list-like lines kept apart."""
    paragraphs = []
    for block in BLANK_LINE.split(normalize_text(text)):
        lines = [line for line in block.split("\n") if line]
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def looks_like_headline(paragraph: str) -> bool:
    """Short, unpunctuated at the end, not a sentence and not a call to action."""
    words = word_count(paragraph)
    return (
        HEADLINE_MIN_WORDS <= words <= HEADLINE_MAX_WORDS
        and len(paragraph) <= HEADLINE_MAX_CHARS
        and not HEADLINE_BAD_END.search(paragraph)
        and not rules.cta_start(paragraph)
        and not rules.STRONG_PHRASES.search(paragraph)
        and " ".join(rules.WORD.findall(paragraph.lower())) not in rules.UI_STRINGS
        and not rules.LABEL_LINE.match(paragraph)
        and not rules.META_LINE.match(paragraph)
        and not rules.BYLINE.match(paragraph)
    )


def _find_headline(verdicts: list[ParagraphVerdict]) -> int | None:
    """Index of the headline: the first headline-like line at the top that is not site furniture.

    A kicker ("World News") may sit above the headline: a candidate of at most KICKER_MAX_WORDS words
    followed by another candidate gives way to it.
    """
    candidates = []
    for i, verdict in enumerate(verdicts[:-1]):
        at_top = verdict.region == "lead" or (verdict.region == "body" and i < HEADLINE_SEARCH_DEPTH)
        if not at_top or (verdict.region == "body" and is_sentence(verdict.text)):
            break
        if looks_like_headline(verdict.text) and not DECISIVE_REASONS.intersection(verdict.reasons):
            candidates.append(i)
    if not candidates:
        return None
    if len(candidates) > 1 and word_count(verdicts[candidates[0]].text) <= KICKER_MAX_WORDS:
        return candidates[1]
    return candidates[0]


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def clean_text(text: str, title: str | None = None) -> tuple[str, PageMetadata]:
    """Body text plus headline, byline author and dateline date of a scraped plain text.

    Args:
        text: the plain text.
        title: a title known from elsewhere (feed, JSONL); then no headline is guessed from the body,
            and a first paragraph repeating it is dropped.

    Returns:
        (body with paragraphs separated by blank lines, metadata with title, author, published).

    Raises:
        ExtractionError: no text, or nothing left once boilerplate is removed.
    """
    paragraphs = split_paragraphs(text)
    if not paragraphs:
        raise ExtractionError("empty input")
    if title and _same_text(paragraphs[0], title):
        paragraphs = paragraphs[1:]
    verdicts = classify_paragraphs(paragraphs)
    if not title:
        index = _find_headline(verdicts)
        if index is not None:
            title = verdicts[index].text
            verdicts = verdicts[index + 1 :]
    author, published = None, None
    for verdict in verdicts:
        if verdict.region != "lead" or not verdict.boilerplate:
            continue
        byline = rules.BYLINE.match(verdict.text)
        if byline and author is None:
            author = byline.group(1).rstrip(",")
        elif published is None and rules.META_LINE.match(verdict.text):
            published = parse_dateline(verdict.text)
    body = PARAGRAPH_SEPARATOR.join(v.text for v in verdicts if not v.boilerplate)
    if not body:
        raise ExtractionError("no article text found")
    return body, PageMetadata(title=title, author=author, published=published)
