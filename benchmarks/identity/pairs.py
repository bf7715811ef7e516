"""The event-identity pairs: two mentions each, kept as offsets into shared texts, re-read on load.

``pairs.jsonl`` (written by ``draw_pairs``) holds paths and offsets only, since the texts are
third-party; loading re-derives each text as eventwire stores it and checks that every span still
fits, so a change in extraction shows up as an error instead of silently shifted pairs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from benchmarks.news.gold import document_text

PAIRS_PATH = Path(__file__).resolve().parents[1] / "data" / "identity" / "pairs.jsonl"
SPANS = ("sentence", "action", "source", "target")


class PairsError(ValueError):
    """A pair no longer fits its texts (the message names the pair and the span)."""


def with_texts(pid: str, mention: dict[str, Any]) -> dict[str, Any]:
    """The mention with the text of each of its spans (``sentence``, ``action``, ``source``, ``target``)."""
    text = document_text(mention["path"], mention["text_kind"])
    out = dict(mention)
    for span in SPANS:
        start, end = mention[f"{span}_start"], mention[f"{span}_end"]
        if start is None:
            out[span] = None
            continue
        if not 0 <= start < end <= len(text) or not text[start:end].strip():
            raise PairsError(f"{pid}: {span} offsets {start}-{end} do not fit {mention['path']}")
        out[span] = text[start:end]
    return out


def load_pairs(path: Path = PAIRS_PATH) -> list[dict[str, Any]]:
    """Every pair with both mentions' span texts filled in from the shared files."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        row["a"], row["b"] = with_texts(row["pid"], row["a"]), with_texts(row["pid"], row["b"])
        pairs.append(row)
    return pairs
