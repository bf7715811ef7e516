"""Partitions: cut points, lazy range reads, deterministic ids, and the same items as ingest reads."""

from __future__ import annotations

import gzip
import io
import json
import shutil
from dataclasses import fields
from pathlib import Path

import pytest

from benchmarks.synthetic.articles import generate_articles, write_warc
from eventwire.batch.inputs import Container
from eventwire.batch.manifest import OutputDir
from eventwire.batch.partitions import RangeStream, read_container_partition, read_partition, scan_container
from eventwire.batch.plan import plan_partitions
from eventwire.model import Failure, RawDoc
from eventwire.sources import read_sources
from eventwire.sources.fetch import FetchSettings
from eventwire.sources.jsonl import read_jsonl
from eventwire.sources.warc import read_warc

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SETTINGS = FetchSettings()


def _key(doc: RawDoc | Failure) -> tuple:
    """Every field, so a field added to RawDoc is compared too."""
    return (type(doc).__name__, *(getattr(doc, f.name) for f in fields(doc)))


@pytest.fixture(scope="module")
def archives(tmp_path_factory) -> dict[str, Path]:
    """The same 23 articles as a chunked .warc.gz, a one-stream .warc.gz, a .warc, a .jsonl and a .jsonl.gz."""
    root = tmp_path_factory.mktemp("archives")
    articles = list(generate_articles(23, seed=5))
    paths = {"chunked": root / "crawl.warc.gz", "one-stream": root / "single.warc.gz", "plain": root / "plain.warc"}
    write_warc(paths["chunked"], articles)
    body = gzip.decompress(paths["chunked"].read_bytes())
    paths["one-stream"].write_bytes(gzip.compress(body))
    paths["plain"].write_bytes(body)
    lines = []
    for n, article in enumerate(articles):
        lines.append(json.dumps({"url": article.url, "title": article.title, "text": article.text}))
        if n % 7 == 3:
            lines.append("")  # blank lines still count in item names (file.jsonl#L<n>)
    paths["jsonl"] = root / "wire.jsonl"
    paths["jsonl"].write_text("\n".join(lines) + "\n")
    paths["jsonl-gz"] = root / "wire.jsonl.gz"
    paths["jsonl-gz"].write_bytes(gzip.compress(paths["jsonl"].read_bytes()))
    return paths


@pytest.mark.parametrize(
    ("name", "kind", "mode"),
    [
        ("chunked", "warc", "records"),
        ("one-stream", "warc", "stream"),
        ("plain", "warc", "records"),
        ("jsonl", "jsonl", "lines"),
        ("jsonl-gz", "jsonl", "stream"),
    ],
)
def test_batch_partitions_read_the_same_items_as_the_whole_file(archives, name, kind, mode):
    path = str(archives[name])
    slices = scan_container(path, kind, 5, SETTINGS)
    assert {s.mode for s in slices} == {mode}
    assert len(slices) == (6 if mode == "lines" else 5)  # the JSONL file has 26 lines, 3 of them blank
    got = [doc for n, s in enumerate(slices) for doc in read_container_partition(s.placed(n, 5), SETTINGS)]
    with open(path, "rb") as stream:
        reader = read_warc if kind == "warc" else read_jsonl
        want = list(reader(stream, path, SETTINGS.max_bytes))
    assert len(want) == 23
    assert [_key(d) for d in got] == [_key(d) for d in want]


