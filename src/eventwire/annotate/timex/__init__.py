"""Time expressions normalised to TIMEX3 values; the rule tables live in ``rules/``."""

from eventwire.annotate.timex.find import find_timexes
from eventwire.annotate.timex.lexicon import WORD_FAMILIES

__all__ = ["WORD_FAMILIES", "find_timexes"]
