"""Draw event-mention pairs from real news for the cross-article event-identity benchmark.

The PolNeAR train+dev texts (2015-16 US political news, many stories covered by several outlets; the
publication date is in each file name) are ingested into a scratch store with eventwire's ordinary
ingestion, so mentions, offsets and the current ``event_id`` grouping are exactly what the store
gives. Pairs of mentions from *different* articles are then drawn, seeded, in four strata:

- ``merged``: the current grouping gives both the same ``event_id``;
- ``same_dyad``: same PLOVER type, source and target, dates within ``NEAR_DAYS``, not merged;
- ``no_target``: same type and source, no target on either side, dates within ``NEAR_DAYS``;
- ``random``: any two mentions of the same type.

``benchmarks/data/identity/pairs.jsonl`` keeps only paths (relative to the shared folder) and offsets
into the text eventwire stores (``benchmarks.news.gold.document_text``), never texts. The annotation
packet with the sentences goes outside the repository (``--packet``); pair ids are assigned after a
shuffle, so neither ids nor order reveal the stratum.

Run from the repository root: ``python -m benchmarks.identity.draw_pairs [--db PATH] [--packet DIR]``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import date
from itertools import combinations
from pathlib import Path
from typing import Any

from benchmarks.identity.pairs import PAIRS_PATH
from benchmarks.news.gold import document_text
from eventwire.ingestion import IngestOptions, ingest_raw
from eventwire.model import Failure, RawDoc
from eventwire.paths import shared_dir, shared_path
from eventwire.sources import read_sources
from eventwire.store.database import Store

SEED = 20261213

DEFAULT_DB = Path("/tmp/eventwire-identity/polnear.duckdb")
DEFAULT_PACKET = Path("/work/annot/pairs")
POLNEAR_SPLITS = ("train", "dev")
POLNEAR_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")
# "Within a few days": wire copies and follow-ups of one story drift by a day or two; the current
# grouping's window is 2 days, so 3 also catches the pairs just outside it.
NEAR_DAYS = 3
STRATA = {"merged": 80, "same_dyad": 60, "no_target": 80, "random": 60}
# One pair per article pair within a stratum, at most two per current event: a few big stories or
# a catch-all event must not fill a stratum.
MAX_PER_EVENT = 2
# 30 % of each stratum is for choosing thresholds; the rest (>= 150 pairs) only measures.
DEV_SHARE = 0.3
MENTION_FIELDS = (
    "article_id", "mention_id", "published", "event_date", "sentence_start", "sentence_end", "action_start",
    "action_end", "source_start", "source_end", "target_start", "target_end", "source_code", "target_code",
    "plover_type", "plover_mode", "cameo_code", "root_code", "negated", "hypothetical", "future", "reported",
)  # fmt: skip


def polnear_files() -> list[tuple[str, str]]:
    """(path relative to the shared folder, publication date) of every PolNeAR train+dev text."""
    files = []
    for split in POLNEAR_SPLITS:
        for file in sorted(shared_path("gold", "quotes", "polnear", split, "text").glob("*.txt")):
            match = POLNEAR_DATE.search(file.name)
            files.append((f"gold/quotes/polnear/{split}/text/{file.name}", match.group(1) if match else ""))
    return files


def _raws(files: list[tuple[str, str]]) -> Iterator[RawDoc | Failure]:
    """The files as ``eventwire ingest`` reads them, with the file name's date as ``published``."""
    for path, published in files:
        for raw in read_sources([str(shared_path(*Path(path).parts))]):
            if isinstance(raw, RawDoc) and published:
                raw.metadata["published"] = published
            yield raw


def build_store(db: Path, n_process: int) -> None:
    """Ingest the PolNeAR texts into a fresh scratch store (default pipeline and coder)."""
    db.parent.mkdir(parents=True, exist_ok=True)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    files = polnear_files()
    with Store(db) as store:
        summary = ingest_raw(_raws(files), store, IngestOptions(n_process=n_process))
    for failure in summary.failures:
        print(f"error: {failure.item}: {failure.reason}", file=sys.stderr)
    print(
        f"ingested {summary.ingested} of {len(files)} files, {summary.duplicates} duplicates, {summary.failed} failed"
    )


def _side(code: str | None, name: str | None, upper: bool) -> str:
    """An actor's part of the current ``event_key``: the code, else the name ('' for none)."""
    value = code or name or ""
    return value.upper() if upper else value.strip().lower()


