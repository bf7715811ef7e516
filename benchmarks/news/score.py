"""Score eventwire's events and actor mentions against the news gold standard.

Events: a predicted event matches a gold one in the same sentence when the PLOVER types agree
(``type``), and the source spans overlap (``type_source``), and the target spans overlap or both
events have no target (``triple``). Matching is one-to-one, most confident prediction first.
Predictions count only in the corpus sentences (the gold covers nothing else).

Actors (whole articles only, where every mention is annotated): a resolved mention is right when
it overlaps a gold mention whose code it matches on the primary code (country, or IGO/NGO/… prefix).
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from benchmarks.news.gold import (
    CORPUS_PATH,
    FLAGS,
    CorpusSentence,
    GoldError,
    document_text,
    load_corpus,
    plover_modes,
)
from eventwire.annotate.actors import TRANSNATIONAL_SECTORS
from eventwire.paths import shared_path

GOLD_PATH = Path(__file__).resolve().parents[1] / "data" / "news" / "events.jsonl"
LEVELS = ("type", "type_source", "triple")
POLITICAL_TOPICS = {"politics", "conflict"}
# Gold and predicted codes are compared on their first three letters (country, IGO, NGO …).
PRIMARY = 3
CODE_SHAPE = re.compile(r"[A-Z]{3}[A-Z0-9]{0,15}")
TRANSNATIONAL = frozenset(TRANSNATIONAL_SECTORS)


@dataclass(frozen=True, slots=True)
class Side:
    start: int
    end: int
    code: str | None


@dataclass(frozen=True, slots=True)
class GoldEvent:
    sid: str
    type: str
    mode: str | None
    trigger: tuple[int, int]
    source: Side | None
    target: Side | None
    flags: dict[str, bool]
    date: str | None


@dataclass(frozen=True, slots=True)
class GoldMention:
    sid: str
    start: int
    end: int
    code: str | None
    role_noun: bool


@dataclass(slots=True)
class Gold:
    sentences: list[CorpusSentence]
    events: dict[str, list[GoldEvent]] = field(default_factory=dict)
    mentions: dict[str, list[GoldMention]] = field(default_factory=dict)


# States that no longer exist, by their ISO 3166-3 codes, as annotators of older news write them:
# one whose UN seat another state continued is scored as that state (the Soviet Union as Russia,
# Yugoslavia and Serbia and Montenegro as Serbia, docs/annotation.md §7.1); Czechoslovakia and
# East Germany keep theirs.
SUCCESSOR_STATES = {"SUN": "RUS", "YUG": "SRB", "SCG": "SRB"}
FORMER_STATES = frozenset({"CSK", "DDR", *SUCCESSOR_STATES})


@cache
def country_codes() -> frozenset[str]:
    """ISO 3166 alpha-3 codes, the first part of every country actor code."""
    with shared_path("ontology", "actors", "countries.csv").open(encoding="utf-8", newline="") as stream:
        return frozenset(row["CCA3"] for row in csv.DictReader(stream))


def check_code(code: str | None, sentence: CorpusSentence, where: str) -> None:
    """An actor code is a country (ISO alpha-3) or a transnational prefix, then sector/body parts."""
    if code is None:
        return
    known = code[:3] in country_codes() or code[:3] in TRANSNATIONAL or code[:3] in FORMER_STATES
    if not CODE_SHAPE.fullmatch(code) or not known:
        raise GoldError(f"{sentence.sid}: {where}: {code!r} is not a country or IGO/NGO/… actor code")


def _side(value: dict | None, sentence: CorpusSentence, where: str) -> Side | None:
    if value is None:
        return None
    code = value.get("code")
    check_code(code, sentence, where)
    if code and code[:3] in SUCCESSOR_STATES:
        code = SUCCESSOR_STATES[code[:3]] + code[3:]
    side = Side(value["start"], value["end"], code)
    if not sentence.start <= side.start < side.end <= sentence.end:
        raise GoldError(f"{sentence.sid}: {where}: {side.start}-{side.end} is outside the sentence")
    return side


def load_gold(
    path: Path = GOLD_PATH, split: str | None = None, complete: bool = True, corpus_path: Path = CORPUS_PATH
) -> Gold:
    """The adjudicated annotations with their corpus sentences; every offset and label is checked.

    With ``complete`` every corpus sentence of the split must be annotated; otherwise the gold
    covers the annotated sentences only (for scoring one annotator's packet).
    """
    corpus = [s for s in load_corpus(corpus_path) if split in (None, s.split)]
    by_sid = {s.sid: s for s in corpus}
    modes = plover_modes()
    gold = Gold(corpus)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        sentence = by_sid.get(row["sid"])
        if sentence is None:
            continue  # another split
        events = []
        for n, ev in enumerate(row["events"]):
            where = f"events[{n}]"
            if ev["type"] not in modes or (ev.get("mode") is not None and ev["mode"] not in modes[ev["type"]]):
                raise GoldError(f"{sentence.sid}: {where}: {ev['type']}/{ev.get('mode')} is not in the PLOVER codebook")
            trigger = _side(ev["trigger"], sentence, f"{where}.trigger")
            events.append(
                GoldEvent(
                    sentence.sid, ev["type"], ev.get("mode"), (trigger.start, trigger.end),
                    _side(ev.get("source"), sentence, f"{where}.source"),
                    _side(ev.get("target"), sentence, f"{where}.target"),
                    {flag: bool(ev.get(flag, False)) for flag in FLAGS}, ev.get("date"),
                )
            )  # fmt: skip
        gold.events[sentence.sid] = events
        gold.mentions[sentence.sid] = [
            GoldMention(sentence.sid, s.start, s.end, s.code, bool(m.get("role_noun")))
            for m in row.get("actors", [])
            if (s := _side(m, sentence, "actors"))
        ]
    missing = [s.sid for s in corpus if s.sid not in gold.events]
    if missing and complete:
        raise GoldError(f"{len(missing)} corpus sentences have no annotation, e.g. {missing[:5]}")
    gold.sentences = [s for s in corpus if s.sid in gold.events]
    return gold


def overlaps(a: Side | None, start: int | None, end: int | None) -> bool:
    return a is not None and start is not None and end is not None and a.start < end and start < a.end


def _pred_side(side: Any) -> tuple[int | None, int | None]:
    span = getattr(side, "span", None) if side is not None else None
    return (span.start, span.end) if span is not None else (None, None)


def event_matches(gold: GoldEvent, pred: Any, level: str) -> bool:
    if gold.type != pred.plover_type:
        return False
    if level == "type":
        return True
    if not overlaps(gold.source, *_pred_side(pred.source)):
        return False
    if level == "type_source":
        return True
    if gold.target is None or pred.target is None:
        return gold.target is None and pred.target is None
    return overlaps(gold.target, *_pred_side(pred.target))


def match(gold: Sequence[GoldEvent], predicted: Sequence[Any], level: str) -> list[tuple[GoldEvent, Any]]:
    """One-to-one pairs, the most confident prediction choosing first."""
    free = list(gold)
    pairs = []
    for pred in sorted(predicted, key=lambda p: -p.confidence):
        found = next((g for g in free if event_matches(g, pred, level)), None)
        if found is not None:
            free.remove(found)
            pairs.append((found, pred))
    return pairs


def predict(sentences: Sequence[CorpusSentence], config: Any = None) -> tuple[dict[str, list], dict[str, list]]:
    """eventwire's events and actor mentions per corpus sentence (each article analysed once, whole)."""
    from eventwire.model import Article
    from eventwire.pipeline import get_pipeline

    pipeline = get_pipeline(config)
    by_doc: dict[str, list[CorpusSentence]] = defaultdict(list)
    for s in sentences:
        by_doc[(s.path, s.text_kind, s.published)].append(s)
    events: dict[str, list] = {s.sid: [] for s in sentences}
    mentions: dict[str, list] = {s.sid: [] for s in sentences}
    for (path, kind, published), doc_sentences in by_doc.items():
        document = pipeline(Article(text=document_text(path, kind), published=published))
        for s in doc_sentences:
            events[s.sid] = [e for e in document.events if s.start <= e.action.start < s.end]
            mentions[s.sid] = [m for m in document.actors if s.start <= m.start < s.end]
    return events, mentions


def _prf(tp_pred: int, n_pred: int, tp_gold: int, n_gold: int) -> dict[str, float]:
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0}


