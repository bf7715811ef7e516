"""Event-coding evaluation on real news and two development sets (figures only; nothing is fitted).

(news) The news gold standard (benchmarks/data/news, docs/annotation.md): real sentences with every
    event annotated. A predicted event matches a gold one when types agree and source and target
    spans overlap (or both have no target); precision, recall and F1 by type, type+source and
    whole triple, flag accuracy, non-political articles with events, events per 1,000 words, and
    the precision-recall curve over confidence (benchmarks/out/news_<split>_pr.png, AP). ``dev`` is
    for development; ``test`` is frozen and only reports figures.
(a) PLOVER GSR (gold/events/plover_gsr): 322 sentences from the CAMEO manual coded with PLOVER
    v0.5 types and source/target actors. Reports event-type, source, target and full-triple
    accuracy of the main predicted event per sentence, and the share of sentences left empty.
(b) PETRARCH-2 unit tests (gold/events/petrarch_unit): the validation sentences with their own
    fictional verb/actor/agent/discard dictionaries, loaded through the project's readers.
    Reports the share of expected (source, target, code) codings produced and the share of
    ``noevents`` records left empty.

Run: nice .venv/bin/python benchmarks/eval_events.py [--set news|gsr|petrarch|all] [--split dev|test] [--json]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from eventwire.model import Actor, ActorMention, Event
from eventwire.paths import shared_path

ROOT = Path(__file__).resolve().parents[1]
OUT_DIR = ROOT / "benchmarks" / "out"
if str(ROOT) not in sys.path:  # run as a script: the benchmarks package sits beside it
    sys.path.insert(0, str(ROOT))

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
    """A predicted actor code matches a gold country/IGO code by prefix (``RUSGOV`` ~ ``RUS``);
    a composite state's member counts too (``SCGSRB``, Serbia within Serbia and Montenegro)."""
    if not predicted:
        return False
    return any(predicted.startswith(g) or g.startswith(predicted[:3]) or predicted[3:6] == g for g in gold)


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
    from eventwire.annotate.parse import load_nlp
    from eventwire.coding import get_coder
    from eventwire.model import Article, Document

    resolver = resolver or default_resolver()
    coder = coder or get_coder()
    records = list(records)
    score = GsrScore()
    for record, doc in zip(records, load_nlp().pipe(r.text for r in records), strict=True):
        document = Document(Article(text=doc.text, published=GSR_DATE), actors=resolver(doc), parse=doc)
        events = coder(document)
        score_gsr_record(score, record, main_event(events, doc))
    return score


# -- (c) the news gold standard ------------------------------------------------------------------


def evaluate_news(split: str, coder: str | None = None) -> dict:
    """Events on real news (benchmarks/data/news): precision, recall, flags, article relevance, AP."""
    from benchmarks.news.score import load_gold, plot_pr, pr_curve, predict, score_events
    from eventwire.pipeline import PipelineConfig

    gold = load_gold(split=split)
    events, _ = predict(gold.sentences, PipelineConfig(coder=coder) if coder else None)
    figures = score_events(gold, events)
    points, ap = pr_curve(gold, events)
    png = plot_pr(points, ap, OUT_DIR / f"news_{split}_pr.png", f"news {split}: whole-event precision-recall")
    return figures | {"average_precision": ap, "pr_curve": points, "pr_png": str(png.relative_to(ROOT))}


# -- (b) PETRARCH-2 unit tests ------------------------------------------------------------------

PETR_DIR = ("gold", "events", "petrarch_unit")
UNKNOWN = "---"
# Tokens between an agent word and the actor it belongs to ("Arnor's foreign minister").
AGENT_REACH = 3
# Tokens between an agent word and the actor it belongs to ("Arnor's foreign minister").
AGENT_REACH = 3


@dataclass(slots=True)
class PetrRecord:
    id: str
    category: str
    when: date
    text: str
    codings: tuple[tuple[str, str, str], ...]
    noevents: bool


