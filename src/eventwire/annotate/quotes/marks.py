"""Find quoted stretches of text by pairing quotation marks, one paragraph at a time.

Pairing never crosses a line break, so an unbalanced mark costs at most the rest of its paragraph,
never the rest of the document. News style leaves a quote open at the end of a paragraph when the
next paragraph continues it (and opens with a fresh mark); such spans are flagged ``unclosed`` and
the next one ``continued``. Single quotes are not scanned: in running text they are mostly
apostrophes, and in news they mark quotes nested inside double quotes or headline quotes; a doubled
apostrophe ('') is a double quote, as some archives (the New York Times) write it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING_MARKS = "“«„"
CLOSING_MARKS = "”»"
STRAIGHT_MARK = '"'
ALL_MARKS = OPENING_MARKS + CLOSING_MARKS + STRAIGHT_MARK
# Characters after which a straight mark can open a quote (it follows a space or an opening bracket,
# a dash or a colon), and before which it can close one (a space or punctuation follows).
OPEN_CONTEXT = "([{—–-/:"
CLOSE_CONTEXT = ".,;:!?)]}—–-…"
# Markup left in extracted text (embedded tweets); marks inside a tag delimit attribute values.
MARKUP_TAG = re.compile(r"<[^<>\n]*>")
MARK_PATTERN = re.compile("''+|[" + ALL_MARKS + "]")


@dataclass(slots=True, frozen=True)
class MarkedSpan:
    """A quoted stretch ``[start, end)`` including its marks (an unclosed one ends at its paragraph)."""

    start: int
    end: int
    unclosed: bool = False
    continued: bool = False


def _straight_role(text: str, index: int, width: int, para_start: int, para_end: int) -> str:
    """Whether a straight mark can only open, only close, or either (decided by pairing)."""
    left = text[index - 1] if index > para_start else " "
    right = text[index + width] if index + width < para_end else " "
    can_open = (left.isspace() or left in OPEN_CONTEXT or left in "‘'") and not right.isspace()
    can_close = (right.isspace() or right in CLOSE_CONTEXT or right in "’'") and not left.isspace()
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def _marks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Positions and widths of the quotation marks in ``text[start:end]``: 2 for a doubled
    apostrophe (''), 1 otherwise; in a run of three apostrophes the first closes a single quote."""
    found = []
    for match in MARK_PATTERN.finditer(text, start, end):
        if match.group().startswith("'"):
            found.append((match.end() - 2, 2))
        else:
            found.append((match.start(), 1))
    return found


def _nested_end(text: str, index: int, end: int) -> int | None:
    """End of a curly pair opening at ``index`` inside a straight-quoted passage, if it closes
    before the next straight mark (news writes nested quotes either way; mixed styles also occur)."""
    close = text.find("”", index + 1, end)
    straight = text.find(STRAIGHT_MARK, index + 1, end)
    if close != -1 and (straight == -1 or close < straight):
        return close + 1
    return None


def _paragraph_spans(text: str, start: int, end: int, continued: bool) -> list[MarkedSpan]:
    spans: list[MarkedSpan] = []
    open_at: int | None = None
    open_straight = False
    markup = [m.span() for m in MARKUP_TAG.finditer(text, start, end)] if "<" in text[start:end] else []
    index = start
    for at, width in _marks(text, start, end):
        if at < index:
            continue
        index = at + width
        char = text[at]
        straight = char == STRAIGHT_MARK or width == 2
        if char == "“" and open_at is not None and open_straight:
            nested = _nested_end(text, at, end)
            if nested is not None:
                index = nested
                continue
        if any(low <= at < high for low, high in markup):
            continue  # an attribute value in leftover markup (<tweet author="…">)
        if char == "“" and open_at is not None and _straight_role(text, at, 1, start, end) == "close":
            role = "close"  # a mistyped closing mark ("Apparently not,“ he said)
        elif straight:
            role = _straight_role(text, at, width, start, end)
        elif char in OPENING_MARKS:
            role = "open"
        else:
            role = "close"
        if role == "either":
            role = "open" if open_at is None else "close"
        if role == "open":
            if open_at is not None:
                spans.append(_unclosed(text, open_at, at, continued and not spans))
            open_at, open_straight = at, straight
        elif open_at is not None:
            spans.append(MarkedSpan(open_at, at + width, continued=continued and not spans))
            open_at = None
    if open_at is not None:
        spans.append(_unclosed(text, open_at, end, continued and not spans))
    return spans


def _unclosed(text: str, start: int, end: int, continued: bool) -> MarkedSpan:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return MarkedSpan(start, end, unclosed=True, continued=continued)


def find_marked_spans(text: str) -> list[MarkedSpan]:
    """All quoted stretches of ``text`` in order; see the module docstring for the pairing rules."""
    spans: list[MarkedSpan] = []
    position = 0
    previous_unclosed = False
    for line in text.split("\n"):
        end = position + len(line)
        if line.strip():
            first = len(line) - len(line.lstrip())
            opens_with_mark = line.lstrip()[:1] in OPENING_MARKS + STRAIGHT_MARK or line.lstrip()[:2] == "''"
            found = _paragraph_spans(text, position, end, previous_unclosed and opens_with_mark)
            if found and found[0].start != position + first:
                found[0] = MarkedSpan(found[0].start, found[0].end, found[0].unclosed, False)
            spans.extend(found)
            previous_unclosed = bool(found) and found[-1].unclosed
        position = end + 1
    return spans
