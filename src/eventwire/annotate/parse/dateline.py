"""Datelines and bylines: the furniture at the top of a news story, never an actor or a speaker.

"KABUL, Afghanistan (AP) —", "WASHINGTON —", "LONDON (Reuters) -" and "By Jane Doe" say where a
story was filed and who wrote it. Read as text, the city becomes its government and the source of
the story's first event, and the agency or writer a speaker. Every annotation stage skips these
spans; the dateline's place may still tell whose "the president" is (``Furniture.place``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# The dash after a dateline: an em or en dash, a double hyphen, or a spaced hyphen or underscore
# (older wire copy: "NAIROBI, Kenya (AP) _").
DASH = r"(?:—|–|―|--|[-_](?=\s))"
# A dateline opens a paragraph: a place in capitals (or any place followed by an agency in
# parentheses), an optional region or country, an optional agency and a dash.
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){0,3})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,2}))?"
    r"(?:\s*\((?P<agency>[A-Za-z.&'’ ]{2,30})\))?"
    r"\s*" + DASH + r"\s*"
)
AGENCY_DATELINE = re.compile(
    r"(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+){0,2})"
    r"(?:,\s*(?P<region>[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,2}))?"
    r"\s*\((?P<agency>[A-Za-z.&'’ ]{2,30})\)"
    r"\s*" + DASH + r"\s*"
)
# A wire dateline with the day: "WASHINGTON, Aug 27 (Reuters) -", "FLINT, Mich., Oct. 4 (UPI) —",
# or the day alone where
# extraction dropped the place ("Aug 27 (Reuters) -").
DATED_DATELINE = re.compile(
    r"(?:(?P<place>[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,3}),\s*"
    r"(?:(?P<region>[A-Z][A-Za-z.'’\-]+(?: [A-Z][A-Za-z.'’\-]+){0,2}),\s*)?)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}"
    r"\s*\((?P<agency>[A-Za-z.&'’ ]{2,30})\)"
    r"\s*" + DASH + r"\s*"
)
# A byline is a short line of its own: "By Jane Doe", "By JANE DOE and John Roe, Associated Press".
BYLINE = re.compile(r"(?:By|BY)\s+[A-Z][^\n]{1,100}$", re.MULTILINE)
# A byline in capitals that extraction joined to the headline's line ("… in Las Croabas. By U.S.
# CUSTOMS AND BORDER PROTECTION"): after a sentence's end, every word to the line's end in capitals.
CAPITAL_BYLINE = re.compile(r"(?<=[.!?] )(?:By|BY)[ \t]+[A-Z][A-Z.&'’-]*(?:[ \t]+[A-Z][A-Z.&'’-]*){0,7}$", re.MULTILINE)
# A credit line at a story's foot names its reporters and editors, not actors: "(Reporting by Jane
# Doe in Kyiv; Editing by John Roe)", "--additional reporting from Jane Doe.", "Follow Jane Doe on
# Twitter: …".
CREDIT_LINE = re.compile(
    r"^[ \t(\[—–-]*(?:(?:[Aa]dditional )?(?:[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled|[Tt]ranslated|"
    r"[Ii]nterviews?|[Rr]esearch)(?: and \w+)? (?:by|from) [A-Z]|Follow [A-Z][^\n]{0,80}? on "
    r"(?:Twitter|X|Facebook|Instagram|Threads|Bluesky)\b)[^\n]{0,200}$",
    re.MULTILINE,
)
# A broadcast's credits, each a sentence of its own: "Purnell Murdock, VOA News.", "Lisa Schlein for
# VOA News, Geneva.", "For NPR news, I'm Jane Roe reporting.", "From member station KQED, Jane Roe
# reports.", "Jane Roe reports from Geneva.", "Here's ABC's Jim Laurie.": the reporter and the
# outlet, not actors or speakers.
_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,3}"
BROADCAST_CREDIT = re.compile(
    rf"(?:{_NAME},? (?:for )?{_NAME} [Nn]ews(?:, {_NAME})?"
    rf"|For (?:the )?{_NAME}(?: [Nn]ews)?,? I['’]m {_NAME}(?: reporting)?(?: (?:from|in) {_NAME})?"
    rf"|(?:From (?:member station )?{_NAME}, )?{_NAME} reports(?: from {_NAME})?"
    rf"|Here['’]s {_NAME}['’]s {_NAME})\."
)
# Words after "By" that start a sentence, not a name ("By Tuesday, the talks …").
NOT_NAMES = frozenset(
    {"the", "then", "now", "contrast", "comparison", "law", "far", "early", "late", "last", "monday", "tuesday",
     "wednesday", "thursday", "friday", "saturday", "sunday", "noon", "midnight", "december", "january"}
)  # fmt: skip
# Datelines sit in the first paragraphs of a story; later capitals before a dash are headings.
MAX_DATELINE_PARAGRAPHS = 4


@dataclass(frozen=True, slots=True)
class Furniture:
    """A dateline or byline span; ``place`` (dateline only) is its place text, region first
    ("Afghanistan" for "KABUL, Afghanistan"), as the text writes it; ``agency`` the news agency or
    publisher in its parentheses ("AP")."""

    start: int
    end: int
    kind: str
    place: str | None = None
    city: str | None = None
    agency: str | None = None


def _paragraph_starts(text: str) -> list[int]:
    starts = [0] + [m.end() for m in re.finditer(r"\n\s*", text)]
    return [s for s in dict.fromkeys(starts) if s < len(text)]


def find_furniture(text: str) -> list[Furniture]:
    """The datelines and bylines of ``text``, in order. A dateline opens one of the first paragraphs;
    a byline or a credit line is a line of its own."""
    found: list[Furniture] = []
    for paragraph, start in enumerate(_paragraph_starts(text)):
        for pattern in (DATELINE, AGENCY_DATELINE, DATED_DATELINE):
            match = pattern.match(text, start)
            if match is None or paragraph >= MAX_DATELINE_PARAGRAPHS:
                continue
            if pattern is DATELINE and len(match.group("place").replace(".", "")) < 3:
                continue  # "A -", "U.S. -": too short to be a city
            region = match.groupdict().get("region")
            place, agency = match.group("place"), match.groupdict().get("agency")
            found.append(Furniture(start, match.end(), "dateline", region or place, place, agency and agency.strip()))
            break
    for match in BYLINE.finditer(text):
        line_start = text.rfind("\n", 0, match.start()) + 1
        words = text[match.start() : match.end()].split()
        if text[line_start : match.start()].strip() or len(words) > 12 or words[1].lower().strip(",") in NOT_NAMES:
            continue
        if text[match.end() - 1 : match.end()] in ".!?:;":
            continue  # a sentence that happens to start with "By"
        found.append(Furniture(match.start(), match.end(), "byline"))
    found += [Furniture(m.start(), m.end(), "byline") for m in CAPITAL_BYLINE.finditer(text)]
    found += [Furniture(m.start(), m.end(), "byline") for m in CREDIT_LINE.finditer(text)]
    found += [
        Furniture(m.start(), m.end(), "byline")
        for m in BROADCAST_CREDIT.finditer(text)
        if _opens_sentence(text, m.start()) and _ends_sentence(text, m.end())
    ]
    return sorted(found, key=lambda f: f.start)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - 3) : start].rstrip(" ")
    return not before or before[-1] in "\n.!?\"'”"


def _ends_sentence(text: str, end: int) -> bool:
    return end >= len(text) or text[end] in " \n\"'”"


def inside(furniture: list[Furniture], start: int, end: int) -> bool:
    """True when the span ``start``–``end`` overlaps a dateline or byline."""
    return any(f.start < end and start < f.end for f in furniture)
