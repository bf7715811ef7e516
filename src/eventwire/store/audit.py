"""Events drawn at random for a hand audit, each with its evidence (one query)."""

from __future__ import annotations

from typing import Any

from eventwire.store.database import Store

SAMPLE_SQL = """
SELECT m.mention_id, m.event_id, m.article_id, a.url, a.item, a.published, m.event_date,
       m.plover_type, m.plover_mode, m.cameo_code,
       m.source_code, m.source_name, substr(a.text, m.source_start + 1, m.source_end - m.source_start) AS source_text,
       m.action_text,
       m.target_code, m.target_name, substr(a.text, m.target_start + 1, m.target_end - m.target_start) AS target_text,
       m.negated, m.hypothetical, m.future, m.reported, m.confidence,
       m.sentence_start, m.sentence_end, m.sentence
FROM event_mentions m JOIN articles a ON a.id = m.article_id
ORDER BY hash(m.mention_id || ?), m.mention_id
LIMIT ?
"""


def sample_mentions(store: Store, n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` event mentions drawn uniformly at random, the same ones for the same seed and store."""
    return store.query(SAMPLE_SQL, [f":{seed}", n])
