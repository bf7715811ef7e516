"""Long texts: annotation time against length, and what is found past 100,000 characters.

The PolNeAR training texts of the shared data, joined with blank lines, make one long text. The
script times ``analyze`` on its first 100,000 and 400,000 characters (after a warm-up; best of
``--repeat``) and prints the ratio (goal: at most 4.5, linear is 4), with each stage's seconds;
then the events, actors and quotes found in its first 105,000 and 110,000 characters (events used
to vanish past ~107,000) and the warnings the pipeline recorded.

    nice python benchmarks/long_text.py
    nice python benchmarks/long_text.py --sizes 50000 200000 --repeat 1
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

if str(Path(__file__).resolve().parents[1] / "src") not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventwire.model import Article, Document  # noqa: E402
from eventwire.paths import shared_path  # noqa: E402
from eventwire.pipeline import get_pipeline  # noqa: E402

TEXTS = ("gold", "quotes", "polnear", "train", "text")


def long_text() -> str:
    """The PolNeAR training texts in name order, joined by blank lines (built here, never stored)."""
    files = sorted(shared_path(*TEXTS).glob("*.txt"))
    if not files:
        raise SystemExit(f"no texts under {shared_path(*TEXTS)}")
    return "\n\n".join(f.read_text(encoding="utf-8") for f in files)


def timed(text: str) -> tuple[float, dict[str, float], Document]:
    """Seconds for the whole pipeline on ``text``, the seconds of each stage, and the document."""
    pipeline = get_pipeline()
    document = Document(Article(text=text))
    stages = {}
    started = time.perf_counter()
    for stage in pipeline.stages:
        t = time.perf_counter()
        document = stage(document)
        stages[stage.name] = round(time.perf_counter() - t, 2)
    return time.perf_counter() - started, stages, document


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs=2, default=[100_000, 400_000], metavar=("SMALL", "LARGE"))
    parser.add_argument("--repeat", type=int, default=2, help="timings per size; the best is kept")
    args = parser.parse_args()
    text = long_text()
    small, large = args.sizes
    if len(text) < large:
        raise SystemExit(f"the joined text has only {len(text)} characters")
    timed(text[:20_000])  # warm-up: model, dictionaries, lexicon
    figures: dict = {"chars": {}, "found": {}}
    for size in (small, large):
        runs = [timed(text[:size]) for _ in range(args.repeat)]
        seconds, stages, _ = min(runs, key=lambda r: r[0])
        figures["chars"][size] = {"seconds": round(seconds, 2), "chars_per_s": round(size / seconds), "stages": stages}
    figures["ratio"] = round(figures["chars"][large]["seconds"] / figures["chars"][small]["seconds"], 2)
    for size in (105_000, 110_000):
        _, _, doc = timed(text[:size])
        figures["found"][size] = {
            "events": len(doc.events),
            "actors": len(doc.actors),
            "quotes": len(doc.quotes),
            "warnings": doc.warnings,
        }
    print(json.dumps(figures, indent=2))
    print(
        f"analyze: {small} chars {figures['chars'][small]['seconds']} s, {large} chars "
        f"{figures['chars'][large]['seconds']} s: ratio {figures['ratio']} (goal <= 4.5; linear 4.0)"
    )
    for size, found in figures["found"].items():
        print(f"first {size} chars: {found['events']} events, {found['actors']} actors, {found['quotes']} quotes")


if __name__ == "__main__":
    main()
