"""Article extraction measured on trafilatura's evaluation set (gold/extraction/trafilatura_eval).

Counting follows trafilatura's own evaluation (tests/eval_common.py): per page, every "with"
snippet found in the output (after whitespace normalisation) is a true positive, else a false
negative; every "without" snippet found is a false positive, else a true negative. Counts are
summed over the corpus; precision = TP/(TP+FP), recall = TP/(TP+FN). A page that raises counts
as an empty output (a full miss), as a library failing in production would.

Both systems run in the same process on the same bytes, page by page, alternating which goes
first: eventwire's ``extract_article`` (text plus metadata) and bare ``trafilatura.extract(html)``
with its defaults. Only extraction is timed, not scoring. For eventwire the share of pages with
each metadata field found is reported too (there is no metadata gold here).

Run: nice .venv/bin/python benchmarks/extraction.py [--limit N] [--json]
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura

from eventwire.extract import ExtractionError, extract_article
from eventwire.model import Article
from eventwire.paths import shared_path

WHITESPACE = re.compile(r"\s+")


@dataclass(slots=True)
class Page:
    key: str
    url: str | None
    html: bytes
    with_snippets: list[str]
    without_snippets: list[str]


@dataclass(slots=True)
class Tally:
    """Summed confusion counts and extraction time of one system."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    seconds: float = 0.0
    pages: int = 0
    failures: int = 0
    metadata: dict[str, int] = field(default_factory=dict)  # pages with each Article field filled

    def figures(self) -> dict[str, Any]:
        precision = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        recall = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "pages_per_s": round(self.pages / self.seconds, 2) if self.seconds else 0.0,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "tn": self.tn,
            "failures": self.failures,
            **(
                {"metadata_found": {k: round(v / self.pages, 3) for k, v in self.metadata.items()}}
                if self.metadata
                else {}
            ),
        }


def normalize(text: str) -> str:
    return WHITESPACE.sub(" ", text).strip()


def load_pages(limit: int | None = None, corpus: Path | None = None) -> list[Page]:
    """The evaluation pages in evaldata.json order (the first ``limit`` of them)."""
    corpus = corpus or shared_path("gold", "extraction", "trafilatura_eval")
    evaldata = json.loads((corpus / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for key, item in list(evaldata.items())[:limit]:
        html = gzip.decompress((corpus / "pages" / f"{item['file']}.gz").read_bytes())
        url = key.strip() if key.startswith("http") else None
        pages.append(Page(key, url, html, item["with"], item["without"]))
    return pages


def count(page: Page, output: str | None) -> tuple[int, int, int, int]:
    """(tp, fp, fn, tn) of one output, by whitespace-normalised substring matching."""
    if not output:
        return 0, 0, len(page.with_snippets), len(page.without_snippets)
    text = normalize(output)
    tp = sum(1 for s in page.with_snippets if normalize(s) in text)
    fp = sum(1 for s in page.without_snippets if normalize(s) in text)
    return tp, fp, len(page.with_snippets) - tp, len(page.without_snippets) - fp


METADATA_FIELDS = ("title", "published", "author", "site", "language", "canonical_url")


def eventwire_text(page: Page) -> Article:
    return extract_article(page.html, page.url)


def trafilatura_text(page: Page) -> str | None:
    return trafilatura.extract(page.html)


def _run_one(system: Callable[[Page], Article | str | None], page: Page, tally: Tally) -> None:
    start = time.perf_counter()
    try:
        result = system(page)
    except (ExtractionError, ValueError, TypeError):
        result = None
    tally.seconds += time.perf_counter() - start
    if isinstance(result, Article):
        for name in METADATA_FIELDS:
            tally.metadata[name] = tally.metadata.get(name, 0) + (getattr(result, name) is not None)
        output: str | None = result.text
    else:
        output = result
    tally.pages += 1
    tally.failures += output is None
    tp, fp, fn, tn = count(page, output)
    tally.tp += tp
    tally.fp += fp
    tally.fn += fn
    tally.tn += tn


def run_benchmark(limit: int | None = None, corpus: Path | None = None) -> dict[str, Any]:
    """Score and time eventwire and bare trafilatura on the first ``limit`` pages (all when None).

    Returns:
        {"pages", "eventwire": figures, "trafilatura": figures, "ratios": {"f1", "speed"}}.
    """
    pages = load_pages(limit, corpus)
    systems = {"eventwire": eventwire_text, "trafilatura": trafilatura_text}
    tallies = {name: Tally() for name in systems}
    if pages:  # warm-up: imports, lazy tables and caches are not page costs
        for system in systems.values():
            with contextlib.suppress(ValueError):
                system(pages[0])
    for i, page in enumerate(pages):
        order = list(systems) if i % 2 == 0 else list(reversed(systems))
        for name in order:
            _run_one(systems[name], page, tallies[name])
    figures = {name: tally.figures() for name, tally in tallies.items()}
    ours, bare = figures["eventwire"], figures["trafilatura"]
    return {
        "pages": len(pages),
        **figures,
        "ratios": {
            "f1": round(ours["f1"] / bare["f1"], 4) if bare["f1"] else 0.0,
            "speed": round(ours["pages_per_s"] / bare["pages_per_s"], 4) if bare["pages_per_s"] else 0.0,
        },
    }


def format_report(result: dict[str, Any]) -> str:
    lines = [
        f"trafilatura_eval: {result['pages']} pages",
        f"{'system':<12} {'precision':>9} {'recall':>7} {'F1':>7} {'pages/s':>8} {'failures':>8}",
    ]
    for name in ("eventwire", "trafilatura"):
        f = result[name]
        lines.append(
            f"{name:<12} {f['precision']:>9.4f} {f['recall']:>7.4f} {f['f1']:>7.4f} "
            f"{f['pages_per_s']:>8.2f} {f['failures']:>8}"
        )
    found = result["eventwire"].get("metadata_found", {})
    lines.append("eventwire metadata found: " + ", ".join(f"{k} {v:.0%}" for k, v in found.items()))
    ratios = result["ratios"]
    lines.append(f"eventwire / trafilatura: F1 x{ratios['f1']:.4f}, speed x{ratios['speed']:.4f}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # trafilatura logs every discarded page
    result = run_benchmark(args.limit)
    print(json.dumps(result, indent=2) if args.json else format_report(result))


if __name__ == "__main__":
    main()