def load_mentions(db: Path) -> list[dict[str, Any]]:
    """Every stored mention with its file path; mentions whose offsets do not fit the re-derived text are left out."""
    root = shared_dir().resolve()
    with Store(db) as store:
        cur = store.con.execute(
            "SELECT m.*, a.item AS item FROM event_mentions m JOIN articles a ON a.id = m.article_id "
            "ORDER BY a.item, m.sentence_start, m.action_start, m.mention_id"
        )
        columns = [d[0] for d in cur.description]
        rows = [dict(zip(columns, values, strict=True)) for values in cur.fetchall()]
    mentions = []
    for row in rows:
        path = Path(row["item"]).resolve().relative_to(root).as_posix()
        text = document_text(path, "plain")
        if text[row["sentence_start"] : row["sentence_end"]] != row["sentence"]:
            print(f"error: {row['mention_id']}: sentence offsets do not fit {path}", file=sys.stderr)
            continue
        row["path"] = path
        row["source_key"] = _side(row["source_code"], row["source_name"], True)
        row["target_key"] = _side(row["target_code"], row["target_name"], False)
        mentions.append(row)
    return mentions


def _days(a: dict[str, Any], b: dict[str, Any]) -> int | None:
    da, db = a["event_date"], b["event_date"]
    return abs((da - db).days) if isinstance(da, date) and isinstance(db, date) else None


def _pairs_within(groups: dict[Any, list[dict]], near: bool) -> list[tuple[dict, dict]]:
    """Cross-article pairs inside each group (dates within ``NEAR_DAYS`` when ``near``)."""
    out = []
    for members in groups.values():
        for a, b in combinations(members, 2):
            if a["article_id"] == b["article_id"]:
                continue
            days = _days(a, b)
            if near and (days is None or days > NEAR_DAYS):
                continue
            out.append((a, b))
    return out


def candidates(mentions: list[dict[str, Any]]) -> dict[str, list[tuple[dict, dict]]]:
    """All candidate pairs of each stratum except ``random`` (which is drawn directly)."""
    by_event: dict[str, list[dict]] = defaultdict(list)
    by_dyad: dict[tuple, list[dict]] = defaultdict(list)
    by_source: dict[tuple, list[dict]] = defaultdict(list)
    for m in mentions:
        by_event[m["event_id"]].append(m)
        if m["target_key"]:
            by_dyad[(m["plover_type"], m["source_key"], m["target_key"])].append(m)
        else:
            by_source[(m["plover_type"], m["source_key"])].append(m)
    same_dyad = [(a, b) for a, b in _pairs_within(by_dyad, True) if a["event_id"] != b["event_id"]]
    return {
        "merged": _pairs_within(by_event, False),
        "same_dyad": same_dyad,
        "no_target": _pairs_within(by_source, True),
    }


def _random_pairs(rng: random.Random, mentions: list[dict], count: int) -> Iterator[tuple[dict, dict]]:
    """Endless same-type cross-article pairs: a type by its share of mentions, then two of its mentions."""
    by_type: dict[str, list[dict]] = defaultdict(list)
    for m in mentions:
        by_type[m["plover_type"]].append(m)
    types = sorted(t for t, ms in by_type.items() if len({m["article_id"] for m in ms}) > 1)
    weights = [len(by_type[t]) for t in types]
    for _ in range(count * 50):
        a, b = rng.sample(by_type[rng.choices(types, weights)[0]], 2)
        if a["article_id"] != b["article_id"]:
            yield a, b


def _key(a: dict, b: dict) -> tuple[str, str]:
    return tuple(sorted((a["mention_id"], b["mention_id"])))  # type: ignore[return-value]


