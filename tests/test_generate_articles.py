"""The sample-article generator: deterministic, varied, realistic enough to exercise every stage."""

from __future__ import annotations

import re
from collections import Counter

from warcio.archiveiterator import ArchiveIterator

from benchmarks.synthetic.articles import EVENT_KINDS, generate_article, generate_articles, write_warc
from eventwire.sources.warc import read_warc

EVENT_VERBS = re.compile(r"\b(met|accused|threatened|attacked|imposed new sanctions|pledged|held talks)\b")
WEEKDAY = re.compile(r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")


def test_generate_same_seed_same_articles_and_prefix_stable():
    first = list(generate_articles(30, seed=7))
    assert first == list(generate_articles(30, seed=7))
    assert first[:10] == list(generate_articles(10, seed=7))
    assert generate_article(12, seed=7) == first[12]
    other = list(generate_articles(30, seed=8))
    assert {a.text for a in first}.isdisjoint({a.text for a in other})


def test_generate_articles_are_varied_multi_paragraph_news():
    articles = list(generate_articles(200, seed=0))
    assert len({a.url for a in articles}) == 200
    texts = Counter(a.text for a in articles)
    assert len(texts) >= 185, "only a small share may be syndicated copies"
    assert len({a.title for a in articles}) >= 150
    for article in articles:
        paragraphs = article.text.split("\n\n")
        assert len(paragraphs) >= 4
        assert 100 <= len(article.text.split()) <= 600
        assert article.published.tzinfo is not None
        assert article.title in article.html and paragraphs[1].replace('"', "&quot;") in article.html
    verbs = Counter(m.group(1) for a in articles for m in EVENT_VERBS.finditer(a.text))
    assert len(verbs) == len(EVENT_KINDS), verbs
    assert sum(" said" in a.text for a in articles) >= 190
    assert sum(bool(WEEKDAY.search(a.text)) for a in articles) >= 190
    assert len({a.published.date() for a in articles}) >= 150


def test_generate_some_articles_are_syndicated_copies_on_other_urls():
    articles = list(generate_articles(300, seed=3))
    by_first_paragraph: dict[str, set[str]] = {}
    for article in articles:
        by_first_paragraph.setdefault(article.text.split("\n\n")[0], set()).add(article.url)
    copies = [urls for urls in by_first_paragraph.values() if len(urls) > 1]
    assert 3 <= len(copies) <= 30


def test_generate_write_warc_round_trips_through_the_warc_reader(tmp_path):
    articles = list(generate_articles(25, seed=1))
    path = tmp_path / "sample.warc.gz"
    assert write_warc(path, articles) == 25
    assert path.read_bytes()[:2] == b"\x1f\x8b"
    with path.open("rb") as stream:
        types = [record.rec_type for record in ArchiveIterator(stream)]
    assert types == ["warcinfo"] + ["response"] * 25
    with path.open("rb") as stream:
        docs = list(read_warc(stream, str(path), 10_000_000))
    assert [d.url for d in docs] == [a.url for a in articles]
    assert docs[3].content.decode("utf-8") == articles[3].html
    assert docs[0].kind == "html" and docs[0].fetched is not None


def test_generators_live_outside_the_runtime_package():
    import importlib.util
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "src" / "eventwire"
    for gone in ("eventwire.sources.generate", "eventwire.store.synthetic"):
        assert importlib.util.find_spec(gone) is None, gone
    importers = [
        p for p in src.rglob("*.py") if re.search(r"^\s*(from|import) benchmarks\b", p.read_text("utf-8"), re.M)
    ]
    assert importers == []