def pr_curve(gold: Gold, predicted: dict[str, list]) -> tuple[list[tuple[float, float, float]], float]:
    """(threshold, precision, recall) for whole-event matches as the confidence threshold falls; AP."""
    n_gold = sum(len(v) for v in gold.events.values())
    thresholds = sorted({p.confidence for preds in predicted.values() for p in preds}, reverse=True)
    points, ap, last_recall = [], 0.0, 0.0
    for t in thresholds:
        kept = {sid: [p for p in preds if p.confidence >= t] for sid, preds in predicted.items()}
        tp = sum(len(match(gold.events.get(sid, []), preds, "triple")) for sid, preds in kept.items())
        n_pred = sum(len(v) for v in kept.values())
        precision, recall = tp / n_pred if n_pred else 0.0, tp / n_gold if n_gold else 0.0
        ap += precision * (recall - last_recall)
        last_recall = recall
        points.append((t, round(precision, 3), round(recall, 3)))
    return points, round(ap, 3)


def score_events(gold: Gold, predicted: dict[str, list]) -> dict[str, Any]:
    """The figures of eval_events.py --set news (see the module docstring)."""
    n_gold = sum(len(v) for v in gold.events.values())
    n_pred = sum(len(v) for v in predicted.values())
    figures: dict[str, Any] = {
        "sentences": len(gold.sentences),
        "gold_events": n_gold,
        "predicted_events": n_pred,
        "precision": {},
        "recall": {},
        "f1": {},
    }
    matched_triples: list[tuple[GoldEvent, Any]] = []
    for level in LEVELS:
        pairs = [pair for sid, preds in predicted.items() for pair in match(gold.events.get(sid, []), preds, level)]
        prf = _prf(len(pairs), n_pred, len(pairs), n_gold)
        for name in ("precision", "recall", "f1"):
            figures[name][level] = prf[name]
        if level == "triple":
            matched_triples = pairs
    figures["flag_accuracy"] = {
        flag: round(sum(g.flags[flag] == bool(getattr(p, flag)) for g, p in matched_triples) / len(matched_triples), 3)
        if matched_triples
        else None
        for flag in FLAGS
    }
    figures.update(_article_figures(gold, predicted))
    return figures


