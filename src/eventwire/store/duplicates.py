"""Which stored articles incoming ones repeat: exact keys first, then MinHash bands.

A whole batch is looked up in two queries (one for the exact keys, one for the bands), not two per
article: with the store's indexes each is a handful of point lookups, and the per-query overhead is
what dominated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from eventwire.dedup import NEAR_DUPLICATE_JACCARD, Fingerprint, jaccard, signature_from_bytes
from eventwire.model import Article

# The three exact keys, strongest first: a repeat is reported under the first one that matches.
EXACT_KINDS = ("same-article", "exact-text", "canonical-url")

EXACT_SQL = (
    "SELECT 0 AS rank, id AS key, id, ingested FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) "
    "UNION ALL SELECT 1, text_hash, id, ingested FROM articles WHERE text_hash IN (SELECT unnest(?::VARCHAR[])) "
    "UNION ALL SELECT 2, canonical_url, id, ingested FROM articles "
    "WHERE canonical_url IN (SELECT unnest(?::VARCHAR[])) "
    "ORDER BY rank, ingested, id"
)
BANDS_SQL = (
    "SELECT b.band, a.id, a.minhash FROM article_bands b JOIN articles a ON a.id = b.article_id "
    "WHERE b.band IN (SELECT unnest(?::VARCHAR[]))"
)


@dataclass(slots=True)
class Duplicate:
    """Why an incoming article is not stored: it repeats ``of``."""

    of: str
    kind: str  # "same-article" | "exact-text" | "canonical-url" | "near"
    similarity: float = 1.0


def _keys(article: Article, fp: Fingerprint) -> tuple[str | None, ...]:
    return (article.id, fp.text_hash, fp.canonical_url)


def find_duplicates(
    con: duckdb.DuckDBPyConnection, items: Sequence[tuple[Article, Fingerprint]]
) -> list[Duplicate | None]:
    """For each ``(article, fingerprint)``, the stored article it repeats, or None."""
    if not items:
        return []
    first: dict[tuple[int, str], str] = {}  # (rank, key) → earliest stored id
    columns = [sorted({k for k in (_keys(a, fp)[rank] for a, fp in items) if k}) for rank in range(3)]
    for rank, key, stored_id, _ in con.execute(EXACT_SQL, columns).fetchall():
        first.setdefault((rank, key), stored_id)
    found: list[Duplicate | None] = []
    for article, fp in items:
        keys = _keys(article, fp)
        rank = next((r for r in range(3) if keys[r] and (r, keys[r]) in first), None)
        found.append(None if rank is None else Duplicate(first[(rank, keys[rank])], EXACT_KINDS[rank]))
    _find_near(con, items, found)
    return found


def _find_near(
    con: duckdb.DuckDBPyConnection, items: Sequence[tuple[Article, Fingerprint]], found: list[Duplicate | None]
) -> None:
    """Fill the gaps in ``found`` with the most similar stored article sharing a MinHash band."""
    open_items = [(i, fp) for i, (_, fp) in enumerate(items) if found[i] is None and fp.signature is not None]
    bands = sorted({band for _, fp in open_items for band in fp.bands})
    if not bands:
        return
    by_band: dict[str, list[str]] = {}
    signatures = {}
    for band, stored_id, blob in con.execute(BANDS_SQL, [bands]).fetchall():
        by_band.setdefault(band, []).append(stored_id)
        signatures[stored_id] = blob
    for i, fp in open_items:
        candidates = sorted({c for band in fp.bands for c in by_band.get(band, ())})
        best: Duplicate | None = None
        for cand_id in candidates:
            sig = signature_from_bytes(signatures[cand_id])
            if sig is None:
                continue
            sim = jaccard(fp.signature, sig)
            if sim >= NEAR_DUPLICATE_JACCARD and (best is None or sim > best.similarity):
                best = Duplicate(cand_id, "near", sim)
        found[i] = best
