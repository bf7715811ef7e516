"""The store's tables, the batch Parquet schema and the API models agree where they must.

Batch workers write Parquet that ``eventwire load`` reads into the store, and the API serves the
store's rows: a column added to one and not the others would be lost on the way. The allowed
differences are listed here, each with its reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from eventwire.api import schemas
from eventwire.batch.records import SCHEMAS
from eventwire.store.database import Store

# Columns the store fills itself when it loads a batch.
STORE_ONLY = {"articles": {"ingested"}, "event_mentions": {"event_id"}}
# Parquet columns that carry what the store keeps elsewhere (or recomputes) when loading.
PARQUET_ONLY = {
    "articles": {"annotator", "bands", "partition", "seq"},  # → annotation_runs, article_bands
    "quotes": {"speaker_actor"},  # the whole actor, for rebuilding documents from Parquet
    "event_mentions": {  # the Event itself, for rebuilding documents from Parquet
        "action", "event_ref", "location", "source_actor", "source_text", "stated_date", "target_actor", "target_text",
    },
    "failures": {"item", "partition", "reason", "seq", "stage"},  # → ingest_failures
}  # fmt: skip
# API event fields computed by the query (the evidence sentence of the first mention).
API_COMPUTED = {"sentence"}
# The side objects the API builds from the store's flat side columns (code, name, actor id, person).
SIDES = {"source", "target"}


@pytest.fixture(scope="module")
def columns(tmp_path_factory: pytest.TempPathFactory) -> dict[str, set[str]]:
    path = Path(tmp_path_factory.mktemp("schema")) / "schema.duckdb"
    with Store(path) as store:
        rows = store.query("SELECT table_name, column_name FROM information_schema.columns")
    tables: dict[str, set[str]] = {}
    for row in rows:
        tables.setdefault(row["table_name"], set()).add(row["column_name"])
    return tables


@pytest.mark.parametrize("table", sorted(SCHEMAS))
def test_parquet_and_store_tables_have_the_same_columns(columns: dict[str, set[str]], table: str) -> None:
    store = columns.get(table, set())
    parquet = set(SCHEMAS[table].names)
    assert store - parquet == STORE_ONLY.get(table, set())
    assert parquet - store == PARQUET_ONLY.get(table, set())


def _fields(model: type[BaseModel]) -> set[str]:
    return set(model.model_fields)


def test_api_event_fields_are_store_columns(columns: dict[str, set[str]]) -> None:
    events = columns["events"] | {"event_id"}
    assert _fields(schemas.EventOut) - API_COMPUTED - SIDES - {"event_id"} <= columns["events"]
    assert _fields(schemas.MentionOut) - SIDES - {"event_id", "mention_id"} <= columns["event_mentions"] | events
    for side in SIDES:  # what the side objects are built from
        assert {f"{side}_{c}" for c in ("code", "name", "actor_id", "person")} <= columns["events"]


def test_api_quote_fields_are_store_columns(columns: dict[str, set[str]]) -> None:
    assert _fields(schemas.QuoteOut) <= columns["quotes"] | columns["articles"] | {"article_title", "article_url"}
