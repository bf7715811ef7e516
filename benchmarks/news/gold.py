"""The news gold standard: corpus sentences as offsets into shared texts, annotator labels as offsets.

``corpus.jsonl`` holds only paths and offsets, because the article texts are third-party and stay in
``../shared``. Every load therefore re-derives each document text exactly as eventwire stores it
(a .txt file ingested through ``read_sources`` + ``extract_raw``; a gzipped page through
``extract_article`` with the URL trafilatura's evaldata gives it) and checks that the offsets still
fit, so a change in extraction shows up as an error instead of silently shifted gold.

Annotators write span texts relative to the sentence (FORMAT.md); ``convert_labels`` turns them into
document offsets and validates types and modes against the PLOVER codebook.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from eventwire.extract import extract_article, extract_raw
from eventwire.model import RawDoc
from eventwire.paths import shared_path
from eventwire.sources import read_sources

CORPUS_PATH = Path(__file__).resolve().parents[1] / "data" / "news" / "corpus.jsonl"
TRAF_DIR = ("gold", "extraction", "trafilatura_eval")
CODEBOOK = ("ontology", "plover", "PLOVER_structured_codebook.csv")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
FLAGS = ("negated", "hypothetical", "future", "reported")


class GoldError(ValueError):
    """The corpus no longer fits its texts, or an annotator's line is invalid (message names sid and field)."""


@dataclass(frozen=True, slots=True)
class CorpusSentence:
    sid: str
    doc: str
    path: str
    text_kind: str
    start: int
    end: int
    whole: bool
    topic: str
    split: str
    published: str | None
    text: str


@cache
def page_urls() -> dict[str, str | None]:
    """Page file → URL, as benchmarks/extraction.py passes it (only keys that are URLs)."""
    evaldata = json.loads(shared_path(*TRAF_DIR, "evaldata.json").read_text(encoding="utf-8"))
    return {item["file"]: (key.strip() if key.startswith("http") else None) for key, item in evaldata.items()}


@cache
def document_text(path: str, text_kind: str) -> str:
    """The Article.text eventwire stores for a shared file (``path`` relative to the shared folder)."""
    full = shared_path(*Path(path).parts)
    if text_kind == "plain":
        raws = list(read_sources([str(full)]))
        if len(raws) != 1 or not isinstance(raws[0], RawDoc):
            raise GoldError(f"{path}: expected one readable text document, got {raws!r}")
        return extract_raw(raws[0]).text
    if text_kind == "extracted":
        name = full.name.removesuffix(".gz")
        return extract_article(gzip.decompress(full.read_bytes()), page_urls().get(name)).text
    if text_kind == "timeml":
        from benchmarks.eval_time import read_tml  # a TimeML document's body text

        return read_tml(full).text
    raise GoldError(f"{path}: unknown text_kind {text_kind!r}")


def load_corpus(path: Path = CORPUS_PATH) -> list[CorpusSentence]:
    """The corpus sentences with their text, after checking every offset against the re-derived document."""
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = document_text(row["path"], row["text_kind"])
        start, end = row["start"], row["end"]
        span = text[start:end]
        if not (0 <= start < end <= len(text)) or not span.strip() or span != span.rstrip():
            raise GoldError(f"{row['sid']}: offsets {start}-{end} do not fit {row['path']} ({len(text)} chars)")
        sentences.append(CorpusSentence(**row, text=span))
    return sentences


@cache
def plover_modes() -> dict[str, frozenset[str]]:
    """PLOVER type → its mode names, from the structured codebook (16 types)."""
    modes: dict[str, set[str]] = {}
    with shared_path(*CODEBOOK).open(encoding="utf-8", newline="") as stream:
        for row in csv.DictReader(stream):
            modes.setdefault(row["event"].strip(), set()).update({row["mode"].strip()} - {""})
    return {event: frozenset(names) for event, names in modes.items()}


