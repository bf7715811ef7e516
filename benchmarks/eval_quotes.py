"""Quote and speaker attribution measured against PolNeAR (brat source/cue/content annotations).

A gold content counts as found when predicted contents cover at least 30% of its characters; a
prediction is correct when at least half of it lies inside one gold content. Speaker and cue
accuracy are taken over found golds, from the prediction that overlaps the gold content most.
Figures are given for all attributions and for direct quotes only (a gold content that opens or
closes with a quotation mark; predictions of kind ``direct``). Each text is scored once, against
its first annotator's file.

Speakers are scored twice. ``spk`` compares ``Quote.speaker``, the mention at the cue, with the
gold source, which is what annotators mark ("he" for "he said"): it overlaps it or names the same
surname. ``spk-res`` compares the resolved speaker (``speaker_ref``, a pronoun's antecedent, else
``speaker``); for a pronoun gold source the nearest earlier named gold source stands in for its
referent, a rough proxy (often another speaker), so it is a lower bound.

Usage: ``python benchmarks/eval_quotes.py --split dev [--limit N]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.model import Quote
from eventwire.paths import shared_path

# The agreement thresholds of the measure (see module docstring).
FOUND_COVERAGE = 0.30
CORRECT_INSIDE = 0.50
QUOTE_MARKS = '"“”«»„'  # a doubled apostrophe ('') counts too: the New York Times writes quotes so
# Trailing sentence punctuation outside the closing mark does not make a content less direct.
TRAILING_PUNCT = ".,;:!? \n\t"
# Pronoun sources are scored against the nearest earlier named gold source (a gold-side stand-in for
# coreference), because the annotator marks "he" while the system reports whom "he" refers to.
PRONOUN_SOURCES = {
    "he", "she", "they", "it", "we", "i", "you", "his", "her", "their", "its", "our", "my", "him",
    "them", "us", "me", "who", "which", "this", "that",
}  # fmt: skip
# Words that precede a surname in a mention and so are not the surname.
TITLE_WORDS = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "governor", "secretary",
    "spokesman", "spokeswoman", "spokesperson", "minister", "general", "the", "former", "chairman",
}  # fmt: skip
ANN_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
EVENT_LINE = re.compile(r"^(E\d+)\t(.*)$")
WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")


Fragments = tuple[tuple[int, int], ...]


@dataclass(slots=True)
class GoldAttribution:
    content: Fragments
    source: Fragments
    cue: Fragments
    direct: bool
    resolved_source: Fragments = ()


@dataclass(slots=True)
class GoldDoc:
    name: str
    text: str
    attributions: list[GoldAttribution]


@dataclass(slots=True)
class Counts:
    """Tallies for one subset (all or direct); sums over documents."""

    preds: int = 0
    correct: int = 0
    golds: int = 0
    found: int = 0
    speaker_total: int = 0
    speaker_ok: int = 0
    resolved_ok: int = 0
    cue_total: int = 0
    cue_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        precision = self.correct / self.preds if self.preds else 0.0
        recall = self.found / self.golds if self.golds else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "speaker_acc": self.speaker_ok / self.speaker_total if self.speaker_total else 0.0,
            "resolved_acc": self.resolved_ok / self.speaker_total if self.speaker_total else 0.0,
            "cue_acc": self.cue_ok / self.cue_total if self.cue_total else 0.0,
            "preds": self.preds,
            "golds": self.golds,
        }


@dataclass(slots=True)
class Report:
    all: Counts = field(default_factory=Counts)
    direct: Counts = field(default_factory=Counts)

    def add(self, other: Report) -> None:
        self.all.add(other.all)
        self.direct.add(other.direct)


def polnear_dir(split: str) -> Path:
    return shared_path("gold", "quotes", "polnear", split)


def _fragments(offsets: str) -> Fragments:
    return tuple(tuple(map(int, part.split())) for part in offsets.split(";"))  # type: ignore[misc]


def is_direct_content(text: str, content: Fragments) -> bool:
    """A content that opens or closes with a quotation mark (trailing punctuation aside)."""
    body = text[content[0][0] : content[-1][1]].strip().replace("''", '"')
    body = body.rstrip(TRAILING_PUNCT) if body and body[-1] not in QUOTE_MARKS else body
    return bool(body) and (body[0] in QUOTE_MARKS or body[-1] in QUOTE_MARKS)


def parse_ann(ann_text: str, text: str) -> list[GoldAttribution]:
    """Read brat attribution relations: each ``E`` line ties one content to its source and cue."""
    spans: dict[str, Fragments] = {}
    relations: list[dict[str, list[str]]] = []
    for line in ann_text.splitlines():
        if match := ANN_LINE.match(line):
            spans[match.group(1)] = _fragments(match.group(3))
        elif match := EVENT_LINE.match(line):
            roles: dict[str, list[str]] = {}
            for arg in match.group(2).split():
                role, _, ref = arg.partition(":")
                roles.setdefault(role.rstrip("0123456789"), []).append(ref)
            relations.append(roles)
    golds = []
    for roles in relations:
        content = tuple(f for ref in roles.get("Content", []) if ref in spans for f in spans[ref])
        if not content:
            continue
        content = tuple(sorted(content))
        source = tuple(f for ref in roles.get("Source", []) if ref in spans for f in spans[ref])
        cue = tuple(f for ref in roles.get("Cue", []) if ref in spans for f in spans[ref])
        golds.append(GoldAttribution(content, source, cue, is_direct_content(text, content)))
    _resolve_pronoun_sources(golds, text)
    return golds


def _resolve_pronoun_sources(golds: list[GoldAttribution], text: str) -> None:
    """Give each pronoun source the nearest earlier named source as an alternative to match."""
    named: list[tuple[int, Fragments]] = []
    for gold in golds:
        if gold.source and not _is_pronoun(text, gold.source):
            named.append((gold.source[0][0], gold.source))
    named.sort()
    for gold in golds:
        gold.resolved_source = gold.source
        if gold.source and _is_pronoun(text, gold.source):
            earlier = [src for start, src in named if start < gold.source[0][0]]
            if earlier:
                gold.resolved_source = earlier[-1]


def _is_pronoun(text: str, fragments: Fragments) -> bool:
    return " ".join(text[s:e] for s, e in fragments).strip().lower() in PRONOUN_SOURCES


def load_gold(split: str = "dev", limit: int | None = None) -> list[GoldDoc]:
    """One annotation per text (the first annotator file by name), texts in name order."""
    base = polnear_dir(split)
    chosen: dict[str, Path] = {}
    for ann in sorted((base / "attributions").glob("*.ann")):
        stem = re.sub(r"_[0-9a-f]+$", "", ann.stem)
        chosen.setdefault(stem, ann)
    docs = []
    for stem, ann in sorted(chosen.items()):
        text_path = base / "text" / f"{stem}.txt"
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        docs.append(GoldDoc(stem, text, parse_ann(ann.read_text(encoding="utf-8"), text)))
        if limit and len(docs) >= limit:
            break
    return docs


def _overlap(a: tuple[int, int], fragments: Iterable[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], e) - max(a[0], s)) for s, e in fragments)


def _covered(fragments: Fragments, preds: Sequence[tuple[int, int]]) -> int:
    """Characters of the gold fragments covered by the union of predicted ranges."""
    covered = 0
    for s, e in fragments:
        marks = bytearray(e - s)
        for ps, pe in preds:
            lo, hi = max(s, ps), min(e, pe)
            if lo < hi:
                marks[lo - s : hi - s] = b"\x01" * (hi - lo)
        covered += sum(marks)
    return covered


def _words(text: str) -> set[str]:
    return {w.strip(".'’").lower().removesuffix("'s").removesuffix("’s") for w in WORD.findall(text)}


def _surname(text: str) -> str | None:
    names = [w for w in WORD.findall(text) if w[0].isupper() and w.strip(".").lower() not in TITLE_WORDS]
    if not names:
        return None
    return names[-1].strip(".'’").lower().removesuffix("'s").removesuffix("’s")


def speaker_matches(text: str, speaker: tuple[int, int] | None, source: Fragments) -> bool:
    """The predicted speaker overlaps the gold source or names the same surname."""
    if speaker is None or not source:
        return False
    if _overlap(speaker, source):
        return True
    source_text = " ".join(text[s:e] for s, e in source)
    pred_text = text[speaker[0] : speaker[1]]
    pred_surname, gold_surname = _surname(pred_text), _surname(source_text)
    return bool(
        (pred_surname and pred_surname in _words(source_text)) or (gold_surname and gold_surname in _words(pred_text))
    )


def _span_range(span) -> tuple[int, int] | None:
    return (span.start, span.end) if span is not None else None


def score_subset(text: str, golds: list[GoldAttribution], quotes: list[Quote]) -> Counts:
    """Tallies for one text.

    The speaker measure compares the mention at the cue with the gold source (a pronoun with a
    pronoun); the resolved measure compares the resolved speaker, taking for a pronoun gold source
    the nearest earlier named gold source as its referent.
    """
    counts = Counts(preds=len(quotes), golds=len(golds))
    ranges = [(q.content.start, q.content.end) for q in quotes]
    for start, end in ranges:
        if end > start and any(_overlap((start, end), g.content) >= CORRECT_INSIDE * (end - start) for g in golds):
            counts.correct += 1
    for gold in golds:
        size = sum(e - s for s, e in gold.content)
        if not size or _covered(gold.content, ranges) < FOUND_COVERAGE * size:
            continue
        counts.found += 1
        best = max(range(len(quotes)), key=lambda i: _overlap(ranges[i], gold.content))
        quote = quotes[best]
        if gold.source:
            counts.speaker_total += 1
            counts.speaker_ok += speaker_matches(text, _span_range(quote.speaker), gold.source)
            resolved = _span_range(quote.resolved_speaker)
            counts.resolved_ok += speaker_matches(text, resolved, gold.source) or speaker_matches(
                text, resolved, gold.resolved_source
            )
        if gold.cue:
            counts.cue_total += 1
            counts.cue_ok += bool(quote.cue and _overlap((quote.cue.start, quote.cue.end), gold.cue))
    return counts


def score_doc(gold: GoldDoc, quotes: list[Quote]) -> Report:
    """Score one text's predictions for all attributions and for direct quotes only."""
    return Report(
        score_subset(gold.text, gold.attributions, quotes),
        score_subset(gold.text, [g for g in gold.attributions if g.direct], [q for q in quotes if q.kind == "direct"]),
    )


