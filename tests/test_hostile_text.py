"""Huge lines, deep markup, broken encodings and NUL bytes: clean outcomes within bounded memory.

Like test_hostile_files.py, each group runs in a real ``eventwire ingest`` process whose peak
resident memory is measured and printed. The annotating run also shows that an article the
extractor or annotator cannot take (longer than the parser's limit, or one that trips a bug) fails
alone: the other articles of its batch are stored with all their annotations.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from test_hostile_files import (
    ANNOTATING_PEAK_MB,
    BIG_LINE_BYTES,
    MB,
    PARAGRAPH,
    REFUSING_PEAK_MB,
    STORING_PEAK_MB,
    failures,
    ingest,
    stored,
)

NESTING = 100_000
# Why 1.2 MB: past spaCy's max_length (1,000,000 characters) yet under every byte cap, so it reaches the annotator.
OVER_PARSER_LIMIT_CHARS = 1_200_000
WORDS = [
    "the",
    "minister",
    "said",
    "talks",
    "would",
    "resume",
    "in",
    "paris",
    "after",
    "weeks",
    "of",
    "delay",
    "over",
    "the",
    "border",
    "dispute",
]


def write_big_line(path: Path, size: int, seed: int) -> None:
    """``size`` bytes of words on one line, written in 1 MB pieces."""
    rng = random.Random(seed)
    with path.open("w", encoding="ascii") as out:
        written = 0
        while written < size:
            piece = " ".join(rng.choice(WORDS) for _ in range(MB // 6))[: min(MB, size - written)] + " "
            out.write(piece)
            written += len(piece)


def test_hostile_big_deep_and_broken_text_is_cleanly_failed_or_stored(tmp_path: Path) -> None:
    folder = tmp_path / "odd"
    folder.mkdir()
    big = tmp_path / "line-100mb.txt"
    write_big_line(big, BIG_LINE_BYTES, seed=1)
    refused = ingest(big, tmp_path / "big.duckdb", "--no-annotate")
    assert "too large: over 10000000 bytes" in failures(refused)[str(big)]
    assert refused.peak_mb < REFUSING_PEAK_MB
    big.unlink()
    write_big_line(folder / "line-9mb.txt", 9 * MB, seed=2)
    article = f"<p>{PARAGRAPH}</p>"
    (folder / "nested-closed.html").write_text(
        f"<html><body>{'<div>' * NESTING}{article}{'</div>' * NESTING}</body></html>"
    )
    (folder / "nested-open.html").write_text(f"<html><body>{'<div><span>' * NESTING}{article}</body></html>")
    (folder / "nested-after-text.html").write_text(f"<html><body>{article}{'<b>' * NESTING}tail</body></html>")
    broken = PARAGRAPH.encode().replace(b" ", b" \xff\xfe\xc3(\xed\xa0\x80 ")
    (folder / "invalid-utf8.txt").write_bytes(broken)
    mixed = (
        f"<html><body><p>Zürich, Genève, São Paulo, Kraków: {PARAGRAPH}</p>".encode()
        + f"<p>Café: {PARAGRAPH}</p></body></html>".encode("cp1252")
    )
    (folder / "mixed-encodings.html").write_bytes(mixed)
    (folder / "nul-bytes.txt").write_bytes(PARAGRAPH.encode().replace(b" ", b"\x00 "))
    nul_line = {
        "title": "Nul\u0000 title",
        "text": "NUL\u0000 escapes: " + PARAGRAPH.replace(" trade", " \u0000trade"),
        "url": "https://news.example/nul",
    }
    (folder / "nul-escapes.jsonl").write_text(json.dumps(nul_line) + "\n")
    db = tmp_path / "store.duckdb"

    result = ingest(folder, db, "--no-annotate")
    reasons = {Path(item).name: reason for item, reason in failures(result).items()}
    texts = {Path(item.split("#")[0]).name: text for item, text in stored(db)}
    assert len(texts["line-9mb.txt"]) > 8 * MB
    for name in ("nested-closed.html", "nested-open.html", "nested-after-text.html"):
        # lxml caps the depth; either the paragraph survives or extraction says there is none.
        assert "Paris" in texts.get(name, "") or reasons.get(name) == "no article text found", (name, reasons.get(name))
    assert "Paris" in texts["invalid-utf8.txt"], "bytes no encoding explains are decoded, not refused"
    assert "Zürich, Genève, São Paulo, Kraków" in texts["mixed-encodings.html"]
    assert "Café" in texts["mixed-encodings.html"], "UTF-8 with stray windows-1252 bytes keeps both"
    assert "NUL" in reasons["nul-bytes.txt"] or "binary" in reasons["nul-bytes.txt"]
    assert texts["nul-escapes.jsonl"] == nul_line["text"], "NUL characters round-trip through the store"
    assert not any(reason.startswith("unexpected error") for reason in reasons.values()), reasons
    assert result.peak_mb < STORING_PEAK_MB


def test_hostile_annotation_failures_cost_only_their_own_article(tmp_path: Path) -> None:
    good = [
        {"url": f"https://news.example/{n}", "title": f"Talks {n}", "text": f"{PARAGRAPH} Round {n} ended on Tuesday."}
        for n in range(3)
    ]
    long_text = " ".join(WORDS * (OVER_PARSER_LIMIT_CHARS // len(" ".join(WORDS)) + 1))
    hostile = [
        {"url": "https://news.example/long", "text": long_text, "published": "2024-11-19"},
        {
            "url": "https://news.example/old",
            "text": f"{PARAGRAPH} The ruins were built 3000 years ago.",
            "published": "2024-11-19",
        },
        {
            "url": "https://news.example/end",
            "text": f"{PARAGRAPH} The talks resume tomorrow.",
            "published": "9999-12-31",
        },
        {
            "url": "https://news.example/canonical",
            "html": f'<html><head><link rel="canonical" href="https://news.[example/a"></head><body><p>{PARAGRAPH}</p>',
        },
    ]
    corpus = tmp_path / "news.jsonl"
    corpus.write_text("".join(json.dumps(line) + "\n" for line in [good[0], *hostile, *good[1:]]))
    db = tmp_path / "store.duckdb"

    result = ingest(corpus, db)
    reasons = failures(result)
    long_item = f"{corpus}#L2"
    assert reasons[long_item].startswith("unexpected error: ValueError: [E088]"), reasons
    outcomes = {item for item, _ in stored(db)} | set(reasons)
    assert outcomes == {f"{corpus}#L{n}" for n in range(1, 8)}, "every line stored or failed, none lost"
    annotated = stored(db, "SELECT a.item FROM articles a JOIN annotation_runs r ON r.article_id = a.id")
    assert {f"{corpus}#L{n}" for n in (1, 6, 7)} <= {item for (item,) in annotated}
    with_sentences = stored(db, "SELECT count(DISTINCT article_id) FROM sentences")
    assert with_sentences[0][0] == len(stored(db))
    assert all(reason.startswith("unexpected error") for reason in reasons.values())
    assert result.peak_mb < ANNOTATING_PEAK_MB