def _article_figures(gold: Gold, predicted: dict[str, list]) -> dict[str, Any]:
    words = sum(len(s.text.split()) for s in gold.sentences)
    docs: dict[str, tuple[str, int]] = {}
    for s in gold.sentences:
        topic, count = docs.get(s.doc, (s.topic, 0))
        docs[s.doc] = (topic, count + len(predicted.get(s.sid, [])))
    non_political = [count for topic, count in docs.values() if topic not in POLITICAL_TOPICS]
    return {
        "words": words,
        "events_per_1000_words": {
            "gold": round(1000 * sum(len(v) for v in gold.events.values()) / words, 2) if words else 0.0,
            "predicted": round(1000 * sum(len(v) for v in predicted.values()) / words, 2) if words else 0.0,
        },
        "non_political_articles": len(non_political),
        "non_political_articles_with_events": round(sum(c > 0 for c in non_political) / len(non_political), 3)
        if non_political
        else None,
    }


def actor_primary(actor: Any) -> str | None:
    """The code a predicted actor is compared on: its country, else a transnational prefix (IGO, NGO …).

    A sector without a country ("officials" → GOV) names no code a gold label could match, so it
    counts as unresolved, as in the PLOVER GSR actor scorer (benchmarks/eval_entities.py).
    """
    if actor.country:
        return actor.country[:PRIMARY]
    prefix = (actor.cameo_code or "")[:PRIMARY]
    return prefix if prefix in TRANSNATIONAL else None


def primary(code: str | None) -> str | None:
    return code[:PRIMARY] if code else None


