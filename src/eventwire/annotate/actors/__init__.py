"""Actor mentions: names, titles, role nouns and agents resolved to dated actor codes."""

from eventwire.annotate.actors.dictionary import ActorDictionary, ActorRecord, load_actor_dictionary, paused_gc
from eventwire.annotate.actors.petrarch import (
    ActorEntry,
    DatedCode,
    read_actor_dictionary,
    read_agent_dictionary,
    read_discards,
)
from eventwire.annotate.actors.resolve import (
    code_name,
    link_speakers,
    person_of,
    resolve_actors,
    resolve_text,
    search_actors,
)
from eventwire.annotate.actors.text import SECTORS, TRANSNATIONAL_SECTORS, composite_name, normalise

__all__ = [
    "SECTORS",
    "TRANSNATIONAL_SECTORS",
    "ActorDictionary",
    "ActorEntry",
    "ActorRecord",
    "DatedCode",
    "code_name",
    "composite_name",
    "link_speakers",
    "load_actor_dictionary",
    "normalise",
    "paused_gc",
    "person_of",
    "read_actor_dictionary",
    "read_agent_dictionary",
    "read_discards",
    "resolve_actors",
    "resolve_text",
    "search_actors",
]
