"""Temporal expressions: find them in text and normalise them to TIMEX3 values.

A HeidelTime-style rule set: precompiled regular expressions propose candidate extents, the
longest non-overlapping candidates win, and each is normalised in text order so that narrative
expressions ("the next day") can count from the last date mentioned. The spaCy parse, when given,
supplies verb tense (which Thursday "on Thursday" means); without it, cue words nearby do.
Rules are only searched near their trigger words, which keeps the cost per document small.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache

from spacy.tokens import Doc

from eventwire.annotate.timex.anchors import anchor_mentions, anchor_rules
from eventwire.annotate.timex.context import TenseFinder
from eventwire.annotate.timex.lexicon import WORD_FAMILIES
from eventwire.annotate.timex.rules.clock import CLOCK_RULES
from eventwire.annotate.timex.rules.dates import DATE_RULES
from eventwire.annotate.timex.rules.deictic import DEICTIC_RULES, REFERENCE_RULES
from eventwire.annotate.timex.rules.periods import PERIOD_RULES
from eventwire.annotate.timex.rules.spans import SPAN_RULES
from eventwire.annotate.timex.state import Ctx, Found, Rule
from eventwire.model import Timex

# Words and numbers, looked up in the trigger families.
_TRIGGER_WORD = re.compile(r"[^\W\d_]+|\d+")
# How far past a "before"/"after" a following expression may start to count as its object
# ("two days before the Nov. 5 vote" skips "the").
FOLLOWING_GAP = 6
# Expressions of these types become the reference time for the narrative ones that follow.
REFERENCE_TYPES = ("DATE", "TIME")


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    order: int
    rule: Rule
    match: re.Match


@lru_cache(maxsize=1)
def all_rules() -> tuple[Rule, ...]:
    """Every rule, in tie-break order: anchors, calendar names, then relative expressions."""
    return (
        *anchor_rules(),
        *DATE_RULES,
        *PERIOD_RULES,
        *DEICTIC_RULES,
        *SPAN_RULES,
        *CLOCK_RULES,
        *REFERENCE_RULES,
    )


def _extent(rule: Rule, m: re.Match) -> tuple[int, int]:
    """The reported extent (group ``x`` when the rule has one), without surrounding spaces."""
    start, end = m.span("x") if "x" in rule.pattern.groupindex else m.span()
    text = m.string
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _trigger_index(ctx: Ctx) -> dict[str, list[tuple[int, int]]]:
    """Spans of the words of each trigger family (plus "digit" and "anchor"), in text order."""
    index: dict[str, list[tuple[int, int]]] = {}
    for m in _TRIGGER_WORD.finditer(ctx.text):
        word = m.group()
        if word[0].isdigit():
            index.setdefault("digit", []).append(m.span())
            continue
        for family in WORD_FAMILIES.get(word.lower(), ()):
            index.setdefault(family, []).append(m.span())
    index["anchor"] = [(start, end) for start, end, _, _ in ctx.anchor_spans]
    return index


def _windows(rule: Rule, index: dict[str, list[tuple[int, int]]], text: str) -> list[tuple[int, int]]:
    """Merged search windows around the rule's trigger words, widened to whole words."""
    spans = sorted(span for family in rule.triggers for span in index.get(family, ()))
    windows: list[tuple[int, int]] = []
    for start, end in spans:
        lo, hi = max(0, start - rule.before), min(len(text), end + rule.after)
        if windows and lo <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(hi, windows[-1][1]))
        else:
            windows.append((lo, hi))
    widened = []
    for lo, hi in windows:
        while hi < len(text) and (text[hi].isalnum() or text[hi] in ".,:'’"):
            hi += 1
        widened.append((lo, hi))
    return widened


