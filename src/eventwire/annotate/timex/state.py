"""What a normalisation rule sees: the document, its creation date, tense, and the reference time.

Rules are run over the text in order; ``Ctx`` carries the reference time (the last date the text
mentioned) from one expression to the next, as HeidelTime does for narratives ("the next day").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from eventwire.annotate.timex.context import TenseFinder
from eventwire.annotate.timex.values import UNKNOWN_VALUES, Point, shift

# How far back (characters) a comparison such as "a year earlier" looks for the quarter it mirrors:
# earnings reports name the quarter once and compare with "a year ago" paragraphs later.
COMPARISON_WINDOW = 1500
COMPARABLE_GRANULARITIES = ("quarter", "half", "month", "season", "week", "day")


@dataclass(slots=True)
class Found:
    """A normalised expression. ``point`` (when set) becomes the new reference time.

    ``start``/``end`` override the matched extent when a rule decides to report less of it.
    """

    type: str
    value: str | None
    anchor: str | None
    point: Point | None = None
    start: int | None = None
    end: int | None = None


Normaliser = Callable[[re.Match, "Ctx"], Found | None]
Check = Callable[[re.Match, "Ctx"], bool]


# Characters searched around a trigger word: enough for the longest prefix ("at least the past
# twenty four") and suffix (", 2024", " EST, Nov. 6") a rule's match can have.
WINDOW_BEFORE = 90
WINDOW_AFTER = 40


@dataclass(frozen=True, slots=True)
class Rule:
    """A pattern and what to do with a match. The extent is group ``x`` when the pattern has one.

    ``triggers`` names the word families (see ``TRIGGER_FAMILIES``; "digit", "anchor") one of
    which every match contains; the pattern is only searched near them.
    """

    name: str
    pattern: re.Pattern
    normalise: Normaliser
    check: Check | None = None
    triggers: tuple[str, ...] = ("digit",)
    before: int = WINDOW_BEFORE
    after: int = WINDOW_AFTER


def compile_rule(
    name: str,
    pattern: str,
    normalise: Normaliser,
    check: Check | None = None,
    triggers: tuple[str, ...] = ("digit",),
    before: int = WINDOW_BEFORE,
) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), normalise, check, triggers, before)


@dataclass(slots=True)
class Ctx:
    text: str
    dct: date | None
    tenses: TenseFinder
    start: int = 0
    end: int = 0
    ref: Point | None = None
    ref_pos: int = -1
    history: list[tuple[int, Point]] = field(default_factory=list)
    last_anchor: str | None = None
    anchor_spans: list[tuple[int, int, str, date]] = field(default_factory=list)
    following: Callable[[int], Found | None] | None = None

    def tense(self) -> str | None:
        return self.tenses.tense_at(self.start, self.end)

    @property
    def today(self) -> Point | None:
        return Point(self.dct, "day") if self.dct else None

    def date(self, point: Point | None, anchor: str, gran: str = "day", type_: str = "DATE") -> Found:
        """A DATE (or TIME) found at ``point``; an X-value of granularity ``gran`` when unknown."""
        if point is None:
            return Found(type_, UNKNOWN_VALUES.get(gran, "XXXX-XX-XX"), None)
        return Found(type_, point.value, anchor, point)

    def reference(self) -> tuple[Point | None, str]:
        """The time a narrative expression ("that day") refers back to: the last date, else the DCT."""
        if self.ref is not None:
            return self.ref, f"ref:{self.ref.value}"
        return self.today, "dct"

    def recent_comparable(self, gran: str | None = None) -> Point | None:
        """The period a comparison ("a year earlier", "the year-ago quarter") mirrors: the last one
        mentioned in the same sentence, else the last quarter or half within the comparison window.
        ``gran`` restricts the search to periods of that granularity."""
        sentence_start, _ = self.tenses.sentence(self.start)
        in_sentence = [
            point
            for pos, point in self.history
            if pos >= sentence_start and point.gran in COMPARABLE_GRANULARITIES and gran in (None, point.gran)
        ]
        if in_sentence:  # the widest period compared: "the quarter ended Sept. 30" mirrors the quarter
            return max(reversed(in_sentence), key=lambda p: -COMPARABLE_GRANULARITIES.index(p.gran))
        for pos, point in reversed(self.history):
            if self.start - pos > COMPARISON_WINDOW:
                break
            wanted = (gran,) if gran else ("quarter", "half")
            if point.gran in wanted:
                return point
        return None

    def year_before(self, mirror: Point) -> Found:
        """The compared period one year back; it does not become the reference time."""
        found = self.date(shift(mirror, -1, "year", mirror.gran), f"ref:{mirror.value}")
        found.point = None
        return found

    def last_of(self, gran: str) -> Point | None:
        """The last mentioned period of granularity ``gran`` ("that quarter")."""
        for _, point in reversed(self.history):
            if point.gran == gran:
                return point
        return None

    def preceding_text(self, chars: int = 30) -> str:
        return self.text[max(0, self.start - chars) : self.start]
