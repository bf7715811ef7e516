"""The store's schema as an ordered list of forward migrations.

A database records the highest migration applied in ``schema_version``; opening it applies the
rest in order, each in its own transaction. Released migrations are never edited: a change to the
schema is a new entry at the end.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "articles, duplicates, failures, feed state",
        """
        CREATE TABLE articles (
            id VARCHAR PRIMARY KEY,
            url VARCHAR,
            canonical_url VARCHAR,
            title VARCHAR,
            text VARCHAR NOT NULL,
            published TIMESTAMP,
            fetched TIMESTAMP,
            ingested TIMESTAMP NOT NULL,
            site VARCHAR,
            author VARCHAR,
            language VARCHAR,
            source_kind VARCHAR NOT NULL,
            item VARCHAR,
            text_hash VARCHAR NOT NULL,
            minhash BLOB,
            raw BLOB
        );
        CREATE INDEX articles_text_hash ON articles (text_hash);
        CREATE INDEX articles_canonical_url ON articles (canonical_url);
        CREATE TABLE article_bands (band VARCHAR NOT NULL, article_id VARCHAR NOT NULL);
        CREATE INDEX article_bands_band ON article_bands (band);
        CREATE TABLE article_duplicates (
            item VARCHAR NOT NULL,
            duplicate_of VARCHAR NOT NULL,
            url VARCHAR,
            title VARCHAR,
            kind VARCHAR NOT NULL,
            similarity DOUBLE,
            seen_at TIMESTAMP NOT NULL,
            PRIMARY KEY (item, duplicate_of)
        );
        CREATE TABLE ingest_failures (
            item VARCHAR NOT NULL,
            reason VARCHAR NOT NULL,
            stage VARCHAR NOT NULL,
            first_seen TIMESTAMP NOT NULL,
            last_seen TIMESTAMP NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 1,
            PRIMARY KEY (item, reason)
        );
        CREATE TABLE feed_state (
            url VARCHAR PRIMARY KEY,
            etag VARCHAR,
            last_modified VARCHAR,
            seen_ids VARCHAR,
            checked_at TIMESTAMP
        );
        """,
    ),
    (
        2,
        "annotations: sentences, entities, actors, quotes, times",
        """
        CREATE TABLE annotation_runs (
            article_id VARCHAR PRIMARY KEY,
            annotator VARCHAR NOT NULL,
            annotated_at TIMESTAMP NOT NULL
        );
        CREATE TABLE sentences (article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL);
        CREATE TABLE entities (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text VARCHAR, label VARCHAR
        );
        CREATE TABLE actor_mentions (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR,
            actor_id VARCHAR, name VARCHAR, country VARCHAR, sector VARCHAR, cameo_code VARCHAR,
            wikidata_id VARCHAR, method VARCHAR, score DOUBLE
        );
        CREATE TABLE quotes (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, kind VARCHAR,
            content_start INTEGER, content_end INTEGER, content VARCHAR,
            speaker_start INTEGER, speaker_end INTEGER, speaker VARCHAR,
            cue_start INTEGER, cue_end INTEGER, cue VARCHAR,
            speaker_actor_id VARCHAR, speaker_code VARCHAR
        );
        CREATE TABLE timexes (
            article_id VARCHAR NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text VARCHAR,
            type VARCHAR, value VARCHAR, anchor VARCHAR
        );
        CREATE INDEX entities_article ON entities (article_id);
        CREATE INDEX actor_mentions_article ON actor_mentions (article_id);
        CREATE INDEX quotes_article ON quotes (article_id);
        CREATE INDEX timexes_article ON timexes (article_id);
        """,
    ),
    (
        3,
        "events: per-article mentions and cross-article events",
        """
        CREATE TABLE event_mentions (
            mention_id VARCHAR PRIMARY KEY, event_id VARCHAR NOT NULL, article_id VARCHAR NOT NULL,
            site VARCHAR, published TIMESTAMP, event_date DATE,
            source_code VARCHAR, source_name VARCHAR, source_actor_id VARCHAR, source_start INTEGER, source_end INTEGER,
            target_code VARCHAR, target_name VARCHAR, target_actor_id VARCHAR, target_start INTEGER, target_end INTEGER,
            action_start INTEGER, action_end INTEGER, action_text VARCHAR,
            sentence_start INTEGER, sentence_end INTEGER, sentence VARCHAR,
            cameo_code VARCHAR, root_code VARCHAR, plover_type VARCHAR, plover_mode VARCHAR, plover_context VARCHAR[],
            goldstein DOUBLE, quad_class INTEGER,
            negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN, reported BOOLEAN, speaker VARCHAR,
            location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
            confidence DOUBLE, coder VARCHAR, event_key VARCHAR NOT NULL,
            start INTEGER
        );
        CREATE INDEX event_mentions_article ON event_mentions (article_id);
        CREATE INDEX event_mentions_event ON event_mentions (event_id);
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY, event_key VARCHAR NOT NULL, event_date DATE,
            source_code VARCHAR, source_name VARCHAR, target_code VARCHAR, target_name VARCHAR,
            cameo_code VARCHAR, root_code VARCHAR, plover_type VARCHAR, plover_mode VARCHAR,
            goldstein DOUBLE, quad_class INTEGER,
            negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN, reported BOOLEAN,
            location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
            confidence DOUBLE, num_mentions INTEGER, num_sources INTEGER, num_articles INTEGER,
            first_article_id VARCHAR, sentence VARCHAR
        );
        CREATE INDEX events_key ON events (event_key);
        CREATE INDEX events_date ON events (event_date);
        CREATE INDEX events_source ON events (source_code);
        CREATE INDEX events_target ON events (target_code);
        """,
    ),
    (
        4,
        "quotes: speaker_ref, what a pronoun speaker refers to (speaker stays the mention at the cue)",
        """
        ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_ref_start INTEGER;
        ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_ref_end INTEGER;
        ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_ref VARCHAR;
        """,
    ),
    (
        5,
        "events: the person behind each side (name; source/target_actor_id is its id) apart from the code",
        # Mentions coded before this version have no person until their articles are re-annotated;
        # the events take their first mention's actor ids, as the aggregation does.
        """
        ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS source_person VARCHAR;
        ALTER TABLE event_mentions ADD COLUMN IF NOT EXISTS target_person VARCHAR;
        ALTER TABLE events ADD COLUMN IF NOT EXISTS source_actor_id VARCHAR;
        ALTER TABLE events ADD COLUMN IF NOT EXISTS source_person VARCHAR;
        ALTER TABLE events ADD COLUMN IF NOT EXISTS target_actor_id VARCHAR;
        ALTER TABLE events ADD COLUMN IF NOT EXISTS target_person VARCHAR;
        UPDATE events SET source_actor_id = first.source_actor_id, target_actor_id = first.target_actor_id
        FROM (
            SELECT event_id,
                arg_min(source_actor_id, (coalesce(published, TIMESTAMP '9999-01-01'), article_id, mention_id))
                    AS source_actor_id,
                arg_min(target_actor_id, (coalesce(published, TIMESTAMP '9999-01-01'), article_id, mention_id))
                    AS target_actor_id
            FROM event_mentions GROUP BY event_id
        ) first
        WHERE events.event_id = first.event_id;
        """,
    ),
]

LATEST_VERSION = MIGRATIONS[-1][0]