def test_batch_partitions_damaged_archive_reports_the_damage_like_ingest(archives, tmp_path):
    damaged = tmp_path / "cut.warc.gz"
    data = archives["chunked"].read_bytes()
    damaged.write_bytes(data[: len(data) * 2 // 3])
    slices = scan_container(str(damaged), "warc", 4, SETTINGS)
    got = [doc for n, s in enumerate(slices) for doc in read_container_partition(s.placed(n, 4), SETTINGS)]
    with damaged.open("rb") as stream:
        want = list(read_warc(stream, str(damaged), SETTINGS.max_bytes))
    assert isinstance(want[-1], Failure)
    assert [_key(d) for d in got] == [_key(d) for d in want]


def test_batch_partitions_ids_are_deterministic_and_depend_on_the_size(archives):
    path = str(archives["chunked"])
    first = [s.placed(n, 5) for n, s in enumerate(scan_container(path, "warc", 5, SETTINGS))]
    again = [s.placed(n, 5) for n, s in enumerate(scan_container(path, "warc", 5, SETTINGS))]
    other = [s.placed(n, 6) for n, s in enumerate(scan_container(path, "warc", 6, SETTINGS))]
    assert first == again
    assert len({p.id for p in first}) == len(first)
    assert not {p.id for p in first} & {p.id for p in other}


def test_batch_partitions_range_stream_is_a_window():
    base = io.BytesIO(bytes(range(100)))
    view = RangeStream(base, 10, 20)
    assert view.read(4) == bytes([10, 11, 12, 13])
    assert view.read() == bytes(range(14, 20))
    assert view.read() == b""
    view.seek(0)
    assert view.tell() == 0 and view.read(2) == bytes([10, 11])
    view.seek(-1, io.SEEK_END)
    assert view.read() == bytes([19])


def _serial_scan(size):
    def scan_many(containers: list[Container]):
        return [scan_container(c.url, c.kind, size, SETTINGS) for c in containers]

    return scan_many


def test_batch_plan_reads_the_sample_corpus_exactly_as_ingest(tmp_path):
    corpus = tmp_path / "examples"
    shutil.copytree(EXAMPLES, corpus)
    out = OutputDir(str(tmp_path / "out"))
    partitions = plan_partitions([str(corpus)], 2, SETTINGS, out, _serial_scan(2))
    assert [p.index for p in partitions] == list(range(len(partitions)))
    assert {"staged", "records", "lines"} <= {p.mode for p in partitions}
    got = [doc for p in partitions for doc in read_partition(p, out, SETTINGS)]
    want = list(read_sources([str(corpus)]))
    assert len(want) >= 12
    assert [_key(d) for d in got] == [_key(d) for d in want]
    again = plan_partitions([str(corpus)], 2, SETTINGS, out, _serial_scan(2))
    assert again == partitions


def test_batch_plan_missing_input_is_a_failure_item(tmp_path):
    out = OutputDir(str(tmp_path / "out"))
    partitions = plan_partitions([str(tmp_path / "nothing-here")], 10, SETTINGS, out, _serial_scan(10))
    items = [doc for p in partitions for doc in read_partition(p, out, SETTINGS)]
    assert [(d.item, d.reason) for d in items] == [(str(tmp_path / "nothing-here"), "no such file or directory")]


def test_batch_plan_reads_fsspec_urls_like_local_files(archives, tmp_path):
    """Object-store inputs (here fsspec's in-memory filesystem): a directory walk, range reads, documents."""
    import fsspec

    memory = fsspec.filesystem("memory")
    memory.pipe("/crawl/a.warc.gz", archives["chunked"].read_bytes())
    memory.pipe("/crawl/b.jsonl", archives["jsonl"].read_bytes())
    memory.pipe("/crawl/page.html", (EXAMPLES / "html" / "meridian-post-eu-sanctions-belarus.html").read_bytes())
    memory.pipe("/crawl/README.md", b"not an article")
    try:
        out = OutputDir(str(tmp_path / "out"))
        partitions = plan_partitions(["memory://crawl"], 5, SETTINGS, out, _serial_scan(5))
        assert [p.mode for p in partitions] == ["records"] * 5 + ["lines"] * 6 + ["staged"]
        items = [doc for p in partitions for doc in read_partition(p, out, SETTINGS)]
        assert len(items) == 23 + 23 + 1
        assert items[0].item == "memory:///crawl/a.warc.gz#record-2"
        assert items[22].item == "memory:///crawl/a.warc.gz#record-24"
        assert items[23].item == "memory:///crawl/b.jsonl#L1" and items[-1].item == "memory:///crawl/page.html"
        with open(archives["chunked"], "rb") as stream:
            want = [d.content for d in read_warc(stream, "x", SETTINGS.max_bytes)]
        assert [d.content for d in items[:23]] == want
    finally:
        memory.rm("/crawl", recursive=True)
