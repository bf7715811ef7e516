"""Exports read back by ordinary tools: csv/jsonl/parquet, and the 61-column GDELT 2.0 event table."""

from __future__ import annotations

import io
import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

from eventwire.store import queries
from eventwire.store.database import Store
from eventwire.store.export import GDELT_COLUMNS, export_to_file, export_to_stream
from test_analysis_store import news  # noqa: F401 - fixture


@pytest.fixture()
def store(news):  # noqa: F811
    with Store(news.path, read_only=True) as s:
        yield s


def test_gdelt_export_has_the_61_codebook_columns_and_our_values(store, tmp_path):
    out = tmp_path / "events.export.CSV"
    n = export_to_file(store, "events", "gdelt", out)
    assert n == queries.count_events(store, queries.EventFilter())
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == n and all(line.count("\t") == 60 for line in lines)
    assert len(GDELT_COLUMNS) == 61 and GDELT_COLUMNS[0] == "GLOBALEVENTID" and GDELT_COLUMNS[-1] == "SOURCEURL"
    assert GDELT_COLUMNS.index("EventRootCode") == 28 and GDELT_COLUMNS.index("ActionGeo_Lat") == 56
    df = pd.read_csv(out, sep="\t", header=None, names=list(GDELT_COLUMNS), dtype=str, keep_default_na=False)
    assert df["GLOBALEVENTID"].str.fullmatch(r"\d+").all() and df["GLOBALEVENTID"].is_unique
    shelling = df[(df["EventCode"] == "190") & (df["NumArticles"] == "2")].iloc[0]
    assert shelling["Actor1Code"] == "RUSMIL" and shelling["Actor1CountryCode"] == "RUS"
    assert shelling["Actor1Type1Code"] == "MIL" and shelling["Actor2CountryCode"] == "UKR"
    assert shelling["SQLDATE"] == "20241120" and shelling["MonthYear"] == "202411" and shelling["Year"] == "2024"
    assert shelling["EventBaseCode"] == "190" and shelling["EventRootCode"] == "19" and shelling["QuadClass"] == "4"
    assert float(shelling["GoldsteinScale"]) == -10.0 and shelling["IsRootEvent"] == "1"
    assert shelling["ActionGeo_FullName"] == "Kharkiv" and shelling["ActionGeo_Type"] == "4"
    assert float(shelling["ActionGeo_Lat"]) == pytest.approx(49.99)
    assert shelling["SOURCEURL"].startswith("https://") and len(shelling["DATEADDED"]) == 14
    assert shelling["AvgTone"] == "" and shelling["Actor1Geo_Type"] == ""
    un = df[df["Actor1Code"] == "IGOUNO"].iloc[0]
    assert un["Actor1CountryCode"] == "" and un["Actor1KnownGroupCode"] == "UNO" and un["Actor1Type1Code"] == "IGO"


def test_csv_jsonl_and_parquet_exports_hold_the_same_filtered_events(store, tmp_path):
    dyad = queries.EventFilter(dyad=("RUS", "UKR"))
    expected = queries.count_events(store, dyad)
    assert export_to_file(store, "events", "csv", tmp_path / "e.csv", dyad) == expected
    csv_rows = pd.read_csv(tmp_path / "e.csv")
    assert len(csv_rows) == expected and csv_rows["source_code"].str.startswith("RUS").all()
    export_to_file(store, "events", "parquet", tmp_path / "e.parquet", dyad)
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.num_rows == expected and "event_id" in table.column_names
    buffer = io.BytesIO()
    assert export_to_stream(store, "events", "jsonl", buffer, dyad) == expected
    records = [json.loads(line) for line in buffer.getvalue().decode().splitlines()]
    assert {r["event_id"] for r in records} == set(csv_rows["event_id"])


def test_mentions_quotes_and_articles_exports(store, tmp_path, news):  # noqa: F811
    buffer = io.BytesIO()
    export_to_stream(store, "mentions", "jsonl", buffer)
    mentions = [json.loads(line) for line in buffer.getvalue().decode().splitlines()]
    assert len(mentions) == sum(len(p.document.events) for p in news.articles)
    assert all(m["action_end"] > m["action_start"] for m in mentions)
    export_to_file(store, "quotes", "csv", tmp_path / "q.csv")
    quotes = pd.read_csv(tmp_path / "q.csv")
    assert set(quotes["speaker"]) == {"Volodymyr Zelensky", "Sergei Lavrov"}
    export_to_file(store, "articles", "parquet", tmp_path / "a.parquet")
    articles = pq.read_table(tmp_path / "a.parquet").to_pandas()
    assert len(articles) == len(news.articles) and "raw" not in articles.columns
    with pytest.raises(ValueError, match="events only"):
        export_to_file(store, "quotes", "gdelt", tmp_path / "x")
    with pytest.raises(ValueError, match="unknown format"):
        export_to_file(store, "events", "xlsx", tmp_path / "x")
