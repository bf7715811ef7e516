"""The DuckDB store: migrations, atomic batches, dedup lookups, failure records, re-annotation."""

from __future__ import annotations

from datetime import date

import duckdb

from eventwire.dedup import fingerprint
from eventwire.model import (
    Actor,
    ActorMention,
    Article,
    Document,
    Event,
    EventActor,
    Failure,
    RawDoc,
    Sentence,
    Span,
    Timex,
)
from eventwire.store.database import PendingArticle, Store
from eventwire.store.schema import LATEST_VERSION, MIGRATIONS

STORY = (
    "The foreign ministers of the two neighbouring countries met in Geneva on Tuesday to discuss a "
    "ceasefire along the disputed border, where clashes have killed dozens of soldiers since the spring. "
    "Officials said the talks lasted six hours and ended with an agreement to reopen a military hotline. "
    "A second round is planned for next month, according to a statement released after the meeting. "
    "Observers from the United Nations welcomed the outcome but warned that previous truces had collapsed "
    "within weeks, and that displaced families would not return until the shelling stopped for good."
)


def pending(text: str, url: str | None = None, **kw) -> PendingArticle:
    article = Article(text=text, url=url, canonical_url=url, title=kw.pop("title", "Talks"), **kw)
    return PendingArticle(article, fingerprint(article.text, article.canonical_url))


def test_store_migrates_old_database_forward_and_keeps_rows(db_path):
    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)")
    con.execute(MIGRATIONS[0][2])
    con.execute("INSERT INTO schema_version VALUES (1, 'v1', now())")
    con.execute(
        "INSERT INTO articles (id, text, ingested, source_kind, text_hash) VALUES ('a_old', 'old text', now(), 'text', 'h')"
    )
    con.close()
    with Store(db_path) as store:
        assert store.schema_version() == LATEST_VERSION
        assert store.article("a_old")["text"] == "old text"
        assert "timexes" in store.counts()


def test_store_migration_adds_speaker_ref_to_quotes_of_an_older_store(db_path):
    con = duckdb.connect(str(db_path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, description VARCHAR, applied_at TIMESTAMP)")
    for version, description, sql in MIGRATIONS[:3]:
        con.execute(sql)
        con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [version, description])
    con.execute(
        "INSERT INTO quotes (article_id, start, \"end\", kind, speaker) VALUES ('a_old', 0, 9, 'direct', 'Ms. Ode')"
    )
    con.close()
    with Store(db_path) as store:
        assert store.schema_version() == LATEST_VERSION
        old = store.query("SELECT speaker, speaker_ref, speaker_ref_start, speaker_ref_end FROM quotes")
        assert old == [{"speaker": "Ms. Ode", "speaker_ref": None, "speaker_ref_start": None, "speaker_ref_end": None}]
    with Store(db_path) as store:  # opening again applies nothing twice
        assert store.schema_version() == LATEST_VERSION


def test_store_write_batch_stores_article_and_annotations_with_offsets(db_path):
    p = pending(STORY, "https://news.example/talks")
    actor = Actor("UN", "United Nations", None, "IGO", "IGOUNO")
    start = STORY.index("United Nations")
    p.document = Document(
        p.article,
        sentences=[Sentence(0, 10)],
        actors=[ActorMention(start, start + 14, "United Nations", actor)],
        timexes=[Timex(STORY.index("Tuesday"), STORY.index("Tuesday") + 7, "Tuesday", "DATE", "2024-11-19")],
    )
    p.annotator = "test-annotator"
    with Store(db_path) as store:
        assert store.write_batch([p]) == 1
        ann = store.annotations(p.article.id)
        mention = ann["actor_mentions"][0]
        row = store.article(p.article.id)
        assert row["text"][mention["start"] : mention["end"]] == "United Nations"
        assert ann["timexes"][0]["value"] == "2024-11-19"
        assert store.query("SELECT annotator FROM annotation_runs")[0]["annotator"] == "test-annotator"


def test_store_finds_exact_url_and_near_duplicates(db_path):
    first = pending(STORY, "https://news.example/talks")
    with Store(db_path) as store:
        store.write_batch([first])
        same_text = pending("  " + STORY.upper() + "  ", "https://mirror.example/x")
        assert store.find_duplicate(same_text.article, same_text.fingerprint).kind == "exact-text"
        same_url = pending("A completely different body of text.", "https://news.example/talks")
        assert store.find_duplicate(same_url.article, same_url.fingerprint).kind == "canonical-url"
        syndicated = STORY.replace("on Tuesday", "earlier this week").replace("six hours", "nearly seven hours")
        near = pending(syndicated + " Reporting by a wire service.", "https://other.example/story")
        dup = store.find_duplicate(near.article, near.fingerprint)
        assert dup is not None and dup.kind == "near" and dup.of == first.article.id and dup.similarity >= 0.6
        other = pending(
            "Parliament voted on Thursday to extend the state of emergency by ninety days after a week of "
            "protests in the capital, in which police detained more than two hundred demonstrators and "
            "opposition leaders accused the government of using the crisis to postpone local elections that "
            "had been scheduled for the autumn, while rights groups called for an independent inquiry.",
            "https://news.example/emergency",
        )
        assert store.find_duplicate(other.article, other.fingerprint) is None