def predict(doc) -> list[Quote]:
    """Quotes with their speakers at the cue and, for pronouns, the resolved ``speaker_ref``."""
    from eventwire.annotate.quotes import find_quotes

    return find_quotes(doc)


def evaluate(nlp, golds: list[GoldDoc], batch_size: int = 8) -> Report:
    """Parse each gold text once, find its quotes and add up the tallies."""
    report = Report()
    texts = (g.text for g in golds)
    for gold, doc in zip(golds, nlp.pipe(texts, batch_size=batch_size), strict=True):
        report.add(score_doc(gold, predict(doc)))
    return report


def format_report(report: Report) -> str:
    lines = [
        f"{'subset':<8} {'P':>6} {'R':>6} {'F1':>6} {'spk':>6} {'spk-res':>7} {'cue':>6} {'preds':>6} {'golds':>6}"
    ]
    for name, counts in (("all", report.all), ("direct", report.direct)):
        f = counts.figures()
        lines.append(
            f"{name:<8} {f['precision']:6.3f} {f['recall']:6.3f} {f['f1']:6.3f} {f['speaker_acc']:6.3f}"
            f" {f['resolved_acc']:7.3f}"
            f" {f['cue_acc']:6.3f} {f['preds']:6d} {f['golds']:6d}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "train"), default="dev")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N texts")
    args = parser.parse_args(argv)

    from eventwire.annotate.parse import load_nlp

    nlp = load_nlp()
    golds = load_gold(args.split, args.limit)
    started = time.perf_counter()
    report = evaluate(nlp, golds)
    print(f"PolNeAR {args.split}: {len(golds)} texts, {time.perf_counter() - started:.1f}s")
    print(format_report(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