def _locate(sentence: CorpusSentence, text: Any, occurrence: Any, field: str) -> tuple[int, int]:
    """Document offsets of the ``occurrence``-th (1-based) appearance of ``text`` in the sentence."""
    if not isinstance(text, str) or not text:
        raise GoldError(f"{sentence.sid}: {field}: span text must be a non-empty string, got {text!r}")
    hits = [i for i in range(len(sentence.text)) if sentence.text.startswith(text, i)]
    if not hits:
        raise GoldError(f"{sentence.sid}: {field}: {text!r} not found in the sentence")
    if occurrence is None:
        if len(hits) > 1:
            raise GoldError(f'{sentence.sid}: {field}: {text!r} occurs {len(hits)} times; add "occurrence"')
        occurrence = 1
    if not isinstance(occurrence, int) or not 1 <= occurrence <= len(hits):
        raise GoldError(f"{sentence.sid}: {field}: occurrence {occurrence!r} of {text!r} (found {len(hits)})")
    start = sentence.start + hits[occurrence - 1]
    return start, start + len(text)


def _span(sentence: CorpusSentence, obj: Any, field: str, **extra: Any) -> dict | None:
    if obj is None:
        return None
    if not isinstance(obj, dict):
        raise GoldError(f"{sentence.sid}: {field}: expected an object or null, got {obj!r}")
    start, end = _locate(sentence, obj.get("text"), obj.get("occurrence"), field)
    return {"start": start, "end": end, "text": obj["text"], **{k: obj.get(k, v) for k, v in extra.items()}}


def _event(sentence: CorpusSentence, event: dict, field: str) -> dict:
    """One event with document offsets; the trigger's occurrence may sit on the event or in a trigger object."""
    kind, mode = event.get("type"), event.get("mode")
    modes = plover_modes()
    if kind not in modes:
        raise GoldError(f"{sentence.sid}: {field}.type: {kind!r} is not one of the 16 PLOVER types")
    if mode is not None and mode not in modes[kind]:
        raise GoldError(f"{sentence.sid}: {field}.mode: {mode!r} is not a {kind} mode {sorted(modes[kind])}")
    trigger = event.get("trigger")
    trigger = trigger if isinstance(trigger, dict) else {"text": trigger, "occurrence": event.get("occurrence")}
    date = event.get("date")
    if date is not None and not (isinstance(date, str) and ISO_DATE.fullmatch(date)):
        raise GoldError(f"{sentence.sid}: {field}.date: {date!r} is not YYYY-MM-DD or null")
    for flag in FLAGS:
        if not isinstance(event.get(flag, False), bool):
            raise GoldError(f"{sentence.sid}: {field}.{flag}: must be true or false")
    return {
        "trigger": _span(sentence, trigger, f"{field}.trigger"),
        "type": kind,
        "mode": mode,
        "source": _span(sentence, event.get("source"), f"{field}.source", code=None),
        "target": _span(sentence, event.get("target"), f"{field}.target", code=None),
        **{flag: event.get(flag, False) for flag in FLAGS},
        "date": date,
    }


def convert_labels(corpus: list[CorpusSentence], labels_jsonl: Path | str) -> list[dict]:
    """Annotator lines (spans as sentence substrings) → records with document offsets, one per line.

    Raises:
        GoldError: an unknown sid, a span not found or ambiguous, a bad type, mode, date or flag.
    """
    by_sid = {s.sid: s for s in corpus}
    records = []
    for number, line in enumerate(Path(labels_jsonl).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        row = json.loads(line)
        sentence = by_sid.get(row.get("sid"))
        if sentence is None:
            raise GoldError(f"line {number}: sid {row.get('sid')!r} is not in the corpus")
        events = [_event(sentence, e, f"events[{i}]") for i, e in enumerate(row.get("events") or [])]
        actors = [
            _span(sentence, a, f"actors[{i}]", code=None, role_noun=False)
            for i, a in enumerate(row.get("actors") or [])
        ]
        records.append(
            {"sid": sentence.sid, "doc": sentence.doc, "events": events, "actors": actors, "note": row.get("note")}
        )
    return records
