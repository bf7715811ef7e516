"""Precision and coverage of actor resolution on the PLOVER gold standard's actor phrases.

Each source/target of /work/shared/gold/events/plover_gsr/PLOVER_GSR_CAMEO.txt gives an
``actorText`` ("Russian Foreign Minister Andrei Kozyrev") and a ``code``: a country (ISO 3166
alpha-3) or IGO/NGO/IMG, with an optional ``sector`` (GOV, MIL, REB …). ``resolve_text`` is run on
the phrase as of the record's date and compared on the primary code: the actor's country, or for
actors without one the transnational prefix of their CAMEO code (IGOUNO → IGO). Sectors are scored
separately, on the pairs whose gold sector starts with a three-letter sector code.

Figures: precision = correct / resolved, coverage = resolved / pairs, F1 of the two.
This file is a development set: its phrases are never added to the dictionaries.

With ``--set news`` the actor mentions of the news gold standard's whole articles are scored
instead (benchmarks/news/score.py): precision of resolved mentions, coverage of gold mentions, and
role nouns ("the president", "officials") separately. ``--split actor-dev`` scores the actor
development set instead (benchmarks/news/build_actor_dev.py: whole articles outside both splits),
``--split actor-check`` the actor check set (drawn after it, never used to develop rules), ``--split
actor-dev2``, ``--split actor-dev3`` and ``--split actor-dev4`` the second, third and fourth (international
newswire) actor development sets.

Run: nice .venv/bin/python benchmarks/eval_entities.py [--errors] [--limit N] [--set news --split dev|actor-dev|actor-dev2|actor-dev3|actor-dev4|actor-dev5|actor-check|actor-check2|test]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from eventwire.annotate.actors import TRANSNATIONAL_SECTORS
from eventwire.model import Actor
from eventwire.paths import shared_path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the benchmarks package sits beside it
    sys.path.insert(0, str(ROOT))

GOLD = shared_path("gold", "events", "plover_gsr", "PLOVER_GSR_CAMEO.txt")
# The readme says country codes follow ISO 3166 alpha-3; a few CAMEO-era codes remain in the file.
GOLD_CODE_FIXES = {"JAP": "JPN", "ITL": "ITA"}
# Gold sectors that are not a sector (the readme's placeholder for "unknown").
NO_SECTOR = {"***", ""}
# The readme says every record's date is a placeholder (2000-01-01) and that country codes were
# brought up to current ISO codes, so phrases are resolved as of one fixed, recent day.
EVAL_DATE = date(2025, 1, 1)


@dataclass(frozen=True, slots=True)
class GoldPair:
    record_id: str
    text: str
    code: str
    sector: str | None
    when: date | None


@dataclass(slots=True)
class Scores:
    pairs: int = 0
    resolved: int = 0
    correct: int = 0
    sector_pairs: int = 0
    sector_correct: int = 0
    errors: list[tuple[GoldPair, str | None]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.resolved if self.resolved else 0.0

    @property
    def coverage(self) -> float:
        return self.resolved / self.pairs if self.pairs else 0.0

    @property
    def f1(self) -> float:
        p, c = self.precision, self.coverage
        return 2 * p * c / (p + c) if p + c else 0.0

    @property
    def sector_accuracy(self) -> float:
        return self.sector_correct / self.sector_pairs if self.sector_pairs else 0.0


def load_pairs(path: Path = GOLD) -> list[GoldPair]:
    """(actorText, code, sector) of every source and target; the header record is skipped."""
    records = json.loads(path.read_text(encoding="utf-8"))
    pairs = []
    for record in records[1:]:
        when = date.fromisoformat(record["date"]) if record.get("date") else None
        for side in ("source", "target"):
            actors = record.get(side)
            if not isinstance(actors, list):
                continue
            for actor in actors:
                text, code = (actor.get("actorText") or "").strip(), (actor.get("code") or "").strip()
                if text and code:
                    code = GOLD_CODE_FIXES.get(code, code)
                    sector = (actor.get("sector") or "").strip()
                    pairs.append(GoldPair(record["id"], text, code, None if sector in NO_SECTOR else sector, when))
    return pairs


def primary_code(actor: Actor) -> str | None:
    """The code compared with the gold: the country, or the CAMEO prefix of a transnational actor.

    A sector without a country ("officials" → GOV) has no code to compare and counts as unresolved.
    """
    if actor.country:
        return actor.country
    prefix = (actor.cameo_code or "")[:3]
    return prefix if prefix in TRANSNATIONAL_SECTORS else None


def score_pairs(pairs: list[GoldPair], resolve: Callable[[str, date | None], Actor | None] | None = None) -> Scores:
    """Resolve each gold phrase and count resolved, correct and sector-correct pairs."""
    if resolve is None:
        from eventwire.annotate.actors import resolve_text as resolve
    scores = Scores()
    for pair in pairs:
        scores.pairs += 1
        actor = resolve(pair.text, EVAL_DATE)
        got = primary_code(actor) if actor is not None else None
        if got is None:
            continue
        scores.resolved += 1
        if got == pair.code:
            scores.correct += 1
        else:
            scores.errors.append((pair, actor.cameo_code))
        if pair.sector and pair.sector[:3].isupper():
            scores.sector_pairs += 1
            scores.sector_correct += actor.sector == pair.sector[:3]
    return scores


def evaluate_news(split: str, errors: bool = False) -> dict:
    """Actor mentions in the news gold standard's whole articles: precision, coverage, role nouns
    (with ``errors``, also each false mention and each miss, for analysis on the dev split)."""
    from benchmarks.news.build_actor_dev import ACTOR_SETS
    from benchmarks.news.score import load_gold, mention_errors, predict, score_mentions

    actor_set = ACTOR_SETS.get(split.replace("-", "_"))
    gold = load_gold(actor_set.gold, corpus_path=actor_set.path) if actor_set else load_gold(split=split)
    _, mentions = predict([s for s in gold.sentences if s.whole])
    figures = {"set": f"news_{split}"} | score_mentions(gold, mentions)
    if errors:
        figures["errors"] = mention_errors(gold, mentions)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="score only the first N pairs")
    parser.add_argument("--errors", action="store_true", help="list the wrongly resolved pairs")
    parser.add_argument("--set", choices=("news", "gsr"), default="gsr", help="news: the news gold standard's actors")
    parser.add_argument(
        "--split",
        choices=(
            "dev",
            "actor-dev",
            "actor-dev2",
            "actor-dev3",
            "actor-dev4",
            "actor-dev5",
            "actor-check",
            "actor-check2",
            "test",
        ),
        default="dev",
        help="news gold split (test: figures only), the actor development set or the actor check set (figures only)",
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    if args.set == "news":
        if args.errors and args.split in ("test", "actor-check"):
            parser.error("--errors lists mentions for error analysis: dev and the actor development sets only")
        figures = evaluate_news(args.split, args.errors)
        errors = figures.pop("errors", [])
        print(json.dumps(figures, indent=1) if args.json else " ".join(f"{k}={v}" for k, v in figures.items()))
        for e in errors:
            detail = f"gold {e['gold']} (by {e['method']})" if e["kind"] == "false" else f"got {e['got']}"
            print(f"{e['kind']}\t{e['sid']}\t{e['text']!r} {e['code']}\t{detail}\n\t{e['sentence']}")
        return
    pairs = load_pairs()[: args.limit]
    scores = score_pairs(pairs)
    print(f"pairs {scores.pairs}  resolved {scores.resolved}  correct {scores.correct}")
    print(f"precision {scores.precision:.3f}  coverage {scores.coverage:.3f}  F1 {scores.f1:.3f}")
    print(f"sector accuracy {scores.sector_accuracy:.3f} on {scores.sector_pairs} resolved pairs with a gold sector")
    if args.errors:
        for pair, got in scores.errors:
            print(f"  {pair.record_id}: {pair.text!r} gold {pair.code} got {got}")


if __name__ == "__main__":
    main()