def load_petrarch_unit(path: Path | None = None) -> list[PetrRecord]:
    path = path or shared_path(*PETR_DIR, "PETR.UnitTest.records.xml")
    raw = path.read_text(encoding="utf-8")
    records = []
    for attrs, body in re.findall(r"<Sentence ([^>]*)>(.*?)</Sentence>", raw, re.S):
        text = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not text or re.search(r'sentence\s*=\s*"false"', attrs):
            continue
        codings = tuple(
            (m.group(1), m.group(2), m.group(3))
            for m in re.finditer(r'sourcecode="([^"]*)"\s+targetcode="([^"]*)"\s+eventcode="([^"]*)"', body)
        )
        if not codings and "noevents" not in body:
            continue  # error/discard records test the reader, not coding
        stamp = re.search(r'date\s*=\s*"(\d{8})"', attrs).group(1)
        records.append(
            PetrRecord(
                id=re.search(r'id\s*=\s*"([^"]*)"', attrs).group(1),
                category=re.search(r'category\s*=\s*"([^"]*)"', attrs).group(1),
                when=date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:])),
                text=" ".join(text.group(1).split()),
                codings=codings,
                noevents="noevents" in body,
            )
        )
    return records


@dataclass(slots=True)
class PetrScore:
    expected: int = 0
    found: int = 0
    noevent_records: int = 0
    noevent_empty: int = 0
    errors: list[dict] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        return {
            "expected_codings": self.expected,
            "coding_recall": round(self.found / (self.expected or 1), 3),
            "noevent_records": self.noevent_records,
            "noevent_empty_share": round(self.noevent_empty / (self.noevent_records or 1), 3),
        }


def score_petrarch_record(score: PetrScore, record: PetrRecord, produced: set[tuple[str, str, str]]) -> None:
    if record.noevents:
        score.noevent_records += 1
        score.noevent_empty += not produced
        if produced:
            score.errors.append({"id": record.id, "gold": [], "pred": sorted(produced)})
        return
    hits = [c for c in record.codings if c in produced]
    score.expected += len(record.codings)
    score.found += len(hits)
    if len(hits) < len(record.codings):
        score.errors.append({"id": record.id, "gold": record.codings, "pred": sorted(produced)})


def petrarch_coder():
    """The dependency coder with the validation suite's own verb dictionary and discards."""
    from eventwire.coding.defaults import load_discards
    from eventwire.coding.dependency import DependencyCoder
    from eventwire.coding.lexicon import read_verb_dictionary
    from eventwire.coding.ontology import load_ontology

    lexicon = read_verb_dictionary(shared_path(*PETR_DIR, "PETR.Validate.verbs.txt"))
    discards = load_discards(shared_path(*PETR_DIR, "PETR.Validate.discards.txt"))
    # The validation codes are not CAMEO: the CAMEO-specific combination rules stay off.
    return DependencyCoder("eval.petrarch-validation", lexicon, load_ontology(), None, discards, cameo_rules=False)


def validation_resolver() -> Callable[[Doc, date], list[ActorMention]]:
    """Actor mentions from the validation actor and agent dictionaries (read by the project's
    readers): longest phrase match, dated codes, agents joined to an actor next to them."""
    from eventwire.annotate.actors import read_actor_dictionary, read_agent_dictionary

    actor_file = read_actor_dictionary(shared_path(*PETR_DIR, "PETR.Validate.actors.txt"))
    agent_file = read_agent_dictionary(shared_path(*PETR_DIR, "PETR.Validate.agents.txt"))
    actors = {tuple(n.lower().split()): e for e in actor_file for n in e.names}
    agents = {tuple(n.lower().split()): e for e in agent_file for n in e.names}
    longest = max(len(k) for k in [*actors, *agents])

    def find(words: list[str], i: int, when: date) -> tuple[int, str, Any] | None:
        for n in range(min(longest, len(words) - i), 0, -1):
            key = tuple(words[i : i + n])
            if key in actors and (code := actors[key].code_on(when)) and "/" not in code:
                return n, "actor", code
            if key in agents:
                return n, "agent", agents[key]
        return None

    def resolve(doc: Doc, when: date) -> list[ActorMention]:
        words = [t.lower_ for t in doc]
        spans: list[tuple[int, int, str, Any]] = []
        i = 0
        while i < len(words):
            hit = find(words, i, when)
            if hit is None:
                i += 1
                continue
            spans.append((i, i + hit[0], hit[1], hit[2]))
            i += hit[0]
        merged: list[tuple[int, int, str]] = []
        owners: set[int] = set()
        for k, (start, end, kind, agent) in enumerate(spans):
            if kind != "agent":
                continue
            near = [
                j
                for j, sp in enumerate(spans)
                if sp[2] == "actor"
                and j not in owners
                and (0 <= start - sp[1] <= AGENT_REACH or 0 <= sp[0] - end <= AGENT_REACH)
            ]
            if near:
                j = min(near, key=lambda j: abs(j - k))
                owners.add(j)
                actor_code = spans[j][3]
                code = agent.role + actor_code if agent.prefix else actor_code + agent.role
                merged.append((min(start, spans[j][0]), max(end, spans[j][1]), code))
            else:
                merged.append((start, end, UNKNOWN + agent.role))
        merged += [(s, e, c) for j, (s, e, kind, c) in enumerate(spans) if kind == "actor" and j not in owners]
        out = []
        for start, end, code in sorted(merged):
            span = doc[start:end]
            actor = Actor(code, span.text, code[:3], code[3:] or None, code)
            out.append(ActorMention(span.start_char, span.end_char, span.text, actor))
        return out

    return resolve