def test_store_duplicate_links_and_failures_are_idempotent(db_path):
    with Store(db_path) as store:
        first = pending(STORY, "https://news.example/talks")
        store.write_batch([first])
        copy = pending(STORY, "https://mirror.example/talks")
        copy.article.item = "mirror.html"
        dup = store.find_duplicate(copy.article, copy.fingerprint)
        assert store.record_duplicate(copy.article, dup) is True
        assert store.record_duplicate(copy.article, dup) is False
        store.record_failure(Failure("bad.bin", "binary content (not text)"))
        store.record_failure(Failure("bad.bin", "binary content (not text)"))
        counts = store.counts()
        assert counts["article_duplicates"] == 1
        assert counts["ingest_failures"] == 1
        assert store.failures()[0]["attempts"] == 2


def test_store_batch_is_atomic_when_a_row_is_rejected(db_path):
    with Store(db_path) as store:
        good = pending(STORY, "https://news.example/talks")
        clash = pending("Another story entirely, about elections.", "https://news.example/elections")
        clash.article.id = good.article.id  # same primary key: the whole batch must roll back
        try:
            store.write_batch([good, clash])
        except duckdb.ConstraintException:
            pass
        else:
            raise AssertionError("duplicate primary key was accepted")
        assert store.counts()["articles"] == 0


def test_store_replace_annotations_swaps_old_rows(db_path):
    with Store(db_path) as store:
        p = pending(STORY, "https://news.example/talks")
        p.document = Document(p.article, timexes=[Timex(0, 3, "The", "DATE", "2020")])
        p.annotator = "old"
        store.write_batch([p])
        assert store.articles_to_annotate("new") == [p.article.id]
        store.replace_annotations([({"id": p.article.id}, Document(p.article))], "new")
        assert store.annotations(p.article.id)["timexes"] == []
        assert store.articles_to_annotate("new") == []


def _event(text: str, source: str, target: str, root: str, day: date) -> Event:
    start = text.index("struck")
    return Event(
        source=EventActor(source, source),
        target=EventActor(target, target),
        action=Span(start, start + 6, "struck"),
        sentence=Span(0, len(text), text),
        cameo_code=root + "0",
        root_code=root,
        plover_type="ASSAULT",
        event_date=day,
        coder="test",
    )


def test_store_groups_mentions_of_one_happening_into_one_event(db_path):
    # Two wire reports of one strike (one a day later), and a later strike in other words.
    text_a = "Ukrainian forces struck a border region in Russia with missiles on Tuesday, officials said."
    text_b = "Ukrainian forces struck a border region in Russia with long-range missiles on Tuesday, Kyiv said."
    text_c = "Ukraine struck Russian positions again two weeks later, according to the ministry."
    items = []
    for text, site, day in ((text_a, "a.example", date(2024, 11, 19)), (text_b, "b.example", date(2024, 11, 20))):
        p = pending(text * 3, f"https://{site}/x", site=site)
        p.document = Document(p.article, events=[_event(p.article.text, "UKRMIL", "RUS", "19", day)])
        items.append(p)
    later = pending(text_c * 3, "https://c.example/x", site="c.example")
    later.document = Document(
        later.article, events=[_event(later.article.text, "UKRMIL", "RUS", "19", date(2024, 12, 3))]
    )
    with Store(db_path) as store:
        store.write_batch(items[:1])
        store.write_batch(items[1:] + [later])
        events = store.query("SELECT * FROM events ORDER BY event_date")
        assert [e["num_articles"] for e in events] == [2, 1]
        assert events[0]["num_sources"] == 2 and events[0]["num_mentions"] == 2
        mention = store.query("SELECT * FROM event_mentions WHERE article_id = ?", [items[0].article.id])[0]
        assert items[0].article.text[mention["action_start"] : mention["action_end"]] == "struck"
        store.replace_annotations(
            [({"id": items[1].article.id, "site": "b.example"}, Document(items[1].article))], "v2"
        )
        assert store.query("SELECT num_articles FROM events ORDER BY event_date")[0]["num_articles"] == 1


def test_store_events_equal_a_recount_from_all_their_mentions(db_path):
    """Events first seen in a batch are computed from its rows; later mentions refresh them from the table."""
    from benchmarks.synthetic.articles import generate_articles
    from eventwire.ingestion import IngestOptions, ingest_raw
    from eventwire.store.events import REFRESH_EVENTS_SQL

    raws = [RawDoc(item=a.url, content=a.html.encode(), kind="html", url=a.url) for a in generate_articles(60, seed=5)]
    with Store(db_path) as store:
        ingest_raw(iter(raws), store, IngestOptions(batch_size=12))
        stored = store.con.execute("SELECT * FROM events ORDER BY event_id").fetchall()
        spanning = store.con.execute(
            "SELECT count(*) FROM (SELECT event_id FROM event_mentions GROUP BY 1 HAVING count(DISTINCT article_id) > 1)"
        ).fetchone()[0]
        assert spanning > 0, "the corpus should repeat some events across articles"
        store.con.execute("DELETE FROM events")
        ids = [r[0] for r in stored]
        store.con.execute(REFRESH_EVENTS_SQL.format(mentions="event_mentions"), [ids])
        assert store.con.execute("SELECT * FROM events ORDER BY event_id").fetchall() == stored
