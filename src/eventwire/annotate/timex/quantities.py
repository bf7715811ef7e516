"""Quantities of time units ("two months", "a few days", "1,000 days"): the shared regex parts and parsing."""

from __future__ import annotations

import re

from eventwire.annotate.timex.lexicon import (
    NUMBER,
    VAGUE,
    VAGUE_QUANTITIES,
    parse_number,
)
from eventwire.annotate.timex.state import Ctx

# Hedges and bounds that TimeML keeps inside a duration's extent ("more than four hours").
DURATION_MODS = (
    r"(?:about|around|approximately|roughly|nearly|almost|some|over(?!\s+(?:the|its|their|his|her|our|these|those)\b)|more\s+than|less\s+than|fewer\s+than|at\s+least|"
    r"at\s+most|up\s+to|no\s+more\s+than|no\s+less\s+than|under|just|only|barely|within|another|an\s+additional|"
    r"a\s+further|upwards\s+of|close\s+to|well\s+over|well\s+under|the\s+better\s+part\s+of)"
)
# Determiners and ordering adjectives that open a duration ("the past two months", "its first nine months").
DURATION_DETERMINERS = (
    r"(?:(?:the|its|their|his|her|our|these|those)\s+)?(?:(?:past|last|next|first|final|coming|previous|preceding|following|"
    r"remaining|latest|initial|ensuing|same|entire|whole|full|additional|further|subsequent)\s+)?"
)
# How many units: a number ("1,000", "twenty-four", "2 1/2"), a vague amount ("several") or "a".
QUANTITY = rf"(?:{NUMBER}|{VAGUE}|a|an|a\s+couple\s+of|a\s+dozen|dozens\s+of)"
# Words between the number and the unit that do not change the amount ("eight trading days").
UNIT_ADJECTIVES = r"(?:(?:more|additional|long|straight|consecutive|successive|full|trading|business|working|calendar|school|court)[-\s]+)"


def unit_name(word: str) -> str:
    """The singular unit of a unit word: "centuries" -> "century", "two-year" -> "year"."""
    word = word.lower().replace("-", " ").split()[-1]
    if word.startswith("centur"):
        return "century"
    if word.startswith("millenni"):
        return "millennium"
    return word[:-1] if word.endswith("s") else word


def amount_of(text: str | None) -> float | None:
    """Number in a quantity phrase; None for vague ones ("several"); 1 for "a"/"an"."""
    if text is None:
        return 1.0
    lower = re.sub(r"\s+", " ", text.lower())
    if lower in VAGUE_QUANTITIES:
        return None
    if lower in ("a couple of",):
        return 2.0
    if lower in ("a dozen",):
        return 12.0
    if lower == "dozens of":
        return None
    return parse_number(lower)


def check_quantity(m: re.Match, c: Ctx) -> bool:
    """Refuse quantities that are not spans of time: "a second time", "a quarter of the votes", "1988 quarter"."""
    unit = unit_name(m.group("unit"))
    quantity = m.group("q").lower()
    if re.fullmatch(r"1\d{3}|20\d\d", quantity) and not m.group("unit").lower().endswith("s"):
        return False  # "the 1988 quarter": a year, not 1,988 quarters
    if unit in ("second", "quarter") and quantity in ("a", "an", "one", "some", "several"):
        return False
    return not (unit == "quarter" and re.match(r"\s+of\s+(?!\d|fiscal|the\s+(?:year|fiscal))", c.text[m.end() :]))


def check_duration(m: re.Match, c: Ctx) -> bool:
    """A quantity of time that is not an age."""
    if m.group(0).lower().endswith("old"):  # an age ("6-year-old"), not a period of time
        return False
    return check_quantity(m, c)
