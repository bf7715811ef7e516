"""Read the actors of a hand-written story, as the actor tests compare them."""

from __future__ import annotations

from datetime import date

from eventwire.annotate.actors import resolve_actors

# A datelined US story that names its country often enough to lead it.
US_STORY = (
    "WASHINGTON — The Senate and the White House argued over the budget on Tuesday, and the Pentagon "
    "and the State Department warned Congress about the delay. "
)


def actor_rows(nlp, text: str, when: date) -> list[tuple[str, str, str]]:
    """(mention text, code, method) of each actor mention, in order."""
    return [(m.text, m.actor.cameo_code, m.method) for m in resolve_actors(nlp(text), when)]


def actor_codes(nlp, text: str, when: date) -> dict[str, str]:
    """Mention text → code (the last mention of a text wins)."""
    return {t: code for t, code, _ in actor_rows(nlp, text, when)}
