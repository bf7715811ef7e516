"""Scale-out: the ingest pipeline on a Dask cluster, into partitioned Parquet, and back into a store.

``run_batch`` plans and runs a resumable job (see docs/scale-out.md), ``load_batch`` merges its
output into a store with ingest's dedup rules, ``query_batch``/``connect_batch`` query it in place.
"""

from eventwire.batch.load import LoadSummary, load_batch
from eventwire.batch.query import connect_batch, query_batch
from eventwire.batch.run import BatchOptions, BatchSummary, run_batch

__all__ = ["BatchOptions", "BatchSummary", "LoadSummary", "connect_batch", "load_batch", "query_batch", "run_batch"]