def draw(mentions: list[dict[str, Any]], seed: int = SEED, sizes: dict[str, int] = STRATA) -> list[dict[str, Any]]:
    """The stratified sample: ``sizes[stratum]`` pairs each (fewer when a stratum runs out), no pair twice."""
    rng = random.Random(seed)
    pools = candidates(mentions)
    taken: set[tuple[str, str]] = set()
    drawn = []
    for stratum, size in sizes.items():
        if stratum == "random":
            pool: Any = _random_pairs(rng, mentions, size)
        else:
            pool = sorted(pools[stratum], key=lambda p: _key(*p))
            rng.shuffle(pool)
        articles: set[tuple[str, str]] = set()
        events: Counter[str] = Counter()
        picked = 0
        for a, b in pool:
            if picked == size:
                break
            article_pair = tuple(sorted((a["article_id"], b["article_id"])))
            if _key(a, b) in taken or article_pair in articles:
                continue
            if stratum == "merged" and events[a["event_id"]] >= MAX_PER_EVENT:
                continue
            taken.add(_key(a, b))
            articles.add(article_pair)
            events[a["event_id"]] += 1
            a, b = sorted((a, b), key=lambda m: (m["published"] is None, m["published"], m["mention_id"]))
            drawn.append({"stratum": stratum, "merged_now": a["event_id"] == b["event_id"], "a": a, "b": b})
            picked += 1
    rng.shuffle(drawn)
    for stratum in sizes:
        members = [p for p in drawn if p["stratum"] == stratum]
        n_dev = round(len(members) * DEV_SHARE)
        for i, pair in enumerate(members):
            pair["split"] = "dev" if i < n_dev else "test"
    for i, pair in enumerate(drawn, 1):
        pair["pid"] = f"p{i:03d}"
    return drawn


def _json_value(value: Any) -> Any:
    return value.isoformat()[:10] if isinstance(value, date) else value


def pair_row(pair: dict[str, Any], coder: str | None) -> dict[str, Any]:
    """The offset-only record of a pair (paths, offsets and coded fields; no text)."""

    def side(m: dict) -> dict:
        return {"path": m["path"], "text_kind": "plain"} | {f: _json_value(m[f]) for f in MENTION_FIELDS}

    head = {k: pair[k] for k in ("pid", "stratum", "split", "merged_now")}
    return head | {"coder": coder, "a": side(pair["a"]), "b": side(pair["b"])}


def _actor(m: dict, role: str) -> str:
    name, code = m[f"{role}_name"], m[f"{role}_code"]
    if not name and not code:
        return "(none)"
    return f"{name} [{code}]" if code else f"{name} [unresolved]"


def packet_row(pair: dict[str, Any]) -> dict[str, Any]:
    """What the annotator sees: both sentences, dates and coded fields, and a blank label."""

    def side(m: dict) -> dict:
        flags = [f for f in ("negated", "hypothetical", "future", "reported") if m[f]]
        return {
            "published": _json_value(m["published"]),
            "sentence": m["sentence"],
            "trigger": m["action_text"],
            "type": f"{m['plover_type']}" + (f" / {m['plover_mode']}" if m["plover_mode"] else ""),
            "source": _actor(m, "source"),
            "target": _actor(m, "target"),
            "flags": flags,
        }

    return {"pid": pair["pid"], "a": side(pair["a"]), "b": side(pair["b"]), "label": "", "note": ""}


def summary(pairs: list[dict[str, Any]], pools: dict[str, int]) -> str:
    lines = [f"{len(pairs)} pairs"]
    for stratum in STRATA:
        members = [p for p in pairs if p["stratum"] == stratum]
        merged = sum(p["merged_now"] for p in members)
        dev = sum(p["split"] == "dev" for p in members)
        pool = f" of {pools[stratum]} candidates" if stratum in pools else ""
        lines.append(f"  {stratum}: {len(members)}{pool}; merged now {merged}; dev {dev}, test {len(members) - dev}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="scratch store (built when missing)")
    parser.add_argument("--rebuild", action="store_true", help="re-ingest the texts even if the store exists")
    parser.add_argument("--n-process", type=int, default=1, help="annotation processes for the ingest")
    parser.add_argument(
        "--packet", type=Path, default=DEFAULT_PACKET, help="folder for packet.jsonl (outside the repo)"
    )
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    if args.rebuild or not args.db.exists():
        build_store(args.db, args.n_process)
    mentions = load_mentions(args.db)
    pairs = draw(mentions, args.seed)
    coders = sorted({m["coder"] for m in mentions if m["coder"]})
    coder = ",".join(coders) or None
    PAIRS_PATH.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted((pair_row(p, coder) for p in pairs), key=lambda r: r["pid"])
    PAIRS_PATH.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    args.packet.mkdir(parents=True, exist_ok=True)
    packet = sorted((packet_row(p) for p in pairs), key=lambda r: r["pid"])
    (args.packet / "packet.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in packet), encoding="utf-8"
    )
    pools = {k: len(v) for k, v in candidates(mentions).items()}
    print(f"{len(mentions)} mentions in {len({m['article_id'] for m in mentions})} articles")
    print(summary(pairs, pools))
    print(f"wrote {PAIRS_PATH} and {args.packet / 'packet.jsonl'}")


if __name__ == "__main__":
    main()
