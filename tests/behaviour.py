"""What the pipeline produces on the seed article and every example item, as comparable JSON.

The snapshot in ``tests/data/behaviour.json`` was taken before the pipeline was restructured;
``test_behaviour.py`` checks that the output is still the same. Texts are left out (only offsets,
labels and codes are kept) so no article text is copied into the project.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "data" / "behaviour.json"
DOCUMENT_LISTS = ("sentences", "entities", "actors", "quotes", "timexes", "events")
# The coder that produced the snapshot's events: the comparison runs with it (the default coder
# changed on purpose since, and its events are checked by their own tests).
SNAPSHOT_CODER = "eventwire.dependency.v3"
# Free text that comes from the article; offsets already pin it down.
TEXT_KEYS = {"text"}


def strip_texts(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: strip_texts(v) for k, v in value.items() if k not in TEXT_KEYS}
    if isinstance(value, list):
        return [strip_texts(v) for v in value]
    return value


def document_summary(document: Any) -> dict[str, Any]:
    """The annotation lists of a document, texts removed."""
    plain = document.to_dict()
    return {name: strip_texts(plain[name]) for name in DOCUMENT_LISTS}


def current_behaviour(shared: Path) -> dict[str, Any]:
    """Analyse the seed and each example item with the public API, the way ``eventwire analyze`` does."""
    from eventwire import analyze
    from eventwire.extract import extract_raw
    from eventwire.pipeline import PipelineConfig
    from eventwire.sources import read_sources

    config = PipelineConfig(coder=SNAPSHOT_CODER, min_confidence=0.0)

    seed = str(shared / "corpus" / "seed_article_rvcj.txt")
    out: dict[str, Any] = {}
    from eventwire.sources.fetch import FetchSettings

    # The example feeds link to the example pages beside them: trusted, local links allowed.
    for raw in read_sources([seed, str(ROOT / "examples")], fetch=FetchSettings(allow_local_links=True)):
        if not hasattr(raw, "content"):
            continue
        article = extract_raw(raw)
        key = "seed" if raw.item == seed else str(Path(raw.item).relative_to(ROOT))
        doc = analyze(article.text, published=article.published, title=article.title, config=config)
        out[key] = document_summary(doc)
    return out


def demo_counts(db_path: Path) -> dict[str, int]:
    """Table counts after ingesting examples/ as ``make demo`` does."""
    from eventwire import IngestOptions, Store, ingest
    from eventwire.sources.fetch import FetchSettings

    with Store(db_path) as store:
        ingest(
            [str(ROOT / "examples")],
            store,
            IngestOptions(coder=SNAPSHOT_CODER, min_confidence=0.0, fetch=FetchSettings(allow_local_links=True)),
        )
        return store.counts()


if __name__ == "__main__":
    import sys
    import tempfile

    from eventwire.paths import shared_dir

    with tempfile.TemporaryDirectory() as tmp:
        data = {"analyze": current_behaviour(shared_dir()), "demo": demo_counts(Path(tmp) / "demo.duckdb")}
    SNAPSHOT.write_text(json.dumps(data, indent=1, sort_keys=True) + "\n")
    sys.stdout.write(f"wrote {SNAPSHOT}: {len(data['analyze'])} documents, demo {data['demo']}\n")
