"""Actor resolution time against parse time on the news gold standard's dev documents.

The actor stage must stay cheap next to the parse (issue 14: at most 15 % of it). Each dev
document is parsed once with the shipped model, then its actors are resolved; both are timed
(best of ``--repeat`` runs each), after one warm-up document that loads the model and the
actor table. Prints the two totals and their ratio.

Run: nice .venv/bin/python benchmarks/actor_speed.py [--split dev] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the benchmarks package sits beside it
    sys.path.insert(0, str(ROOT))

from benchmarks.news.gold import document_text, load_corpus  # noqa: E402
from eventwire.annotate.actors import load_actor_dictionary, resolve_actors  # noqa: E402
from eventwire.annotate.parse.nlp import load_nlp  # noqa: E402
from eventwire.dates import coerce_date  # noqa: E402


def measure(split: str, repeat: int) -> dict[str, float]:
    """Seconds spent parsing and resolving actors over the split's distinct documents."""
    documents = {(s.path, s.text_kind): s.published for s in load_corpus() if s.split == split}
    texts = [(document_text(path, kind), coerce_date(published)) for (path, kind), published in documents.items()]
    nlp = load_nlp()
    dictionary = load_actor_dictionary()
    resolve_actors(nlp("Warm-up: President Joe Biden met NATO officials."), None, dictionary)
    parse = actors = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        docs = [(nlp(text), when) for text, when in texts]
        parse = min(parse, time.perf_counter() - started)
        started = time.perf_counter()
        for doc, when in docs:
            resolve_actors(doc, when, dictionary)
        actors = min(actors, time.perf_counter() - started)
    return {"documents": len(texts), "parse_s": round(parse, 3), "actors_s": round(actors, 3),
            "actors_share_of_parse": round(actors / parse, 3)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(" ".join(f"{k}={v}" for k, v in measure(args.split, args.repeat).items()))


if __name__ == "__main__":
    main()