def _candidates(ctx: Ctx) -> list[_Candidate]:
    found = []
    index = _trigger_index(ctx)
    for order, rule in enumerate(all_rules()):
        seen: set[tuple[int, int]] = set()
        for lo, hi in _windows(rule, index, ctx.text):
            for m in rule.pattern.finditer(ctx.text, lo, hi):
                if m.span() in seen:
                    continue
                seen.add(m.span())
                start, end = _extent(rule, m)
                if start >= end:
                    continue
                ctx.start, ctx.end = start, end
                if rule.check is not None and not rule.check(m, ctx):
                    continue
                found.append(_Candidate(start, end, order, rule, m))
    return found


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Longest candidates first (rule order breaks ties); drop any that overlap a chosen one."""
    starts: list[int] = []  # the chosen extents, kept sorted; they never overlap each other
    chosen: list[_Candidate] = []
    for cand in sorted(candidates, key=lambda c: (c.start - c.end, c.order, c.start)):
        i = bisect.bisect_left(starts, cand.start)
        if i < len(chosen) and chosen[i].start < cand.end:
            continue
        if i > 0 and chosen[i - 1].end > cand.start:
            continue
        starts.insert(i, cand.start)
        chosen.insert(i, cand)
    return chosen


def _normalise(cand: _Candidate, ctx: Ctx) -> Found | None:
    """The rule's normalisation; None for a time the calendar cannot hold ("3000 years ago" from a
    date in year 1, "999999999999 weeks ago"): ``date`` arithmetic past years 1-9999 raises."""
    try:
        return cand.rule.normalise(cand.match, ctx)
    except (OverflowError, ValueError) as error:
        if isinstance(error, OverflowError) or "out of range" in str(error):
            return None
        raise


def find_timexes(text: str, dct: date | datetime | None, doc: Doc | None = None) -> list[Timex]:
    """Find and normalise the time expressions of ``text``.

    Args:
        text: the text; offsets of the result point into it.
        dct: the document creation (publication) date that relative expressions count from;
            None leaves them unresolved ("XXXX-XX-XX").
        doc: the spaCy parse of the same text, used for verb tense and sentences; optional.
    Returns:
        ``Timex`` items in text order, non-overlapping, with TIMEX3 ``type`` and ``value`` and the
        ``anchor`` the value was computed from ("dct", "absolute", "anchor:<id>", "ref:<value>").
    """
    if not text or not text.strip():
        return []
    if isinstance(dct, datetime):
        dct = dct.date()
    ctx = Ctx(text=text, dct=dct, tenses=TenseFinder(text, doc), anchor_spans=anchor_mentions(text, dct))
    chosen = _select(_candidates(ctx))
    by_start = {c.start: c for c in chosen}

    def following(pos: int) -> Found | None:
        """The normalised expression starting just after ``pos`` (the object of "before"); its ``end``
        is set, so that a rule may take it into its own extent ("the day before last Tuesday")."""
        gap = text[pos : pos + FOLLOWING_GAP + 4]
        for offset in range(len(gap) - len(gap.lstrip()), FOLLOWING_GAP + 1):
            cand = by_start.get(pos + offset)
            if cand is not None:
                saved = ctx.start, ctx.end
                ctx.start, ctx.end = cand.start, cand.end
                result = _normalise(cand, ctx)
                ctx.start, ctx.end = saved
                if result is not None and result.end is None:
                    result.end = cand.end
                return result
        return None

    ctx.following = following
    timexes: list[Timex] = []
    covered_to = 0
    for cand in chosen:
        if cand.start < covered_to:
            continue
        ctx.start, ctx.end = cand.start, cand.end
        found = _normalise(cand, ctx)
        if found is None or found.value is None:
            continue
        start = found.start if found.start is not None else cand.start
        end = found.end if found.end is not None else cand.end
        timexes.append(Timex(start, end, text[start:end], found.type, found.value, found.anchor))
        covered_to = end
        if found.point is not None and found.type in REFERENCE_TYPES:
            ctx.ref, ctx.ref_pos = found.point, start
            ctx.history.append((start, found.point))
    return timexes