def evaluate_petrarch(records: Iterable[PetrRecord], resolver_factory=None) -> PetrScore:
    """Code each validation sentence with the validation dictionaries and score the codings."""
    from eventwire.annotate.parse import load_nlp

    records = list(records)
    coder = petrarch_coder()
    resolve = (resolver_factory or validation_resolver)()
    score = PetrScore()
    for record, doc in zip(records, load_nlp().pipe(r.text for r in records), strict=True):
        codings = coder.codings(doc, resolve(doc, record.when))
        # PETRARCH writes an unresolved side as "---".
        produced = {(c.source_code or UNKNOWN, c.target_code or UNKNOWN, c.code) for c in codings}
        score_petrarch_record(score, record, produced)
    return score


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=("news", "gsr", "petrarch", "all"), default="all")
    parser.add_argument("--split", choices=("dev", "test"), default="dev", help="news gold split (test: figures only)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON only")
    parser.add_argument("--coder", default=None, help="news and GSR: a registered coder (default: the default coder)")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--resolver", default=None, help="module:function(doc) → mentions (default: the real one)")
    parser.add_argument("--errors", type=Path, default=None, help="write per-sentence errors (JSON) here")
    args = parser.parse_args()
    report: dict[str, dict] = {}
    if args.set in ("news", "all"):
        started = time.perf_counter()
        report[f"news_{args.split}"] = evaluate_news(args.split, args.coder) | {
            "seconds": round(time.perf_counter() - started, 1)
        }
    if args.set in ("gsr", "all"):
        started = time.perf_counter()
        score = evaluate_gsr(
            load_gsr()[: args.limit], resolver=_resolver_from(args.resolver), coder=_coder_as_configured(args.coder)
        )
        report["plover_gsr"] = score.figures() | {"seconds": round(time.perf_counter() - started, 1)}
        if args.errors:
            args.errors.write_text(json.dumps(score.errors, indent=1), encoding="utf-8")
    if args.set in ("petrarch", "all"):
        started = time.perf_counter()
        pscore = evaluate_petrarch(load_petrarch_unit()[: args.limit])
        report["petrarch_unit"] = pscore.figures() | {"seconds": round(time.perf_counter() - started, 1)}
        if args.errors:
            args.errors.with_suffix(".petrarch.json").write_text(json.dumps(pscore.errors, indent=1), encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=1))
        return
    for name, figures in report.items():
        print(name, " ".join(f"{k}={v}" for k, v in figures.items() if k != "pr_curve"))


def _coder_as_configured(name: str | None):
    """The coder as users run it: the default threshold applies (events under it are no events)."""
    from eventwire.coding.stages import DEFAULT_MIN_CONFIDENCE, coder_for

    return coder_for(name, False, DEFAULT_MIN_CONFIDENCE)


def _resolver_from(spec: str | None) -> Resolver | None:
    if not spec:
        return None
    import importlib

    module, _, name = spec.partition(":")
    return getattr(importlib.import_module(module), name)


if __name__ == "__main__":
    main()
