"""Temporal expressions measured on TimeBank and AQUAINT (TempEval-3 training TimeML, TBAQ-cleaned).

TempEval-3 measures: strict span P/R/F1 (same character extent), relaxed span P/R/F1 (any
overlap, one system expression per gold one), type and value accuracy over the relaxed-matched
pairs, and value F1 (a relaxed match with the right value, as P/R/F1). The document creation
time (``functionInDocument="CREATION_TIME"``) is given to the tagger as its anchor and is not
scored; only the body text (the ``TEXT`` element) is tagged.

Usage: ``python benchmarks/eval_time.py [--split timebank|aquaint|all] [--limit N] [--no-doc] [--errors FILE]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from xml.etree.ElementTree import Element

from defusedxml import ElementTree

from eventwire.annotate.timex import find_timexes
from eventwire.model import Timex
from eventwire.paths import shared_path

SPLITS = {"timebank": ("TimeBank",), "aquaint": ("AQUAINT",), "all": ("TimeBank", "AQUAINT")}


@dataclass(slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str | None


@dataclass(slots=True)
class TmlDoc:
    doc_id: str
    dct: date | None
    text: str
    timexes: list[GoldTimex]


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in ("gold", "system", "strict", "relaxed", "type_ok", "value_ok"):
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(slots=True)
class DocResult:
    doc_id: str
    counts: Counts
    missed: list[GoldTimex] = field(default_factory=list)
    spurious: list[Timex] = field(default_factory=list)
    wrong: list[tuple[GoldTimex, Timex]] = field(default_factory=list)


def _collect(element: Element, parts: list[str], timexes: list[GoldTimex], offset: int) -> int:
    """Append ``element``'s text to ``parts`` (depth first) and record TIMEX3 extents; returns the new offset."""
    start = offset
    if element.text:
        parts.append(element.text)
        offset += len(element.text)
    for child in element:
        offset = _collect(child, parts, timexes, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if element.tag == "TIMEX3":
        text = "".join(parts)[start:offset]
        lead = len(text) - len(text.lstrip())
        stripped = text.strip()
        timexes.append(
            GoldTimex(
                start + lead, start + lead + len(stripped), stripped, element.get("type", ""), element.get("value")
            )
        )
    return offset


def read_tml(path: Path) -> TmlDoc:
    """One TimeML document: body text, its TIMEX3s (offsets into the body) and the DCT."""
    root = ElementTree.parse(path).getroot()
    dct = None
    for timex in root.iter("TIMEX3"):
        if timex.get("functionInDocument") == "CREATION_TIME" and timex.get("value"):
            try:
                dct = date.fromisoformat(timex.get("value")[:10])
            except ValueError:
                dct = None
            break
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    if body is not None:
        _collect(body, parts, timexes, 0)
    timexes.sort(key=lambda t: t.start)
    doc_id = root.findtext("DOCID") or path.stem
    return TmlDoc(doc_id.strip(), dct, "".join(parts), timexes)


def load_corpus(split: str = "all", limit: int | None = None, root: Path | None = None) -> list[TmlDoc]:
    base = root or shared_path("gold", "time", "tbaq")
    paths = sorted(p for folder in SPLITS[split] for p in (base / folder).glob("*.tml"))
    if limit:
        paths = paths[:limit]
    return [read_tml(p) for p in paths]


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return min(a_end, b_end) - max(a_start, b_start)


def score_document(doc_id: str, gold: Sequence[GoldTimex], system: Sequence[Timex]) -> DocResult:
    """Pair system and gold expressions one to one by largest overlap, then count the measures."""
    pairs = sorted(
        (
            (_overlap(g.start, g.end, s.start, s.end), gi, si)
            for gi, g in enumerate(gold)
            for si, s in enumerate(system)
        ),
        reverse=True,
    )
    used_gold: set[int] = set()
    used_system: set[int] = set()
    result = DocResult(doc_id, Counts(gold=len(gold), system=len(system)))
    for size, gi, si in pairs:
        if size <= 0:
            break
        if gi in used_gold or si in used_system:
            continue
        used_gold.add(gi)
        used_system.add(si)
        g, s = gold[gi], system[si]
        c = result.counts
        c.relaxed += 1
        c.strict += (g.start, g.end) == (s.start, s.end)
        c.type_ok += g.type == s.type
        c.value_ok += g.value == s.value
        if g.value != s.value or g.type != s.type:
            result.wrong.append((g, s))
    result.missed = [g for i, g in enumerate(gold) if i not in used_gold]
    result.spurious = [s for i, s in enumerate(system) if i not in used_system]
    return result


def _prf(correct: int, system: int, gold: int) -> tuple[float, float, float]:
    p = correct / system if system else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures(c: Counts) -> dict[str, float]:
    """The TempEval-3 figures from pooled counts."""
    sp, sr, sf = _prf(c.strict, c.system, c.gold)
    rp, rr, rf = _prf(c.relaxed, c.system, c.gold)
    vp, vr, vf = _prf(c.value_ok, c.system, c.gold)
    return {
        "strict_p": sp, "strict_r": sr, "strict_f1": sf,
        "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
        "type_accuracy": c.type_ok / c.relaxed if c.relaxed else 0.0,
        "value_accuracy": c.value_ok / c.relaxed if c.relaxed else 0.0,
        "value_p": vp, "value_r": vr, "value_f1": vf,
    }  # fmt: skip


def evaluate(docs: Iterable[TmlDoc], use_doc: bool = True) -> tuple[Counts, list[DocResult], float]:
    """Tag every document and score it; returns pooled counts, per-document results, tagging seconds."""
    docs = list(docs)
    parses: Iterable = [None] * len(docs)
    if use_doc:
        from eventwire.annotate.parse import load_nlp

        parses = load_nlp().pipe((d.text for d in docs), batch_size=16)
    total = Counts()
    results = []
    tagging = 0.0
    for tml, parse in zip(docs, parses, strict=True):
        started = time.perf_counter()
        system = find_timexes(tml.text, tml.dct, parse)
        tagging += time.perf_counter() - started
        result = score_document(tml.doc_id, tml.timexes, system)
        total.add(result.counts)
        results.append(result)
    return total, results, tagging


def write_errors(results: Sequence[DocResult], path: Path) -> None:
    """Missed, spurious and wrongly normalised expressions, one line each, for error analysis."""
    lines = []
    for r in results:
        lines += [f"{r.doc_id}\tMISS\t{g.type}\t{g.value}\t{g.text}" for g in r.missed]
        lines += [f"{r.doc_id}\tSPUR\t{s.type}\t{s.value}\t{s.text}" for s in r.spurious]
        lines += [f"{r.doc_id}\tWRONG\t{g.type}/{s.type}\t{g.value}/{s.value}\t{g.text} | {s.text}" for g, s in r.wrong]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=sorted(SPLITS), default="all")
    parser.add_argument("--limit", type=int, default=None, help="only the first N documents (sorted by file name)")
    parser.add_argument("--no-doc", action="store_true", help="tag without the spaCy parse (cue-word fallbacks)")
    parser.add_argument("--errors", type=Path, default=None, help="write missed/spurious/wrong expressions here")
    args = parser.parse_args(argv)
    docs = load_corpus(args.split, args.limit)
    total, results, tagging = evaluate(docs, use_doc=not args.no_doc)
    f = figures(total)
    print(
        f"TBAQ {args.split}: {len(docs)} documents, {total.gold} gold / {total.system} system TIMEX3 ({'no parse' if args.no_doc else 'with parse'})"
    )
    print(f"strict span   P {f['strict_p']:.3f}  R {f['strict_r']:.3f}  F1 {f['strict_f1']:.3f}")
    print(f"relaxed span  P {f['relaxed_p']:.3f}  R {f['relaxed_r']:.3f}  F1 {f['relaxed_f1']:.3f}")
    print(f"type accuracy {f['type_accuracy']:.3f}   value accuracy {f['value_accuracy']:.3f}")
    print(f"value         P {f['value_p']:.3f}  R {f['value_r']:.3f}  F1 {f['value_f1']:.3f}")
    print(f"tagging time  {1000 * tagging / max(len(docs), 1):.2f} ms/document")
    if args.errors:
        write_errors(results, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