def score_mentions(gold: Gold, predicted: dict[str, list]) -> dict[str, Any]:
    """Precision of resolved mentions and coverage of gold mentions, in whole-article sentences."""
    whole = [s.sid for s in gold.sentences if s.whole]
    resolved = correct = 0
    covered: dict[bool, list[int]] = {True: [0, 0], False: [0, 0]}  # role_noun → [right, total]
    for sid in whole:
        golds = gold.mentions.get(sid, [])
        for m in predicted.get(sid, []):
            code = actor_primary(m.actor)
            if code is None:
                continue
            resolved += 1
            correct += any(
                overlaps(Side(g.start, g.end, g.code), m.start, m.end) and primary(g.code) == code for g in golds
            )
        for g in golds:
            if g.code is None:
                continue
            covered[g.role_noun][1] += 1
            covered[g.role_noun][0] += any(
                overlaps(Side(g.start, g.end, g.code), m.start, m.end) and actor_primary(m.actor) == primary(g.code)
                for m in predicted.get(sid, [])
            )
    right, total = covered[False][0] + covered[True][0], covered[False][1] + covered[True][1]
    role_pred = _role_noun_precision(gold, predicted, whole)
    return {
        "sentences": len(whole),
        "gold_mentions": total,
        "resolved_mentions": resolved,
        "precision": round(correct / resolved, 3) if resolved else 0.0,
        "coverage": round(right / total, 3) if total else 0.0,
        "role_nouns": {
            "gold_mentions": covered[True][1],
            "coverage": round(covered[True][0] / covered[True][1], 3) if covered[True][1] else None,
            "precision": role_pred,
        },
    }


def mention_errors(gold: Gold, predicted: dict[str, list]) -> list[dict[str, Any]]:
    """Each wrong or unmatched resolved mention ("false") and each gold mention not covered ("miss"),
    with the sentence, for error analysis on the dev split."""
    sentences = {s.sid: s for s in gold.sentences if s.whole}
    errors: list[dict[str, Any]] = []
    for sid, sentence in sentences.items():
        golds = gold.mentions.get(sid, [])
        preds = [(m, actor_primary(m.actor)) for m in predicted.get(sid, [])]

        def cut(start: int, end: int, sentence: CorpusSentence = sentence) -> str:
            return sentence.text[start - sentence.start : end - sentence.start]

        for m, code in preds:
            if code is None:
                continue
            found = [g for g in golds if overlaps(Side(g.start, g.end, g.code), m.start, m.end)]
            if not any(primary(g.code) == code for g in found):
                gold_text = "; ".join(f"{cut(g.start, g.end)!r} {g.code}" for g in found) or "-"
                errors.append(
                    {"sid": sid, "kind": "false", "text": m.text, "code": m.actor.cameo_code,
                     "method": m.method, "gold": gold_text, "sentence": sentence.text}
                )  # fmt: skip
        for g in golds:
            if g.code is None:
                continue
            hits = [(m, c) for m, c in preds if overlaps(Side(g.start, g.end, g.code), m.start, m.end)]
            if not any(c == primary(g.code) for _, c in hits):
                got = "; ".join(f"{m.text!r} {m.actor.cameo_code} {m.method}" for m, _ in hits) or "-"
                errors.append(
                    {"sid": sid, "kind": "miss", "text": cut(g.start, g.end), "code": g.code,
                     "role_noun": g.role_noun, "got": got, "sentence": sentence.text}
                )  # fmt: skip
    return errors


def _role_noun_precision(gold: Gold, predicted: dict[str, list], sids: Iterable[str]) -> float | None:
    """Precision of resolved predictions that overlap a gold role-noun mention."""
    hits = right = 0
    for sid in sids:
        roles = [g for g in gold.mentions.get(sid, []) if g.role_noun and g.code]
        for m in predicted.get(sid, []):
            code = actor_primary(m.actor)
            found = [g for g in roles if overlaps(Side(g.start, g.end, g.code), m.start, m.end)]
            if code is None or not found:
                continue
            hits += 1
            right += any(primary(g.code) == code for g in found)
    return round(right / hits, 3) if hits else None


def plot_pr(points: list[tuple[float, float, float]], ap: float, out: Path, title: str) -> Path:
    """A precision–recall curve over the confidence threshold, as a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 4), dpi=120)
    ax.plot([r for _, _, r in points], [p for _, p, _ in points], drawstyle="steps-post")
    ax.set(xlabel="recall (whole event)", ylabel="precision", xlim=(0, 1), ylim=(0, 1), title=f"{title} (AP {ap})")
    ax.grid(alpha=0.3)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out
